"""The index: a derived SQLite database in `.cache/` holding every record's decoded form, the
columns reviews select on, and the full text people wrote (FTS5) for `search`.

Files are the truth and the index is never written back to them. Before a command reads
through it, the index is brought up to date as git's index is: a file is read again when its
size, mtime, ctime or inode changed (ctime catches an in-place edit that put the old mtime
back, or `cp -p` over a file); a folder whose files all kept theirs is passed over with one
comparison. Missing, corrupt, or written by another version of mentorlog: rebuilt. Where it
cannot be written (a read-only journal, another process holding it), it is built in memory.

Sealed values (store/crypt.py) are opened as each file is read: with the identity the index
holds their text, without it the placeholder, never both: its meta records which (`reader`),
and a change of identity rebuilds it."""

from __future__ import annotations

import contextlib
import marshal
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from mentorlog import __version__
from mentorlog.core.model import (
    Action,
    ActionEntry,
    Agenda,
    CheckIn,
    CheckInEntry,
    Contact,
    FileProblem,
    Goal,
    GoalEntry,
    HealthPulse,
    LearningEntry,
    PulseEntry,
    Relationship,
    as_entry,
    closing_day,
)
from mentorlog.core.search import KIND_WORDS, SEARCHED, hit_date, searched_fields
from mentorlog.errors import JournalError, MentorlogError, UserError
from mentorlog.store import files
from mentorlog.store.convert import RecordError, line_of, to_record
from mentorlog.store.crypt import Opener, opened
from mentorlog.store.layout import (
    AGENDA_FILE,
    CACHE_DIR,
    LEARNING_DIR,
    NETWORK_DIR,
    REL_DIR,
    REL_FILE,
    REL_KINDS,
    place_of,
)

if TYPE_CHECKING:
    import sqlite3  # imported where used: write commands never open the index

T = TypeVar("T")
INDEX_FILE = "index.sqlite"
# Bumped whenever what a row holds changes; with mentorlog's version, a mismatch rebuilds.
INDEX_FORMAT = 6
# A file changed this recently may change again within the file system's clock tick without
# its stats showing it (git's "racily clean" entries): it is read again next time.
SETTLED_NS = 2_000_000_000
# Agreement items and other parts of one record get full-text rows numbered within it.
PARTS = 1024
PROGRESS_AFTER_S = 1.0
# Search reads this much of a record's text: FTS5's snippets slow down sharply within one
# huge text, and no note a person types is this long.
INDEXED_TEXT = 200_000

# A relationship's folders of records (layout.REL_KINDS): their stored type and the view type
# views list.
KIND_TYPES: dict[str, tuple[type[Any], type[Any]]] = {
    "checkins": (CheckIn, CheckInEntry),
    "goals": (Goal, GoalEntry),
    "actions": (Action, ActionEntry),
    "health": (HealthPulse, PulseEntry),
}
TOP_KINDS: dict[str, type[Any]] = {LEARNING_DIR: LearningEntry, NETWORK_DIR: Contact}
REL_FILES: dict[str, tuple[str, type[Any]]] = {
    REL_FILE: ("relationship", Relationship),
    AGENDA_FILE: ("agenda", Agenda),
}
# The type an index row of each kind decodes to.
VIEW_TYPES: dict[str, type[Any]] = {
    **{kind: view for kind, (_, view) in KIND_TYPES.items()},
    **TOP_KINDS,
    **dict(REL_FILES.values()),
}

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE folder(folder TEXT PRIMARY KEY, stats BLOB);
CREATE TABLE record(
    rowid INTEGER PRIMARY KEY,
    folder TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    rel TEXT,
    id TEXT NOT NULL,
    day TEXT,
    due TEXT,
    hit TEXT,
    stats BLOB,
    data BLOB,
    problem BLOB,
    twin TEXT,  -- the file whose id this record's repeats (its problem says so)
    UNIQUE (folder, name)
);
CREATE INDEX record_kind ON record(kind, rel, day);
CREATE VIRTUAL TABLE fulltext USING fts5(
    body, item UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);
