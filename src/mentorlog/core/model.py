"""The records of a journal, declared once: each field name is its TOML and JSON key.

Records are `msgspec.Struct`s, so converting a file's data checks every type (store/convert.py
does it, for every source). Values a view derives (the relationship a record belongs to, an
action's deferrals and whether it is overdue) live on the entry types at the end, never on what
is stored."""

import datetime as dt
import re
from typing import Annotated, overload

from msgspec import Meta, Struct, field, structs

from mentorlog.core.cadence import CADENCE_HELP, parse_cadence
from mentorlog.core.text import (
    CONTROL_CHARACTERS,
    MAX_ITEM,
    MAX_LINE,
    MAX_TEXT,
    SLUG_PATTERN,
)
from mentorlog.dates import WEEKDAYS
from mentorlog.errors import UserError

SCHEMA = 1

ROLES: tuple[str, ...] = ("mentor", "mentee")
PARTIES: tuple[str, ...] = ("mentor", "mentee", "both")
MODES = ("in-person", "video", "call", "chat", "email", "other")
HORIZONS = ("short", "long")
LEARNING_KINDS = ("lesson", "resource", "skill", "reflection")
PILLARS = ("expectations", "communication", "trust", "goals", "learning", "network")
REL_STATUSES = ("active", "paused", "ended")
GOAL_STATUSES = ("active", "paused", "achieved", "dropped")
ACTION_STATUSES = ("open", "done", "dropped")
AGENDA_STATUSES = ("open", "discussed")
ID_PATTERN = r"^[a-z0-9]{1,16}\Z"
RECIPIENT_PATTERN = r"^age1[02-9ac-hj-np-z]{58}\Z"  # an age X25519 recipient (bech32)
ENCRYPTION_STATES = ("encrypting", "complete")

# What a value must be, whatever wrote it (the CLI, a hand edit, an import, a synced commit):
# msgspec checks these constraints when a file's data becomes a record (store/convert.py;
# `\Z`, as `$` would let a final line break through), and RULE_WORDS says each pattern in words for the message that names the key.
_NO_CONTROLS = f"^[^{CONTROL_CHARACTERS}]*\\Z"


def _one_of(values: tuple[str, ...]) -> str:
    return "^(?:" + "|".join(re.escape(value) for value in values) + r")\Z"


RULE_WORDS = {
    _NO_CONTROLS: "text without control characters (tabs and line breaks aside)",
    ID_PATTERN: "an id of 1 to 16 lowercase letters and digits",
    RECIPIENT_PATTERN: "an age recipient (age1 and 58 more letters and digits)",
    SLUG_PATTERN: "a slug of lowercase letters, digits and hyphens other than a device name "
    "Windows reserves (con, prn, aux, nul, com1-9, lpt1-9)",
    **{
        _one_of(values): "one of " + ", ".join(values)
        for values in (
            ROLES,
            PARTIES,
            MODES,
            HORIZONS,
            LEARNING_KINDS,
            PILLARS,
            REL_STATUSES,
            GOAL_STATUSES,
            ACTION_STATUSES,
            AGENDA_STATUSES,
            ENCRYPTION_STATES,
        )
    },
}
Text = Annotated[str, Meta(max_length=MAX_TEXT, pattern=_NO_CONTROLS)]
Item = Annotated[str, Meta(max_length=MAX_ITEM, pattern=_NO_CONTROLS)]
Line = Annotated[str, Meta(max_length=MAX_LINE, pattern=_NO_CONTROLS)]
Id = Annotated[str, Meta(pattern=ID_PATTERN)]
Slug = Annotated[str, Meta(pattern=SLUG_PATTERN)]
Role = Annotated[str, Meta(pattern=_one_of(ROLES))]
Party = Annotated[str, Meta(pattern=_one_of(PARTIES))]
Mode = Annotated[str, Meta(pattern=_one_of(MODES))]
Horizon = Annotated[str, Meta(pattern=_one_of(HORIZONS))]
LearningKind = Annotated[str, Meta(pattern=_one_of(LEARNING_KINDS))]
Pillar = Annotated[str, Meta(pattern=_one_of(PILLARS))]
RelStatus = Annotated[str, Meta(pattern=_one_of(REL_STATUSES))]
GoalStatus = Annotated[str, Meta(pattern=_one_of(GOAL_STATUSES))]
ActionStatus = Annotated[str, Meta(pattern=_one_of(ACTION_STATUSES))]
AgendaStatus = Annotated[str, Meta(pattern=_one_of(AGENDA_STATUSES))]
LocalTime = Annotated[dt.time, Meta(tz=False)]  # TOML has no time with an offset
Score = Annotated[int, Meta(ge=1, le=5)]
Percent = Annotated[int, Meta(ge=0, le=100)]
Minutes = Annotated[int, Meta(ge=0, le=24 * 60)]
Days = Annotated[int, Meta(ge=1, le=100 * 366)]
Version = Annotated[int, Meta(ge=1, le=1_000_000)]
Schema = Annotated[int, Meta(ge=1, le=1_000_000)]
Recipient = Annotated[str, Meta(pattern=RECIPIENT_PATTERN)]
EncryptionState = Annotated[str, Meta(pattern=_one_of(ENCRYPTION_STATES))]


