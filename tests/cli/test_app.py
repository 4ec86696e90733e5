from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mentorlog import __version__
from tests.conftest import ok, run


def test_version() -> None:
    result = run("--version", as_of=None)
    assert result.exit_code == 0
    assert result.stdout.strip() == f"mentorlog {__version__}"


def test_python_m_version_as_subprocess() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mentorlog", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"mentorlog {__version__}"


def test_init_twice_is_an_error(journal: Path) -> None:
    result = run("init")
    assert result.exit_code == 1
    assert "already exists" in result.stderr


def test_path_prints_journal_and_config(journal_dir: Path) -> None:
    result = ok("path")
    assert f"journal: {journal_dir}" in result.stdout
    assert "config.toml" in result.stdout
    assert f"state:   {os.environ['MENTORLOG_STATE']}" in result.stdout


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config file in use, and no MENTORLOG_JOURNAL to override it."""
    monkeypatch.delenv("MENTORLOG_JOURNAL")
    path = tmp_path / "settings" / "config.toml"
    path.parent.mkdir()
    monkeypatch.setenv("MENTORLOG_CONFIG", str(path))
    return path


def test_the_config_file_names_the_journal(config: Path, tmp_path: Path) -> None:
    config.write_text('journal = "mentoring"  # relative: beside the config file\n')
    ok("init", "--owner", "Grace")
    assert (config.parent / "mentoring" / "journal.toml").is_file()
    assert f"journal: {config.parent / 'mentoring'}" in ok("path").stdout
    ok("--journal", str(tmp_path / "other"), "init")  # the option still wins
    assert (tmp_path / "other" / "journal.toml").is_file()


def test_a_config_file_with_a_mistake_is_named(config: Path) -> None:
    config.write_text('journal = "unclosed\n')
    result = run("rel", "list")
    assert result.exit_code == 3
    assert f"{config}, line 1" in result.stderr
    config.write_text("journal = 5\n")
    result = run("rel", "list")
    assert result.exit_code == 1
    assert "'journal' should be a folder" in result.stderr
    config.write_text('journal = "j"\ntheme = "dark"\n')
    result = run("init")
    assert result.exit_code == 0
    assert "1 unknown setting ignored: theme" in result.stderr


def test_journal_option_beats_environment(tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    result = run("--journal", str(other), "init")
    assert result.exit_code == 0
    assert (other / "journal.toml").is_file()


def test_bad_as_of_is_a_clear_error() -> None:
    result = run("rel", "list", as_of="not-a-day")
    assert result.exit_code == 1
    assert "not-a-day" in result.stderr


def test_usage_error_is_exit_2() -> None:
    assert run("rel", "add").exit_code == 2
    assert run("no-such-command").exit_code == 2


def test_group_without_subcommand_shows_help() -> None:
    result = run("rel")
    assert "add" in result.stdout + result.stderr
    assert "pause" in result.stdout + result.stderr


def test_short_help_flag() -> None:
    result = run("-h", as_of=None)
    assert result.exit_code == 0
    assert "mentorship journal" in result.stdout


def test_debug_shows_traceback(journal: Path) -> None:
    result = run("--debug", "rel", "show", "nobody")
    assert result.exit_code == 1
    assert "Traceback" in result.stderr


def test_umask_022_still_private(journal_dir: Path) -> None:
    old = os.umask(0o022)
    try:
        ok("init")
        ok("rel", "add", "Ada", "--as", "mentor")
    finally:
        os.umask(old)
    for path in [journal_dir, *journal_dir.rglob("*")]:
        mode = path.stat().st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), path


def test_a_reader_that_goes_away_stops_the_output_quietly(ada: Path) -> None:
    """`mentorlog rel list | head -0`: no traceback and no error message, exit 141 as for a
    command killed by SIGPIPE."""
    for output in ("text", "json"):
        with subprocess.Popen(
            [sys.executable, "-m", "mentorlog", "rel", "list", "--format", output],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as process:
            assert process.stdout is not None and process.stderr is not None
            process.stdout.close()  # before mentorlog writes: its first write meets no reader
            errors = process.stderr.read()
            assert process.wait(timeout=60) == 141
        assert errors == b""


@pytest.mark.parametrize(
    "json_format", [["--format", "json"], ["--format=json"], ["-f", "json"]], ids=str
)
def test_a_bad_global_option_is_a_json_error_in_json_mode(
    journal: Path, json_format: list[str]
) -> None:
    result = run("status", *json_format, as_of="2026-13-01")
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "input" and "2026-13-01" in error["message"]
    assert result.stderr == ""


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01", "+9000y"])
def test_an_as_of_off_the_calendar_is_an_error_not_a_crash(journal: Path, as_of: str) -> None:
    for args in (("status",), ("summary", "--format", "json")):
        result = run("--as-of", as_of, *args)
        assert result.exit_code == 1, result.output
        assert "from 1900 to 2999" in result.output + result.stderr
