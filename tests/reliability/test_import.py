"""Import is all or nothing: a hostile or careless export file is refused with one line naming
its first problem (exit 1), and the journal it was meant for stays byte for byte as it was."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, data, ok, run, snapshot

Export = dict[str, Any]


@pytest.fixture
def exported(ada: Path) -> Export:
    """A real export of a small journal: one relationship with two check-ins, a goal, an
    action, a pulse and an agenda item; a learning entry and a contact."""
    ok("checkin", "log", "ada", "--date", "2026-11-10", "--summary", "First", "--rating", "4")
    ok("checkin", "log", "ada", "--date", "2026-11-20", "--notes", "Second", "--topic", "talks")
    ok("goal", "add", "ada", "Ship the parser", "--target", "2027-01-31")
    ok("action", "add", "ada", "Send the outline", "--owner", "me", "--due", "2026-12-01")
    scores = [f"--{pillar}" for pillar in ("expectations", "communication", "trust")]
    scores += [f"--{pillar}" for pillar in ("goals", "learning", "network")]
    ok("health", "log", "ada", "--by", "me", *[a for s in scores for a in (s, "4")])
    ok("agenda", "add", "ada", "Talk about talks")
    ok("learn", "add", "Pratt parsing", "--rel", "ada")
    ok("net", "add", "Jo Park", "--rel", "ada")
    document: Export = json.loads(ok("export", "--format", "json", "--include-private").stdout)
    return document


@pytest.fixture
def target(tmp_path: Path) -> Path:
    """The journal to import into: its owner's own, with a relationship of its own."""
    root = tmp_path / "target"
    ok("--journal", str(root), "init", "--owner", "Grace Hopper")
    ok("--journal", str(root), "rel", "add", "Alan Turing", "--as", "mentee")
    return root


def _import_into(root: Path, source: Path) -> Any:
    return run("--journal", str(root), "import", str(source))


