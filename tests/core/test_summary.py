"""A summary built from only the records the index selects is the summary of all of them."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec import structs

from mentorlog.core.accountability import is_open
from mentorlog.core.model import Action, Goal, ProgressUpdate, Relationship, Settings
from mentorlog.core.summary import actions_counted_from, period_for, summarise_relationship
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
