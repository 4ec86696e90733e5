"""Startup work is limited to the command asked for: its module, and of a group only the
subcommand run."""

from __future__ import annotations

from mentorlog.cli.app import COMMANDS, load_command
from tests.conftest import ok


def test_a_group_builds_only_the_subcommand_asked_for() -> None:
    group = load_command("checkin")
    assert list(group.commands) == ["log", "list", "show", "edit", "delete", "skip"]
    assert group.commands.loaded == {}
    assert group.commands["list"].name == "list"
    assert list(group.commands.loaded) == ["list"]


def test_a_top_level_command_is_built_alone() -> None:
    assert load_command("status").name == "status"
    assert load_command("summary").name == "summary"


def test_every_command_and_subcommand_can_still_be_listed_and_helped() -> None:
    for name in COMMANDS:
        help_text = ok(name, "--help").stdout
        assert "Usage: mentorlog" in help_text
        command = load_command(name)
        for sub in getattr(command, "commands", {}):
            assert "Usage:" in ok(name, sub, "--help").stdout
