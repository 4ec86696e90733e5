"""The docs are part of the product: generated pages stay current, every command has help."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from mentorlog.cli.app import app
from mentorlog.cli.reference import command_reference

ROOT = Path(__file__).parent.parent


def test_reference_is_current() -> None:
    current = (ROOT / "docs" / "reference.md").read_text()
    assert current == command_reference(), (
        "docs/reference.md is stale: run python -m mentorlog.cli.reference > docs/reference.md"
    )


def _commands(command: object, path: str) -> list[tuple[str, object]]:
    found = [(path, command)]
    if isinstance(command, typer.core.TyperGroup):
        for name, sub in command.commands.items():
            found += _commands(sub, f"{path} {name}")
    return found


def test_every_command_and_option_has_help() -> None:
    for path, command in _commands(typer.main.get_command(app), "mentorlog"):
        assert getattr(command, "help", None), f"{path} has no help"
        for param in getattr(command, "params", []):
            if getattr(param, "hidden", False) or param.name in ("help",):
                continue
            assert getattr(param, "help", None), f"{path}: {param.name} has no help"


def test_readme_quick_start_has_exactly_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    commands = [line for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["pip install . && mentorlog demo", "pip install -e '.[test]' && pytest"]


def test_design_twin_matches_the_shared_contract_where_present() -> None:
    shared = ROOT.parent / "shared" / "DESIGN.md"
    twin = ROOT / "docs" / "DESIGN.md"
    assert twin.is_file()
    if shared.is_file():
        assert "## 4. Command-line contract" in twin.read_text()


def _load_guide_generator() -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "generate_guide", ROOT / "docs" / "generate_guide.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_user_guide_is_current() -> None:
    generator = _load_guide_generator()
    current = (ROOT / "docs" / "guide.md").read_text()
    assert current == generator.build_guide(), (  # type: ignore[attr-defined]
        "docs/guide.md is stale: run python docs/generate_guide.py > docs/guide.md"
    )


def test_every_group_ends_its_help_with_examples() -> None:
    from typer.testing import CliRunner

    root = typer.main.get_command(app)
    groups = [
        name
        for name, command in root.commands.items()
        if isinstance(command, typer.core.TyperGroup)
    ]
    assert len(groups) >= 10
    for name in ["", *groups]:
        result = CliRunner().invoke(app, [*([name] if name else []), "--help"])
        assert result.exit_code == 0, name
        tail = result.stdout.strip().splitlines()[-3:]
        assert (
            any("Examples:" in line for line in tail)
            or "Examples:" in result.stdout.split("Commands:")[-1]
        ), name
        assert result.stdout.count("mentorlog ") >= 3, name


def test_unknown_command_suggests_the_right_one() -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["sumary"])
    assert result.exit_code == 2
    assert "summary" in result.stderr
