"""The derived cache is never trusted over the TOML, and changes nothing that is shown."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ok


def _summary() -> str:
    return ok("summary", "--period", "quarter", "--format", "json").stdout


def test_summary_is_identical_cold_warm_and_after_a_hand_edit(tmp_path: Path) -> None:
    journal = tmp_path / "demo"
    ok("demo", "--dir", str(journal))
    import os

    os.environ["MENTORLOG_JOURNAL"] = str(journal)
    try:
        shutil.rmtree(journal / ".cache", ignore_errors=True)
        cold = _summary()
        assert (journal / ".cache").is_dir()
        warm = _summary()
        assert warm == cold
        shutil.rmtree(journal / ".cache")
        assert _summary() == cold
        # A hand edit in place, same size and quick enough to share a second: still seen.
        goal_file = next(
            p
            for p in (journal / "relationships" / "alan-turing" / "goals").glob("*.toml")
            if "Learn Rust" in p.read_text()
        )
        text = goal_file.read_text()
        edited = text.replace(
            "Learn Rust well enough to review PRs", "Learn Rust well enough to review PR!"
        )
        assert edited != text and len(edited) == len(text)
        goal_file.write_text(edited)
        after = _summary()
        assert "review PR!" in after
        assert after.replace("review PR!", "review PRs") == cold
        listed = ok("goal", "list", "alan").stdout
        assert "review PR!" in listed
    finally:
        del os.environ["MENTORLOG_JOURNAL"]


def test_cache_is_private_derived_and_kept_out_of_sync_and_export(ada: Path, journal: Path) -> None:
    ok("checkin", "log", "ada", "--notes", "cached")
    ok("summary")
    cache = journal / ".cache"
    assert cache.is_dir()
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    for path in cache.iterdir():
        assert oct(path.stat().st_mode & 0o777) == "0o600"
        json.loads(path.read_text())
    exported = ok("export", "--format", "json").stdout
    assert ".cache" not in exported
    from mentorlog.store.sync import GITIGNORE

    assert ".cache/" in GITIGNORE
    assert ok("doctor").exit_code == 0


def test_a_corrupt_cache_is_rebuilt(ada: Path, journal: Path) -> None:
    ok("checkin", "log", "ada", "--notes", "x")
    before = ok("summary", "--format", "json").stdout
    for path in (journal / ".cache").iterdir():
        path.write_text("{not json")
    assert ok("summary", "--format", "json").stdout == before


def test_version_imports_neither_tomlkit_nor_icalendar_nor_rich_tables() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['mentorlog', '--version']\n"
        "from mentorlog.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('tomlkit', 'icalendar', 'rich.table', 'rich.console', 'pydantic') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "HEAVY []" in result.stdout


def test_a_write_imports_no_rich_and_no_icalendar(journal: Path) -> None:
    code = (
        "import sys\n"
        f"sys.argv = ['mentorlog', '--journal', {str(journal)!r}, 'rel', 'add', 'Ada', '--as', 'mentor']\n"
        "from mentorlog.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('HEAVY', [m for m in ('icalendar', 'rich.table', 'rich.console') if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "HEAVY []" in result.stdout
