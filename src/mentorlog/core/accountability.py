"""Commitment rules: due, kept on time, kept late, missed, reliability (DESIGN.md §5)."""

from collections.abc import Sequence
from datetime import date, timedelta

from msgspec import Struct, field, structs

from mentorlog.core.model import Action, Reschedule

RELIABILITY_DAYS = 90
SLIPPING_DEFERRALS = 2


def done_by(action: Action, as_of: date) -> date | None:
    """The done date if it was done by `as_of` (later completions are not known yet then)."""
    return action.done if action.status == "done" and action.done and action.done <= as_of else None


def is_open(action: Action, as_of: date) -> bool:
    if action.status == "dropped" and (action.dropped is None or action.dropped <= as_of):
        return False
    return done_by(action, as_of) is None and action.created <= as_of


def is_overdue(action: Action, as_of: date) -> bool:
    return is_open(action, as_of) and action.due is not None and action.due < as_of


def moved_due(action: Action, due: date | None, today: date) -> Action:
    """The action due on another day. A later day is a deferral, kept with the day it replaced
    and counted; an earlier day, a first one or none corrects the date and is not counted."""
    if action.due is not None and due is not None and due > action.due:
        entry = Reschedule(date=today, original=action.due, new=due)
        return structs.replace(action, due=due, reschedule=[*action.reschedule, entry])
    return structs.replace(action, due=due)


def _outcome(action: Action, as_of: date) -> str | None:
    """on_time, late, missed, or None (not yet due, still in time, or dropped)."""
    if action.due is None or action.status == "dropped":
        return None
    done = done_by(action, as_of)
    if done is not None:
        return "on_time" if done <= action.due else "late"
    return "missed" if action.due < as_of else None


def reliability(actions: Sequence[Action], party: str, as_of: date) -> float | None:
    """Kept on time ÷ (on time + late + missed) over the last 90 days; None when nothing was due."""
    start = as_of - timedelta(days=RELIABILITY_DAYS)
    outcomes = [
        _outcome(a, as_of)
        for a in actions
        if a.due is not None and start < a.due <= as_of and a.owner in (party, "both")
    ]
    counted = [o for o in outcomes if o is not None]
    if not counted:
        return None
    return round(counted.count("on_time") / len(counted), 2)


class OverdueAction(Struct, kw_only=True):
    """An open action past its due date, as the summary lists it."""

    id: str
    text: str
    owner: str
    due: date
    deferrals: int = 0


class ActionStats(Struct, kw_only=True):
    """How the actions due in a period went: on time, late, missed, still open."""

    due: int
    done_on_time: int
    done_late: int
    missed: int
    open: int
    reliability: dict[str, float | None]
    open_by_party: dict[str, int] = field(default_factory=dict)
    overdue: list[OverdueAction] = field(default_factory=list)
    slipping: list[OverdueAction] = field(default_factory=list)


def action_stats(actions: Sequence[Action], start: date, end: date, as_of: date) -> ActionStats:
    in_period = [
        a for a in actions if a.due is not None and start <= a.due <= end and a.status != "dropped"
    ]
    outcomes = [_outcome(a, as_of) for a in in_period]

    def listed(items: list[Action]) -> list[OverdueAction]:
        return [
            OverdueAction(
                id=a.id, text=a.text, owner=a.owner, due=a.due, deferrals=len(a.reschedule)
            )
            for a in sorted(items, key=lambda a: (a.due or date.max, a.id))
            if a.due is not None
        ]

    return ActionStats(
        due=len(in_period),
        done_on_time=outcomes.count("on_time"),
        done_late=outcomes.count("late"),
        missed=outcomes.count("missed"),
        open=sum(1 for a in actions if is_open(a, as_of)),
        reliability={party: reliability(actions, party, as_of) for party in ("mentor", "mentee")},
        open_by_party={
            party: sum(1 for a in actions if is_open(a, as_of) and a.owner in (party, "both"))
            for party in ("mentor", "mentee")
        },
        overdue=listed([a for a in actions if is_overdue(a, as_of)]),
        slipping=listed(
            [a for a in actions if is_open(a, as_of) and len(a.reschedule) >= SLIPPING_DEFERRALS]
        ),
    )
