from __future__ import annotations

from datetime import date

import pytest

from mentorlog.core.accountability import action_stats, reliability
from mentorlog.core.model import Action, Reschedule

AS_OF = date(2026, 11, 26)


def _action(
    owner: str,
    due: date | None,
    done: date | None = None,
    status: str | None = None,
    deferrals: int = 0,
) -> Action:
    return Action(
        id=f"a{owner}{due}{done}",
        text="x",
        owner=owner,
        due=due,
        created=date(2026, 8, 1),
        status=status or ("done" if done else "open"),
        done=done,
        reschedule=[Reschedule(date=AS_OF, original=due, new=due) for _ in range(deferrals)]
        if due
        else [],
    )


@pytest.mark.parametrize(
    ("actions", "mentor", "mentee"),
    [
        ([], None, None),
        ([_action("mentee", date(2026, 11, 20), date(2026, 11, 19))], None, 1.0),
        ([_action("mentee", date(2026, 11, 20), date(2026, 11, 22))], None, 0.0),
        ([_action("mentee", date(2026, 11, 20))], None, 0.0),  # missed
        ([_action("mentee", date(2026, 11, 30))], None, None),  # not yet due
        ([_action("mentee", date(2026, 11, 26))], None, None),  # due today: still in time
        ([_action("both", date(2026, 11, 20), date(2026, 11, 20))], 1.0, 1.0),
        ([_action("mentor", date(2026, 8, 1), date(2026, 8, 1))], None, None),  # older than 90 days
        ([_action("mentor", date(2026, 11, 20), status="dropped")], None, None),
        (
            [_action("mentor", date(2026, 11, 20), date(2026, 12, 1))],
            0.0,
            None,
        ),  # done after as_of: missed then
        (
            [
                _action("mentee", date(2026, 11, 1), date(2026, 11, 1)),
                _action("mentee", date(2026, 11, 2), date(2026, 11, 1)),
                _action("mentee", date(2026, 11, 3)),
            ],
            None,
            0.67,
        ),
    ],
)
def test_reliability(actions: list[Action], mentor: float | None, mentee: float | None) -> None:
    assert reliability(actions, "mentor", AS_OF) == mentor
    assert reliability(actions, "mentee", AS_OF) == mentee


def test_period_stats() -> None:
    actions = [
        _action("mentee", date(2026, 11, 23), date(2026, 11, 23)),  # on time
        _action("mentee", date(2026, 11, 24), date(2026, 11, 25)),  # late
        _action("mentor", date(2026, 11, 25)),  # missed, overdue
        _action("mentor", date(2026, 11, 28)),  # due in period, not yet
        _action("mentee", date(2026, 11, 10), deferrals=2),  # overdue from before, slipping
        _action("mentee", None),  # open, no date
        _action("mentee", date(2026, 11, 27), status="dropped"),
    ]
    stats = action_stats(actions, date(2026, 11, 23), date(2026, 11, 29), AS_OF)
    assert (stats.due, stats.done_on_time, stats.done_late, stats.missed) == (4, 1, 1, 1)
    assert stats.open == 4
    assert [a.due for a in stats.overdue] == [date(2026, 11, 10), date(2026, 11, 25)]
    assert [a.deferrals for a in stats.slipping] == [2]
