"""The derived cache is never trusted over the TOML, and changes nothing that is shown."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mentorlog.store.cache import HEADER, CacheUnit
from tests.conftest import ok


def _summary() -> str:
    return ok("summary", "--period", "quarter", "--format", "json").stdout


def _settle(journal: Path, seconds: int = 3600) -> None:
    """Date every file and folder of the journal back, as if written an hour ago: the cache only
    keeps what had not changed for SETTLED_NS when it was read."""
    for path in [journal, *journal.rglob("*")]:
        when = path.stat().st_mtime_ns - seconds * 10**9
        os.utime(path, ns=(when, when), follow_symlinks=False)


def _cached(journal: Path) -> dict[str, dict[str, Any]]:
    """Every cache file's document, checking its header."""
    documents = {}
    for path in (journal / ".cache").iterdir():
        content = path.read_bytes()
        assert content.startswith(HEADER.encode())
        documents[path.name] = marshal.loads(content[len(HEADER) :])
    return documents


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo journal as the current one, every file dated an hour back."""
    journal = tmp_path / "demo"
    ok("demo", "--dir", str(journal))
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(journal))
    _settle(journal)
    return journal


def test_summary_is_identical_cold_warm_and_after_a_hand_edit(demo: Path) -> None:
    shutil.rmtree(demo / ".cache", ignore_errors=True)
    cold = _summary()
    documents = _cached(demo)
    # A relationship's undated records (itself, its agenda, open goals and actions) and its
    # folders' listings share a file; its dated records have one per year.
    small = documents["relationships__alan-turing.bin"]
    assert "relationship.toml" in small["entries"]
    assert any(key.startswith("goals/") and key[10:11] != "-" for key in small["entries"])
    assert {"checkins/", "goals/", "actions/", "health/"} <= set(small["listings"])
    dated = documents["relationships__alan-turing__2026.bin"]["entries"]
    assert any(key.startswith("checkins/2026-") for key in dated)
    assert all(key.partition("/")[2][4:5] == "-" for key in dated)
    warm = _summary()
    assert warm == cold
    shutil.rmtree(demo / ".cache")
    assert _summary() == cold
    # A hand edit in place, same size and quick enough to share a second: still seen.
    goal_file = next(
        p
        for p in (demo / "relationships" / "alan-turing" / "goals").glob("*.toml")
        if "Learn Rust" in p.read_text()
    )
    text = goal_file.read_text()
    edited = text.replace(
        "Learn Rust well enough to review PRs", "Learn Rust well enough to review PR!"
    )
    assert edited != text and len(edited) == len(text)
    goal_file.write_text(edited)
    after = _summary()
    assert "review PR!" in after
    assert after.replace("review PR!", "review PRs") == cold
    listed = ok("goal", "list", "alan").stdout
    assert "review PR!" in listed


def test_a_change_that_keeps_the_same_time_stamp_is_still_seen(demo: Path) -> None:
    """A file system's coarse clock can give a quick second edit the time of the first; the
    cache never keeps what was that fresh, so such an edit cannot hide behind its key."""
    open_goals = sorted((demo / "relationships" / "alan-turing" / "goals").glob("?????.toml"))
    goal_file = open_goals[0]
    goal_file.write_text(goal_file.read_text() + "\n")
    stamp = goal_file.stat().st_mtime_ns
    before = _summary()  # reads the fresh file: not kept
    entries = _cached(demo)["relationships__alan-turing.bin"]["entries"]
    goals = [key for key in entries if key.startswith("goals/")]
    assert f"goals/{goal_file.name}" not in goals
    assert len(goals) == len(open_goals) - 1
    goal_file.write_text(goal_file.read_text().replace("\ntitle = ", "\ntitle = 'X' #", 1))
    os.utime(goal_file, ns=(stamp, stamp))  # same size? no matter: same time stamp
    assert _summary() != before


def test_a_folder_listing_is_kept_until_the_folder_changes(demo: Path) -> None:
    folder = demo / "relationships" / "alan-turing" / "checkins"
    ok("summary")
    listing = _cached(demo)["relationships__alan-turing.bin"]["listings"]["checkins/"]
    assert listing[2].split("/") == sorted(p.name for p in folder.glob("*.toml"))
    ok("checkin", "log", "alan", "--date", "2026-11-20", "--notes", "listed")
    names = ok("checkin", "list", "alan", "--format", "json").stdout
    assert len(json.loads(names)) == len(listing[2].split("/")) + 1
    # A second file added by hand in the same clock tick as the first (the folder's time
    # unchanged): the fresh listing was not kept, so it is seen too.
    stamp = folder.stat().st_mtime_ns
    copy = folder / "2026-01-01-zzzzz.toml"
    copy.write_text('schema = 1\nid = "zzzzz"\ndate = 2026-01-01\n')
    os.utime(folder, ns=(stamp, stamp))
    names = ok("checkin", "list", "alan", "--format", "json").stdout
    assert "zzzzz" in names


def test_cache_is_private_derived_and_kept_out_of_sync_and_export(ada: Path, journal: Path) -> None:
    ok("checkin", "log", "ada", "--notes", "cached")
    _settle(journal)
    ok("summary")
    cache = journal / ".cache"
    assert cache.is_dir()
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    for path in cache.iterdir():
        assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert _cached(journal)
    exported = ok("export", "--format", "json").stdout
    assert ".cache" not in exported
    from mentorlog.store.sync import GITIGNORE

    assert ".cache/" in GITIGNORE
    assert ok("doctor").exit_code == 0


@pytest.mark.parametrize(
    "damage",
    [
        b"{not json",
        HEADER.encode() + b"\x00garbage",
        HEADER.encode() + marshal.dumps(["a list, not a document"]),
        HEADER.encode() + marshal.dumps({"entries": "wrong", "listings": 5}),
        HEADER.encode() + marshal.dumps({}),
        HEADER.encode() + marshal.dumps({"entries": {"relationship.toml": 5}, "listings": {}}),
        HEADER.encode() + marshal.dumps({"entries": {"relationship.toml": [1, 2, 3]}}),
        HEADER.encode() + marshal.dumps({"entries": {}, "listings": {"checkins/": [1, 2]}}),
        HEADER.replace("cpython", "otherpython").encode() + marshal.dumps({}),
    ],
    ids=[
        "json",
        "garbage",
        "a-list",
        "wrong-tables",
        "empty",
        "entry-not-a-list",
        "entry-too-short",
        "listing-too-short",
        "another-python",
    ],
)
def test_a_corrupt_or_foreign_cache_is_rebuilt(ada: Path, journal: Path, damage: bytes) -> None:
    ok("checkin", "log", "ada", "--notes", "x")
    _settle(journal)
    before = ok("summary", "--format", "json").stdout
    for path in (journal / ".cache").iterdir():
        path.write_bytes(damage)
    assert ok("summary", "--format", "json").stdout == before
    assert ok("summary", "--format", "json").stdout == before
    assert _cached(journal)


def _imported_by(argv: list[str], modules: tuple[str, ...]) -> list[str]:
    """Which of `modules` a whole mentorlog run with these arguments imports."""
    code = (
        "import json, sys\n"
        f"sys.argv = ['mentorlog', *{argv!r}]\n"
        "from mentorlog.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps([m for m in {modules!r} if m in sys.modules]))\n"
    )
    # Output to a pipe, as Rich would judge it: no setting that claims a terminal.
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    imported: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return imported


def test_version_imports_neither_tomlkit_nor_icalendar_nor_rich_tables() -> None:
    heavy = ("tomlkit", "icalendar", "rich.table", "rich.console", "pydantic")
    assert _imported_by(["--version"], heavy) == []


def test_a_new_record_imports_no_rich_no_icalendar_and_no_tomlkit(journal: Path) -> None:
    heavy = ("icalendar", "rich.table", "rich.console", "tomlkit")
    argv = ["--journal", str(journal), "rel", "add", "Ada", "--as", "mentor"]
    assert _imported_by(argv, heavy) == []
    assert (journal / "relationships" / "ada" / "relationship.toml").is_file()


def test_status_to_a_pipe_imports_no_rich(demo: Path) -> None:
    """The dashboard's lines are written directly where there are no colours to show."""
    assert _imported_by(["--journal", str(demo), "status"], ("rich",)) == []


def test_pruning_a_folder_forgets_only_its_own_gone_files(tmp_path: Path) -> None:
    unit = CacheUnit(str(tmp_path / "unit.bin"))
    unit.settled_before = 10
    for key_name in ("relationship.toml", "health/a.toml", "health/b.toml", "goals/x.toml"):
        unit.store(key_name, [1, 1, 1], {"schema": 1})
    unit.prune("health/", {"a.toml"})
    unit.save()
    assert sorted(unit.entries) == ["goals/x.toml", "health/a.toml", "relationship.toml"]
    unit.prune("", {"agenda.toml"})
    unit.dirty = True
    unit.save()
    assert sorted(unit.entries) == ["goals/x.toml", "health/a.toml"]
    assert sorted(CacheUnit(str(tmp_path / "unit.bin")).entries) == sorted(unit.entries)
