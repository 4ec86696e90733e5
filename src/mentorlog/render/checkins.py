"""Views of check-ins: a table, one in full, and Markdown that keeps private notes out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mentorlog.core.export import withhold_private
from mentorlog.core.model import CheckIn, CheckInEntry
from mentorlog.dates import format_duration, long_date
from mentorlog.render.style import SOON, md, safe
from mentorlog.render.table import Column, ListTable

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mentorlog.render.table import Cell

PRIVATE_LEFT_OUT = "*(private notes left out)*"


def _what(checkin: CheckIn) -> str:
    if checkin.skipped:
        return f"skipped{': ' + checkin.why if checkin.why else ''}"
    return checkin.summary or (checkin.notes.splitlines()[0] if checkin.notes else "")


CHECKIN_COLUMNS = (
    Column("date", whole=True),
    Column("id", whole=True),
    Column("with", whole=True),
    Column("mode", whole=True, optional=True),
    Column("time", whole=True, optional=True),
    Column("rating", whole=True, optional=True),
    Column("summary", least=20),
)


def checkin_table(checkins: list[CheckInEntry]) -> RenderableType:
    if not checkins:
        return safe("No check-ins found. Log one with: mentorlog checkin log REL")
    rows: list[list[Cell]] = [
        [
            checkin.date.isoformat(),
            safe(checkin.id),
            safe(checkin.relationship or ""),
            safe(checkin.mode or ""),
            format_duration(checkin.duration) if checkin.duration else "",
            "★" * checkin.rating if checkin.rating else "",
            safe(_what(checkin), SOON if checkin.skipped else ""),
        ]
        for checkin in checkins
    ]
    return ListTable(CHECKIN_COLUMNS, rows)


def checkin_detail(checkin: CheckInEntry) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    title = Text.assemble(
        "Check-in ", safe(checkin.id), f", {long_date(checkin.date)}", style="bold"
    )
    if checkin.relationship:
        title.append(" with ")
        title.append_text(safe(checkin.relationship, "bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    if checkin.skipped:
        grid.add_row("skipped", safe(checkin.why or "agreed skip"))
    facts = [
        ("time", checkin.time.strftime("%H:%M") if checkin.time else ""),
        ("duration", format_duration(checkin.duration) if checkin.duration else ""),
        ("mode", checkin.mode or ""),
        ("rating", f"{checkin.rating}/5" if checkin.rating else ""),
        ("next", checkin.next.isoformat() if checkin.next else ""),
        ("summary", checkin.summary),
        ("private", "yes" if checkin.private else ""),
    ]
    for label, value in facts:
        if value:
            grid.add_row(label, safe(value))
    lists = [
        ("topics", checkin.topics),
        ("feedback given", checkin.feedback_given),
        ("feedback received", checkin.feedback_received),
        ("concerns", checkin.concerns),
        ("learned", checkin.learned),
        ("agenda discussed", checkin.discussed),
    ]
    for label, values in lists:
        if values:
            grid.add_row(label, safe("\n".join(f"• {value}" for value in values)))
    parts: list[RenderableType] = [title, grid]
    if checkin.notes:
        parts += [Text(), Text("Notes", style="bold underline"), safe(checkin.notes)]
    return parts


def _markdown_lines(checkin: CheckIn, include_private: bool, level: str) -> list[str]:
    """A check-in in Markdown, which is for sharing: a private one shows that it was held,
    never what was written in it, unless `include_private`."""
    rel = getattr(checkin, "relationship", "")  # an export's check-ins sit under theirs
    with_whom = f" with {md(rel)}" if rel else ""
    lines = [f"{level} {long_date(checkin.date)}{with_whom} ({md(checkin.id)})", ""]
    if not include_private:
        checkin = withhold_private(checkin)
    if checkin.skipped:
        return [*lines, f"Agreed skip{': ' + md(checkin.why) if checkin.why else ''}.", ""]
    facts = [
        format_duration(checkin.duration) if checkin.duration else "",
        md(checkin.mode or ""),
        f"rated {checkin.rating}/5" if checkin.rating else "",
        f"next {checkin.next.isoformat()}" if checkin.next else "",
    ]
    if any(facts):
        lines += [" · ".join(fact for fact in facts if fact), ""]
    if checkin.summary:
        lines += [f"**{md(checkin.summary)}**", ""]
    for label, values in (
        ("Topics", checkin.topics),
        ("Feedback given", checkin.feedback_given),
        ("Feedback received", checkin.feedback_received),
        ("Concerns", checkin.concerns),
        ("Learned", checkin.learned),
    ):
        if values:
            lines += [f"{label}:", *[f"- {md(value)}" for value in values], ""]
    if checkin.private and not include_private:
        lines += [PRIVATE_LEFT_OUT, ""]
    elif checkin.notes:
        lines += [line.rstrip() for line in md(checkin.notes, notes=True).splitlines()] + [""]
    return lines


def checkin_markdown(checkin: CheckInEntry, include_private: bool = False) -> str:
    return "\n".join(_markdown_lines(checkin, include_private, "#"))


def checkins_markdown(checkins: Sequence[CheckIn], include_private: bool = False) -> str:
    lines = ["# Check-ins", ""]
    for checkin in checkins:
        lines += _markdown_lines(checkin, include_private, "##")
    return "\n".join(lines)
