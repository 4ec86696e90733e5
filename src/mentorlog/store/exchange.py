"""Export and import: the whole journal as one JSON document, and back, idempotently."""

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from msgspec import Struct, field, structs

from mentorlog.core.export import (
    EXPORT_KIND,
    EXPORT_VERSION,
    JournalExport,
    RelationshipExport,
    withhold_private,
)
from mentorlog.core.model import (
    SCHEMA,
    Action,
    Agenda,
    AgendaItem,
    CheckIn,
    Contact,
    FileProblem,
    Goal,
    HealthPulse,
    LearningEntry,
    Relationship,
)
from mentorlog.core.text import normalise_name
from mentorlog.errors import UserError
from mentorlog.store import files
from mentorlog.store.convert import RecordError, to_record
from mentorlog.store.journal import AGENDA_FILE, Journal, id_from_name
from mentorlog.store.layout import LEARNING_DIR, NETWORK_DIR
from mentorlog.store.records import (
    load_agenda,
    load_contacts,
    load_kind,
    load_learning,
    load_relationships,
    readable_agenda,
)

T = TypeVar("T")
REL_RECORDS: dict[str, type[Any]] = {
    "checkins": CheckIn,
    "goals": Goal,
    "actions": Action,
    "health": HealthPulse,
}
# Each list of an export, as one of its records is called (in errors and the import report).
RECORD_WORDS = {
    "relationships": "relationship",
    "checkins": "check-in",
    "goals": "goal",
    "actions": "action",
    "health": "health pulse",
    "agenda": "agenda item",
    "learning": "learning entry",
    "network": "contact",
}
# Keys a view derives, which an export carries and no record stores.
_DERIVED = ("relationship", "deferrals", "overdue")
_NOTHING = (
    "Nothing was imported. Correct the file, or make it again with: mentorlog export --format json"
)
_UPGRADE = "Nothing was imported. Upgrade mentorlog, then import again."


def gather(
    journal: Journal,
    rel_id: str | None,
    include_private: bool,
    today: date,
    problems: list[FileProblem],
) -> JournalExport:
    rels = (
        [journal.resolve_relationship(rel_id)] if rel_id else load_relationships(journal, problems)
    )
    chosen = {r.id for r in rels}
    parts = []
    for rel in rels:
        checkins = load_kind(journal, rel.id, "checkins", problems)
        parts.append(
            RelationshipExport(
                relationship=rel,
                agenda=readable_agenda(journal, rel.id, problems),
                checkins=checkins if include_private else [withhold_private(c) for c in checkins],
                goals=load_kind(journal, rel.id, "goals", problems),
                actions=load_kind(journal, rel.id, "actions", problems),
                health=load_kind(journal, rel.id, "health", problems),
            )
        )
    learning = load_learning(journal, problems)
    contacts = load_contacts(journal, problems)
    if rel_id:
        learning = [e for e in learning if e.rel in chosen]
        contacts = [c for c in contacts if c.rel in chosen]
    return JournalExport(
        exported=today,
        owner=journal.info().owner,
        private_included=include_private,
        relationships=parts,
        learning=learning,
        network=contacts,
    )


class ImportReport(Struct, kw_only=True):
    """What an import added and what it skipped as already present, by list of the export."""

    added: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, added: bool) -> None:
        target = self.added if added else self.skipped
        target[kind] = target.get(kind, 0) + 1


def read_export(source: Path) -> JournalExport:
    """The export a file holds, checked whole before anything is written: whatever the file
    holds, a problem is one error naming it (exit 1), never a traceback."""
    try:
        content = files.read_given_file(source, MAX_EXPORT_BYTES, "an export")
    except FileNotFoundError:
        raise UserError(f"{source} does not exist.") from None
    except OSError as error:
        raise UserError(f"{source} could not be read: {error.strerror or error}.") from None
    try:
        return parse_export(_json_of(content, source))
    except RecursionError:  # JSON nested deeper than Python recurses: no export is
        raise UserError(f"{source} is nested too deeply to be an export.", hint=_NOTHING) from None


# Far more than any journal's export (the 50-relationship, 10-year benchmark journal's is
# about 60 MB), far less than a machine's memory.
MAX_EXPORT_BYTES = 512 * 1024 * 1024


def _json_of(content: bytes, source: Path) -> Any:
    """The JSON document in a file's bytes, made only of text a journal's files can hold."""
    if not content.strip():
        raise UserError(f"{source} is empty.", hint=_NOTHING)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UserError(
            f"{source} is not UTF-8 text (byte {error.start + 1:,}).", hint=_NOTHING
        ) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise UserError(
            f"{source} is not JSON: {error.msg} (line {error.lineno}, column {error.colno}).",
            hint=_NOTHING,
        ) from None
    except ValueError:  # Python's limit on the digits of an integer it reads
        raise UserError(
            f"{source} holds a number of more than {sys.get_int_max_str_digits():,} digits.",
            hint=_NOTHING,
        ) from None
    try:  # a \ud800 escape alone is no character, and no UTF-8 file can hold it
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise UserError(
            f"{source} is not Unicode text: it holds a lone surrogate escape (\\ud800-\\udfff).",
            hint=_NOTHING,
        ) from None
    return document


