"""Lists laid out for the width they get, never cutting what a person types next.

Ids, dates, figures and status words are printed whole at any width; free text wraps or is
shortened first, then optional columns are left out, and when even the columns that must stay
do not fit, each row becomes a short block: its whole values on a line (a value wider than the
screen, such as a long path, on a line of its own that the terminal wraps, never cut), its
free text indented under them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, JustifyMethod, RenderResult
    from rich.table import Table
    from rich.text import Text

    Cell = Text | str  # a value as a list shows it

GAP = 2  # cells between two columns: Rich's padding of one on each side
INDENT = 2  # what a stacked row's further lines are indented by


@dataclass(frozen=True)
class Column:
    """How a list shows one field.

    A `whole` column (an id, a date, a figure, a status word) is never wrapped, shortened or
    folded. Any other holds free text, which `wraps`, or else is shortened with an ellipsis,
    down to `least` cells. An `optional` column is left out, the right-most first, when the
    screen is too narrow for every column."""

    header: str
    whole: bool = False
    wraps: bool = False
    least: int = 8
    optional: bool = False
    justify: JustifyMethod = "left"


def _width(text: Text) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.plain.splitlines()), default=0)


class ListTable:
    """Rows under their columns, laid out anew for each width they are printed at."""

    def __init__(
        self, columns: Sequence[Column], rows: Sequence[Sequence[Cell]], title: str = ""
    ) -> None:
        from rich.text import Text

        self.title = title
        self.columns = list(columns)
        self.rows = [
            [cell if isinstance(cell, Text) else Text(cell) for cell in row] for row in rows
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        if self.title:
            yield Text(self.title, style="table.title")
        shown = list(range(len(self.columns)))
        while True:
            widths = self._fit(shown, options.max_width)
            if widths is not None:
                yield self._table(shown, widths)
                return
            optional = [index for index in shown if self.columns[index].optional]
            if not optional:
                break
            shown.remove(optional[-1])
        yield from self._stacked(shown, console, options.max_width)

    def _fit(self, shown: list[int], width: int) -> dict[int, int] | None:
        """Each shown column's width within `width`: free text gives up cells first (wrapped
        text before shortened), the widest column first; None when that is not enough."""
        natural = {
            index: max(
                [len(self.columns[index].header), *(_width(row[index]) for row in self.rows)]
            )
            for index in shown
        }
        widths = dict(natural)
        excess = sum(widths.values()) + GAP * (len(shown) - 1) - width
        for wraps in (True, False):
            floors = {
                index: min(natural[index], max(column.least, len(column.header)))
                for index in shown
                if not (column := self.columns[index]).whole and column.wraps is wraps
            }
            while excess > 0:
                flexible = [index for index, least in floors.items() if widths[index] > least]
                if not flexible:
                    break
                widest = max(flexible, key=widths.__getitem__)
                widths[widest] -= 1
                excess -= 1
        return widths if excess <= 0 else None

    def _table(self, shown: list[int], widths: dict[int, int]) -> Table:
        from rich.table import Table

        table = Table(box=None, header_style="bold", pad_edge=False)
        for index in shown:
            column = self.columns[index]
            table.add_column(
                column.header,
                width=widths[index],
                justify=column.justify,
                no_wrap=not column.wraps,
                overflow="fold" if column.wraps else "ellipsis",
            )
        for row in self.rows:
            table.add_row(*(row[index] for index in shown))
        return table

    def _stacked(self, shown: list[int], console: Console, width: int) -> RenderResult:
        """Each row as a block: its whole values, as many to a line as fit (the terminal wraps
        one wider than the screen, nothing cuts it), then each free text wrapped, indented."""
        from rich.text import Text

        indent = " " * INDENT
        for row in self.rows:
            lines: list[Text] = []
            for index in shown:
                cell = row[index]
                if not self.columns[index].whole or not cell.plain:
                    continue
                if lines and lines[-1].cell_len + GAP + cell.cell_len <= width:
                    lines[-1].append(" " * GAP)
                else:
                    lines.append(Text(indent if lines else "", no_wrap=True, overflow="ignore"))
                lines[-1].append_text(cell)
            yield from lines
            for index in shown:
                if not self.columns[index].whole and row[index].plain:
                    for line in row[index].wrap(console, width - INDENT, overflow="fold"):
                        yield Text.assemble(indent, line)
