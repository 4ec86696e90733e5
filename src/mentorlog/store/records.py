"""Loading the records a view needs, reading only the files it must."""

import bisect
import os
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, TypeVar

from mentorlog.core.health import has_latest
from mentorlog.core.model import (
    Action,
    Agenda,
    CheckIn,
    Contact,
    Goal,
    HealthPulse,
    LearningEntry,
    RecordFilter,
    Relationship,
    RelationshipRecords,
)
from mentorlog.store.journal import AGENDA_FILE, ALWAYS_DATED, Journal

T = TypeVar("T")


def recent_names(names: list[str], since: date | None) -> list[str]:
    """Date-named files from `since` on, plus the latest one before it (it says when we last met
    and what was planned next); older history is not read."""
    if since is None:
        return names
    cut = since.isoformat()
    split = bisect.bisect_left(names, cut)
    return names[max(0, split - 1) : split] + names[split:]


def open_or_since(names: list[str], since: date | None) -> list[str]:
    """Goal or action files of records still open (named by id) or closed from `since` on
    (named by that date): in sorted order every id comes after every date, as ids hold
    neither 0 nor 1, so those closed earlier are one run at the front, passed over unread."""
    if since is None:
        return names
    return names[bisect.bisect_left(names, since.isoformat()) :]


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

    `since` leaves older history unread (see recent_names and open_or_since); `keep` sees
    each record's raw data (dates as ISO strings) before it becomes an object."""
    folder = journal.in_rel(slug, kind)
    names = journal.names_in(folder)
    names = (recent_names if kind in ALWAYS_DATED else open_or_since)(names, since)
    records = journal.read_folder(
        folder, names, cls, problems, keep=keep, whole_folder=since is None
    )
    for record in records:
        record.relationship = slug  # type: ignore[attr-defined]
    return records


def _load_filtered(
    journal: Journal,
    slug: str,
    kind: str,
    cls: type[T],
    problems: list[str],
    only: RecordFilter | None,
) -> list[T]:
    if only is None:
        return load_kind(journal, slug, kind, cls, problems)
    return load_kind(journal, slug, kind, cls, problems, only.since, only.keep)


def latest_pulses(
    journal: Journal, slug: str, problems: list[str], as_of: date, batch: int = 4
) -> list[HealthPulse]:
    """The pulses a health summary compares, read newest first (file names start with the
    date) until each party's latest two up to `as_of` are in: years of monthly pulses stay
    unread. A party that never gave two means reading them all."""
    folder = journal.in_rel(slug, "health")
    names = journal.names_in(folder)
    end = bisect.bisect_left(names, (as_of + timedelta(days=1)).isoformat())
    pulses: list[HealthPulse] = []
    while end > 0 and not has_latest(pulses, as_of):
        start = max(0, end - batch)
        pulses = journal.read_folder(folder, names[start:end], HealthPulse, problems) + pulses
        end = start
    for pulse in pulses:
        pulse.relationship = slug
    return pulses


def load_agenda(journal: Journal, slug: str) -> Agenda:
    path = journal.in_rel(slug, AGENDA_FILE)
    return journal.read(path, Agenda) if os.path.exists(path) else Agenda()


def load_learning(
    journal: Journal, problems: list[str], since: date | None = None
) -> list[LearningEntry]:
    folder = journal.root / "learning"
    names = recent_names(journal.names_in(folder), since)
    return journal.read_folder(folder, names, LearningEntry, problems, whole_folder=since is None)


def load_contacts(journal: Journal, problems: list[str]) -> list[Contact]:
    folder = journal.root / "network"
    named = journal.read_named(folder, journal.names_in(folder), Contact, problems)
    for name, contact in named:
        contact.id = name[:-5]  # a contact's id is its file name, whatever the file says
    return [contact for _, contact in named]


def load_bundle(
    journal: Journal,
    rel: Relationship,
    problems: list[str],
    since: date | None = None,
    learning: list[LearningEntry] | None = None,
    contacts: list[Contact] | None = None,
    goals: RecordFilter | None = None,
    actions: RecordFilter | None = None,
    as_of: date | None = None,
) -> RelationshipRecords:
    """One relationship's records; check-ins before `since` are left unread, and so are the
    goals and actions the filters pass over, and with `as_of` the health pulses older than each
    party's latest two."""
    slug = rel.id
    return RelationshipRecords(
        rel=rel,
        checkins=load_kind(journal, slug, "checkins", CheckIn, problems, since),
        goals=_load_filtered(journal, slug, "goals", Goal, problems, goals),
        actions=_load_filtered(journal, slug, "actions", Action, problems, actions),
        health=(
            latest_pulses(journal, slug, problems, as_of)
            if as_of
            else load_kind(journal, slug, "health", HealthPulse, problems)
        ),
        agenda=load_agenda(journal, slug),
        learning=[e for e in learning or [] if e.rel == slug],
        contacts=[c for c in contacts or [] if c.rel == slug],
    )
