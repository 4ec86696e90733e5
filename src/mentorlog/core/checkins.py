"""Check-in accountability: held against expected, missed, next due, overdue, and the calendar,
each counted from the one schedule of core/schedule.py."""

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from msgspec import Struct

from mentorlog.core.cadence import week_start
from mentorlog.core.model import CheckIn, Relationship
from mentorlog.core.schedule import Meeting, due_on, schedule


class CheckinStatus(Struct, kw_only=True):
    """Check-ins held against those expected, the last one and the next due."""

    held: int
    expected: int  # held + missed: an agreed skip is not expected
    skipped: int
    missed: int
    last: date | None
    next_due: date | None
    days_since_last: int | None
    overdue: bool


def _count(meetings: Sequence[Meeting], start: date, end: date) -> Counter[str]:
    return Counter(m.mark for m in meetings if start <= m.day <= end)


def checkin_status(
    rel: Relationship, checkins: Sequence[CheckIn], start: date, end: date, as_of: date
) -> CheckinStatus:
    """The schedule's meetings dated in [start, end], seen on `as_of` (docs/review.md): a
    meeting counts on the day it was held or skipped, a missed one on its due date."""
    plan = schedule(rel, checkins, as_of, since=start)
    marks = _count(plan.meetings, start, end)
    return CheckinStatus(
        held=marks["held"],
        expected=marks["held"] + marks["missed"],
        skipped=marks["skipped"],
        missed=marks["missed"],
        last=plan.last,
        next_due=plan.next_due,
        days_since_last=(as_of - plan.last).days if plan.last else None,
        overdue=plan.next_due is not None and plan.next_due < as_of,
    )


class CalendarWeek(Struct, kw_only=True):
    """One week of the check-in calendar in `rel show`, its mark and what it holds."""

    start: date
    mark: str  # missed, held, skipped (the first the week holds), none or inactive
    held: int
    skipped: int
    missed: int


def calendar(
    rel: Relationship, checkins: Sequence[CheckIn], as_of: date, weeks: int = 26
) -> list[CalendarWeek]:
    """One mark per week for the last `weeks` weeks, oldest first: a week that holds a missed
    meeting is marked missed, whatever else it holds."""
    first = week_start(as_of) - timedelta(weeks=weeks - 1)
    plan = schedule(rel, checkins, as_of, since=first)
    result = []
    for index in range(weeks):
        monday = first + timedelta(weeks=index)
        marks = _count(plan.meetings, monday, monday + timedelta(days=6))
        mark = next((m for m in ("missed", "held", "skipped") if marks[m]), None)
        if mark is None:
            days = (monday + timedelta(days=n) for n in range(7))
            mark = "none" if any(due_on(rel, d) for d in days if d <= as_of) else "inactive"
        result.append(
            CalendarWeek(
                start=monday,
                mark=mark,
                held=marks["held"],
                skipped=marks["skipped"],
                missed=marks["missed"],
            )
        )
    return result
