"""Views laid out as lines: plain to a pipe or a file, without Rich, exactly as Rich would
print them there; on a terminal, through Rich."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.core.summary import StatusRow
from mentorlog.render.console import print_paged
from mentorlog.render.lines import Line, cell_len, truncated
from mentorlog.render.review import StatusTable

NAMES = st.lists(
    st.sampled_from(
        [*"Ada Lovelace-", "\u00e9", "e\u0301", "中", "文", "—", "…", "·", "\U0001f600", "\t"]
    ),
    min_size=1,
    max_size=40,
).map("".join)
ROWS = st.lists(
    st.tuples(NAMES, st.sampled_from(("mentor", "mentee")), st.integers(0, 12)), max_size=4
)


def _fields(name: str, role: str, late: int) -> dict[str, Any]:
    return {
        "id": "x",
        "counterpart": name,
        "my_role": role,
        "status": "active",
        "next_due": date(2026, 11, 20) if late else None,
        "overdue_days": late,
        "days_since_last": late or None,
        "open_actions": {"mentor": 1, "mentee": late},
        "overdue_actions": {"mentor": 0, "mentee": late},
        "actions_open": 1 + late,
        "actions_overdue": late,
        "goals_at_risk": late % 2,
        "goals_stale": late % 3,
        "agreement": ("agreed", "draft", "none", "awaiting")[late % 4],
        "alerts": late,
    }


AS_OF = date(2026, 11, 26)


def _row(name: str, role: str, late: int) -> StatusRow:
    return StatusRow(**_fields(name, role, late))


def _to_a_file(table: StatusTable, width: int) -> str:
    """What Rich prints to a file `width` wide."""
    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, markup=False).print(table)
    return buffer.getvalue()


def _exported(table: StatusTable, width: int) -> str:
    """Rich's plain export of what it printed to a terminal `width` wide."""
    from rich.console import Console

    console = Console(
        file=io.StringIO(), width=width, force_terminal=True, record=True, markup=False
    )
    console.print(table)
    return console.export_text()


def _on_a_terminal(table: StatusTable, width: int, no_color: bool = False) -> str:
    """What Rich writes to a terminal for the table's lines as Rich `Text`."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=True,
        color_system="standard",
        no_color=no_color,
        markup=False,
    )
    for text in table.texts(width):
        console.print(text)
    return buffer.getvalue()


@given(rows=ROWS, width=st.integers(20, 130))
def test_plain_lines_are_what_rich_prints_and_exports(
    rows: list[tuple[str, str, int]], width: int
) -> None:
    table = StatusTable([_row(*row) for row in rows], AS_OF)
    plain = table.plain(width)
    assert plain == _to_a_file(table, width)
    assert plain == _exported(table, width)
    assert all(cell_len(line) <= width for line in plain.splitlines())


@pytest.mark.parametrize("width", [20, 40, 60, 80, 120])
def test_wide_combining_and_emoji_names_print_as_rich_prints_them(width: int) -> None:
    names = ["中文の名前の人", "Zoe\u0301 Saldan\u0303a", "\U0001f600 Smiley \U0001f680", "Ada"]
    table = StatusTable([_row(name, "mentee", late) for late, name in enumerate(names)], AS_OF)
    assert table.plain(width) == _to_a_file(table, width) == _exported(table, width)


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


def test_each_line_is_one_rich_text_with_the_segments_styles() -> None:
    table = StatusTable([_row("Ada", "mentee", 3)], AS_OF)
    texts = table.texts(80)
    lines = table.lines(80)
    assert [text.plain for text in texts] == ["".join(t for t, _ in line) for line in lines]
    header, first = texts[1], texts[1].spans[0]  # below the date
    assert (header.plain[first.start : first.end], first.style) == ("person", "bold")
    assert all(text.no_wrap and text.overflow == "crop" for text in texts)


@pytest.fixture
def output_settings(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "LINES", "COLUMNS", "PAGER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MENTORLOG_WIDTH", "70")
    monkeypatch.setenv("MENTORLOG_PAGER", "1")
    monkeypatch.setenv("TERM", "xterm")
    return monkeypatch


def test_a_pipe_gets_plain_lines_and_a_terminal_gets_rich(
    output_settings: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    table = StatusTable([_row("Ada", "mentor", 3), _row("Bob", "mentee", 0)], AS_OF)
    print_paged([table])  # captured output is no terminal
    assert capsys.readouterr().out == table.plain(70)
    output_settings.setenv("FORCE_COLOR", "1")
    output_settings.setenv("LINES", "40")
    print_paged([table])
    written = capsys.readouterr().out
    assert "\x1b[" in written
    assert written == _on_a_terminal(table, 70)
    output_settings.setenv("NO_COLOR", "1")
    print_paged([table])
    assert capsys.readouterr().out == _on_a_terminal(table, 70, no_color=True)


def test_lines_longer_than_the_screen_go_through_the_pager(
    output_settings: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import pydoc

    paged: list[str] = []
    output_settings.setattr(pydoc, "pager", paged.append)
    table = StatusTable([_row("Ada", "mentor", 3), _row("Bob", "mentee", 0)], AS_OF)
    output_settings.setenv("FORCE_COLOR", "1")
    output_settings.setenv("LINES", "3")
    print_paged([table])
    assert capsys.readouterr().out == ""
    assert paged == [_on_a_terminal(table, 70)]
    output_settings.setenv("MENTORLOG_PAGER", "0")
    print_paged([table])
    assert capsys.readouterr().out == _on_a_terminal(table, 70)
    assert len(paged) == 1
    output_settings.delenv("FORCE_COLOR")
    output_settings.setenv("MENTORLOG_PAGER", "1")
    print_paged([table])  # to a pipe: no pager, however long
    assert capsys.readouterr().out == table.plain(70)
    assert len(paged) == 1


@pytest.mark.parametrize(
    ("name", "width"),
    [
        ("Ada Lovelace — mentor · ok…", 100),  # ASCII and mentorlog's own punctuation
        ("中文 Zoe\u0301 \U0001f600 " * 4, 60),  # wide, combining, emoji; cut with an ellipsis
    ],
)
def test_lines_to_a_pipe_import_no_rich(name: str, width: int) -> None:
    code = (
        "import datetime, json, sys\n"
        "from mentorlog.core.summary import StatusRow\n"
        "from mentorlog.render.console import print_paged\n"
        "from mentorlog.render.review import StatusTable\n"
        f"print_paged([StatusTable([StatusRow(**{_fields(name, 'mentee', 3)!r})], {AS_OF!r})])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'rich')))\n"
    )
    # Output to a pipe, as Rich would judge it: no setting that claims a terminal.
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    env.update({"MENTORLOG_WIDTH": str(width), "PYTHONIOENCODING": "utf-8"})
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    *table, imported = result.stdout.splitlines(keepends=True)
    assert "".join(table) == StatusTable([_row(name, "mentee", 3)], AS_OF).plain(width)
    if name.translate(str.maketrans("", "", "—·…")).isascii():
        assert json.loads(imported) == []
    else:  # cells beyond ASCII are measured and cut by rich.cells, and nothing else of Rich
        assert not {"rich.console", "rich.text", "rich.segment", "rich.style"} & {
            *json.loads(imported)
        }
