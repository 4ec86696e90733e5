"""Checking every file of a journal, and the few repairs that are always safe."""

import os
import re
import stat
from pathlib import Path
from typing import Any

from msgspec import Struct

from mentorlog.core.model import (
    SCHEMA,
    Action,
    Agenda,
    CheckIn,
    Contact,
    Goal,
    JournalInfo,
    LearningEntry,
    Relationship,
    Settings,
    unknown_settings,
    wrong_settings,
)
from mentorlog.errors import JournalError
from mentorlog.store import crypt, files
from mentorlog.store.convert import RecordError, line_of, to_record
from mentorlog.store.index import KIND_TYPES, id_from_name
from mentorlog.store.journal import Journal
from mentorlog.store.layout import (
    AGENDA_FILE,
    CACHE_DIR,
    DATED_KINDS,
    JOURNAL_FILE,
    LEARNING_DIR,
    NETWORK_DIR,
    REL_DIR,
    REL_FILE,
    SHARED_AGREEMENT,
    SHARED_DIR,
    TRASH_DIR,
)

_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9]{1,16}\.toml$")
# Goals and actions are named by id; a closed one from before the index may still carry the
# date it was closed (`doctor --fix` renames it).
_DATED_OR_PLAIN = re.compile(r"^(\d{4}-\d{2}-\d{2}-)?[a-z0-9]{1,16}\.toml$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}\.toml$|^[a-z0-9][a-z0-9-]{0,63}$")
CONFLICT_COPY = ".conflict-"  # the suffix sync gives the local side of a conflicted record
# git's conflict markers: 7 or more (conflict-marker-size) of <, |, = or > opening a line,
# alone or before a space. `=======` alone also underlines a Markdown heading in notes, so a
# file holds a conflict only when it has an opening and a closing marker.
_CONFLICT = re.compile(r"^(<{7,}|\|{7,}|={7,}|>{7,})(?: |$)", re.MULTILINE)
# Each relationship kind's records: their type, and the names their files may have.
KINDS: dict[str, tuple[type[Any], re.Pattern[str]]] = {
    kind: (stored, _DATED if kind in DATED_KINDS else _DATED_OR_PLAIN)
    for kind, (stored, _) in KIND_TYPES.items()
}


def conflict_marker(text: str) -> int | None:
    """The line of the first git conflict marker in a file's text, if it holds a conflict."""
    markers = list(_CONFLICT.finditer(text))
    if not {"<", ">"} <= {marker.group(1)[0] for marker in markers}:
        return None
    return text.count("\n", 0, markers[0].start()) + 1


class Problem(Struct, kw_only=True):
    """Something doctor found in a file, and whether --fix repaired it."""

    path: str
    line: int | None
    kind: str  # parse, schema, field, settings, reference, name, permissions, temp_file,
    # conflict, link
    message: str
    fixed: bool = False
    fixable: bool = False  # what `doctor --fix` would repair; the rest needs a hand


