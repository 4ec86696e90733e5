"""The accountability summary: for a period, is each relationship doing what was agreed?

Pure: given the records and `as_of`, it computes every figure a review shows (DESIGN.md §4-5)."""

from collections import Counter
from datetime import date, timedelta

from msgspec import Struct, field

from mentorlog.core.accountability import (
    RELIABILITY_DAYS,
    SLIPPING_DEFERRALS,
    ActionStats,
    OverdueAction,
    action_stats,
)
from mentorlog.core.agreement import AgreementState, status_of
from mentorlog.core.cadence import week_start
from mentorlog.core.checkins import CheckinStatus, checkin_status
from mentorlog.core.health import HealthSummary, health_summary
from mentorlog.core.model import (
    OPEN_GOAL_STATUSES,
    REL_STATUSES,
    Contact,
    FileProblem,
    RelationshipRecords,
    Settings,
)
from mentorlog.core.progress import GoalStatus, goal_status
from mentorlog.core.relationships import status_on
from mentorlog.core.text import plural
from mentorlog.dates import WEEKDAYS
from mentorlog.errors import UserError

ALERT_KINDS = (
    "overdue_action",
    "missed_checkin",
    "relationship_inactive",
    "stale_goal",
    "goal_at_risk",
    "agreement_unsigned",
    "agreement_review_due",
    "follow_up_due",
)
PERIOD_UNITS = ("week", "month", "quarter")
# Each unit containing today, and the one just ended (a Monday's review of last week).
PERIODS = (*PERIOD_UNITS, *(f"last-{unit}" for unit in PERIOD_UNITS))


class Period(Struct, kw_only=True):
    """The days a summary covers, both ends included; `name` is the --period that chose them
    (None for --since/--until)."""

    start: date
    end: date
    name: str | None = None


