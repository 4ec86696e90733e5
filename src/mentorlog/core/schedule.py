"""The one schedule of check-ins: the meetings held, skipped and missed, and the next due.

Held, skipped, missed, expected, next due, overdue and the calendar of `rel show` are all
counted from it (docs/review.md, "The check-in schedule")."""

from collections.abc import Iterator, Sequence
from datetime import date, time

from msgspec import Struct

from mentorlog.core.cadence import Cadence, parse_cadence
from mentorlog.core.model import CheckIn, Relationship
from mentorlog.core.relationships import active_on


class Meeting(Struct, kw_only=True):
    """A check-in held, an agreed skip, or a due date that passed without either."""

    day: date  # the check-in's, the skip's, or the missed due date
    mark: str  # held, skipped, missed


class Schedule(Struct, kw_only=True):
    """What a relationship's meetings came to by a day."""

    meetings: list[Meeting]  # by day, each on or before that day
    next_due: date | None  # None while paused or ended
    last: date | None  # the last check-in held (not a skip)


def due_on(rel: Relationship, day: date) -> bool:
    """Whether a meeting can be owed on a day: the relationship had started and was not paused
    or ended (a file that says paused or ended without any status change never was active)."""
    return active_on(rel, day) and (rel.status == "active" or bool(rel.status_change))


def _due_dates(cadence: Cadence, anchor: date, met: CheckIn | None) -> Iterator[date]:
    """The due dates after an anchor: a check-in's planned `next` date (if after it) or one
    interval later, then every interval; counted from the first, so a monthly date keeps its day
    of month (or the month's last day), as dateutil's rrule counts them."""
    planned = met.next if met is not None else None
    first, n = (planned, 0) if planned is not None and planned > anchor else (anchor, 1)
    while True:
        yield first + cadence.step * n
        n += 1


def _order(met: CheckIn) -> tuple[bool, time, str]:
    """Check-ins of one day in the order of their time (those without one first), so that the
    last one's planned `next` is the one that counts, on every device."""
    return (met.time is not None, met.time or time.min, met.id)


def schedule(
    rel: Relationship, checkins: Sequence[CheckIn], as_of: date, since: date = date.min
) -> Schedule:
    """The meetings of `rel` up to `as_of`: held, skipped and missed (misses from `since` on:
    a review of a period needs none before it, and a journal may hold years of them).

    The start, each resume and each check-in or skip is an anchor: a meeting is due one
    interval after it (or on a check-in's planned `next` date), then every interval, until the
    next anchor. A due date that passed before the next anchor, on a day the relationship was
    active, is missed; the next due is the first due date after the last anchor. Nothing dated
    after `as_of` counts. What came before an anchor never changes what follows it, so a review
    needs no check-in older than the last one before its period."""
    cadence = parse_cadence(rel.cadence)
    resumes = [c.date for c in rel.status_change if c.status == "active" and c.date <= as_of]
    anchors: list[tuple[date, CheckIn | None]] = sorted(
        [(rel.started, None), *((day, None) for day in resumes)]
        + [(c.date, c) for c in checkins if c.date <= as_of],
        key=lambda anchor: (anchor[0], *(_order(anchor[1]) if anchor[1] else ())),
    )
    meetings: list[Meeting] = []
    ends = [day for day, _ in anchors[1:]] + [as_of]
    for (day, met), until in zip(anchors, ends, strict=True):
        if met is not None:
            meetings.append(Meeting(day=day, mark="skipped" if met.skipped else "held"))
        if until <= since:
            continue
        for due in _due_dates(cadence, day, met):
            if due >= until:
                break
            if due_on(rel, due):
                meetings.append(Meeting(day=due, mark="missed"))
    day, met = anchors[-1]
    next_due = next(_due_dates(cadence, day, met)) if due_on(rel, as_of) else None
    held = [m.day for m in meetings if m.mark == "held"]
    return Schedule(meetings=meetings, next_due=next_due, last=held[-1] if held else None)
