"""The records of a journal: plain dataclasses whose field names are the TOML and JSON keys."""

import datetime as dt
from collections.abc import Callable
from dataclasses import field
from typing import Any

from mentorlog.core.datatype import datatype
from mentorlog.errors import UserError

SCHEMA = 1
# Fields filled in on reading (from where the file lives), shown in JSON, never written.
DERIVED = {"stored": False}

ROLES: tuple[str, ...] = ("mentor", "mentee")
PARTIES: tuple[str, ...] = ("mentor", "mentee", "both")
MODES = ("in-person", "video", "call", "chat", "email", "other")
LEARNING_KINDS = ("lesson", "resource", "skill", "reflection")
PILLARS = ("expectations", "communication", "trust", "goals", "learning", "network")


@datatype
class Settings:
    """Journal-wide settings (`journal.toml [settings]`), edited by hand."""

    week_start: str = "monday"
    inactive_days: int = 90
    stale_days: int = 28


@datatype
class JournalInfo:
    """`journal.toml`: whose journal it is, since when, and its settings."""

    schema: int = SCHEMA
    owner: str = ""
    created: dt.date
    settings: Settings = field(default_factory=Settings)


@datatype
class AgreementItem:
    """One expectation in an agreement, in its section, with who owns it."""

    id: str
    section: str
    text: str
    owner: str = "both"
    placeholder: bool = False


@datatype
class SignOff:
    """A party's signature on one version of the agreement."""

    party: str
    version: int
    date: dt.date


@datatype
class AgreementChange:
    """A line of the agreement's history: what changed in which version."""

    version: int
    date: dt.date
    what: str


@datatype
class Agreement:
    """The expectations both people agreed, with versions and signatures."""

    version: int = 1
    review_by: dt.date | None = None
    item: list[AgreementItem] = field(default_factory=list)
    signoff: list[SignOff] = field(default_factory=list)
    change: list[AgreementChange] = field(default_factory=list)


@datatype
class StatusChange:
    """When a relationship was paused, resumed or ended, and why."""

    date: dt.date
    status: str
    note: str = ""


@datatype
class Relationship:
    """`relationship.toml`: one mentoring relationship, its cadence and agreement."""

    schema: int = SCHEMA
    id: str
    counterpart: str
    my_role: str
    started: dt.date
    status: str = "active"
    cadence: str = "every 2 weeks"
    contact: str = ""
    tags: list[str] = field(default_factory=list)
    status_change: list[StatusChange] = field(default_factory=list)
    agreement: Agreement = field(default_factory=Agreement)

    @property
    def their_role(self) -> str:
        return "mentee" if self.my_role == "mentor" else "mentor"

    def party(self, who: str) -> str:
        """Translate me/them into the stored role, so a file means the same to both people."""
        word = who.strip().lower()
        if word == "me":
            return self.my_role
        if word == "them":
            return self.their_role
        if word in PARTIES:
            return word
        raise UserError(
            f"'{who}' is not a party of this relationship.",
            hint="Use mentor, mentee, both, me or them.",
        )


@datatype
class CheckIn:
    """A meeting (or an agreed skip): what was discussed, learned and decided."""

    schema: int = SCHEMA
    id: str
    relationship: str | None = field(default=None, metadata=DERIVED)
    date: dt.date
    time: dt.time | None = None
    duration: int | None = None
    mode: str | None = None
    summary: str = ""
    notes: str = ""
    topics: list[str] = field(default_factory=list)
    feedback_given: list[str] = field(default_factory=list)
    feedback_received: list[str] = field(default_factory=list)
    concerns: list[str] = field(default_factory=list)
    learned: list[str] = field(default_factory=list)
    discussed: list[str] = field(default_factory=list)
    rating: int | None = None
    next: dt.date | None = None
    private: bool = False
    skipped: bool = False
    why: str = ""


@datatype
class AgendaItem:
    """A topic to raise at a coming check-in, until it is discussed."""

    id: str
    text: str
    added: dt.date
    status: str = "open"
    discussed_in: str | None = None
    closed: dt.date | None = None


@datatype
class Agenda:
    """`agenda.toml`: the topics waiting for the next check-ins."""

    schema: int = SCHEMA
    item: list[AgendaItem] = field(default_factory=list)


