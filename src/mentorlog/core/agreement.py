"""The mentoring agreement: template, versioned edits, sign-offs and status, and the agreement
as one document to edit (pure)."""

import difflib
import re
import textwrap
from collections.abc import Callable
from datetime import date
from itertools import chain, groupby

from msgspec import Struct, structs

from mentorlog.core.editor_template import COMMENT, SCISSORS
from mentorlog.core.ids import pick_by_prefix
from mentorlog.core.model import (
    PARTIES,
    Agreement,
    AgreementChange,
    AgreementItem,
    Relationship,
    SignOff,
)
from mentorlog.core.text import MAX_ITEM, MAX_LINE, plural
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
# How alike a typed section name and a known one must be (difflib's ratio) to be taken for a
# typo of it: "comunication", "meeting" and "responsibility" are; "meeting notes" and "end" are
# not.
NEAR_SECTION = 0.8


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


def _signed_current(agreement: Agreement) -> bool:
    return any(s.version == agreement.version for s in agreement.signoff)


def _changed(agreement: Agreement, day: date, what: str, items: list[AgreementItem]) -> Agreement:
    """Any change after a sign-off of the current version starts a new version. One change is
    one line of history, however many items it touched, cut to the length a record holds."""
    version = agreement.version + 1 if _signed_current(agreement) else agreement.version
    line = what if len(what) <= MAX_ITEM else what[: MAX_ITEM - 1] + "…"
    change = AgreementChange(version=version, date=day, what=line)
    return structs.replace(
        agreement, version=version, item=items, change=[*agreement.change, change]
    )


def _normal_section(text: str) -> str:
    return " ".join(text.strip().lower().split())


def section_name(text: str) -> str:
    section = _normal_section(text)
    if not section:
        raise UserError("The section is empty.", hint=f"Sections: {', '.join(SECTIONS)}.")
    return section


def check_section(section: str, agreement: Agreement, new_section: bool, where: str = "") -> str:
    """Refuse a section name close to one in use or in the template but not equal to it: a typo
    would start a stray section, to be signed as part of the agreement. A name unlike any is a
    new section; `new_section` takes a near one as new too. `where` starts the message."""
    known = sorted({*SECTIONS, *(_normal_section(item.section) for item in agreement.item)})
    if new_section or section in known:
        return section
    near = difflib.get_close_matches(section, known, n=1, cutoff=NEAR_SECTION)
    if near:
        raise UserError(
            f"{where}There is no section '{section}'; did you mean '{near[0]}'?",
            hint=f"Use '{near[0]}', or start a new section '{section}' with --new-section.",
        )
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


def _edit_words(old: AgreementItem, new: AgreementItem) -> str:
    """What an edit changed, with the earlier text, for the history."""
    parts = []
    if new.text != old.text:
        parts.append(f"text '{old.text}' → '{new.text}'")
    if new.section != old.section:
        parts.append(f"section {old.section} → {new.section}")
    if new.owner != old.owner:
        parts.append(f"owner {old.owner} → {new.owner}")
    if new.placeholder != old.placeholder:
        parts.append("to fill in again" if new.placeholder else "filled in")
    return f"edited {old.id}: {'; '.join(parts)}"


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
    items = [new if item.id == old.id else item for item in agreement.item]
    return _changed(agreement, day, _edit_words(old, new), items)


def _removed_words(items: list[AgreementItem]) -> str:
    return "removed " + "; ".join(f"{item.id} ({item.section}): {item.text}" for item in items)


def remove_items(agreement: Agreement, item_ids: list[str], day: date) -> Agreement:
    """Remove several items as one change (one new version at most), all or nothing: an id that
    names no item stops it before anything is removed."""
    removed = list({item.id: item for item in (find_item(agreement, i) for i in item_ids)}.values())
    gone = {item.id for item in removed}
    items = [item for item in agreement.item if item.id not in gone]
    return _changed(agreement, day, _removed_words(removed), items)


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
            hint="Fill each in with 'mentorlog expect edit REL ID TEXT' or remove it, or all of "
            "them at once with 'mentorlog expect fill REL'.",
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


