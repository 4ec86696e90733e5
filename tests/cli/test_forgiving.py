"""Forgiving input: dates as people say them, global options after the command, names in any
script and spelling, and Tab completion of names and option values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mentorlog.cli.app import app
from tests.conftest import data, ok, run, snapshot


def test_dates_as_people_say_them(ada: Path) -> None:
    ok("action", "add", "ada", "Send the draft", "--owner", "them", "--due", "in 2 weeks")
    ok("action", "add", "ada", "Read chapter 3", "--owner", "me", "--due", "dec 1")
    ok("action", "add", "ada", "Book the room", "--owner", "me", "--due", "eom")
    dues = sorted(action["due"] for action in data("action", "list"))
    assert dues == ["2026-11-30", "2026-12-01", "2026-12-10"]


def test_a_wrong_date_says_why_and_changes_nothing(ada: Path, journal: Path) -> None:
    before = snapshot(journal)
    result = run("action", "add", "ada", "Send the draft", "--owner", "me", "--due", "2026-11-31")
    assert result.exit_code == 1
    assert "day 31 of November does not exist" in result.stderr
    result = run("action", "add", "ada", "Send the draft", "--owner", "me", "--due", "next tusday")
    assert result.exit_code == 1
    assert "Did you mean 'next tuesday'?" in result.stderr
    assert snapshot(journal) == before


def test_eow_ends_the_week_the_journal_starts(ada: Path, journal: Path) -> None:
    ok("action", "add", "ada", "Monday weeks", "--owner", "me", "--due", "eow")
    settings = journal / "journal.toml"
    text = settings.read_text()
    assert 'week_start = "monday"' in text
    settings.write_text(text.replace('week_start = "monday"', 'week_start = "sunday"'))
    ok("action", "add", "ada", "Sunday weeks", "--owner", "me", "--due", "eow")
    dues = {action["text"]: action["due"] for action in data("action", "list")}
    # 26 November 2026 is a Thursday: its week ends on Sunday the 29th, or on Saturday the
    # 28th when weeks start on Sunday.
    assert dues == {"Monday weeks": "2026-11-29", "Sunday weeks": "2026-11-28"}


def test_as_of_takes_every_date_form(ada: Path) -> None:
    assert data("summary", as_of="dec 1")["as_of"] == "2026-12-01"
    assert data("summary", as_of="2026-12-1")["as_of"] == "2026-12-01"


def test_journal_after_the_command(ada: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    assert CliRunner().invoke(app, ["init", "--journal", str(other)]).exit_code == 0
    assert (other / "journal.toml").is_file()
    result = CliRunner().invoke(app, ["rel", "list", "--journal", str(other), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []  # the other journal's, not ada's
    result = CliRunner().invoke(app, ["status", "--journal", str(other)])
    assert result.exit_code == 0, result.stderr


def test_as_of_after_the_command(ada: Path) -> None:
    before = CliRunner().invoke(app, ["summary", "--as-of", "2026-11-20", "--format", "json"])
    assert before.exit_code == 0, before.stderr
    assert json.loads(before.stdout)["as_of"] == "2026-11-20"
    # after a group's subcommand, and between a group and its subcommand
    shown = CliRunner().invoke(app, ["rel", "show", "ada", "--as-of", "friday", "-f", "json"])
    assert shown.exit_code == 0, shown.stderr
    listed = CliRunner().invoke(app, ["goal", "--as-of", "2026-11-20", "list", "-f", "json"])
    assert listed.exit_code == 0, listed.stderr


def test_a_bad_as_of_after_the_command_is_the_same_clear_error(ada: Path) -> None:
    result = CliRunner().invoke(app, ["summary", "--format", "json", "--as-of", "2026-13-01"])
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert error["message"] == "'2026-13-01' is not a date: month 13 does not exist."


def test_debug_after_the_command(journal: Path) -> None:
    result = CliRunner().invoke(app, ["rel", "show", "nobody", "--debug"])
    assert result.exit_code == 1
    assert "Traceback" in result.stderr


def test_a_value_that_looks_like_a_global_option_stays_a_value(ada: Path, journal: Path) -> None:
    """Click parses each command's own options: `--summary --journal` is a summary, and after
    `--` everything is an argument."""
    ok("checkin", "log", "ada", "--summary", "--journal")
    assert data("checkin", "list")[0]["summary"] == "--journal"
    hits = json.loads(ok("search", "--format", "json", "--", "--journal").stdout)
    assert [hit["kind"] for hit in hits] == ["checkin"]
    assert not (Path.cwd() / "--journal").exists()


def test_help_for_a_command_and_in_the_list() -> None:
    listed = run("--help", as_of=None)
    assert "help     Show the help of a command: mentorlog help goal add." in listed.stdout
    assert "may also follow the command" in listed.stdout
    assert "Usage: mentorlog goal add" in run("help", "goal", "add", as_of=None).stdout
    assert "Usage: mentorlog [OPTIONS] COMMAND" in run("help", "--help", as_of=None).stdout


# -- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [("王芳", "wang-fang"), ("José Núñez", "jose-nunez"), ("Дмитрий Иванов", "dmitriy-ivanov")],
)
def test_a_name_in_any_script_gets_a_readable_slug(journal: Path, name: str, slug: str) -> None:
    result = ok("rel", "add", name, "--as", "mentee")
    assert f"Added {slug}:" in result.stderr
    assert (journal / "relationships" / slug / "relationship.toml").is_file()
    ok("net", "add", name)
    assert (journal / "network" / f"{slug}.toml").is_file()


def test_an_emoji_name_asks_for_a_slug(journal: Path) -> None:
    before = snapshot(journal)
    for command in (["rel", "add", "🌻", "--as", "mentee"], ["net", "add", "🌻"]):
        result = run(*command)
        assert result.exit_code == 1
        assert "'🌻' has no letter or digit" in result.stderr
        assert "--slug" in result.stderr
    assert snapshot(journal) == before
    ok("rel", "add", "🌻", "--as", "mentee", "--slug", "sunny")
    ok("net", "add", "🌻", "--slug", "Sunny Day")  # made a slug like any name
    assert data("rel", "show", "sunny")["counterpart"] == "🌻"
    assert data("net", "show", "sunny-day")["name"] == "🌻"


def test_names_match_without_case_or_accents(journal: Path) -> None:
    ok("rel", "add", "José Núñez", "--as", "mentee")
    ok("rel", "add", "王芳", "--as", "mentor")
    for typed in ("jose nunez", "JOSÉ NÚÑEZ", "josé", "jose-n"):
        assert data("rel", "show", typed)["counterpart"] == "José Núñez", typed
    assert data("rel", "show", "wang")["counterpart"] == "王芳"
    assert data("rel", "show", "王")["counterpart"] == "王芳"
    ok("net", "add", "Zoë Ångström", "--rel", "jose nunez")
    assert data("net", "show", "zoe angstrom")["rel"] == "jose-nunez"
    ok("net", "log", "ZOE", "Coffee")
    assert len(data("net", "show", "zoe-angstrom")["interaction"]) == 1


def test_two_people_who_differ_by_an_accent_are_both_found(journal: Path) -> None:
    ok("net", "add", "José")
    ok("net", "add", "Jose")
    assert data("net", "show", "josé")["name"] == "José"
    assert data("net", "show", "jose")["name"] == "Jose"


# -- completion ----------------------------------------------------------------------------


def complete(words: str, journal: Path) -> list[str]:
    """What Tab offers for the last word of `words`, as bash asks for it."""
    env = {
        "MENTORLOG_JOURNAL": str(journal),
        "_MENTORLOG_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    result = CliRunner().invoke(app, [], env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


def test_completion_offers_relationships_and_contacts_by_slug(journal: Path) -> None:
    """Slugs, in Latin letters: what a shell can complete to (Typer keeps only completions
    that start as typed, so `王` completes nothing; `wang` does)."""
    ok("rel", "add", "王芳", "--as", "mentor")
    ok("rel", "add", "José Núñez", "--as", "mentee")
    ok("net", "add", "Zoë Ångström")
    assert complete("mentorlog rel show wa", journal) == ["wang-fang"]
    assert complete("mentorlog learn list --rel j", journal) == ["jose-nunez"]
    assert complete("mentorlog rel show ", journal) == ["jose-nunez", "wang-fang"]
    assert complete("mentorlog net show zo", journal) == ["zoe-angstrom"]
    assert complete("mentorlog net log ", journal) == ["zoe-angstrom"]


def test_completion_reads_the_journal_named_after_the_command(
    journal: Path, tmp_path: Path
) -> None:
    ok("rel", "add", "Ada Lovelace", "--as", "mentor")
    other = tmp_path / "elsewhere"
    ok("--journal", str(other), "init")
    ok("--journal", str(other), "rel", "add", "Alan Turing", "--as", "mentor")
    assert complete(f"mentorlog rel show --journal {other} a", journal) == ["alan-turing"]


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("mentorlog summary --format ", ["text", "markdown", "json"]),
        ("mentorlog export --format ", ["json", "markdown", "ics"]),
        ("mentorlog summary --period last", ["last-week", "last-month", "last-quarter"]),
        ("mentorlog summary --fail-on st", ["stale_goal"]),
        ("mentorlog summary --fail-on overdue_action,miss", ["overdue_action,missed_checkin"]),
        (
            "mentorlog checkin log ada --mode ",
            ["in-person", "video", "call", "chat", "email", "other"],
        ),
        ("mentorlog checkin edit abc --mode v", ["video"]),
        ("mentorlog expect agree ada --by ", ["me", "them", "mentor", "mentee", "both"]),
        ("mentorlog health log ada --by m", ["me", "mentor", "mentee"]),
        ("mentorlog search x --kind c", ["checkin", "contact"]),
        ("mentorlog learn add x --kind re", ["resource", "reflection"]),
        ("mentorlog learn list --kind s", ["skill"]),
    ],
)
def test_completion_of_option_values(journal: Path, words: str, offered: list[str]) -> None:
    assert complete(words, journal) == offered


def test_a_contacts_slug_names_it_beside_a_namesake_without_accents(journal: Path) -> None:
    ok("net", "add", "José Núñez")
    ok("net", "add", "Jose Nunez")
    slugs = {c["name"]: c["id"] for c in data("net", "list")}
    for name, slug in slugs.items():
        assert data("net", "show", slug)["name"] == name


def test_a_name_as_written_beats_a_slug_it_happens_to_match(journal: Path) -> None:
    ok("rel", "add", "Zoë", "--as", "mentor")
    ok("rel", "add", "Zoe", "--as", "mentor")
    ok("checkin", "log", "Zoe", "--summary", "with Zoe")
    assert data("rel", "show", "Zoe")["counterpart"] == "Zoe"
    assert data("rel", "show", "zoe")["counterpart"] == "Zoë"  # the slug, as written
    shown = {c["relationship"]: c["summary"] for c in data("checkin", "list")}
    assert shown == {"zoe-2": "with Zoe"}
