"""Case-insensitive search over what people wrote, with a snippet around each match."""

from collections.abc import Iterable, Iterator
from datetime import date

from mentorlog.core.datatype import datatype
from mentorlog.core.model import Action, CheckIn, Goal, LearningEntry, Relationship
from mentorlog.core.text import snippet


@datatype
class SearchHit:
    """One match of a search: which record, which field, and a snippet."""

    date: date | None
    relationship: str | None
    kind: str
    id: str
    field: str
    snippet: str
    match_start: int
    match_end: int


def _texts(pairs: Iterable[tuple[str, str | list[str]]]) -> Iterator[tuple[str, str]]:
    for name, value in pairs:
        for text in [value] if isinstance(value, str) else value:
            yield name, text


def _hit(
    query: str,
    kind: str,
    record_id: str,
    day: date | None,
    rel: str | None,
    fields: Iterable[tuple[str, str]],
) -> SearchHit | None:
    """The first field that matches gives the record's one hit."""
    folded = query.casefold()
    for name, text in fields:
        if folded in text.casefold():
            window, start, end = snippet(text, query)
            return SearchHit(
                date=day,
                relationship=rel,
                kind=kind,
                id=record_id,
                field=name,
                snippet=window,
                match_start=start,
                match_end=end,
            )
    return None


def search_checkin(query: str, checkin: CheckIn) -> SearchHit | None:
    fields = _texts(
        [
            ("summary", checkin.summary),
            ("notes", checkin.notes),
            ("topics", checkin.topics),
            ("feedback_given", checkin.feedback_given),
            ("feedback_received", checkin.feedback_received),
            ("concerns", checkin.concerns),
            ("learned", checkin.learned),
            ("why", checkin.why),
        ]
    )
    return _hit(query, "checkin", checkin.id, checkin.date, checkin.relationship, fields)


def search_goal(query: str, goal: Goal) -> SearchHit | None:
    fields = _texts(
        [
            ("title", goal.title),
            ("why", goal.why),
            ("measure", goal.measure),
            ("milestone", [m.title for m in goal.milestone]),
            ("update", [u.note for u in goal.update]),
        ]
    )
    latest = goal.update[-1].date if goal.update else goal.created
    return _hit(query, "goal", goal.id, latest, goal.relationship, fields)


def search_action(query: str, action: Action) -> SearchHit | None:
    return _hit(
        query,
        "action",
        action.id,
        action.due or action.created,
        action.relationship,
        [("text", action.text)],
    )


def search_learning(query: str, entry: LearningEntry) -> SearchHit | None:
    fields = _texts([("text", entry.text), ("link", entry.link), ("tags", entry.tags)])
    return _hit(query, "learning", entry.id, entry.date, entry.rel, fields)


def search_agreement(query: str, rel: Relationship) -> list[SearchHit]:
    hits = []
    for item in rel.agreement.item:
        hit = _hit(query, "agreement", item.id, None, rel.id, [(item.section, item.text)])
        if hit:
            hits.append(hit)
    return hits


def rank(hits: list[SearchHit]) -> list[SearchHit]:
    """Newest first; undated (agreement items) last."""
    return sorted(hits, key=lambda hit: (hit.date is not None, hit.date or date.min), reverse=True)
