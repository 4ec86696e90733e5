"""Text written in the editor is never lost: when it cannot be saved after the editor closes
(the lock cannot be had, the record was deleted meanwhile, the text is refused), it is kept in a
file only the user can read, and the error says where and how to use it."""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mentorlog.store.files import journal_lock
from tests.conftest import data, ok, run, snapshot

NOTES = "# Parser plan\n\n- Pratt parsing first\n- *then* the error messages\n\nprivate: nervous"


def fake_editor(folder: Path, text: str, meanwhile: str = "") -> str:
    """A VISUAL that writes `text` into the file it is given, after running `meanwhile` (Python,
    as another terminal would act while the editor is open)."""
    script = folder / "editor.py"
    script.write_text(
        "import subprocess, sys\n"
        f"{meanwhile}\n"
        f"with open(sys.argv[1], 'w', encoding='utf-8') as f:\n    f.write({text!r})\n"
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def kept_files(state: Path) -> list[Path]:
    return sorted((state / "unsaved").glob("*")) if (state / "unsaved").exists() else []


def assert_kept_privately(state: Path, text: str, stderr: str) -> Path:
    """The one file kept: the text as written, 0600 in a 0700 folder, named in the error."""
    (kept,) = kept_files(state)
    assert kept.read_text(encoding="utf-8") == text
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    assert str(kept) in stderr
    return kept


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state"  # MENTORLOG_STATE, set for every test in conftest


@pytest.fixture
def short_lock_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORLOG_LOCK_TIMEOUT", "0.2")


def test_logging_from_the_editor_while_the_journal_is_locked_keeps_the_text(
    ada: Path,
    journal: Path,
    state: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    short_lock_wait: None,
) -> None:
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, NOTES))
    before = snapshot(journal)
    with journal_lock(journal, timeout=0):
        result = run("checkin", "log", "ada", "--edit")
    assert result.exit_code == 3, result.stderr
    assert "locked" in result.stderr
    kept = assert_kept_privately(state, NOTES, result.stderr)
    assert f"mentorlog checkin log ada-lovelace --notes - < {kept}" in result.stderr
    assert snapshot(journal) == before
    ok("checkin", "log", "ada", "--notes", "-", input=kept.read_text(encoding="utf-8"))
    assert [c["notes"] for c in data("checkin", "list")] == [NOTES]


def test_editing_while_the_journal_is_locked_keeps_the_text(
    ada: Path,
    journal: Path,
    state: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    short_lock_wait: None,
) -> None:
    ok("checkin", "log", "ada", "--notes", "first notes")
    checkin_id = data("checkin", "list")[0]["id"]
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, NOTES))
    before = snapshot(journal)
    with journal_lock(journal, timeout=0):
        result = run("checkin", "edit", checkin_id, "--edit")
    assert result.exit_code == 3, result.stderr
    kept = assert_kept_privately(state, NOTES, result.stderr)
    assert f"mentorlog checkin edit {checkin_id} --notes - < {kept}" in result.stderr
    assert snapshot(journal) == before
    ok("checkin", "edit", checkin_id, "--notes", "-", input=kept.read_text(encoding="utf-8"))
    assert data("checkin", "show", checkin_id)["notes"] == NOTES


def test_a_check_in_deleted_while_its_notes_were_edited_keeps_the_text(
    ada: Path, journal: Path, state: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("checkin", "log", "ada", "--notes", "first notes")
    checkin_id = data("checkin", "list")[0]["id"]
    delete = [sys.executable, "-m", "mentorlog", "checkin", "delete", checkin_id, "--yes"]
    meanwhile = f"subprocess.run({delete!r}, check=True, capture_output=True)"
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, NOTES, meanwhile))
    result = run("checkin", "edit", checkin_id, "--edit")
    assert result.exit_code == 1, result.stderr
    kept = assert_kept_privately(state, NOTES, result.stderr)
    assert f"mentorlog trash restore {checkin_id}" in result.stderr
    ok("trash", "restore", checkin_id)
    ok("checkin", "edit", checkin_id, "--notes", "-", input=kept.read_text(encoding="utf-8"))
    assert data("checkin", "show", checkin_id)["notes"] == NOTES


def test_notes_too_long_to_save_are_kept(
    ada: Path, journal: Path, state: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = "a long ramble " * 80_000  # over the 1,000,000 characters a record may hold
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, huge.strip()))
    before = snapshot(journal)
    result = run("checkin", "log", "ada", "--edit")
    assert result.exit_code == 1, result.stderr
    assert "limit" in result.stderr
    assert_kept_privately(state, huge.strip(), result.stderr)
    assert snapshot(journal) == before


def test_text_that_cannot_be_kept_in_a_file_is_printed_instead(
    ada: Path,
    journal: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    short_lock_wait: None,
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("MENTORLOG_STATE", str(blocked))
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, NOTES))
    with journal_lock(journal, timeout=0):
        result = run("checkin", "log", "ada", "--edit")
    assert result.exit_code == 3, result.stderr
    assert NOTES in result.stderr and "locked" in result.stderr


def test_text_saved_leaves_nothing_behind(
    ada: Path, state: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, NOTES))
    ok("checkin", "log", "ada", "--edit")
    assert [c["notes"] for c in data("checkin", "list")] == [NOTES]
    assert kept_files(state) == []


def test_a_process_that_cannot_save_keeps_the_text_for_the_command_it_names(
    ada: Path, journal: Path, state: Path, tmp_path: Path
) -> None:
    """As a whole process: the command the error names, run through a shell, saves the text."""
    env = {
        **os.environ,
        "VISUAL": fake_editor(tmp_path, NOTES),
        "MENTORLOG_LOCK_TIMEOUT": "0.2",
        "MENTORLOG_AS_OF": "2026-11-26",
    }
    mentorlog = [sys.executable, "-m", "mentorlog"]
    before = snapshot(journal)
    with journal_lock(journal, timeout=0):
        failed = subprocess.run(
            [*mentorlog, "checkin", "log", "ada", "--edit"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    assert failed.returncode == 3, failed.stderr
    assert "Traceback" not in failed.stderr
    kept = assert_kept_privately(state, NOTES, failed.stderr)
    assert snapshot(journal) == before
    command = failed.stderr.split("other options you gave: ")[1].strip()
    assert command == f"mentorlog checkin log ada-lovelace --notes - < {kept}"
    shell = command.replace("mentorlog", shlex.join(mentorlog), 1)
    subprocess.run(shell, shell=True, env=env, check=True, capture_output=True)
    assert [c["notes"] for c in data("checkin", "list")] == [NOTES]
