"""Private means private: what was written in a private check-in (summary, topics, feedback
given and received, concerns, learned, notes) stays out of every export and every Markdown
view unless asked for with --include-private; the owner's own text view shows it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import data, ok, snapshot

WRITTEN = {
    "--summary": "SECRET-SUMMARY",
    "--topic": "SECRET-TOPIC",
    "--feedback-given": "SECRET-GIVEN",
    "--feedback-received": "SECRET-RECEIVED",
    "--concern": "SECRET-CONCERN",
    "--learned": "SECRET-LEARNED",
    "--notes": "SECRET-NOTES",
}
WITHHELD_WORDS = "summary, topics, feedback given and received, concerns, learned and notes"


@pytest.fixture
def private_checkin(ada: Path) -> str:
    """A private check-in with something written in every field, beside a shared one."""
    ok("checkin", "log", "ada", "--date", "2026-11-10", "--summary", "Open plan", "--topic", "CFP")
    written = [part for option, text in WRITTEN.items() for part in (option, text)]
    ok("checkin", "log", "ada", "--date", "2026-11-20", "--mode", "video", *written, "--private")
    return str(data("checkin", "list")[0]["id"])


def secrets_in(text: str) -> set[str]:
    return {secret for secret in WRITTEN.values() if secret in text}


@pytest.mark.parametrize("fmt", ["json", "markdown", "ics"])
def test_exports_leave_out_everything_written_in_a_private_check_in(
    private_checkin: str, journal: Path, fmt: str
) -> None:
    before = snapshot(journal)
    for scope in ((), ("--rel", "ada")):
        exported = ok("export", "--format", fmt, *scope).stdout
        assert secrets_in(exported) == set(), (fmt, scope)
        assert "Open plan" in exported or fmt == "ics"  # a shared check-in is exported whole
    if fmt != "ics":  # a calendar holds no check-in's text at all
        everything = ok("export", "--format", fmt, "--include-private").stdout
        assert secrets_in(everything) == set(WRITTEN.values())
    assert snapshot(journal) == before


def test_the_json_export_keeps_the_fact_of_a_private_check_in(private_checkin: str) -> None:
    (part,) = data("export")["relationships"]
    (kept,) = [c for c in part["checkins"] if c["id"] == private_checkin]
    assert kept["private"] is True and kept["date"] == "2026-11-20" and kept["mode"] == "video"


def test_markdown_views_leave_it_out_unless_asked(private_checkin: str, journal: Path) -> None:
    before = snapshot(journal)
    for view in (("checkin", "show", private_checkin), ("checkin", "list")):
        shared = ok(*view, "--format", "markdown").stdout
        assert secrets_in(shared) == set(), view
        assert "private notes left out" in shared
        asked = ok(*view, "--format", "markdown", "--include-private").stdout
        assert secrets_in(asked) == set(WRITTEN.values()), view
        assert secrets_in(ok(*view, "--format", "json").stdout) == set(WRITTEN.values())
    # The owner's own text view shows it all.
    assert secrets_in(ok("checkin", "show", private_checkin).stdout) == set(WRITTEN.values())
    assert "Open plan" in ok("checkin", "list", "--format", "markdown").stdout
    assert secrets_in(ok("summary", "--format", "markdown").stdout) == set()
    assert secrets_in(ok("summary", "--period", "quarter", "--format", "markdown").stdout) == set()
    assert snapshot(journal) == before


def test_the_help_says_exactly_what_is_withheld() -> None:
    for command in (
        ("checkin", "log"),
        ("checkin", "edit"),
        ("checkin", "show"),
        ("checkin", "list"),
        ("export",),
    ):
        shown = ok(*command, "--help").stdout
        flat = " ".join(re.sub(r"[│╭╮╰╯─]", " ", shown).split())
        assert WITHHELD_WORDS in flat, command


def test_a_markdown_export_to_a_pipe_withholds_it(private_checkin: str, journal: Path) -> None:
    """As a whole process, as a script would share a report."""
    env = {**os.environ, "MENTORLOG_AS_OF": "2026-11-26"}
    exported = subprocess.run(
        [sys.executable, "-m", "mentorlog", "export", "--format", "markdown"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert secrets_in(exported.stdout) == set()
    assert "20 November 2026" in exported.stdout  # the check-in is there, not its text
    listed = subprocess.run(
        [sys.executable, "-m", "mentorlog", "checkin", "list", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(listed.stdout)[0]["concerns"] == ["SECRET-CONCERN"]


def test_search_in_markdown_leaves_a_private_snippet_out_unless_asked(
    private_checkin: str,
) -> None:
    for secret in ("SECRET-NOTES", "SECRET-SUMMARY"):
        shown = ok("search", secret, "--format", "markdown").stdout
        assert private_checkin in shown and not secrets_in(shown), shown
        assert secret in ok("search", secret, "--format", "markdown", "--include-private").stdout
        assert secret in ok("search", secret).stdout  # the owner's own terminal view
