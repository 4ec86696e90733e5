from __future__ import annotations

from datetime import date

import pytest

from mentorlog.dates import DATE_HELP, long_date, parse_date
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
        # spoken shifts: a week, a month or a year on from today, or back
        ("next week", date(2026, 12, 3)),
        ("last week", date(2026, 11, 19)),
        ("next month", date(2026, 12, 26)),
        ("last year", date(2025, 11, 26)),
        ("in 2 weeks", date(2026, 12, 10)),
        ("in 3 days", date(2026, 11, 29)),
        ("In  1  Day", date(2026, 11, 27)),
        ("in a month", date(2026, 12, 26)),
        ("3 days ago", date(2026, 11, 23)),
        ("a week ago", date(2026, 11, 19)),
        ("2 years ago", date(2024, 11, 26)),
        # a day of a month: this year's unless a year is given
        ("dec 1", date(2026, 12, 1)),
        ("1 dec", date(2026, 12, 1)),
        ("december 1", date(2026, 12, 1)),
        ("Dec. 1st", date(2026, 12, 1)),
        ("jan 5", date(2026, 1, 5)),
        ("1 december 2027", date(2027, 12, 1)),
        ("december 1, 2027", date(2027, 12, 1)),
        ("sept 30", date(2026, 9, 30)),
        # the end of the week (Monday to Sunday) and of the month
        ("eow", date(2026, 11, 29)),
        ("EOM", date(2026, 11, 30)),
        # ISO without the zeros
        ("2026-12-1", date(2026, 12, 1)),
        ("2026-1-5", date(2026, 1, 5)),
        ("2028-2-29", date(2028, 2, 29)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text, THURSDAY) == expected


@pytest.mark.parametrize(
    ("today", "first_weekday", "end"),
    [
        (THURSDAY, 0, date(2026, 11, 29)),  # weeks from Monday end on Sunday
        (date(2026, 11, 29), 0, date(2026, 11, 29)),  # on the Sunday itself
        (THURSDAY, 6, date(2026, 11, 28)),  # weeks from Sunday end on Saturday
        (date(2026, 11, 29), 6, date(2026, 12, 5)),  # a Sunday starts the week
    ],
)
def test_end_of_week_follows_the_journal_s_week_start(
    today: date, first_weekday: int, end: date
) -> None:
    assert parse_date("eow", today, lambda: first_weekday) == end


def test_the_week_start_is_asked_for_only_by_eow() -> None:
    def unreadable() -> int:
        raise AssertionError("read the journal's settings for a date that does not need them")

    assert parse_date("friday", THURSDAY, unreadable) == date(2026, 11, 27)
    assert parse_date("+1w", THURSDAY, unreadable) == date(2026, 12, 3)


def test_end_of_month_in_february_and_december() -> None:
    assert parse_date("eom", date(2028, 2, 3)) == date(2028, 2, 29)
    assert parse_date("eom", date(2026, 12, 31)) == date(2026, 12, 31)


def test_month_offset_clamps_to_month_end() -> None:
    assert parse_date("+1m", date(2026, 1, 31)) == date(2026, 2, 28)


@pytest.mark.parametrize(
    "text", ["", "  ", "someday", "+3x", "last", "in 2 fortnights", "dec", "1 2", "next day"]
)
def test_bad_dates(text: str) -> None:
    with pytest.raises(UserError):
        parse_date(text, THURSDAY)


NOT_UNDERSTOOD = "is not a date I understand."


@pytest.mark.parametrize(
    ("text", "said", "hint"),
    [
        # off the calendar: why
        ("2026-13-01", "is not a date: month 13 does not exist.", None),
        ("2026-0-10", "is not a date: month 0 does not exist.", None),
        (
            "2026-11-31",
            "is not a date: day 31 of November does not exist (November has 30 days).",
            None,
        ),
        (
            "nov 31",
            "is not a date: day 31 of November does not exist (November has 30 days).",
            None,
        ),
        (
            "31 april 2027",
            "is not a date: day 31 of April does not exist (April has 30 days).",
            None,
        ),
        (
            "feb 29",
            "is not a date: day 29 of February does not exist in 2026 (February has 28 days).",
            None,
        ),
        (
            "2026-12-0",
            "is not a date: day 0 of December does not exist (December has 31 days).",
            None,
        ),
        # a misspelt word: what was meant
        ("tusday", NOT_UNDERSTOOD, "Did you mean 'tuesday'?"),
        ("next tusday", NOT_UNDERSTOOD, "Did you mean 'next tuesday'?"),
        ("last fridya", NOT_UNDERSTOOD, "Did you mean 'last friday'?"),
        ("decmber 1", NOT_UNDERSTOOD, "Did you mean 'december 1'?"),
        ("in 2 weks", NOT_UNDERSTOOD, "Did you mean 'in 2 weeks'?"),
        ("3 dyas ago", NOT_UNDERSTOOD, "Did you mean '3 days ago'?"),
        ("tomorow", NOT_UNDERSTOOD, "Did you mean 'tomorrow'?"),
        ("yesturday", NOT_UNDERSTOOD, "Did you mean 'yesterday'?"),
        # nothing near: the forms
        ("someday", NOT_UNDERSTOOD, DATE_HELP),
    ],
)
def test_a_wrong_date_says_why_or_what_was_meant(text: str, said: str, hint: str | None) -> None:
    with pytest.raises(UserError) as raised:
        parse_date(text, THURSDAY)
    assert raised.value.message == f"'{text}' {said}"
    assert raised.value.hint == hint


def test_long_date() -> None:
    assert long_date(date(2026, 9, 1)) == "1 September 2026"


@pytest.mark.parametrize(
    "text",
    [
        "9999-12-31",
        "0001-01-01",
        "+9000y",
        "-3000y",
        "1899-12-31",
        "in 9000 years",
        "2000 years ago",
        "dec 1 3000",
        "1 jan 1899",
        "3000-1-1",
    ],
)
def test_dates_stay_within_the_journal_s_calendar(text: str) -> None:
    with pytest.raises(UserError, match="from 1900 to 2999"):
        parse_date(text, date(2026, 11, 26))


def test_the_calendar_s_own_ends_are_dates() -> None:
    assert parse_date("1900-01-01", date(2026, 11, 26)) == date(1900, 1, 1)
    assert parse_date("2999-12-31", date(2026, 11, 26)) == date(2999, 12, 31)
