"""Views of the agenda."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from msgspec import Struct

from mentorlog.render.style import MUTED, md, safe

if TYPE_CHECKING:
    from rich.console import RenderableType


class AgendaRow(Struct, kw_only=True):
    """One agenda item with its relationship, for the agenda list."""

    relationship: str
    id: str
    text: str
    added: date
    status: str
    discussed_in: str | None = None
    closed: date | None = None


def agenda_table(rows: list[AgendaRow]) -> RenderableType:
    from rich.table import Table

    if not rows:
        return safe("Nothing on the agenda. Add a point with: mentorlog agenda add REL TEXT")
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("id", "with", "added", "status", "point"):
        table.add_column(column, overflow="fold", no_wrap=column != "point")
    for row in rows:
        style = MUTED if row.status != "open" else ""
        table.add_row(
            safe(row.id),
            safe(row.relationship),
            row.added.isoformat(),
            safe(row.status, style),
            safe(row.text, style),
        )
    return table


def agenda_markdown(rows: list[AgendaRow]) -> str:
    lines = ["# Agenda", ""]
    for row in rows:
        box = "x" if row.status != "open" else " "
        lines.append(f"- [{box}] {md(row.text)} ({md(row.relationship)}, {md(row.id)})")
    return "\n".join(lines) + "\n"
