"""Exports for people and calendars: a Markdown report per relationship, and iCalendar."""

from datetime import UTC, date, timedelta
from typing import Any

from mentorlog.core.agreement import agreement_view
from mentorlog.core.checkins import checkin_status
from mentorlog.core.export import JournalExport
from mentorlog.core.progress import goal_status
from mentorlog.core.text import clean_line
from mentorlog.render.agreement import agreement_markdown
from mentorlog.render.checkins import checkins_markdown
from mentorlog.render.goals import track_text
from mentorlog.render.relationships import describe
from mentorlog.render.style import md

ICS_DOMAIN = "mentorlog"


def demote(lines: list[str], levels: int) -> list[str]:
    """Headings moved down `levels` levels, to nest one document inside another."""
    return ["#" * levels + line if line.startswith("#") else line for line in lines]


def export_markdown(export: JournalExport, as_of: date, stale_days: int) -> str:
    lines = [
        f"# Mentoring journal{' of ' + md(export.owner) if export.owner else ''}",
        "",
        f"Exported {export.exported}.",
    ]
    for part in export.relationships:
        rel = part.relationship
        lines += ["", f"## {md(rel.counterpart)}", "", md(describe(rel)), ""]
        agreement = agreement_markdown(agreement_view(rel, export.owner, as_of))
        lines += ["### Agreement", "", *demote(agreement.splitlines()[2:], 2)]
        lines += ["", "### Goals", ""]
        for goal in part.goals:
            status = goal_status(goal, as_of, as_of, as_of, stale_days)
            lines.append(
                f"- {md(goal.title)}: {status.progress}%, {md(track_text(status)[0])}"
                + (f", target {goal.target}" if goal.target else "")
            )
        if not part.goals:
            lines.append("- none")
        lines += ["", "### Actions", ""]
        for action in sorted(part.actions, key=lambda a: (a.due or date.max, a.id)):
            lines.append(
                f"- [{'x' if action.status == 'done' else ' '}] {md(action.text)} ({md(action.owner)}"
                + (f", due {action.due}" if action.due else "")
                + f", {md(action.status)})"
            )
        if not part.actions:
            lines.append("- none")
        lines += ["", "### Check-ins", ""]
        body = checkins_markdown(
            sorted(part.checkins, key=lambda c: c.date, reverse=True), export.private_included
        )
        lines += demote(body.splitlines()[2:], 2)
    if export.learning:
        lines += ["", "## Learning", ""]
        lines += [f"- {e.date} ({md(e.kind)}): {md(e.text)}" for e in export.learning]
    if export.network:
        lines += ["", "## Network", ""]
        lines += [
            f"- {md(c.name)}{' (' + md(c.role) + ')' if c.role else ''}"
            + (f", follow up {c.follow_up}" if c.follow_up else "")
            for c in export.network
        ]
    return "\n".join(lines) + "\n"


def export_ics(export: JournalExport, as_of: date) -> str:
    """The next due check-in of each active relationship and every open action with a due date,
    as all-day events whose UIDs stay the same from one export to the next."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//mentorlog//mentorlog//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Mentoring")
    for part in export.relationships:
        rel = part.relationship
        if rel.status != "active":
            continue
        status = checkin_status(rel, part.checkins, as_of, as_of, as_of)
        if status.next_due is not None:
            event = _all_day_event(
                f"checkin-{rel.id}",
                f"Mentoring check-in with {rel.counterpart}",
                status.next_due,
                export.exported,
            )
            if status.overdue:
                event.add(
                    "description",
                    f"Overdue since {status.next_due.isoformat()} ({clean_line(rel.cadence)}).",
                )
            calendar.add_component(event)
        for action in part.actions:
            if action.status != "open" or action.due is None:
                continue
            calendar.add_component(
                _all_day_event(
                    f"action-{action.id}",
                    f"{action.text} ({action.owner}, {rel.counterpart})",
                    action.due,
                    export.exported,
                )
            )
    ical: bytes = calendar.to_ical()
    return ical.decode("utf-8")


def _all_day_event(uid: str, summary: str, day: date, exported: date) -> Any:
    """An all-day event whose UID stays the same from one export to the next (its text made
    terminal-safe: a calendar file may well be printed)."""
    from icalendar import Event

    event = Event()
    event.add("uid", clean_line(f"{uid}@{ICS_DOMAIN}"))
    event.add("summary", clean_line(summary))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("dtstamp", _stamp(exported))
    return event


def _stamp(day: date) -> object:
    from datetime import datetime

    return datetime(day.year, day.month, day.day, tzinfo=UTC)
