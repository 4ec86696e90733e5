"""Parsing of the date words every date option accepts (pure: `today` is a parameter).

Written by hand rather than with a parser library: the forms are few, and on every command
that takes a date dateparser would add about 40 ms to import and 115 ms to its first parse,
python-dateutil's parser 11 ms (docs/benchmarks.md); neither knows `eow` or says why a date
is wrong."""

import re
from collections.abc import Callable
from datetime import date, time, timedelta

from mentorlog.errors import UserError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = tuple(
    "january february march april may june july august september october november december".split()
)
# The word of each unit a shift is counted in: `+3d`, `in 3 days`, `2 weeks ago`, `next month`.
UNITS = {
    **dict.fromkeys(("d", "day", "days"), "days"),
    **dict.fromkeys(("w", "week", "weeks"), "weeks"),
    **dict.fromkeys(("m", "month", "months"), "months"),
    **dict.fromkeys(("y", "year", "years"), "years"),
}
FIXED_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}
# Patterns as text, compiled on first use (re caches them), not at import: every command
# imports this module, most never parse a date.
_OFFSET = r"^([+-])(\d{1,4})([dwmy])$"
_IN_OR_AGO = (
    r"^(?:in (?P<ahead>\d{1,4}|an?) (?P<unit>[a-z]+)"
    r"|(?P<back>\d{1,4}|an?) (?P<unit_ago>[a-z]+) ago)$"
)
_NUMERIC = r"^(\d{4})-(\d{1,2})-(\d{1,2})$"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_DAY_OF_MONTH = rf"^(?:([a-z]+)\.? {_DAY}|{_DAY} ([a-z]+)\.?)(?: (\d{{4}}))?$"
DATE_HELP = (
    "ISO date (2026-12-01 or 2026-12-1), today, yesterday, tomorrow, a weekday (friday, "
    "last friday, next friday), a day of a month (dec 1, 1 december 2027), an offset (+3d, "
    "-2w, +1m, in 2 weeks, 3 days ago, next week), eow or eom (end of week or month)"
)
# Every word a date may be made of, for "did you mean" when one is misspelt.
_WORDS = (*FIXED_DAYS, *WEEKDAYS, *MONTHS, *UNITS, *"last next this in ago eow eom".split())


def _named(word: str, names: tuple[str, ...]) -> int | None:
    """The index of the weekday or month a word names: the whole name or 3 letters of it."""
    for index, name in enumerate(names):
        if len(word) >= 3 and name.startswith(word):
            return index
    return None


# The days a journal holds: every date a person gives, --as-of included, is one of them, so
# that no rule ever steps off the calendar (datetime ends at year 9999).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def _monday() -> int:
    return 0


def parse_date(text: str, today: date, first_weekday: Callable[[], int] = _monday) -> date:
    """Turn what a person types into a date from 1900 to 2999; a bare weekday means the
    nearest one, this week's or the coming one, since that is how people say "friday".

    `first_weekday` gives the journal's week start (0 is Monday) for `eow`; it is a function
    because finding it reads the journal, which no other word needs."""
    try:
        day = _parse(text, today, first_weekday)
    except (OverflowError, ValueError):  # a shift that steps off the calendar
        day = date.max
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UserError(
            f"'{text}' is not a date from {FIRST_DAY.year} to {LAST_DAY.year}.", hint=DATE_HELP
        )
    return day


def _parse(text: str, today: date, first_weekday: Callable[[], int]) -> date:
    word = " ".join(text.strip().lower().replace(",", " ").split())
    if not word:
        raise UserError("A date is empty.", hint=DATE_HELP)
    if word in FIXED_DAYS:
        return today + timedelta(days=FIXED_DAYS[word])
    if word == "eow":  # the day before the next week starts, today at the latest
        return today + timedelta(days=(first_weekday() - 1 - today.weekday()) % 7)
    if word == "eom":
        return date(today.year, today.month, _days_in_month(today.year, today.month))
    shift = _shift_asked(word)
    if shift is not None:
        return _shifted(today, *shift)
    parts = word.split(" ")
    direction = parts[0] if len(parts) == 2 and parts[0] in ("last", "next", "this") else None
    day_word = parts[-1] if direction or len(parts) == 1 else ""
    index = _named(day_word, WEEKDAYS) if day_word else None
    if index is not None:
        ahead = (index - today.weekday()) % 7
        if direction == "last":
            return today - timedelta(days=(today.weekday() - index) % 7 or 7)
        if direction == "next":
            return today + timedelta(days=ahead or 7)
        return today + timedelta(days=ahead)
    numeric = re.match(_NUMERIC, word)
    if numeric:
        year, month, day = (int(part) for part in numeric.groups())
        return _calendar_day(text, year, month, day)
    day_of_month = re.match(_DAY_OF_MONTH, word)
    month_index = _named(day_of_month[1] or day_of_month[4], MONTHS) if day_of_month else None
    if day_of_month and month_index is not None:
        year = int(day_of_month[5]) if day_of_month[5] else today.year
        return _calendar_day(text, year, month_index + 1, int(day_of_month[2] or day_of_month[3]))
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise UserError(f"'{text}' is not a date I understand.", hint=_suggestion(word)) from None


