"""Encryption under stress: a stopped `key init`, damaged ciphertext, a passphrase identity with
no one to ask, and what a git remote holds."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from mentorlog.store import crypt, keys
from mentorlog.store.crypt import ARMOR
from tests.conftest import data, ok, run, snapshot

NOTES = [f"note-number-{n}" for n in range(6)]


def _log(ada: Path) -> None:
    for n, note in enumerate(NOTES):
        ok("checkin", "log", "ada", "--date", f"2026-11-{n + 1:02d}", "--notes", note)


def _stored_notes(ada: Path) -> list[str]:
    return [tomllib.loads(p.read_text())["notes"] for p in sorted((ada / "checkins").iterdir())]


def test_key_init_stopped_mid_way_finishes_when_run_again(
    ada: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _log(ada)
    sealed_so_far = []
    real_seal_file = keys.seal_file

    def stop_after_three(*args: object, **kwargs: object) -> bool:
        if len(sealed_so_far) == 3:
            raise KeyboardInterrupt  # as a kill between two files would leave it
        sealed_so_far.append(args)
        return real_seal_file(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(keys, "seal_file", stop_after_three)
    assert run("key", "init").exit_code != 0
    stored = _stored_notes(ada)
    assert sum(note.startswith(ARMOR) for note in stored) == 3
    journal = tomllib.loads((ada.parent.parent / "journal.toml").read_text())
    assert journal["encryption"]["state"] == "encrypting"
    monkeypatch.setattr(keys, "seal_file", real_seal_file)
    result = ok("key", "init")
    assert "3 check-ins sealed" in result.stderr
    stored_after = _stored_notes(ada)
    assert stored_after[:3] == stored[:3]  # what was sealed is left as it is, not sealed twice
    assert all(note.startswith(ARMOR) and note.count(ARMOR) == 1 for note in stored_after)
    assert [c["notes"] for c in data("checkin", "list", "ada")] == NOTES[::-1]


def test_a_damaged_ciphertext_is_a_problem_of_its_record_only(ada: Path) -> None:
    _log(ada)
    ok("key", "init")
    path = sorted((ada / "checkins").iterdir())[2]
    text = path.read_text()
    stored = tomllib.loads(text)["notes"]
    damaged = stored[:80] + ("A" if stored[80] != "A" else "B") + stored[81:]
    path.write_text(text.replace(json.dumps(stored)[1:-1], json.dumps(damaged)[1:-1]))
    listed = run("checkin", "list", "ada", "--format", "json")
    assert listed.exit_code == 3
    assert len(json.loads(listed.stdout)) == len(NOTES) - 1
    assert path.name in listed.stderr and "notes" in listed.stderr
    shown = run("checkin", "show", path.stem.rsplit("-", 1)[1])
    assert shown.exit_code == 3 and "notes" in shown.stderr
    status = run("status")  # the rest shows; the one record is named
    assert status.exit_code == 3 and "Ada Lovelace" in status.stdout and path.name in status.stderr
    doctor = run("doctor", "--format", "json")
    assert doctor.exit_code == 3
    (problem,) = json.loads(doctor.stdout)
    assert problem["path"].endswith(path.name) and "notes" in problem["message"]


@pytest.fixture
def secret(journal_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A journal made encrypted, its identity protected by the passphrase this file holds
    (named by MENTORLOG_PASSPHRASE_FILE)."""
    secret = tmp_path / "passphrase.txt"
    secret.write_text("correct horse\n")
    monkeypatch.setenv("MENTORLOG_PASSPHRASE_FILE", str(secret))
    ok("init", "--encrypt", "--passphrase")
    return secret


