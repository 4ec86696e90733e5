"""Views laid out as lines of styled text, which need Rich only for a pager.

Importing Rich costs about as much as the rest of `mentorlog status` on a large journal. A
`LineLayout` lays itself out once, as lines of (text, style) segments, and is written directly:
plain to a pipe or a file, with the escape codes Rich would write to a terminal (the styles of
render/style.py, through the table below). Rich still prints it where the lines need a pager,
or a style or platform this module does not know."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from mentorlog.render.console import pinned_width

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

Segment = tuple[str, str]  # text, and a Rich style ("" for none)
Line = list[Segment]
# Select Graphic Rendition numbers of the style words mentorlog uses, as Rich writes them
# (attributes first, then the colour); a colour is dropped under NO_COLOR.
_ATTRIBUTES = {"bold": "1", "dim": "2"}
_COLOURS = {"red": "31", "green": "32", "yellow": "33"}


# Characters of mentorlog's own layouts, one cell wide: text holding no others is measured
# without Rich's tables.
_OWN_NARROW = str.maketrans("", "", "—·…")


def cell_len(text: str) -> int:
    """The terminal cells `text` takes, as Rich counts them, for text without control
    characters (see core.text.clean_line). Rich is imported only for text beyond ASCII and
    mentorlog's own punctuation."""
    if text.isascii() or text.translate(_OWN_NARROW).isascii():
        return len(text)
    from rich.cells import cell_len as measure

    return measure(text)


def truncated(line: Line, width: int, ellipsis: bool = False) -> Line:
    """`line` cut to `width` cells as Rich's `Text.truncate` cuts: an ellipsis takes the place,
    and the style, of the first character cut off."""
    plain = "".join(text for text, _ in line)
    if cell_len(plain) <= width:
        return line
    room = width - 1 if ellipsis else width
    if plain.isascii():
        kept = plain[:room]
    else:
        from rich.cells import set_cell_size

        kept = set_cell_size(plain, room)  # a wide character cut in half becomes a space
    kept += "…" if ellipsis else ""
    cut: Line = []
    start = 0
    for text, style in line:
        piece = kept[start : start + len(text)]
        start += len(text)
        if piece:
            cut.append((piece, style))
    return cut


class LineLayout:
    """A view that lays itself out as lines no wider than it is given (a longer line is
    cropped at the screen's edge, as Rich crops unwrapped text)."""

    def lines(self, width: int) -> list[Line]:
        raise NotImplementedError

    def plain(self, width: int) -> str:
        return _plain(self.lines(width), width)

    def ansi(self, width: int, colour: bool) -> str | None:
        return _ansi(self.lines(width), width, colour)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        for line in self.lines(options.max_width):
            yield Text.assemble(*line, no_wrap=True, overflow="crop")


def _plain(lines: list[Line], width: int) -> str:
    return "".join("".join(text for text, _ in truncated(line, width)) + "\n" for line in lines)


def _ansi(lines: list[Line], width: int, colour: bool) -> str | None:
    """The lines as Rich writes them to a terminal, or None if a style is not in the table."""
    written = []
    for line in lines:
        for text, style in truncated(line, width):
            codes = _sgr(style, colour)
            if codes is None:
                return None
            written.append(f"\x1b[{codes}m{text}\x1b[0m" if codes else text)
        written.append("\n")
    return "".join(written)


def _sgr(style: str, colour: bool) -> str | None:
    attributes, colours = [], []
    for word in style.split():
        if word in _ATTRIBUTES:
            attributes.append(_ATTRIBUTES[word])
        elif word in _COLOURS:
            colours.append(_COLOURS[word])
        else:
            return None
    return ";".join(sorted(attributes) + (colours if colour else []))


def to_terminal() -> bool:
    """Whether Rich would treat standard output as a terminal (its rules: TTY_COMPATIBLE,
    then FORCE_COLOR, then isatty)."""
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return sys.stdout.isatty()
    except ValueError:  # closed
        return False


def output_size() -> tuple[int, int]:
    """The width and height Rich would give standard output: the size of whichever standard
    stream is a terminal, else 80 by 25; COLUMNS and LINES, then MENTORLOG_WIDTH, override."""
    width = height = 0
    for stream in (0, 1, 2):
        try:
            width, height = os.get_terminal_size(stream)
            break
        except (OSError, ValueError):
            continue
    columns, lines = os.environ.get("COLUMNS", ""), os.environ.get("LINES", "")
    width = int(columns) if columns.isdigit() and int(columns) else width
    height = int(lines) if lines.isdigit() and int(lines) else height
    return pinned_width() or width or 80, height or 25


def write_lines(layouts: list[LineLayout], paged: bool) -> bool:
    """Write the layouts to standard output without Rich, unless something calls for it: a
    terminal that is dumb or not POSIX, or too short for the lines when they are `paged`.
    Returns whether they were written."""
    width, height = output_size()
    lines = [line for layout in layouts for line in layout.lines(width)]
    if not to_terminal():
        sys.stdout.write(_plain(lines, width))
        return True
    if os.name != "posix" or os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return False
    if paged and len(lines) > height:
        return False
    written = _ansi(lines, width, colour=os.environ.get("NO_COLOR", "") == "")
    if written is None:
        return False
    sys.stdout.write(written)
    return True
