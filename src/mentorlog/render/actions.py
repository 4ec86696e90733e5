"""Views of actions: open ones by due date, overdue ones in red."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.core.model import ActionEntry
from mentorlog.render.style import MUTED, OVERDUE, SOON, md, safe

if TYPE_CHECKING:
    from rich.console import RenderableType


def action_table(actions: list[ActionEntry]) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    if not actions:
        return safe("No actions to show.")
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("with", overflow="ellipsis", no_wrap=True, max_width=16)
    table.add_column("owner", no_wrap=True)
    table.add_column("due", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("action", overflow="fold", ratio=1)
    for action in actions:
        if action.overdue:
            state, style = "overdue", OVERDUE
        elif action.status == "open":
            state, style = "open", ""
        else:
            state, style = action.status, MUTED
        due = Text(action.due.isoformat() if action.due else "", style=style)
        if action.deferrals >= 2:
            due.append(f" ×{action.deferrals}", style=SOON)
        table.add_row(
            safe(action.id),
            safe(action.relationship or ""),
            safe(action.owner),
            due,
            safe(state, style),
            safe(action.text),
        )
    return table


def actions_markdown(actions: list[ActionEntry]) -> str:
    lines = ["| id | with | owner | due | status | action |", "|---|---|---|---|---|---|"]
    for a in actions:
        state = "**overdue**" if a.overdue else md(a.status)
        lines.append(
            f"| {md(a.id)} | {md(a.relationship or '')} | {md(a.owner)} | {a.due or ''} | {state} | {md(a.text)} |"
        )
    return "\n".join(lines) + "\n"
