"""Parsing of the date words every date option accepts (pure: `today` is a parameter)."""

import re
from datetime import date, time, timedelta

from mentorlog.errors import UserError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_OFFSET = re.compile(r"^([+-])(\d{1,4})([dwmy])$")
DATE_HELP = "ISO date, today, yesterday, tomorrow, a weekday (friday, last friday, next friday) or an offset (+3d, -2w, +1m)"


def _weekday_index(word: str) -> int | None:
    for index, name in enumerate(WEEKDAYS):
        if len(word) >= 3 and name.startswith(word):
            return index
    return None


# The days a journal holds: every date a person gives, --as-of included, is one of them, so
# that no rule ever steps off the calendar (datetime ends at year 9999).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def parse_date(text: str, today: date) -> date:
    """Turn what a person types into a date from 1900 to 2999; a bare weekday means the
    nearest one, this week's or the coming one, since that is how people say "friday"."""
    try:
        day = _parse(text, today)
    except (OverflowError, ValueError):  # an offset that steps off the calendar
        day = date.max
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UserError(
            f"'{text}' is not a date from {FIRST_DAY.year} to {LAST_DAY.year}.", hint=DATE_HELP
        )
    return day


def _parse(text: str, today: date) -> date:
    word = " ".join(text.strip().lower().split())
    if not word:
        raise UserError("A date is empty.", hint=DATE_HELP)
    fixed = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if word in fixed:
        return today + timedelta(days=fixed[word])
    offset = _OFFSET.match(word)
    if offset:
        from dateutil.relativedelta import relativedelta  # only offsets need it

        sign = -1 if offset.group(1) == "-" else 1
        amount = sign * int(offset.group(2))
        unit = offset.group(3)
        step = {
            "d": relativedelta(days=amount),
            "w": relativedelta(weeks=amount),
            "m": relativedelta(months=amount),
            "y": relativedelta(years=amount),
        }[unit]
        return today + step
    parts = word.split(" ")
    direction = parts[0] if len(parts) == 2 and parts[0] in ("last", "next", "this") else None
    day_word = parts[-1] if direction or len(parts) == 1 else ""
    index = _weekday_index(day_word) if day_word else None
    if index is not None:
        ahead = (index - today.weekday()) % 7
        if direction == "last":
            return today - timedelta(days=(today.weekday() - index) % 7 or 7)
        if direction == "next":
            return today + timedelta(days=ahead or 7)
        return today + timedelta(days=ahead)
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise UserError(f"'{text}' is not a date I understand.", hint=DATE_HELP) from None


def long_date(day: date) -> str:
    """1 September 2026: the form a sentence wants."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


_DURATION = re.compile(r"^(?:(\d{1,2})h)?\s*(?:(\d{1,3})\s*m?)?$")


def parse_duration(text: str) -> int:
    """Minutes from `45m`, `1h30`, `1h 30m`, `2h` or a bare number of minutes."""
    word = text.strip().lower().replace("min", "m")
    match = _DURATION.match(word)
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
