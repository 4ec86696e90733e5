"""The weekly review: panels for the terminal, a Markdown document to share, the dashboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.core.summary import RelationshipSummary, StatusRow, Summary
from mentorlog.core.text import clean_line, plural
from mentorlog.dates import long_date
from mentorlog.render.goals import change_arrow, progress_cell, track_text
from mentorlog.render.lines import Line, LineLayout, cell_len, truncated
from mentorlog.render.relationships import AGREEMENT_STYLES, agreement_words, held_words
from mentorlog.render.style import GOOD, MUTED, OVERDUE, SOON, md, safe

if TYPE_CHECKING:
    from rich.console import RenderableType

PILLAR_SHORT = {
    "expectations": "exp",
    "communication": "com",
    "trust": "tru",
    "goals": "goa",
    "learning": "lea",
    "network": "net",
}


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{round(value * 100)}%"


def checkin_line(s: RelationshipSummary) -> tuple[str, str]:
    c = s.checkins
    parts = [held_words(c)]
    if c.last:
        parts.append(f"last {c.last.isoformat()} ({plural(c.days_since_last or 0, 'day')} ago)")
    else:
        parts.append("none yet")
    if c.next_due:
        parts.append(f"next due {c.next_due.isoformat()}{' — overdue' if c.overdue else ''}")
    elif s.status != "active":
        parts.append(f"{s.status}: none expected")
    return " · ".join(parts), OVERDUE if c.overdue else ""


def agreement_line(s: RelationshipSummary) -> tuple[str, str]:
    a = s.agreement
    text = agreement_words(a.status, a.version)
    if a.review_by:
        text += (
            f", review by {a.review_by.isoformat()}{' — review due' if a.review_overdue else ''}"
        )
    return text, OVERDUE if a.review_overdue else AGREEMENT_STYLES.get(a.status, "")


def actions_line(s: RelationshipSummary) -> tuple[str, str]:
    a = s.actions
    rel = a.reliability
    text = (
        f"{a.due} due: {a.done_on_time} kept, {a.done_late} late, {a.missed} missed · {a.open} open"
        f" · reliability mentor {percent(rel['mentor'])}, mentee {percent(rel['mentee'])}"
    )
    return text, OVERDUE if a.overdue else ""


def health_line(s: RelationshipSummary) -> str:
    parts = []
    for party in ("mentor", "mentee"):
        pulse = s.health.latest.get(party)
        if pulse:
            scores = " ".join(f"{PILLAR_SHORT.get(k, k)} {v}" for k, v in pulse.scores.items())
            parts.append(f"{party} {scores}")
    if s.health.differences:
        parts.append("views differ on " + ", ".join(s.health.differences))
    return " · ".join(parts) or "no pulse yet"


def _panel(s: RelationshipSummary) -> RenderableType:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, (text, style) in (
        ("check-ins", checkin_line(s)),
        ("agreement", agreement_line(s)),
        ("actions", actions_line(s)),
    ):
        grid.add_row(label, safe(text, style))
    for action in s.actions.overdue:
        grid.add_row(
            "",
            Text.assemble(
                ("overdue ", OVERDUE),
                safe(f"{action.due.isoformat()} {action.owner}: {action.text}"),
            ),
        )
    for goal in s.goals:
        word, style = track_text(goal)
        line = progress_cell(goal)
        line.append(f" {change_arrow(goal.progress_change):>4}  ")
        line.append_text(safe(goal.title))
        line.append_text(safe(f"  {word}", style))
        grid.add_row("goal" if goal is s.goals[0] else "", line)
    grid.add_row("learning", f"{s.learning} logged")
    grid.add_row("health", safe(health_line(s)))
    role = "you mentor" if s.my_role == "mentor" else "mentors you"
    title = Text.assemble(safe(s.counterpart, "bold"), safe(f" ({role}, {s.cadence})"))
    border = (
        OVERDUE
        if s.checkins.overdue or s.actions.overdue
        else (MUTED if s.status != "active" else GOOD)
    )
    return Panel(grid, title=title, title_align="left", border_style=border)


def summary_panels(summary: Summary) -> list[RenderableType]:
    from rich.text import Text

    period = summary.period
    parts: list[RenderableType] = [
        Text(
            f"Accountability review, {long_date(period.start)} – {long_date(period.end)} (as of {summary.as_of.isoformat()})",
            style="bold",
        )
    ]
    if not summary.relationships:
        parts.append(
            safe("No active relationships. Add one with: mentorlog rel add NAME --as mentor|mentee")
        )
    parts += [_panel(s) for s in summary.relationships]
    if summary.alerts:
        parts.append(Text("Alerts", style="bold underline"))
        for alert in summary.alerts:
            parts.append(
                Text.assemble(("• ", OVERDUE), (f"{alert.kind}: ", "bold"), safe(alert.message))
            )
    else:
        parts.append(Text("No alerts: everyone is doing what was agreed.", style=GOOD))
    return parts


def summary_markdown(summary: Summary) -> str:
    period = summary.period
    lines = [
        f"# Mentoring review: {long_date(period.start)} – {long_date(period.end)}",
        "",
        f"As of {long_date(summary.as_of)}{' · ' + md(summary.owner) if summary.owner else ''}.",
    ]
    for s in summary.relationships:
        role = "you mentor" if s.my_role == "mentor" else "mentors you"
        lines += ["", f"## {md(s.counterpart)} ({role}, {md(s.cadence)})", ""]
        lines.append(f"- **Check-ins:** {md(checkin_line(s)[0])}")
        lines.append(f"- **Agreement:** {md(agreement_line(s)[0])}")
        lines.append(f"- **Actions:** {md(actions_line(s)[0])}")
        for action in s.actions.overdue:
            lines.append(f"  - overdue since {action.due}: {md(action.text)} ({md(action.owner)})")
        if s.goals:
            lines.append("- **Goals:**")
            for goal in s.goals:
                lines.append(
                    f"  - {md(goal.title)}: {goal.progress}% ({change_arrow(goal.progress_change)}), {md(track_text(goal)[0])}"
                )
        lines.append(f"- **Learning:** {s.learning} logged")
        lines.append(f"- **Health:** {md(health_line(s))}")
    if summary.network.follow_ups_due:
        lines += ["", "## Network follow-ups due", ""]
        lines += [f"- {md(f.name)} (since {f.follow_up})" for f in summary.network.follow_ups_due]
    lines += ["", "## Alerts", ""]
    lines += [f"- **{a.kind}**: {md(a.message)}" for a in summary.alerts] or [
        "- none: everyone is doing what was agreed."
    ]
    return "\n".join(lines) + "\n"


# The columns of `status`: heading, minimum width, alignment. The person's column takes what
# the terminal leaves.
STATUS_COLUMNS = (
    ("person", 6, "left"),
    ("next due", 10, "left"),
    ("last", 5, "right"),
    ("acts", 5, "center"),
    ("goals", 5, "center"),
    ("agreement", 9, "left"),
)
STATUS_GAP = "  "
_AGREEMENT_CELLS = {"none": "none yet"}  # "none" alone reads as a status, not as no agreement
STATUS_CAPTION = "acts: open/overdue actions · goals: at risk/stale"
STATUS_CAPTION_LINES = "acts: open/overdue actions\ngoals: at risk/stale"  # on a narrow screen
STATUS_FIXED_WIDTH = sum(width for _, width, _ in STATUS_COLUMNS[1:]) + len(STATUS_GAP) * 5


class StatusTable(LineLayout):
    """The dashboard table, sized to the terminal: names give way, figures keep their width,
    every relationship stays on one line.

    Laid out here as lines rather than with Rich's Table, whose general layout cost more than
    the rest of `status` on a 50-relationship journal; and so written to a pipe or a file
    without Rich (see render/lines.py)."""

    def __init__(self, rows: list[StatusRow]) -> None:
        self.rows = rows

    def lines(self, width: int) -> list[Line]:
        rows = [_status_cells(row) for row in self.rows]
        header: list[Line] = [[(heading, "bold")] for heading, _, _ in STATUS_COLUMNS]
        widths = [
            max(minimum, *(_cells(cells[i]) for cells in [header, *rows]))
            for i, (_, minimum, _) in enumerate(STATUS_COLUMNS)
        ]
        widths[0] = min(widths[0], max(6, width - STATUS_FIXED_WIDTH))
        lines = []
        for cells in [header, *rows]:
            line: Line = []
            for i, (cell, room, (_, _, align)) in enumerate(
                zip(cells, widths, STATUS_COLUMNS, strict=True)
            ):
                fitted = truncated(cell, room, ellipsis=True)
                spare = room - _cells(fitted)
                before = spare if align == "right" else spare // 2 if align == "center" else 0
                line.append(((STATUS_GAP if i else "") + " " * before, ""))
                line += fitted
                line.append((" " * (spare - before), ""))
            lines.append(line)
        table_width = min(sum(widths) + len(STATUS_GAP) * 5, width)
        caption = STATUS_CAPTION if len(STATUS_CAPTION) <= table_width else STATUS_CAPTION_LINES
        lines += [[(text.ljust(table_width), MUTED)] for text in caption.split("\n")]
        return lines


def _cells(line: Line) -> int:
    return cell_len("".join(text for text, _ in line))


def _status_cells(row: StatusRow) -> list[Line]:
    person: Line = [(clean_line(row.counterpart).expandtabs(1), "")]  # a tab would break a row
    if row.my_role == "mentee":
        person.append((" (mentor)", MUTED))
    late = sum(row.overdue_actions.values())
    return [
        person,
        [(row.next_due.isoformat() if row.next_due else "—", OVERDUE if row.overdue_days else "")],
        [(f"{row.days_since_last}d" if row.days_since_last is not None else "never", "")],
        [(f"{sum(row.open_actions.values())}/{late}", OVERDUE if late else "")],
        [
            (
                f"{row.goals_at_risk}/{row.goals_stale}",
                OVERDUE if row.goals_at_risk else (SOON if row.goals_stale else GOOD),
            )
        ],
        [
            (
                _AGREEMENT_CELLS.get(row.agreement, row.agreement),
                AGREEMENT_STYLES.get(row.agreement, ""),
            )
        ],
    ]


def status_table(rows: list[StatusRow]) -> RenderableType:
    if not rows:
        return safe(
            "No active relationships. Add one with: mentorlog rel add NAME --as mentor|mentee"
        )
    return StatusTable(rows)


def status_markdown(rows: list[StatusRow]) -> str:
    lines = [
        "| person | next check-in | last | overdue actions | goals at risk/stale | agreement |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        due = f"{r.next_due} ({r.overdue_days}d late)" if r.overdue_days else str(r.next_due or "—")
        last = f"{r.days_since_last}d" if r.days_since_last is not None else "never"
        late = sum(r.overdue_actions.values())
        lines.append(
            f"| {md(r.counterpart)} | {due} | {last} | {late} | {r.goals_at_risk}/{r.goals_stale} | {md(_AGREEMENT_CELLS.get(r.agreement, r.agreement))} |"
        )
    return "\n".join(lines) + "\n"
