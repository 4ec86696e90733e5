"""The one schedule every check-in figure comes from (docs/review.md, "The check-in schedule")."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog.core.cadence import Cadence, occurrences, parse_cadence, week_start
from mentorlog.core.checkins import calendar, checkin_status
from mentorlog.core.model import CheckIn, Relationship, StatusChange
from mentorlog.core.schedule import schedule


def d(text: str) -> date:
    """A day of 2026 written MM-DD, or a full ISO date."""
    return date.fromisoformat(text if len(text) > 5 else f"2026-{text}")


def _rel(
    cadence: str,
    started: str,
    changes: tuple[tuple[str, str], ...] = (),
    status: str | None = None,
) -> Relationship:
    history = [StatusChange(date=d(day), status=what) for day, what in changes]
    return Relationship(
        id="r",
        counterpart="R",
        my_role="mentor",
        started=d(started),
        cadence=cadence,
        status=status or (history[-1].status if history else "active"),
        status_change=history,
    )


def _checkins(*specs: str) -> list[CheckIn]:
    """'11-02' a check-in, 'skip 11-02' an agreed skip, '11-02>11-20' one that planned the next."""
    result = []
    for n, spec in enumerate(specs):
        skipped = spec.startswith("skip ")
        day, _, planned = spec.removeprefix("skip ").partition(">")
        result.append(
            CheckIn(id=f"c{n}", date=d(day), skipped=skipped, next=d(planned) if planned else None)
        )
    return result


# name, cadence, started, check-ins, status changes, as of, meetings, next due
CASES = [
    (
        "every 2 weeks, the issue's example",
        "every 2 weeks",
        "09-01",
        ("09-05", "11-20"),
        (),
        "11-27",
        "held 09-05, missed 09-19, missed 10-03, missed 10-17, missed 10-31, missed 11-14, held 11-20",
        "12-04",
    ),
    ("weekly, started today", "weekly", "11-27", (), (), "11-27", "", "12-04"),
    ("weekly, started mid-week, due today", "weekly", "11-18", (), (), "11-25", "", "11-25"),
    ("weekly, the first week passed", "weekly", "11-18", (), (), "11-26", "missed 11-25", "11-25"),
    (
        "weekly, two meetings in one week",
        "weekly",
        "11-02",
        ("11-02", "11-05"),
        (),
        "11-20",
        "held 11-02, held 11-05, missed 11-12, missed 11-19",
        "11-12",
    ),
    (
        "weekly, a meeting one day late",
        "weekly",
        "11-02",
        ("11-02", "11-10"),
        (),
        "11-20",
        "held 11-02, missed 11-09, held 11-10, missed 11-17",
        "11-17",
    ),
    (
        "weekly, a check-in after as_of counts nowhere",
        "weekly",
        "11-02",
        ("11-02", "11-28"),
        (),
        "11-27",
        "held 11-02, missed 11-09, missed 11-16, missed 11-23",
        "11-09",
    ),
    (
        "every 10 days, a skip",
        "every 10 days",
        "10-01",
        ("10-05", "skip 10-15", "11-02"),
        (),
        "11-27",
        "held 10-05, skipped 10-15, missed 10-25, held 11-02, missed 11-12, missed 11-22",
        "11-12",
    ),
    (
        "daily, started mid-week",
        "daily",
        "11-20",
        ("11-21",),
        (),
        "11-24",
        "held 11-21, missed 11-22, missed 11-23",
        "11-22",
    ),
    (
        "monthly from the 31st keeps the month's last day",
        "monthly",
        "01-31",
        (),
        (),
        "06-01",
        "missed 02-28, missed 03-31, missed 04-30, missed 05-31",
        "02-28",
    ),
    (
        "monthly, a planned next date",
        "monthly",
        "09-01",
        ("10-01>10-20",),
        (),
        "11-27",
        "held 10-01, missed 10-20, missed 11-20",
        "10-20",
    ),
    (
        "every 3 months, started mid-month",
        "every 3 months",
        "03-15",
        ("06-10",),
        (),
        "11-27",
        "held 06-10, missed 09-10",
        "09-10",
    ),
    (
        "weekly, a pause: nothing due in it, the next one interval after the resume",
        "weekly",
        "11-02",
        ("11-02",),
        (("11-06", "paused"), ("11-18", "active")),
        "11-27",
        "held 11-02, missed 11-25",
        "11-25",
    ),
    (
        "weekly, still paused: nothing due",
        "weekly",
        "11-02",
        ("11-02",),
        (("11-06", "paused"),),
        "11-27",
        "held 11-02",
        None,
    ),
    (
        "a pause after a miss keeps the miss",
        "weekly",
        "11-02",
        (),
        (("11-12", "paused"),),
        "11-27",
        "missed 11-09",
        None,
    ),
]


@pytest.mark.parametrize(
    ("cadence", "started", "checkins", "changes", "as_of", "meetings", "next_due"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_schedule_of_each_cadence(
    cadence: str,
    started: str,
    checkins: tuple[str, ...],
    changes: tuple[tuple[str, str], ...],
    as_of: str,
    meetings: str,
    next_due: str | None,
) -> None:
    plan = schedule(_rel(cadence, started, changes), _checkins(*checkins), d(as_of))
    shown = ", ".join(f"{m.mark} {m.day.isoformat()[5:]}" for m in plan.meetings)
    assert shown == meetings
    assert plan.next_due == (d(next_due) if next_due else None)


def test_a_file_that_says_paused_without_history_expects_nothing() -> None:
    rel = _rel("weekly", "09-01", status="paused")
    plan = schedule(rel, _checkins("09-01"), d("11-27"))
    assert [m.mark for m in plan.meetings] == ["held"]
    assert plan.next_due is None


@pytest.mark.parametrize(
    ("cadence", "checkins", "next_due", "overdue"),
    [
        ("weekly", (), "09-08", True),  # none yet: one interval after the start
        ("weekly", ("11-20",), "11-27", False),
        ("weekly", ("11-19",), "11-26", False),  # due today: not overdue
        ("weekly", ("11-18",), "11-25", True),
        ("every 2 weeks", ("11-12",), "11-26", False),
        ("every 2 weeks", ("11-11",), "11-25", True),
        ("fortnightly", ("11-01",), "11-15", True),
        ("monthly", ("10-31",), "11-30", False),
        ("monthly", ("10-25",), "11-25", True),
        ("every 10 days", ("11-16",), "11-26", False),
        ("every 3 months", ("09-01",), "12-01", False),
        ("weekly", ("11-01>12-24",), "12-24", False),  # a planned next date wins
        ("monthly", ("11-20>11-22",), "11-22", True),
        ("weekly", ("11-20", "skip 11-24"), "12-01", False),  # counted from a skip
    ],
)
def test_next_due_and_overdue(
    cadence: str, checkins: tuple[str, ...], next_due: str, overdue: bool
) -> None:
    as_of = d("11-26")
    status = checkin_status(_rel(cadence, "09-01"), _checkins(*checkins), d("09-01"), as_of, as_of)
    assert status.next_due == d(next_due)
    assert status.overdue is overdue


def test_figures_of_a_period() -> None:
    rel = _rel("weekly", "11-02")
    status = checkin_status(rel, _checkins("11-03", "11-17"), d("11-01"), d("11-30"), d("11-26"))
    # Due 11-09 (met by 11-03, early), 11-10 missed, 11-17 held, 11-24 missed; 12-01 not yet.
    assert (status.held, status.missed, status.skipped, status.expected) == (2, 2, 0, 4)
    assert (status.last, status.days_since_last) == (d("11-17"), 9)
    skipped = checkin_status(
        rel, _checkins("11-03", "skip 11-10", "11-17"), d("11-01"), d("11-30"), d("11-26")
    )
    assert (skipped.held, skipped.missed, skipped.skipped, skipped.expected) == (2, 1, 1, 3)


@pytest.mark.parametrize(
    ("rel", "checkins", "period", "as_of", "figures", "next_due"),
    [
        (
            _rel("every 2 weeks", "09-01"),
            ("09-05", "11-20"),
            ("11-23", "11-29"),
            "11-27",
            (0, 0, 0, 0),
            "12-04",
        ),
        (_rel("weekly", "11-27"), (), ("11-23", "11-29"), "11-27", (0, 0, 0, 0), "12-04"),
        (
            _rel("weekly", "11-02"),
            ("11-02", "11-05"),
            ("11-01", "11-30"),
            "11-20",
            (2, 0, 2, 4),
            "11-12",
        ),
        (
            _rel("every 10 days", "10-01"),
            ("10-05", "skip 10-15", "11-02"),
            ("10-01", "10-31"),
            "11-27",
            (1, 1, 1, 2),
            "11-12",
        ),
        (
            _rel("weekly", "11-02", (("11-06", "paused"), ("11-18", "active"))),
            ("11-02",),
            ("11-01", "11-30"),
            "11-27",
            (1, 0, 1, 2),
            "11-25",
        ),
    ],
    ids=["every 2 weeks", "started today", "two in one week", "a skip", "a pause"],
)
def test_the_worked_examples_of_docs_review(
    rel: Relationship,
    checkins: tuple[str, ...],
    period: tuple[str, str],
    as_of: str,
    figures: tuple[int, int, int, int],
    next_due: str,
) -> None:
    """Held, skipped, missed and expected as docs/review.md works them out."""
    status = checkin_status(rel, _checkins(*checkins), d(period[0]), d(period[1]), d(as_of))
    assert (status.held, status.skipped, status.missed, status.expected) == figures
    assert status.next_due == d(next_due)
    assert status.overdue == (d(next_due) < d(as_of))


# The defects of the issue, each seen failing on the code before the schedule.


def _week_of(day: str) -> tuple[date, date]:
    monday = week_start(d(day))
    return monday, monday + timedelta(days=6)


def test_the_issues_example_misses_nothing_in_the_week_of_its_review() -> None:
    rel = _rel("every 2 weeks", "09-01")
    checkins = _checkins("09-05", "11-20")
    as_of = d("11-27")
    status = checkin_status(rel, checkins, *_week_of("11-27"), as_of)
    assert (status.held, status.expected, status.next_due, status.overdue) == (
        0,
        0,
        d("12-04"),
        False,
    )
    missed = [w.start for w in calendar(rel, checkins, as_of) if w.mark == "missed"]
    assert missed == [week_start(d(day)) for day in ("09-19", "10-03", "10-17", "10-31", "11-14")]


def test_a_weekly_relationship_started_today_has_missed_nothing() -> None:
    rel = _rel("weekly", "11-26")
    status = checkin_status(rel, [], *_week_of("11-26"), d("11-26"))
    assert (status.expected, status.overdue) == (0, False)
    assert calendar(rel, [], d("11-26"))[-1].mark == "none"


def test_two_meetings_in_one_week_do_not_hide_a_missed_week() -> None:
    rel = _rel("weekly", "11-01")
    checkins = _checkins("11-02", "11-04")
    status = checkin_status(rel, checkins, d("11-02"), d("11-15"), d("11-15"))
    assert (status.held, status.expected, status.overdue) == (2, 3, True)
    assert [w.mark for w in calendar(rel, checkins, d("11-15"))][-2:] == ["held", "missed"]


def test_a_checkin_after_as_of_counts_nowhere() -> None:
    rel = _rel("weekly", "09-01")
    checkins = _checkins("11-24", "11-28")
    status = checkin_status(rel, checkins, *_week_of("11-27"), d("11-27"))
    assert (status.held, status.expected, status.last) == (1, 1, d("11-24"))
    assert calendar(rel, checkins, d("11-22"))[-1].mark == "missed"  # 11-28 is not seen yet


@pytest.mark.parametrize(
    ("cadence", "started", "checkins", "as_of"),
    [
        ("every 2 weeks", "09-01", ("09-05", "11-20"), "11-27"),
        ("weekly", "11-01", ("11-02", "11-04"), "11-15"),
        ("weekly", "11-26", (), "11-26"),
        ("monthly", "06-15", ("07-01", "09-20"), "11-27"),
    ],
)
def test_expected_missed_next_due_and_the_calendar_follow_one_rule(
    cadence: str, started: str, checkins: tuple[str, ...], as_of: str
) -> None:
    """A week the calendar marks missed is one whose figures miss a meeting; a relationship is
    overdue exactly when a week after its last meeting is missed."""
    rel, met, today = _rel(cadence, started), _checkins(*checkins), d(as_of)
    weeks = calendar(rel, met, today)
    for week in weeks:
        status = checkin_status(rel, met, week.start, week.start + timedelta(days=6), today)
        assert (week.mark == "missed") == (status.expected > status.held), week.start
    last = max((c.date for c in met if c.date <= today), default=d(started))
    missed_since = [w for w in weeks if w.mark == "missed" and w.start > last]
    assert bool(missed_since) == checkin_status(rel, met, today, today, today).overdue


# Properties: for any cadence, start, pauses, skips and check-ins.

CADENCES = st.builds(Cadence, st.integers(1, 6), st.sampled_from(["day", "week", "month"])).map(
    lambda c: c.label
)
DAY = st.integers(0, 400)
BASE = date(2026, 1, 1)


@st.composite
def scenes(draw: st.DrawFn) -> tuple[Relationship, list[CheckIn], date]:
    started = BASE + timedelta(days=draw(DAY))
    as_of = started + timedelta(days=draw(st.integers(0, 300)))
    changes: list[tuple[str, str]] = []
    day = started
    for _ in range(draw(st.integers(0, 2))):  # pause, then perhaps resume
        day += timedelta(days=draw(st.integers(1, 60)))
        changes.append((day.isoformat(), "paused"))
        if draw(st.booleans()):
            day += timedelta(days=draw(st.integers(1, 60)))
            changes.append((day.isoformat(), "active"))
    rel = _rel(draw(CADENCES), started.isoformat(), tuple(changes))
    days = draw(st.lists(st.integers(-10, 320), max_size=12))
    skips = draw(st.lists(st.booleans(), min_size=len(days), max_size=len(days)))
    checkins = [
        CheckIn(id=f"c{n:02d}", date=started + timedelta(days=offset), skipped=skip)
        for n, (offset, skip) in enumerate(zip(days, skips, strict=True))
    ]
    return rel, checkins, as_of


@settings(max_examples=300)
@given(scenes())
def test_the_schedule_keeps_its_promises(scene: tuple[Relationship, list[CheckIn], date]) -> None:
    rel, checkins, as_of = scene
    cadence = parse_cadence(rel.cadence)
    plan = schedule(rel, checkins, as_of)
    seen = [c for c in checkins if c.date <= as_of]
    missed = [m.day for m in plan.meetings if m.mark == "missed"]
    # Every check-in and skip up to as_of counts once, as itself; nothing after as_of counts.
    assert sorted(m.day for m in plan.meetings if m.mark != "missed") == sorted(
        c.date for c in seen
    )
    assert all(m.day <= as_of for m in plan.meetings)
    assert plan == schedule(rel, seen, as_of)
    # Skipped + missed never exceed the due dates passed: a miss is a due date before as_of, at
    # least one interval after the start and after any other miss (the cadence's own dates
    # bound them), never on a paused day.
    passed = len(occurrences(cadence, rel.started, as_of - timedelta(days=1))) - 1
    assert len(missed) <= max(0, passed)
    assert all(day < as_of for day in missed)
    assert len(set(missed)) == len(missed)
    # A held (or skipped) meeting never counts as missed: no check-in, skip, start or resume
    # falls within one interval before a missed date.
    anchors = [c.date for c in seen] + [rel.started]
    anchors += [c.date for c in rel.status_change if c.status == "active" and c.date <= as_of]
    for day in missed:
        assert all(anchor + cadence.step <= day for anchor in anchors if anchor <= day), day
    # Nothing between the last anchor and the next due date is missed.
    last = max(anchors)
    if plan.next_due is not None:
        assert plan.next_due == last + cadence.step
        assert all(day >= plan.next_due for day in missed if day > last)
    # The calendar's misses are the summary's, week by week and over its 26 weeks.
    weeks = calendar(rel, checkins, as_of)
    for week in weeks:
        status = checkin_status(rel, checkins, week.start, week.start + timedelta(days=6), as_of)
        assert (week.held, week.skipped, week.missed) == (
            status.held,
            status.skipped,
            status.missed,
        )
        assert (week.mark == "missed") == (status.missed > 0)
    whole = checkin_status(rel, checkins, weeks[0].start, as_of, as_of)
    assert sum(w.missed for w in weeks) == whole.missed
    assert whole.expected == whole.held + whole.missed


@settings(max_examples=300)
@given(scenes(), st.integers(0, 300))
def test_a_period_needs_only_the_last_checkin_before_it(
    scene: tuple[Relationship, list[CheckIn], date], offset: int
) -> None:
    """What the store loads for a review (the check-ins from the period's start, and the last
    one before it) gives the figures all of them give."""
    rel, checkins, as_of = scene
    since = min(as_of, rel.started + timedelta(days=offset))
    before = sorted((c for c in checkins if c.date < since), key=lambda c: (c.date, c.id))
    loaded = before[-1:] + [c for c in checkins if c.date >= since]
    full = checkin_status(rel, checkins, since, as_of, as_of)
    part = checkin_status(rel, loaded, since, as_of, as_of)
    assert (part.held, part.skipped, part.missed, part.next_due, part.overdue) == (
        full.held,
        full.skipped,
        full.missed,
        full.next_due,
        full.overdue,
    )


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)),
    cadence=CADENCES,
    span=st.integers(0, 800),
)
def test_with_no_meeting_every_date_of_the_cadence_is_missed(
    start: date, cadence: str, span: int
) -> None:
    """The due dates are the cadence's own (dateutil's rrule), from one interval after the
    start."""
    rel = Relationship(id="r", counterpart="R", my_role="mentor", started=start, cadence=cadence)
    as_of = start + timedelta(days=span)
    plan = schedule(rel, [], as_of)
    dates = occurrences(parse_cadence(cadence), start, as_of)
    assert [m.day for m in plan.meetings] == [day for day in dates[1:] if day < as_of]
    assert plan.next_due == occurrences(parse_cadence(cadence), start, as_of + timedelta(400))[1]
