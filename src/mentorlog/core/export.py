"""The export document: the whole journal (or one relationship's part) as one value, which
`export` writes as JSON or Markdown and `import` reads back."""

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from msgspec import Struct, structs

from mentorlog.core.model import (
    SCHEMA,
    Action,
    Agenda,
    CheckIn,
    Contact,
    Goal,
    HealthPulse,
    LearningEntry,
    Relationship,
)

T = TypeVar("T", bound=CheckIn)

EXPORT_KIND = "mentorlog.export"
EXPORT_VERSION = 1


class RelationshipExport(Struct, kw_only=True):
    """One relationship and all its records, as exported."""

    relationship: Relationship
    agenda: Agenda
    checkins: Sequence[CheckIn]
    goals: Sequence[Goal]
    actions: Sequence[Action]
    health: Sequence[HealthPulse]


class JournalExport(Struct, kw_only=True):
    """The whole journal (or one relationship's part), every record and every field."""

    kind: str = EXPORT_KIND
    version: int = EXPORT_VERSION
    schema: int = SCHEMA
    exported: date
    owner: str
    private_included: bool
    relationships: list[RelationshipExport]
    learning: list[LearningEntry]
    network: list[Contact]


# What a private check-in keeps out of exports and Markdown, in the words of the help of
# `--private` and `--include-private`.
PRIVATE_WITHHELD = "summary, topics, feedback given and received, concerns, learned and notes"


def withhold_private(checkin: T) -> T:
    """A private check-in as it leaves the journal (an export, a Markdown view): the fact of it
    (its date, length, mode, rating, next date), not what was written in it."""
    if not checkin.private:
        return checkin
    return structs.replace(
        checkin,
        summary="",
        topics=[],
        feedback_given=[],
        feedback_received=[],
        concerns=[],
        learned=[],
        notes="",
    )
