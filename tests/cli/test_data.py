from __future__ import annotations

import json
import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.conftest import data, ok, run, snapshot

requires_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _journal_with_records(journal: Path) -> None:
    ok("rel", "add", "Ada Lovelace", "--as", "mentor", "--started", "2026-09-01")
    ok("expect", "add", "ada", "Weekly on video.", "--section", "meetings")
    ok(
        "checkin",
        "log",
        "ada",
        "--date",
        "2026-11-20",
        "--notes",
        "open notes",
        "--summary",
        "Plan",
    )
    ok(
        "checkin",
        "log",
        "ada",
        "--date",
        "2026-11-24",
        "--notes",
        "SECRET-NOTES",
        "--private",
        "--concern",
        "SECRET-CONCERN",
    )
    ok("agenda", "add", "ada", "Talk about the talk")
    ok("goal", "add", "ada", "Give a talk", "--target", "2027-03-01")
    ok("action", "add", "ada", "Send the outline", "--owner", "them", "--due", "2026-12-01")
    ok(
        "health",
        "log",
        "ada",
        "--expectations",
        "4",
        "--communication",
        "4",
        "--trust",
        "5",
        "--goals",
        "3",
        "--learning",
        "4",
        "--network",
        "3",
    )
    ok("learn", "add", "Pratt parsing", "--rel", "ada")
    ok("net", "add", "Jo Park", "--rel", "ada", "--via", "me", "--follow-up", "2026-12-05")


def _export(*extra: str) -> dict[str, object]:
    exported: dict[str, object] = json.loads(ok("export", "--format", "json", *extra).stdout)
    return exported


def test_export_import_export_gives_the_same_records(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _journal_with_records(journal)
    first = _export("--include-private")
    dump = tmp_path / "export.json"
    dump.write_text(json.dumps(first))
    fresh = tmp_path / "fresh"
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(fresh))
    ok("init", "--owner", "Grace Hopper")
    result = ok("import", str(dump))
    assert "Added" in result.stderr
    second = _export("--include-private")
    assert second == first
    again = ok("import", str(dump))
    assert "Added nothing." in again.stderr
    assert "2 check-ins" in again.stderr
    assert _export("--include-private") == first
    for path in fresh.rglob("*.toml"):
        tomllib.loads(path.read_text())


def test_private_notes_stay_out_unless_asked(journal: Path) -> None:
    _journal_with_records(journal)
    markdown = ok("export", "--format", "markdown").stdout
    assert "open notes" in markdown
    assert "SECRET" not in markdown
    assert "private notes left out" in markdown
    assert "SECRET-NOTES" in ok("export", "--format", "markdown", "--include-private").stdout
    assert "SECRET" not in json.dumps(_export())
    assert "SECRET-NOTES" in json.dumps(_export("--include-private"))
    assert "## Ada Lovelace" in markdown and "### Agreement" in markdown and "### Goals" in markdown


def test_ics_holds_next_checkin_and_open_actions_with_stable_uids(
    journal: Path, tmp_path: Path
) -> None:
    from icalendar import Calendar

    _journal_with_records(journal)
    ok("action", "add", "ada", "No date", "--owner", "me")
    target = tmp_path / "mentoring.ics"
    ok("export", "--format", "ics", "--output", str(target))
    calendar = Calendar.from_ical(target.read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "checkin-ada-lovelace@mentorlog",
        next(u for u in events if u.startswith("action-")),
    }
    checkin = events["checkin-ada-lovelace@mentorlog"]
    assert checkin.decoded("dtstart").isoformat() == "2026-12-08"
    action_uid = next(u for u in events if u.startswith("action-"))
    assert "Send the outline" in str(events[action_uid]["summary"])
    again = Calendar.from_ical(ok("export", "--format", "ics").stdout.encode())
    assert {str(e["uid"]) for e in again.walk("VEVENT")} == set(events)


def test_import_refuses_newer_and_malformed_files(journal: Path, tmp_path: Path) -> None:
    _journal_with_records(journal)
    exported = _export()
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({**exported, "version": 99}))
    result = run("import", str(newer))
    assert result.exit_code == 1
    assert "newer" in result.stderr
    hostile = json.loads(json.dumps(exported))
    hostile["relationships"][0]["checkins"][0]["id"] = "../../../escape"  # type: ignore[index]
    bad = tmp_path / "hostile.json"
    bad.write_text(json.dumps(hostile))
    assert run("import", str(bad)).exit_code == 1
    assert not (tmp_path / "escape.toml").exists()
    (tmp_path / "junk.json").write_text("{not json")
    assert run("import", str(tmp_path / "junk.json")).exit_code == 1
    assert run("import", str(tmp_path / "missing.json")).exit_code == 1


def test_importing_the_other_persons_export_is_refused(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ada's own journal, in which Grace (this journal's owner) mentors her.
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(tmp_path / "ada"))
    ok("init", "--owner", "Ada Lovelace")
    ok("rel", "add", "grace  HOPPER", "--as", "mentee", "--started", "2026-09-01")
    ok("checkin", "log", "grace", "--date", "2026-11-20", "--notes", "From Ada's side.")
    dump = tmp_path / "ada.json"
    dump.write_text(ok("export", "--format", "json").stdout)
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(journal))
    ok("rel", "add", "Alan Turing", "--as", "mentor")
    before = snapshot(journal)
    result = run("import", str(dump))
    assert result.exit_code == 1
    assert "Grace Hopper" in result.stderr or "grace  HOPPER" in result.stderr
    assert "relationship with yourself" in result.stderr
    assert snapshot(journal) == before
    assert [r["id"] for r in data("rel", "list")] == ["alan-turing"]


