"""The derived cache: parsed records and folder listings kept beside the journal, so a review
need not list 26,000 file names nor re-read and re-parse thousands of TOML files.

Derived data only, safe to delete, never synced or exported, and never trusted over the TOML:
each record is keyed by its file's size, modification time and inode, and each listing by its
folder's modification time and inode (which change whenever a file is added, removed or
renamed in it); anything whose key changed is read again. One cache file per record folder,
and for date-named records one per folder and year (`.cache/<folder path>[__<year>].bin`), so a
weekly summary loads the small files it needs and not the notes of ten years of check-ins."""

from __future__ import annotations

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

CACHE_VERSION = 3
# marshal is the format CPython itself keeps in __pycache__: several times faster to load than
# JSON. It is tied to the interpreter, hence the tag: a file with another header is rebuilt.
HEADER = f"mentorlog cache {CACHE_VERSION} {sys.implementation.cache_tag} {marshal.version}\n"
SUFFIX = ".bin"
# File systems stamp times with a coarse clock: a change made soon after a file was read can
# leave its time unchanged. Like git's index, the cache keeps only what was already this old
# when it was read, so such a change can never hide behind an unchanged key.
SETTLED_NS = 2_000_000_000
Key = list[int]


class FolderCache:
    """The cached records of one folder, {file name: [size, mtime_ns, inode, data]}, and its
    listing, [mtime_ns, inode, sorted names joined by slashes]."""

    def __init__(self, cache_file: str) -> None:
        self.cache_file = cache_file
        self.entries: dict[str, list[Any]] = {}
        self.listing: list[Any] = []
        self.dirty = False
        self.settled_before = time.time_ns() - SETTLED_NS
        with contextlib.suppress(OSError, JournalError, ValueError, EOFError, TypeError):
            content = files.read_bytes(cache_file)
            if content.startswith(HEADER.encode()):
                document = marshal.loads(memoryview(content)[len(HEADER) :])
                self.entries = document["entries"]
                self.listing = document["listing"]
        if not isinstance(self.entries, dict) or not isinstance(self.listing, list):
            self.entries, self.listing = {}, []  # not ours: rebuilt as files are read

    def check(
        self, base: str, names: list[str]
    ) -> Iterator[tuple[str, Key | None, dict[str, Any] | None]]:
        """For each file of the folder `base`: its name, and its cached data if the file is
        unchanged, or else its current key (None if it is gone) to store it under once read.
        One stat per file, and nothing else: this runs for thousands of records."""
        entries = self.entries
        for name in names:
            try:
                info = os.stat(base + name, follow_symlinks=False)
            except FileNotFoundError:
                yield name, None, None
                continue
            key = [info.st_size, info.st_mtime_ns, info.st_ino]
            entry = entries.get(name)
            if entry is not None and entry[:3] == key:
                yield name, key, entry[3]
            else:
                yield name, key, None

    def store(self, name: str, key: Key, data: dict[str, Any]) -> None:
        if key[1] < self.settled_before:
            self.entries[name] = [*key, data]
            self.dirty = True

    def prune(self, present: set[str]) -> None:
        for name in set(self.entries) - present:
            del self.entries[name]
            self.dirty = True

    def names(self, folder: os.stat_result) -> str | None:
        """The folder's cached listing (names joined by slashes), if the folder has not changed
        since."""
        if self.listing[:2] == [folder.st_mtime_ns, folder.st_ino]:
            names: str = self.listing[2]
            return names
        return None

    def store_names(self, folder: os.stat_result, names: str) -> None:
        if folder.st_mtime_ns < self.settled_before:
            self.listing = [folder.st_mtime_ns, folder.st_ino, names]
            self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        # Another process may be saving the same derived file; either copy is correct, and a
        # copy lost in a crash is rebuilt, so it is not worth an fsync.
        with contextlib.suppress(OSError, JournalError, ValueError):
            document = marshal.dumps({"entries": self.entries, "listing": self.listing})
            files.atomic_write(Path(self.cache_file), HEADER.encode() + document, durable=False)
        self.dirty = False


def cache_file_for(root: str, base: str, year: str = "") -> str:
    """`.cache/relationships__ada__goals.bin` for the folder `base` (which ends with a
    separator) under `root`; plain strings, as this runs for every folder a view reads."""
    relative = base[len(root) :].strip(os.sep).replace(os.sep, "__") or "_root"
    return os.path.join(root, ".cache", f"{relative}{'__' + year if year else ''}{SUFFIX}")


def plain(data: dict[str, Any]) -> dict[str, Any]:
    """Raw TOML data in the cache's form: dates and times as ISO strings (the codec reads
    both), so fresh and cached data look the same to the filters that run before parsing."""
    converted: dict[str, Any] = to_json_data(data)
    return converted
