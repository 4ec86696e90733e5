"""Loading the records a view needs, reading only the files it must."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TypeVar

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


def toml_files(folder: Path) -> list[Path]:
    """The record files of a folder, sorted by name (so dated ones are in date order)."""
    if folder.is_symlink() or not folder.is_dir():
        return []  # a linked folder is never followed (doctor reports it)
    names = sorted(
        entry.name
        for entry in os.scandir(folder)
        if entry.name.endswith(".toml") and not entry.name.startswith(".")
    )
    return [folder / name for name in names]


def dated_files(folder: Path, since: date | None) -> list[Path]:
    """Date-named files from `since` on, plus the latest one before it (it says when we last met
    and what was planned next); older history is not read."""
    paths = toml_files(folder)
    if since is None:
        return paths
    cut = since.isoformat()
    recent = [path for path in paths if path.name[:10] >= cut]
    older = [path for path in paths if path.name[:10] < cut]
    return older[-1:] + recent


def load_kind(
    journal: Journal,
    slug: str,
    kind: str,
    cls: type[T],
    problems: list[str],
    since: date | None = None,
) -> list[T]:
    """A relationship's records of one kind, each told which relationship it belongs to."""
    folder = journal.kind_dir(slug, kind)
    paths = dated_files(folder, since) if REL_KINDS[kind] else toml_files(folder)
    records = journal.read_many(paths, cls, problems)
    for record in records:
        record.relationship = slug  # type: ignore[attr-defined]
    return records


def load_agenda(journal: Journal, slug: str) -> Agenda:
    path = journal.rel_dir(slug) / AGENDA_FILE
    return journal.read(path, Agenda) if path.exists() else Agenda()


def load_learning(
    journal: Journal, problems: list[str], since: date | None = None
) -> list[LearningEntry]:
    return journal.read_many(dated_files(journal.root / "learning", since), LearningEntry, problems)


def load_contacts(journal: Journal, problems: list[str]) -> list[Contact]:
    contacts = []
    for path in toml_files(journal.root / "network"):
        for contact in journal.read_many([path], Contact, problems):
            contact.id = path.stem
            contacts.append(contact)
    return contacts


def load_bundle(
    journal: Journal,
    rel: Relationship,
    problems: list[str],
    since: date | None = None,
    learning: list[LearningEntry] | None = None,
    contacts: list[Contact] | None = None,
) -> RelationshipRecords:
    """One relationship's records; check-ins and pulses before `since` are left unread."""
    slug = rel.id
    return RelationshipRecords(
        rel=rel,
        checkins=journal.read_many(
            dated_files(journal.kind_dir(slug, "checkins"), since), CheckIn, problems
        ),
        goals=journal.read_many(toml_files(journal.kind_dir(slug, "goals")), Goal, problems),
        actions=journal.read_many(toml_files(journal.kind_dir(slug, "actions")), Action, problems),
        health=journal.read_many(
            toml_files(journal.kind_dir(slug, "health")), HealthPulse, problems
        ),
        agenda=load_agenda(journal, slug),
        learning=[e for e in learning or [] if e.rel == slug],
        contacts=[c for c in contacts or [] if c.rel == slug],
    )
