"""Check-in accountability: held against expected, next due, overdue, and the calendar."""

from collections.abc import Sequence
from datetime import date, timedelta

from msgspec import Struct

from mentorlog.core.cadence import next_due, occurrences, parse_cadence, week_start
from mentorlog.core.model import CheckIn, Relationship
from mentorlog.core.relationships import active_on


class CheckinStatus(Struct, kw_only=True):
    """Check-ins held against those expected, the last one and the next due."""

    held: int
    expected: int
    last: date | None
    next_due: date | None
    days_since_last: int | None
    overdue: bool


def expected_dates(rel: Relationship, start: date, end: date) -> list[date]:
    """The cadence's occurrences inside [start, end] on days the relationship was active."""
    cadence = parse_cadence(rel.cadence)
    return [
        day for day in occurrences(cadence, rel.started, end, since=start) if active_on(rel, day)
    ]


def checkin_status(
    rel: Relationship, checkins: Sequence[CheckIn], start: date, end: date, as_of: date
) -> CheckinStatus:
    """The rules of DESIGN.md §5 for one relationship over [start, end], seen on `as_of`.

    Only occurrences up to `as_of` are expected: a meeting due next Friday is not yet owed."""
    in_window = [c for c in checkins if start <= c.date <= end]
    held = sum(1 for c in in_window if not c.skipped)
    skips = sum(1 for c in in_window if c.skipped and c.date <= as_of)
    expected = max(0, len(expected_dates(rel, start, min(end, as_of))) - skips)
    past = sorted((c for c in checkins if c.date <= as_of), key=lambda c: c.date)
    held_past = [c for c in past if not c.skipped]
    last = held_past[-1].date if held_past else None
    due: date | None = None
    if rel.status == "active":
        latest = past[-1] if past else None
        cadence = parse_cadence(rel.cadence)
        due = next_due(
            cadence, rel.started, latest.date if latest else None, latest.next if latest else None
        )
        resumed = [change.date for change in rel.status_change if change.status == "active"]
        if resumed and max(resumed) > due:
            due = max(resumed)
    return CheckinStatus(
        held=held,
        expected=expected,
        last=last,
        next_due=due,
        days_since_last=(as_of - last).days if last else None,
        overdue=due is not None and due < as_of,
    )


class CalendarWeek(Struct, kw_only=True):
    """One week of the check-in calendar in `rel show`, and its mark."""

    start: date
    mark: str  # held, skipped, missed, none, inactive, future


def calendar(
    rel: Relationship, checkins: Sequence[CheckIn], as_of: date, weeks: int = 26
) -> list[CalendarWeek]:
    """One mark per week for the last `weeks` weeks, oldest first."""
    first = week_start(as_of) - timedelta(weeks=weeks - 1)
    expected = set(expected_dates(rel, first, as_of))
    result = []
    for index in range(weeks):
        monday = first + timedelta(weeks=index)
        days = {monday + timedelta(days=n) for n in range(7)}
        in_week = [c for c in checkins if c.date in days]
        if any(not c.skipped for c in in_week):
            mark = "held"
        elif in_week:
            mark = "skipped"
        elif days & expected:
            mark = "missed"
        elif not any(active_on(rel, day) for day in days if day <= as_of):
            mark = "inactive"
        else:
            mark = "none"
        result.append(CalendarWeek(start=monday, mark=mark))
    return result
