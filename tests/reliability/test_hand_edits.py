"""The hand edits an adversarial review found passing `doctor` and breaking other commands: each
is now a problem of its one record, named by every view, the rest of the journal working."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ok, run

READ_EVERYTHING = ("status", "summary", "export")
COMMANDS = [
    ("status",),
    ("summary",),
    ("summary", "--format", "markdown"),
    ("health", "show", "ada"),
    ("checkin", "list"),
    ("goal", "list", "--all"),
    ("action", "list", "--all"),
    ("agenda", "list"),
    ("search", "met"),
    ("export", "--format", "json"),
    ("export", "--format", "markdown"),
    ("export", "--format", "ics"),
]


@pytest.fixture
def two(journal: Path) -> Path:
    """Ada and Bob, each with a check-in, a goal, an action, a pulse and an agenda point."""
    for name in ("Ada", "Bob"):
        slug = name.lower()
        ok("rel", "add", name, "--as", "mentor", "--started", "2026-09-01")
        ok("checkin", "log", slug, "--date", "2026-11-20", "--summary", f"met {name}")
        ok("checkin", "log", slug, "--date", "2026-11-24", "--summary", f"met {name} again")
        ok("goal", "add", slug, f"goal of {name}")
        ok("action", "add", slug, f"do {name}", "--owner", "them", "--due", "2026-11-30")
        scores = [f"--{p}=4" for p in ("expectations", "communication", "trust", "goals")]
        ok("health", "log", slug, "--by", "me", *scores, "--learning=3", "--network=3")
        ok("agenda", "add", slug, f"talk with {name}")
    return journal


def _replace(pattern: str, new: str) -> Callable[[Path], Path]:
    """A hand edit of the line matching `pattern`."""

    def edit(path: Path) -> Path:
        text = path.read_text()
        changed = re.sub(pattern, lambda _: new, text, count=1, flags=re.M)
        assert changed != text, pattern
        path.write_text(changed)
        return path

    return edit


def _append(line: str) -> Callable[[Path], Path]:
    def edit(path: Path) -> Path:
        path.write_text(path.read_text() + line + "\n")
        return path

    return edit


def _folder_instead(path: Path) -> Path:
    path.unlink()
    path.mkdir()
    return path


ATTACKS: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "trust = high in a pulse": ("health/*.toml", _replace(r"^trust = .*$", 'trust = "high"')),
    "cadence whenever": ("relationship.toml", _replace(r"^cadence = .*$", 'cadence = "whenever"')),
    "cadence every 0 weeks": (
        "relationship.toml",
        _replace(r"^cadence = .*$", 'cadence = "every 0 weeks"'),
    ),
    "rating 300000000": ("checkins/2026-11-20-*.toml", _append("rating = 300000000")),
    "rating int64 max": ("checkins/2026-11-20-*.toml", _append("rating = 9223372036854775807")),
    "next 9999-12-31": ("checkins/2026-11-24-*.toml", _append("next = 9999-12-31")),
    "a goal's target 0001-01-01": ("goals/*.toml", _append("target = 0001-01-01")),
    "a negative duration": ("checkins/2026-11-20-*.toml", _append("duration = -45")),
    "progress 300": (
        "goals/*.toml",
        _append("[[update]]\ndate = 2026-11-20\nprogress = 300"),
    ),
    "an owner of nobody": ("actions/*.toml", _replace(r"^owner = .*$", 'owner = "nobody"')),
    "an escape in a summary": (
        "checkins/2026-11-20-*.toml",
        _replace(r"^summary = .*$", 'summary = "\\u001b]0;PWN\\u0007\\u001b[2J"'),
    ),
    "a folder named agenda.toml": ("agenda.toml", _folder_instead),
}


@pytest.mark.parametrize("glob, edit", ATTACKS.values(), ids=ATTACKS.keys())
def test_a_hand_edit_spoils_only_its_record(
    two: Path, glob: str, edit: Callable[[Path], Path]
) -> None:
    (target,) = sorted((two / "relationships" / "ada").glob(glob))
    shown = str(edit(target).relative_to(two))
    for args in COMMANDS:
        result = run(*args)
        assert result.exit_code in (0, 3), (args, result.stdout[-1500:], result.stderr[-1500:])
        assert result.exception is None or isinstance(result.exception, SystemExit), args
        if result.exit_code == 3 or args[0] in READ_EVERYTHING:  # a view that needs it names it
            assert result.exit_code == 3 and shown in result.stderr, (args, result.stderr)
        if args[0] in READ_EVERYTHING:
            assert "Bob" in result.stdout, args
    doctor = run("doctor", "--format", "json")
    assert doctor.exit_code == 3
    assert shown in doctor.stdout


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "3000-01-01", "1899-12-31"])
def test_as_of_off_the_calendar_is_refused(two: Path, day: str) -> None:
    for args in (("status",), ("summary",)):
        result = run(*args, as_of=day)
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        assert "1900 to 2999" in result.stderr


@pytest.mark.parametrize("kind", ["checkins", "actions"])
def test_a_copied_record_is_a_problem_until_the_copy_goes(two: Path, kind: str) -> None:
    """Ids are unique per kind: a copy under another date or in another relationship (a hand
    copy, a file another device renamed) is named; the first file by path keeps the id."""
    (original,) = sorted((two / "relationships" / "bob" / kind).glob("*.toml"))[:1]
    name = original.name.replace("2026-11-20", "2026-11-21") if kind == "checkins" else None
    copy = (
        (original.parent / name) if name else two / "relationships" / "ada" / kind / original.name
    )
    copy.write_bytes(original.read_bytes())
    shown = str(copy.relative_to(two))
    listing = ("checkin", "list") if kind == "checkins" else ("action", "list", "--all")
    spoiled = run(*listing, "--format", "json")
    assert spoiled.exit_code == 3 and shown in spoiled.stderr and "already the id" in spoiled.stderr
    record_id = original.stem[-5:]
    assert [r["id"] for r in json.loads(spoiled.stdout)].count(record_id) == 1
    assert shown in run("doctor", "--format", "json").stdout
    copy.unlink()
    assert run(*listing).exit_code == 0


def test_a_broken_agenda_stops_only_what_needs_it(two: Path) -> None:
    agenda = two / "relationships" / "ada" / "agenda.toml"
    agenda.write_text(agenda.read_text() + "garbage [\n")
    logged = run("checkin", "log", "ada", "--summary", "logged all the same")
    assert logged.exit_code == 3 and "Logged check-in" in logged.stderr  # and the agenda named
    assert "agenda.toml" in logged.stderr
    assert "logged all the same" in str(run("checkin", "list", "--format", "json").stdout)
    point = run("checkin", "log", "ada", "--discussed", "zzzzz")
    assert point.exit_code == 3 and "agenda.toml" in point.stderr
