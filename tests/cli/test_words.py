"""What mentorlog says, word for word: counts agree with their nouns, an agreement that does
not exist has no version, `help` helps, the trash says when a record was deleted, and an
empty list says whether a filter emptied it."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from mentorlog.store.sync import describe_changes
from tests.conftest import data, ok, run


def test_counts_of_one_are_singular(ada: Path) -> None:
    ok("action", "add", "ada", "Send the CFP draft", "--owner", "them", "--due", "2026-11-20")
    action = data("action", "list")[0]["id"]
    assert "deferred 1 time)" in ok("action", "reschedule", action, "--due", "2026-11-25").stderr
    assert "1 day late" in ok("action", "done", action, "--date", "2026-11-26").stderr
    ok("action", "add", "ada", "Read chapter 3", "--owner", "them", "--due", "2026-11-20")
    shown = ok("rel", "show", "ada").stdout
    assert "1 action," in shown and "0 goals" in shown
    result = run("summary", "--fail-on", "overdue_action")
    assert result.exit_code == 4
    assert "1 alert of the kinds" in result.stderr
    os.chmod(ada / "relationship.toml", 0o644)
    assert "1 problem found" in run("doctor").stderr
    assert "(s)" not in result.stderr + run("doctor").stderr


def test_import_counts_each_kind_in_words(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("rel", "add", "Ada Lovelace", "--as", "mentor")
    ok("net", "add", "Jo Park")
    dump = tmp_path / "export.json"
    dump.write_text(ok("export", "--format", "json").stdout)
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(tmp_path / "fresh"))
    ok("init", "--owner", "Grace Hopper")
    assert "Added 1 contact, 1 relationship." in ok("import", str(dump)).stderr


def test_sync_commit_messages_count_in_words() -> None:
    paths = [f"learning/2026-11-0{n}-abcde.toml" for n in (1, 2, 3)]
    paths += ["relationships/ada/checkins/2026-11-01-k3m9p.toml", "journal.toml"]
    message = describe_changes(paths)
    assert "3 learning entries" in message
    assert "1 check-in" in message
    assert "entrys" not in message


def test_a_missing_agreement_has_no_version(ada: Path) -> None:
    alerts = data("summary")["alerts"]
    message = next(a["message"] for a in alerts if a["kind"] == "agreement_unsigned")
    assert message == "The relationship with Ada Lovelace has no agreement yet."
    for command in (["rel", "show", "ada"], ["summary"], ["summary", "--format", "markdown"]):
        shown = ok(*command).stdout
        assert "no agreement yet" in shown, command
        assert "none, version" not in shown, command
    ok("expect", "add", "ada", "Weekly, 30 minutes.", "--section", "meetings")
    assert "draft, version 1" in ok("rel", "show", "ada").stdout


def test_help_shows_help_and_did_you_mean_only_for_near_names() -> None:
    result = run("help", as_of=None)
    assert result.exit_code == 0, result.stderr
    assert "summary" in result.stdout and "Did you mean" not in result.stdout + result.stderr
    goal = run("help", "goal", as_of=None)
    assert goal.exit_code == 0 and "milestone" in goal.stdout
    add = run("help", "goal", "add", as_of=None)
    assert add.exit_code == 0 and "--horizon" in add.stdout
    typo = run("stauts", as_of=None)
    assert typo.exit_code == 2 and "Did you mean 'status'?" in typo.stderr
    near_help = run("hepl", as_of=None)  # `help` is a command in the list: the near name
    assert near_help.exit_code == 2 and "Did you mean 'help'?" in near_help.stderr
    far = run("hlp-me", as_of=None)
    assert far.exit_code == 2 and "Did you mean" not in far.stderr


def test_trash_list_shows_when_the_record_was_deleted(ada: Path) -> None:
    ok("checkin", "log", "ada", "--date", "2026-11-20", "--notes", "old")
    [path] = (ada / "checkins").glob("*.toml")
    long_ago = 1_600_000_000  # September 2020
    os.utime(path, (long_ago, long_ago))
    ok("checkin", "delete", data("checkin", "list")[0]["id"], "--yes")
    [entry] = data("trash", "list")
    assert entry["deleted"][:10] == date.today().isoformat()
    assert "deleted" in ok("trash", "list").stdout


def test_filters_that_match_nothing_say_so(ada: Path) -> None:
    ok("learn", "add", "Small steps", "--rel", "ada")
    ok("checkin", "log", "ada", "--date", "2026-11-20", "--notes", "x")
    learned = ok("learn", "list", "--kind", "skill")
    assert "Nothing recorded yet" not in learned.stdout
    assert "No learning entries match --kind skill" in learned.stdout
    checkins = ok("checkin", "list", "--since", "2026-11-25")
    assert "No check-ins match --since 2026-11-25" in checkins.stdout
    assert json.loads(ok("learn", "list", "--kind", "skill", "--format", "json").stdout) == []
