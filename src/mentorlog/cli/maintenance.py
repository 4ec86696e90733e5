"""`mentorlog doctor` and `mentorlog trash`: finding problems, and getting deleted records back."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli.common import FormatOpt, OutputFormat, emit, note, set_format, state
from mentorlog.core.text import clean_line
from mentorlog.render.relationships import md
from mentorlog.render.style import GOOD, MUTED, OVERDUE, safe
from mentorlog.store.doctor import Doctor, Problem
from mentorlog.store.trash import TrashEntry, restore, trash_entries

if TYPE_CHECKING:
    from rich.console import RenderableType

trash_app = typer.Typer(
    help="Deleted records: list them, restore one.",
    epilog="Examples:  mentorlog trash list · mentorlog trash restore k3m9p",
    no_args_is_help=True,
)


def problems_table(problems: list[Problem]) -> RenderableType:
    from rich.table import Table

    if not problems:
        return safe("No problems: every file parses, fits its schema and is private.", GOOD)
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("file", "line", "kind", "problem"):
        table.add_column(column, overflow="fold")
    for p in problems:
        table.add_row(
            safe(p.path), str(p.line or ""), p.kind, safe(p.message, MUTED if p.fixed else OVERDUE)
        )
    return table


def problems_markdown(problems: list[Problem]) -> str:
    lines = ["| file | line | kind | problem |", "|---|---|---|---|"]
    lines += [f"| {md(p.path)} | {p.line or ''} | {p.kind} | {md(p.message)} |" for p in problems]
    return "\n".join(lines) + "\n"


def run_doctor(
    ctx: typer.Context,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Repair what is always safe: permissions, stray temporary files, and file "
            "names that do not say their record's date.",
        ),
    ] = False,
    fmt: FormatOpt = OutputFormat.text,
) -> None:
    """Check every file: parsing, schema, fields, references, names, permissions, leftovers."""
    set_format(ctx, fmt)
    journal = state(ctx).require_journal()
    if fix:
        with journal.lock():
            problems = Doctor(journal, fix=True).run()
    else:
        problems = Doctor(journal, fix=False).run()
    emit(ctx, fmt, problems, problems_table, problems_markdown)
    left = [p for p in problems if not p.fixed]
    if left:
        note(
            f"{len(left)} problem(s) found."
            + ("" if fix else " Run 'mentorlog doctor --fix' for the safe repairs.")
        )
        raise typer.Exit(3)


def trash_table(entries: list[TrashEntry]) -> RenderableType:
    from rich.table import Table

    if not entries:
        return safe("The trash is empty.")
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("id", "was", "moved"):
        table.add_column(column, overflow="fold")
    for e in entries:
        table.add_row(e.id, safe(e.original), e.deleted)
    return table


def list_trash(ctx: typer.Context, fmt: FormatOpt = OutputFormat.text) -> None:
    """List deleted records."""
    set_format(ctx, fmt)
    journal = state(ctx).require_journal()
    emit(
        ctx,
        fmt,
        trash_entries(journal),
        trash_table,
        lambda es: "".join(f"- {e.id}: {e.original}\n" for e in es),
    )


def restore_trash(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(help="The deleted record's id (or prefix).")],
) -> None:
    """Put a deleted record back where it was."""
    entry = restore(state(ctx).journal, record_id)
    note(f"Restored {clean_line(entry.original)}.")


trash_app.command("list")(list_trash)
trash_app.command("restore")(restore_trash)


# Top-level commands of this module, which the root loads by name when one is asked for.
commands = typer.Typer()
commands.command("doctor")(run_doctor)
