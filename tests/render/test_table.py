"""ListTable: at any width from 40 columns, every id, date and path is printed whole on one line,
and only a value wider than the screen goes past its edge."""

from __future__ import annotations

import io
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from mentorlog.render.table import Column, ListTable

COLUMNS = (
    Column("id", whole=True),
    Column("with", whole=True),
    Column("name"),
    Column("due", whole=True),
    Column("mode", whole=True, optional=True),
    Column("text", wraps=True, least=20),
)
IDS = st.from_regex(r"[a-z0-9]{1,16}", fullmatch=True)
SLUGS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,59}", fullmatch=True)
WORDS = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=300)
ROWS = st.lists(
    st.tuples(
        IDS,
        SLUGS,
        WORDS,
        st.dates(date(1900, 1, 1), date(2999, 12, 31)).map(date.isoformat),
        st.sampled_from(["video", "in-person", ""]),
        WORDS,
    ),
    min_size=1,
    max_size=6,
)


def printed(table: ListTable, width: int) -> list[str]:
    """The lines as mentorlog prints them: nothing cropped (render/console.py)."""
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(table, crop=False)
    return out.getvalue().splitlines()


@settings(max_examples=60, deadline=None)
@given(rows=ROWS, width=st.integers(40, 160))
def test_whole_values_are_never_cut_and_nothing_else_overflows(
    rows: list[tuple[str, ...]], width: int
) -> None:
    lines = printed(ListTable(COLUMNS, [list(row) for row in rows]), width)
    words = {word for line in lines for word in line.split()}
    for row in rows:
        for value, column in zip(row, COLUMNS, strict=True):
            if column.whole and value and not column.optional:
                assert value in words, (value, lines)
    wide = [line for line in lines if len(line) > width]
    assert all(len(line.split()) == 1 for line in wide), wide


def test_narrow_screens_leave_out_optional_columns_then_stack_rows() -> None:
    row = ["k3m9p", "katherine-johnson", "Katherine", "2026-11-20", "video", "Send the outline"]
    wide, middle, narrow = (printed(ListTable(COLUMNS, [row]), w) for w in (120, 66, 40))
    assert wide[0].split() == ["id", "with", "name", "due", "mode", "text"]
    assert "mode" not in middle[0].split() and "video" not in middle[1]
    assert narrow == [
        "k3m9p  katherine-johnson  2026-11-20",
        "  Katherine",
        "  Send the outline",
    ]