def in_document_order(items: list[AgreementItem]) -> list[AgreementItem]:
    """The template's sections in their order, then the others in the order they first appear,
    each section's items as stored: every section is one heading, never split in two."""
    sections = dict.fromkeys([*SECTIONS, *(item.section for item in items)])
    order = {section: index for index, section in enumerate(sections)}
    return sorted(items, key=lambda item: order[item.section])


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
    items = in_document_order(rel.agreement.item)
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


# The agreement as one document to edit (`expect fill`): "## section" headings, and under each an
# item a line, "- [ID OWNER] text", its id tying the line to the item it came from. A
# placeholder's text starts with the mark; a longer text goes on over lines indented by two
# spaces. A line without [ID] is a new item.
PLACEHOLDER_MARK = "TO FILL IN:"
CONTINUATION = "  "
_HEADING_LINE = re.compile(r"#+\s*(.*)")
_ITEM_LINE = re.compile(r"-(?:\s+|$)(?:\[([^\]]*)\]\s*)?(.*)")


class DraftItem(Struct, kw_only=True):
    """An item as a line of the document gives it; `id` is None on a new line."""

    id: str | None
    section: str
    text: str
    owner: str
    placeholder: bool


def document_text(text: str) -> str:
    """An item's text as the document holds it: no space at either end or at the end of a line,
    and lines of spaces left empty, which is all an editor may change unseen."""
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def as_drafted(item: AgreementItem) -> DraftItem:
    """The item as its lines in the document give it back."""
    return DraftItem(
        id=item.id,
        section=_normal_section(item.section),
        text=document_text(item.text),
        owner=item.owner,
        placeholder=item.placeholder,
    )


def _item_lines(item: AgreementItem) -> list[str]:
    first, *more = document_text(item.text).split("\n")
    mark = f"{PLACEHOLDER_MARK} " if item.placeholder else ""
    return [
        f"- [{item.id} {item.owner}] {mark}{first}",
        *(f"{CONTINUATION}{line}" if line else "" for line in more),
    ]


def format_document(items: list[AgreementItem]) -> str:
    """The items as one document to edit, by section, in the order `expect show` prints them."""
    blocks = [
        "\n".join(
            [
                f"## {_normal_section(section)}",
                "",
                *chain.from_iterable(map(_item_lines, in_section)),
            ]
        )
        for section, in_section in groupby(in_document_order(items), key=lambda item: item.section)
    ]
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _marker(inside: str, number: int) -> tuple[str | None, str]:
    """The id and owner in a line's [ID OWNER]; [OWNER] alone starts a new item."""
    words = inside.lower().split()
    if len(words) == 2 and words[1] in PARTIES:
        return words[0], words[1]
    if len(words) == 1 and words[0] in PARTIES:
        return None, words[0]
    raise UserError(
        f"Line {number}: '[{inside}]' is not [ID OWNER] nor [OWNER]; owners are "
        f"{', '.join(PARTIES)}.",
        hint="An item's line starts '- [k3m9p both] '; a new one '- ' or '- [mentee] '.",
    )


def parse_document(text: str) -> list[tuple[int, DraftItem]]:
    """The items an edited document holds, each with its line number, in the document's order.
    A line that is no heading, no item and does not go on an item's text is refused, naming it:
    guessing would change the agreement in a way the person did not see."""
    drafts: list[tuple[int, DraftItem]] = []
    section: str | None = None
    current: DraftItem | None = None  # the item an indented line goes on
    blank_lines = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip()
        if not line:
            blank_lines += 1
            continue
        if line[0] in " \t":
            if current is None:
                raise UserError(f"Line {number}: indented text, but no item above it to go on.")
            more = line[len(CONTINUATION) :] if line.startswith(CONTINUATION) else line.lstrip()
            current.text += "\n" * (blank_lines + 1) + more
        elif heading := _HEADING_LINE.fullmatch(line):
            section = _normal_section(heading[1])
            current = None
            if not section:
                raise UserError(f"Line {number}: a heading without a section name.")
            if len(section) > MAX_LINE:
                raise UserError(f"Line {number}: a section name is at most {MAX_LINE} characters.")
        elif match := _ITEM_LINE.fullmatch(line):
            if section is None:
                raise UserError(
                    f"Line {number}: an item before any section heading.",
                    hint="Put a heading such as '## goals' above it.",
                )
            item_id, owner = (None, "both") if match[1] is None else _marker(match[1], number)
            body = match[2]
            placeholder = body[: len(PLACEHOLDER_MARK)].upper() == PLACEHOLDER_MARK
            current = DraftItem(
                id=item_id,
                section=section,
                text=body[len(PLACEHOLDER_MARK) :].strip() if placeholder else body,
                owner=owner,
                placeholder=placeholder,
            )
            drafts.append((number, current))
        else:
            raise UserError(
                f"Line {number}: '{line[:40]}' is neither a section heading ('## goals') nor an "
                "item ('- text'), nor indented to go on the item above."
            )
        blank_lines = 0
    for number, draft in drafts:
        if not draft.text:
            raise UserError(
                f"Line {number}: the item is empty.", hint="Delete the line to remove the item."
            )
        if len(draft.text) > MAX_ITEM:
            raise UserError(
                f"Line {number}: the item is {len(draft.text):,} characters; the limit is "
                f"{MAX_ITEM:,}."
            )
    return drafts


