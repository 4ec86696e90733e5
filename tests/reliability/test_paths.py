"""One rule for paths: nothing is written, moved, deleted, chmod'ed or read through a link
below the journal root, and no path comes from what a file says (docs/storage.md)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mentorlog.store import files
from tests.conftest import data, ok, run, snapshot

requires_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the journal, open to others (755) as a home folder would be, holding a
    file and a check-in-shaped record a link could expose."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "keep.txt").write_text("not the journal's\n")
    (folder / "2026-11-20-zzzzz.toml").write_text(
        'schema = 1\nid = "zzzzz"\ndate = 2026-11-20\nnotes = "not yours"\n'
    )
    for path in folder.iterdir():
        path.chmod(0o644)
    folder.chmod(0o755)
    return folder


def tree(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every entry of a folder with its mode and bytes: what a write, a move or a chmod
    through a link would change."""
    entries: dict[str, tuple[int, bytes | None]] = {
        ".": (stat.S_IMODE(folder.stat().st_mode), None)
    }
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        content = path.read_bytes() if stat.S_ISREG(info.st_mode) else None
        entries[str(path.relative_to(folder))] = (stat.S_IMODE(info.st_mode), content)
    return entries


def doctor_problems() -> list[dict[str, object]]:
    result = run("doctor", "--format", "json")
    assert result.exit_code == 3, (result.stdout, result.stderr)
    problems: list[dict[str, object]] = json.loads(result.stdout)
    return problems


def test_a_linked_trash_is_refused_and_nothing_reaches_the_folder_it_points_to(
    ada: Path, journal: Path, outside: Path
) -> None:
    ok("checkin", "log", "ada", "--notes", "private words", "--private")
    checkin_id = data("checkin", "list")[0]["id"]
    (journal / ".trash").symlink_to(outside, target_is_directory=True)
    before, outside_before = snapshot(journal), tree(outside)
    deleted = run("checkin", "delete", checkin_id, "--yes")
    assert deleted.exit_code == 3, deleted.stdout
    assert ".trash is a symbolic link" in deleted.stderr
    assert "Traceback" not in deleted.stderr
    listed = run("trash", "list", "--format", "json")
    assert listed.exit_code == 3
    assert "zzzzz" not in listed.stdout
    assert run("trash", "restore", "zzzzz").exit_code == 3
    assert snapshot(journal) == before
    assert tree(outside) == outside_before
    assert data("checkin", "show", checkin_id)["notes"] == "private words"


def test_a_linked_relationships_folder_is_neither_read_nor_written_through(
    ada: Path, journal: Path, outside: Path
) -> None:
    ok("checkin", "log", "ada", "--notes", "kept apart")
    shutil.move(journal / "relationships", outside / "relationships")
    (journal / "relationships").symlink_to(outside / "relationships", target_is_directory=True)
    before, outside_before = snapshot(journal), tree(outside)
    assert data("rel", "list") == []
    assert data("checkin", "list") == []
    assert run("checkin", "log", "ada", "--notes", "through the link").exit_code == 1
    added = run("rel", "add", "Grace Hopper", "--as", "mentee")
    assert added.exit_code == 3
    assert "relationships is a symbolic link" in added.stderr
    problems = doctor_problems()
    assert [p["path"] for p in problems] == ["relationships"]
    assert problems[0]["kind"] == "link"
    assert snapshot(journal) == before
    assert tree(outside) == outside_before


def _sync(journal: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(journal))
    return ok("sync", *args).stderr


