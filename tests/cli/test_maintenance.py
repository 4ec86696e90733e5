from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from tests.conftest import data, ok, run, snapshot


def _problems() -> list[dict[str, object]]:
    result = run("doctor", "--format", "json")
    problems: list[dict[str, object]] = json.loads(result.stdout)
    assert result.exit_code == (3 if problems else 0)
    return problems


def test_doctor_is_quiet_on_a_healthy_journal(ada: Path) -> None:
    ok("checkin", "log", "ada", "--notes", "x")
    ok("goal", "add", "ada", "A goal")
    assert _problems() == []
    assert "No problems" in ok("doctor").stdout


def test_doctor_finds_each_kind_of_problem_with_file_and_line(ada: Path, journal: Path) -> None:
    ok("goal", "add", "ada", "A goal")
    goal_id = data("goal", "list")[0]["id"]
    ok("action", "add", "ada", "Do it", "--owner", "me", "--goal", goal_id)
    action = next((ada / "actions").glob("*.toml"))
    (ada / "goals" / f"{goal_id}.toml").unlink()  # the action now refers to nothing
    broken = ada / "checkins" / "2026-11-20-abcde.toml"
    broken.parent.mkdir(exist_ok=True)
    broken.write_text('schema = 1\nid = "abcde"\ndate = 2026-11-20\nnotes = "unterminated\n')
    (ada / "checkins" / "2026-11-21-zzzzz.toml").write_text(
        'schema = 1\nid = "yyyyy"\ndate = 2026-11-21\n'
    )
    (ada / "checkins" / "notes-by-hand.toml").write_text(
        'schema = 1\nid = "x"\ndate = 2026-11-21\n'
    )
    (journal / "learning" / "2026-11-01-qqqqq.toml").write_text(
        'schema = 9\nid = "qqqqq"\ndate = 2026-11-01\ntext = "t"\n'
    )
    (ada / "goals" / "22222.toml").write_text('schema = 1\nid = "22222"\ncreated = 2026-11-01\n')
    # Any id of [a-z0-9] is fine, 0 and 1 included (imports bring such ids).
    (ada / "actions" / "10abc.toml").write_text(
        'schema = 1\nid = "10abc"\ntext = "t"\nowner = "mentor"\ncreated = 2026-11-01\n'
    )
    os.chmod(action, 0o644)
    (ada / ".relationship.toml.abc.tmp").write_text("half")
    problems = _problems()
    kinds = {(p["kind"], Path(str(p["path"])).name) for p in problems}
    assert ("reference", action.name) in kinds
    assert ("parse", broken.name) in kinds
    assert ("name", "2026-11-21-zzzzz.toml") in kinds  # id inside differs from the name
    assert ("name", "notes-by-hand.toml") in kinds
    assert ("schema", "2026-11-01-qqqqq.toml") in kinds
    assert ("field", "22222.toml") in kinds  # no title
    assert not any(name == "10abc.toml" and kind != "permissions" for kind, name in kinds)
    assert ("permissions", action.name) in kinds
    assert ("temp_file", ".relationship.toml.abc.tmp") in kinds
    parse = next(p for p in problems if p["kind"] == "parse")
    assert parse["line"] == 4
    markdown = run("doctor", "--format", "markdown").stdout
    assert "| relationships/ada-lovelace/checkins/2026-11-20-abcde.toml | 4 | parse |" in markdown


def test_doctor_fix_repairs_only_what_is_safe(ada: Path, journal: Path) -> None:
    path = ada / "relationship.toml"
    os.chmod(path, 0o644)
    os.chmod(ada, 0o755)
    stray = ada / ".relationship.toml.x1.tmp"
    stray.write_text("half a file")
    assert run("doctor").exit_code == 3
    fixed = run("doctor", "--fix")
    assert fixed.exit_code == 0, fixed.stdout
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(ada.stat().st_mode) == 0o700
    assert not stray.exists()
    assert path.read_text().startswith("schema = 1")
    assert _problems() == []


def test_trash_list_and_restore(ada: Path, journal: Path) -> None:
    ok("checkin", "log", "ada", "--notes", "keep me after all")
    checkin_id = data("checkin", "list")[0]["id"]
    ok("checkin", "delete", checkin_id, "--yes")
    assert data("checkin", "list") == []
    listed = data("trash", "list")
    assert [e["id"] for e in listed] == [checkin_id]
    assert listed[0]["original"].startswith("relationships/ada-lovelace/checkins/")
    ok("trash", "restore", checkin_id[:3])
    assert data("checkin", "show", checkin_id)["notes"] == "keep me after all"
    assert data("trash", "list") == []
    assert run("trash", "restore", checkin_id).exit_code == 1


def test_completion_offers_relationships_and_ids(ada: Path, journal: Path) -> None:
    ok("rel", "add", "Alan Turing", "--as", "mentor")
    ok("goal", "add", "ada", "A goal")
    goal_id = data("goal", "list")[0]["id"]

    def complete(words: str) -> list[str]:
        env = {
            **os.environ,
            "MENTORLOG_JOURNAL": str(journal),
            "_MENTORLOG_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        }
        result = subprocess.run(
            [sys.executable, "-m", "mentorlog"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        return result.stdout.split()

    assert complete("mentorlog rel show a") == ["ada-lovelace", "alan-turing"]
    assert complete("mentorlog checkin log al") == ["alan-turing"]
    assert complete(f"mentorlog goal show {goal_id[:2]}") == [goal_id]
    assert "summary" in complete("mentorlog su")


def test_unknown_relationship_suggests_close_matches(ada: Path) -> None:
    result = run("rel", "show", "ada-lovelase")
    assert result.exit_code == 1
    assert "Did you mean ada-lovelace?" in result.stderr


def test_restore_brings_back_no_second_record_with_an_id(ada: Path, journal: Path) -> None:
    """Deleted, then its id taken again by a copy of it on another day (an edit undone, a
    sync): restoring would make two records of one id."""
    ok("checkin", "log", "ada", "--date", "2026-11-10", "--summary", "once")
    checkin_id = data("checkin", "list")[0]["id"]
    ok("checkin", "delete", checkin_id, "--yes")
    [deleted] = journal.glob(".trash/**/*.toml")
    (ada / "checkins" / f"2026-11-12-{checkin_id}.toml").write_bytes(deleted.read_bytes())
    before = snapshot(journal)
    result = run("trash", "restore", checkin_id)
    assert result.exit_code == 1 and "already" in result.stderr
    assert snapshot(journal) == before


def test_trashed_relationships_and_contacts_go_by_their_slugs(journal: Path) -> None:
    for name in ("Bob Stone", "Carol King"):
        ok("rel", "add", name, "--as", "mentor")
    ok("net", "add", "Jo Park")
    for _ in range(3):
        ok("undo")
    ids = {entry["id"] for entry in data("trash", "list")}
    assert {"bob-stone", "carol-king", "jo-park"} <= ids
    ok("trash", "restore", "carol")
    assert [r["id"] for r in data("rel", "list")] == ["carol-king"]
