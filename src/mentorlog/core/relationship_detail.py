"""What `rel show` says about one relationship, computed from its records and a date."""

from datetime import date, timedelta
from typing import Any

from msgspec import Struct, field

from mentorlog.core.agreement import AgreementState, status_of
from mentorlog.core.cadence import week_start
from mentorlog.core.checkins import CalendarWeek, CheckinStatus, calendar, checkin_status
from mentorlog.core.model import RelationshipRecords, StatusChange
from mentorlog.core.progress import as_it_was
from mentorlog.core.relationships import describe, status_on


class Conflict(Struct, kw_only=True):
    """A version of a shared record a sync left out, kept until someone resolves it: where it
    is, and each value in which it differs from the record kept (`rel show`)."""

    copy: str  # relative to the journal
    record: str
    differences: list[tuple[str, str, str]]  # key, the value kept, the value left out


def differences(
    kept: dict[str, Any], left_out: dict[str, Any], prefix: str = ""
) -> list[tuple[str, str, str]]:
    """The values two versions of a record hold differently, as text: a table's keys one by
    one (`agreement.version`), and of a list only the entries one side lacks."""
    found: list[tuple[str, str, str]] = []
    for key in sorted(kept.keys() | left_out.keys()):
        one, other, name = kept.get(key), left_out.get(key), f"{prefix}{key}"
        if one == other:
            continue
        if isinstance(one, dict) and isinstance(other, dict):
            found += differences(one, other, f"{name}.")
        elif isinstance(one, list) and isinstance(other, list):
            found.append(
                (
                    name,
                    _shown([x for x in one if x not in other]),
                    _shown([x for x in other if x not in one]),
                )
            )
        else:
            found.append((name, _shown(one), _shown(other)))
    return found


def _shown(value: Any, width: int = 80) -> str:
    """A value as a person reads it: `2026-12-10`, `date 2026-11-29, new 2026-12-12`,
    `(none)`; long ones cut."""
    if value is None or value == []:
        text = "(none)"
    elif isinstance(value, list):
        text = "; ".join(_shown(item, width) for item in value)
    elif isinstance(value, dict):
        text = ", ".join(f"{k} {_shown(v, width)}" for k, v in value.items())
    else:
        text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


class Introduction(Struct, kw_only=True):
    """A contact introduced through a relationship, as `rel show` lists it."""

    name: str
    role: str
    via: str
    added: date


class RelationshipDetail(Struct, kw_only=True):
    """Everything `rel show` says about one relationship."""

    id: str
    counterpart: str
    my_role: str
    their_role: str
    status: str
    cadence: str
    started: date
    contact: str
    tags: list[str]
    description: str
    agreement: AgreementState
    checkins: CheckinStatus
    calendar: list[CalendarWeek]
    open_agenda: int
    open_actions: int
    active_goals: int
    introductions: list[Introduction] = field(default_factory=list)
    status_change: list[StatusChange] = field(default_factory=list)
    shared_through: str | None = None  # the repository of a shared relationship
    conflicts: list[Conflict] = field(default_factory=list)


CALENDAR_WEEKS = 26


def detail_window(as_of: date) -> date:
    """`rel show` looks back over the weeks of its calendar, so it reads only those check-ins."""
    return week_start(as_of) - timedelta(weeks=CALENDAR_WEEKS - 1)


def relationship_detail(records: RelationshipRecords, as_of: date) -> RelationshipDetail:
    rel = records.rel
    return RelationshipDetail(
        id=rel.id,
        counterpart=rel.counterpart,
        my_role=rel.my_role,
        their_role=rel.their_role,
        status=status_on(rel, as_of),
        cadence=rel.cadence,
        started=rel.started,
        contact=rel.contact,
        tags=rel.tags,
        description=describe(rel),
        agreement=status_of(rel.agreement, as_of),
        checkins=checkin_status(rel, records.checkins, detail_window(as_of), as_of, as_of),
        calendar=calendar(rel, records.checkins, as_of, CALENDAR_WEEKS),
        open_agenda=sum(1 for item in records.agenda.item if item.status == "open"),
        open_actions=sum(1 for action in records.actions if action.status == "open"),
        active_goals=sum(1 for g in records.goals if as_it_was(g, as_of).status == "active"),
        introductions=[
            Introduction(name=c.name, role=c.role, via=c.via, added=c.added)
            for c in records.contacts
            if c.via
        ],
        status_change=rel.status_change,
        shared_through=rel.share.remote if rel.share is not None else None,
    )