@requires_git
def test_sync_and_clone_report_a_link_and_never_chmod_or_read_through_it(
    tmp_path: Path, outside: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    laptop, phone, tablet = tmp_path / "laptop", tmp_path / "phone", tmp_path / "tablet"
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(laptop))
    ok("init", "--owner", "Grace")
    ok("rel", "add", "Ada Lovelace", "--as", "mentor")
    _sync(laptop, monkeypatch, "--remote", str(bare))
    _sync(phone, monkeypatch, "--remote", str(bare))
    outside_before = tree(outside)
    planted = Path("relationships", "ada-lovelace", "checkins")
    (laptop / planted).symlink_to(outside, target_is_directory=True)  # committed as a link
    for journal, args in ((laptop, ()), (phone, ()), (tablet, ("--remote", str(bare)))):
        told = _sync(journal, monkeypatch, *args)  # commit, pull, clone
        assert tree(outside) == outside_before, journal.name
        assert (journal / planted).is_symlink()
        assert f"{planted} is a symbolic link" in told, (journal.name, told)
        assert stat.S_IMODE((journal / "journal.toml").stat().st_mode) == files.FILE_MODE
        assert data("checkin", "list") == []
        assert [p["path"] for p in doctor_problems()] == [str(planted)]
    assert tree(outside) == outside_before


@pytest.mark.parametrize(
    ("kind", "change"),
    [
        ("actions", ("action", "reschedule", "{id}", "--due", "2026-12-20")),
        ("checkins", ("checkin", "edit", "{id}", "--date", "2026-11-20", "--summary", "moved")),
    ],
)
def test_an_id_written_by_hand_never_becomes_a_path(
    ada: Path, journal: Path, tmp_path: Path, kind: str, change: tuple[str, ...]
) -> None:
    ok("action", "add", "ada", "Read the notes", "--owner", "me", "--due", "2026-12-01")
    ok("checkin", "log", "ada", "--notes", "met")
    (path,) = (ada / kind).iterdir()
    record_id = path.stem.rsplit("-", 1)[-1]
    text = path.read_text()
    path.write_text(text.replace(f'id = "{record_id}"', 'id = "../../../../outside/x"'))
    outside_before = sorted(p.name for p in tmp_path.iterdir())
    ok(*(arg.format(id=record_id) for arg in change))
    assert sorted(p.name for p in tmp_path.iterdir()) == outside_before
    (moved,) = (ada / kind).iterdir()
    assert moved.stem.endswith(record_id)
    assert f'id = "{record_id}"' in moved.read_text()
    assert run("doctor").exit_code == 0


def test_a_journal_that_is_a_link_is_read_and_written_where_it_points(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "real"
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(link))
    ok("init", "--owner", "Grace")
    ok("rel", "add", "Ada Lovelace", "--as", "mentor")
    env = {**os.environ, "MENTORLOG_AS_OF": "2026-11-26"}
    logged = subprocess.run(
        [sys.executable, "-m", "mentorlog", "checkin", "log", "ada", "--notes", "via the link"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert logged.returncode == 0, logged.stderr
    assert [c["notes"] for c in data("checkin", "list")] == ["via the link"]
    checkin_id = data("checkin", "list")[0]["id"]
    ok("checkin", "delete", checkin_id, "--yes")
    assert [e["id"] for e in data("trash", "list")] == [checkin_id]
    assert run("doctor").exit_code == 0
    assert link.is_symlink()
    assert (real / "journal.toml").is_file()
    assert len(list((real / ".trash").rglob("*.toml"))) == 1


def test_a_full_disk_names_the_file_and_changes_nothing(
    ada: Path, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("checkin", "log", "ada", "--notes", "first")
    before = snapshot(journal)
    real_fsync = os.fsync

    def full(fd: int) -> None:
        """The disk fills while a record's new file is written (folders still sync)."""
        if os.readlink(f"/proc/self/fd/{fd}").endswith(files.TEMP_SUFFIX):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    result = run("checkin", "log", "ada", "--notes", "second")
    assert result.exit_code == 3
    assert "relationships/ada-lovelace/checkins/2026-11-26-" in result.stderr
    assert "No space left on device" in result.stderr
    assert "Nothing was changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(journal) == before


def test_doctor_lists_a_fifo_once(ada: Path) -> None:
    (ada / "checkins").mkdir(mode=files.DIR_MODE)
    os.mkfifo(ada / "checkins" / "2026-11-21-yyyyy.toml")
    problems = doctor_problems()
    assert [p["path"] for p in problems] == [
        "relationships/ada-lovelace/checkins/2026-11-21-yyyyy.toml"
    ]
