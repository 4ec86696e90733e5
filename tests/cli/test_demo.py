from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ok, run


def test_demo_builds_a_journal_and_says_how_to_explore_it(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    result = ok("demo", "--dir", str(target))
    assert "Accountability review" in result.stdout
    assert "Ada Lovelace (you mentor, every 2 weeks)" in result.stdout
    assert "Margaret Hamilton (mentors you, monthly)" in result.stdout
    assert "Alerts" in result.stdout
    assert f"--journal {target}" in result.stderr
    rels = sorted(p.name for p in (target / "relationships").iterdir())
    assert len(rels) == 4
    for path in target.rglob("*.toml"):
        tomllib.loads(path.read_text())
    assert len(list(target.glob("relationships/*/checkins/*.toml"))) > 30
    assert list(target.glob("relationships/*/goals/*.toml"))
    assert list(target.glob("relationships/*/health/*.toml"))
    assert list(target.glob("learning/*.toml"))
    assert list(target.glob("network/*.toml"))


def test_demo_is_a_journal_every_command_can_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "demo"
    ok("demo", "--dir", str(target))
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(target))
    for args in (
        ("status",),
        ("summary", "--format", "markdown"),
        ("rel", "show", "ada"),
        ("expect", "show", "ada"),
        ("checkin", "list"),
        ("goal", "list"),
        ("action", "list"),
        ("health", "show", "ada"),
        ("learn", "list"),
        ("net", "list"),
        ("agenda", "list"),
        ("search", "design"),
    ):
        result = ok(*args)
        assert result.stdout.strip(), args


def test_demo_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = run("demo", "--dir", str(tmp_path))
    assert result.exit_code == 1
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_end_to_end_as_a_subprocess(tmp_path: Path) -> None:
    env = {**os.environ, "MENTORLOG_JOURNAL": str(tmp_path / "j"), "MENTORLOG_AS_OF": "2026-11-26"}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mentorlog", *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    assert cli("init").returncode == 0
    assert cli("rel", "add", "Ada Lovelace", "--as", "mentor").returncode == 0
    shown = cli("rel", "show", "ada")
    assert shown.returncode == 0
    assert "You mentor Ada Lovelace since 26 November 2026" in shown.stdout
    missing = cli("rel", "show", "bob")
    assert missing.returncode == 1
    assert "bob" in missing.stderr
