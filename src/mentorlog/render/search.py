"""Search results with the match highlighted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.core.search import SearchHit
from mentorlog.render.style import md, safe

if TYPE_CHECKING:
    from rich.console import RenderableType


def hits_table(hits: list[SearchHit]) -> RenderableType:
    from rich.table import Table

    if not hits:
        return safe("No matches.")
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("date", "with", "kind", "id", "snippet"):
        table.add_column(column, no_wrap=column != "snippet", overflow="fold")
    for hit in hits:
        text = safe(hit.snippet)
        if hit.match_start >= 0:
            text.stylize("bold reverse", hit.match_start, hit.match_end)
        table.add_row(
            hit.date.isoformat() if hit.date else "",
            safe(hit.relationship or ""),
            safe(hit.kind),
            safe(hit.id),
            text,
        )
    return table


def hits_markdown(hits: list[SearchHit]) -> str:
    lines = ["| date | with | kind | id | snippet |", "|---|---|---|---|---|"]
    for hit in hits:
        lines.append(
            f"| {hit.date or ''} | {md(hit.relationship or '')} | {md(hit.kind)} | {md(hit.id)} | {md(hit.snippet)} |"
        )
    return "\n".join(lines) + "\n"
