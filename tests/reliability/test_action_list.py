"""`action list [REL] [--open|--overdue|--all]`, as the DESIGN contract names it: one filter
at a time, --open when none is given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import data, ok, run, snapshot


@pytest.fixture
def actions(ada: Path) -> dict[str, str]:
    """An action of each state, by name: its id."""
    for text, due in (("later", "2026-12-10"), ("late", "2026-11-20"), ("kept", "2026-11-01")):
        ok("action", "add", "ada", text, "--owner", "them", "--due", due)
    ok("action", "add", "ada", "dropped", "--owner", "me")
    ids = {a["text"]: a["id"] for a in data("action", "list")}
    ok("action", "done", ids["kept"], "--date", "2026-11-01")
    ok("action", "drop", ids["dropped"])
    return ids


def listed(*flags: str) -> list[str]:
    return [a["text"] for a in data("action", "list", *flags)]


def test_open_lists_the_open_actions_as_the_default_does(actions: dict[str, str]) -> None:
    assert listed("--open") == listed() == ["late", "later"]
    assert listed("--open", "ada") == ["late", "later"]
    assert listed("--overdue") == ["late"]
    assert sorted(listed("--all")) == ["dropped", "kept", "late", "later"]
    shown = ok("action", "list", "--open").stdout
    assert "late" in shown and "kept" not in shown


@pytest.mark.parametrize(
    "flags", [("--open", "--all"), ("--open", "--overdue"), ("--overdue", "--all")]
)
def test_two_filters_at_once_are_refused_clearly(
    actions: dict[str, str], journal: Path, flags: tuple[str, ...]
) -> None:
    before = snapshot(journal)
    result = run("action", "list", *flags)
    assert result.exit_code == 1
    assert f"not {flags[0]} and {flags[1]}" in result.stderr
    assert result.stdout == ""
    as_json = run("action", "list", *flags, "--format", "json")
    assert as_json.exit_code == 1 and as_json.stderr == ""
    assert json.loads(as_json.stdout)["error"]["code"] == "input"
    assert snapshot(journal) == before
