"""`mentorlog doctor` and `mentorlog trash`: finding problems, and getting deleted records back."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli.common import FormatOpt, OutputFormat, emit, note, set_format, state
from mentorlog.core.text import clean_line, plural
from mentorlog.render.style import GOOD, MUTED, OVERDUE, md, safe
from mentorlog.render.table import Column, ListTable
from mentorlog.store.doctor import Doctor, Problem
from mentorlog.store.trash import TrashEntry, restore, trash_entries

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mentorlog.render.table import Cell

trash_app = typer.Typer(
    help="Deleted records: list them, restore one.",
    epilog="Examples:  mentorlog trash list · mentorlog trash restore k3m9p",
    no_args_is_help=True,
)


PROBLEM_COLUMNS = (
    Column("file", whole=True),
    Column("line", whole=True, justify="right"),
    Column("kind", whole=True),
    Column("problem", wraps=True, least=20),
)


def problems_table(problems: list[Problem]) -> RenderableType:
    if not problems:
        return safe("No problems: every file parses, fits its schema and is private.", GOOD)
    rows: list[list[Cell]] = [
        [safe(p.path), str(p.line or ""), p.kind, safe(p.message, MUTED if p.fixed else OVERDUE)]
        for p in problems
    ]
    return ListTable(PROBLEM_COLUMNS, rows)


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
            help="Repair what is always safe: permissions, stray temporary files, file "
            "names that do not say their record's date, and text an encrypted journal left plain.",
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
        note(f"{plural(len(left), 'problem')} found.")
        for advice in doctor_advice(left):
            note(advice)
        raise typer.Exit(3)


def doctor_advice(left: list[Problem]) -> list[str]:
    """What to do about the problems left: `--fix` for what it repairs (permissions, stray
    temporary files, names), a hand for the rest; never `--fix` for what it cannot mend."""
    fixable = [p for p in left if p.fixable]
    by_hand = [p for p in left if not p.fixable]
    advice = []
    if fixable:
        kinds = ", ".join(sorted({p.kind.replace("_", " ") for p in fixable}))
        advice.append(
            f"Run 'mentorlog doctor --fix' to repair {plural(len(fixable), 'problem')} ({kinds})."
        )
    if by_hand:
        advice.append(
            f"Mend {plural(len(by_hand), 'problem')} by hand: edit each file named above as its"
            " problem says (or restore it from .trash/ or git), then run mentorlog doctor again."
        )
    return advice


TRASH_COLUMNS = (Column("id", whole=True), Column("deleted", whole=True), Column("was", whole=True))


def trash_table(entries: list[TrashEntry]) -> RenderableType:
    if not entries:
        return safe("The trash is empty.")
    return ListTable(TRASH_COLUMNS, [[safe(e.id), e.deleted, safe(e.original)] for e in entries])


def list_trash(ctx: typer.Context, fmt: FormatOpt = OutputFormat.text) -> None:
    """List deleted records."""
    set_format(ctx, fmt)
    journal = state(ctx).require_journal()
    emit(
        ctx,
        fmt,
        trash_entries(journal),
        trash_table,
        lambda es: "".join(f"- {md(e.id)}: {md(e.original)}\n" for e in es),
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
