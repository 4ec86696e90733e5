"""Undo: each change a command makes to the journal, kept so that `mentorlog undo` can take it
back (docs/storage.md#undo).

`Journal.writing()` records one change per command: every file as it was before the command
first wrote it (its bytes, kept in `.undo/<step>/before/`), and a digest of it before and
after (`.undo/<step>/change.toml`). Undo restores the bytes only where the file is still as
the command left it, so that a later hand edit or sync is never lost."""

import hashlib
import os
import shlex
import shutil
from datetime import datetime
from pathlib import Path
from typing import Annotated

import msgspec
import tomli_w
from msgspec import Meta, Struct, field

from mentorlog.errors import JournalError, UserError
from mentorlog.store import files
from mentorlog.store.convert import to_data
from mentorlog.store.journal import Journal
from mentorlog.store.layout import TRASH_DIR, UNDO_DIR

KEPT_CHANGES = 50  # the oldest change goes when a command records one more
MANIFEST = "change.toml"  # written last: a step folder without one was never finished
COPIES = "before"
NOTHING_RECORDED = "Nothing to undo: no change to this journal is recorded."
UNDO_SCHEMA = 1
# A file's place in the journal as undo names it: relative, no `.` or `..` step, and never in
# undo's own folder, git's, the index's or the lock.
_SEGMENT = r"(?!\.\.?(?:/|\Z))[^/\x00-\x1f]+"
_JOURNAL_PATH = rf"^(?!(?:\.undo|\.git|\.cache|\.lock)(?:/|\Z)){_SEGMENT}(?:/{_SEGMENT})*\Z"
JournalPath = Annotated[str, Meta(pattern=_JOURNAL_PATH)]
Digest = Annotated[str, Meta(pattern=r"^[0-9a-f]{64}\Z")]


class FileChange(Struct, kw_only=True):
    """One file a command changed: the sha256 of its bytes before and after the command
    (None: there was no file)."""

    path: JournalPath
    before: Digest | None = None
    after: Digest | None = None

    @property
    def kind(self) -> str:
        return "new" if self.before is None else "deleted" if self.after is None else "changed"


class Change(Struct, kw_only=True):
    """One command's change to the journal, as `.undo/<step>/change.toml` keeps it."""

    schema: Annotated[int, Meta(ge=1, le=UNDO_SCHEMA)] = UNDO_SCHEMA
    step: int = 0  # its folder's number: the folder name decides
    command: list[str]  # what was typed after `mentorlog`
    when: datetime
    files: list[FileChange]
    folders: list[JournalPath] = field(default_factory=list)  # made by it, removed when empty

    @property
    def command_line(self) -> str:
        return shlex.join(["mentorlog", *self.command])


class UndoneFile(Struct, kw_only=True):
    """What undo did to one file: restored, trashed (a new file, moved to .trash/), kept (a new
    file in .trash/ already), removed (a copy of a file restored elsewhere: a record moved or
    deleted), or unchanged (it already was as before the command)."""

    path: str
    done: str
    trashed_as: str | None = None


class Undone(Struct, kw_only=True):
    """A change taken back, and what became of each of its files."""

    change: Change
    files: list[UndoneFile]


def digest(content: bytes | None) -> str | None:
    return None if content is None else hashlib.sha256(content).hexdigest()


def _content(path: Path) -> bytes | None:
    """A file's bytes, or None where there is none."""
    try:
        return files.read_bytes(path)
    except FileNotFoundError:
        return None


class ChangeRecorder:
    """The files one command writes, each as it was before its first write; kept as one step
    of `.undo/` when the command ends (`Journal.writing`)."""

    def __init__(self, root: Path, command: list[str]) -> None:
        self.root = root
        self.command = command
        self.before: dict[str, bytes | None] = {}
        self.folders: list[str] = []

    def note(self, path: Path) -> None:
        """Keep `path` as it is, unless this command already wrote it."""
        relative = files.safe_path(self.root, path).relative_to(self.root)
        if relative.as_posix() in self.before:
            return
        folder = relative.parent
        while folder.parts and not os.path.lexists(self.root / folder):
            self.folders.append(folder.as_posix())
            folder = folder.parent
        self.before[relative.as_posix()] = _content(path)

    def keep(self, now: datetime) -> None:
        """Write the change as the next step, if the command changed any file, and let the
        oldest steps go beyond KEPT_CHANGES. Not durable (no fsync): a crash may lose a step,
        and undo checks each copy against its digest before it restores one."""
        after = {path: _content(self.root / path) for path in self.before}
        # A file written back as it was is no change.
        changed = {path: old for path, old in self.before.items() if after[path] != old}
        if not changed:
            return
        undo = self.root / UNDO_DIR
        numbers = _step_numbers(undo)
        step = max(numbers, default=0) + 1
        kept = undo / _step_name(step)
        for path, old in changed.items():
            if old is not None:
                files.atomic_write(kept / COPIES / path, old, durable=False, root=self.root)
        change = Change(
            step=step,
            command=self.command,
            when=now.replace(microsecond=0),
            files=[
                FileChange(path=path, before=digest(old), after=digest(after[path]))
                for path, old in changed.items()
            ],
            folders=self.folders,
        )
        files.atomic_write(
            kept / MANIFEST, tomli_w.dumps(to_data(change)), durable=False, root=self.root
        )
        for old_step in sorted(numbers)[: max(0, len(numbers) + 1 - KEPT_CHANGES)]:
            _remove_step(self.root, old_step)