class _Header(Struct, kw_only=True):
    """An export's own keys (its lists aside), their types checked as a record's are."""

    kind: str
    version: int
    schema: int = SCHEMA
    exported: date
    owner: str = ""
    private_included: bool = False


_LISTS = ("relationships", "learning", "network")


def parse_export(document: Any) -> JournalExport:
    """Every record of an export converted and checked, and none listed twice, before anything
    is written: all or nothing."""
    if not isinstance(document, dict) or document.get("kind") != EXPORT_KIND:
        raise UserError(
            "This is not a mentorlog JSON export.",
            hint="Make one with: mentorlog export --format json",
        )
    header = _record(_Header, {k: v for k, v in document.items() if k not in _LISTS}, "The export")
    lists = {name: _list(document.get(name, []), name) for name in _LISTS}
    if header.version > EXPORT_VERSION:
        raise UserError(
            f"This export is from a newer mentorlog (export version {header.version}).",
            hint=_UPGRADE,
        )
    export = JournalExport(
        exported=header.exported,
        owner=header.owner,
        private_included=header.private_included,
        relationships=[
            _relationship_part(part, f"relationships[{n}]")
            for n, part in enumerate(lists["relationships"])
        ],
        learning=[
            _record(LearningEntry, entry, f"learning[{i}]")
            for i, entry in enumerate(lists["learning"])
        ],
        network=[
            _record(Contact, contact, f"network[{i}]") for i, contact in enumerate(lists["network"])
        ],
    )
    refuse_duplicates(export)
    return export


def _relationship_part(data: Any, where: str) -> RelationshipExport:
    if not isinstance(data, dict):
        raise UserError(f"{where} should be an object.", hint=_NOTHING)
    lists = {kind: _list(data.get(kind, []), f"{where}.{kind}") for kind in REL_RECORDS}
    return RelationshipExport(
        relationship=_record(Relationship, data.get("relationship"), f"{where}.relationship"),
        agenda=_record(Agenda, data.get("agenda", {}), f"{where}.agenda"),
        **{
            kind: [_record(cls, item, f"{where}.{kind}[{i}]") for i, item in enumerate(lists[kind])]
            for kind, cls in REL_RECORDS.items()
        },
    )


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise UserError(f"{where} should be a list.", hint=_NOTHING)
    return value


def _record(cls: type[T], data: Any, where: str) -> T:
    """One record of the export, through the border every record crosses (store/convert.py),
    its problem named by its place in the file and its id."""
    if not isinstance(data, dict):
        raise UserError(f"{where} should be an object.", hint=_NOTHING)
    record_id = data.get("id")
    named = f"{where} (id {record_id:.40})" if isinstance(record_id, str) else where
    schema = data.get("schema")
    if isinstance(schema, int) and schema > SCHEMA:
        raise UserError(f"{named} is from a newer mentorlog (schema {schema}).", hint=_UPGRADE)
    stored = {key: value for key, value in data.items() if key not in _DERIVED}
    try:
        return to_record(cls, stored, dates_as_text=True)
    except RecordError as error:
        raise UserError(f"{named}: {error.message}.", hint=_NOTHING) from None


class Placed(NamedTuple):
    """A record of an export and where it sits: its list, its relationship, its position."""

    kind: str  # a key of RECORD_WORDS
    rel: str | None
    where: str
    record: Any


def placed(export: JournalExport) -> Iterator[Placed]:
    """Every record of an export that has an id, in the order of the file."""
    for n, part in enumerate(export.relationships):
        rel = part.relationship.id
        yield Placed("relationships", None, f"relationships[{n}]", part.relationship)
        for kind in REL_RECORDS:
            for i, record in enumerate(getattr(part, kind)):
                yield Placed(kind, rel, f"relationships[{n}].{kind}[{i}]", record)
        for i, item in enumerate(part.agenda.item):
            yield Placed("agenda", rel, f"relationships[{n}].agenda.item[{i}]", item)
    for i, entry in enumerate(export.learning):
        yield Placed("learning", None, f"learning[{i}]", entry)
    for i, contact in enumerate(export.network):
        yield Placed("network", None, f"network[{i}]", contact)


def refuse_duplicates(export: JournalExport) -> None:
    """Ids are unique in a journal: a record listed twice (even with another date, or in
    another relationship) would be two records no command could tell apart."""
    first: dict[tuple[str, str], str] = {}
    for item in placed(export):
        seen = first.setdefault((item.kind, item.record.id), item.where)
        if seen != item.where:
            raise UserError(
                f"The {RECORD_WORDS[item.kind]} {item.record.id} is listed twice, "
                f"at {seen} and at {item.where}.",
                hint=_NOTHING,
            )


