"""The journal on disk: where each record lives, reading it fast, editing it faithfully."""

import contextlib
import dataclasses
import difflib
import itertools
import os
import stat
from collections.abc import Callable, Container, Iterable, Iterator, MutableMapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from mentorlog.core import codec
from mentorlog.core.ids import pick_by_prefix
from mentorlog.core.model import SCHEMA, JournalInfo, Relationship, file_day
from mentorlog.core.text import normalise_name
from mentorlog.errors import JournalError, UserError
from mentorlog.store import files
from mentorlog.store.cache import CacheUnit, cache_file_for, plain

T = TypeVar("T")

ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
ID_LENGTH = 5
JOURNAL_FILE = "journal.toml"
REL_DIR = "relationships"
REL_FILE = "relationship.toml"
AGENDA_FILE = "agenda.toml"
TRASH_DIR = ".trash"
CACHE_DIR = ".cache"
# Record kinds kept one per file inside a relationship's folder. A file name starts with the
# record's date, if it has one (core.model.file_day): check-ins and pulses always, goals and
# actions once closed.
REL_KINDS = ("checkins", "goals", "actions", "health")
ALWAYS_DATED = ("checkins", "health")


class RecordRef(NamedTuple):
    """Where one record lives: its relationship (if any), its id and its file. (A named tuple:
    a frozen dataclass compiles six methods at import, about a millisecond.)"""

    rel: str | None
    id: str
    path: Path


def _year_of(name: str) -> str:
    """The year a date-named record file belongs to ('' for undated names)."""
    return name[:4] if name[4:5] == "-" and name[:4].isdigit() else ""


@contextlib.contextmanager
def _as_problem(problems: list[str] | None) -> Iterator[None]:
    """A file that cannot be read becomes a problem line, not a failed command."""
    try:
        yield
    except (JournalError, UserError) as error:
        if problems is None:
            raise
        problems.append(error.message)


