"""Deleted records in .trash/: listing them, and putting one back where it was."""

import os
from datetime import datetime

from msgspec import Struct

from mentorlog.core.ids import pick_by_prefix
from mentorlog.errors import UserError
from mentorlog.store import files
from mentorlog.store.journal import TRASH_DIR, Journal


class TrashEntry(Struct, kw_only=True):
    """A record in .trash/: where it came from and when it was deleted."""

    id: str
    path: str
    original: str
    deleted: str


def trash_entries(journal: Journal) -> list[TrashEntry]:
    """The deleted records, sorted by path, each with the place it was deleted from."""
    trash = journal.root / TRASH_DIR
    entries = []
    for path in sorted(trash.rglob("*.toml")) if trash.is_dir() else []:
        relative = path.relative_to(trash)
        stem = relative.name.split(".", 1)[0]
        original = relative.with_name(stem + ".toml")
        stamp = datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec="seconds")
        entries.append(
            TrashEntry(
                id=stem.rsplit("-", 1)[-1],
                path=str(path.relative_to(journal.root)),
                original=str(original),
                deleted=stamp,
            )
        )
    return entries


def restore(journal: Journal, record_id: str) -> TrashEntry:
    """Move the deleted record with this id (or prefix) back where it was, under the lock,
    never over a file that has taken its place since."""
    with journal.writing():
        entry = pick_by_prefix(
            trash_entries(journal), record_id, "deleted record", key=lambda e: e.id
        )
        target = journal.root / entry.original
        if target.exists():
            raise UserError(
                f"{entry.original} exists again; not overwriting it.",
                hint=f"The deleted copy is {entry.path}.",
            )
        files.ensure_dir(target.parent)
        os.replace(journal.root / entry.path, target)
        files.fsync_dir(target.parent)
        journal.index.fresh = False
    return entry
