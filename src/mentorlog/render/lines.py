"""Views laid out as lines of styled text, which need Rich only to reach a terminal.

Importing Rich costs about as much as the rest of `mentorlog status` on a large journal, and
a view printed to a pipe or a file has no colours to show. A `LineLayout` lays itself out once,
as lines of (text, style) segments: a terminal gets them through Rich, colours and pager
included; anything else gets the same characters written directly."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

Segment = tuple[str, str]  # text, and a Rich style ("" for none)
Line = list[Segment]


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
        return "".join(
            "".join(text for text, _ in truncated(line, width)) + "\n" for line in self.lines(width)
        )

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        for line in self.lines(options.max_width):
            yield Text.assemble(*line, no_wrap=True, overflow="crop")


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


def output_width() -> int:
    """The width Rich would give standard output: MENTORLOG_WIDTH, else COLUMNS, else the size
    of whichever standard stream is a terminal, else 80."""
    for setting in (os.environ.get("MENTORLOG_WIDTH"), os.environ.get("COLUMNS")):
        if setting and setting.isdigit() and int(setting):
            return int(setting)
    for stream in (0, 1, 2):
        try:
            return os.get_terminal_size(stream).columns or 80
        except (OSError, ValueError):
            continue
    return 80
