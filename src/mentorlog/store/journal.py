"""The journal on disk: where each record lives, reading it fast, editing it faithfully."""

import contextlib
import difflib
import os
from collections.abc import Callable, Container, Iterable, Iterator, MutableMapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import msgspec

from mentorlog.core.ids import pick_by_prefix
from mentorlog.core.model import (
    SCHEMA,
    CheckIn,
    FileProblem,
    JournalInfo,
    LearningEntry,
    Relationship,
    Settings,
    unknown_settings,
    wrong_settings,
)
from mentorlog.core.text import best_matches, normalise_name, slugify
from mentorlog.errors import JournalError, MentorlogError, UserError
from mentorlog.store import crypt, files
from mentorlog.store.convert import RecordError, omitted, plain, stored_type, to_data, to_record
from mentorlog.store.index import Index, id_from_name, problem_of
from mentorlog.store.layout import (
    AGENDA_FILE,
    CACHE_DIR,
    DATED_KINDS,
    JOURNAL_FILE,
    LEARNING_DIR,
    NETWORK_DIR,
    RECORD_ID,
    REL_DIR,
    REL_FILE,
    REL_KINDS,
    TRASH_DIR,
)

if TYPE_CHECKING:
    from mentorlog.store.undo import ChangeRecorder

__all__ = [
    "AGENDA_FILE",
    "CACHE_DIR",
    "JOURNAL_FILE",
    "REL_DIR",
    "REL_KINDS",
    "TRASH_DIR",
    "Journal",
    "RecordRef",
    "id_from_name",
]

T = TypeVar("T")

ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
ID_LENGTH = 5
PERSON_LENGTH = 12  # a person id names one of everyone who shares, not one of a journal's records


class RecordRef(NamedTuple):
    """Where one record lives: its relationship (if any), its id and its file."""

    rel: str | None
    id: str
    path: Path


class IdsInUse(Container[str]):
    """The ids in a set of record file names, kept as one string: testing a new id is one
    substring search, not 26,000 names split in Python."""

    def __init__(self, names: Iterable[str]) -> None:
        """`names` may also be runs of names already joined by slashes."""
        self.listing = "/" + "/".join(names) + "/"  # no file name holds a slash

    def __contains__(self, candidate: object) -> bool:
        return (
            f"-{candidate}.toml/" in self.listing  # dated: 2026-11-26-k3m9p.toml
            or f"/{candidate}.toml/" in self.listing  # undated: k3m9p.toml
        )