def fill(
    agreement: Agreement,
    drafts: list[tuple[int, DraftItem]],
    new_id: Callable[[], str],
    day: date,
    new_section: bool,
) -> Agreement | None:
    """The agreement as the edited document has it, as one change (one new version at most);
    None when the document says what the agreement says. An id that is not the agreement's, or
    on two lines, refuses the document, naming the line."""
    by_id = {item.id: item for item in agreement.item}
    line_of: dict[str, int] = {}
    items: list[AgreementItem] = []
    changes: list[str] = []
    for number, draft in drafts:
        check_section(draft.section, agreement, new_section, where=f"Line {number}: ")
        fields = structs.asdict(draft) | {"id": draft.id or new_id()}
        if draft.id is None:
            item = AgreementItem(**fields)
            changes.append(f"added {item.id} ({item.section}): {item.text}")
        elif draft.id not in by_id:
            raise UserError(
                f"Line {number}: this agreement has no item {draft.id}.",
                hint="A new item's line has no id: '- text' or '- [mentee] text'.",
            )
        elif draft.id in line_of:
            raise UserError(
                f"Line {number}: item {draft.id} is on line {line_of[draft.id]} already.",
                hint="Take the id off a copied line to make it a new item.",
            )
        else:
            old = by_id[draft.id]
            item = old if draft == as_drafted(old) else structs.replace(old, **fields)
            if item is not old:
                changes.append(_edit_words(old, item))
        line_of[item.id] = number
        items.append(item)
    before = in_document_order(agreement.item)
    removed = [item for item in before if item.id not in line_of]
    if removed:
        changes.append(_removed_words(removed))
    if not changes and items != before:
        changes.append("put the items in a new order")
    return _changed(agreement, day, "; ".join(changes), items) if changes else None


def editor_document(document: str, counterpart: str, agreement: Agreement) -> str:
    """What `expect fill` opens: the document, then the scissors line and, below it, how to
    edit it and what saving a change does to the signatures."""
    version = agreement.version
    signed = (
        f"signed; a change makes version {version + 1}, to be signed again"
        if _signed_current(agreement)
        else "not signed yet"
    )
    guidance = (
        "Do not change or remove the line above: everything below it is left out.",
        # The name on one line, so that none of it can pass for a line of its own.
        f"The agreement with {' '.join(counterpart.split())}, version {version}: {signed}.",
        "",
        "'## name' starts a section; under it each item is a line '- [ID OWNER] text'.",
        "Change a line to change its item; delete the line to remove the item. A line",
        "without [ID] adds an item: '- text' (owned by both) or '- [mentee] text'.",
        f"Owners: {', '.join(PARTIES)}. '{PLACEHOLDER_MARK}' starts a placeholder: write",
        "what you agree over it, the mark included. A long item goes on over lines",
        "indented by two spaces.",
        *textwrap.wrap(f"The sections of a good agreement: {', '.join(SECTIONS)}.", 76),
        "Save it unchanged, or quit, to change nothing.",
    )
    lines = [document.rstrip("\n"), "", SCISSORS, *(f"{COMMENT} {g}".rstrip() for g in guidance)]
    return "\n".join(lines) + "\n"
