"""Views of goals: a table with progress bars, one goal in full with a sparkline."""

from __future__ import annotations

from itertools import compress
from typing import TYPE_CHECKING

from mentorlog.core.progress import GoalDetail, GoalStatus
from mentorlog.dates import long_date
from mentorlog.render.style import GOOD, MUTED, OVERDUE, SOON, bar, md, safe, sparkline
from mentorlog.render.table import Column, ListTable

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from mentorlog.render.table import Cell


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


def progress_bar(status: GoalStatus) -> Text:
    from rich.text import Text

    return Text(bar(status.progress), style=track_text(status)[1])


def progress_cell(status: GoalStatus) -> Text:
    return progress_bar(status).append(f" {status.progress:>3}%", style="")


GOAL_COLUMNS = (
    Column("id", whole=True),
    Column("with", whole=True),
    Column("goal", wraps=True, least=16),
    Column("", whole=True, optional=True),  # the progress bar, beside the figure
    Column("progress", whole=True, justify="right"),
    Column("target", whole=True),
    Column("state", whole=True),
    Column("updated", whole=True, optional=True),
)


def goal_table(statuses: list[GoalStatus]) -> RenderableType:
    if not statuses:
        return safe("No goals. Set one with: mentorlog goal add REL TITLE")
    rows: list[list[Cell]] = [
        [
            safe(status.id),
            safe(status.relationship or ""),
            safe(status.title),
            progress_bar(status),
            f"{status.progress}%",
            status.target.isoformat() if status.target else "",
            safe(*track_text(status)),
            status.last_update.isoformat() if status.last_update else "never",
        ]
        for status in statuses
    ]
    # The relationship column only when goals of several relationships are listed.
    several = len({status.relationship for status in statuses}) > 1
    keep = [several or column.header != "with" for column in GOAL_COLUMNS]
    return ListTable(
        list(compress(GOAL_COLUMNS, keep)), [list(compress(row, keep)) for row in rows]
    )


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


MILESTONE_COLUMNS = (
    Column("id", whole=True),
    Column("milestone", wraps=True),
    Column("due", whole=True),
    Column("done", whole=True),
)
UPDATE_COLUMNS = (
    Column("date", whole=True),
    Column("progress", whole=True),
    Column("note", wraps=True, least=20),
)


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
        milestones: list[list[Cell]] = [
            [
                safe(m.id),
                safe(m.title),
                m.due.isoformat() if m.due else "",
                m.done.isoformat() if m.done else "",
            ]
            for m in detail.milestone
        ]
        parts.append(ListTable(MILESTONE_COLUMNS, milestones, title="Milestones"))
    if detail.update:
        updates: list[list[Cell]] = [
            [u.date.isoformat(), f"{bar(u.progress)} {u.progress:>3}%", safe(u.note)]
            for u in detail.update
        ]
        parts.append(ListTable(UPDATE_COLUMNS, updates, title="Progress"))
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
