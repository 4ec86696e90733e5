"""A summary built from only the records its filters keep is the summary of all of them."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from mentorlog.core import codec
from mentorlog.core.model import (
    Action,
    Goal,
    ProgressUpdate,
    Relationship,
    RelationshipRecords,
    Settings,
)
from mentorlog.core.summary import period_for, relevant_records, summarise_relationship

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


@given(
    actions=st.lists(ACTIONS, max_size=8),
    goals=st.lists(GOALS, max_size=4),
    as_of=st.dates(date(2026, 3, 1), date(2026, 12, 31)),
    kind=st.sampled_from(("week", "month", "quarter")),
)
def test_the_filters_drop_only_what_a_summary_does_not_count(
    actions: list[Action], goals: list[Goal], as_of: date, kind: str
) -> None:
    period = period_for(kind, as_of)
    goal_filter, action_filter = relevant_records(period, as_of)
    rel = Relationship(id="r", counterpart="R", my_role="mentor", started=date(2024, 1, 1))

    def raw(record: object) -> dict[str, object]:
        return dict(codec.to_json_data(codec.to_data(record)))  # as the cache gives it

    every = RelationshipRecords(rel=rel, actions=actions, goals=goals)
    kept = RelationshipRecords(
        rel=rel,
        actions=[a for a in actions if action_filter.keep(raw(a))],
        goals=[g for g in goals if goal_filter.keep(raw(g))],
    )
    assert summarise_relationship(kept, period, as_of, Settings()) == summarise_relationship(
        every, period, as_of, Settings()
    )
