"""Search results with the match highlighted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.core.search import SearchHit
from mentorlog.render.style import md, safe
from mentorlog.render.table import Column, ListTable

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mentorlog.render.table import Cell


HIT_COLUMNS = (
    Column("date", whole=True),
    Column("with", whole=True),
    Column("kind", whole=True),
    Column("id", whole=True),
    Column("snippet", wraps=True, least=20),
)


def hits_table(hits: list[SearchHit]) -> RenderableType:
    if not hits:
        return safe("No matches.")
    rows: list[list[Cell]] = []
    for hit in hits:
        text = safe(hit.snippet)
        if hit.match_start >= 0:
            text.stylize("bold reverse", hit.match_start, hit.match_end)
        rows.append(
            [
                hit.date.isoformat() if hit.date else "",
                safe(hit.relationship or ""),
                safe(hit.kind),
                safe(hit.id),
                text,
            ]
        )
    return ListTable(HIT_COLUMNS, rows)


def hits_markdown(hits: list[SearchHit], include_private: bool = False) -> str:
    """Hits as a Markdown table; a private check-in's snippet is left out, as every Markdown
    view leaves out what was written in one, unless asked for."""
    lines = ["| date | with | kind | id | snippet |", "|---|---|---|---|---|"]
    for hit in hits:
        shown = "*(private: left out)*" if hit.private and not include_private else md(hit.snippet)
        lines.append(
            f"| {hit.date or ''} | {md(hit.relationship or '')} | {md(hit.kind)} | {md(hit.id)} | {shown} |"
        )
    return "\n".join(lines) + "\n"
