"""Encryption at rest (docs/privacy.md): what is sealed, what reads without the identity, and
the commands that need the text."""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from mentorlog.store.crypt import PLACEHOLDER
from tests.conftest import data, ok, run, snapshot

SECRETS = ("banana-notes", "kiwi-lesson", "mango-topic", "pear-private", "plum-after")


def _identity(journal: Path) -> Path:
    return journal.parent / "identity.txt"  # beside MENTORLOG_CONFIG (conftest)


def _log_before_key(ada: Path) -> None:
    ok("checkin", "log", "ada", "--date", "2026-11-01", "--summary", "Plan")
    ok(
        "checkin", "log", "ada", "--date", "2026-11-10", "--summary", "Parser plan",
        "--notes", "banana-notes here", "--learned", "kiwi-lesson", "--concern", "fig",
    )  # fmt: skip
    ok(
        "checkin", "log", "ada", "--date", "2026-11-12", "--summary", "pear-private talk",
        "--topic", "mango-topic", "--private", "--notes", "quiet",
    )  # fmt: skip


def _files_holding(root: Path, words: tuple[str, ...]) -> list[str]:
    return [
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.is_file()
        and ".cache" not in path.parts
        and any(word.encode() in path.read_bytes() for word in words)
    ]


def _checkin_ids(ada: Path) -> list[str]:
    return [path.stem.rsplit("-", 1)[1] for path in sorted((ada / "checkins").glob("*.toml"))]


@pytest.fixture
def sealed(ada: Path, journal: Path) -> Path:
    _log_before_key(ada)
    ok("key", "init")
    ok("checkin", "log", "ada", "--date", "2026-11-20", "--notes", "plum-after")
    return journal


def test_no_journal_file_holds_the_text_once_encrypted(sealed: Path, ada: Path) -> None:
    assert _files_holding(sealed, SECRETS) == []
    info = tomllib.loads((sealed / "journal.toml").read_text())
    assert info["encryption"]["state"] == "complete"
    assert info["encryption"]["recipients"] == [ok("key", "show").stdout.strip()]
    assert _identity(sealed).stat().st_mode & 0o777 == 0o600
    shared = tomllib.loads(next((ada / "checkins").glob("2026-11-01-*.toml")).read_text())
    assert shared["summary"] == "Plan"  # a shared check-in's summary stays plain


def test_with_the_identity_every_view_gives_the_text_as_before(ada: Path, journal: Path) -> None:
    _log_before_key(ada)
    before = [ok("checkin", "show", i).stdout for i in _checkin_ids(ada)]
    search = data("search", "banana")
    summary = data("summary", "--period", "month")
    export = ok("export", "--format", "json", "--include-private").stdout
    ok("key", "init")
    assert [ok("checkin", "show", i).stdout for i in _checkin_ids(ada)] == before
    assert data("search", "banana") == search
    assert data("summary", "--period", "month") == summary
    assert ok("export", "--format", "json", "--include-private").stdout == export


def test_without_the_identity_views_show_placeholders_and_text_commands_exit_3(
    ada: Path, journal: Path
) -> None:
    _log_before_key(ada)
    ok("key", "init")
    status = ok("status").stdout
    summary = data("summary", "--period", "month")
    _identity(journal).rename(journal.parent / "elsewhere.txt")
    files = snapshot(journal)
    assert ok("status").stdout == status
    blind = data("summary", "--period", "month")
    assert _without_text(blind) == _without_text(summary)
    listed = ok("checkin", "list", "ada").stdout
    assert PLACEHOLDER in listed and "pear-private" not in listed
    private_id = _checkin_ids(ada)[2]
    for command in (
        ("checkin", "show", private_id),
        ("export", "--format", "json", "--include-private"),
        ("checkin", "edit", private_id, "--edit"),
    ):
        refused = run(*command)
        assert refused.exit_code == 3, command
        assert str(_identity(journal)) in refused.stderr + refused.stdout  # JSON: on stdout
    ok("checkin", "edit", private_id, "--rating", "4")  # plain fields change, sealed ones stay
    changed = snapshot(journal)
    assert [name for name in files if files[name] != changed[name]] == [
        f"relationships/ada-lovelace/checkins/{sorted((ada / 'checkins').iterdir())[2].name}"
    ]
    _identity(journal).parent.joinpath("elsewhere.txt").rename(_identity(journal))
    assert "pear-private talk" in ok("checkin", "show", private_id).stdout


