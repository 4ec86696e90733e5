"""Loading the records a view needs, through the index (store/index.py): one query per kind,
selecting on what the records say (their dates and status), never on their file names."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

import msgspec

from mentorlog.core.health import has_latest
from mentorlog.core.model import (
    Agenda,
    CheckInEntry,
    Contact,
    FileProblem,
    LearningEntry,
    PulseEntry,
    Relationship,
    RelationshipRecords,
)
from mentorlog.core.search import (
    KIND_WORDS,
    KINDS,
    MARK_END,
    MARK_START,
    SearchHit,
    make_hit,
    searched_fields,
)
from mentorlog.errors import JournalError, UserError
from mentorlog.store.index import PARTS, VIEW_TYPES, problem_of
from mentorlog.store.journal import Journal
from mentorlog.store.layout import AGENDA_FILE, LEARNING_DIR, NETWORK_DIR, REL_DIR, REL_FILE

if TYPE_CHECKING:
    import sqlite3


_problem_decoder = msgspec.msgpack.Decoder(FileProblem)


def _problems(rows: Iterable[tuple[bytes]]) -> list[FileProblem]:
    return [_problem_decoder.decode(problem) for (problem,) in rows]


@cache
def _decoder(kind: str) -> msgspec.msgpack.Decoder[Any]:
    """The decoder of a kind's index rows (its view type), made once per run."""
    return msgspec.msgpack.Decoder(VIEW_TYPES[kind])


def _rows(
    journal: Journal,
    kind: str,
    problems: list[FileProblem],
    rels: Iterable[str] | None = None,
    where: str = "",
    params: tuple[Any, ...] = (),
    order: str = "day, id",
) -> list[Any]:
    """The records of a kind (of some relationships) that `where` selects; every record of
    them that cannot be read is a problem, whatever its date."""
    chosen = ""
    rel_params: tuple[Any, ...] = ()
    if rels is not None:
        rel_list = list(rels)
        chosen = f" AND rel IN ({','.join('?' * len(rel_list))})"
        rel_params = tuple(rel_list)
    decode = _decoder(kind).decode
    query = f"SELECT data FROM record WHERE kind = ? AND problem IS NULL{chosen}"
    query += f" AND ({where})" if where else ""

    def ask(db: sqlite3.Connection) -> tuple[list[FileProblem], list[Any]]:
        found = db.execute(
            f"SELECT problem FROM record WHERE kind = ? AND problem IS NOT NULL{chosen}"
            " ORDER BY folder, name",
            (kind, *rel_params),
        )
        rows = db.execute(f"{query} ORDER BY {order}", (kind, *rel_params, *params))
        return _problems(found), [decode(data) for (data,) in rows]

    found, records = journal.index.answer(ask)
    problems += found
    return records


def load_relationships(journal: Journal, problems: list[FileProblem]) -> list[Relationship]:
    """Every relationship whose file can be read, by slug; a folder without one is a problem."""
    rels: list[Relationship] = _rows(journal, "relationship", problems, order="rel")
    found = journal.index.answer(
        lambda db: {r for (r,) in db.execute("SELECT rel FROM record WHERE kind = 'relationship'")}
    )
    problems += [
        FileProblem(file=f"{REL_DIR}/{slug}/{REL_FILE}", message="this required file is missing.")
        for slug in journal.relationship_slugs()
        if slug not in found
    ]
    return rels


def load_kind(
    journal: Journal,
    slug: str | None,
    kind: str,
    problems: list[FileProblem],
    since: date | None = None,
) -> list[Any]:
    """A relationship's records of one kind (all relationships' when `slug` is None), as
    entries that know their relationship, oldest first.

    With `since`, only what can count from that day on: check-ins and pulses from it (and those
    before it back to the latest held: when we last met and what was planned next); goals
    open or closed from it; actions open, closed or due from it."""
    rels = None if slug is None else [slug]
    if since is None:
        return _rows(journal, kind, problems, rels)
    day = since.isoformat()
    if kind == "actions":
        return _rows(
            journal, kind, problems, rels, "day IS NULL OR day >= ? OR due >= ?", (day, day)
        )
    if kind == "goals":
        return _rows(journal, kind, problems, rels, "day IS NULL OR day >= ?", (day,))
    recent = _rows(journal, kind, problems, rels, "day >= ?", (day,))
    if kind != "checkins":
        return recent
    before = []
    for rel in rels if rels is not None else journal.relationship_slugs():
        before += _latest_meeting_before(journal, rel, day)
    return sorted(before + recent, key=lambda c: (c.date, c.id)) if before else recent