"""

_encoder = msgspec.msgpack.Encoder()


def id_from_name(name: str) -> str:
    """The id in a record's file name: `2026-11-26-k3m9p.toml` or `k3m9p.toml`."""
    stem = name[:-5] if name.endswith(".toml") else name
    return stem[stem.rfind("-") + 1 :]


class Row(msgspec.Struct):
    """A record's row as a refresh writes it (in the order of the table's columns)."""

    kind: str
    rel: str | None
    id: str
    day: str | None
    due: str | None
    hit: str | None  # the day search shows and filters a hit by (core.search.hit_date)
    data: bytes | None
    problem: bytes | None  # a FileProblem, encoded
    texts: list[tuple[str, str]]  # (item id or "", body) for the full-text table


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def problem_of(error: MentorlogError | OSError, shown: str, content: bytes = b"") -> FileProblem:
    """A file's read error as its problem: the file, the line and the reason kept apart (a
    value's line found from its key in the file's `content`)."""
    if isinstance(error, files.ParseError):
        return FileProblem(file=shown, line=error.line, column=error.column, message=error.reason)
    if isinstance(error, OSError):
        return FileProblem(file=shown, message=f"{error.strerror or error}.")
    message = error.message.removeprefix(shown).removeprefix(":").strip()
    key = error.key if isinstance(error, RecordError) else None
    line = line_of(content.decode("utf-8", "replace"), key) if key else None
    return FileProblem(file=shown, line=line, message=message.rstrip(".") + ".")


def decode_file(
    root: str, folder: str, name: str, kind: str, rel: str | None, opener: Opener | None
) -> Row:
    """Read and convert one file into its row, its sealed values opened by `opener` (or made
    placeholders); a file that cannot be read, opened or converted is a row with a problem
    (file, line, key), never a failed command."""
    shown = f"{folder}/{name}"
    content = b""
    try:
        content = files.read_bytes(os.path.join(root, folder, name))
        data = files.parse_toml(os.path.join(root, folder, name), content, shown)
        return _row(kind, rel, name, opened(data, opener))
    except (JournalError, UserError, OSError) as error:
        problem = _encoder.encode(problem_of(error, shown, content))
    return Row(kind, rel, id_from_name(name), None, None, None, None, problem, [])


def holds_a_valid_record(path: str, data: dict[str, Any]) -> bool:
    """Whether a file's parsed data (its path relative to the journal) is a record every rule
    accepts, as the index would read it; a file that is no record passes."""
    place = place_of(path)
    if place is None:
        return True
    try:
        _row(place.kind, place.rel, path.rpartition("/")[2], opened(data, None))
    except (JournalError, UserError):
        return False
    return True


def _row(kind: str, rel: str | None, name: str, data: dict[str, Any]) -> Row:
    """The row of a parsed file: its view, its columns and its searchable text."""
    texts: list[tuple[str, str]] = []
    day: date | None = None
    due: date | None = None
    if kind in ("relationship", "agenda"):
        record_id = rel or ""
        if kind == "relationship":  # its id is the folder's name, whatever the file says
            data = {**data, "id": record_id}
        record: Any = to_record(REL_FILES[name][1], data)
        if kind == "relationship":
            texts = [(item.id, item.text) for item in record.agreement.item]
    elif kind in KIND_TYPES:
        record_id = id_from_name(name)
        if not record_id:
            raise UserError("the file name holds no id (mentorlog names records <date>-<id>.toml)")
        stored = to_record(KIND_TYPES[kind][0], {**data, "id": record_id})
        if isinstance(stored, Action):
            day, due = closing_day(stored), stored.due
        elif isinstance(stored, Goal):
            day = closing_day(stored)
        else:
            day = stored.date
        record = as_entry(stored, rel or "")
    else:
        record_id = id_from_name(name) if kind == LEARNING_DIR else name[:-5]
        record = to_record(TOP_KINDS[kind], {**data, "id": record_id})
        day = getattr(record, "date", None)
        due = getattr(record, "follow_up", None)
        rel = getattr(record, "rel", None)
    if kind in SEARCHED:
        body = "\n".join(text for _, text in searched_fields(kind, record))
        texts = [("", body[:INDEXED_TEXT])] if body else []
    word = KIND_WORDS.get(kind, "")
    hit = hit_date(word, record) if word and kind != "relationship" else None
    return Row(
        kind, rel, record_id, _iso(day), _iso(due), _iso(hit), _encoder.encode(record), None, texts
    )


