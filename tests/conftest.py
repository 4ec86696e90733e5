"""Every test gets its own journal folder through MENTORLOG_JOURNAL, and a fixed width."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from mentorlog.cli.app import app

runner = CliRunner()
AS_OF = "2026-11-26"


@pytest.fixture(autouse=True)
def journal_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "journal"
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(path))
    monkeypatch.setenv("MENTORLOG_CONFIG", str(tmp_path / "config.toml"))  # never the real one
    monkeypatch.setenv("MENTORLOG_STATE", str(tmp_path / "state"))  # nor the real state folder
    monkeypatch.setenv("MENTORLOG_WIDTH", "120")
    monkeypatch.setenv("MENTORLOG_LOCK_TIMEOUT", "5")
    for name in ("MENTORLOG_AS_OF", "MENTORLOG_DEBUG", "VISUAL", "EDITOR"):
        monkeypatch.delenv(name, raising=False)
    return path


def run(*args: str, input: str | None = None, as_of: str | None = AS_OF) -> Result:
    """Run mentorlog in-process, as of a fixed date unless told otherwise."""
    prefix = ["--as-of", as_of] if as_of else []
    return runner.invoke(app, [*prefix, *args], input=input)


def ok(*args: str, input: str | None = None, as_of: str | None = AS_OF) -> Result:
    result = run(*args, input=input, as_of=as_of)
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result


def data(*args: str, as_of: str | None = AS_OF) -> Any:
    """Run a command with --format json and parse what it printed."""
    result = ok(*args, "--format", "json", as_of=as_of)
    return json.loads(result.stdout)


@pytest.fixture
def journal(journal_dir: Path) -> Path:
    ok("init", "--owner", "Grace Hopper")
    return journal_dir


@pytest.fixture
def ada(journal: Path) -> Path:
    ok("rel", "add", "Ada Lovelace", "--as", "mentor", "--started", "2026-09-01")
    return journal / "relationships" / "ada-lovelace"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under a journal with its bytes, to prove a failed command changed nothing
    (the lock and the derived index in .cache/ aside)."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != ".lock" and ".cache" not in path.relative_to(root).parts
    }


Runner = Callable[..., Result]
