"""Nothing leaked, nothing broken: hostile text, hand-edited files, odd names, links."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import data, ok, run, snapshot

HOSTILE = [
    "[bold]x[/bold]",
    "[/x]",
    "[link=http://evil.example]click[/link]",
    "\u202eevil\u202c \u2066iso\u2069",
    "\u061carabic mark \u200bzero width \u2028line separator \ufeffbom",
    "tab\tand\rcarriage",
]
# Control characters no record may hold (core/model.py): refused wherever they are typed.
ESCAPES = [
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;http://evil.example\x07osc\x1b]8;;\x07",
    "back\x08space\x07bell\x7fdel\x9bcsi",
]


@pytest.mark.parametrize("text", ESCAPES)
def test_control_characters_are_refused_wherever_they_are_typed(
    ada: Path, journal: Path, text: str
) -> None:
    before = snapshot(journal)
    for args in (
        ("rel", "add", f"Person {text}", "--as", "mentor"),
        ("checkin", "log", "ada", "--summary", text),
        ("checkin", "log", "ada", "--notes", text),
        ("checkin", "log", "ada", "--topic", text),
        ("goal", "add", "ada", f"goal {text}"),
        ("goal", "add", "ada", "goal", "--why", text),
        ("action", "add", "ada", f"action {text}", "--owner", "me"),
        ("learn", "add", "a lesson", "--link", text),
        ("net", "add", "Jo", "--org", text),
    ):
        result = run(*args)
        assert result.exit_code == 1, (args, result.stdout)
        assert "control character" in result.stderr, args
    assert snapshot(journal) == before


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_exactly_and_shown_harmlessly(ada: Path, text: str) -> None:
    ok("rel", "add", f"Person {text}", "--as", "mentor")
    ok("checkin", "log", "ada", "--summary", text, "--notes", text, "--topic", text)
    ok("goal", "add", "ada", f"goal {text}")
    ok("action", "add", "ada", f"action {text}", "--owner", "me", "--due", "2026-11-01")
    checkin_id = data("checkin", "list")[0]["id"]
    assert data("checkin", "show", checkin_id)["notes"] == text
    for args in (
        ("rel", "list"),
        ("checkin", "show", checkin_id),
        ("checkin", "list"),
        ("goal", "list"),
        ("action", "list"),
        ("summary",),
        ("status",),
        ("search", "x"),
        ("summary", "--format", "markdown"),
        ("checkin", "show", checkin_id, "--format", "markdown"),
    ):
        result = ok(*args)
        for bad in ("\u202e", "\u2066", "\u061c", "\u200b", "\u2028", "\ufeff", "\r"):
            assert bad not in result.stdout, (args, bad)
    for path in ada.parent.rglob("*.toml"):
        tomllib.loads(path.read_text())


def test_nul_and_oversized_notes_are_refused(ada: Path, journal: Path) -> None:
    before = snapshot(journal)
    assert run("checkin", "log", "ada", "--notes", "a\x00b").exit_code == 1
    huge = "x" * (50 * 1024 * 1024)
    result = run("checkin", "log", "ada", "--notes", "-", input=huge)
    assert result.exit_code == 1
    assert "limit" in result.stderr
    assert run("rel", "add", "n" * 10_000, "--as", "mentor").exit_code == 1
    assert snapshot(journal) == before


def test_undecodable_argv_and_stdin_become_replacement_characters(ada: Path, journal: Path) -> None:
    env = {**os.environ, "MENTORLOG_JOURNAL": str(journal), "MENTORLOG_AS_OF": "2026-11-26"}
    name = os.fsdecode(b"Caf\xe9 Latin-1")  # a lone surrogate in Python
    added = subprocess.run(
        [sys.executable, "-m", "mentorlog", "rel", "add", name, "--as", "mentor"],
        env=env,
        capture_output=True,
        check=False,
    )
    assert added.returncode == 0, added.stderr
    logged = subprocess.run(
        [sys.executable, "-m", "mentorlog", "checkin", "log", "caf", "--notes", "-"],
        env=env,
        input=b"notes in Latin-1: \xe9t\xe9",
        capture_output=True,
        check=False,
    )
    assert logged.returncode == 0, logged.stderr
    rel = tomllib.loads(
        (journal / "relationships" / "caf-latin-1" / "relationship.toml").read_text()
    )
    assert rel["counterpart"] == "Caf\ufffd Latin-1"
    notes = [
        tomllib.loads(p.read_text())["notes"]
        for p in journal.glob("relationships/caf-latin-1/checkins/*.toml")
    ]
    assert notes == ["notes in Latin-1: \ufffdt\ufffd"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"schema = 1\nnumber = 1" + b"0" * 5000 + b"\n", "relationship.toml"),
        (b"schema = 1\ndeep = " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "relationship.toml"),
        (b'schema = 1\ncounterpart = "Caf\xe9"\n', "line 2"),
        (
            b'schema = 1\n<<<<<<< HEAD\ncadence = "weekly"\n=======\ncadence = "monthly"\n>>>>>>> theirs\n',
            "line 2",
        ),
        (b"schema = 1\nschema = 2\n", "line 2"),
    ],
    ids=["5000-digits", "deep-nesting", "latin-1", "conflict-markers", "duplicate-key"],
)
def test_hostile_hand_edits_exit_3_naming_the_file(
    ada: Path, content: bytes, expected: str
) -> None:
    (ada / "relationship.toml").write_bytes(content)
    result = run("rel", "show", "ada-lovelace")
    assert result.exit_code == 3
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert run("doctor").exit_code == 3


def test_bom_and_crlf_hand_edits_still_read(ada: Path) -> None:
    path = ada / "relationship.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert data("rel", "show", "ada")["counterpart"] == "Ada Lovelace"
    ok("rel", "edit", "ada", "--contact", "ada@example.org")
    assert data("rel", "show", "ada")["contact"] == "ada@example.org"


@pytest.mark.parametrize("name", ["a/b", "a\\b", "CON", "nul", "/etc/passwd", "~root", "-rf"])
def test_odd_names_stay_inside_the_journal(journal: Path, tmp_path: Path, name: str) -> None:
    result = run("rel", "add", "--as", "mentor", "--", name)
    assert result.exit_code == 0, result.stderr
    folders = list((journal / "relationships").iterdir())
    assert len(folders) == 1
    assert folders[0].parent == journal / "relationships"
    assert folders[0].name not in (".", "..", "con", "nul")
    assert data("rel", "show", folders[0].name)["counterpart"] == name
    assert not (tmp_path / "etc").exists()


@pytest.mark.parametrize("name", ["..", ".", "/", "-"])
def test_a_name_with_nothing_to_name_a_folder_by_asks_for_a_slug(journal: Path, name: str) -> None:
    before = snapshot(journal)
    result = run("rel", "add", "--as", "mentor", "--", name)
    assert result.exit_code == 1
    assert "--slug" in result.stderr
    assert snapshot(journal) == before
    ok("rel", "add", "--as", "mentor", "--slug", "dots", "--", name)
    assert data("rel", "show", "dots")["counterpart"] == name


def test_nfc_nfd_and_case_find_the_same_person(journal: Path) -> None:
    ok("rel", "add", "Zo\u00eb Lee", "--as", "mentor")
    assert data("rel", "show", "ZOE\u0308 LEE")["counterpart"] == "Zo\u00eb Lee"
    assert run("rel", "add", "zoe\u0308 lee", "--as", "mentor").exit_code == 1
    ok("rel", "add", "Zoe Lee", "--as", "mentor")  # a different person, kept apart
    assert len(data("rel", "list")) == 2


def test_symlinks_and_fifos_are_refused_and_targets_untouched(
    ada: Path, journal: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.toml"
    outside.write_text('schema = 1\nid = "zzzzz"\ndate = 2026-11-20\nnotes = "not yours"\n')
    before = outside.read_bytes()
    checkins = ada / "checkins"
    checkins.mkdir()
    (checkins / "2026-11-20-zzzzz.toml").symlink_to(outside)
    os.mkfifo(checkins / "2026-11-21-yyyyy.toml")
    listed = run("checkin", "list")
    assert listed.exit_code == 3  # two files not read, and named
    assert "not yours" not in listed.stdout
    assert "symbolic link" in listed.stderr
    assert run("checkin", "edit", "zzzzz", "--summary", "overwrite").exit_code == 3
    assert run("checkin", "delete", "zzzzz", "--yes").exit_code in (0, 3)
    assert outside.read_bytes() == before
    problems = data_doctor()
    assert {p["kind"] for p in problems} >= {"link"}
    other = tmp_path / "elsewhere"
    other.mkdir()
    (ada / "goals").symlink_to(other, target_is_directory=True)
    assert run("goal", "add", "ada", "Escape").exit_code == 3
    assert list(other.iterdir()) == []


def data_doctor() -> list[dict[str, object]]:
    import json

    result = run("doctor", "--format", "json")
    assert result.exit_code == 3
    problems: list[dict[str, object]] = json.loads(result.stdout)
    return problems


def test_a_device_or_fifo_given_as_a_file_is_refused_at_once(
    ada: Path, journal: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "doc.fifo"
    os.mkfifo(fifo)
    before = snapshot(journal)
    for source in ("/dev/zero", str(fifo)):
        result = run("expect", "fill", "ada", "--from", source)
        assert result.exit_code == 1 and "not a regular file" in result.stderr, result.stderr
    assert snapshot(journal) == before


def test_an_absurd_width_is_held_to_a_screens(ada: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORLOG_WIDTH", "99999999999")
    shown = ok("summary").stdout
    assert max(len(line) for line in shown.splitlines()) <= 1000
