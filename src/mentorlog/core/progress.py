"""Goal rules: progress, change over a period, on track, stale (DESIGN.md §5)."""

from datetime import date

from msgspec import Struct, structs

from mentorlog.core.model import Goal, Milestone, ProgressUpdate

ON_TRACK_SLACK = 10


def progress_on(goal: Goal, day: date | None) -> int | None:
    """The last update written (in the [[update]] list's order) on or before `day`, all of them
    when None: two updates on one day are both dated that day, and the later one counts."""
    values = [u.progress for u in goal.update if day is None or u.date <= day]
    return values[-1] if values else None


def with_update(goal: Goal, update: ProgressUpdate) -> Goal:
    """The goal with one more update, written after every update of its day or before, so that
    a backdated update takes its place in time rather than the place of the latest."""
    at = max((n + 1 for n, u in enumerate(goal.update) if u.date <= update.date), default=0)
    return structs.replace(goal, update=[*goal.update[:at], update, *goal.update[at:]])


def last_update(goal: Goal, as_of: date) -> date | None:
    dates = [u.date for u in goal.update if u.date <= as_of]
    return max(dates) if dates else None


def progress_change(goal: Goal, start: date, end: date) -> int:
    """Latest at period end minus latest before the period starts (0 before any update)."""
    before = progress_on(goal, date.fromordinal(start.toordinal() - 1)) or 0
    return (progress_on(goal, end) or 0) - before


def expected_progress(goal: Goal, as_of: date) -> int | None:
    """The straight line from 0 at creation to 100 at the target date; None without target."""
    if goal.target is None:
        return None
    span = (goal.target - goal.created).days
    if span <= 0 or as_of >= goal.target:
        return 100
    elapsed = max(0, (as_of - goal.created).days)
    return round(100 * elapsed / span)


def on_track(goal: Goal, as_of: date) -> bool | None:
    """Progress at least the straight line minus 10 points; None without a target or when the
    goal is not being pursued (paused, dropped)."""
    if goal.status == "achieved":
        return True
    if goal.status != "active":
        return None
    expected = expected_progress(goal, as_of)
    if expected is None:
        return None
    return (progress_on(goal, as_of) or 0) >= expected - ON_TRACK_SLACK


def is_stale(goal: Goal, as_of: date, stale_days: int) -> bool:
    """Active and not revisited (no progress update) for `stale_days` days."""
    if goal.status != "active":
        return False
    last = last_update(goal, as_of) or goal.created
    return (as_of - last).days >= stale_days


class GoalStatus(Struct, kw_only=True):
    """A goal as a review sees it: progress, change, on track or stale."""

    id: str
    relationship: str | None
    title: str
    horizon: str
    owner: str
    status: str
    progress: int
    progress_change: int
    target: date | None
    expected: int | None
    on_track: bool | None
    last_update: date | None
    stale: bool
    milestones_done: int
    milestones: int


def as_it_was(goal: Goal, as_of: date) -> Goal:
    """A goal as it stood on `as_of`: closed later means still active then; later progress
    updates and milestones done later are not known yet."""
    closed_later = goal.closed is not None and goal.closed > as_of
    return structs.replace(
        goal,
        status="active" if closed_later else goal.status,
        closed=None if closed_later else goal.closed,
        update=[u for u in goal.update if u.date <= as_of],
        milestone=[
            structs.replace(m, done=None) if m.done and m.done > as_of else m
            for m in goal.milestone
        ],
    )


def goal_status(goal: Goal, start: date, end: date, as_of: date, stale_days: int) -> GoalStatus:
    """A goal over a period: its progress at the period's end (beside the change in it), and
    what follows for today (on track, stale)."""
    goal = as_it_was(goal, as_of)
    return GoalStatus(
        id=goal.id,
        relationship=getattr(goal, "relationship", None),  # known to a GoalEntry
        title=goal.title,
        horizon=goal.horizon,
        owner=goal.owner,
        status=goal.status,
        progress=progress_on(goal, min(end, as_of)) or 0,
        progress_change=progress_change(goal, start, min(end, as_of)),
        target=goal.target,
        expected=expected_progress(goal, as_of) if goal.status == "active" else None,
        on_track=on_track(goal, as_of),
        last_update=last_update(goal, as_of),
        stale=is_stale(goal, as_of, stale_days),
        milestones_done=sum(1 for m in goal.milestone if m.done is not None),
        milestones=len(goal.milestone),
    )


class GoalDetail(GoalStatus, kw_only=True):
    """A goal in full: its status and its whole record."""

    why: str
    measure: str
    created: date
    closed: date | None
    close_note: str
    milestone: list[Milestone]
    update: list[ProgressUpdate]


def goal_detail(goal: Goal, as_of: date, stale_days: int) -> GoalDetail:
    goal = as_it_was(goal, as_of)
    status = goal_status(goal, as_of, as_of, as_of, stale_days)
    return GoalDetail(
        **structs.asdict(status),
        why=goal.why,
        measure=goal.measure,
        created=goal.created,
        closed=goal.closed,
        close_note=goal.close_note,
        milestone=goal.milestone,
        update=sorted(goal.update, key=lambda u: u.date),
    )
