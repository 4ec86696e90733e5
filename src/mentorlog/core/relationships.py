"""Rules about relationships themselves: describing them, status changes, active days."""

from datetime import date

from msgspec import structs

from mentorlog.core.model import Relationship, StatusChange
from mentorlog.dates import long_date
from mentorlog.errors import UserError

_VERBS = {"active": "", "paused": " (paused)", "ended": " (ended)"}


def describe(rel: Relationship) -> str:
    """Who mentors whom, in words: "You mentor Ada Lovelace since 1 September 2026, every 2 weeks"."""
    since = long_date(rel.started)
    if rel.my_role == "mentor":
        sentence = f"You mentor {rel.counterpart} since {since}, {rel.cadence}"
    else:
        sentence = f"{rel.counterpart} mentors you since {since}, {rel.cadence}"
    return sentence + _VERBS.get(rel.status, "") + "."


# What each status command does: the status it gives and the statuses it applies to.
STATUS_COMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "pause": ("paused", ("active",)),
    "resume": ("active", ("paused",)),
    "end": ("ended", ("active", "paused")),
    "reopen": ("active", ("ended",)),
}


def change_status(rel: Relationship, command: str, day: date, note: str = "") -> Relationship:
    """A new relationship record with its status changed by a command (pause, resume, end,
    reopen) and the change kept in its history: a reopened one keeps its end there."""
    status, applies_to = STATUS_COMMANDS[command]
    if rel.status not in applies_to:
        instead = [
            other
            for other, (gives, applies) in STATUS_COMMANDS.items()
            if gives == status and rel.status in applies
        ]
        raise UserError(
            f"Cannot {command} {rel.counterpart}: the relationship is {rel.status}.",
            hint=f"Use: mentorlog rel {instead[0]} {rel.id}" if instead else None,
        )
    latest = max((change.date for change in rel.status_change), default=rel.started)
    if day < latest:
        raise UserError(
            f"The relationship with {rel.counterpart} last changed on {latest.isoformat()}; "
            f"a change cannot be dated {day.isoformat()}, before it.",
            hint=f"A change is dated by --as-of (today when not given): give a day on or after "
            f"{latest.isoformat()}.",
        )
    history = [*rel.status_change, StatusChange(date=day, status=status, note=note)]
    return structs.replace(rel, status=status, status_change=history)


def status_on(rel: Relationship, day: date) -> str:
    """The relationship's status as it was on a day (a review of a past day shows it as it was
    then): its last status change by then, else active if it changed later, else its status."""
    changes = sorted(rel.status_change, key=lambda change: change.date)
    before = [change.status for change in changes if change.date <= day]
    if before:
        return before[-1]
    return "active" if changes else rel.status


def active_on(rel: Relationship, day: date) -> bool:
    """Whether the relationship was active on a day, from its start and its status history."""
    if day < rel.started:
        return False
    status = "active"
    for change in sorted(rel.status_change, key=lambda change: change.date):
        if change.date > day:
            break
        status = change.status
    return status == "active"
