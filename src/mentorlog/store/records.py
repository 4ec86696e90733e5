"""Loading the records a view needs, reading only the files it must."""

import bisect
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from mentorlog.core.model import (
    Action,
    Agenda,
    CheckIn,
    Contact,
    Goal,
    HealthPulse,
    LearningEntry,
    Relationship,
    RelationshipRecords,
)
from mentorlog.store.journal import AGENDA_FILE, REL_KINDS, Journal

T = TypeVar("T")


def recent_names(names: list[str], since: date | None) -> list[str]:
    """Date-named files from `since` on, plus the latest one before it (it says when we last met
    and what was planned next); older history is not read."""
    if since is None:
        return names
    cut = since.isoformat()
    split = bisect.bisect_left(names, cut)
    return names[max(0, split - 1) : split] + names[split:]


def load_kind(
    journal: Journal,
    slug: str,
    kind: str,
    cls: type[T],
    problems: list[str],
    since: date | None = None,
    keep: Callable[[dict[str, Any]], bool] | None = None,
) -> list[T]:
    """A relationship's records of one kind, each told which relationship it belongs to.

    `keep` sees each record's raw data (dates as ISO strings) before it becomes an object."""
    folder = journal.kind_dir(slug, kind)
    names = journal.names_in(folder)
    if REL_KINDS[kind]:
        names = recent_names(names, since)
    records = journal.read_folder(
        folder, names, cls, problems, keep=keep, whole_folder=since is None
    )
    for record in records:
        record.relationship = slug  # type: ignore[attr-defined]
    return records


def load_agenda(journal: Journal, slug: str) -> Agenda:
    path = journal.rel_dir(slug) / AGENDA_FILE
    return journal.read(path, Agenda) if path.exists() else Agenda()


def load_learning(
    journal: Journal, problems: list[str], since: date | None = None
) -> list[LearningEntry]:
    folder = journal.root / "learning"
    names = recent_names(journal.names_in(folder), since)
    return journal.read_folder(folder, names, LearningEntry, problems, whole_folder=since is None)


def load_contacts(journal: Journal, problems: list[str]) -> list[Contact]:
    contacts = []
    folder = journal.root / "network"
    for name in journal.names_in(folder):
        # One at a time: a contact's id is its file name, whatever the file says.
        for contact in journal.read_folder(folder, [name], Contact, problems):
            contact.id = name[:-5]
            contacts.append(contact)
    return contacts


def load_bundle(
    journal: Journal,
    rel: Relationship,
    problems: list[str],
    since: date | None = None,
    learning: list[LearningEntry] | None = None,
    contacts: list[Contact] | None = None,
    keep_goals: Callable[[dict[str, Any]], bool] | None = None,
    keep_actions: Callable[[dict[str, Any]], bool] | None = None,
) -> RelationshipRecords:
    """One relationship's records; check-ins before `since` are left unread, and goals and
    actions the view does not need are left as raw data."""
    slug = rel.id
    return RelationshipRecords(
        rel=rel,
        checkins=load_kind(journal, slug, "checkins", CheckIn, problems, since),
        goals=load_kind(journal, slug, "goals", Goal, problems, keep=keep_goals),
        actions=load_kind(journal, slug, "actions", Action, problems, keep=keep_actions),
        health=load_kind(journal, slug, "health", HealthPulse, problems),
        agenda=load_agenda(journal, slug),
        learning=[e for e in learning or [] if e.rel == slug],
        contacts=[c for c in contacts or [] if c.rel == slug],
    )
