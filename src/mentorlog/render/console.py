"""Printing: Rich consoles, made only when something is rendered for a person (Rich is slow
to import), the pager, and the same output as a string for a file."""

from __future__ import annotations

import os
import shutil
import sys
from typing import TYPE_CHECKING, Any

from mentorlog.errors import MentorlogError
from mentorlog.render.lines import LineLayout

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console, RenderableType

    View = Callable[[Any], RenderableType | list[RenderableType]]  # a result's text form


# Wider than any screen; a width of billions would lay out lines of billions of spaces.
MAX_WIDTH = 1000


def pinned_width() -> int | None:
    """The width `MENTORLOG_WIDTH` pins output to (for tests and generated docs), if any."""
    setting = os.environ.get("MENTORLOG_WIDTH", "")
    if not (setting.isascii() and setting.isdigit() and int(setting)):
        return None
    return min(int(setting), MAX_WIDTH)


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


def print_paged(items: list[RenderableType]) -> None:
    """Print for a person: through a pager only when stdout is a terminal and the output is
    longer than the screen (`MENTORLOG_PAGER=0` turns that off). Views laid out as lines go
    to a pipe or a file as plain text, without importing Rich.

    Nothing is cropped at the screen's edge: a value wider than the screen (a long path, see
    render/table.py) is printed whole, for the terminal to wrap."""
    layouts = [item for item in items if isinstance(item, LineLayout)]
    if len(layouts) == len(items) and not _maybe_a_terminal():
        width = pinned_width() or shutil.get_terminal_size().columns
        sys.stdout.write("".join(layout.plain(width) for layout in layouts))
        return
    console = make_console()
    paged = os.environ.get("MENTORLOG_PAGER", "1") != "0"
    if console.is_terminal and paged:
        with console.capture() as capture:
            for item in items:
                _print(console, item)
        output = capture.get()
        if output.count("\n") <= console.height:
            console.file.write(output)
            return
        os.environ.setdefault("LESS", "-FRX")  # quit on one screen, keep colours, no clearing
        with console.pager(styles=True):
            for item in items:
                _print(console, item)
        return
    for item in items:
        _print(console, item)


def _print(console: Console, item: RenderableType) -> None:
    """A line that must not wrap (a path to paste, a Text with `no_wrap`) goes out whole, for
    the terminal to fold; Rich would otherwise still break it at the console's width."""
    console.print(item, crop=False, soft_wrap=getattr(item, "no_wrap", None) is True)


def _maybe_a_terminal() -> bool:
    """Whether Rich might treat stdout as a terminal: it is one, or a setting Rich reads
    (FORCE_COLOR, TTY_COMPATIBLE) may claim it is. When in doubt, Rich decides."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE"):
        return True
    try:
        return sys.stdout.isatty()
    except ValueError:  # closed
        return False


def json_text(result: Any) -> str:
    """A result as its JSON document: the plain-data form of the very object the text view
    renders, ASCII-escaped so that it stays valid and terminal-safe whatever people wrote."""
    import json

    import msgspec

    return json.dumps(msgspec.to_builtins(result), indent=2, ensure_ascii=True) + "\n"


def render_to_string(
    fmt: str, result: Any, text: View, markdown: Callable[[Any], str] | None = None
) -> str:
    """What `emit` prints for format `fmt` (text, markdown or json), as a string for a file:
    text without colour, 100 columns."""
    if fmt == "json":
        return json_text(result)
    if fmt == "markdown":
        if markdown is None:
            raise MentorlogError(
                "This command has no Markdown form.", hint="Use --format text or json."
            )
        return markdown(result)
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer, width=100, color_system=None, markup=False, emoji=False, highlight=False
    )
    rendered = text(result)
    for item in rendered if isinstance(rendered, list) else [rendered]:
        console.print(item, crop=False)
    return buffer.getvalue()