class Journal:
    """One person's journal folder. Reads never lock; every read-modify-write holds `lock()`."""

    def __init__(self, root: Path, command: list[str] | None = None) -> None:
        # The journal folder may be a link: resolved once, so that reads and writes go to the
        # same place and every path below it is checked against links (`files.safe_path`).
        self.root = root.resolve()
        # How sealed values are opened (the identity, or placeholders), for files and index.
        self.opener = crypt.Opener()
        self.index = Index(str(self.root), self.opener)
        # What reading found worth a word but no failure (an unknown setting), for the cli.
        self.warnings: list[str] = []
        # The command line that changes the journal, and its change so far, for `undo`.
        self.command = command or []
        self.recorder: ChangeRecorder | None = None
        # Whom new check-ins' text is sealed to, read from journal.toml once per change.
        self._recipients: list[str] | None = None

    # -- locations --------------------------------------------------------------------------

    def relative(self, path: str | Path) -> str:
        try:
            return str(Path(path).relative_to(self.root))
        except ValueError:
            return str(path)

    def rel_dir(self, slug: str) -> Path:
        return self.root / REL_DIR / slug

    def rel_file(self, slug: str) -> Path:
        return self.rel_dir(slug) / REL_FILE

    def path_for(self, slug: str, kind: str, record: Any) -> Path:
        """Where a relationship's record belongs: check-ins and pulses by date and id, goals
        and actions by id."""
        record_id = _file_id(record.id)
        name = f"{record.date.isoformat()}-{record_id}" if kind in DATED_KINDS else record_id
        return self.rel_dir(slug) / kind / f"{name}.toml"

    def learning_path(self, entry: LearningEntry) -> Path:
        return self.root / LEARNING_DIR / f"{entry.date.isoformat()}-{_file_id(entry.id)}.toml"

    def contact_path(self, slug: str) -> Path:
        return self.root / NETWORK_DIR / f"{slug}.toml"

    def free_slug(self, name: str, taken: Callable[[str], bool]) -> str:
        """A slug for a new contact or relationship: its name's, or with -2, -3, ... while
        `taken` says another has it."""
        base = slugify(name)
        slug, n = base, 2
        while taken(slug):
            slug, n = f"{base}-{n}", n + 1
        return slug

    # -- the journal itself -----------------------------------------------------------------

    def exists(self) -> bool:
        return (self.root / JOURNAL_FILE).is_file()

    def require(self) -> None:
        if not self.exists():
            raise UserError(
                f"There is no journal at {self.root}.",
                hint="Create one with: mentorlog init  (or point --journal / MENTORLOG_JOURNAL at yours)",
            )

    def info(self) -> JournalInfo:
        """journal.toml, its settings checked: a wrong value is an error (a review computed with
        another week start or threshold than the one written would mislead), an unknown key a
        warning (nothing depends on it)."""
        self.require()
        path = self.root / JOURNAL_FILE
        data = self.read_data(path)
        info = self._converted(path, data, JournalInfo)
        wrong = wrong_settings(info.settings)
        if wrong:
            raise JournalError(
                f"{JOURNAL_FILE} [settings]: {'; '.join(wrong)}.",
                hint=f"Correct it in {path}, then run: mentorlog doctor",
            )
        for key in unknown_settings(data):
            warning = (
                f"{JOURNAL_FILE} [settings]: unknown key '{key}' ignored "
                f"(known: {', '.join(Settings.__struct_fields__)})."
            )
            if warning not in self.warnings:
                self.warnings.append(warning)
        return info

    def init(self, owner: str, today: date) -> JournalInfo:
        with self.lock():
            if self.exists():
                raise UserError(f"A journal already exists at {self.root}.")
            info = JournalInfo(owner=owner, created=today, person=self.new_id((), PERSON_LENGTH))
            self.create(self.root / JOURNAL_FILE, info)
            for folder in (REL_DIR, LEARNING_DIR, NETWORK_DIR):
                files.ensure_dir(self.root / folder, self.root)
            return info

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """The one journal lock, for a read-modify-write or an id allocation."""
        with files.journal_lock(self.root):
            yield

    # -- reading ----------------------------------------------------------------------------

    def read_data(self, path: Path) -> dict[str, Any]:
        try:
            content = files.read_bytes(path)
        except FileNotFoundError:
            raise UserError(f"{self.relative(path)} does not exist.") from None
        return files.parse_toml(path, content, self.relative(path))

    def read(
        self, path: str | Path, cls: type[T], record_id: str | None = None, text: bool = False
    ) -> T:
        """One record straight from its file (for a change, or a single view), its sealed
        values opened, or placeholders without the identity; a command that needs the `text`
        itself is refused then (exit 3, naming the identity file). A record in a folder of many
        has the id its file name gives (`record_id`), whatever the file says, as the index
        reads it."""
        path = Path(path)
        data = self.read_data(path)
        if text and crypt.holds_sealed(data) and not self.opener.unlock():
            raise self.opener.missing(self.relative(path))
        if record_id is not None:
            data = {**data, "id": record_id}
        try:
            data = crypt.opened(data, self.opener)
        except RecordError as error:
            raise JournalError(f"{self.relative(path)}: {error.message}.") from None
        return self._converted(path, data, cls)

    def recipients(self) -> list[str]:
        """Whom check-ins' text is sealed to (none: the journal is not encrypted)."""
        if self._recipients is None:
            self._recipients = self.info().recipients if self.exists() else []
        return self._recipients

    def require_text(self, what: str) -> None:
        """Refuse (exit 3, naming the identity file) a command that needs the text of an
        encrypted journal when the identity cannot open it; else make it usable, so the index
        is read with it."""
        if self.recipients() and not self.opener.unlock():
            raise self.opener.missing(what)

    def _converted(self, path: Path, data: dict[str, Any], cls: type[T]) -> T:
        try:
            return to_record(cls, data)
        except RecordError as error:
            raise JournalError(
                f"{self.relative(path)}: {error.message}.",
                hint="Correct that value in the file with a text editor (mentorlog will not "
                "rewrite a record it cannot read), then run the command again.",
            ) from None

    def names_in(self, folder: str | os.PathLike[str]) -> list[str]:
        """The record file names of a folder, sorted, from its listing alone. A linked or
        missing folder has none: links are never followed (doctor reports them)."""
        return sorted(n for n in files.listing(folder) if n.endswith(".toml") and n[0] != ".")

    # -- writing ----------------------------------------------------------------------------

    def create(self, path: Path, record: Any) -> None:
        """Write a new record file (caller holds the lock).

        New files are written with tomli_w, which imports far faster than tomlkit (on the path
        of every `checkin log`; docs/benchmarks.md). Strings stay on one line with escapes, as
        tomlkit writes them (a multi-line string would turn a CRLF into a LF). Changes to
        existing files go through tomlkit, which keeps what a person wrote."""
        import tomli_w

        if path.exists() or path.is_symlink():
            raise JournalError(f"{self.relative(path)} already exists; not overwriting it.")
        data = checked_data(record)
        if self._sealing(record):
            data = crypt.seal_values(data, self.recipients())
        self._record_before(path)
        files.atomic_write(path, tomli_w.dumps(data), root=self.root)
        self.index.fresh = False

    def put(self, path: Path, record: Any) -> None:
        """Save over an existing file, or create it."""
        if path.exists():
            self.save(path, record)
        else:
            self.create(path, record)

    def save(self, path: Path, record: Any) -> None:
        """Rewrite a record, keeping the file's comments, key order and unknown keys."""
        import tomlkit

        content = files.read_bytes(path)
        stored = files.parse_toml(path, content, self.relative(path))
        document = tomlkit.parse(content.decode("utf-8-sig"))
        self._refuse_newer(path, document.get("schema"))
        data = checked_data(record)
        if self._sealing(record):
            record = msgspec.structs.replace(record, **self._sealed_for_saving(data, stored))
        _merge(document, record)
        self._record_before(path)
        files.atomic_write(path, tomlkit.dumps(document), root=self.root)
        self.index.fresh = False
        if path.name == JOURNAL_FILE:
            self._recipients = None  # its [encryption] may have changed

    def _sealing(self, record: Any) -> bool:
        """Whether a record's text is written sealed: a check-in of an encrypted journal."""
        return isinstance(record, CheckIn) and bool(self.recipients())

    def _sealed_for_saving(self, data: dict[str, Any], stored: dict[str, Any]) -> dict[str, Any]:
        """The sealed values of a changed check-in, its unchanged ones as they are stored."""
        try:
            stored_open = crypt.opened(stored, self.opener)
        except RecordError:  # a value the identity cannot open: compared as a placeholder
            stored_open = crypt.opened(stored, None)
        sealed = crypt.sealed_for_saving(data, self.recipients(), stored, stored_open)
        return {key: sealed[key] for key in crypt.SEALABLE if key in sealed}

    def refuse_newer(self, path: Path) -> None:
        """Refuse, before a command writes anything, a file it would rewrite that a newer
        mentorlog wrote (save refuses it too, but then earlier files may be saved already)."""
        self._refuse_newer(path, self.read_data(path).get("schema"))

    def _refuse_newer(self, path: Path, schema: Any) -> None:
        if isinstance(schema, int) and schema > SCHEMA:
            raise JournalError(
                f"{self.relative(path)} was written by a newer mentorlog (schema {schema}; "
                f"this version knows {SCHEMA}). It was left untouched.",
                hint="Upgrade mentorlog: pip install --upgrade mentorlog",
            )

    @contextlib.contextmanager
    def writing(self, recorded: bool = True) -> Iterator[None]:
        """Lock for a change, after checking the journal is ours to write. The change is
        recorded for `undo` (store/undo.py), even when the command fails after a write, unless
        it is not to be taken back (an undo itself, the demo's new journal)."""
        self.require()
        with self.lock():
            data = self.read_data(self.root / JOURNAL_FILE)
            self._refuse_newer(self.root / JOURNAL_FILE, data.get("schema"))
            self._recipients = None  # read again under the lock: another device may add one
            if not recorded:
                yield
                return
            from mentorlog.store.undo import ChangeRecorder

            self.recorder = ChangeRecorder(self.root, self._command_kept())
            try:
                yield
            finally:
                recorder, self.recorder = self.recorder, None
                try:
                    recorder.keep(datetime.now())
                except Exception as error:  # the change is made, whatever failed here
                    # Only taking it back is lost; a command that saved never fails for it.
                    said = error.message if isinstance(error, MentorlogError) else str(error)
                    self.warnings.append(f"this change cannot be undone: {said}")

    def _command_kept(self) -> list[str]:
        """The command line `undo --list` shows: of an encrypted journal, only the words before
        the first option, since the options may be the very text that is sealed."""
        if not self.recipients():
            return self.command
        words: list[str] = []
        for word in self.command:
            if word.startswith("-"):
                return [*words, "..."]
            words.append(word)
        return words

    def _record_before(self, *paths: Path) -> None:
        """Keep each file as it is before this command first writes it, for `undo`."""
        if self.recorder is not None:
            for path in paths:
                self.recorder.note(path)

    def person(self) -> JournalInfo:
        """journal.toml with the owner's person id, made now for a journal older than person
        ids (caller holds the lock)."""
        info = self.info()
        if info.person is None:
            info = msgspec.structs.replace(info, person=self.new_id((), PERSON_LENGTH))
            self.save(self.root / JOURNAL_FILE, info)
        return info

    def new_id(self, taken: Container[str], length: int = ID_LENGTH) -> str:
        # SystemRandom is what `secrets` uses; `random` is loaded by every write anyway (by
        # tempfile), while `secrets` would load hashlib and hmac too.
        import random

        choose = random.SystemRandom().choice
        while True:
            candidate = "".join(choose(ID_ALPHABET) for _ in range(length))
            if candidate not in taken:
                return candidate

    def move(self, path: Path, target: Path) -> None:
        """Rename a record (a dated record whose date changed, a deleted one restored), never
        over another file (caller holds the lock)."""
        files.safe_path(self.root, path)
        files.safe_path(self.root, target)
        if target.exists() or target.is_symlink():
            raise JournalError(f"{self.relative(target)} already exists; not overwriting it.")
        self._record_before(path, target)
        os.replace(path, target)
        files.fsync_dir(target.parent)
        self.index.fresh = False

    def trash(self, path: Path) -> Path:
        """Move a record to .trash/, keeping its place in the tree, never overwriting."""
        relative = files.safe_path(self.root, path).relative_to(self.root)
        target = self.root / TRASH_DIR / relative
        if target.exists():
            stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
            target = target.with_name(f"{target.stem}.{stamp}{target.suffix}")
        self._record_before(path, target)
        files.ensure_dir(target.parent, self.root)
        os.replace(path, target)
        os.utime(target)  # its modification time is the day it was deleted (`trash list`)
        files.fsync_dir(path.parent)
        files.fsync_dir(target.parent)
        self.index.fresh = False
        return target

    # -- relationships ----------------------------------------------------------------------

    def relationship_slugs(self) -> list[str]:
        return sorted(files.listing(self.root / REL_DIR, folders_only=True))

    def load_relationship(self, slug: str) -> Relationship:
        return self.read(self.rel_file(slug), Relationship, record_id=slug)

    def load_relationships(self, problems: list[FileProblem]) -> list[Relationship]:
        rels = []
        for slug in self.relationship_slugs():
            try:
                rels.append(self.load_relationship(slug))
            except (JournalError, UserError) as error:
                problems.append(problem_of(error, self.relative(self.rel_file(slug))))
        return rels

    def resolve_relationship(self, ref: str) -> Relationship:
        """Find a relationship by its slug as written, the counterpart's name as written (case
        aside: `Zoe` is Zoe, not Zoë whose slug is zoe), a slug in any case, or a unique prefix
        or a name with or without accents, or spelt in Latin letters (best_matches)."""
        wanted = ref.strip()
        slugs = self.relationship_slugs()
        if not wanted:
            raise UserError("A relationship name is empty.")
        if wanted in slugs:
            return self.load_relationship(wanted)
        problems: list[FileProblem] = []
        loaded = {rel.id: rel for rel in self.load_relationships(problems)}
        named = [r for r in loaded.values() if normalise_name(r.counterpart) == normalise_name(ref)]
        if len(named) == 1:
            return named[0]
        lowered = wanted.lower()
        if lowered in slugs:
            return self.load_relationship(lowered)
        # A relationship whose file did not load is still found by its slug, to name its problem.
        names = {
            slug: (slug, loaded[slug].counterpart) if slug in loaded else (slug,) for slug in slugs
        }
        found = best_matches(wanted, names.items())
        if len(found) == 1:
            return loaded.get(found[0]) or self.load_relationship(found[0])
        if found:
            raise UserError(
                f"'{wanted}' matches several relationships: {', '.join(found)}.",
                hint="Type more of the name.",
            )
        known = ", ".join(slugs) if slugs else "none yet"
        close = difflib.get_close_matches(lowered, slugs, n=3, cutoff=0.5)
        hint = f"Did you mean {' or '.join(close)}? " if close else ""
        raise UserError(
            f"No relationship matches '{wanted}'. Known: {known}.",
            hint=f"{hint}Try: mentorlog rel list"
            if slugs
            else "Add one with: mentorlog rel add NAME --as mentor|mentee",
        )

    # -- records by id ----------------------------------------------------------------------

    def record_names(
        self, kind: str, slugs: list[str] | None = None
    ) -> Iterator[tuple[str, str, str]]:
        """(relationship, folder, file name) of every record of a kind, from the folder listings
        alone: no file is read and no Path is built, so it stays cheap at 26,000 records."""
        for slug in self.relationship_slugs() if slugs is None else slugs:
            folder = os.path.join(self.root, REL_DIR, slug, kind)
            for name in self.names_in(folder):
                yield slug, folder, name

    def taken_ids(self, kind: str) -> IdsInUse:
        """Ids in use by a kind of record (new ids must avoid them): in every relationship's
        folder for a relationship's kinds, in the journal's own folder for learning."""
        if kind in REL_KINDS:
            slugs = self.relationship_slugs()
            folders = [os.path.join(self.root, REL_DIR, slug, kind) for slug in slugs]
        else:
            folders = [os.path.join(self.root, kind)]
        # Each folder's names joined: testing a new id is one substring search.
        return IdsInUse("/".join(files.listing(folder)) for folder in folders)

    def record_refs(
        self, kind: str, slugs: list[str] | None = None, keep: Callable[[str], bool] | None = None
    ) -> list[RecordRef]:
        """Records of a kind, sorted by file name; `keep` filters on the file name first."""
        refs = [
            RecordRef(slug, id_from_name(name), Path(folder, name))
            for slug, folder, name in self.record_names(kind, slugs)
            if keep is None or keep(name)
        ]
        refs.sort(key=lambda ref: ref.path.name)
        return refs

    def find(self, kind: str, prefix: str, what: str) -> RecordRef:
        """Resolve an id or a unique prefix of one; an ambiguous prefix lists the candidates."""
        wanted = prefix.strip().lower()
        refs = self.record_refs(kind, keep=lambda name: id_from_name(name).startswith(wanted))
        return pick_by_prefix(refs, wanted, what, key=lambda ref: ref.id)