def _refused(root: Path, source: Path) -> str:
    """Import `source`, which must fail with exit 1 and one error line, changing nothing."""
    before = snapshot(root)
    result = _import_into(root, source)
    assert result.exit_code == 1, (result.stdout, result.stderr, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.stderr
    assert len(result.stderr.splitlines()) <= 2, result.stderr  # the error and its hint
    assert snapshot(root) == before
    return errors[0]


def _rel(document: Export) -> Export:
    part: Export = document["relationships"][0]
    return part


def _checkin_twice(document: Export) -> None:
    _rel(document)["checkins"].append(copy.deepcopy(_rel(document)["checkins"][0]))


def _learning_twice(document: Export) -> None:
    document["learning"].append(copy.deepcopy(document["learning"][0]))


def _one_id_two_dates(document: Export) -> None:
    first, second = _rel(document)["checkins"]
    second["id"] = first["id"]


def _second_relationship(document: Export) -> Export:
    other = copy.deepcopy(_rel(document))
    other["relationship"].update(id="bob-byte", counterpart="Bob Byte")
    for kind in ("checkins", "goals", "actions", "health"):
        other[kind] = []
    other["agenda"] = {"schema": 1}
    document["relationships"].append(other)
    return other


def _checkin_in_two_relationships(document: Export) -> None:
    _second_relationship(document)["checkins"] = [copy.deepcopy(_rel(document)["checkins"][0])]


def _goal_in_two_relationships(document: Export) -> None:
    _second_relationship(document)["goals"] = [copy.deepcopy(_rel(document)["goals"][0])]


def _agenda_item_in_two_relationships(document: Export) -> None:
    _second_relationship(document)["agenda"] = copy.deepcopy(_rel(document)["agenda"])


def _relationship_twice(document: Export) -> None:
    document["relationships"].append(copy.deepcopy(_rel(document)))


def _contact_twice(document: Export) -> None:
    document["network"].append(copy.deepcopy(document["network"][0]))


DUPLICATES: dict[str, tuple[Callable[[Export], None], str]] = {
    "check-in listed twice": (_checkin_twice, "twice"),
    "learning entry listed twice": (_learning_twice, "twice"),
    "one id, two dates": (_one_id_two_dates, "twice"),
    "check-in in two relationships": (_checkin_in_two_relationships, "twice"),
    "goal in two relationships": (_goal_in_two_relationships, "twice"),
    "agenda item in two relationships": (_agenda_item_in_two_relationships, "twice"),
    "relationship listed twice": (_relationship_twice, "twice"),
    "contact listed twice": (_contact_twice, "twice"),
}


def _set(path: str, value: Any) -> Callable[[Export], None]:
    """A mutation that sets one key, `relationships.0.checkins.1.rating` style."""

    def mutate(document: Export) -> None:
        *parents, last = path.split(".")
        holder: Any = document
        for key in parents:
            holder = holder[int(key)] if key.isdigit() else holder[key]
        holder[int(last) if last.isdigit() else last] = value

    return mutate


CHECKIN = "relationships.0.checkins.0"
BAD_RECORDS: dict[str, tuple[Callable[[Export], None], str]] = {
    "NUL in notes": (_set(f"{CHECKIN}.notes", "a\x00b"), "notes"),
    "20 MB note": (_set(f"{CHECKIN}.notes", "x" * 20_000_000), "notes"),
    "lone surrogate in a summary": (_set(f"{CHECKIN}.summary", "a\udc80b"), "Unicode"),
    "rating 10**9": (_set(f"{CHECKIN}.rating", 10**9), "rating"),
    "a date as a number": (_set(f"{CHECKIN}.date", 20261110), "'date'"),
    "a date that is no date": (_set(f"{CHECKIN}.date", "2026-13-01"), "'date'"),
    "a date in year 1": (_set(f"{CHECKIN}.date", "0001-01-01"), "'date'"),
    "cadence whenever": (_set("relationships.0.relationship.cadence", "whenever"), "cadence"),
    "trust = high": (_set("relationships.0.health.0.scores", {"trust": "high"}), "trust"),
    "trust = 9": (_set("relationships.0.health.0.scores", {"trust": 9}), "trust"),
    "trust = 9 after a good score": (
        _set("relationships.0.health.0.scores", {"expectations": 3, "trust": 9}),
        "'scores.trust'",
    ),
    "a pillar unknown": (_set("relationships.0.health.0.scores", {"charm": 3}), "charm"),
    "mode telepathy": (_set(f"{CHECKIN}.mode", "telepathy"), "mode"),
    "a record that is a list": (_set(f"{CHECKIN}", []), "object"),
    "a path as a check-in id": (_set(f"{CHECKIN}.id", "../../../escape"), "id"),
    "an id of 17 characters": (_set("learning.0.id", "a" * 17), "id"),
    "a relationship slug con": (_set("relationships.0.relationship.id", "con"), "con"),
    "a relationship slug Ada": (_set("relationships.0.relationship.id", "Ada"), "Ada"),
    "a contact slug lpt1": (_set("network.0.id", "lpt1"), "lpt1"),
    "a contact slug of 65 characters": (_set("network.0.id", "j" * 65), "slug"),
    "a record schema newer": (_set(f"{CHECKIN}.schema", 99), "newer"),
    "a record schema as text": (_set(f"{CHECKIN}.schema", "2"), "schema"),
}


REFUSED = {**DUPLICATES, **BAD_RECORDS}


@pytest.mark.parametrize("mutate, said", REFUSED.values(), ids=REFUSED.keys())
def test_a_record_listed_twice_or_one_bad_record_imports_nothing_and_is_named(
    exported: Export,
    target: Path,
    tmp_path: Path,
    mutate: Callable[[Export], None],
    said: str,
) -> None:
    mutate(exported)
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(exported))
    error = _refused(target, source)
    assert said in error


