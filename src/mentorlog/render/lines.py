"""Views laid out as lines of styled text, which a pipe or a file gets without Rich.

Rich is slow to import (docs/benchmarks.md), and a pipe needs none of it. A `LineLayout` lays itself out once, as lines of (text, style) segments (the styles of
render/style.py). To a pipe or a file the lines are written as plain text, without importing
Rich (`plain`); on a terminal each line becomes a Rich `Text` and Rich prints them, with
colours and the pager (see render/console.py: print_paged)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.text import Text

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
        """The lines as plain text, as Rich would print them to a file `width` wide."""
        return "".join(
            "".join(text for text, _ in truncated(line, width)) + "\n" for line in self.lines(width)
        )

    def texts(self, width: int) -> list[Text]:
        """The lines as Rich `Text`, one each, for Rich to print."""
        from rich.text import Text

        return [Text.assemble(*line, no_wrap=True, overflow="crop") for line in self.lines(width)]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.texts(options.max_width)
