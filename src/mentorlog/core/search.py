"""Search hits: which record a full-text match is in, the field it is in, and a snippet with
the match marked (the index finds and ranks them; see store/records.py)."""

from collections.abc import Iterator
from datetime import date
from typing import Any

from msgspec import Struct

# Where the index marks a match inside a snippet (characters no text can hold).
MARK_START, MARK_END = "\x02", "\x03"
# Search's --kind words and the index's kinds of record.
KINDS = {
    "checkin": "checkins",
    "goal": "goals",
    "action": "actions",
    "agreement": "relationship",
    "learning": "learning",
    "contact": "network",
}
KIND_WORDS = {index_kind: word for word, index_kind in KINDS.items()}


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if value:
            yield value
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


# What people wrote in each kind of record (by the index's kinds), field by field: what
# search finds.
SEARCHED: dict[str, tuple[str, ...]] = {
    "checkins": (
        "summary",
        "notes",
        "topics",
        "feedback_given",
        "feedback_received",
        "concerns",
        "learned",
        "why",
    ),
    "goals": ("title", "why", "measure", "milestone", "update"),
    "actions": ("text",),
    "learning": ("text", "link", "tags"),
    "network": ("name", "role", "org", "via", "notes", "interaction"),
}


def searched_fields(kind: str, record: Any) -> list[tuple[str, str]]:
    """(field, text) of everything a person wrote in a record, in the order search shows."""
    fields: list[tuple[str, str]] = []
    for name in SEARCHED.get(kind, ()):
        value = getattr(record, name)
        if name == "milestone":
            value = [m.title for m in value]
        elif name in ("update", "interaction"):
            value = [getattr(entry, "note", "") or getattr(entry, "text", "") for entry in value]
        fields += [(name, text) for text in _texts(value)]
    return fields


class SearchHit(Struct, kw_only=True):
    """One match of a search: which record, which field, and a snippet."""

    date: date | None
    relationship: str | None
    kind: str
    id: str
    field: str
    snippet: str
    match_start: int
    match_end: int
    private: bool = False  # found in a private check-in: Markdown leaves its snippet out


def hit_date(kind: str, record: Any) -> date | None:
    """The day a hit is shown and filtered by: a goal's latest update, an action's due date,
    a contact's last interaction; agreement items have none."""
    day: date | None
    if kind == "goal":
        day = record.update[-1].date if record.update else record.created
    elif kind == "action":
        day = record.due or record.created
    elif kind == "contact":
        day = record.interaction[-1].date if record.interaction else record.added
    else:
        day = getattr(record, "date", None)
    return day


def make_hit(
    kind: str,
    record: Any,
    relationship: str | None,
    item: str,
    marked: str,
    fields: list[tuple[str, str]],
) -> SearchHit:
    """A hit from the index's snippet (`marked`, matches between MARK_START and MARK_END) and
    the record's (field, text) pairs: the field is the first that holds the first match."""
    flat = " · ".join(" ".join(line.split()) for line in marked.splitlines() if line.strip())
    start = flat.find(MARK_START)
    end = flat.find(MARK_END, start)
    word = flat[start + 1 : end].casefold() if 0 <= start < end else ""
    field = next((name for name, text in fields if word and word in text.casefold()), "")
    if not field and fields:
        field = fields[0][0]
    text = flat.replace(MARK_START, "").replace(MARK_END, "")
    if 0 <= start < end:
        match_start, match_end = start, end - 1
    else:
        match_start = match_end = -1
    record_id = item or record.id
    return SearchHit(
        date=hit_date(kind, record),
        relationship=relationship,
        kind=kind,
        id=record_id,
        field=field,
        snippet=text,
        match_start=match_start,
        match_end=match_end,
        private=bool(getattr(record, "private", False)),
    )
