from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.core.cadence import Cadence, next_due, occurrences, parse_cadence
from mentorlog.core.checkins import checkin_status
from mentorlog.core.model import CheckIn, Relationship, StatusChange
from mentorlog.errors import UserError


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("weekly", "weekly"),
        ("Fortnightly", "every 2 weeks"),
        ("monthly", "monthly"),
        ("every 2 weeks", "every 2 weeks"),
        ("every 10 days", "every 10 days"),
        ("every 3 months", "every 3 months"),
        ("every 1 week", "weekly"),
    ],
)
def test_parse_cadence(text: str, label: str) -> None:
    assert parse_cadence(text).label == label


@pytest.mark.parametrize(
    "text", ["", "sometimes", "every 0 weeks", "every -1 days", "every week or so"]
)
def test_bad_cadence(text: str) -> None:
    with pytest.raises(UserError):
        parse_cadence(text)


def test_monthly_from_the_31st_clamps_to_month_end() -> None:
    days = occurrences(Cadence(1, "month"), date(2026, 1, 31), date(2026, 5, 1))
    assert days == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]


def _rel(cadence: str, started: date = date(2026, 9, 1), **extra: object) -> Relationship:
    return Relationship(
        id="r", counterpart="R", my_role="mentor", started=started, cadence=cadence, **extra
    )  # type: ignore[arg-type]


def _met(*days: date, planned: date | None = None) -> list[CheckIn]:
    result = [CheckIn(id=f"c{n}", date=day) for n, day in enumerate(days)]
    if planned and result:
        result[-1].next = planned
    return result


AS_OF = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("cadence", "checkins", "next_expected", "overdue"),
    [
        # no check-in yet: due on the start date
        ("weekly", [], date(2026, 9, 1), True),
        # last + one interval, for each cadence
        ("weekly", _met(date(2026, 11, 20)), date(2026, 11, 27), False),
        ("weekly", _met(date(2026, 11, 19)), date(2026, 11, 26), False),  # due today: not overdue
        ("weekly", _met(date(2026, 11, 18)), date(2026, 11, 25), True),
        ("every 2 weeks", _met(date(2026, 11, 12)), date(2026, 11, 26), False),
        ("every 2 weeks", _met(date(2026, 11, 11)), date(2026, 11, 25), True),
        ("fortnightly", _met(date(2026, 11, 1)), date(2026, 11, 15), True),
        ("monthly", _met(date(2026, 10, 31)), date(2026, 11, 30), False),
        ("monthly", _met(date(2026, 10, 25)), date(2026, 11, 25), True),
        ("every 10 days", _met(date(2026, 11, 16)), date(2026, 11, 26), False),
        ("every 3 months", _met(date(2026, 9, 1)), date(2026, 12, 1), False),
        # a planned next date wins over the cadence
        ("weekly", _met(date(2026, 11, 1), planned=date(2026, 12, 24)), date(2026, 12, 24), False),
        ("monthly", _met(date(2026, 11, 20), planned=date(2026, 11, 22)), date(2026, 11, 22), True),
    ],
)
def test_next_due_and_overdue(
    cadence: str, checkins: list[CheckIn], next_expected: date, overdue: bool
) -> None:
    status = checkin_status(_rel(cadence), checkins, date(2026, 9, 1), AS_OF, AS_OF)
    assert status.next_due == next_expected
    assert status.overdue is overdue


def test_held_and_expected_in_a_window() -> None:
    rel = _rel("weekly", started=date(2026, 11, 2))
    checkins = _met(date(2026, 11, 3), date(2026, 11, 17))
    status = checkin_status(rel, checkins, date(2026, 11, 1), date(2026, 11, 30), AS_OF)
    # Occurrences 11-02, 09, 16, 23 are owed by 11-26; 11-30 is not yet.
    assert status.expected == 4
    assert status.held == 2
    assert status.last == date(2026, 11, 17)
    assert status.days_since_last == 9


def test_paused_relationship_expects_nothing_while_paused() -> None:
    rel = _rel(
        "weekly",
        started=date(2026, 11, 2),
        status="active",
        status_change=[
            StatusChange(date=date(2026, 11, 8), status="paused"),
            StatusChange(date=date(2026, 11, 20), status="active"),
        ],
    )
    status = checkin_status(rel, [], date(2026, 11, 1), date(2026, 11, 30), AS_OF)
    assert status.expected == 2  # 11-02 and 11-23; 11-09 and 11-16 fell in the pause
    assert status.next_due == date(2026, 11, 20)  # resumed: due from the resume date
    paused = _rel(
        "weekly",
        status="paused",
        status_change=[StatusChange(date=date(2026, 9, 2), status="paused")],
    )
    still = checkin_status(paused, [], date(2026, 11, 1), date(2026, 11, 30), AS_OF)
    assert still.expected == 0
    assert still.next_due is None
    assert still.overdue is False


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)),
    count=st.integers(1, 12),
    unit=st.sampled_from(["day", "week", "month"]),
    span=st.integers(0, 800),
)
def test_occurrences_are_ordered_inside_the_window(
    start: date, count: int, unit: str, span: int
) -> None:
    cadence = Cadence(count, unit)
    until = date.fromordinal(start.toordinal() + span)
    days = occurrences(cadence, start, until)
    assert days == sorted(set(days))
    assert all(start <= day <= until for day in days)
    assert days[0] == start
    assert next_due(cadence, start, None, None) == start


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)),
    count=st.integers(1, 12),
    unit=st.sampled_from(["day", "week", "month"]),
    span=st.integers(0, 2000),
    offset=st.integers(-50, 2100),
)
def test_occurrences_from_a_later_day_are_the_same_dates(
    start: date, count: int, unit: str, span: int, offset: int
) -> None:
    cadence = Cadence(count, unit)
    until = date.fromordinal(start.toordinal() + span)
    since = date.fromordinal(start.toordinal() + offset)
    everything = occurrences(cadence, start, until)
    assert occurrences(cadence, start, until, since=since) == [d for d in everything if d >= since]


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)),
    count=st.integers(1, 12),
    unit=st.sampled_from(["day", "week", "month"]),
    span=st.integers(0, 800),
)
def test_occurrences_and_steps_are_what_dateutil_counts(
    start: date, count: int, unit: str, span: int
) -> None:
    """Daily and weekly dates are computed without rrule; they must be rrule's."""
    from datetime import datetime

    from dateutil.relativedelta import relativedelta
    from dateutil.rrule import DAILY, WEEKLY, rrule

    cadence = Cadence(count, unit)
    until = date.fromordinal(start.toordinal() + span)
    assert start + cadence.step == start + relativedelta(**{f"{unit}s": count})  # type: ignore[arg-type]
    if unit != "month":
        rule = rrule(
            DAILY if unit == "day" else WEEKLY,
            interval=count,
            dtstart=datetime(start.year, start.month, start.day),
            until=datetime(until.year, until.month, until.day),
        )
        assert occurrences(cadence, start, until) == [moment.date() for moment in rule]
