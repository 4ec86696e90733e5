"""Views of actions: open ones by due date, overdue ones in red."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.core.model import ActionEntry
from mentorlog.render.style import MUTED, OVERDUE, SOON, md, safe
from mentorlog.render.table import Column, ListTable

if TYPE_CHECKING:
    from rich.console import RenderableType


ACTION_COLUMNS = (
    Column("id", whole=True),
    Column("with", whole=True),
    Column("owner", whole=True),
    Column("due", whole=True),
    Column("status", whole=True),
    Column("action", wraps=True, least=20),
)


def action_table(actions: list[ActionEntry]) -> RenderableType:
    from rich.text import Text

    if not actions:
        return safe("No actions to show.")
    rows = []
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
        rows.append(
            [
                safe(action.id),
                safe(action.relationship or ""),
                safe(action.owner),
                due,
                safe(state, style),
                safe(action.text),
            ]
        )
    return ListTable(ACTION_COLUMNS, rows)


def actions_markdown(actions: list[ActionEntry]) -> str:
    lines = ["| id | with | owner | due | status | action |", "|---|---|---|---|---|---|"]
    for a in actions:
        state = "**overdue**" if a.overdue else md(a.status)
        lines.append(
            f"| {md(a.id)} | {md(a.relationship or '')} | {md(a.owner)} | {a.due or ''} | {state} | {md(a.text)} |"
        )
    return "\n".join(lines) + "\n"