class Settings(Struct, kw_only=True):
    """Journal-wide settings (`journal.toml [settings]`), edited by hand."""

    week_start: Line = "monday"
    inactive_days: Days = 90
    stale_days: Days = 28


class Encryption(Struct, kw_only=True):
    """`journal.toml [encryption]`: whom check-ins' text is sealed to (store/crypt.py), and
    whether `key init` finished sealing what was written before ("encrypting" until then)."""

    recipients: list[Recipient] = field(default_factory=list)
    state: EncryptionState = "complete"


class JournalInfo(Struct, kw_only=True):
    """`journal.toml`: whose journal it is, since when, its settings, and its encryption."""

    schema: Schema = SCHEMA
    owner: Line = ""
    created: dt.date
    # Who keeps this journal, as the repositories of shared relationships name them
    # (docs/sharing.md): made at init, or at the first share or join of an older journal.
    person: Id | None = None
    settings: Settings = field(default_factory=Settings)
    encryption: Encryption | None = None

    @property
    def recipients(self) -> list[str]:
        return self.encryption.recipients if self.encryption is not None else []


def wrong_settings(settings: Settings) -> list[str]:
    """What is wrong with settings a person edited by hand (the types are checked on reading):
    a week start that names no weekday would otherwise be ignored without a word."""
    wrong = []
    if settings.week_start.strip().lower() not in WEEKDAYS:
        wrong.append(
            f"week_start should be a weekday name ({', '.join(WEEKDAYS)}), "
            f"not {settings.week_start!r:.40}"
        )
    for key in ("inactive_days", "stale_days"):
        value = getattr(settings, key)
        if value < 1:
            wrong.append(f"{key} should be a whole number of days, 1 or more, not {value}")
    return wrong


def unknown_settings(data: dict[str, object]) -> list[str]:
    """The keys under [settings] that mentorlog does not know (a typo, most likely)."""
    settings = data.get("settings")
    known = set(Settings.__struct_fields__)
    return sorted(k for k in settings if k not in known) if isinstance(settings, dict) else []


class FileProblem(Struct, kw_only=True):
    """A record file that could not be read: views leave it out and name it."""

    file: str  # relative to the journal
    line: int | None = None
    column: int | None = None
    message: str

    def text(self) -> str:
        """As an error names a file: `goals/k3m9p.toml, line 3, column 7: Invalid value.`"""
        where = (f", line {self.line}" if self.line else "") + (
            f", column {self.column}" if self.column else ""
        )
        return f"{self.file}{where}: {self.message}"


class AgreementItem(Struct, kw_only=True):
    """One expectation in an agreement, in its section, with who owns it."""

    id: Id
    section: Line
    text: Item
    owner: Party = "both"
    placeholder: bool = False


class SignOff(Struct, kw_only=True):
    """A party's signature on one version of the agreement."""

    party: Role
    version: Version
    date: dt.date


class AgreementChange(Struct, kw_only=True):
    """A line of the agreement's history: what changed in which version."""

    version: Version
    date: dt.date
    what: Item


class Agreement(Struct, kw_only=True):
    """The expectations both people agreed, with versions and signatures."""

    version: Version = 1
    review_by: dt.date | None = None
    # Far more expectations than two people agree, far fewer than slow every review down.
    item: Annotated[list[AgreementItem], Meta(max_length=500)] = field(default_factory=list)
    signoff: list[SignOff] = field(default_factory=list)
    change: list[AgreementChange] = field(default_factory=list)


