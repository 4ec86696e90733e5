"""A journal with a damaged record or a wrong setting: every review and list prints what it
could read, names what it could not, and exits 3, so that no script trusts an incomplete
review; doctor says which problems --fix repairs and which need a hand."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import data, ok, run

ROOT = Path(__file__).parent.parent.parent
SCHEMA = json.loads((ROOT / "docs" / "schemas" / "summary.schema.json").read_text())
BROKEN_LINE = 'title = = "x"\n'


def _break(path: Path) -> None:
    """Append a line TOML cannot read, as a slip of a hand edit might."""
    with path.open("a") as file:
        file.write(BROKEN_LINE)


@pytest.fixture
def damaged(ada: Path) -> tuple[str, int]:
    """Ada's journal with a check-in and one of two goals broken by a hand edit: the goal's
    file (relative to the journal) and the line that is wrong."""
    ok("checkin", "log", "ada", "--date", "2026-11-24", "--notes", "Parser plan")
    ok("goal", "add", "ada", "Give a talk")
    ok("goal", "add", "ada", "Write a parser")
    goal_id = next(g["id"] for g in data("goal", "list") if g["title"] == "Write a parser")
    path = ada / "goals" / f"{goal_id}.toml"
    line = path.read_text().count("\n") + 1
    _break(path)
    return f"relationships/ada-lovelace/goals/{goal_id}.toml", line


def test_a_damaged_goal_fails_the_json_summary_after_printing_it(damaged: tuple[str, int]) -> None:
    name, line = damaged
    result = run("summary", "--format", "json")
    assert result.exit_code == 3, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    assert [g["title"] for g in document["relationships"][0]["goals"]] == ["Give a talk"]
    [problem] = document["problems"]
    assert problem["file"] == name
    assert problem["line"] == line
    assert problem["message"] and name not in problem["message"]
    assert result.stderr == ""  # the document carries its problems


def test_a_damaged_goal_fails_the_text_summary_and_status(damaged: tuple[str, int]) -> None:
    name, line = damaged
    for command in (["summary"], ["status"], ["summary", "--format", "markdown"]):
        result = run(*command)
        assert result.exit_code == 3, (command, result.stderr)
        assert "Ada Lovelace" in result.stdout
        assert f"{name}, line {line}" in result.stderr
        assert "mentorlog doctor" in result.stderr


def test_status_json_stays_an_array_with_the_problems_on_stderr(damaged: tuple[str, int]) -> None:
    name, _ = damaged
    result = run("status", "--format", "json")
    assert result.exit_code == 3
    assert [row["id"] for row in json.loads(result.stdout)] == ["ada-lovelace"]
    assert name in result.stderr


def test_a_met_fail_on_condition_gives_way_to_the_journal_problem(
    damaged: tuple[str, int],
) -> None:
    result = run("summary", "--format", "json", "--fail-on", "any")
    assert result.exit_code == 3  # not 4: the review itself is incomplete
    assert json.loads(result.stdout)["alerts"]
    assert json.loads(result.stdout)["problems"]


def test_a_summary_with_nothing_damaged_has_no_problems(ada: Path) -> None:
    document = data("summary")
    assert document["problems"] == []


@pytest.mark.parametrize(
    ("command", "folder"),
    [
        (["checkin", "list"], "checkins"),
        (["goal", "list"], "goals"),
        (["action", "list"], "actions"),
        (["learn", "list"], "learning"),
        (["net", "list"], "network"),
        (["search", "plan"], "checkins"),
    ],
)
def test_every_list_names_what_it_could_not_read_and_exits_3(
    ada: Path, journal: Path, command: list[str], folder: str
) -> None:
    for n in (1, 2):
        ok("checkin", "log", "ada", "--date", f"2026-11-2{n}", "--notes", f"plan {n}")
        ok("goal", "add", "ada", f"Goal {n}")
        ok("action", "add", "ada", f"Plan {n}", "--owner", "me", "--due", "+1w")
        ok("learn", "add", f"Lesson {n} about a plan", "--rel", "ada")
        ok("net", "add", f"Person {n}")
    where = journal / folder if folder in ("learning", "network") else ada / folder
    broken = sorted(where.glob("*.toml"))[0]
    _break(broken)
    result = run(*command)
    assert result.exit_code == 3, (result.stdout, result.stderr)
    assert broken.name in result.stderr
    assert result.stdout.strip()  # what could be read is printed
    as_json = run(*command, "--format", "json")
    assert as_json.exit_code == 3
    assert len(json.loads(as_json.stdout)) >= 1  # still the array of records
    assert broken.name in as_json.stderr


def test_doctor_suggests_fix_only_for_what_fix_repairs(damaged: tuple[str, int]) -> None:
    name, _ = damaged
    result = run("doctor")
    assert result.exit_code == 3
    assert "--fix" not in result.stderr  # a parse error is mended by hand
    assert "by hand" in result.stderr


def test_doctor_suggests_fix_for_permissions(ada: Path) -> None:
    os.chmod(ada / "relationship.toml", 0o644)
    result = run("doctor")
    assert result.exit_code == 3
    assert "mentorlog doctor --fix" in result.stderr
    assert "by hand" not in result.stderr


def _settings(journal: Path, line: str) -> None:
    """Set one key under [settings] by hand, in place of the line init wrote for it."""
    path = journal / "journal.toml"
    key = line.split("=")[0].strip()
    kept = [old for old in path.read_text().splitlines() if not old.startswith(f"{key} =")]
    path.write_text("\n".join([*kept, line]) + "\n")


@pytest.mark.parametrize(
    ("setting", "key"),
    [
        ('week_start = "sundy"', "week_start"),
        ("stale_days = 0", "stale_days"),
        ("inactive_days = -5", "inactive_days"),
        ('stale_days = "soon"', "stale_days"),
    ],
)
def test_a_wrong_setting_is_an_error_naming_the_file_and_the_key(
    ada: Path, journal: Path, setting: str, key: str
) -> None:
    _settings(journal, setting)
    result = run("summary")
    assert result.exit_code == 3
    assert "journal.toml" in result.stderr and key in result.stderr
    as_json = run("status", "--format", "json")
    assert as_json.exit_code == 3
    error = json.loads(as_json.stdout)["error"]
    assert error["code"] == "journal" and key in error["message"]
    doctor = run("doctor", "--format", "json")
    assert doctor.exit_code == 3
    assert any(
        p["path"] == "journal.toml" and key in p["message"] for p in json.loads(doctor.stdout)
    )


def test_an_unknown_setting_is_a_warning(ada: Path, journal: Path) -> None:
    _settings(journal, 'weekstart = "sunday"')
    result = run("summary")
    assert result.exit_code == 0
    assert "journal.toml" in result.stderr and "weekstart" in result.stderr
    assert "week_start" in result.stderr  # the key it knows
    doctor = run("doctor", "--format", "json")
    assert any("weekstart" in p["message"] for p in json.loads(doctor.stdout))


def test_a_valid_week_start_is_used(ada: Path, journal: Path) -> None:
    _settings(journal, 'week_start = "Sunday"')
    assert data("summary")["period"]["start"] == "2026-11-22"
    assert "No problems" in ok("doctor").stdout