@datatype
class Milestone:
    """A step towards a goal, with its due date."""

    id: str
    title: str
    due: dt.date | None = None
    done: dt.date | None = None


@datatype
class ProgressUpdate:
    """A dated progress reading of a goal (0-100), perhaps from a check-in."""

    date: dt.date
    progress: int
    note: str = ""
    checkin: str | None = None


@datatype
class Goal:
    """A goal with its measure, target date, milestones and progress history."""

    schema: int = SCHEMA
    id: str
    relationship: str | None = field(default=None, metadata=DERIVED)
    title: str
    owner: str = "mentee"
    horizon: str = "short"
    why: str = ""
    measure: str = ""
    target: dt.date | None = None
    status: str = "active"
    created: dt.date
    closed: dt.date | None = None
    close_note: str = ""
    milestone: list[Milestone] = field(default_factory=list)
    update: list[ProgressUpdate] = field(default_factory=list)


@datatype
class Reschedule:
    """A change of an action's due date, kept to count deferrals."""

    date: dt.date
    original: dt.date | None = None
    new: dt.date


@datatype
class Action:
    """A commitment one party made, with its due date and what became of it."""

    schema: int = SCHEMA
    id: str
    relationship: str | None = field(default=None, metadata=DERIVED)
    text: str
    owner: str
    due: dt.date | None = None
    goal: str | None = None
    created: dt.date
    status: str = "open"
    done: dt.date | None = None
    dropped: dt.date | None = None
    reschedule: list[Reschedule] = field(default_factory=list)
    deferrals: int = field(default=0, init=False, metadata=DERIVED)
    overdue: bool = field(default=False, metadata=DERIVED)

    def __post_init__(self) -> None:
        self.deferrals = len(self.reschedule)


@datatype
class HealthPulse:
    """One party's scores of the relationship on the six pillars, on a day."""

    schema: int = SCHEMA
    id: str
    relationship: str | None = field(default=None, metadata=DERIVED)
    date: dt.date
    by: str
    scores: dict[str, int] = field(default_factory=dict)
    note: str = ""


@datatype
class LearningEntry:
    """A lesson, resource, skill or reflection, perhaps tied to a relationship."""

    schema: int = SCHEMA
    id: str
    date: dt.date
    kind: str = "lesson"
    text: str
    link: str = ""
    rel: str | None = None
    goal: str | None = None
    tags: list[str] = field(default_factory=list)


@datatype
class Interaction:
    """A dated contact with someone in the network."""

    date: dt.date
    text: str


@datatype
class Contact:
    """Someone in the supportive network, how we met, and when to follow up."""

    schema: int = SCHEMA
    id: str
    name: str
    role: str = ""
    org: str = ""
    via: str = ""
    rel: str | None = None
    notes: str = ""
    follow_up: dt.date | None = None
    added: dt.date
    interaction: list[Interaction] = field(default_factory=list)


@datatype
class RecordFilter:
    """The goals or actions a view needs: all open ones, and closed ones whose file day (see
    file_day) is from `since` on and whose raw data (dates as ISO strings) `keep` accepts."""

    since: dt.date
    keep: Callable[[dict[str, Any]], bool]


@datatype
class RelationshipRecords:
    """Everything recorded under one relationship that a view or a summary needs."""

    rel: Relationship
    checkins: list[CheckIn] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    health: list[HealthPulse] = field(default_factory=list)
    agenda: Agenda = field(default_factory=Agenda)
    learning: list[LearningEntry] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)


OPEN_GOAL_STATUSES = ("active", "paused")


def file_day(record: object) -> dt.date | None:
    """The date a record's file name starts with, if any (DESIGN.md §3).

    Check-ins and pulses are named by their date. A closed goal or action is named by the last
    date a review can count it on (a goal's closing; the later of an action's due and closing
    dates), so a review of recent weeks passes over years of closed ones by name alone, as it
    does old check-ins. Open ones, and closed ones without their closing date, are named by
    their id."""
    if isinstance(record, Action):
        closed = {"done": record.done, "dropped": record.dropped}.get(record.status)
        if closed is None:  # open, or closed on no known day: every view reads it
            return None
        return max(closed, record.due) if record.due else closed
    if isinstance(record, Goal):
        return None if record.status in OPEN_GOAL_STATUSES else record.closed
    day = getattr(record, "date", None)
    return day if isinstance(day, dt.date) else None