def id_from_name(name: str) -> str:
    """The id in a record's file name: `2026-11-26-k3m9p.toml` or `k3m9p.toml`."""
    stem = name[:-5] if name.endswith(".toml") else name
    return stem[stem.rfind("-") + 1 :]


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

    def __init__(self, root: Path, cached: bool = False) -> None:
        self.root = root
        self.cached = cached
        self.caches: dict[tuple[str, str], CacheUnit] = {}
        # Reviews name hundreds of folders: built as strings, a Path costs microseconds each.
        self.rels_base = os.path.join(root, REL_DIR, "")

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

    def kind_dir(self, slug: str, kind: str) -> Path:
        return Path(self.in_rel(slug, kind))

    def in_rel(self, slug: str, name: str) -> str:
        """A folder or file in a relationship's folder, as a string (for the review's loops)."""
        return f"{self.rels_base}{slug}{os.sep}{name}"

    def record_path(self, slug: str, kind: str, record_id: str, day: date | None = None) -> Path:
        name = f"{day.isoformat()}-{record_id}.toml" if day else f"{record_id}.toml"
        return self.kind_dir(slug, kind) / name

    def path_for(self, slug: str, kind: str, record: Any) -> Path:
        """Where a relationship's record belongs, by its id and its date (if it has one)."""
        return self.record_path(slug, kind, record.id, file_day(record))

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
        self.require()
        return self.read(self.root / JOURNAL_FILE, JournalInfo)

    def init(self, owner: str, today: date) -> JournalInfo:
        with self.lock():
            if self.exists():
                raise UserError(f"A journal already exists at {self.root}.")
            info = JournalInfo(owner=owner, created=today)
            self.create(self.root / JOURNAL_FILE, info)
            for folder in (REL_DIR, "learning", "network"):
                files.ensure_dir(self.root / folder)
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

    def read(self, path: str | Path, cls: type[T]) -> T:
        data = self._read_raw(path)
        try:
            return codec.from_data(cls, data)
        except codec.RecordError as error:
            raise JournalError(
                f"{self.relative(path)}: {error.message}.", hint="Run: mentorlog doctor"
            ) from None

    def read_many(
        self,
        paths: list[Path],
        cls: type[T],
        problems: list[str],
        keep: Callable[[dict[str, Any]], bool] | None = None,
    ) -> list[T]:
        """Read what can be read; a broken file becomes a problem line, not a failed command."""
        records: list[T] = []
        for path in paths:
            records += self.read_folder(path.parent, [path.name], cls, problems, keep=keep)
        return records

    def read_folder(
        self,
        folder: str | Path,
        names: list[str],
        cls: type[T],
        problems: list[str],
        *,
        keep: Callable[[dict[str, Any]], bool] | None = None,
        whole_folder: bool = False,
    ) -> list[T]:
        """Read records of one folder by file name (see read_named)."""
        named = self.read_named(folder, names, cls, problems, keep=keep, whole_folder=whole_folder)
        return [record for _, record in named]

    def read_named(
        self,
        folder: str | Path,
        names: list[str],
        cls: type[T],
        problems: list[str],
        *,
        keep: Callable[[dict[str, Any]], bool] | None = None,
        whole_folder: bool = False,
    ) -> list[tuple[str, T]]:
        """Records of one folder by file name, each with its name.

        With the cache on, parsed data comes from `.cache/` when the file is unchanged, and
        `keep` sees each record's raw data first, so records a view will not show are never
        turned into objects. `whole_folder` says `names` are all the folder's records (so the
        cache can forget files that are gone)."""
        records = []
        for name, data in self._raw_records(
            os.path.join(folder, ""), names, problems, whole_folder
        ):
            if keep is not None and not keep(data):
                continue
            try:
                records.append((name, codec.from_data(cls, data)))
            except codec.RecordError as error:
                problems.append(f"{self.relative(Path(folder, name))}: {error.message}.")
        return records

    def _raw_records(
        self, base: str, names: list[str], problems: list[str] | None, whole_folder: bool = False
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """Each readable record's raw data; from the cache when its file is unchanged (key:
        size, mtime, inode), otherwise read, parsed and remembered. Without `problems`, the
        first file that cannot be read raises."""
        for year, group in itertools.groupby(names, key=_year_of):
            unit = list(group)
            cache, part = self._unit(base, year) if self.cached else (None, "")
            checked = (
                cache.check(base, part, unit) if cache else ((name, None, None) for name in unit)
            )
            for name, key, data in checked:
                if data is None:
                    with _as_problem(problems):
                        data = self.read_data(Path(base + name))
                        if cache is not None:
                            data = plain(data)
                            if key is not None:
                                cache.store(part + name, key, data)
                if data is not None:
                    yield name, data
            if cache is not None and whole_folder:
                cache.prune(part, set(unit))

    def _read_raw(self, path: str | Path) -> dict[str, Any]:
        folder, name = os.path.split(path)
        _, data = next(self._raw_records(folder + os.sep, [name], None))
        return data

    def _unit(self, base: str, year: str = "") -> tuple[CacheUnit, str]:
        """The cache file of a folder (`base` ends with a separator) and, for date-named
        records, of a year; and the folder's part in it (see store/cache.py for the layout)."""
        rels = self.rels_base
        part = ""
        if base.startswith(rels) and base != rels:
            slug, _, part = base[len(rels) :].partition(os.sep)  # part: "goals/" or ""
            unit_base = rels + slug + os.sep
        else:
            unit_base = base
        found = self.caches.get((unit_base, year))
        if found is None:
            found = CacheUnit(cache_file_for(str(self.root), unit_base, year))
            self.caches[(unit_base, year)] = found
        return found, part

    def names_in(self, folder: str | os.PathLike[str]) -> list[str]:
        """The record file names of a folder, sorted (so dated ones are in date order), from its
        listing alone. A linked or missing folder has none: links are never followed (doctor
        reports them). With the cache on, an unchanged folder is not listed again."""
        joined = self._joined_names(folder)
        return joined.split("/") if joined else []

    def _joined_names(self, folder: str | os.PathLike[str]) -> str:
        """The names of `names_in`, joined by slashes (which no file name holds): the form the
        cache keeps, one string to load rather than hundreds."""
        try:
            info = os.stat(folder, follow_symlinks=False)
        except (FileNotFoundError, NotADirectoryError):
            return ""
        if not stat.S_ISDIR(info.st_mode):
            return ""
        cache, part = self._unit(os.path.join(folder, "")) if self.cached else (None, "")
        joined = cache.names(part, info) if cache else None
        if joined is None:
            listed = os.listdir(folder)
            joined = "/".join(sorted(n for n in listed if n.endswith(".toml") and n[0] != "."))
            if cache:
                cache.store_names(part, info, joined)
        return joined

    def save_cache(self) -> None:
        """Keep what this run parsed for the next (derived data: failures are harmless)."""
        if self.caches and (self.root / JOURNAL_FILE).exists():
            for cache in self.caches.values():
                cache.save()

    # -- writing ----------------------------------------------------------------------------

    def create(self, path: Path, record: Any) -> None:
        """Write a new record file (caller holds the lock).

        New files are written with tomli_w: about 1 ms to import against tomlkit's 15, on the
        path of every `checkin log`. Strings stay on one line with escapes, as tomlkit writes
        them (a multi-line string would turn a CRLF into a LF). Changes to existing files go
        through tomlkit, which keeps what a person wrote."""
        import tomli_w

        if path.exists() or path.is_symlink():
            raise JournalError(f"{self.relative(path)} already exists; not overwriting it.")
        files.atomic_write(path, tomli_w.dumps(codec.to_data(record)))

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
        files.parse_toml(path, content, self.relative(path))
        document = tomlkit.parse(content.decode("utf-8-sig"))
        self._refuse_newer(path, document.get("schema"))
        _merge(document, record)
        files.atomic_write(path, tomlkit.dumps(document))

    def _refuse_newer(self, path: Path, schema: Any) -> None:
        if isinstance(schema, int) and schema > SCHEMA:
            raise JournalError(
                f"{self.relative(path)} was written by a newer mentorlog (schema {schema}; "
                f"this version knows {SCHEMA}). It was left untouched.",
                hint="Upgrade mentorlog: pip install --upgrade mentorlog",
            )

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Lock for a change, after checking the journal is ours to write."""
        self.require()
        with self.lock():
            data = self._read_raw(self.root / JOURNAL_FILE)  # as fresh as the file: keyed by stat
            self._refuse_newer(self.root / JOURNAL_FILE, data.get("schema"))
            yield

    def new_id(self, taken: Container[str]) -> str:
        # SystemRandom is what `secrets` uses; `random` is loaded by every write anyway (by
        # tempfile), while `secrets` would load hashlib and hmac too.
        import random

        choose = random.SystemRandom().choice
        while True:
            candidate = "".join(choose(ID_ALPHABET) for _ in range(ID_LENGTH))
            if candidate not in taken:
                return candidate

    def move(self, path: Path, target: Path) -> None:
        """Rename a record within its folder (a dated record whose date changed), never over
        another file (caller holds the lock)."""
        if target.exists() or target.is_symlink():
            raise JournalError(f"{self.relative(target)} already exists; not overwriting it.")
        os.replace(path, target)
        files.fsync_dir(target.parent)

    def trash(self, path: Path) -> Path:
        """Move a record to .trash/, keeping its place in the tree, never overwriting."""
        relative = path.relative_to(self.root)
        target = self.root / TRASH_DIR / relative
        files.ensure_dir(target.parent)
        if target.exists():
            stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
            target = target.with_name(f"{target.stem}.{stamp}{target.suffix}")
        os.replace(path, target)
        files.fsync_dir(path.parent)
        files.fsync_dir(target.parent)
        return target

    # -- relationships ----------------------------------------------------------------------

    def relationship_slugs(self) -> list[str]:
        base = self.root / REL_DIR
        if not base.is_dir():
            return []
        return sorted(
            entry.name for entry in os.scandir(base) if entry.is_dir(follow_symlinks=False)
        )

    def load_relationship(self, slug: str) -> Relationship:
        rel = self.read(self.rel_file(slug), Relationship)
        rel.id = slug  # the folder's name, whatever the file says
        return rel

    def load_relationships(self, problems: list[str]) -> list[Relationship]:
        rels = []
        for slug in self.relationship_slugs():
            try:
                rels.append(self.load_relationship(slug))
            except (JournalError, UserError) as error:
                problems.append(error.message)
        return rels

    def resolve_relationship(self, ref: str) -> Relationship:
        """Find a relationship by slug, unique slug prefix or the counterpart's name."""
        wanted = ref.strip()
        slugs = self.relationship_slugs()
        if not wanted:
            raise UserError("A relationship name is empty.")
        lowered = wanted.lower()
        if lowered in slugs:
            return self.load_relationship(lowered)
        problems: list[str] = []
        rels = self.load_relationships(problems)
        by_name = [rel for rel in rels if normalise_name(rel.counterpart) == normalise_name(wanted)]
        if len(by_name) == 1:
            return by_name[0]
        prefixed = [slug for slug in slugs if slug.startswith(lowered)]
        if len(prefixed) == 1:
            return self.load_relationship(prefixed[0])
        named = [
            rel
            for rel in rels
            if normalise_name(rel.counterpart).startswith(normalise_name(wanted))
        ]
        if len(named) == 1:
            return named[0]
        candidates = prefixed or [rel.id for rel in named]
        if len(candidates) > 1:
            raise UserError(
                f"'{wanted}' matches several relationships: {', '.join(candidates)}.",
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
        """Ids in use by a kind of record across the journal (new ids must avoid them)."""
        folders = (
            os.path.join(self.root, REL_DIR, slug, kind) for slug in self.relationship_slugs()
        )
        # Each folder's names as the cache keeps them, joined: no Python step per record.
        return IdsInUse(self._joined_names(folder) for folder in folders)

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


def _merge(document: MutableMapping[str, Any], record: Any) -> None:
    """Write a dataclass's fields into a tomlkit document, leaving other keys and comments be."""
    for field in codec.stored_fields(record):
        value = getattr(record, field.name)
        current = document.get(field.name)
        if dataclasses.is_dataclass(value) and isinstance(current, MutableMapping):
            _merge(current, value)
            continue
        plain = codec.plain_value(value)
        if codec.omitted(field, plain):
            if field.name in document:
                del document[field.name]
        elif _unwrap(current) != plain:
            document[field.name] = plain


def _unwrap(value: Any) -> Any:
    return value.unwrap() if hasattr(value, "unwrap") else value
