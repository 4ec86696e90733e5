"""A realistic sample journal, written through the store like any other: a mentor with three
mentees and a mentor of her own, months of history ending on the given day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from mentorlog.core.model import Relationship
from mentorlog.store.journal import Journal


@dataclass(frozen=True)
class DemoPerson:
    name: str
    my_role: str
    cadence: str
    weeks_ago: int
    contact: str
    tags: tuple[str, ...]


PEOPLE = (
    DemoPerson("Ada Lovelace", "mentor", "every 2 weeks", 26, "ada@example.org", ("engineering",)),
    DemoPerson("Alan Turing", "mentor", "weekly", 14, "@alan", ("career-change",)),
    DemoPerson("Katherine Johnson", "mentor", "monthly", 30, "kj@example.org", ("leadership",)),
    DemoPerson(
        "Margaret Hamilton", "mentee", "monthly", 40, "margaret@example.org", ("my-growth",)
    ),
)


def build_demo(root: Path, today: date) -> Journal:
    journal = Journal(root)
    journal.init("Grace Hopper", today)
    with journal.writing():
        for person in PEOPLE:
            rel = Relationship(
                id=_slug(person.name),
                counterpart=person.name,
                my_role=person.my_role,
                started=today - timedelta(weeks=person.weeks_ago),
                cadence=person.cadence,
                contact=person.contact,
                tags=list(person.tags),
            )
            journal.create(journal.rel_file(rel.id), rel)
    return journal


def _slug(name: str) -> str:
    from mentorlog.core.text import slugify

    return slugify(name)
