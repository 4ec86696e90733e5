from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mentorlog.errors import JournalError
from mentorlog.store import files


def test_atomic_write_replaces_whole_file_private(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.toml"
    files.atomic_write(target, "x = 1\n")
    files.atomic_write(target, "x = 2\n")
    assert target.read_text() == "x = 2\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert [p.name for p in target.parent.iterdir()] == ["a.toml"]


def test_failure_before_replace_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.toml"
    files.atomic_write(target, "old = 1\n")
    before = target.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(JournalError, match=f"Could not write {target}.*Nothing was changed"):
        files.atomic_write(target, "new = 2\n")
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]


def test_disk_full_during_write_leaves_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.toml"
    files.atomic_write(target, "old = 1\n")
    before = target.read_bytes()

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(JournalError, match="Could not write a.toml: No space left on device"):
        files.atomic_write(target, "new = 2\n" * 1000, root=tmp_path)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]


def test_parse_error_names_file_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(JournalError) as caught:
        files.parse_toml(tmp_path / "x.toml", b"a = 1\nb = = 2\n", "x.toml")
    assert "x.toml, line 2, column" in caught.value.message


@pytest.mark.parametrize(
    "content",
    [
        b"a = " + b"[" * 5000 + b"]" * 5000,
        b"a = 1" + b"0" * 5000,
        b"a = 1\na = 2\n",
        b"\xff\xfe bad",
    ],
)
def test_hostile_files_become_journal_errors(tmp_path: Path, content: bytes) -> None:
    try:
        files.parse_toml(tmp_path / "x.toml", content, "x.toml")
    except JournalError as error:
        assert "x.toml" in error.message


def test_bom_and_crlf_are_read(tmp_path: Path) -> None:
    assert files.parse_toml(tmp_path / "x", b"\xef\xbb\xbfa = 1\r\nb = 'x'\r\n", "x") == {
        "a": 1,
        "b": "x",
    }


def test_symlink_and_fifo_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("a = 1\n")
    link = tmp_path / "link.toml"
    link.symlink_to(secret)
    with pytest.raises(JournalError):
        files.read_bytes(link)
    with pytest.raises(JournalError):
        files.atomic_write(link, "b = 2\n")
    assert secret.read_text() == "a = 1\n"
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    with pytest.raises(JournalError):
        files.read_bytes(fifo)


def test_symlinked_lock_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "target"
    target.write_text("keep")
    journal = tmp_path / "journal"
    journal.mkdir()
    (journal / ".lock").symlink_to(target)
    with pytest.raises(JournalError), files.journal_lock(journal):
        pass
    assert target.read_text() == "keep"


def test_lock_held_elsewhere_times_out_naming_the_holder(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from pathlib import Path
                from mentorlog.store.files import journal_lock
                with journal_lock(Path({str(tmp_path)!r})):
                    print("held", flush=True)
                    time.sleep(30)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(JournalError) as caught, files.journal_lock(tmp_path, timeout=0.3):
            pass
        assert f"pid {holder.pid}" in caught.value.message
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    with files.journal_lock(tmp_path, timeout=1):
        pass


@pytest.mark.parametrize(
    ("setting", "seconds"), [("nan", 10.0), ("inf", 10.0), ("-5", 0.0), ("x", 10.0), ("0.3", 0.3)]
)
def test_the_lock_waits_a_finite_time_whatever_the_setting(
    monkeypatch: pytest.MonkeyPatch, setting: str, seconds: float
) -> None:
    """`nan` made the wait's deadline one that is never reached."""
    monkeypatch.setenv("MENTORLOG_LOCK_TIMEOUT", setting)
    assert files.lock_timeout() == seconds


def test_safe_path_refuses_a_way_out_and_any_link_below_the_root(tmp_path: Path) -> None:
    root = tmp_path / "journal"
    (root / "real").mkdir(parents=True)
    (root / "linked").symlink_to(tmp_path, target_is_directory=True)
    (root / "real" / "file.toml").symlink_to(tmp_path / "elsewhere.toml")
    not_yet = root / "real" / "new" / "x.toml"
    assert files.safe_path(root, not_yet) == not_yet
    for path in (
        root / "linked" / "x.toml",
        root / "real" / "file.toml",
        root / "real" / ".." / ".." / "x.toml",
        tmp_path / "x.toml",
    ):
        with pytest.raises(JournalError):
            files.safe_path(root, path)
