from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.core.cadence import Cadence, occurrences, parse_cadence
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
