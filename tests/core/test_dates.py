from __future__ import annotations

from datetime import date

import pytest

from mentorlog.dates import long_date, parse_date
from mentorlog.errors import UserError

THURSDAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("today", THURSDAY),
        ("Yesterday", date(2026, 11, 25)),
        ("tomorrow", date(2026, 11, 27)),
        ("friday", date(2026, 11, 27)),
        ("thursday", THURSDAY),
        ("wednesday", date(2026, 12, 2)),
        ("last friday", date(2026, 11, 20)),
        ("last thursday", date(2026, 11, 19)),
        ("next friday", date(2026, 11, 27)),
        ("next thursday", date(2026, 12, 3)),
        ("mon", date(2026, 11, 30)),
        ("+3d", date(2026, 11, 29)),
        ("-2w", date(2026, 11, 12)),
        ("+1m", date(2026, 12, 26)),
        ("+1y", date(2027, 11, 26)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text, THURSDAY) == expected


def test_month_offset_clamps_to_month_end() -> None:
    assert parse_date("+1m", date(2026, 1, 31)) == date(2026, 2, 28)


@pytest.mark.parametrize("text", ["", "  ", "2026-13-01", "someday", "+3x", "last", "next funday"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(UserError):
        parse_date(text, THURSDAY)


def test_long_date() -> None:
    assert long_date(date(2026, 9, 1)) == "1 September 2026"


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "+9000y", "-3000y", "1899-12-31"])
def test_dates_stay_within_the_journal_s_calendar(text: str) -> None:
    with pytest.raises(UserError, match="from 1900 to 2999"):
        parse_date(text, date(2026, 11, 26))


def test_the_calendar_s_own_ends_are_dates() -> None:
    assert parse_date("1900-01-01", date(2026, 11, 26)) == date(1900, 1, 1)
    assert parse_date("2999-12-31", date(2026, 11, 26)) == date(2999, 12, 31)
