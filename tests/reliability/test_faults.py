"""Nothing lost: failed writes, concurrent writers, killed writers, a held lock.

Deterministic: failures are injected at chosen points, kills come after a seeded number of
records, and every count below is asserted exactly."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

import pytest

from mentorlog.core.model import CheckIn
from mentorlog.store.convert import to_record
from tests.conftest import ok, run

WRITERS = 8
RECORDS_PER_WRITER = 12
KILLED_WRITERS = 6

# A writer process: logs check-ins through the real CLI, in-process, as fast as it can.
WRITER = textwrap.dedent(
    """
    import sys
    from mentorlog.cli.app import app
    name, count = sys.argv[1], int(sys.argv[2])
    for n in range(count):
        try:
            app(["--as-of", "2026-11-26", "checkin", "log", "ada", "--summary", f"{name}-{n}",
                 "--notes", "x" * 2000], prog_name="mentorlog")
        except SystemExit as done:
            if done.code:
                sys.exit(done.code)
        print(n, flush=True)
    """
)


def _env(journal: Path) -> dict[str, str]:
    return {**os.environ, "MENTORLOG_JOURNAL": str(journal), "MENTORLOG_LOCK_TIMEOUT": "60"}


def _parse_all(folder: Path) -> list[CheckIn]:
    return [to_record(CheckIn, tomllib.loads(p.read_text())) for p in sorted(folder.glob("*.toml"))]


def test_failed_replace_in_a_command_leaves_the_old_file(
    ada: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rel_file = ada / "relationship.toml"
    before = rel_file.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = run("rel", "edit", "ada", "--cadence", "weekly")
    assert result.exit_code == 3
    assert "No space left on device" in result.stderr
    assert rel_file.read_bytes() == before
    assert sorted(p.name for p in ada.iterdir()) == ["relationship.toml"]


def test_eight_writers_and_a_reader_lose_nothing(ada: Path) -> None:
    journal = ada.parent.parent
    checkins = ada / "checkins"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, f"w{n}", str(RECORDS_PER_WRITER)],
            env=_env(journal),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    reads = 0
    while any(w.poll() is None for w in writers):
        _parse_all(checkins)  # a reader never sees half a file
        reads += 1
    errors = [w.stderr.read() if w.stderr else "" for w in writers]
    for writer in writers:
        if writer.stderr:
            writer.stderr.close()
    assert [w.returncode for w in writers] == [0] * WRITERS, errors
    records = _parse_all(checkins)
    summaries = sorted(c.summary for c in records)
    expected = sorted(f"w{w}-{n}" for w in range(WRITERS) for n in range(RECORDS_PER_WRITER))
    assert summaries == expected  # every record of every writer, once
    assert len({c.id for c in records}) == WRITERS * RECORDS_PER_WRITER
    assert reads > 0
    assert not list(checkins.glob(".*.tmp"))


def test_killed_writers_leave_only_whole_records(ada: Path) -> None:
    journal = ada.parent.parent
    rng = random.Random(20261126)
    completed = 0
    for _ in range(KILLED_WRITERS):
        writer = subprocess.Popen(
            [sys.executable, "-u", "-c", WRITER, "k", "1000"],
            env=_env(journal),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert writer.stdout is not None
        target = rng.randint(2, 6)
        for _ in range(target):
            writer.stdout.readline()
        time.sleep(rng.random() * 0.05)  # somewhere inside the next write
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        completed += target
    records = _parse_all(ada / "checkins")  # every file parses and holds a whole record
    assert len(records) >= completed
    assert all(len(c.notes) == 2000 for c in records)
    # A killed write may leave a temporary file, never a damaged record; doctor clears it.
    ok("doctor", "--fix")
    assert ok("doctor").exit_code == 0


def test_lock_held_by_another_process_times_out_naming_it(
    ada: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = ada.parent.parent
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom pathlib import Path\nfrom mentorlog.store.files import journal_lock\n"
            f"with journal_lock(Path({str(journal)!r})):\n    print('held', flush=True)\n    time.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setenv("MENTORLOG_LOCK_TIMEOUT", "0.3")
        started = time.monotonic()
        result = run("checkin", "log", "ada", "--notes", "waiting")
        assert result.exit_code == 3
        assert f"pid {holder.pid}" in result.stderr
        assert time.monotonic() - started < 10
        assert not (ada / "checkins").exists()
        assert ok("rel", "show", "ada")  # readers do not lock
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    ok("checkin", "log", "ada", "--notes", "after")
