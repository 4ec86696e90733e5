"""Rich consoles, made only when something is rendered for a person (Rich is slow to import)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def pinned_width() -> int | None:
    """The width `MENTORLOG_WIDTH` pins output to (for tests and generated docs), if any."""
    setting = os.environ.get("MENTORLOG_WIDTH", "")
    return int(setting) if setting.isdigit() and int(setting) else None


def make_console(stderr: bool = False) -> Console:
    """A console that never interprets markup or emoji in what it prints: user text is data.

    Colour only on a terminal (Rich's own check), never with NO_COLOR; `MENTORLOG_WIDTH`
    pins the width for tests and generated docs."""
    from rich.console import Console

    class PipedConsole(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError  # handled with the rest, in cli/app.py (Rich would exit 1)

    return PipedConsole(
        stderr=stderr, markup=False, emoji=False, highlight=False, width=pinned_width()
    )
