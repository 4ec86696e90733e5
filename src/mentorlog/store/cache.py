"""The derived cache: parsed records and folder listings kept beside the journal, so a review
need not list 26,000 file names nor re-read and re-parse thousands of TOML files.

Derived data only, safe to delete, never synced or exported, and never trusted over the TOML:
each record is keyed by its file's size, modification time and inode, and each listing by its
folder's modification time and inode (which change whenever a file is added, removed or
renamed in it); anything whose key changed is read again.

A relationship's records are cached in two kinds of file: its undated records (the relationship,
its agenda, its open goals and actions) with the listings of its folders; and its dated ones
(check-ins, health pulses, closed goals and actions), one file per year of their names' dates.
A weekly summary so opens two or three files per relationship, and not ten years of notes,
pulses and closed commitments. Other folders have a file each, by year if date-named."""

import contextlib
import marshal
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mentorlog.core.codec import to_json_data
from mentorlog.errors import JournalError
from mentorlog.store import files

CACHE_VERSION = 4
# marshal is the format CPython itself keeps in __pycache__: several times faster to load than
# JSON. It is tied to the interpreter, hence the tag: a file with another header is rebuilt.
HEADER = f"mentorlog cache {CACHE_VERSION} {sys.implementation.cache_tag} {marshal.version}\n"
SUFFIX = ".bin"
# File systems stamp times with a coarse clock: a change made soon after a file was read can
# leave its time unchanged. Like git's index, the cache keeps only what was already this old
# when it was read, so such a change can never hide behind an unchanged key.
SETTLED_NS = 2_000_000_000
Key = list[int]


class CacheUnit:
    """One cache file: the records of one or more folders, {key: [size, mtime_ns, inode,
    data]}, and their listings, {folder: [mtime_ns, inode, sorted names joined by slashes]}.
    A key is the file's name after its folder's part (`goals/k3m9p.toml`)."""

    def __init__(self, cache_file: str) -> None:
        self.cache_file = cache_file
        self.entries: dict[str, list[Any]] = {}
        self.listings: dict[str, list[Any]] = {}
        self.present: dict[str, set[str]] = {}
        self.dirty = False
        self.settled_before = time.time_ns() - SETTLED_NS
        with contextlib.suppress(OSError, JournalError, ValueError, EOFError, TypeError, KeyError):
            content = files.read_bytes(cache_file)
            if content.startswith(HEADER.encode()):
                document = marshal.loads(memoryview(content)[len(HEADER) :])
                self.entries = document["entries"]
                self.listings = document["listings"]
        if not _well_formed(self.entries, 4) or not _well_formed(self.listings, 3):
            self.entries, self.listings = {}, {}  # not ours: rebuilt as files are read

    def check(
        self, base: str, part: str, names: list[str]
    ) -> Iterator[tuple[str, Key | None, dict[str, Any] | None]]:
        """For each file of the folder `base` (whose part in this unit is `part`): its name,
        and either its cached data if the file is unchanged, or its current key to store it
        under once read (None if the file is gone). One stat per file and little else: this
        runs for thousands of records."""
        entries = self.entries
        with _folder_fd(base, len(names)) as folder:
            for name in names:
                try:
                    info = (
                        os.stat(name, dir_fd=folder, follow_symlinks=False)
                        if folder is not None
                        else os.stat(base + name, follow_symlinks=False)
                    )
                except FileNotFoundError:
                    yield name, None, None
                    continue
                entry = entries.get(part + name)
                if (
                    entry is not None
                    and entry[1] == info.st_mtime_ns
                    and entry[0] == info.st_size
                    and entry[2] == info.st_ino
                ):
                    yield name, None, entry[3]  # no key: nothing to store
                else:
                    yield name, [info.st_size, info.st_mtime_ns, info.st_ino], None

    def store(self, key_name: str, key: Key, data: dict[str, Any]) -> None:
        if key[1] < self.settled_before:
            self.entries[key_name] = [*key, data]
            self.dirty = True

    def prune(self, part: str, present: set[str]) -> None:
        """Forget, when this unit is next saved, the records of folder `part` whose files are
        not in `present` (until then they are harmless: nothing asks for them)."""
        self.present[part] = present

    def _forget_gone(self) -> None:
        for part, present in self.present.items():
            for key_name in [k for k in self.entries if k.startswith(part)]:
                rest = key_name[len(part) :]
                if "/" not in rest and rest not in present:
                    del self.entries[key_name]

    def names(self, part: str, folder: os.stat_result) -> str | None:
        """A folder's cached listing (names joined by slashes), if it has not changed since."""
        listing = self.listings.get(part)
        if listing is not None and listing[:2] == [folder.st_mtime_ns, folder.st_ino]:
            names: str = listing[2]
            return names
        return None

    def store_names(self, part: str, folder: os.stat_result, names: str) -> None:
        if folder.st_mtime_ns < self.settled_before:
            self.listings[part] = [folder.st_mtime_ns, folder.st_ino, names]
            self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        self._forget_gone()
        # Another process may be saving the same derived file; either copy is correct, and a
        # copy lost in a crash is rebuilt, so it is not worth an fsync.
        with contextlib.suppress(OSError, JournalError, ValueError):
            document = marshal.dumps({"entries": self.entries, "listings": self.listings})
            files.atomic_write(Path(self.cache_file), HEADER.encode() + document, durable=False)
        self.dirty = False


def _well_formed(table: object, width: int) -> bool:
    """A table of the cache's shape: names to lists of `width` items."""
    return isinstance(table, dict) and all(
        type(row) is list and len(row) == width for row in table.values()
    )


# Opening a folder costs about what walking its path for three stats does.
FOLDER_FD_FROM = 4


@contextlib.contextmanager
def _folder_fd(base: str, files_to_stat: int) -> Iterator[int | None]:
    """The folder open, so that each stat names a file in it rather than walking the whole
    path again; None for a few files, or where it cannot be opened (the stats then say what
    is missing)."""
    if files_to_stat < FOLDER_FD_FROM:
        yield None
        return
    try:
        fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        yield None
        return
    try:
        yield fd
    finally:
        os.close(fd)


def cache_file_for(root: str, base: str, part: str = "") -> str:
    """`.cache/relationships__ada__2026.bin` for the folder `base` (which ends with a
    separator) under `root`, and a part of it; plain strings, as this runs for every folder a
    view reads."""
    relative = base[len(root) :].strip(os.sep).replace(os.sep, "__") or "_root"
    return os.path.join(root, ".cache", f"{relative}{'__' + part if part else ''}{SUFFIX}")


def plain(data: dict[str, Any]) -> dict[str, Any]:
    """Raw TOML data in the cache's form: dates and times as ISO strings (the codec reads
    both), so fresh and cached data look the same to the filters that run before parsing."""
    converted: dict[str, Any] = to_json_data(data)
    return converted
