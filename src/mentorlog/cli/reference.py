"""The command reference in docs/, generated from the app itself so it cannot drift.

Run `python -m mentorlog.cli.reference > docs/reference.md`; a test fails when it is stale."""

from __future__ import annotations

from typing import Any

import typer


def _walk(command: Any, path: list[str], ctx: Any) -> list[str]:
    import typer.core

    lines: list[str] = []
    name = " ".join(path)
    lines += [f"## `{name}`", ""]
    help_text = (command.help or "").strip()
    if help_text:
        lines += [help_text, ""]
    lines += ["```", command.get_usage(ctx).strip(), "```", ""]
    for kind, title in (("argument", "Arguments"), ("option", "Options")):
        records = [
            param.get_help_record(ctx)
            for param in command.get_params(ctx)
            if param.param_type_name == kind
        ]
        shown = [record for record in records if record is not None]
        if shown:
            lines += [f"{title}:", ""]
            lines += [f"- `{opts}`: {' '.join(text.split())}".rstrip() for opts, text in shown]
            lines.append("")
    if command.epilog:
        lines += [command.epilog.strip(), ""]
    if isinstance(command, typer.core.TyperGroup):
        for sub_name in command.list_commands(ctx):
            sub = command.get_command(ctx, sub_name)
            if sub is None or sub.hidden:
                continue
            sub_ctx = sub.make_context(sub_name, [], parent=ctx, resilient_parsing=True)
            lines += _walk(sub, [*path, sub_name], sub_ctx)
    return lines


def command_reference() -> str:
    """Every command's usage, help, arguments and options, as Markdown."""
    from mentorlog.cli.app import app

    command = typer.main.get_command(app)
    ctx = command.make_context("mentorlog", [], resilient_parsing=True)
    header = [
        "# Command reference",
        "",
        "Generated from the app by `python -m mentorlog.cli.reference > docs/reference.md`;",
        "`tests/test_docs.py` fails when this page is stale.",
        "",
    ]
    return "\n".join(header + _walk(command, ["mentorlog"], ctx)).rstrip() + "\n"


if __name__ == "__main__":
    print(command_reference(), end="")
