"""Views of the agenda."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from msgspec import Struct

from mentorlog.render.style import MUTED, md, safe
from mentorlog.render.table import Column, ListTable

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mentorlog.render.table import Cell


class AgendaRow(Struct, kw_only=True):
    """One agenda item with its relationship, for the agenda list."""

    relationship: str
    id: str
    text: str
    added: date
    status: str
    discussed_in: str | None = None
    closed: date | None = None


AGENDA_COLUMNS = (
    Column("id", whole=True),
    Column("with", whole=True),
    Column("added", whole=True),
    Column("status", whole=True),
    Column("point", wraps=True, least=20),
)


def agenda_table(rows: list[AgendaRow]) -> RenderableType:
    if not rows:
        return safe("Nothing on the agenda. Add a point with: mentorlog agenda add REL TEXT")
    cells: list[list[Cell]] = []
    for row in rows:
        style = MUTED if row.status != "open" else ""
        cells.append(
            [
                safe(row.id),
                safe(row.relationship),
                row.added.isoformat(),
                safe(row.status, style),
                safe(row.text, style),
            ]
        )
    return ListTable(AGENDA_COLUMNS, cells)


def agenda_markdown(rows: list[AgendaRow]) -> str:
    lines = ["# Agenda", ""]
    for row in rows:
        box = "x" if row.status != "open" else " "
        lines.append(f"- [{box}] {md(row.text)} ({md(row.relationship)}, {md(row.id)})")
    return "\n".join(lines) + "\n"
