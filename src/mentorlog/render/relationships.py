"""Text and Markdown views of relationships."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.core.checkins import CheckinStatus
from mentorlog.core.model import Relationship
from mentorlog.core.relationship_detail import Conflict, RelationshipDetail
from mentorlog.core.relationships import describe
from mentorlog.core.text import plural
from mentorlog.dates import long_date
from mentorlog.render.style import GOOD, MUTED, OVERDUE, SOON, md, safe
from mentorlog.render.table import Column, ListTable

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mentorlog.render.table import Cell

__all__ = ["describe"]

CALENDAR_MARKS = {
    "held": "●",
    "skipped": "○",
    "missed": "✗",
    "none": "·",
    "inactive": " ",
    "future": " ",
}
CALENDAR_STYLES = {"held": GOOD, "skipped": SOON, "missed": OVERDUE, "none": MUTED}
AGREEMENT_STYLES = {"agreed": GOOD, "awaiting": SOON, "draft": SOON, "none": MUTED}


def held_words(checkins: CheckinStatus) -> str:
    """ "5 held of 6 expected (1 missed, 1 skipped)": every figure of the schedule, in words."""
    others = [
        f"{count} {word}"
        for count, word in ((checkins.missed, "missed"), (checkins.skipped, "skipped"))
        if count
    ]
    extra = f" ({', '.join(others)})" if others else ""
    return f"{checkins.held} held of {checkins.expected} expected{extra}"


def agreement_words(status: str, version: int) -> str:
    """An agreement's state for people: a version number only once there is an agreement."""
    return "no agreement yet" if status == "none" else f"{status}, version {version}"


RELATIONSHIP_COLUMNS = (
    Column("id", whole=True),
    Column("person"),
    Column("you are", whole=True),
    Column("status", whole=True),
    Column("cadence", optional=True),
    Column("since", whole=True),
)


def relationship_table(rels: list[Relationship]) -> RenderableType:
    if not rels:
        return safe("No relationships yet. Add one with: mentorlog rel add NAME --as mentor|mentee")
    rows: list[list[Cell]] = [
        [
            safe(rel.id),
            safe(rel.counterpart),
            safe(rel.my_role),
            safe(rel.status, MUTED if rel.status != "active" else ""),
            safe(rel.cadence),
            rel.started.isoformat(),
        ]
        for rel in rels
    ]
    return ListTable(RELATIONSHIP_COLUMNS, rows)


def relationships_markdown(rels: list[Relationship]) -> str:
    lines = ["| id | person | you are | status | cadence | since |", "|---|---|---|---|---|---|"]
    for rel in rels:
        lines.append(
            f"| {md(rel.id)} | {md(rel.counterpart)} | {md(rel.my_role)} | {md(rel.status)} | {md(rel.cadence)} | {rel.started} |"
        )
    return "\n".join(lines) + "\n"


def _next_due_text(detail: RelationshipDetail) -> tuple[str, str]:
    status = detail.checkins
    if status.next_due is None:
        return "none expected", MUTED
    if status.overdue:
        return f"{status.next_due.isoformat()} (overdue)", OVERDUE
    return status.next_due.isoformat(), ""


INTRODUCTION_COLUMNS = (
    Column("who"),
    Column("role", optional=True),
    Column("via", optional=True),
    Column("since", whole=True),
)


def relationship_panel(detail: RelationshipDetail) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    agreement = detail.agreement
    review = f", review by {agreement.review_by.isoformat()}" if agreement.review_by else ""
    if agreement.review_overdue:
        review += " (review due)"
    grid.add_row(
        "agreement",
        Text(
            agreement_words(agreement.status, agreement.version) + review,
            style=AGREEMENT_STYLES.get(agreement.status, ""),
        ),
    )
    last = detail.checkins.last
    since = f" ({plural(detail.checkins.days_since_last or 0, 'day')} ago)" if last else ""
    grid.add_row("last check-in", f"{last.isoformat()}{since}" if last else "none yet")
    due_text, due_style = _next_due_text(detail)
    grid.add_row("next due", Text(due_text, style=due_style))
    grid.add_row(
        "last 26 weeks",
        Text(held_words(detail.checkins)),
    )
    marks = Text()
    for week in detail.calendar:
        marks.append(CALENDAR_MARKS[week.mark], style=CALENDAR_STYLES.get(week.mark, ""))
    grid.add_row("calendar", marks)
    grid.add_row("", Text("● held  ○ skipped  ✗ missed  · none due", style=MUTED))
    grid.add_row(
        "open",
        ", ".join(
            [
                plural(detail.open_agenda, "agenda point"),
                plural(detail.open_actions, "action"),
                plural(detail.active_goals, "goal"),
            ]
        ),
    )
    if detail.contact:
        grid.add_row("contact", safe(detail.contact))
    if detail.tags:
        grid.add_row("tags", safe(", ".join(detail.tags)))
    if detail.shared_through:
        grid.add_row("shared", safe(f"through {detail.shared_through}"))
    for conflict in detail.conflicts:
        grid.add_row("to resolve", safe(_conflict_words(conflict), "yellow"))
    parts: list[RenderableType] = [safe(detail.description, "bold"), grid]
    if detail.introductions:
        introductions: list[list[Cell]] = [
            [safe(person.name), safe(person.role), safe(person.via), person.added.isoformat()]
            for person in detail.introductions
        ]
        parts.append(ListTable(INTRODUCTION_COLUMNS, introductions, title="Introductions"))
    return parts


def relationship_markdown(detail: RelationshipDetail) -> str:
    agreement = detail.agreement
    lines = [
        f"# {md(detail.counterpart)}",
        "",
        md(detail.description),
        "",
        f"- Agreement: {agreement_words(agreement.status, agreement.version)}"
        + (f", review by {long_date(agreement.review_by)}" if agreement.review_by else ""),
        f"- Last check-in: {detail.checkins.last or 'none yet'}",
        f"- Next due: {_next_due_text(detail)[0]}",
        f"- Last 26 weeks: {held_words(detail.checkins)}",
    ]
    if detail.shared_through:
        lines.append(f"- Shared through {md(detail.shared_through)}")
    lines += [f"- To resolve: {md(_conflict_words(c))}" for c in detail.conflicts]
    if detail.introductions:
        lines += ["", "## Introductions", ""]
        lines += [f"- {md(p.name)} ({md(p.role)}), via {md(p.via)}" for p in detail.introductions]
    return "\n".join(lines) + "\n"


def _conflict_words(conflict: Conflict) -> str:
    """`actions/k2x9q.toml: due 2026-12-10 kept, 2026-12-05 left out (in <copy>)`."""
    values = "; ".join(
        f"{key} {kept} kept, {left_out} left out" for key, kept, left_out in conflict.differences
    )
    return f"{conflict.record}: {values or 'the same values'} (in {conflict.copy})"