def _shift_asked(word: str) -> tuple[int, str] | None:
    """How far, and in which unit, `+3d`, `in 2 weeks`, `a month ago` or `next week` go."""
    offset = re.match(_OFFSET, word)
    if offset:
        sign = -1 if offset[1] == "-" else 1
        return sign * int(offset[2]), UNITS[offset[3]]
    spoken = re.match(_IN_OR_AGO, word)
    if spoken:
        count = spoken["ahead"] or spoken["back"]
        unit = UNITS.get(spoken["unit"] or spoken["unit_ago"])
        if unit is not None:
            amount = 1 if count in ("a", "an") else int(count)
            return (amount if spoken["ahead"] else -amount), unit
    direction, _, unit_word = word.partition(" ")
    if direction in ("next", "last") and unit_word in ("week", "month", "year"):
        return (1 if direction == "next" else -1), UNITS[unit_word]
    return None


def _shifted(day: date, amount: int, unit: str) -> date:
    """`day` moved by `amount` days, weeks, months or years; a month or year keeps the day of
    the month, or the month's last day (31 January + 1 month is 28 or 29 February)."""
    if unit == "days":
        return day + timedelta(days=amount)
    if unit == "weeks":
        return day + timedelta(weeks=amount)
    from dateutil.relativedelta import relativedelta  # only months and years need it

    step = relativedelta(months=amount) if unit == "months" else relativedelta(years=amount)
    return day + step


def _days_in_month(year: int, month: int) -> int:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return (following - timedelta(days=1)).day


def _calendar_day(text: str, year: int, month: int, day: int) -> date:
    """The date of a year, month and day a person typed, or why there is none (a year off the
    calendar is parse_date's to refuse)."""
    if not 1 <= month <= 12:
        raise UserError(f"'{text}' is not a date: month {month} does not exist.")
    last = _days_in_month(year, month)
    if not 1 <= day <= last:
        # 29 February exists in some years: say which year lacks it.
        month_name = MONTHS[month - 1].capitalize()
        which = f" in {year}" if month == 2 and day == 29 else ""
        raise UserError(
            f"'{text}' is not a date: day {day} of {month_name} does not exist{which} "
            f"({month_name} has {last} days)."
        )
    return date(year, month, day)


def _suggestion(word: str) -> str:
    """'Did you mean "next tuesday"?' when a word of the date is near a known one."""
    import difflib

    def known(token: str) -> bool:
        return (
            token in _WORDS
            or token.isdigit()
            or _named(token, WEEKDAYS) is not None
            or _named(token, MONTHS) is not None
            or not token.isalpha()
        )

    tokens = word.split(" ")
    near = [
        token if known(token) else next(iter(difflib.get_close_matches(token, _WORDS, 1, 0.75)), "")
        for token in tokens
    ]
    if near == tokens or "" in near:
        return DATE_HELP
    return f"Did you mean '{' '.join(near)}'?"


def long_date(day: date) -> str:
    """1 September 2026: the form a sentence wants."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


_DURATION = r"^(?:(\d{1,2})h)?\s*(?:(\d{1,3})\s*m?)?$"


def parse_duration(text: str) -> int:
    """Minutes from `45m`, `1h30`, `1h 30m`, `2h` or a bare number of minutes."""
    word = text.strip().lower().replace("min", "m")
    match = re.match(_DURATION, word)
    if not word or not match or not (match.group(1) or match.group(2)):
        raise UserError(f"'{text}' is not a duration I understand.", hint="Use 45m, 1h30 or 90.")
    minutes = int(match.group(1) or 0) * 60 + int(match.group(2) or 0)
    if not 0 < minutes <= 24 * 60:
        raise UserError(
            f"A check-in of {minutes} minutes is not plausible.", hint="Use 45m, 1h30 or 90."
        )
    return minutes


def parse_time(text: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"'{text}' is not a time of day.", hint="Use HH:MM, e.g. 14:30.") from None


def format_duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}h{rest:02d}" if hours else f"{rest}m"
