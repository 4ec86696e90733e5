"""`mentorlog undo`: take back the last change a command made to the journal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli.common import FormatOpt, OutputFormat, emit, note, set_format, state
from mentorlog.render.style import MUTED, md, safe
from mentorlog.store.undo import (
    KEPT_CHANGES,
    NOTHING_RECORDED,
    Change,
    Undone,
    recorded_changes,
    undo_last,
)

if TYPE_CHECKING:
    from rich.console import RenderableType


def changes_view(changes: list[Change]) -> list[RenderableType]:
    """Each change on a line of its own (step, when, command), then its files, one a line,
    whole: a path is what one looks for here."""
    if not changes:
        return [safe(NOTHING_RECORDED)]
    lines: list[RenderableType] = []
    for change in changes:
        lines.append(safe(f"{change.step}  {change.when:%Y-%m-%d %H:%M}  {change.command_line}"))
        for f in change.files:
            path = safe(f"    {f.kind:<8}{f.path}", MUTED)
            path.no_wrap, path.overflow = True, "ignore"  # whole, to paste; the terminal wraps
            lines.append(path)
    return lines


def changes_markdown(changes: list[Change]) -> str:
    if not changes:
        return NOTHING_RECORDED + "\n"
    return "".join(
        f"- {change.step}, {change.when:%Y-%m-%d %H:%M}: `{md(change.command_line)}`\n"
        + "".join(f"  - {f.kind}: {md(f.path)}\n" for f in change.files)
        for change in changes
    )


# What undo did to a file (store/undo.py `UndoneFile.done`), in words.
DONE_WORDS = {
    "restored": "restored {path} as it was",
    "trashed": "moved {path} (new) to {trashed_as}",
    "kept": "left {path} (new) in the trash",
    "removed": "removed {path} (its record is back in place)",
    "unchanged": "{path} already was as before",
}


def undone_lines(undone: Undone) -> list[str]:
    return [f"Undid: {undone.change.command_line}"] + [
        "  " + DONE_WORDS[f.done].format(path=f.path, trashed_as=f.trashed_as) for f in undone.files
    ]


def undo_last_change(
    ctx: typer.Context,
    show_list: Annotated[
        bool,
        typer.Option(
            "--list",
            help=f"Show the changes undo can take back (the last {KEPT_CHANGES}), newest first, "
            "each with its command and files; undo nothing.",
        ),
    ] = False,
    fmt: FormatOpt = OutputFormat.text,
) -> None:
    """Take back the last change a command made to the journal; again, the one before it.

    Files it changed or deleted get their bytes back, files it added move to .trash/. Refused,
    changing nothing, when one of its files was edited since (by hand or by sync)."""
    set_format(ctx, fmt)
    journal = state(ctx).require_journal()
    if show_list:
        emit(ctx, fmt, recorded_changes(journal), changes_view, changes_markdown)
        return
    undone = undo_last(journal)
    if fmt is OutputFormat.text:
        for line in undone_lines(undone):
            note(line)
    else:
        emit(
            ctx,
            fmt,
            undone,
            lambda u: [safe(line) for line in undone_lines(u)],
            lambda u: "".join(f"- {md(line.strip())}\n" for line in undone_lines(u)),
        )


# Top-level commands of this module, which the root loads by name when one is asked for.
commands = typer.Typer()
commands.command("undo")(undo_last_change)