class StatusChange(Struct, kw_only=True):
    """When a relationship was paused, resumed or ended, and why."""

    date: dt.date
    status: RelStatus
    note: Item = ""


class Share(Struct, kw_only=True):
    """`relationship.toml [share]`: the repository this relationship's shared records sync
    through, and the other person's id there (None until they join)."""

    remote: Line
    person: Id | None = None


class Relationship(Struct, kw_only=True):
    """`relationship.toml`: one mentoring relationship, its cadence and agreement."""

    schema: Schema = SCHEMA
    id: Slug
    counterpart: Line
    my_role: Role
    started: dt.date
    status: RelStatus = "active"
    cadence: Line = "every 2 weeks"
    contact: Line = ""
    tags: list[Line] = field(default_factory=list)
    status_change: list[StatusChange] = field(default_factory=list)
    agreement: Agreement = field(default_factory=Agreement)
    share: Share | None = None

    def __post_init__(self) -> None:
        """A cadence no schedule can follow would fail every review of the journal."""
        try:
            parse_cadence(self.cadence)
        except UserError:
            raise ValueError(
                f"the key 'cadence' should be {CADENCE_HELP}, not {self.cadence!r:.40}"
            ) from None

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

    def own_party(self, who: str, what: str) -> str:
        """The party `who` names, refused on a shared relationship unless it is this journal's
        own: there the other person signs and scores in their own journal."""
        party = self.party(who)
        if self.share is not None and party != self.my_role:
            raise UserError(
                f"{self.counterpart} {what} in their own journal: this relationship is shared "
                "(docs/sharing.md), so this journal records only your own.",
                hint="Use --by me; their side arrives with: mentorlog sync",
            )
        return party


class CheckIn(Struct, kw_only=True):
    """A meeting (or an agreed skip): what was discussed, learned and decided."""

    schema: Schema = SCHEMA
    id: Id
    date: dt.date
    time: LocalTime | None = None
    duration: Minutes | None = None
    mode: Mode | None = None
    summary: Item = ""
    notes: Text = ""
    topics: list[Item] = field(default_factory=list)
    feedback_given: list[Item] = field(default_factory=list)
    feedback_received: list[Item] = field(default_factory=list)
    concerns: list[Item] = field(default_factory=list)
    learned: list[Item] = field(default_factory=list)
    discussed: list[Id] = field(default_factory=list)
    rating: Score | None = None
    next: dt.date | None = None
    private: bool = False
    skipped: bool = False
    why: Item = ""


class AgendaItem(Struct, kw_only=True):
    """A topic to raise at a coming check-in, until it is discussed."""

    id: Id
    text: Item
    added: dt.date
    status: AgendaStatus = "open"
    discussed_in: Id | None = None
    closed: dt.date | None = None


class Agenda(Struct, kw_only=True):
    """`agenda.toml`: the topics waiting for the next check-ins."""

    schema: Schema = SCHEMA
    item: list[AgendaItem] = field(default_factory=list)


class Milestone(Struct, kw_only=True):
    """A step towards a goal, with its due date."""

    id: Id
    title: Item
    due: dt.date | None = None
    done: dt.date | None = None


class ProgressUpdate(Struct, kw_only=True):
    """A dated progress reading of a goal (0-100), perhaps from a check-in."""

    date: dt.date
    progress: Percent
    note: Item = ""
    checkin: Id | None = None


class Goal(Struct, kw_only=True):
    """A goal with its measure, target date, milestones and progress history."""

    schema: Schema = SCHEMA
    id: Id
    title: Item
    owner: Party = "mentee"
    horizon: Horizon = "short"
    why: Item = ""
    measure: Item = ""
    target: dt.date | None = None
    status: GoalStatus = "active"
    created: dt.date
    closed: dt.date | None = None
    close_note: Item = ""
    milestone: list[Milestone] = field(default_factory=list)
    update: list[ProgressUpdate] = field(default_factory=list)


class Reschedule(Struct, kw_only=True):
    """A change of an action's due date, kept to count deferrals."""

    date: dt.date
    original: dt.date | None = None
    new: dt.date


