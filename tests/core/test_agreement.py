"""The agreement as one document (`expect fill`): formatting and parsing are pure, a document
read back unchanged changes nothing, and every refusal names its line."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.core.agreement import (
    PLACEHOLDER_MARK,
    as_drafted,
    check_section,
    editor_document,
    fill,
    format_document,
    in_document_order,
    parse_document,
    remove_items,
)
from mentorlog.core.editor_template import strip_template
from mentorlog.core.model import Agreement, AgreementItem, SignOff
from mentorlog.errors import UserError
from tests.strategies import valid

DAY = date(2026, 11, 26)
ITEMS = [
    AgreementItem(id="aaaaa", section="goals", text="What the mentee wants?", placeholder=True),
    AgreementItem(id="bbbbb", section="meetings", text="Every other Tuesday.", owner="mentee"),
    AgreementItem(id="ccccc", section="travel", text="Once a year.\n\n  - in spring"),
]
DOCUMENT = f"""\
## goals

- [aaaaa both] {PLACEHOLDER_MARK} What the mentee wants?

## meetings

- [bbbbb mentee] Every other Tuesday.

## travel

- [ccccc both] Once a year.

    - in spring
"""
SIGNED = Agreement(
    item=ITEMS,
    signoff=[
        SignOff(party="mentor", version=1, date=DAY),
        SignOff(party="mentee", version=1, date=DAY),
    ],
)


def _fill(agreement: Agreement, document: str, new_section: bool = False) -> Agreement | None:
    counter = iter(range(100))
    return fill(
        agreement, parse_document(document), lambda: f"new{next(counter)}", DAY, new_section
    )


def test_the_document_has_sections_as_headings_and_an_item_a_line() -> None:
    assert format_document(ITEMS) == DOCUMENT
    assert format_document([]) == ""


# Any items but those no document can show: a blank text or section, or a text that starts with
# the placeholder's mark without being one (no one writes that).
items_of_an_agreement = st.lists(
    valid(AgreementItem).filter(
        lambda item: (
            item.text.strip()
            and " ".join(item.section.split())
            and not item.text.strip().upper().startswith(PLACEHOLDER_MARK)
        )
    ),
    max_size=6,
    unique_by=lambda item: item.id,
)


@given(items_of_an_agreement)
def test_format_then_parse_gives_the_same_items(items: list[AgreementItem]) -> None:
    drafts = [draft for _, draft in parse_document(format_document(items))]
    assert drafts == [as_drafted(item) for item in in_document_order(items)]


@given(items_of_an_agreement, st.text(max_size=30))
def test_a_document_saved_unchanged_changes_nothing(items: list[AgreementItem], name: str) -> None:
    agreement = Agreement(item=items)
    opened = editor_document(format_document(items), name, agreement)
    assert _fill(agreement, strip_template(opened)) is None


def test_tidy_items_come_back_exactly_with_their_line_numbers() -> None:
    assert [
        (number, d.id, d.section, d.text, d.owner, d.placeholder)
        for number, d in parse_document(DOCUMENT)
    ] == [
        (3, "aaaaa", "goals", "What the mentee wants?", "both", True),
        (7, "bbbbb", "meetings", "Every other Tuesday.", "mentee", False),
        (11, "ccccc", "travel", "Once a year.\n\n  - in spring", "both", False),
    ]


def test_one_edit_of_the_document_is_one_change_and_one_new_version() -> None:
    edited = (
        DOCUMENT.replace(f"{PLACEHOLDER_MARK} What the mentee wants?", "Ship the parser.")
        .replace("- [bbbbb mentee] Every other Tuesday.", "- [bbbbb both] Every Tuesday.")
        .replace("- [ccccc both] Once a year.\n\n    - in spring\n", "- [mentor] Introductions.\n")
    )
    after = _fill(SIGNED, edited)
    assert after is not None
    assert after.version == 2
    assert len(after.change) == 1
    assert [(i.id, i.section, i.text, i.owner, i.placeholder) for i in after.item] == [
        ("aaaaa", "goals", "Ship the parser.", "both", False),
        ("bbbbb", "meetings", "Every Tuesday.", "both", False),
        ("new0", "travel", "Introductions.", "mentor", False),
    ]
    what = after.change[0].what
    for part in (
        "edited aaaaa: text 'What the mentee wants?' → 'Ship the parser.'; filled in",
        "owner mentee → both",
        "added new0 (travel): Introductions.",
        "removed ccccc (travel): Once a year.",
    ):
        assert part in what


def test_lines_moved_within_a_section_are_a_change() -> None:
    two = [ITEMS[1], AgreementItem(id="ddddd", section="meetings", text="On video.")]
    swapped = "## meetings\n\n- [ddddd both] On video.\n- [bbbbb mentee] Every other Tuesday.\n"
    after = _fill(Agreement(item=two), swapped)
    assert after is not None
    assert [item.id for item in after.item] == ["ddddd", "bbbbb"]
    assert after.change[0].what == "put the items in a new order"


@pytest.mark.parametrize(
    ("document", "line", "words"),
    [
        ("- text before a heading\n", 1, "before any section heading"),
        ("## goals\n\nloose text\n", 3, "neither a section heading"),
        ("## goals\n  indented with no item\n", 2, "no item above it"),
        ("##\n- text\n", 1, "without a section name"),
        ("## goals\n- [aaaaa both]\n", 2, "is empty"),
        ("## goals\n- [aaaaa bob] text\n", 2, "not [ID OWNER]"),
        ("## goals\n- [draft] text\n", 2, "not [ID OWNER]"),
        ("## goals\n-\n", 2, "is empty"),
        ("## goals\n\n- " + "x" * 2001 + "\n", 3, "2,001 characters"),
        ("## goals\n- [zzzzz both] text\n", 2, "no item zzzzz"),
        ("## goals\n- [aaaaa both] a\n- [aaaaa both] b\n", 3, "on line 2 already"),
        ("## goal\n- [aaaaa both] a\n", 2, "did you mean 'goals'?"),
        ("## travl\n- new\n", 2, "did you mean 'travel'?"),
    ],
)
def test_a_document_the_agreement_cannot_take_is_refused_naming_the_line(
    document: str, line: int, words: str
) -> None:
    with pytest.raises(UserError) as refused:
        _fill(SIGNED, document)
    assert refused.value.message.startswith(f"Line {line}: ")
    assert words in refused.value.message


@pytest.mark.parametrize(
    ("section", "new_section", "outcome"),
    [
        ("communication", False, "communication"),  # the template's
        ("travel", False, "travel"),  # in use
        ("mentoring circle", False, "mentoring circle"),  # clearly new
        ("comunication", False, "did you mean 'communication'?"),
        ("responsibility", False, "did you mean 'responsibilities'?"),
        ("travels", False, "did you mean 'travel'?"),
        ("comunication", True, "comunication"),  # asked for as new
    ],
)
def test_a_section_close_to_a_known_one_gets_did_you_mean(
    section: str, new_section: bool, outcome: str
) -> None:
    try:
        assert check_section(section, SIGNED, new_section) == outcome
    except UserError as refused:
        assert outcome in refused.message
        assert "--new-section" in (refused.hint or "")


def test_several_items_are_removed_as_one_change_or_none_is() -> None:
    after = remove_items(SIGNED, ["aaa", "ccccc", "aaaaa"], DAY)
    assert [item.id for item in after.item] == ["bbbbb"]
    assert after.version == 2
    assert [change.what for change in after.change] == [
        "removed aaaaa (goals): What the mentee wants?; ccccc (travel): Once a year.\n\n  - in spring"
    ]
    with pytest.raises(UserError, match="zzz"):
        remove_items(SIGNED, ["aaaaa", "zzz"], DAY)


def test_the_history_line_of_a_large_change_is_cut_to_what_a_record_holds() -> None:
    long = [AgreementItem(id=f"i{n}", section="goals", text="x" * 1500) for n in range(3)]
    after = remove_items(Agreement(item=long), ["i0", "i1", "i2"], DAY)
    assert len(after.change[0].what) == 2000
    assert after.change[0].what.endswith("…")