def test_restoring_your_own_export_into_an_existing_or_new_journal(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _journal_with_records(journal)
    first = _export("--include-private")
    dump = tmp_path / "export.json"
    dump.write_text(json.dumps(first))
    lost = next((journal / "relationships" / "ada-lovelace" / "checkins").glob("*.toml"))
    lost.unlink()
    restored = ok("import", str(dump))
    assert "Added 1 check-in." in restored.stderr
    assert _export("--include-private") == first
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(tmp_path / "new"))
    ok("init", "--owner", "grace hopper")
    ok("import", str(dump))
    assert _export("--include-private")["relationships"] == first["relationships"]


def _device(tmp_path: Path, name: str) -> dict[str, str]:
    return {"MENTORLOG_JOURNAL": str(tmp_path / name)}


def _on(device: dict[str, str], monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.setenv("MENTORLOG_JOURNAL", device["MENTORLOG_JOURNAL"])
    return ok(*args).stderr


@requires_git
def test_two_devices_sync_through_a_bare_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    laptop, phone = _device(tmp_path, "laptop"), _device(tmp_path, "phone")
    _on(laptop, monkeypatch, "init", "--owner", "Grace")
    _on(laptop, monkeypatch, "rel", "add", "Ada Lovelace", "--as", "mentor")
    assert "git repository" in _on(laptop, monkeypatch, "sync", "--remote", str(bare))
    assert "Cloned" in _on(phone, monkeypatch, "sync", "--remote", str(bare))
    assert (tmp_path / "phone" / "relationships" / "ada-lovelace" / "relationship.toml").is_file()
    assert oct((tmp_path / "phone" / "journal.toml").stat().st_mode & 0o777) == "0o600"
    for turn in range(3):
        _on(
            laptop,
            monkeypatch,
            "checkin",
            "log",
            "ada",
            "--date",
            f"2026-11-{10 + turn:02d}",
            "--notes",
            f"laptop {turn}",
        )
        assert "check-in" in _on(laptop, monkeypatch, "sync")
        _on(
            phone,
            monkeypatch,
            "checkin",
            "log",
            "ada",
            "--date",
            f"2026-11-{20 + turn:02d}",
            "--notes",
            f"phone {turn}",
        )
        _on(phone, monkeypatch, "sync")
    _on(laptop, monkeypatch, "sync")
    for device in (laptop, phone):
        monkeypatch.setenv("MENTORLOG_JOURNAL", device["MENTORLOG_JOURNAL"])
        notes = sorted(c["notes"] for c in data("checkin", "list"))
        assert notes == sorted([f"laptop {n}" for n in range(3)] + [f"phone {n}" for n in range(3)])
        root = Path(device["MENTORLOG_JOURNAL"])
        assert not list(root.rglob("*.conflict-*"))
        assert ".cache/" in (root / ".gitignore").read_text()
    log = subprocess.run(
        ["git", "-C", str(bare), "log", "--format=%s"], capture_output=True, text=True, check=True
    )
    assert "mentorlog: 1 check-in" in log.stdout


@requires_git
def test_same_record_edited_on_both_devices_keeps_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    laptop, phone = _device(tmp_path, "laptop"), _device(tmp_path, "phone")
    _on(laptop, monkeypatch, "init")
    _on(laptop, monkeypatch, "rel", "add", "Ada Lovelace", "--as", "mentor")
    _on(laptop, monkeypatch, "checkin", "log", "ada", "--notes", "first", "--summary", "original")
    _on(laptop, monkeypatch, "sync", "--remote", str(bare))
    _on(phone, monkeypatch, "sync", "--remote", str(bare))
    monkeypatch.setenv("MENTORLOG_JOURNAL", laptop["MENTORLOG_JOURNAL"])
    checkin_id = data("checkin", "list")[0]["id"]
    _on(laptop, monkeypatch, "checkin", "edit", checkin_id, "--summary", "laptop's summary")
    _on(laptop, monkeypatch, "sync")
    _on(phone, monkeypatch, "checkin", "edit", checkin_id, "--summary", "phone's summary")
    message = _on(phone, monkeypatch, "sync")
    assert "conflict" in message
    phone_root = tmp_path / "phone"
    copies = list(phone_root.rglob("*.conflict-*"))
    assert len(copies) == 1
    # Same day on both: the text that sorts last stays live (docs/storage.md, "Sync").
    assert tomllib.loads(copies[0].read_text())["summary"] == "laptop's summary"
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(phone_root))
    assert data("checkin", "show", checkin_id)["summary"] == "phone's summary"
    for path in phone_root.rglob("*.toml"):
        text = path.read_text()
        assert "<<<<<<<" not in text and ">>>>>>>" not in text
        tomllib.loads(text)
    doctor = run("doctor")
    assert doctor.exit_code == 3
    assert "conflict" in doctor.stdout


def test_sync_without_git_is_a_clear_error(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(journal))  # a PATH with no git on it
    result = run("sync", "--remote", "/nowhere")
    assert result.exit_code == 1
    assert "git is not installed" in result.stderr
    assert not (journal / ".git").exists()
    assert os.environ["PATH"] == str(journal)
