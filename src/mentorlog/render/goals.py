"""Views of goals: a table with progress bars, one goal in full with a sparkline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.core.progress import GoalDetail, GoalStatus
from mentorlog.dates import long_date
from mentorlog.render.style import GOOD, MUTED, OVERDUE, SOON, bar, md, safe, sparkline

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text


def track_text(status: GoalStatus) -> tuple[str, str]:
    """The goal's state in a word or two, with the colour that means it."""
    if status.status != "active":
        return status.status, MUTED
    if status.on_track is False:
        return ("at risk, stale" if status.stale else "at risk"), OVERDUE
    if status.stale:
        return "stale", SOON
    if status.on_track:
        return "on track", GOOD
    return "no target", MUTED


def change_arrow(change: int) -> str:
    if change > 0:
        return f"↑{change}"
    if change < 0:
        return f"↓{-change}"
    return "→0"


def progress_cell(status: GoalStatus) -> Text:
    from rich.text import Text

    _, style = track_text(status)
    return Text.assemble((bar(status.progress), style or ""), f" {status.progress:>3}%")


def goal_table(statuses: list[GoalStatus]) -> RenderableType:
    from rich.table import Table

    if not statuses:
        return safe("No goals. Set one with: mentorlog goal add REL TITLE")
    # The relationship column only when goals of several relationships are listed.
    several = len({status.relationship for status in statuses}) > 1
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("id", no_wrap=True)
    if several:
        table.add_column("with", overflow="ellipsis", no_wrap=True, max_width=16)
    table.add_column("goal", overflow="fold", ratio=1, min_width=16)
    table.add_column("progress", no_wrap=True, min_width=16)
    table.add_column("target", no_wrap=True, min_width=10)
    table.add_column("state", no_wrap=True, min_width=8)
    table.add_column("updated", no_wrap=True, min_width=10)
    for status in statuses:
        word, style = track_text(status)
        cells: list[RenderableType] = [safe(status.id)]
        if several:
            cells.append(safe(status.relationship or ""))
        cells += [
            safe(status.title),
            progress_cell(status),
            status.target.isoformat() if status.target else "",
            safe(word, style),
            status.last_update.isoformat() if status.last_update else "never",
        ]
        table.add_row(*cells)
    return table


def goals_markdown(statuses: list[GoalStatus]) -> str:
    lines = ["| id | with | goal | progress | target | state |", "|---|---|---|---|---|---|"]
    for s in statuses:
        lines.append(
            f"| {md(s.id)} | {md(s.relationship or '')} | {md(s.title)} | {s.progress}% | {s.target or ''} | {md(track_text(s)[0])} |"
        )
    return "\n".join(lines) + "\n"


def review_line(status: GoalStatus) -> Text:
    from rich.text import Text

    word, style = track_text(status)
    line = Text.assemble(("• ", ""), safe(status.title, "bold"), safe(f" ({status.id}) "))
    line.append_text(progress_cell(status))
    line.append_text(safe(f"  {word}", style))
    last = status.last_update.isoformat() if status.last_update else "never"
    line.append(f"  last update {last}", style=MUTED)
    return line


def goal_detail(detail: GoalDetail) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    word, style = track_text(detail)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("progress", progress_cell(detail))
    expected = f" (expected by now: {detail.expected}%)" if detail.expected is not None else ""
    grid.add_row("state", safe(word + expected, style))
    grid.add_row("horizon", safe(detail.horizon))
    grid.add_row("owner", safe(detail.owner))
    if detail.target:
        grid.add_row("target", long_date(detail.target))
    for label, value in (
        ("why", detail.why),
        ("measure", detail.measure),
        ("closed note", detail.close_note),
    ):
        if value:
            grid.add_row(label, safe(value))
    grid.add_row("created", detail.created.isoformat())
    values = [u.progress for u in detail.update]
    if values:
        grid.add_row("history", Text(sparkline(values), style=GOOD))
    parts: list[RenderableType] = [safe(detail.title, "bold"), grid]
    if detail.milestone:
        table = Table(title="Milestones", title_justify="left", box=None, header_style="bold")
        for column in ("id", "milestone", "due", "done"):
            table.add_column(column, overflow="fold")
        for m in detail.milestone:
            table.add_row(
                safe(m.id),
                safe(m.title),
                m.due.isoformat() if m.due else "",
                m.done.isoformat() if m.done else "",
            )
        parts.append(table)
    if detail.update:
        table = Table(title="Progress", title_justify="left", box=None, header_style="bold")
        for column in ("date", "progress", "note"):
            table.add_column(column, overflow="fold")
        for u in detail.update:
            table.add_row(
                u.date.isoformat(), Text(f"{bar(u.progress)} {u.progress:>3}%"), safe(u.note)
            )
        parts.append(table)
    return parts


def goal_detail_markdown(detail: GoalDetail) -> str:
    lines = [
        f"# {md(detail.title)}",
        "",
        f"- Progress: {detail.progress}% ({md(track_text(detail)[0])})",
        f"- Horizon: {md(detail.horizon)}; owner: {md(detail.owner)}",
    ]
    if detail.target:
        lines.append(f"- Target: {long_date(detail.target)}")
    if detail.why:
        lines.append(f"- Why: {md(detail.why)}")
    if detail.measure:
        lines.append(f"- Measure: {md(detail.measure)}")
    if detail.milestone:
        lines += ["", "## Milestones", ""]
        lines += [
            f"- [{'x' if m.done else ' '}] {md(m.title)}" + (f" (due {m.due})" if m.due else "")
            for m in detail.milestone
        ]
    if detail.update:
        lines += ["", "## Progress", ""]
        lines += [
            f"- {u.date}: {u.progress}%" + (f" — {md(u.note)}" if u.note else "")
            for u in detail.update
        ]
    return "\n".join(lines) + "\n"
