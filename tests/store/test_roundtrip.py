"""Every record type survives write and read for arbitrary text; every file written parses."""

from __future__ import annotations

import tomllib
import typing
from datetime import date, time
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorlog.core import model
from mentorlog.core.model import (
    Action,
    Agenda,
    CheckIn,
    Contact,
    Goal,
    HealthPulse,
    JournalInfo,
    LearningEntry,
    Relationship,
)
from mentorlog.store.convert import to_data
from mentorlog.store.journal import Journal

# Any unicode a person can type (lone surrogates cannot be stored, and arrive as U+FFFD).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
STRATEGIES: dict[type[Any], st.SearchStrategy[Any]] = {
    str: TEXT,
    int: st.integers(-(2**63), 2**63 - 1),
    date: st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    time: st.times(),
}
RECORDS = [
    Relationship,
    CheckIn,
    Goal,
    Action,
    HealthPulse,
    LearningEntry,
    Contact,
    Agenda,
    JournalInfo,
]


@pytest.fixture(autouse=True, scope="module")
def _plain_strategies() -> Any:
    for kind, strategy in STRATEGIES.items():
        st.register_type_strategy(kind, strategy)
    for kind in vars(model).values():
        if isinstance(kind, type) and issubclass(kind, msgspec.Struct):
            st.register_type_strategy(kind, st.deferred(lambda kind=kind: _every_field(kind)))
    yield


def _every_field(cls: type[Any]) -> st.SearchStrategy[Any]:
    """A record with every field drawn, optional ones included (data types take keyword
    arguments only, so Hypothesis cannot read their fields from the signature)."""
    hints = typing.get_type_hints(cls)
    fields = {f.name: st.from_type(hints[f.name]) for f in msgspec.structs.fields(cls)}
    return st.builds(cls, **fields)


def _records(cls: type[Any]) -> st.SearchStrategy[Any]:
    """Records of this version's schema (a newer one is refused on purpose, and tested apart)."""
    return st.from_type(cls).map(lambda record: msgspec.structs.replace(record, schema=1))


def _stored(record: Any) -> dict[str, Any]:
    return to_data(record)


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_record_round_trips(tmp_path: Path, cls: type[Any], data: st.DataObject) -> None:
    record = data.draw(_records(cls))
    journal = Journal(tmp_path)
    path = tmp_path / "records" / f"{cls.__name__}.toml"
    path.unlink(missing_ok=True)
    with journal.lock():
        journal.create(path, record)
    parsed = tomllib.loads(path.read_text("utf-8"))  # every file the program writes parses
    read = journal.read(path, cls)
    assert _stored(read) == _stored(record)
    changed = data.draw(_records(cls))
    with journal.lock():
        journal.save(path, changed)
    assert _stored(journal.read(path, cls)) == _stored(changed)
    assert parsed.get("schema", 1) == record.schema
