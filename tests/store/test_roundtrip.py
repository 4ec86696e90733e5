"""Every record type survives write and read for arbitrary text; every file written parses."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
from tests.strategies import valid

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


def _stored(record: Any) -> dict[str, Any]:
    return to_data(record)


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_record_round_trips(tmp_path: Path, cls: type[Any], data: st.DataObject) -> None:
    record = data.draw(valid(cls))
    journal = Journal(tmp_path)
    path = tmp_path / "records" / f"{cls.__name__}.toml"
    path.unlink(missing_ok=True)
    with journal.lock():
        journal.create(path, record)
    parsed = tomllib.loads(path.read_text("utf-8"))  # every file the program writes parses
    read = journal.read(path, cls)
    assert _stored(read) == _stored(record)
    changed = data.draw(valid(cls))
    with journal.lock():
        journal.save(path, changed)
    assert _stored(journal.read(path, cls)) == _stored(changed)
    assert parsed.get("schema", 1) == record.schema
