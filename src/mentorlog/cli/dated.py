"""The day a record says something happened: --as-of is today for input too."""

from datetime import date

from mentorlog.cli.common import AppState, note
from mentorlog.core.model import Relationship
from mentorlog.errors import UserError


def happened_on(app_state: AppState, text: str | None, what: str, hint: str = "") -> date:
    """--date, or today; never after today: what has not happened yet would count in every
    review as if it had (a meeting not held yet is a plan, not a check-in)."""
    day = app_state.when(text) or app_state.today
    if day > app_state.today:
        raise UserError(
            f"{what} cannot be dated {day.isoformat()}, after today "
            f"({app_state.today.isoformat()}); nothing was saved.",
            hint=hint or "Record it on the day, or give a --date no later than today.",
        )
    return day


def warn_before_start(rel: Relationship, day: date, what: str) -> None:
    """Kept (a talk before the relationship was recorded counts), but said: it is more often a
    mistyped date."""
    if day < rel.started:
        note(
            f"warning: {what} is dated {day.isoformat()}, before the relationship with "
            f"{rel.counterpart} started ({rel.started.isoformat()})."
        )
