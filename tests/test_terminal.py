"""The real program in a real terminal (tmux) at 60 and 120 columns: nothing overflows and no
table is cut, for the three screens people look at most."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ok

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")
DEMO_PEOPLE = ("Ada Lovelace", "Alan Turing", "Katherine Johnson", "Margaret Hamilton")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("terminal") / "demo"
    ok("demo", "--dir", str(folder))
    return folder


def screen(width: int, args: list[str], tmp_path: Path) -> list[str]:
    """Run mentorlog in a tmux pane of `width` columns; the pane's lines, wrapped ones joined."""
    assert TMUX is not None
    socket = str(tmp_path / "tmux.sock")
    done = tmp_path / "done"
    command = " ".join(
        shlex.quote(a) for a in [sys.executable, "-m", "mentorlog", "--as-of", "2026-11-26", *args]
    )
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
    header = lines[0]
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
