from __future__ import annotations

from datetime import date

import pytest

from mentorlog.core.model import Goal, ProgressUpdate
from mentorlog.core.progress import (
    expected_progress,
    is_stale,
    on_track,
    progress_change,
    progress_on,
)

CREATED = date(2026, 1, 1)
AS_OF = date(2026, 7, 2)  # 182 days after creation


def _goal(
    *updates: tuple[date, int], target: date | None = date(2026, 12, 31), status: str = "active"
) -> Goal:
    return Goal(
        id="g",
        title="t",
        created=CREATED,
        target=target,
        status=status,
        update=[ProgressUpdate(date=day, progress=value) for day, value in updates],
    )


@pytest.mark.parametrize(
    ("goal", "expected", "result"),
    [
        # halfway through the year the line says 50%; 40% is within the 10-point slack
        (_goal((date(2026, 6, 1), 40)), 50, True),
        (_goal((date(2026, 6, 1), 39)), 50, False),
        (_goal((date(2026, 6, 1), 90)), 50, True),
        # no target: no line, no verdict
        (_goal((date(2026, 6, 1), 5), target=None), None, None),
        # target in the past: the line is at 100
        (_goal((date(2026, 6, 1), 95), target=date(2026, 6, 30)), 100, True),
        (_goal((date(2026, 6, 1), 80), target=date(2026, 6, 30)), 100, False),
        # no updates: progress counts as 0
        (_goal(), 50, False),
        (_goal(target=date(2027, 12, 31)), 25, False),
        (_goal(target=date(2030, 1, 1)), 12, False),
        (_goal(target=date(2032, 1, 1)), 8, True),  # the line is within the slack of 0
        # paused and dropped goals are not judged; achieved ones are on track
        (_goal(status="paused"), 50, None),
        (_goal(status="dropped"), 50, None),
        (_goal(status="achieved"), 50, True),
        # an update after as_of is not known yet
        (_goal((date(2026, 8, 1), 100)), 50, False),
    ],
)
def test_on_track(goal: Goal, expected: int | None, result: bool | None) -> None:
    assert expected_progress(goal, AS_OF) == expected
    assert on_track(goal, AS_OF) is result


@pytest.mark.parametrize(
    ("goal", "stale"),
    [
        (_goal((date(2026, 6, 4), 10)), True),  # exactly 28 days
        (_goal((date(2026, 6, 5), 10)), False),  # 27 days
        (_goal(), True),  # never updated: counted from creation
        (_goal((date(2026, 6, 1), 10), status="paused"), False),
        (_goal((date(2026, 6, 1), 10), status="achieved"), False),
    ],
)
def test_stale(goal: Goal, stale: bool) -> None:
    assert is_stale(goal, AS_OF, 28) is stale


def test_progress_and_change_over_a_period() -> None:
    goal = _goal(
        (date(2026, 3, 1), 10),
        (date(2026, 6, 10), 30),
        (date(2026, 6, 20), 45),
        (date(2026, 7, 5), 60),
    )
    assert progress_on(goal, date(2026, 6, 15)) == 30
    assert progress_change(goal, date(2026, 6, 1), date(2026, 6, 30)) == 35
    assert progress_change(goal, date(2026, 1, 1), date(2026, 2, 1)) == 0
    assert (
        progress_change(_goal((date(2026, 6, 10), 20)), date(2026, 6, 1), date(2026, 6, 30)) == 20
    )


def test_progress_is_the_last_update_written_on_a_day() -> None:
    day = date(2026, 6, 1)
    goal = _goal((date(2026, 5, 1), 5), (day, 10), (day, 60))
    assert progress_on(goal, None) == 60
    assert progress_on(goal, day) == 60
    assert progress_on(goal, date(2026, 5, 31)) == 5
    assert progress_change(goal, day, day) == 55