def checked_data(record: Any) -> dict[str, Any]:
    """A record's data, checked by the rules every file is read with (core/model.py) before it
    is written: a value the command line let through is refused, not saved and then skipped."""
    data = to_data(record)
    try:
        to_record(stored_type(record), data)
    except RecordError as error:
        field = (error.key or "").rpartition(".")[2].partition("[")[0].replace("_", " ")
        said = error.message.replace(f"the key '{error.key}'", f"the {field}", 1)
        raise UserError(f"Nothing was saved: {said}.") from None
    return data


def _file_id(record_id: str) -> str:
    """An id fit to name a file: the id rule, checked where a path is built from it (an id
    comes from a file name, a new id or an import, never straight from what a file says)."""
    if not RECORD_ID.fullmatch(record_id):
        raise JournalError(
            f"{record_id[:40]!r} is not a record id (1 to 16 of a-z and 0-9); mentorlog "
            "names no file after it. Nothing was changed.",
            hint="Run: mentorlog doctor",
        )
    return record_id


def _merge(document: MutableMapping[str, Any], record: Any) -> None:
    """Write a record's fields into a tomlkit document, leaving other keys and comments be."""
    for field in msgspec.structs.fields(stored_type(record)):
        value = getattr(record, field.name)
        current = document.get(field.name)
        if isinstance(value, msgspec.Struct) and isinstance(current, MutableMapping):
            _merge(current, value)
            continue
        data = plain(value)
        if omitted(field, data):
            if field.name in document:
                del document[field.name]
        elif _unwrap(current) != data:
            document[field.name] = data


def _unwrap(value: Any) -> Any:
    return value.unwrap() if hasattr(value, "unwrap") else value