class Index:
    """The index of one journal, brought up to date with its files on first use."""

    def __init__(self, root: str, opener: Opener) -> None:
        self.root = root
        self.opener = opener
        self.db: sqlite3.Connection | None = None
        self.fresh = False

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def answer(self, ask: Callable[[sqlite3.Connection], T]) -> T:
        """What `ask` reads from the index; an index found damaged while reading (a page or
        a stored row that does not decode) is dropped and rebuilt, and asked again."""
        import sqlite3

        try:
            return ask(self.connection())
        except (sqlite3.DatabaseError, msgspec.DecodeError, msgspec.ValidationError):
            self.close()
            self._remove_files()
            self.fresh = False
            return ask(self.connection())

    def _remove_files(self) -> None:
        path = os.path.join(self.root, CACHE_DIR, INDEX_FILE)
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(path + suffix)

    # -- opening --------------------------------------------------------------------------

    def connection(self) -> sqlite3.Connection:
        """The database, up to date with the files."""
        import sqlite3

        if self.db is None or not self.fresh:
            if self.db is None:
                self.db = self._open()
            try:
                self._refresh(self.db)
            except sqlite3.Error:
                # Locked past the busy timeout, read-only, or damaged mid-way: this run builds
                # its own copy in memory, which is as correct (only slower).
                self.db.close()
                self.db = self._create(sqlite3.connect(":memory:"))
                self._refresh(self.db)
            self.fresh = True
        return self.db

    def _open(self) -> sqlite3.Connection:
        """The index file if it is one this version wrote; else a new one in its place; else
        (a read-only journal) one in memory."""
        import sqlite3

        cache_dir = os.path.join(self.root, CACHE_DIR)
        path = os.path.join(cache_dir, INDEX_FILE)
        try:
            files.ensure_dir(Path(cache_dir))
        except (OSError, JournalError):
            return self._create(sqlite3.connect(":memory:"))
        with contextlib.suppress(sqlite3.Error, OSError, JournalError):
            db = self._connect(path)
            if self._current(db, self.opener.mode()):
                return db
            db.close()
        self._remove_files()  # corrupt, foreign, or another version's
        try:
            return self._create(self._connect(path))
        except (sqlite3.Error, OSError, JournalError):
            return self._create(sqlite3.connect(":memory:"))

    @staticmethod
    def _connect(path: str) -> sqlite3.Connection:
        import sqlite3

        if os.path.islink(path):
            raise JournalError(f"{path} is a symbolic link; mentorlog does not follow links.")
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, files.FILE_MODE)
        try:  # it holds private notes: private whatever made it
            os.fchmod(fd, files.FILE_MODE)
            os.chmod(os.path.dirname(path), files.DIR_MODE)
        finally:
            os.close(fd)
        db = sqlite3.connect(path, timeout=5.0, isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = OFF")  # derived data: a crash means a rebuild
        return db

    @staticmethod
    def _current(db: sqlite3.Connection, reader: str) -> bool:
        """Whether the database is an index this version of mentorlog wrote, with the same
        identity (or none), and sound."""
        import sqlite3

        try:
            found = dict(db.execute("SELECT key, value FROM meta").fetchall())
            tables = db.execute(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('folder', 'record', 'fulltext')"
            ).fetchone()
        except sqlite3.Error:
            return False
        return (
            found.get("format") == str(INDEX_FORMAT)
            and found.get("version") == __version__
            and found.get("reader") == reader
            and tables == (3,)
        )

    def _create(self, db: sqlite3.Connection) -> sqlite3.Connection:
        db.isolation_level = None
        db.executescript(SCHEMA)
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("format", str(INDEX_FORMAT)),
                ("version", __version__),
                ("reader", self.opener.mode()),
            ],
        )
        return db

    # -- bringing it up to date ----------------------------------------------------------

    def _folders(self) -> Iterator[tuple[str, str, str | None]]:
        """(folder relative to the root, kind or "" for a relationship's own folder, slug)."""
        base = os.path.join(self.root, REL_DIR)
        for slug in sorted(files.listing(base, folders_only=True)):
            yield f"{REL_DIR}/{slug}", "", slug
            for kind in REL_KINDS:
                yield f"{REL_DIR}/{slug}/{kind}", kind, slug
        for kind in TOP_KINDS:
            yield kind, kind, None

    def _refresh(self, db: sqlite3.Connection) -> None:
        settled = time.time_ns() - SETTLED_NS
        known = dict(db.execute("SELECT folder, stats FROM folder").fetchall())
        changed: list[tuple[str, str | None, list[Any]]] = []
        seen: dict[str, bytes | None] = {}
        for folder, kind, slug in self._folders():
            listing, signature = _listing(os.path.join(self.root, folder), kind, settled)
            seen[folder] = signature
            if signature is None or known.get(folder) != signature:
                changed.append((folder, slug, listing))
        gone = [folder for folder in known if folder not in seen]
        if not changed and not gone:
            return
        # Another process may be refreshing too: take the write lock, then look again, so
        # that each change is indexed once.
        db.execute("BEGIN IMMEDIATE")
        try:
            self._apply(db, seen, changed)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _apply(
        self,
        db: sqlite3.Connection,
        seen: dict[str, bytes | None],
        changed: list[tuple[str, str | None, list[Any]]],
    ) -> None:
        """Read the files whose stats changed, drop the rows of files and folders gone."""
        known = dict(db.execute("SELECT folder, stats FROM folder").fetchall())
        changed = [c for c in changed if seen[c[0]] is None or known.get(c[0]) != seen[c[0]]]
        gone = [folder for folder in known if folder not in seen]
        todo: list[tuple[str, str, str, str | None, bytes | None]] = []
        stale: list[int] = []
        for folder, slug, listing in changed:
            rows = {
                name: (rowid, stats)
                for rowid, name, stats in db.execute(
                    "SELECT rowid, name, stats FROM record WHERE folder = ?", (folder,)
                )
            }
            for name, file_kind, stats in _files(listing):
                current = rows.pop(name, None)
                if current is None or stats is None or current[1] != stats:
                    todo.append((folder, name, file_kind, slug, stats))
                    if current is not None:
                        stale.append(current[0])
            stale += [rowid for rowid, _ in rows.values()]
        for folder in gone:
            stale += [
                rowid
                for (rowid,) in db.execute("SELECT rowid FROM record WHERE folder = ?", (folder,))
            ]
        for rowid in stale:
            _delete(db, rowid)
        db.executemany("DELETE FROM folder WHERE folder = ?", [(f,) for f in gone])
        for folder, name, kind, slug, stats in _with_progress(todo):
            row = decode_file(self.root, folder, name, kind, slug, self.opener)
            _insert(db, folder, name, stats, row)
        db.executemany(
            "INSERT OR REPLACE INTO folder VALUES (?, ?)",
            [(folder, seen[folder]) for folder, *_ in changed],
        )
        _mark_twins(db)