def _without_text(summary: dict[str, object]) -> str:
    """A summary's JSON with every text a check-in holds left out (its figures stay)."""
    text = json.dumps(summary)
    for word in ("Parser plan", "pear-private talk", PLACEHOLDER):
        text = text.replace(word, "")
    return text


def test_a_value_written_by_mentorlog_decrypts_with_the_age_tool(sealed: Path, ada: Path) -> None:
    age = shutil.which("age")
    if age is None:
        pytest.skip("the age command-line tool is not installed")
    stored = tomllib.loads(next((ada / "checkins").glob("2026-11-20-*.toml")).read_text())
    done = subprocess.run(
        [age, "-d", "-i", str(_identity(sealed))],
        input=stored["notes"].encode(),
        capture_output=True,
        check=True,
    )
    assert done.stdout == b"plum-after"


def test_key_init_refuses_a_journal_encrypted_already(sealed: Path) -> None:
    refused = run("key", "init")
    assert refused.exit_code == 1
    assert "key add-recipient" in refused.stderr


def test_recipients_are_added_and_removed_and_the_text_sealed_again(sealed: Path) -> None:
    import pyrage

    other = pyrage.x25519.Identity.generate()
    ok("key", "add-recipient", str(other.to_public()))
    assert ok("key", "show").stdout.split() == [
        *tomllib.loads((sealed / "journal.toml").read_text())["encryption"]["recipients"]
    ]
    notes = [
        tomllib.loads(path.read_text()).get("notes")
        for path in (sealed / "relationships/ada-lovelace/checkins").glob("*.toml")
    ]
    opened = [pyrage.decrypt(n.encode(), [other]) for n in notes if n]
    assert b"plum-after" in opened
    ok("key", "remove-recipient", str(other.to_public()))
    assert len(ok("key", "show").stdout.split()) == 1
    last = ok("key", "show").stdout.strip()
    assert run("key", "remove-recipient", last).exit_code == 1


def test_doctor_reports_plain_text_and_fix_seals_it(sealed: Path, ada: Path) -> None:
    path = next((ada / "checkins").glob("2026-11-01-*.toml"))
    path.write_text(path.read_text() + 'notes = "typed by hand"\n')
    found = run("doctor", "--format", "json")
    assert found.exit_code == 3
    (problem,) = json.loads(found.stdout)
    assert problem["kind"] == "plain_text" and "notes" in problem["message"]
    ok("doctor", "--fix")
    assert b"typed by hand" not in path.read_bytes()
    ok("doctor")
    assert "typed by hand" in ok("checkin", "show", path.stem.rsplit("-", 1)[1]).stdout


def test_trash_is_sealed_and_undo_cleared_by_key_init(ada: Path, journal: Path) -> None:
    _log_before_key(ada)
    ok("checkin", "delete", _checkin_ids(ada)[1], "--yes")
    assert (journal / ".undo").is_dir()
    result = ok("key", "init")
    assert "Cleared the undo history" in result.stderr
    assert "deleted check-in" in result.stderr
    assert _files_holding(journal, SECRETS) == []
    assert not (journal / ".undo").exists()


def test_init_encrypt_makes_a_journal_sealed_from_the_start(journal_dir: Path) -> None:
    ok("init", "--encrypt")
    ok("rel", "add", "Ada", "--as", "mentor", "--started", "2026-09-01")
    ok("checkin", "log", "ada", "--notes", "banana-notes")
    assert _files_holding(journal_dir, SECRETS) == []
    assert "banana-notes" in ok("search", "banana").stdout


def test_a_device_cannot_remove_its_own_key(ada: Path, journal: Path) -> None:
    ok("key", "init")
    (own,) = ok("key", "show").stdout.split()
    from pyrage import x25519

    ok("key", "add-recipient", str(x25519.Identity.generate().to_public()))
    before = snapshot(journal)
    refused = run("key", "remove-recipient", own)
    assert refused.exit_code == 1 and "this device's identity" in refused.stderr
    assert snapshot(journal) == before
