"""The real program in a real terminal (tmux): nothing overflows and no table is cut, for the
screens people look at most; from 40 columns up, every id, date and figure a list shows is
whole, and an id taken from the screen works in the next command."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import data, ok, run

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")
DEMO_PEOPLE = ("Ada Lovelace", "Alan Turing", "Katherine Johnson", "Margaret Hamilton")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("terminal") / "demo"
    ok("demo", "--dir", str(folder))
    return folder


@pytest.fixture(scope="module")
def worn(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo after some use: a check-in deleted, an action file spoiled by hand."""
    folder = tmp_path_factory.mktemp("worn") / "demo"
    shutil.copytree(demo, folder)
    checkin = data("--journal", str(folder), "checkin", "list")[0]["id"]
    ok("--journal", str(folder), "checkin", "delete", "--yes", checkin)
    action = next((folder / "relationships" / "katherine-johnson" / "actions").glob("*.toml"))
    action.write_text(re.sub(r'(?m)^owner = ".*"$', 'owner = "nobody"', action.read_text()))
    return folder


def screen(width: int, args: list[str], tmp_path: Path, messages: bool = True) -> list[str]:
    """Run mentorlog in a tmux pane of `width` columns; the pane's lines, wrapped ones joined
    (without the messages on stderr unless `messages`)."""
    assert TMUX is not None
    socket = str(tmp_path / "tmux.sock")
    done = tmp_path / "done"
    command = " ".join(
        shlex.quote(a) for a in [sys.executable, "-m", "mentorlog", "--as-of", "2026-11-26", *args]
    ) + ("" if messages else " 2>/dev/null")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("MENTORLOG_WIDTH", "COLUMNS", "LINES", "TMUX")
    }
    env.update({"TERM": "xterm-256color", "MENTORLOG_PAGER": "0", "PAGER": "cat"})
    subprocess.run(
        [
            TMUX,
            "-S",
            socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            str(width),
            "-y",
            "50",
            f"{command}; touch {shlex.quote(str(done))}; sleep 60",
        ],
        env=env,
        check=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not done.exists():
            assert time.monotonic() < deadline, "mentorlog did not finish in the terminal"
            time.sleep(0.05)
        pane = subprocess.run(
            [TMUX, "-S", socket, "capture-pane", "-p", "-J", "-S", "-", "-E", "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        subprocess.run([TMUX, "-S", socket, "kill-server"], check=False, capture_output=True)
    return [line.rstrip() for line in pane.splitlines() if line.strip()]


@pytest.mark.parametrize("width", [60, 120])
def test_status_fits_with_one_row_per_relationship(demo: Path, tmp_path: Path, width: int) -> None:
    lines = screen(width, ["--journal", str(demo), "status"], tmp_path)
    assert all(len(line) <= width for line in lines), [line for line in lines if len(line) > width]
    header = next(line for line in lines if line.startswith("person"))
    for column in ("person", "next due", "last", "acts", "goals", "agreement"):
        assert column in header
    for person in DEMO_PEOPLE:
        rows = [line for line in lines if line.startswith(person[:6])]
        assert len(rows) == 1, (person, lines)
        assert rows[0].rstrip().endswith(("agreed", "awaiting", "draft", "none"))


@pytest.mark.parametrize("width", [60, 120])
def test_summary_panels_fit(demo: Path, tmp_path: Path, width: int) -> None:
    lines = screen(width, ["--journal", str(demo), "summary"], tmp_path)
    assert all(len(line) <= width for line in lines), [line for line in lines if len(line) > width]
    assert sum(line.startswith("╭") for line in lines) == 4
    assert sum(line.startswith("╰") for line in lines) == 4
    panel_lines = [line for line in lines if line.startswith("│")]
    assert panel_lines and all(line.endswith("│") for line in panel_lines)
    assert any(line.startswith("Alerts") for line in lines)


@pytest.mark.parametrize("width", [60, 120])
def test_rel_show_fits(demo: Path, tmp_path: Path, width: int) -> None:
    lines = screen(width, ["--journal", str(demo), "rel", "show", "ada"], tmp_path)
    assert all(len(line) <= width for line in lines), [line for line in lines if len(line) > width]
    assert lines[0].startswith("You mentor Ada Lovelace since")
    calendar = next(line for line in lines if line.startswith("calendar"))
    assert sum(calendar.count(mark) for mark in "●○✗·") >= 10
    assert any(line.startswith("Introductions") for line in lines)


WIDTHS = [40, 80, 120]
# Each view, the fixture of the journal it is looked at in, and the keys of its JSON whose
# values (besides the ids) it shows and must show whole: dates, figures, paths.
VIEWS = {
    "checkin list": ("demo", ("date", "relationship")),
    "action list": ("demo", ("due", "relationship")),
    "goal list": ("demo", ("target", "progress")),
    "learn list": ("demo", ("date", "rel")),
    "net list": ("demo", ("follow_up", "rel")),
    "status": ("demo", ("next_due",)),
    "summary": ("demo", ("last", "next_due")),
    "doctor": ("worn", ("path",)),
    "trash list": ("worn", ("deleted", "original")),
}


def json_of(folder: Path, command: str) -> Any:
    """What the view lists, as its JSON (doctor's too, which exits 3 when it finds a problem)."""
    result = run("--journal", str(folder), *command.split(), "--format", "json")
    assert result.exit_code in (0, 3), (result.stdout, result.stderr)
    return json.loads(result.stdout)


def objects_in(document: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object of the document, nested ones included."""
    if isinstance(document, dict):
        yield document
        document = list(document.values())
    if isinstance(document, list):
        for child in document:
            yield from objects_in(child)


def whole(value: str, text: str) -> bool:
    """Whether `value` stands on the screen as a word of its own, not the part of a longer one."""
    return re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", text) is not None


def cut_short(value: str, text: str) -> bool:
    """Whether the screen shows the start of `value` ended by an ellipsis."""
    return any(value[:end] + "…" in text for end in range(3, len(value)))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", list(VIEWS))
def test_ids_dates_and_figures_are_never_cut(
    request: pytest.FixtureRequest, tmp_path: Path, command: str, width: int
) -> None:
    journal, keys = VIEWS[command]
    folder = request.getfixturevalue(journal)
    objects = list(objects_in(json_of(folder, command)))
    lines = screen(width, ["--journal", str(folder), *command.split()], tmp_path, messages=False)
    text = "\n".join(lines)
    # Only a path too long for the screen goes past its edge, alone on its line, for the
    # terminal to wrap.
    for line in lines:
        assert len(line) <= width or ("/" in line and len(line.split()) == 1), line
    # Each record's id, with the other name a command takes for it: a relationship's
    # counterpart is as good as its id (REL).
    names = [
        (o["id"], *([o["counterpart"]] if "counterpart" in o else []))
        for o in objects
        if isinstance(o.get("id"), str)
    ]
    values = [
        str(value)
        for o in objects
        for key, value in o.items()
        if key in keys and isinstance(value, str | int) and not isinstance(value, bool)
    ]
    assert names or values, objects
    for spellings in names:
        assert any(whole(name, text) for name in spellings), (spellings, text)
        assert not cut_short(spellings[0], text), (spellings[0], text)
    for value in values:
        assert whole(value, text), (value, text)
        assert not cut_short(value, text), (value, text)
    # A date on the screen is a whole one, never its first part wrapped or shortened.
    for found in re.findall(r"(?<!\w)\d{4}-\d[\d-]*", text):
        assert re.match(r"\d{4}-\d\d-\d\d", found), (found, text)


# The list, which word of a record's first line is its id, and a command that takes the id.
PASTES = {
    "action list": (0, ["action", "done", "ID"]),
    "checkin list": (1, ["checkin", "show", "ID"]),
    "goal list": (0, ["goal", "show", "ID"]),
    "learn list": (1, ["learn", "edit", "ID", "--kind", "lesson"]),
    "net list": (0, ["net", "show", "ID"]),
    "trash list": (0, ["trash", "restore", "ID"]),
}


@pytest.mark.parametrize("command", list(PASTES))
def test_an_id_from_a_40_column_screen_works_in_the_next_command(
    demo: Path, worn: Path, tmp_path: Path, command: str
) -> None:
    folder = tmp_path / "journal"
    shutil.copytree(worn if command == "trash list" else demo, folder)
    lines = screen(40, ["--journal", str(folder), *command.split()], tmp_path)
    word, then = PASTES[command]
    first = next(line for line in lines if not line.startswith((" ", "id ", "date ")))
    pasted = first.split()[word]
    ok("--journal", str(folder), *[pasted if arg == "ID" else arg for arg in then])


def test_a_path_doctor_prints_at_40_columns_names_the_file(worn: Path, tmp_path: Path) -> None:
    lines = screen(40, ["--journal", str(worn), "doctor"], tmp_path)
    paths = [line for line in lines if line.startswith("relationships/")]
    assert paths, lines
    for path in paths:
        assert (worn / path.split()[0]).is_file(), path