# Ids are unique within a journal, per kind (a hand-made copy, or a file another device renamed,
# can repeat one): the first file by path keeps the id; each other one is a problem.
_TWINS = """
SELECT rowid, folder, name, id, first FROM (
    SELECT rowid, folder, name, id, row_number() OVER same AS n,
        first_value(folder || '/' || name) OVER same AS first
    FROM record WHERE problem IS NULL AND kind NOT IN ('relationship', 'agenda')
    WINDOW same AS (PARTITION BY kind, id ORDER BY folder, name)
) WHERE n > 1
"""


def _mark_twins(db: sqlite3.Connection) -> None:
    """Mark the records whose id another file already has, after any change (a twin stops
    being one when the other file goes, though its own file did not change)."""
    db.execute("UPDATE record SET problem = NULL, twin = NULL WHERE twin IS NOT NULL")
    db.executemany(
        "UPDATE record SET problem = ?, twin = ? WHERE rowid = ?",
        [
            (
                _encoder.encode(
                    FileProblem(
                        file=f"{folder}/{name}",
                        message=f"its id {record_id} is already the id of {first}; "
                        "give one of them another id, or delete the copy.",
                    )
                ),
                first,
                rowid,
            )
            for rowid, folder, name, record_id, first in db.execute(_TWINS).fetchall()
        ],
    )


