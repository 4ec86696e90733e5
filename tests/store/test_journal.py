from __future__ import annotations

import tempfile
import tomllib
from datetime import date
from pathlib import Path

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorlog.core.model import Relationship
from mentorlog.store.journal import IdsInUse, Journal, id_from_name
from tests.strategies import TEXT_CHARACTERS

# Text a person could type: any unicode scalar value except surrogates (which no file can hold).
person_text = st.text(TEXT_CHARACTERS, max_size=200)


def test_id_from_name() -> None:
    assert id_from_name("2026-11-26-k3m9p.toml") == "k3m9p"
    assert id_from_name("k3m9p.toml") == "k3m9p"


def test_new_ids_avoid_look_alikes_and_taken() -> None:
    journal = Journal(Path("/nonexistent"))
    taken = {journal.new_id(set()) for _ in range(50)}
    for _ in range(200):
        new = journal.new_id(taken)
        assert new not in taken
        assert len(new) == 5
        assert not set(new) & set("01ilo")


@given(
    st.lists(
        st.tuples(st.booleans(), st.text("2345abcdefk-", min_size=1, max_size=7)), max_size=20
    ),
    st.text("2345abcdefk", min_size=1, max_size=6),
)
def test_ids_in_use_agrees_with_the_names(records: list[tuple[bool, str]], candidate: str) -> None:
    names = [f"2026-11-26-{i}.toml" if dated else f"{i}.toml" for dated, i in records]
    in_use = IdsInUse(names)
    assert (candidate in in_use) == (candidate in {id_from_name(n) for n in names})


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=person_text.filter(lambda s: s.strip()), contact=person_text, tag=person_text)
def test_relationship_round_trips_arbitrary_text(
    tmp_path: Path, name: str, contact: str, tag: str
) -> None:
    journal = Journal(tmp_path / "j")
    if not journal.exists():
        journal.init("me", date(2026, 1, 1))
    rel = Relationship(
        id="x",
        counterpart=name,
        my_role="mentor",
        started=date(2026, 1, 1),
        contact=contact,
        tags=[tag],
    )
    path = journal.rel_file("x")
    if path.exists():
        path.unlink()
    with journal.lock():
        journal.create(path, rel)
    tomllib.loads(path.read_text("utf-8"))
    read = journal.load_relationship("x")
    assert read == rel
    with journal.lock():
        journal.save(path, msgspec.structs.replace(read, contact=contact + "!"))
    assert journal.load_relationship("x").contact == contact + "!"


DAYS = st.dates(date(2015, 1, 1), date(2027, 12, 31))


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pulses=st.lists(
        st.tuples(st.sampled_from(("mentor", "mentee")), DAYS, st.integers(1, 5)), max_size=14
    ),
    as_of=DAYS,
)
def test_the_latest_pulses_give_the_health_of_all_of_them(
    tmp_path: Path, pulses: list[tuple[str, date, int]], as_of: date
) -> None:
    """A summary reads pulses newest first until each party's latest two are in; what it
    compares is what it would compare with every pulse read."""
    from mentorlog.core.health import health_summary
    from mentorlog.core.model import HealthPulse
    from mentorlog.store.records import latest_pulses, load_kind

    root = Path(tempfile.mkdtemp(dir=tmp_path)) / "journal"  # one per example: they may repeat
    journal = Journal(root)
    journal.init("Owner", date(2015, 1, 1))
    (root / "relationships" / "r" / "health").mkdir(parents=True)
    with journal.writing():
        for by, day, score in pulses:
            pulse = HealthPulse(id=journal.new_id(set()), date=day, by=by, scores={"trust": score})
            journal.create(journal.path_for("r", "health", pulse), pulse)
    everything = load_kind(journal, "r", "health", [])
    latest = latest_pulses(journal, "r", [], as_of)
    assert health_summary(latest, as_of) == health_summary(everything, as_of)
    assert len(latest) <= len(everything)