def refuse_other_side(export: JournalExport, owner: str) -> None:
    """An export whose relationship has this journal's owner as its counterpart is the other
    person's side of it: imported, it would make a relationship with oneself."""
    for part in export.relationships:
        rel = part.relationship
        if owner and normalise_name(rel.counterpart) == normalise_name(owner):
            theirs = f"{export.owner}'s" if export.owner else "the other person's"
            raise UserError(
                f"This export is {theirs} side of a relationship with {rel.counterpart}, who "
                "keeps this journal: imported here, it would be a relationship with yourself. "
                "Nothing was imported.",
                hint="Import restores your own exports into your own journal.",
            )


class ImportPlan(Struct, kw_only=True):
    """What an import writes, all worked out and checked before the first file is."""

    new: list[tuple[Path, Any]] = field(default_factory=list)
    agendas: list[tuple[Path, Agenda]] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)


def plan_import(journal: Journal, export: JournalExport) -> ImportPlan:
    """Every record the journal lacks (by id) is new, every one it has is skipped; one that it
    keeps in another relationship is refused, as two records of one id could not be told
    apart."""
    refuse_other_side(export, journal.info().owner)
    agendas = {slug: load_agenda(journal, slug) for slug in journal.relationship_slugs()}
    homes = _homes(journal, agendas)
    plan = ImportPlan()
    extra: dict[str, list[AgendaItem]] = {}
    for item in placed(export):
        record_id = item.record.id
        new = record_id not in homes[item.kind]
        if not new and homes[item.kind][record_id] != item.rel:
            raise UserError(
                f"The {RECORD_WORDS[item.kind]} {record_id} ({item.where}) belongs to "
                f"{homes[item.kind][record_id]} in this journal, not to {item.rel}.",
                hint=_NOTHING,
            )
        plan.report.count(item.kind, new)
        if new and item.kind == "agenda":
            extra.setdefault(str(item.rel), []).append(item.record)
        elif new:
            plan.new.append((_path(journal, item), item.record))
    for slug, items in extra.items():
        agenda = agendas.get(slug, Agenda())
        plan.agendas.append(
            (
                journal.rel_dir(slug) / AGENDA_FILE,
                structs.replace(agenda, item=[*agenda.item, *items]),
            )
        )
    return plan


def _homes(journal: Journal, agendas: dict[str, Agenda]) -> dict[str, dict[str, str | None]]:
    """The ids a journal holds, by list of an export, each with its relationship (if any)."""
    homes: dict[str, dict[str, str | None]] = {
        kind: {ref.id: ref.rel for ref in journal.record_refs(kind)} for kind in REL_RECORDS
    }
    homes["agenda"] = {item.id: slug for slug, agenda in agendas.items() for item in agenda.item}
    homes["relationships"] = {slug: None for slug in agendas if journal.rel_file(slug).exists()}
    homes["learning"] = {
        id_from_name(name): None for name in journal.names_in(journal.root / LEARNING_DIR)
    }
    homes["network"] = {
        name.removesuffix(".toml"): None for name in journal.names_in(journal.root / NETWORK_DIR)
    }
    return homes


def _path(journal: Journal, item: Placed) -> Path:
    """Where a new record of an export is written."""
    if item.kind == "relationships":
        return journal.rel_file(item.record.id)
    if item.kind == "learning":
        return journal.learning_path(item.record)
    if item.kind == "network":
        return journal.contact_path(item.record.id)
    return journal.path_for(str(item.rel), item.kind, item.record)


def apply_import(journal: Journal, export: JournalExport) -> ImportReport:
    """Add every record the journal lacks, skip those it has; nothing is written unless the
    whole export can be. The caller holds the lock."""
    plan = plan_import(journal, export)
    written: list[tuple[Path, bytes | None]] = []  # each file written, with what it held
    made = [p for p in _folders_of(plan, journal.root) if not os.path.lexists(p)]
    try:
        for path, record in plan.new:
            journal.create(path, record)
            written.append((path, None))
        for path, agenda in plan.agendas:
            before = path.read_bytes() if path.exists() else None
            journal.put(path, agenda)
            written.append((path, before))
    except BaseException:  # a write failed (a link, a full disk): take back those done
        _take_back(written, made)
        raise
    return plan.report


def _folders_of(plan: ImportPlan, root: Path) -> list[Path]:
    """The folders below the root that the plan's files are in, deepest first."""
    folders = {
        folder
        for path, _ in [*plan.new, *plan.agendas]
        for folder in path.parents
        if root in folder.parents
    }
    return sorted(folders, key=lambda folder: len(folder.parts), reverse=True)


def _take_back(written: list[tuple[Path, bytes | None]], made: list[Path]) -> None:
    """Restore what an import wrote before one of its writes failed, so it changed nothing."""
    for path, before in reversed(written):
        if before is None:
            if path.is_file() and not path.is_symlink():
                path.unlink()
        else:
            files.atomic_write(path, before)
    for folder in made:
        with contextlib.suppress(OSError):
            folder.rmdir()
