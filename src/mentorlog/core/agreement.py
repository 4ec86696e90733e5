"""The mentoring agreement: template, versioned edits, sign-offs and status (pure)."""

from collections.abc import Callable
from datetime import date

from msgspec import Struct, structs

from mentorlog.core.ids import pick_by_prefix
from mentorlog.core.model import Agreement, AgreementChange, AgreementItem, Relationship, SignOff
from mentorlog.core.text import plural
from mentorlog.errors import UserError

# The sections of a good agreement, in the order a conversation takes them, with the
# questions each placeholder asks. The mentee usually drafts; the mentor accepts or amends.
TEMPLATE: tuple[tuple[str, str, str], ...] = (
    (
        "goals",
        "mentee",
        "What the mentee wants to achieve: 2-3 verifiable goals, long-term ones broken into short-term steps.",
    ),
    (
        "roles",
        "both",
        "What this mentoring is, and what it is not (not supervision, appraisal or therapy).",
    ),
    ("meetings", "both", "How often and how long we meet, and where (in person, video, call)."),
    (
        "meetings",
        "mentee",
        "Who schedules; the next date is fixed at the end of each meeting; cancellation notice (e.g. 24 hours).",
    ),
    (
        "communication",
        "both",
        "Channels between meetings and the reply time we can expect of each other.",
    ),
    (
        "responsibilities",
        "mentee",
        "Mentee: sets the agenda and sends it a day ahead; follows up on agreed actions.",
    ),
    (
        "responsibilities",
        "mentor",
        "Mentor: prepares, listens, shares experience, gives honest feedback, makes introductions.",
    ),
    (
        "confidentiality",
        "both",
        "What stays between us, what is off-limits, and how a conflict of interest is handled.",
    ),
    ("feedback", "both", "How progress is assessed and how either of us raises a problem."),
    (
        "duration",
        "both",
        "Term (e.g. 6 or 12 months, with an option to extend) and review dates (e.g. quarterly).",
    ),
    (
        "ending",
        "both",
        "How the relationship ends: planned from the start; either side may end it without blame.",
    ),
)
SECTIONS = tuple(dict.fromkeys(section for section, _, _ in TEMPLATE))


class AgreementState(Struct, kw_only=True):
    """Where an agreement stands: its status, version, signatures and review date."""

    status: str  # none, draft, awaiting, agreed
    version: int
    review_by: date | None
    review_overdue: bool
    signed_by: list[str]
    placeholders: int


def status_of(agreement: Agreement, as_of: date) -> AgreementState:
    signed = sorted({s.party for s in agreement.signoff if s.version == agreement.version})
    if not agreement.item and not agreement.signoff:
        status = "none"
    elif {"mentor", "mentee"} <= set(signed):
        status = "agreed"
    elif signed:
        status = "awaiting"
    else:
        status = "draft"
    return AgreementState(
        status=status,
        version=agreement.version,
        review_by=agreement.review_by,
        review_overdue=agreement.review_by is not None and agreement.review_by < as_of,
        signed_by=signed,
        placeholders=sum(1 for item in agreement.item if item.placeholder),
    )


def _changed(agreement: Agreement, day: date, what: str, items: list[AgreementItem]) -> Agreement:
    """Any change after a sign-off of the current version starts a new version."""
    signed_current = any(s.version == agreement.version for s in agreement.signoff)
    version = agreement.version + 1 if signed_current else agreement.version
    change = AgreementChange(version=version, date=day, what=what)
    return structs.replace(
        agreement, version=version, item=items, change=[*agreement.change, change]
    )


def section_name(text: str) -> str:
    section = " ".join(text.strip().lower().split())
    if not section:
        raise UserError("The section is empty.", hint=f"Sections: {', '.join(SECTIONS)}.")
    return section