def _text_with(document: Export, key: str, raw: str) -> str:
    """The export as JSON text with `raw` (JSON text json.dumps cannot make) at a top key."""
    return json.dumps({**document, key: "PLACEHOLDER"}).replace('"PLACEHOLDER"', raw)


def _nested_in_a_record(document: Export) -> bytes:
    """Lists 500 deep under a key no record knows: too shallow for the JSON reader to refuse,
    deep enough to exhaust Python's recursion in what reads records."""
    document["learning"][0]["extra"] = "PLACEHOLDER"
    return json.dumps(document).replace('"PLACEHOLDER"', "[" * 500 + "]" * 500).encode()


BAD_FILES: dict[str, tuple[Callable[[Export], bytes], str]] = {
    "schema as text": (lambda d: json.dumps({**d, "schema": "2"}).encode(), "schema"),
    "exported is no date": (lambda d: json.dumps({**d, "exported": "x"}).encode(), "exported"),
    "version as true": (lambda d: json.dumps({**d, "version": True}).encode(), "version"),
    "owner as a table": (lambda d: json.dumps({**d, "owner": {"a": 1}}).encode(), "owner"),
    "relationships as text": (lambda d: json.dumps({**d, "relationships": "x"}).encode(), "rel"),
    "100,000-deep JSON": (
        lambda d: _text_with(d, "owner", "[" * 100_000 + "]" * 100_000).encode(),
        "deep",
    ),
    "500-deep JSON in a record": (_nested_in_a_record, "deep"),
    "5,000-digit integer": (lambda d: _text_with(d, "version", "9" * 5000).encode(), "digits"),
    "not JSON": (lambda d: b"{not json", "not JSON"),
    "not UTF-8": (lambda d: json.dumps(d).encode("utf-16"), "UTF-8"),
    "empty": (lambda d: b"", "empty"),
    "a top-level list": (lambda d: json.dumps([d]).encode(), "not a mentorlog JSON export"),
    "a newer export": (lambda d: json.dumps({**d, "version": 99}).encode(), "newer"),
}


@pytest.mark.parametrize("make, said", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_hostile_file_is_one_line_of_error_and_changes_nothing(
    exported: Export,
    target: Path,
    tmp_path: Path,
    make: Callable[[Export], bytes],
    said: str,
) -> None:
    source = tmp_path / "hostile.json"
    source.write_bytes(make(exported))
    assert said in _refused(target, source)


def test_a_folder_or_missing_file_is_an_input_error(target: Path, tmp_path: Path) -> None:
    assert "does not exist" in _refused(target, tmp_path / "missing.json")
    assert "could not be read" in _refused(target, tmp_path)


def test_an_id_the_journal_holds_in_another_relationship_imports_nothing(
    exported: Export, tmp_path: Path, journal: Path
) -> None:
    """The file's check-in is, in this journal, a check-in of another relationship: importing
    it would give two check-ins one id, which no command could address again."""
    alan = journal / "relationships" / "alan-turing"
    ok("rel", "add", "Alan Turing", "--as", "mentee")
    checkin = _rel(exported)["checkins"][0]
    (alan / "checkins").mkdir()
    ada_file = next(journal.glob(f"relationships/ada-lovelace/checkins/*-{checkin['id']}.toml"))
    (alan / "checkins" / ada_file.name).write_bytes(ada_file.read_bytes())
    ada_file.unlink()
    source = tmp_path / "export.json"
    source.write_text(json.dumps(exported))
    error = _refused(journal, source)
    assert checkin["id"] in error and "alan-turing" in error


def test_the_first_problem_is_named_by_kind_position_and_id(
    exported: Export, target: Path, tmp_path: Path
) -> None:
    second = _rel(exported)["checkins"][1]
    second["rating"] = 10**9
    exported["learning"][0]["date"] = "soon"
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(exported))
    error = _refused(target, source)
    assert "relationships[0].checkins[1]" in error
    assert second["id"] in error and "rating" in error
    assert "learning" not in error


