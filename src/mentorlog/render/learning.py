"""Views of learning entries and network contacts."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from msgspec import Struct

from mentorlog.core.model import Contact, LearningEntry
from mentorlog.render.style import OVERDUE, link_text, md, md_link, safe
from mentorlog.render.table import Column, ListTable

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mentorlog.render.table import Cell


LEARNING_COLUMNS = (
    Column("date", whole=True),
    Column("id", whole=True),
    Column("kind", whole=True),
    Column("with", whole=True),
    Column("learned", wraps=True, least=20),
)


def learning_table(entries: list[LearningEntry]) -> RenderableType:
    if not entries:
        return safe("Nothing recorded yet. Add with: mentorlog learn add TEXT")
    rows: list[list[Cell]] = []
    for e in entries:
        text = safe(e.text)
        if e.link:
            text.append("  ")
            text.append_text(link_text(e.link))
        rows.append([e.date.isoformat(), safe(e.id), safe(e.kind), safe(e.rel or ""), text])
    return ListTable(LEARNING_COLUMNS, rows)


def learning_markdown(entries: list[LearningEntry]) -> str:
    lines = ["# Learning", ""]
    for e in entries:
        link = f" {md_link(e.link)}" if e.link else ""
        rel = f", {md(e.rel)}" if e.rel else ""
        lines.append(f"- {e.date} ({md(e.kind)}{rel}): {md(e.text)}{link}")
    return "\n".join(lines) + "\n"


class ContactRow(Struct, kw_only=True):
    """A contact as listed: its record and whether its follow-up is due."""

    id: str
    name: str
    role: str
    org: str
    via: str
    rel: str | None
    follow_up: date | None
    follow_up_due: bool
    last_interaction: date | None


CONTACT_COLUMNS = (
    Column("id", whole=True),
    Column("name"),
    Column("role", optional=True),
    Column("org", optional=True),
    Column("via", optional=True),
    Column("with", whole=True),
    Column("follow-up", whole=True),
    Column("last contact", whole=True, optional=True),
)


def contact_table(rows: list[ContactRow]) -> RenderableType:
    from rich.text import Text

    if not rows:
        return safe("No contacts yet. Add one with: mentorlog net add NAME")
    cells: list[list[Cell]] = []
    for row in rows:
        follow = Text(row.follow_up.isoformat() if row.follow_up else "")
        if row.follow_up_due:
            follow = Text(f"{row.follow_up} (due)", style=OVERDUE)
        cells.append(
            [
                safe(row.id),
                safe(row.name),
                safe(row.role),
                safe(row.org),
                safe(row.via),
                safe(row.rel or ""),
                follow,
                row.last_interaction.isoformat() if row.last_interaction else "",
            ]
        )
    return ListTable(CONTACT_COLUMNS, cells)


def contacts_markdown(rows: list[ContactRow]) -> str:
    lines = ["| name | role | org | via | follow-up |", "|---|---|---|---|---|"]
    for r in rows:
        due = " **due**" if r.follow_up_due else ""
        lines.append(
            f"| {md(r.name)} | {md(r.role)} | {md(r.org)} | {md(r.via)} | {r.follow_up or ''}{due} |"
        )
    return "\n".join(lines) + "\n"


INTERACTION_COLUMNS = (Column("date", whole=True), Column("what", wraps=True, least=20))


def contact_detail(contact: Contact) -> list[RenderableType]:
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in (
        ("role", contact.role),
        ("org", contact.org),
        ("introduced via", contact.via),
        ("relationship", contact.rel or ""),
        ("follow-up", contact.follow_up.isoformat() if contact.follow_up else ""),
        ("added", contact.added.isoformat()),
        ("notes", contact.notes),
    ):
        if value:
            grid.add_row(label, safe(value))
    parts: list[RenderableType] = [safe(contact.name, "bold"), grid]
    if contact.interaction:
        interactions: list[list[Cell]] = [
            [item.date.isoformat(), safe(item.text)] for item in contact.interaction
        ]
        parts.append(ListTable(INTERACTION_COLUMNS, interactions, title="Interactions"))
    return parts


def contact_markdown(contact: Contact) -> str:
    lines = [f"# {md(contact.name)}", ""]
    for label, value in (
        ("Role", contact.role),
        ("Org", contact.org),
        ("Via", contact.via),
        ("Notes", contact.notes),
    ):
        if value:
            lines.append(f"- {label}: {md(value)}")
    if contact.follow_up:
        lines.append(f"- Follow up: {contact.follow_up}")
    if contact.interaction:
        lines += ["", "## Interactions", ""]
        lines += [f"- {i.date}: {md(i.text)}" for i in contact.interaction]
    return "\n".join(lines) + "\n"
