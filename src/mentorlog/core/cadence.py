"""How often a pair meets, and what that implies: expected check-ins, next due, overdue."""

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


def occurrences(
    cadence: Cadence, start: date, until: date, since: date | None = None
) -> list[date]:
    """The cadence's dates from `start` to `until` inclusive, as dateutil's rrule counts them;
    with `since`, only those from that day on (counting starts at the last whole interval
    before it, so ten years of history cost nothing).

    Daily and weekly dates are plain arithmetic (rrule would be imported, and set up, for
    every relationship a review looks at); monthly dates come from rrule and stay on the
    start's day of month, or the month's last day when it is shorter."""
    if until < start:
        return []
    if cadence.unit != "month":
        skipped = max(0, (since - start).days // cadence.days) if since is not None else 0
        first, last = skipped, (until - start).days // cadence.days
        days = [start + timedelta(days=n * cadence.days) for n in range(first, last + 1)]
    else:
        from dateutil.relativedelta import relativedelta
        from dateutil.rrule import MONTHLY, rrule

        anchor = start
        if since is not None and since > start:
            months = (since.year - start.year) * 12 + since.month - start.month - 1
            anchor = start + relativedelta(months=max(0, months // cadence.every) * cadence.every)
        rule = rrule(
            MONTHLY,
            interval=cadence.every,
            dtstart=datetime(anchor.year, anchor.month, anchor.day),
            until=datetime(until.year, until.month, until.day),
            bymonthday=(start.day, -1),
            bysetpos=1,
        )
        days = [moment.date() for moment in rule]
    return [day for day in days if since is None or day >= since]


def next_due(cadence: Cadence, started: date, last: date | None, planned: date | None) -> date:
    """The planned date of the last check-in if set, else last check-in + one interval, else
    the start date."""
    if planned is not None:
        return planned
    if last is None:
        return started
    return last + cadence.step


def week_start(day: date, first_weekday: int = 0) -> date:
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)
