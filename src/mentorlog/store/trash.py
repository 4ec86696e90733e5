"""Deleted records in .trash/: listing them, and putting one back where it was."""

import os
import stat
from datetime import datetime
from pathlib import Path

from msgspec import Struct

from mentorlog.core.ids import pick_by_prefix
from mentorlog.errors import UserError
from mentorlog.store import files
from mentorlog.store.journal import TRASH_DIR, Journal, id_from_name
from mentorlog.store.layout import LEARNING_DIR, NETWORK_DIR, REL_KINDS, place_of


class TrashEntry(Struct, kw_only=True):
    """A record in .trash/: where it came from and when it was deleted."""

    id: str
    path: str
    original: str
    deleted: str


def _trashed_id(original: str) -> str:
    """The id a deleted file is restored by: a record's id, a contact's or a relationship's
    slug (`bob`), a relationship's agenda `bob-agenda`."""
    place = place_of(original)
    stem = original.rpartition("/")[2].removesuffix(".toml")
    if place is not None and place.kind == "relationship":
        return str(place.rel)
    if place is not None and place.kind == "agenda":
        return f"{place.rel}-agenda"
    return stem if place is not None and place.kind == NETWORK_DIR else id_from_name(stem)


def trash_entries(journal: Journal) -> list[TrashEntry]:
    """The deleted records, sorted by path, each with the place it was deleted from: the files
    of a real .trash/ alone, never what a link there points to (`files.safe_path`)."""
    trash = files.safe_path(journal.root, journal.root / TRASH_DIR)
    entries = []
    for folder, _, names in os.walk(trash):  # a walk that never enters a linked folder
        for name in names:
            path = Path(folder, name)
            info = path.lstat()
            if not name.endswith(".toml") or not stat.S_ISREG(info.st_mode):
                continue
            relative = path.relative_to(trash)
            stem = name.split(".", 1)[0]
            stamp = datetime.fromtimestamp(info.st_mtime).isoformat(timespec="seconds")
            entries.append(
                TrashEntry(
                    id=_trashed_id(str(relative.with_name(stem + ".toml"))),
                    path=str(path.relative_to(journal.root)),
                    original=str(relative.with_name(stem + ".toml")),
                    deleted=stamp,
                )
            )
    return sorted(entries, key=lambda entry: Path(entry.path))


def restore(journal: Journal, record_id: str) -> TrashEntry:
    """Move the deleted record with this id (or prefix) back where it was, under the lock,
    never over a file that has taken its place since."""
    with journal.writing():
        entry = pick_by_prefix(
            trash_entries(journal), record_id, "deleted record", key=lambda e: e.id
        )
        target = files.safe_path(journal.root, journal.root / entry.original)
        if os.path.lexists(target):
            raise UserError(
                f"{entry.original} exists again; not overwriting it.",
                hint=f"The deleted copy is {entry.path}.",
            )
        _refuse_a_second(journal, entry)
        files.ensure_dir(target.parent, journal.root)
        journal.move(journal.root / entry.path, target)
    return entry


def _refuse_a_second(journal: Journal, entry: TrashEntry) -> None:
    """Ids are unique per kind: a record whose id another file has taken since (the record
    edited onto another day, say, then that undone) is not brought back beside it."""
    place = place_of(entry.original)
    kind = place.kind if place is not None else ""
    if kind in (*REL_KINDS, LEARNING_DIR) and entry.id in journal.taken_ids(kind):
        raise UserError(
            f"A record in {kind}/ has the id {entry.id} already; not bringing back a second "
            "record with it.",
            hint=f"The deleted copy is {entry.path}.",
        )