def _insert(db: sqlite3.Connection, folder: str, name: str, stats: bytes | None, row: Row) -> None:
    cursor = db.execute(
        "INSERT INTO record (folder, name, stats, kind, rel, id, day, due, hit, data, problem)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (folder, name, stats, *msgspec.structs.astuple(row)[:-1]),
    )
    rowid = cursor.lastrowid or 0
    db.executemany(
        "INSERT INTO fulltext (rowid, body, item) VALUES (?, ?, ?)",
        [(rowid * PARTS + n, body, item) for n, (item, body) in enumerate(row.texts[:PARTS])],
    )


def _delete(db: sqlite3.Connection, rowid: int) -> None:
    db.execute("DELETE FROM record WHERE rowid = ?", (rowid,))
    db.execute(
        "DELETE FROM fulltext WHERE rowid BETWEEN ? AND ?",
        (rowid * PARTS, rowid * PARTS + PARTS - 1),
    )


_REGULAR = stat.S_IFREG >> 12


def _listing(folder: str, kind: str, settled: int) -> tuple[list[Any], bytes | None]:
    """A folder's record files with their stats, and one value for them all (None when a file
    changed too recently to trust its stats, or is not a regular file: read it every time).
    This runs for every file of the journal on every read, hence the flat loop."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return [], b""
    flat: list[Any] = []  # name, kind, size, mtime, ctime, inode, trusted; for each file
    trusted = True
    try:
        with os.scandir(fd) as entries:
            for entry in entries:
                name = entry.name
                if kind:
                    if name[0] == "." or not name.endswith(".toml"):
                        continue
                    file_kind = kind
                elif name in REL_FILES:
                    file_kind = REL_FILES[name][0]
                else:
                    continue
                try:
                    info = entry.stat(follow_symlinks=False)
                except FileNotFoundError:
                    continue
                mtime, ctime = info.st_mtime_ns, info.st_ctime_ns
                ok = mtime <= settled and ctime <= settled and info.st_mode >> 12 == _REGULAR
                trusted = trusted and ok
                flat += (name, file_kind, info.st_size, mtime, ctime, info.st_ino, ok)
    finally:
        os.close(fd)
    return flat, marshal.dumps(flat) if trusted else None


def _files(flat: list[Any]) -> Iterator[tuple[str, str, bytes | None]]:
    """Each file of a `_listing`: name, kind, and its stats packed (None: read it again)."""
    for n in range(0, len(flat), 7):
        trusted = flat[n + 6]
        yield flat[n], flat[n + 1], marshal.dumps(tuple(flat[n + 2 : n + 6])) if trusted else None


def _with_progress(todo: list[T]) -> Iterator[T]:
    """The files of a refresh, with a progress bar on a terminal once it has taken a second."""
    started, bar, task = time.monotonic(), None, None
    try:
        for n, item in enumerate(todo):
            if n % 256 == 255 and bar is None and sys.stderr.isatty():
                if time.monotonic() - started > PROGRESS_AFTER_S:
                    from rich.progress import Progress

                    bar = Progress(transient=True)
                    bar.start()
                    task = bar.add_task("Indexing the journal", total=len(todo))
            if bar is not None and task is not None and n % 256 == 0:
                bar.update(task, completed=n)
            yield item
    finally:
        if bar is not None:
            bar.stop()