def _step_name(step: int) -> str:
    return f"{step:06d}"


def _step_numbers(undo: Path) -> list[int]:
    """The steps in `.undo/`, finished or not (a real folder only: a link holds none)."""
    return [
        int(name)
        for name in files.listing(undo, folders_only=True)
        if name.isascii() and name.isdigit()  # `²` is a digit to Python, not to int()
    ]


def _remove_step(root: Path, step: int) -> None:
    shutil.rmtree(files.safe_path(root, root / UNDO_DIR / _step_name(step)), ignore_errors=True)


def recorded_changes(journal: Journal) -> list[Change]:
    """The changes undo can take back, the last first (steps never finished left out)."""
    undo = journal.root / UNDO_DIR
    return [
        _load(journal, step)
        for step in sorted(_step_numbers(undo), reverse=True)
        if (undo / _step_name(step) / MANIFEST).is_file()
    ]


def _load(journal: Journal, step: int) -> Change:
    path = files.safe_path(journal.root, journal.root / UNDO_DIR / _step_name(step) / MANIFEST)
    data = files.parse_toml(path, files.read_bytes(path), journal.relative(path))
    try:
        change = msgspec.convert(data, Change)
    except msgspec.ValidationError as error:
        raise _damaged(journal, step, str(error)) from None
    return msgspec.structs.replace(change, step=step)


def _damaged(journal: Journal, step: int, why: str) -> JournalError:
    folder = f"{UNDO_DIR}/{_step_name(step)}"
    return JournalError(
        f"{folder} is damaged ({why}); undo will not use it. Nothing was changed.",
        hint=f"Remove {journal.root / folder} to undo the changes before it.",
    )


def undo_last(journal: Journal) -> Undone:
    """Take back the last recorded change, all or nothing: refused, with nothing changed, when
    a file it touched has changed since (a hand edit, a sync, doctor --fix). Files it changed
    get their bytes back; files it made go to .trash/, so that nothing typed is lost."""
    with journal.writing(recorded=False):
        changes = recorded_changes(journal)
        if not changes:
            raise UserError(
                NOTHING_RECORDED,
                hint=f"Each command that changes the journal is recorded (the last {KEPT_CHANGES}).",
            )
        change = changes[0]
        current = {f.path: digest(_content(journal.root / f.path)) for f in change.files}
        _refuse_if_changed_since(change, current)
        copies = _copies(journal, change, current)
        restored = {f.before for f in change.files if f.before is not None}
        # Restorations first: a copy of a file restored elsewhere is only removed once it is.
        done = [
            _take_back(journal, f, current[f.path], copies, restored)
            for f in sorted(change.files, key=lambda f: f.before is None)
        ]
        for folder in sorted(change.folders, key=lambda name: name.count("/"), reverse=True):
            try:
                os.rmdir(files.safe_path(journal.root, journal.root / folder))
            except OSError:
                pass  # not empty (or gone): something else lives there now
        _remove_step(journal.root, change.step)
        journal.index.fresh = False
    return Undone(change=change, files=done)


def _take_back(
    journal: Journal,
    f: FileChange,
    current: str | None,
    copies: dict[str, bytes],
    restored: set[str],
) -> UndoneFile:
    """Put one file back as it was before the command (it is still as the command left it)."""
    path = journal.root / f.path
    if current == f.before:
        return UndoneFile(path=f.path, done="unchanged")
    if f.path in copies:
        files.atomic_write(path, copies[f.path], root=journal.root)
        return UndoneFile(path=f.path, done="restored")
    if f.after in restored:
        files.safe_path(journal.root, path).unlink()  # never through a link below the root
        files.fsync_dir(path.parent)
        return UndoneFile(path=f.path, done="removed")
    if f.path.startswith(f"{TRASH_DIR}/"):
        return UndoneFile(path=f.path, done="kept")
    trashed = journal.relative(journal.trash(path))
    return UndoneFile(path=f.path, done="trashed", trashed_as=trashed)


def _refuse_if_changed_since(change: Change, current: dict[str, str | None]) -> None:
    """Undo only what is still as the command left it (or already as it was before)."""
    changed = [f.path for f in change.files if current[f.path] not in (f.after, f.before)]
    if changed:
        raise UserError(
            f"Cannot undo `{change.command_line}`: {', '.join(changed)} changed after it (by "
            "hand, by sync or by doctor --fix), and undoing it would lose that. Nothing was "
            "changed.",
            hint="Undo goes back no further than a change to a file edited since; "
            "`mentorlog undo --list` shows each change and its files.",
        )


def _copies(journal: Journal, change: Change, current: dict[str, str | None]) -> dict[str, bytes]:
    """The bytes to restore, each checked against its digest before anything is written."""
    copies = {}
    for f in change.files:
        if f.before is None or current[f.path] == f.before:
            continue
        copy = journal.root / UNDO_DIR / _step_name(change.step) / COPIES / f.path
        content = _content(files.safe_path(journal.root, copy))
        if content is None or digest(content) != f.before:
            raise _damaged(journal, change.step, f"the copy of {f.path} is missing or altered")
        copies[f.path] = content
    return copies