def _newest_first(
    journal: Journal,
    kind: str,
    rel: str,
    where: str,
    params: tuple[Any, ...],
    problems: list[FileProblem],
) -> Iterator[Any]:
    """A relationship's records of a kind that `where` selects, newest first, decoded a few at
    a time: a caller that stops early leaves years of them undecoded. Its unreadable records
    of that kind go to `problems` once."""
    batch, offset = 8, 0
    while True:
        order = f"day DESC, id DESC LIMIT {batch} OFFSET {offset}"
        older = _rows(journal, kind, [] if offset else problems, [rel], where, params, order)
        yield from older
        if len(older) < batch:
            return
        offset += batch


def _latest_meeting_before(journal: Journal, rel: str, day: str) -> list[CheckInEntry]:
    """The check-ins before `day` back to the last day one was held (skips since, and every
    check-in of that day, included: the schedule orders a day's check-ins by their time)."""
    found: list[CheckInEntry] = []
    for checkin in _newest_first(journal, "checkins", rel, "day < ?", (day,), []):
        if any(not c.skipped for c in found) and checkin.date < found[-1].date:
            break
        found.append(checkin)
    return found


def load_checkins(
    journal: Journal,
    rels: list[str],
    problems: list[FileProblem],
    start: date | None = None,
    end: date | None = None,
    limit: int = 0,
) -> list[CheckInEntry]:
    """Check-ins dated from `start` to `end` (both included), newest first, at most `limit`
    (0: all)."""
    where = "day >= ? AND day <= ?"
    bounds = ((start or date.min).isoformat(), (end or date.max).isoformat())
    order = "day DESC, id DESC" + (f" LIMIT {int(limit)}" if limit > 0 else "")
    return _rows(journal, "checkins", problems, rels, where, bounds, order)


def latest_pulses(
    journal: Journal, slug: str, problems: list[FileProblem], as_of: date
) -> list[PulseEntry]:
    """The pulses a health summary compares, oldest first: read newest first until each
    party's latest two up to `as_of` are in, so years of monthly pulses stay undecoded."""
    pulses: list[PulseEntry] = []
    upto = (as_of.isoformat(),)
    for pulse in _newest_first(journal, "health", slug, "day <= ?", upto, problems):
        if has_latest(pulses, as_of):
            break
        pulses.insert(0, pulse)
    return pulses


def load_agenda(journal: Journal, slug: str) -> Agenda:
    """A relationship's agenda, from its one file (writes need it without the index)."""
    path = journal.rel_dir(slug) / AGENDA_FILE
    return journal.read(path, Agenda) if path.exists() else Agenda()


def readable_agenda(journal: Journal, slug: str, problems: list[FileProblem]) -> Agenda:
    """A relationship's agenda for a view: one that cannot be read is a problem named with the
    others, and fails no review, list or export of the rest."""
    try:
        return load_agenda(journal, slug)
    except (JournalError, UserError) as error:
        problems.append(problem_of(error, f"{REL_DIR}/{slug}/{AGENDA_FILE}"))
        return Agenda()


def load_learning(
    journal: Journal, problems: list[FileProblem], since: date | None = None
) -> list[LearningEntry]:
    if since is None:
        return _rows(journal, LEARNING_DIR, problems)
    return _rows(journal, LEARNING_DIR, problems, where="day >= ?", params=(since.isoformat(),))


def load_contacts(journal: Journal, problems: list[FileProblem]) -> list[Contact]:
    return _rows(journal, NETWORK_DIR, problems, order="id")


