"""Views laid out as lines print the same characters with Rich (a terminal) and without it."""

from __future__ import annotations

import io
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from mentorlog.core.summary import StatusRow
from mentorlog.render.lines import Line, cell_len, truncated
from mentorlog.render.review import StatusTable

NAMES = st.lists(
    st.sampled_from(
        [*"Ada Lovelace-", "\u00e9", "e\u0301", "中", "文", "—", "…", "·", "\U0001f600", "\t"]
    ),
    min_size=1,
    max_size=40,
).map("".join)


def _row(name: str, role: str, late: int) -> StatusRow:
    return StatusRow(
        id="x",
        counterpart=name,
        my_role=role,
        next_due=date(2026, 11, 20) if late else None,
        overdue_days=late,
        days_since_last=late or None,
        open_actions={"mentor": 1, "mentee": late},
        overdue_actions={"mentor": 0, "mentee": late},
        goals_at_risk=late % 2,
        goals_stale=late % 3,
        agreement=("agreed", "draft", "none", "awaiting")[late % 4],
        alerts=late,
    )


def _through_rich(table: StatusTable, width: int) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, markup=False, emoji=False)
    console.print(table)
    return buffer.getvalue()


@given(
    rows=st.lists(
        st.tuples(NAMES, st.sampled_from(("mentor", "mentee")), st.integers(0, 12)), max_size=4
    ),
    width=st.integers(20, 130),
)
def test_status_prints_the_same_with_and_without_rich(
    rows: list[tuple[str, str, int]], width: int
) -> None:
    table = StatusTable([_row(*row) for row in rows])
    plain = table.plain(width)
    assert plain == _through_rich(table, width)
    assert all(cell_len(line) <= width for line in plain.splitlines())


@given(
    line=st.lists(
        st.tuples(
            NAMES.map(lambda name: name.replace("\t", " ")),  # no control characters reach it
            st.sampled_from(("", "bold", "dim")),
        ),
        max_size=4,
    ),
    width=st.integers(1, 30),
)
def test_truncation_cuts_as_rich_does(line: Line, width: int) -> None:
    from rich.console import Console
    from rich.text import Text

    def coloured(text: Text) -> str:
        buffer = io.StringIO()
        Console(file=buffer, width=200, force_terminal=True, color_system="standard").print(text)
        return buffer.getvalue()

    text = Text.assemble(*line)
    text.truncate(width, overflow="ellipsis")
    ours = Text.assemble(*truncated(line, width, ellipsis=True))
    assert ours.plain == text.plain
    assert coloured(ours) == coloured(text)