class Doctor:
    """Walks the journal once, collecting problems; `fix` repairs permissions, stray
    temporary files and record file names only (the caller holds the lock, so no writer is
    mid-write)."""

    def __init__(self, journal: Journal, fix: bool) -> None:
        self.journal = journal
        self.fix = fix
        self.problems: list[Problem] = []
        self.ids: dict[str, set[str]] = {"goals": set(), "checkins": set(), "relationships": set()}
        self.references: list[tuple[Path, str, str, str]] = []  # path, kind, id, what
        self.first_with: dict[tuple[str, str], Path] = {}  # (kind, id): the file that has it

    def add(
        self,
        path: Path,
        kind: str,
        message: str,
        line: int | None = None,
        fixed: bool = False,
        fixable: bool = False,
    ) -> None:
        self.problems.append(
            Problem(
                path=self.journal.relative(path),
                line=line,
                kind=kind,
                message=message,
                fixed=fixed,
                fixable=fixable,
            )
        )

    def run(self) -> list[Problem]:
        root = self.journal.root
        self._walk(root)
        self._settings(root / JOURNAL_FILE, self._record(root / JOURNAL_FILE, JournalInfo))
        # Folders are listed as the journal lists them: a link is reported once, by `_walk`,
        # and never read through.
        for slug in self.journal.relationship_slugs():
            self._relationship(root / REL_DIR / slug)
        for path in self._records_in(root / LEARNING_DIR):
            self._name(path, _DATED)
            entry = self._record(path, LearningEntry)
            if entry is not None:
                self._unique(path, LEARNING_DIR, entry.id)
                self._refer(path, entry.rel, "relationships", "relationship")
                self._refer(path, entry.goal, "goals", "goal")
        for path in self._records_in(root / NETWORK_DIR):
            self._name(path, _SLUG)
            contact = self._record(path, Contact)
            if contact is not None:
                self._refer(path, contact.rel, "relationships", "relationship")
        for path, kind, wanted, what in self.references:
            if wanted not in self.ids[kind]:
                self.add(path, "reference", f"refers to {what} '{wanted}', which does not exist")
        return self.problems

    def _settings(self, path: Path, info: JournalInfo | None) -> None:
        """Settings that parse but that no review can use, and keys nothing reads (typos)."""
        if info is None:
            return
        for wrong in wrong_settings(info.settings):
            self.add(path, "settings", wrong)
        data = files.parse_toml(path, files.read_bytes(path), JOURNAL_FILE)
        known = ", ".join(Settings.__struct_fields__)
        for key in unknown_settings(data):
            self.add(path, "settings", f"unknown key '{key}' under [settings] (known: {known})")

    def _unique(self, path: Path, kind: str, record_id: str) -> None:
        """Ids are unique per kind: a copy (by hand, or a file another device renamed) is named,
        the first file by path keeping the id, as every view does."""
        first = self.first_with.setdefault((kind, record_id), path)
        if first != path:
            self.add(
                path,
                "name",
                f"its id {record_id} is already the id of {self.journal.relative(first)}; give "
                "one of them another id, or delete the copy",
            )

    def _refer(self, path: Path, wanted: str | None, kind: str, what: str) -> None:
        if wanted:
            self.references.append((path, kind, wanted, what))

    def _records_in(self, folder: Path) -> list[Path]:
        """A folder's record files, as the journal lists them (a linked folder holds none)."""
        return [folder / name for name in self.journal.names_in(folder)]

    def _relationship(self, folder: Path) -> None:
        if not _SLUG.match(folder.name):
            self.add(folder, "name", "a relationship folder name should be a slug ([a-z0-9-])")
        self.ids["relationships"].add(folder.name)
        self._record(folder / REL_FILE, Relationship)
        agenda_path = folder / AGENDA_FILE
        if os.path.lexists(agenda_path):
            self._record(agenda_path, Agenda)
        for kind, (cls, pattern) in KINDS.items():
            for path in self._records_in(folder / kind):
                self._name(path, pattern)
                record = self._record(path, cls)
                if record is None:
                    continue
                if path.name[:-5].rsplit("-", 1)[-1] != record.id:
                    self.add(
                        path, "name", f"the file name does not match the record's id '{record.id}'"
                    )
                else:
                    self._dated_name(path, folder.name, kind, record)
                self._unique(path, kind, record.id)
                if kind in self.ids:
                    self.ids[kind].add(record.id)
                if isinstance(record, Action):
                    self._refer(path, record.goal, "goals", "goal")
                if isinstance(record, Goal):
                    for update in record.update:
                        self._refer(path, update.checkin, "checkins", "check-in")

    def _dated_name(self, path: Path, slug: str, kind: str, record: Any) -> None:
        """A record whose file name is not the one mentorlog gives it (a check-in's date edited
        by hand, a goal or action closed under the old date-named layout). Every view reads it
        all the same; renaming it, under the lock and never over another file, is safe."""
        proper = self.journal.path_for(slug, kind, record)
        if path.name == proper.name:
            return
        message = f"rename it {proper.name} (the name mentorlog gives this record)"
        if proper.exists() or proper.is_symlink():
            self.add(path, "name", message)
        else:
            self._fix(path, "name", message, lambda: self.journal.move(path, proper))

    def _name(self, path: Path, pattern: re.Pattern[str]) -> None:
        if not pattern.match(path.name):
            self.add(
                path, "name", "an unexpected file name here; mentorlog names files by date and id"
            )

    def _record(self, path: Path, cls: type[Any]) -> Any:
        if not os.path.lexists(path):
            if path.name in (JOURNAL_FILE, REL_FILE):
                self.add(path, "field", "this required file is missing")
            return None
        try:
            content = files.read_bytes(path)
        except JournalError as error:
            # A link, a FIFO or a device was listed once by `_walk`; a folder by this name not.
            shown = self.journal.relative(path)
            if not any(p.path == shown and p.kind == "link" for p in self.problems):
                self.add(path, "link", error.message)
            return None
        try:
            data = files.parse_toml(path, content, self.journal.relative(path))
        except files.ParseError as error:
            # Markers inside a multi-line string of a file that parses are a note's own text.
            marker = conflict_marker(content.decode("utf-8", "replace"))
            if marker is not None:
                self.add(
                    path,
                    "conflict",
                    "a git conflict marker: keep one side's lines, delete the other side's and "
                    "every marker line (<<<<<<<, =======, >>>>>>>), then run mentorlog doctor "
                    "again",
                    line=marker,
                )
            else:
                where = f" (column {error.column})" if error.column else ""
                self.add(path, "parse", error.reason.rstrip(".") + where, line=error.line)
            return None
        schema = data.get("schema")
        if not isinstance(schema, int):
            self.add(path, "schema", "no 'schema = N' line")
        elif schema > SCHEMA:
            self.add(
                path,
                "schema",
                f"written by a newer mentorlog (schema {schema}); it will not be rewritten",
            )
        if cls is CheckIn:
            self._sealed(path, data)
        try:
            return to_record(cls, crypt.opened(data, self.journal.opener))
        except RecordError as error:
            text = content.decode("utf-8", "replace")
            self.add(path, "field", error.message, line=line_of(text, error.key or ""))
            return None

    def _sealed(self, path: Path, data: dict[str, Any]) -> None:
        """A check-in of an encrypted journal with text left plain (a hand edit, an old file):
        sealing it needs only the recipients, so `--fix` does."""
        recipients = self.journal.recipients()
        plain = crypt.plain_fields(data) if recipients else []
        if plain:
            from mentorlog.store.keys import seal_file

            self._fix(
                path,
                "plain_text",
                f"{', '.join(plain)} should be encrypted (journal.toml has recipients)",
                lambda: seal_file(self.journal, path, lambda d: crypt.seal_values(d, recipients)),
            )

    def _copy_sealed(self, path: Path, root: Path) -> None:
        """A deleted check-in or a conflict copy holds the same text as a record: sealed too
        (the record files themselves are checked with their record)."""
        in_trash = path.relative_to(root).parts[0] == TRASH_DIR
        if not (in_trash and path.suffix == ".toml") and CONFLICT_COPY not in path.name:
            return
        try:
            data = files.parse_toml(path, files.read_bytes(path), self.journal.relative(path))
        except JournalError:
            return
        self._sealed(path, data)

    def _walk(self, root: Path) -> None:
        for folder, dirs, names in os.walk(root):
            here = Path(folder)
            if here == root:
                # Derived data, git's own files and the clones of shared relationships (whose
                # records are read where they are imported) are not the journal's records.
                dirs[:] = [d for d in dirs if d not in (CACHE_DIR, SHARED_DIR, ".git")]
            for name in [*dirs, *names]:
                path = here / name
                info = path.lstat()
                if stat.S_ISLNK(info.st_mode):
                    self.add(
                        path,
                        "link",
                        "a symbolic link inside the journal; mentorlog never follows it",
                    )
                    continue
                if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
                    self.add(path, "link", "not a regular file or folder (a FIFO or device?)")
                    continue
                if CONFLICT_COPY in name:
                    original = name.split(CONFLICT_COPY, 1)[0]
                    record = (
                        f"record {id_from_name(original)} in this folder"
                        if original != SHARED_AGREEMENT
                        else f"the agreement in {REL_FILE} (mentorlog expect show)"
                    )
                    self.add(
                        path,
                        "conflict",
                        f"a conflict copy left by sync: compare it with {record}, keep what "
                        "you want there, then delete this copy",
                    )
                if name.startswith(".") and name.endswith(files.TEMP_SUFFIX):
                    self._fix(
                        path,
                        "temp_file",
                        "a temporary file left by an interrupted write",
                        path.unlink,
                    )
                    continue
                if here.name == "checkins" and stat.S_ISREG(info.st_mode):
                    self._copy_sealed(path, root)
                wanted = files.DIR_MODE if stat.S_ISDIR(info.st_mode) else files.FILE_MODE
                if stat.S_IMODE(info.st_mode) != wanted:
                    self._fix(
                        path,
                        "permissions",
                        f"mode {stat.S_IMODE(info.st_mode):o}, should be {wanted:o}",
                        lambda p=path, m=wanted: os.chmod(p, m),
                    )

    def _fix(self, path: Path, kind: str, message: str, repair: Any) -> None:
        if self.fix:
            repair()
        self.add(
            path, kind, message + (" (fixed)" if self.fix else ""), fixed=self.fix, fixable=True
        )