def load_bundle(
    journal: Journal,
    rel: Relationship,
    problems: list[FileProblem],
    since: date | None = None,
    actions_since: date | None = None,
    learning: list[LearningEntry] | None = None,
    contacts: list[Contact] | None = None,
    as_of: date | None = None,
) -> RelationshipRecords:
    """One relationship's records: with `since`, what can count from that day on (see
    load_kind; actions from `actions_since` if given); with `as_of`, only each party's latest
    two pulses."""
    slug = rel.id
    agenda = readable_agenda(journal, slug, problems)
    return RelationshipRecords(
        rel=rel,
        checkins=load_kind(journal, slug, "checkins", problems, since),
        goals=load_kind(journal, slug, "goals", problems, since),
        actions=load_kind(journal, slug, "actions", problems, actions_since or since),
        health=(
            latest_pulses(journal, slug, problems, as_of)
            if as_of
            else load_kind(journal, slug, "health", problems)
        ),
        agenda=agenda,
        learning=[e for e in learning or [] if e.rel == slug],
        contacts=[c for c in contacts or [] if c.rel == slug],
    )


def search(
    journal: Journal,
    query: str,
    problems: list[FileProblem],
    kinds: list[str],
    rels: list[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 0,
) -> list[SearchHit]:
    """Full-text search (FTS5: words, "phrases", prefix*, OR, NOT) over the records of the
    given kinds, most relevant first, then newest; hits dated from `since` to `until` when
    given (agreement items have no date). Words FTS5 cannot read (`C++`, a lone `OR`) are
    searched as phrases. Snippets are made for the hits shown only."""
    where = f"r.kind IN ({','.join('?' * len(kinds))})"
    params: list[Any] = [KINDS[k] for k in kinds]
    if rels is not None:
        where += f" AND r.rel IN ({','.join('?' * len(rels))})"
        params += rels
    for bound, test in ((since, ">="), (until, "<=")):
        if bound is not None:
            where += f" AND r.hit {test} ?"
            params.append(bound.isoformat())
    ranked = (
        "SELECT f.rowid FROM fulltext AS f JOIN record AS r ON r.rowid = f.rowid / ?"
        f" WHERE fulltext MATCH ? AND {where} ORDER BY bm25(fulltext), r.hit DESC, r.id"
        + (f" LIMIT {int(limit)}" if limit > 0 else "")
    )
    shown = (
        "SELECT f.rowid, r.kind, r.rel, r.data, f.item, snippet(fulltext, 0, ?, ?, '…', 12)"
        " FROM fulltext AS f JOIN record AS r ON r.rowid = f.rowid / ?"
        " WHERE fulltext MATCH ? AND f.rowid IN (SELECT value FROM json_each(?))"
    )

    from sqlite3 import OperationalError

    def ask(db: sqlite3.Connection) -> tuple[list[FileProblem], list[Any]]:
        found = db.execute(
            f"SELECT problem FROM record AS r WHERE problem IS NOT NULL AND {where}"
            " ORDER BY folder, name",
            params,
        )
        problem_lines = _problems(found)
        for attempt in (query, _as_phrases(query)):
            try:
                order = [rowid for (rowid,) in db.execute(ranked, (PARTS, attempt, *params))]
            except OperationalError:  # not FTS5 syntax: try it as phrases
                continue
            rows = db.execute(shown, (MARK_START, MARK_END, PARTS, attempt, json.dumps(order)))
            by_rowid = {row[0]: row[1:] for row in rows}
            return problem_lines, [by_rowid[rowid] for rowid in order if rowid in by_rowid]
        return problem_lines, []

    found, rows = journal.index.answer(ask)
    problems += found
    hits = []
    for kind, rel, data, item, marked in rows:
        record = _decoder(kind).decode(data)
        if kind == "relationship":
            agreement = {i.id: i for i in record.agreement.item}
            fields = [(agreement[item].section, agreement[item].text)] if item in agreement else []
        else:
            fields = searched_fields(kind, record)
        hits.append(make_hit(KIND_WORDS[kind], record, rel, item, marked, fields))
    return hits


def _as_phrases(query: str) -> str:
    """A query whose words FTS5 cannot parse, with each word quoted as a phrase (keeping OR,
    AND, NOT between words, and a trailing *, as operators)."""
    words: list[str] = []
    given = query.split()
    for n, word in enumerate(given):
        if word in ("OR", "AND", "NOT") and 0 < n < len(given) - 1:
            words.append(word)
            continue
        star = "*" if word.endswith("*") and len(word) > 1 else ""
        core = word[:-1] if star else word
        words.append('"' + core.replace('"', '""') + '"' + star)
    return " ".join(words)