class Action(Struct, kw_only=True):
    """A commitment one party made, with its due date and what became of it."""

    schema: Schema = SCHEMA
    id: Id
    text: Item
    owner: Party
    due: dt.date | None = None
    goal: Id | None = None
    created: dt.date
    status: ActionStatus = "open"
    done: dt.date | None = None
    dropped: dt.date | None = None
    reschedule: list[Reschedule] = field(default_factory=list)


class HealthPulse(Struct, kw_only=True):
    """One party's scores of the relationship on the six pillars, on a day."""

    schema: Schema = SCHEMA
    id: Id
    date: dt.date
    by: Role
    scores: dict[Pillar, Score] = field(default_factory=dict)
    note: Item = ""


class LearningEntry(Struct, kw_only=True):
    """A lesson, resource, skill or reflection, perhaps tied to a relationship."""

    schema: Schema = SCHEMA
    id: Id
    date: dt.date
    kind: LearningKind = "lesson"
    text: Text
    link: Item = ""
    rel: Slug | None = None
    goal: Id | None = None
    tags: list[Line] = field(default_factory=list)


class Interaction(Struct, kw_only=True):
    """A dated contact with someone in the network."""

    date: dt.date
    text: Text


class Contact(Struct, kw_only=True):
    """Someone in the supportive network, how we met, and when to follow up."""

    schema: Schema = SCHEMA
    id: Slug
    name: Line
    role: Line = ""
    org: Line = ""
    via: Line = ""
    rel: Slug | None = None
    notes: Text = ""
    follow_up: dt.date | None = None
    added: dt.date
    interaction: list[Interaction] = field(default_factory=list)


class CheckInEntry(CheckIn, kw_only=True):
    """A check-in as a view lists it, with the relationship whose folder holds it."""

    relationship: str


class GoalEntry(Goal, kw_only=True):
    """A goal as a view lists it, with the relationship whose folder holds it."""

    relationship: str


class ActionEntry(Action, kw_only=True):
    """An action as a view lists it: its relationship, deferrals, and whether it is overdue."""

    relationship: str
    deferrals: int = 0
    overdue: bool = False


class PulseEntry(HealthPulse, kw_only=True):
    """A health pulse as a view lists it, with the relationship whose folder holds it."""

    relationship: str


Entry = CheckInEntry | GoalEntry | ActionEntry | PulseEntry
ENTRY_TYPES: dict[type[Struct], type[Struct]] = {
    CheckIn: CheckInEntry,
    Goal: GoalEntry,
    Action: ActionEntry,
    HealthPulse: PulseEntry,
}
STORED_TYPES = {entry: stored for stored, entry in ENTRY_TYPES.items()}


@overload
def as_entry(record: CheckIn, rel: str) -> CheckInEntry: ...
@overload
def as_entry(record: Goal, rel: str) -> GoalEntry: ...
@overload
def as_entry(record: Action, rel: str) -> ActionEntry: ...
@overload
def as_entry(record: HealthPulse, rel: str) -> PulseEntry: ...
def as_entry(record: CheckIn | Goal | Action | HealthPulse, rel: str) -> Entry:
    """A stored record as views list it: with its relationship (and an action's deferrals)."""
    fields = structs.asdict(record)
    if isinstance(record, Action):
        return ActionEntry(**fields, relationship=rel, deferrals=len(record.reschedule))
    entry: Entry = ENTRY_TYPES[type(record)](**fields, relationship=rel)  # type: ignore[assignment]
    return entry


class RelationshipRecords(Struct, kw_only=True):
    """Everything recorded under one relationship that a view or a summary needs."""

    rel: Relationship
    checkins: list[CheckInEntry] = field(default_factory=list)
    goals: list[GoalEntry] = field(default_factory=list)
    actions: list[ActionEntry] = field(default_factory=list)
    health: list[PulseEntry] = field(default_factory=list)
    agenda: Agenda = field(default_factory=Agenda)
    learning: list[LearningEntry] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)


OPEN_GOAL_STATUSES = ("active", "paused")


def closing_day(record: Goal | Action) -> dt.date | None:
    """The day a goal or action was closed (done, dropped, achieved), None while open or when
    its status names no day."""
    if isinstance(record, Action):
        return {"done": record.done, "dropped": record.dropped}.get(record.status)
    return None if record.status in OPEN_GOAL_STATUSES else record.closed
