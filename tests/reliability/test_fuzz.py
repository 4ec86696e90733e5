"""A wrong value written by hand into any field of any record spoils that record only: every
review, list, export and doctor ends in 0 or 3 without a traceback, names the file, and keeps
showing the other records."""

from __future__ import annotations

import json
import shutil
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from mentorlog.core.model import (
    Action,
    Agenda,
    CheckIn,
    Contact,
    Goal,
    HealthPulse,
    LearningEntry,
    Relationship,
)
from tests.conftest import ok, run
from tests.strategies import field_types, wrong_values

# The file of Ada's record of each kind (Bob has one of each too, and must stay in view).
FILES: dict[type[Any], str] = {
    Relationship: "relationships/ada/relationship.toml",
    Agenda: "relationships/ada/agenda.toml",
    CheckIn: "relationships/ada/checkins/*.toml",
    Goal: "relationships/ada/goals/*.toml",
    Action: "relationships/ada/actions/*.toml",
    HealthPulse: "relationships/ada/health/*.toml",
    LearningEntry: "learning/*.toml",
    Contact: "network/jo-ada.toml",
}
# A record's id comes from its file or folder name, whatever the file says (docs/storage.md).
NAMED_BY_FILE = {"id"}
COMMANDS = [
    ("status",),
    ("summary",),
    ("summary", "--format", "markdown"),
    ("rel", "list", "--all"),
    ("checkin", "list"),
    ("goal", "list", "--all"),
    ("action", "list", "--all"),
    ("agenda", "list", "--all"),
    ("health", "show", "bob"),
    ("learn", "list"),
    ("net", "list"),
    ("export", "--format", "markdown"),
    ("export", "--format", "ics"),
    ("doctor",),
]


@pytest.fixture(scope="module")
def two_people(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ada and Bob with one record of every kind each (a module's worth of examples share it:
    each example edits a copy)."""
    root = tmp_path_factory.mktemp("fuzz") / "journal"
    at = ("--journal", str(root))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MENTORLOG_CONFIG", str(root.parent / "config.toml"))
        ok(*at, "init", "--owner", "Grace")
        for name in ("Ada", "Bob"):
            slug = name.lower()
            ok(*at, "rel", "add", name, "--as", "mentor", "--started", "2026-09-01")
            ok(*at, "expect", "template", slug)
            ok(*at, "agenda", "add", slug, f"talk with {name}")
            ok(*at, "checkin", "log", slug, "--date", "2026-11-20", "--summary", f"met {name}")
            ok(*at, "goal", "add", slug, f"goal of {name}", "--target", "2026-12-20")
            ok(*at, "action", "add", slug, f"do {name}", "--owner", "them", "--due", "2026-11-30")
            scores = [f"--{p}=4" for p in ("expectations", "communication", "trust")]
            scores += [f"--{p}=3" for p in ("goals", "learning", "network")]
            ok(*at, "health", "log", slug, "--by", "me", *scores)
            ok(*at, "learn", "add", f"{slug} lesson", "--rel", slug, "--date", "2026-11-21")
            ok(*at, "net", "add", f"Jo {name}", "--rel", slug)
    return root


def _record_file(root: Path, cls: type[Any]) -> Path:
    (path,) = [
        p for p in root.glob(FILES[cls]) if cls is not LearningEntry or "ada" in p.read_text()
    ]
    return path


def _spoil(path: Path, key: str, value: Any) -> None:
    """Write a value into a record file by hand, as a person (or a hostile commit) would."""
    record = tomllib.loads(path.read_text("utf-8"))
    record[key] = value
    path.write_text(tomli_w.dumps(record), "utf-8")


def _ended_cleanly(args: tuple[str, ...], result: Result) -> None:
    assert result.exit_code in (0, 3), (args, result.stdout[-2000:], result.stderr[-2000:])
    assert result.exception is None or isinstance(result.exception, SystemExit), args
    assert "Traceback" not in result.stdout + result.stderr, args


@pytest.mark.parametrize("cls", list(FILES), ids=lambda cls: cls.__name__)
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(choice=st.data())
def test_a_wrong_value_spoils_only_its_record(
    two_people: Path, cls: type[Any], choice: st.DataObject
) -> None:
    fields = {k: t for k, t in field_types(cls).items() if k not in NAMED_BY_FILE}
    key = choice.draw(st.sampled_from(sorted(fields)), label="key")
    value = choice.draw(st.sampled_from(wrong_values(fields[key])), label="value")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "journal"
        shutil.copytree(two_people, root, symlinks=True)
        spoiled = _record_file(root, cls)
        _spoil(spoiled, key, value)
        shown = str(spoiled.relative_to(root))
        at = ("--journal", str(root))
        for args in COMMANDS:
            _ended_cleanly(args, run(*at, *args))
        doctor = run(*at, "doctor", "--format", "json")
        assert doctor.exit_code == 3, (key, value)
        assert shown in doctor.stdout, (key, value)
        status = run(*at, "status")
        assert shown in status.stderr and "bob" in status.stdout.lower(), (key, value)
        for args, mark in (
            (("checkin", "list"), "met Bob"),
            (("goal", "list", "--all"), "goal of Bob"),
            (("action", "list", "--all"), "do Bob"),
            (("learn", "list"), "bob lesson"),
            (("net", "list"), "Jo Bob"),
        ):
            listed = run(*at, *args, "--format", "json")
            _ended_cleanly(args, listed)
            assert mark in str(json.loads(listed.stdout)), (args, key, value)
