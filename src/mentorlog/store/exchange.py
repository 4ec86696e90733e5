"""Export and import: the whole journal as one JSON document, and back, idempotently."""

import re
from datetime import date
from typing import Any

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
from mentorlog.store.convert import RecordError, to_record
from mentorlog.store.journal import AGENDA_FILE, Journal
from mentorlog.store.records import (
    load_agenda,
    load_contacts,
    load_kind,
    load_learning,
    load_relationships,
)

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_ID = re.compile(r"^[a-z0-9]{1,16}$")
REL_RECORDS: dict[str, type[Any]] = {
    "checkins": CheckIn,
    "goals": Goal,
    "actions": Action,
    "health": HealthPulse,
}


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
                agenda=load_agenda(journal, rel.id),
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
    """What an import added and what it skipped as already present."""

    added: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, added: bool) -> None:
        target = self.added if added else self.skipped
        target[kind] = target.get(kind, 0) + 1


def _record(cls: type[Any], data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise UserError(f"{where}: a record should be an object.")
    schema = data.get("schema", SCHEMA)
    if isinstance(schema, int) and schema > SCHEMA:
        raise UserError(
            f"{where} is from a newer mentorlog (schema {schema}).",
            hint="Upgrade mentorlog, then import again.",
        )
    clean = {
        key: value
        for key, value in data.items()
        if key not in ("relationship", "deferrals", "overdue")
    }
    try:
        record = to_record(cls, clean, dates_as_text=True)
    except RecordError as error:
        raise UserError(f"{where}: {error.message}.") from None
    record_id = getattr(record, "id", None)
    if record_id is not None and not (
        _ID.match(record_id) or (cls in (Relationship, Contact) and _SLUG.match(record_id))
    ):
        raise UserError(f"{where}: '{record_id:.40}' is not a valid id; nothing was imported.")
    return record


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise UserError(f"{where} should be a list.")
    return value


def parse_export(document: Any) -> JournalExport:
    """Validate a whole export before anything is written: all or nothing."""
    if not isinstance(document, dict) or document.get("kind") != EXPORT_KIND:
        raise UserError(
            "This is not a mentorlog JSON export.",
            hint="Make one with: mentorlog export --format json",
        )
    version = document.get("version")
    if (
        not isinstance(version, int)
        or version > EXPORT_VERSION
        or document.get("schema", SCHEMA) > SCHEMA
    ):
        raise UserError(
            f"This export is from a newer mentorlog (export version {version}, schema {document.get('schema')}).",
            hint="Upgrade mentorlog, then import again.",
        )
    parts = []
    for n, part in enumerate(_list(document.get("relationships"), "relationships")):
        if not isinstance(part, dict):
            raise UserError(f"relationships[{n}] should be an object.")
        rel = _record(Relationship, part.get("relationship"), f"relationships[{n}]")
        lists = {
            kind: [
                _record(cls, item, f"{rel.id} {kind}[{i}]")
                for i, item in enumerate(_list(part.get(kind), kind))
            ]
            for kind, cls in REL_RECORDS.items()
        }
        parts.append(
            RelationshipExport(
                relationship=rel,
                agenda=_record(Agenda, part.get("agenda") or {}, f"{rel.id} agenda"),
                **lists,
            )
        )
    return JournalExport(
        exported=date.fromisoformat(str(document.get("exported", date.min.isoformat()))),
        owner=str(document.get("owner", "")),
        private_included=bool(document.get("private_included", False)),
        relationships=parts,
        learning=[
            _record(LearningEntry, e, f"learning[{i}]")
            for i, e in enumerate(_list(document.get("learning"), "learning"))
        ],
        network=[
            _record(Contact, c, f"network[{i}]")
            for i, c in enumerate(_list(document.get("network"), "network"))
        ],
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
                hint="Import restores your own exports. Two journals will share one relationship "
                "with mentorlog rel share and rel join (a later version).",
            )


def apply_import(journal: Journal, export: JournalExport) -> ImportReport:
    """Add every record the journal lacks; skip those it has (by id). The caller holds the lock."""
    refuse_other_side(export, journal.info().owner)
    report = ImportReport()
    for part in export.relationships:
        rel = part.relationship
        rel_file = journal.rel_file(rel.id)
        exists = rel_file.exists()
        if not exists:
            journal.create(rel_file, rel)
        report.count("relationships", not exists)
        for kind in REL_RECORDS:
            known = {ref.id for ref in journal.record_refs(kind, [rel.id])}
            for record in getattr(part, kind):
                new = record.id not in known
                if new:
                    journal.create(journal.path_for(rel.id, kind, record), record)
                report.count(kind, new)
        agenda = load_agenda(journal, rel.id)
        have = {item.id for item in agenda.item}
        extra = [item for item in part.agenda.item if item.id not in have]
        if extra:
            journal.put(
                journal.rel_dir(rel.id) / AGENDA_FILE,
                structs.replace(agenda, item=[*agenda.item, *extra]),
            )
        for item in part.agenda.item:
            report.count("agenda items", item in extra)
    known_learning = journal.taken_ids("learning")
    for entry in export.learning:
        new = entry.id not in known_learning
        if new:
            journal.create(journal.learning_path(entry), entry)
        report.count("learning", new)
    for contact in export.network:
        path = journal.contact_path(contact.id)
        new = not path.exists()
        if new:
            journal.create(path, contact)
        report.count("contacts", new)
    return report