def test_a_valid_import_after_refusals_adds_everything_once(
    exported: Export, target: Path, tmp_path: Path
) -> None:
    broken = copy.deepcopy(exported)
    _checkin_twice(broken)
    _learning_twice(broken)
    (tmp_path / "broken.json").write_text(json.dumps(broken))
    _refused(target, tmp_path / "broken.json")
    (tmp_path / "good.json").write_text(json.dumps(exported))
    result = _import_into(target, tmp_path / "good.json")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "2 check-ins" in result.stderr
    files = {path.relative_to(target).as_posix() for path in target.rglob("*.toml")}
    assert len([f for f in files if "/checkins/" in f]) == 2
    assert len([f for f in files if f.startswith("learning/")]) == 1
    again = _import_into(target, tmp_path / "good.json")
    assert "Added nothing." in again.stderr
    checkins = data("--journal", str(target), "checkin", "list")
    assert sorted(c["id"] for c in checkins) == sorted(c["id"] for c in _rel(exported)["checkins"])


@pytest.mark.parametrize(
    "mutate", [_checkin_twice, _learning_twice], ids=["check-in twice", "learning twice"]
)
def test_a_refused_import_as_a_process_writes_nothing(
    exported: Export, target: Path, tmp_path: Path, mutate: Callable[[Export], None]
) -> None:
    """The whole program, as a user runs it: exit 1, one line, not one file written."""
    mutate(exported)
    source = tmp_path / "twice.json"
    source.write_text(json.dumps(exported))
    before = snapshot(target)
    env = {**os.environ, "MENTORLOG_JOURNAL": str(target)}
    done = subprocess.run(
        [sys.executable, "-m", "mentorlog", "--as-of", AS_OF, "import", str(source)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("Error: ") and "twice" in done.stderr.splitlines()[0]
    assert "Traceback" not in done.stderr
    assert snapshot(target) == before


def test_a_fifo_or_a_device_is_refused_at_once(target: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "export.fifo"
    os.mkfifo(fifo)
    for source in (fifo, Path("/dev/zero")):
        assert "not a regular file" in _refused(target, source)


def _with_new_records(exported: Export, tmp_path: Path) -> Path:
    """The export with a new check-in and a new agenda point for Ada, as a file."""
    part = _rel(exported)
    part["checkins"].append({**part["checkins"][0], "id": "zzzzz1", "date": "2026-05-31"})
    part["agenda"]["item"].append({**part["agenda"]["item"][0], "id": "zzzzz2"})
    source = tmp_path / "more.json"
    source.write_text(json.dumps(exported))
    return source


@pytest.mark.parametrize("spoil", ["agenda from a newer version", "goals folder a link"])
def test_a_write_that_fails_midway_takes_back_the_others(
    exported: Export, journal: Path, tmp_path: Path, spoil: str
) -> None:
    """All or nothing holds past the checks: when one write fails (a file a newer mentorlog
    wrote, a link below the root), the records already written are taken back."""
    source = _with_new_records(exported, tmp_path)
    ada = journal / "relationships" / "ada-lovelace"
    if spoil.startswith("agenda"):
        agenda = ada / "agenda.toml"
        agenda.write_text(agenda.read_text().replace("schema = 1", "schema = 2"))
    else:
        outside = tmp_path / "outside"
        (ada / "goals").rename(outside)
        (ada / "goals").symlink_to(outside)
        part = _rel(json.loads(source.read_text()))
        part["goals"].append({**part["goals"][0], "id": "zzzzz3"})
        document = json.loads(source.read_text())
        document["relationships"][0] = part
        source.write_text(json.dumps(document))
    before = snapshot(journal)
    result = run("import", str(source))
    assert result.exit_code == 3, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert snapshot(journal) == before
    assert not list(journal.rglob("*zzzzz1*"))
