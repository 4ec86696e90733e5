"""Views laid out as lines print the same characters with Rich (a terminal) and without it."""

from __future__ import annotations

import io
from datetime import date

import pytest
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


def _through_rich(table: StatusTable, width: int, **terminal: bool) -> str:
    """What Rich prints: to a file, or with `force_terminal` (and `no_color`) to a terminal."""
    from rich.console import Console

    buffer = io.StringIO()
    colours = "standard" if terminal.get("force_terminal") else None
    console = Console(file=buffer, width=width, color_system=colours, markup=False, **terminal)
    console.print(table)
    return buffer.getvalue()


def _on_a_terminal(table: StatusTable, width: int, no_color: bool) -> str:
    return _through_rich(table, width, force_terminal=True, no_color=no_color)


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


@given(
    rows=st.lists(
        st.tuples(NAMES, st.sampled_from(("mentor", "mentee")), st.integers(0, 12)), max_size=4
    ),
    width=st.integers(20, 130),
    no_color=st.booleans(),
)
def test_status_writes_the_escape_codes_rich_writes_to_a_terminal(
    rows: list[tuple[str, str, int]], width: int, no_color: bool
) -> None:
    table = StatusTable([_row(*row) for row in rows])
    assert table.ansi(width, colour=not no_color) == _on_a_terminal(table, width, no_color)


def test_lines_go_without_rich_unless_a_pager_or_a_dumb_terminal_needs_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mentorlog.render.lines import write_lines

    table = StatusTable([_row("Ada", "mentor", 3), _row("Bob", "mentee", 0)])
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "LINES", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MENTORLOG_WIDTH", "70")
    monkeypatch.setenv("TERM", "xterm")
    assert write_lines([table], paged=True)  # captured output is no terminal: plain
    assert capsys.readouterr().out == table.plain(70)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("LINES", "40")
    assert write_lines([table], paged=True)
    assert capsys.readouterr().out == _on_a_terminal(table, 70, no_color=False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert write_lines([table], paged=True)
    assert capsys.readouterr().out == _on_a_terminal(table, 70, no_color=True)
    monkeypatch.setenv("LINES", "3")  # four lines: for the pager, through Rich
    assert not write_lines([table], paged=True)
    assert write_lines([table], paged=False)
    capsys.readouterr()
    monkeypatch.setenv("TERM", "dumb")
    assert not write_lines([table], paged=False)
    assert capsys.readouterr().out == ""
