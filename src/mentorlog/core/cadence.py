"""How often a pair meets: the cadence, its interval, and its dates (core/schedule.py holds
what follows from it: due dates, missed meetings, next due)."""

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from mentorlog.errors import UserError

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

_EVERY = re.compile(r"^every\s+(\d{1,3})\s+(day|week|month)s?$")
_WORDS = {
    "daily": (1, "day"),
    "weekly": (1, "week"),
    "fortnightly": (2, "week"),
    "biweekly": (2, "week"),
    "monthly": (1, "month"),
    "every day": (1, "day"),
    "every week": (1, "week"),
    "every month": (1, "month"),
}
CADENCE_HELP = "weekly, fortnightly, monthly or 'every N days|weeks|months'"


class Cadence(NamedTuple):
    """How often a relationship meets: `every` so many `unit`s (for example 2 weeks). A named
    tuple, not a frozen dataclass, which would compile six methods at import."""

    every: int
    unit: str  # day, week or month

    @property
    def label(self) -> str:
        if self.every == 1:
            return {"day": "daily", "week": "weekly", "month": "monthly"}[self.unit]
        return f"every {self.every} {self.unit}s"

    @property
    def days(self) -> int:
        """The interval in days, for daily and weekly cadences."""
        return self.every * (7 if self.unit == "week" else 1)

    @property
    def step(self) -> "timedelta | relativedelta":
        if self.unit == "month":
            from dateutil.relativedelta import relativedelta

            return relativedelta(months=self.every)
        return timedelta(days=self.days)


def parse_cadence(text: str) -> Cadence:
    word = " ".join(text.strip().lower().split())
    if word in _WORDS:
        count, unit = _WORDS[word]
        return Cadence(count, unit)
    match = _EVERY.match(word)
    if match and int(match.group(1)) > 0:
        return Cadence(int(match.group(1)), match.group(2))
    raise UserError(f"'{text}' is not a cadence I understand.", hint=f"Use {CADENCE_HELP}.")


def occurrences(cadence: Cadence, start: date, until: date) -> list[date]:
    """The cadence's dates from `start` to `until` inclusive, as dateutil's rrule counts them
    (the demo lays out its meetings with them).

    Daily and weekly dates are plain arithmetic; monthly dates come from rrule and stay on the
    start's day of month, or the month's last day when it is shorter."""
    if until < start:
        return []
    if cadence.unit != "month":
        count = (until - start).days // cadence.days
        return [start + timedelta(days=n * cadence.days) for n in range(count + 1)]
    from dateutil.rrule import MONTHLY, rrule

    rule = rrule(
        MONTHLY,
        interval=cadence.every,
        dtstart=datetime(start.year, start.month, start.day),
        until=datetime(until.year, until.month, until.day),
        bymonthday=(start.day, -1),
        bysetpos=1,
    )
    return [moment.date() for moment in rule]


def week_start(day: date, first_weekday: int = 0) -> date:
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)