def test_writing_to_a_passphrase_journal_never_asks_for_it(
    secret: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    identity = tmp_path / "identity.txt"
    assert identity.read_bytes().startswith(ARMOR.encode())
    monkeypatch.delenv("MENTORLOG_PASSPHRASE_FILE")
    ok("rel", "add", "Ada", "--as", "mentor", "--started", "2026-09-01")
    ok("checkin", "log", "ada", "--notes", "written-without-a-passphrase")  # no tty, no file
    (checkin,) = data("checkin", "list", "ada")
    assert checkin["notes"] == "[encrypted]"
    refused = run("checkin", "show", checkin["id"])
    assert refused.exit_code == 3 and "passphrase-protected" in refused.stderr
    monkeypatch.setenv("MENTORLOG_PASSPHRASE_FILE", str(secret))
    assert "written-without-a-passphrase" in ok("checkin", "show", checkin["id"]).stdout
    (checkin,) = data("checkin", "list", "ada")  # the index is rebuilt with the identity
    assert checkin["notes"] == "written-without-a-passphrase"


def test_a_git_remote_never_receives_the_text(ada: Path, journal: Path, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    ok("key", "init")
    _log(ada)
    ok("checkin", "log", "ada", "--date", "2026-11-20", "--private", "--summary", "hush-summary")
    ok("sync", "--remote", str(remote))
    history = subprocess.run(
        ["git", "-C", str(remote), "log", "-p", "--all"], capture_output=True, check=True
    ).stdout
    assert b"2026-11-20" in history  # dates and names are there
    assert not any(word.encode() in history for word in [*NOTES, "hush-summary"])


def test_key_init_killed_at_any_point_finishes_sealing_each_value_once(
    ada: Path, journal: Path, tmp_path: Path
) -> None:
    """SIGKILL a real `key init` three times at different points, then let it finish."""
    notes = [f"killed-note-{n}" for n in range(40)]
    for n, note in enumerate(notes):
        ok(
            "checkin",
            "log",
            "ada",
            "--date",
            f"2026-{n // 28 + 9:02d}-{n % 28 + 1:02d}",
            "--notes",
            note,
        )
    env = {**os.environ, "MENTORLOG_JOURNAL": str(journal)}
    folder = ada / "checkins"

    def records() -> list[Path]:  # a killed write may leave its temporary file beside them
        return sorted(folder.glob("[0-9]*.toml"))

    def sealed() -> int:
        return sum(ARMOR in path.read_text() for path in records())

    killed = 0
    for wait_for in (1, 12, 25):
        process = subprocess.Popen(
            [sys.executable, "-m", "mentorlog", "key", "init"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while process.poll() is None and sealed() < wait_for:
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
        killed += process.wait() == -signal.SIGKILL
    assert killed, "no run was killed before it finished"
    subprocess.run([sys.executable, "-m", "mentorlog", "key", "init"], env=env, check=False)
    stored = [tomllib.loads(path.read_text())["notes"] for path in records()]
    assert len(stored) == len(notes)
    assert all(note.startswith(ARMOR) and note.count(ARMOR) == 1 for note in stored)
    assert sorted(c["notes"] for c in data("checkin", "list", "ada", "--limit", "0")) == sorted(
        notes
    )
    assert (
        tomllib.loads((journal / "journal.toml").read_text())["encryption"]["state"] == "complete"
    )


def test_a_device_that_wrote_before_it_learnt_of_encryption_pushes_nothing_plain(
    ada: Path, journal: Path, tmp_path: Path
) -> None:
    """The phone logs a check-in while the laptop turns encryption on: the phone's next sync
    learns it from the remote and seals its text before committing anything."""
    remote, phone = tmp_path / "remote.git", tmp_path / "phone"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    ok("checkin", "log", "ada", "--date", "2026-11-02", "--notes", "shared-before")
    ok("sync", "--remote", str(remote))
    ok("--journal", str(phone), "sync", "--remote", str(remote))
    ok("--journal", str(phone), "checkin", "log", "ada", "--notes", "phone-plain-words")
    ok("key", "init")
    ok("sync")
    said = ok("--journal", str(phone), "sync").stderr
    assert "Sealed the text of 1 check-in" in said
    ok("sync")
    history = subprocess.run(
        ["git", "-C", str(remote), "log", "-p", "--all"], capture_output=True, check=True
    ).stdout
    assert b"phone-plain-words" not in history
    for root in (journal, phone):
        for path in root.glob("relationships/*/checkins/*.toml"):
            assert "phone-plain-words" not in path.read_text()
    notes = {c["notes"] for c in data("checkin", "list", "ada")}
    assert "phone-plain-words" in notes


def test_text_that_only_starts_like_ciphertext_is_text(ada: Path, journal: Path) -> None:
    lookalike = f"{ARMOR} SECRET-lookalike"
    ok("checkin", "log", "ada", "--date", "2026-11-03", "--notes", lookalike)
    assert [c["notes"] for c in data("checkin", "list", "ada")] == [lookalike]  # not a placeholder
    ok("key", "init")
    (path,) = (ada / "checkins").iterdir()
    assert "SECRET-lookalike" not in path.read_text()
    assert [c["notes"] for c in data("checkin", "list", "ada")] == [lookalike]


def test_a_recipient_age_refuses_changes_nothing(ada: Path, journal: Path) -> None:
    ok("key", "init")
    before = snapshot(journal)
    refused = run("key", "add-recipient", "age1pq" + "q" * 56)
    assert refused.exit_code == 1 and "not an age recipient" in refused.stderr
    assert snapshot(journal) == before
    ok("checkin", "log", "ada", "--notes", "still writes")


def test_key_init_seals_a_conflict_copy_kept_on_this_device(ada: Path, journal: Path) -> None:
    ok("checkin", "log", "ada", "--date", "2026-11-04", "--notes", "the live one")
    (path,) = (ada / "checkins").iterdir()
    copy = path.with_name(path.name + ".conflict-20261101T101010")
    copy.write_text(path.read_text().replace("the live one", "SECRET-in-the-copy"))
    ok("key", "init")
    assert "SECRET-in-the-copy" not in copy.read_text() and ARMOR in copy.read_text()


def test_a_wrong_passphrase_is_tried_once_and_named(
    secret: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("rel", "add", "Ada", "--as", "mentor", "--started", "2026-09-01")
    for day in range(1, 6):
        ok("checkin", "log", "ada", "--date", f"2026-11-{day:02d}", "--notes", f"n{day}")
    secret.write_text("wrong horse\n")
    calls = []
    real = crypt.load_identity

    def counted(*args: object) -> object:
        calls.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(crypt, "load_identity", counted)
    listed = run("checkin", "list", "ada")
    assert listed.exit_code == 3 and "wrong passphrase" in listed.stderr
    assert len(calls) == 1


def test_doctor_seals_plain_text_left_in_the_trash_or_a_conflict_copy(
    ada: Path, journal: Path
) -> None:
    ok("checkin", "log", "ada", "--date", "2026-11-05", "--notes", "kept")
    ok("key", "init")
    (path,) = (ada / "checkins").iterdir()
    plain = path.read_text()
    for place in (
        journal
        / ".trash"
        / "relationships"
        / "ada-lovelace"
        / "checkins"
        / "2026-11-01-zzzzz.toml",
        path.with_name(path.name + ".conflict-20261101T101010"),
    ):
        place.parent.mkdir(parents=True, exist_ok=True)
        place.write_text(plain.split("notes")[0] + 'notes = "SECRET-left-plain"\n')
        found = run("doctor", "--format", "json")
        assert found.exit_code == 3 and "plain_text" in found.stdout, found.stdout
        run("doctor", "--fix")  # exit 3 while a conflict copy waits for a person
        assert "SECRET-left-plain" not in place.read_text()