def add_template(agreement: Agreement, new_id: Callable[[], str], day: date) -> Agreement:
    present = {(item.section, item.text) for item in agreement.item}
    added = [
        AgreementItem(id=new_id(), section=section, text=text, owner=owner, placeholder=True)
        for section, owner, text in TEMPLATE
        if (section, text) not in present
    ]
    if not added:
        raise UserError("The agreement already holds every template item.")
    return _changed(
        agreement,
        day,
        f"added the template ({plural(len(added), 'item')} to fill in)",
        [*agreement.item, *added],
    )


def add_item(agreement: Agreement, item: AgreementItem, day: date) -> Agreement:
    return _changed(
        agreement, day, f"added {item.id} ({item.section}): {item.text}", [*agreement.item, item]
    )


def find_item(agreement: Agreement, prefix: str) -> AgreementItem:
    return pick_by_prefix(agreement.item, prefix, "agreement item", key=lambda item: item.id)


def edit_item(
    agreement: Agreement,
    item_id: str,
    day: date,
    text: str | None,
    section: str | None,
    owner: str | None,
) -> Agreement:
    old = find_item(agreement, item_id)
    new = structs.replace(
        old,
        text=text if text is not None else old.text,
        section=section if section is not None else old.section,
        owner=owner if owner is not None else old.owner,
        placeholder=old.placeholder and text is None,
    )
    if new == old:
        raise UserError(f"Item {old.id} already says that.")
    parts = []
    if new.text != old.text:
        parts.append(f"text '{old.text}' → '{new.text}'")
    if new.section != old.section:
        parts.append(f"section {old.section} → {new.section}")
    if new.owner != old.owner:
        parts.append(f"owner {old.owner} → {new.owner}")
    items = [new if item.id == old.id else item for item in agreement.item]
    return _changed(agreement, day, f"edited {old.id}: {'; '.join(parts)}", items)


def remove_item(agreement: Agreement, item_id: str, day: date) -> Agreement:
    old = find_item(agreement, item_id)
    items = [item for item in agreement.item if item.id != old.id]
    return _changed(agreement, day, f"removed {old.id} ({old.section}): {old.text}", items)


def sign(agreement: Agreement, parties: list[str], day: date, review_by: date | None) -> Agreement:
    """Record sign-offs of the current version; placeholders must be filled in first."""
    if not agreement.item:
        raise UserError(
            "The agreement has no items to agree on.",
            hint="Start with: mentorlog expect template REL",
        )
    open_items = [item.id for item in agreement.item if item.placeholder]
    if open_items:
        raise UserError(
            f"Still template placeholders ({plural(len(open_items), 'item')}): {', '.join(open_items)}.",
            hint="Fill each in with 'mentorlog expect edit REL ID TEXT' or remove it.",
        )
    signed = {s.party for s in agreement.signoff if s.version == agreement.version}
    new = [
        SignOff(party=p, version=agreement.version, date=day) for p in parties if p not in signed
    ]
    if not new and review_by is None:
        raise UserError(f"Version {agreement.version} is already signed by {', '.join(parties)}.")
    return structs.replace(
        agreement,
        signoff=[*agreement.signoff, *new],
        review_by=review_by if review_by is not None else agreement.review_by,
    )


class AgreementView(Struct, kw_only=True):
    """The agreement as a document: who, what, signed by whom, and how it changed."""

    relationship: str
    mentor: str
    mentee: str
    status: str
    version: int
    review_by: date | None
    review_overdue: bool
    items: list[AgreementItem]
    signoffs: list[SignOff]
    history: list[AgreementChange]


def agreement_view(rel: Relationship, owner: str, as_of: date) -> AgreementView:
    me = owner or "me"
    state = status_of(rel.agreement, as_of)
    order = {section: index for index, section in enumerate(SECTIONS)}
    items = sorted(rel.agreement.item, key=lambda item: order.get(item.section, len(order)))
    return AgreementView(
        relationship=rel.id,
        mentor=me if rel.my_role == "mentor" else rel.counterpart,
        mentee=rel.counterpart if rel.my_role == "mentor" else me,
        status=state.status,
        version=state.version,
        review_by=state.review_by,
        review_overdue=state.review_overdue,
        items=items,
        signoffs=rel.agreement.signoff,
        history=rel.agreement.change,
    )