def _containing(unit: str, day: date, first_weekday: int) -> tuple[date, date]:
    if unit == "week":
        start = week_start(day, first_weekday)
        return start, start + timedelta(days=6)
    from dateutil.relativedelta import relativedelta

    months = 1 if unit == "month" else 3
    start = day.replace(month=1 + months * ((day.month - 1) // months), day=1)
    return start, start + relativedelta(months=months) - timedelta(days=1)


def period_for(name: str, as_of: date, first_weekday: int = 0) -> Period:
    """The week (from the journal's week start), month or quarter containing `as_of`, or with
    `last-`, the one before it."""
    unit = name.removeprefix("last-")
    if unit not in PERIOD_UNITS:
        raise UserError(
            f"'{name}' is not a period.",
            hint=f"Use --period {' | '.join(PERIODS)}, or --since/--until.",
        )
    start, end = _containing(unit, as_of, first_weekday)
    if unit != name:
        start, end = _containing(unit, start - timedelta(days=1), first_weekday)
    return Period(start=start, end=end, name=name)


def custom_period(since: date, until: date) -> Period:
    if until < since:
        raise UserError(f"--until {until} is before --since {since}.")
    return Period(start=since, end=until)


def parse_fail_on(text: str) -> set[str]:
    kinds = {word.strip().lower() for word in text.split(",") if word.strip()}
    unknown = sorted(kinds - {*ALERT_KINDS, "any"})
    if unknown or not kinds:
        raise UserError(
            f"--fail-on does not know {', '.join(unknown)}."
            if unknown
            else "--fail-on names no alert kind.",
            hint=f"Use any, or a comma-separated list of: {', '.join(ALERT_KINDS)}.",
        )
    return set(ALERT_KINDS) if "any" in kinds else kinds


class Alert(Struct, kw_only=True):
    """Something that needs attention, of a kind `--fail-on` can name."""

    kind: str
    relationship: str | None
    message: str


class RelationshipSummary(Struct, kw_only=True):
    """The accountability summary of one relationship for a period."""

    id: str
    counterpart: str
    my_role: str
    status: str
    cadence: str
    checkins: CheckinStatus
    agreement: AgreementState
    actions: ActionStats
    goals: list[GoalStatus]
    learning: int
    health: HealthSummary


class FollowUp(Struct, kw_only=True):
    """A network contact whose follow-up date has come."""

    id: str
    name: str
    relationship: str | None
    follow_up: date


class NetworkSummary(Struct, kw_only=True):
    """The network's part of a summary: follow-ups due."""

    follow_ups_due: list[FollowUp] = field(default_factory=list)


class Summary(Struct, kw_only=True):
    """The whole accountability summary: the JSON document of docs/json.md."""

    kind: str = "mentorlog.summary"
    version: int = 1
    as_of: date
    owner: str = ""
    period: Period
    relationships: list[RelationshipSummary]
    network: NetworkSummary
    alerts: list[Alert]
    # Record files that could not be read: the figures above leave them out (exit 3).
    problems: list[FileProblem] = field(default_factory=list)


def actions_counted_from(period: Period, as_of: date) -> date:
    """The first day whose actions a summary of `period` counts: the period's, or the start of
    the reliability window if earlier."""
    return min(period.start, as_of - timedelta(days=RELIABILITY_DAYS))


def summarise_relationship(
    records: RelationshipRecords, period: Period, as_of: date, settings: Settings
) -> RelationshipSummary:
    rel = records.rel
    goals = [
        g
        for g in records.goals
        if g.created <= as_of
        and (g.status in OPEN_GOAL_STATUSES or (g.closed and g.closed >= period.start))
    ]
    return RelationshipSummary(
        id=rel.id,
        counterpart=rel.counterpart,
        my_role=rel.my_role,
        status=status_on(rel, as_of),
        cadence=rel.cadence,
        checkins=checkin_status(rel, records.checkins, period.start, period.end, as_of),
        agreement=status_of(rel.agreement, as_of),
        actions=action_stats(records.actions, period.start, period.end, as_of),
        goals=[
            goal_status(g, period.start, period.end, as_of, settings.stale_days)
            for g in sorted(goals, key=lambda g: (g.created, g.title.casefold(), g.id))
        ],
        learning=sum(
            1 for e in records.learning if period.start <= e.date <= min(period.end, as_of)
        ),
        health=health_summary(records.health, as_of),
    )


def _relationship_alerts(
    summary: RelationshipSummary, as_of: date, settings: Settings
) -> list[Alert]:
    if summary.status != "active":
        return []
    rid, who = summary.id, summary.counterpart
    alerts: list[Alert] = []

    def add(kind: str, message: str) -> None:
        alerts.append(Alert(kind=kind, relationship=rid, message=message))

    status = summary.checkins
    if status.overdue and status.next_due:
        add(
            "missed_checkin",
            f"Check-in with {who} was due {status.next_due.isoformat()}"
            f" ({plural(overdue_days(summary, as_of), 'day')} ago).",
        )
    since = status.days_since_last
    if since is not None and since >= settings.inactive_days:
        add("relationship_inactive", f"No check-in with {who} for {plural(since, 'day')}.")
    for action in summary.actions.overdue:
        add("overdue_action", _overdue_action_message(action, summary))
    for goal in summary.goals:
        if goal.on_track is False:
            add(
                "goal_at_risk",
                f"Goal '{goal.title}' ({who}) is at {goal.progress}%; {goal.expected}% was expected by now.",
            )
        if goal.stale:
            updated = (
                f"had no update since {goal.last_update.isoformat()}"
                if goal.last_update
                else "never been updated"
            )
            add("stale_goal", f"Goal '{goal.title}' ({who}) has {updated}.")
    agreement = summary.agreement
    if agreement.status != "agreed":
        unsigned = {
            "none": f"The relationship with {who} has no agreement yet.",
            "draft": f"The agreement with {who} is a draft nobody signed (version {agreement.version}).",
            "awaiting": f"The agreement with {who} awaits a sign-off (version {agreement.version}).",
        }
        add("agreement_unsigned", unsigned[agreement.status])
    if agreement.review_overdue and agreement.review_by:
        add(
            "agreement_review_due",
            f"The agreement with {who} was due for review on {agreement.review_by.isoformat()}.",
        )
    return alerts


def _overdue_action_message(action: OverdueAction, summary: RelationshipSummary) -> str:
    """Whose action it is, by name: "Ada Lovelace's action 'X' was due 2026-11-20."."""
    who, yours = summary.counterpart, action.owner == summary.my_role
    if action.owner == "both":
        whose = f"The joint action '{action.text}' with {who}"
    elif yours:
        whose = f"Your action '{action.text}'"
    else:
        whose = f"{who}'s action '{action.text}'"
    notes = [who] if yours else []
    if action.deferrals >= SLIPPING_DEFERRALS:
        notes.append(f"deferred {plural(action.deferrals, 'time')}")
    noted = f" ({', '.join(notes)})" if notes else ""
    return f"{whose} was due {action.due.isoformat()}{noted}."


def summarise(
    bundles: list[RelationshipRecords],
    contacts: list[Contact],
    period: Period,
    as_of: date,
    settings: Settings,
    owner: str = "",
    include_unlinked_follow_ups: bool = True,
    problems: list[FileProblem] | None = None,
) -> Summary:
    """The summary of every relationship given, most urgent first, its alerts in that order."""
    summaries = [summarise_relationship(b, period, as_of, settings) for b in bundles]
    shown = {s.id for s in summaries}
    follow_ups = sorted(
        (
            FollowUp(id=c.id, name=c.name, relationship=c.rel, follow_up=c.follow_up)
            for c in contacts
            if c.follow_up is not None
            and c.follow_up <= as_of
            and (c.rel in shown or (c.rel is None and include_unlinked_follow_ups))
        ),
        key=lambda f: (f.follow_up, f.name),
    )
    follow_up_alerts = [
        Alert(
            kind="follow_up_due",
            relationship=f.relationship,
            message=f"Follow up with {f.name} ({f.id}), due {f.follow_up.isoformat()}.",
        )
        for f in follow_ups
    ]
    alerts_of = {s.id: _relationship_alerts(s, as_of, settings) for s in summaries}
    follow_ups_of = Counter(f.relationship for f in follow_ups)
    relationships = most_urgent_first(
        summaries,
        {rid: len(alerts) + follow_ups_of[rid] for rid, alerts in alerts_of.items()},
        as_of,
    )
    return Summary(
        as_of=as_of,
        owner=owner,
        period=period,
        relationships=relationships,
        network=NetworkSummary(follow_ups_due=follow_ups),
        alerts=[a for s in relationships for a in alerts_of[s.id]] + follow_up_alerts,
        problems=problems or [],
    )


def overdue_days(summary: RelationshipSummary, as_of: date) -> int:
    """How many days the next check-in is overdue (0 when it is not)."""
    due = summary.checkins.next_due
    return (as_of - due).days if summary.checkins.overdue and due else 0


def most_urgent_first(
    summaries: list[RelationshipSummary], alert_counts: dict[str, int], as_of: date
) -> list[RelationshipSummary]:
    """The order of `status` and of the summary: active before paused before ended; then
    overdue check-ins, longest first; then the soonest due; then the most alerts."""
    return sorted(
        summaries,
        key=lambda s: (
            REL_STATUSES.index(s.status),
            -overdue_days(s, as_of),
            s.checkins.next_due or date.max,
            -alert_counts.get(s.id, 0),
            s.id,
        ),
    )


class StatusRow(Struct, kw_only=True):
    """One relationship on the mentor's dashboard."""

    id: str
    counterpart: str
    my_role: str
    status: str
    next_due: date | None
    overdue_days: int
    days_since_last: int | None
    open_actions: dict[str, int]  # per party (a joint action counts for each)
    overdue_actions: dict[str, int]
    actions_open: int  # actions, each counted once
    actions_overdue: int
    goals_at_risk: int
    goals_stale: int
    agreement: str
    alerts: int


def status_rows(summary: Summary) -> list[StatusRow]:
    """One row per relationship, in the summary's order: most urgent first."""
    alerts_by_rel: dict[str | None, int] = {}
    for alert in summary.alerts:
        alerts_by_rel[alert.relationship] = alerts_by_rel.get(alert.relationship, 0) + 1
    return [
        StatusRow(
            id=s.id,
            counterpart=s.counterpart,
            my_role=s.my_role,
            status=s.status,
            next_due=s.checkins.next_due,
            overdue_days=overdue_days(s, summary.as_of),
            days_since_last=s.checkins.days_since_last,
            open_actions=s.actions.open_by_party,
            overdue_actions={
                p: sum(1 for a in s.actions.overdue if a.owner in (p, "both"))
                for p in ("mentor", "mentee")
            },
            actions_open=s.actions.open,
            actions_overdue=len(s.actions.overdue),
            goals_at_risk=sum(1 for g in s.goals if g.on_track is False),
            goals_stale=sum(1 for g in s.goals if g.stale),
            agreement=s.agreement.status,
            alerts=alerts_by_rel.get(s.id, 0),
        )
        for s in summary.relationships
    ]


def first_weekday(settings: Settings) -> int:
    """The journal's week start as a weekday index (Monday unless the settings say otherwise)."""
    day = settings.week_start.strip().lower()
    return WEEKDAYS.index(day) if day in WEEKDAYS else 0
