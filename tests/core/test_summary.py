"""The periods a summary covers, and a summary built from only the records the index selects
is the summary of all of them."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec import structs

from mentorlog.core.accountability import is_open
from mentorlog.core.model import Action, Goal, ProgressUpdate, Relationship, Settings
from mentorlog.core.summary import (
    PERIOD_UNITS,
    actions_counted_from,
    period_for,
    summarise_relationship,
)
from mentorlog.store.journal import Journal
from mentorlog.store.records import load_bundle, load_kind

DAYS = st.dates(date(2026, 1, 1), date(2026, 12, 31))
ACTIONS = st.builds(
    Action,
    id=st.just("a2b3c"),
    text=st.just("x"),
    owner=st.sampled_from(("mentor", "mentee", "both")),
    created=st.dates(date(2025, 10, 1), date(2026, 6, 1)),
    status=st.sampled_from(("open", "done", "dropped")),
    due=st.none() | DAYS,
    done=st.none() | DAYS,
    dropped=st.none() | DAYS,
)
GOALS = st.builds(
    Goal,
    id=st.just("g2h3j"),
    title=st.just("x"),
    created=st.dates(date(2025, 10, 1), date(2026, 6, 1)),
    target=st.none() | DAYS,
    status=st.sampled_from(("active", "paused", "achieved", "dropped")),
    closed=st.none() | DAYS,
    update=st.lists(st.builds(ProgressUpdate, date=DAYS, progress=st.integers(0, 100)), max_size=3),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    actions=st.lists(ACTIONS, max_size=8),
    goals=st.lists(GOALS, max_size=4),
    as_of=st.dates(date(2026, 3, 1), date(2026, 12, 31)),
    kind=st.sampled_from(("week", "month", "quarter")),
)
def test_the_index_selects_everything_a_summary_counts(
    tmp_path: Path, actions: list[Action], goals: list[Goal], as_of: date, kind: str
) -> None:
    """The index's query for a period (store/records.py: load_bundle with `since`) leaves out
    only records the summary would not count: the summary of what it selects is the summary
    of every record."""
    period = period_for(kind, as_of)
    rel = Relationship(id="r", counterpart="R", my_role="mentor", started=date(2024, 1, 1))
    root = Path(tempfile.mkdtemp(dir=tmp_path)) / "journal"  # one per example: they may repeat
    journal = Journal(root)
    journal.init("Owner", date(2015, 1, 1))
    with journal.writing():
        journal.create(journal.rel_file("r"), rel)
        for n, record in enumerate([*actions, *goals]):
            record = structs.replace(record, id=f"x{n}")
            kind_dir = "actions" if isinstance(record, Action) else "goals"
            journal.create(journal.path_for("r", kind_dir, record), record)
    problems: list[str] = []
    selected = load_bundle(
        journal,
        rel,
        problems,
        since=period.start,
        actions_since=actions_counted_from(period, as_of),
        as_of=as_of,
    )
    every = load_bundle(journal, rel, problems)
    assert problems == []
    assert summarise_relationship(selected, period, as_of, Settings()) == summarise_relationship(
        every, period, as_of, Settings()
    )
    # `action list` asks for what may be open today: every open action is among them.
    listed = {a.id for a in load_kind(journal, "r", "actions", problems, since=as_of)}
    assert {a.id for a in every.actions if is_open(a, as_of)} <= listed


@pytest.mark.parametrize(
    ("name", "as_of", "first_weekday", "start", "end"),
    [
        ("week", date(2026, 11, 26), 0, date(2026, 11, 23), date(2026, 11, 29)),
        ("last-week", date(2026, 11, 30), 0, date(2026, 11, 23), date(2026, 11, 29)),
        # Weeks from Sunday: Monday 30 November is in the week of the 29th.
        ("last-week", date(2026, 11, 30), 6, date(2026, 11, 22), date(2026, 11, 28)),
        ("last-week", date(2026, 11, 29), 6, date(2026, 11, 22), date(2026, 11, 28)),
        ("month", date(2026, 3, 31), 0, date(2026, 3, 1), date(2026, 3, 31)),
        ("last-month", date(2026, 3, 31), 0, date(2026, 2, 1), date(2026, 2, 28)),
        ("last-month", date(2026, 1, 15), 0, date(2025, 12, 1), date(2025, 12, 31)),
        ("quarter", date(2026, 11, 26), 0, date(2026, 10, 1), date(2026, 12, 31)),
        ("last-quarter", date(2026, 11, 26), 0, date(2026, 7, 1), date(2026, 9, 30)),
        ("last-quarter", date(2026, 1, 15), 0, date(2025, 10, 1), date(2025, 12, 31)),
    ],
)
def test_periods(name: str, as_of: date, first_weekday: int, start: date, end: date) -> None:
    period = period_for(name, as_of, first_weekday)
    assert (period.start, period.end, period.name) == (start, end, name)


@given(
    unit=st.sampled_from(PERIOD_UNITS),
    as_of=st.dates(date(1901, 1, 1), date(2999, 12, 31)),
    first_weekday=st.integers(0, 6),
)
def test_the_last_period_is_the_one_just_ended(unit: str, as_of: date, first_weekday: int) -> None:
    """`last-X` ends the day before the X containing today starts, and is itself an X."""
    current = period_for(unit, as_of, first_weekday)
    last = period_for(f"last-{unit}", as_of, first_weekday)
    assert current.start <= as_of <= current.end
    assert last.end.toordinal() == current.start.toordinal() - 1
    same = period_for(unit, last.start, first_weekday)
    assert (same.start, same.end) == (last.start, last.end)
