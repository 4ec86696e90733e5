"""The derived cache: parsed records kept beside the journal so a review need not re-read
and re-parse thousands of TOML files.

Derived data only, safe to delete, never synced or exported, and never trusted over the TOML:
each entry is keyed by the file's size, modification time and inode, and a file whose key
changed (a hand edit, a sync, another device) is read again. One cache file per record folder
(`.cache/<folder path>.json`), so a weekly summary loads the small folders it needs and not
the notes of ten years of check-ins."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from mentorlog.core.codec import to_json_data
from mentorlog.errors import JournalError
from mentorlog.store import files

CACHE_VERSION = 1
Key = list[int]


def file_key(path: str) -> Key | None:
    """What identifies a version of a file: size, modification time (ns) and inode."""
    try:
        info = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


class FolderCache:
    """The cached records of one folder: {file name: [size, mtime_ns, inode, data]}."""

    def __init__(self, cache_file: Path) -> None:
        self.cache_file = cache_file
        self.entries: dict[str, list[Any]] = {}
        self.dirty = False
        try:
            document = json.loads(files.read_bytes(cache_file))
            if document.get("version") == CACHE_VERSION and isinstance(
                document.get("entries"), dict
            ):
                self.entries = document["entries"]
        except (OSError, ValueError, AttributeError, JournalError):
            self.entries = {}  # missing, unreadable or foreign: rebuilt as files are read

    def lookup(self, name: str, key: Key) -> dict[str, Any] | None:
        entry = self.entries.get(name)
        if entry is not None and entry[:3] == key:
            data: dict[str, Any] = entry[3]
            return data
        return None

    def store(self, name: str, key: Key, data: dict[str, Any]) -> None:
        self.entries[name] = [*key, data]
        self.dirty = True

    def prune(self, present: set[str]) -> None:
        for name in set(self.entries) - present:
            del self.entries[name]
            self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        # Another process may be saving the same derived file; either copy is correct.
        with contextlib.suppress(OSError, JournalError):
            files.atomic_write(
                self.cache_file, json.dumps({"version": CACHE_VERSION, "entries": self.entries})
            )
        self.dirty = False


def cache_file_for(root: Path, folder: Path, year: str = "") -> Path:
    relative = folder.relative_to(root).as_posix().replace("/", "__")
    if relative in ("", "."):
        relative = "_root"
    return root / ".cache" / f"{relative}{'__' + year if year else ''}.json"


def plain(data: dict[str, Any]) -> dict[str, Any]:
    """Raw TOML data in the cache's JSON form: dates and times as ISO strings (the codec reads
    both), so fresh and cached data look the same to the filters that run before parsing."""
    converted: dict[str, Any] = to_json_data(data)
    return converted
