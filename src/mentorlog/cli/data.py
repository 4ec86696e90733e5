"""`mentorlog export`, `import` and `sync`: data that travels."""

import json
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli.common import (
    RelOpt,
    flush_warnings,
    note,
    set_format,
    state,
    warn_problems,
)
from mentorlog.core.model import FileProblem
from mentorlog.errors import UserError


class ExportFormat(StrEnum):
    json = "json"
    markdown = "markdown"
    ics = "ics"


def export_journal(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="json (everything, for import), markdown (to read) or ics (a calendar).",
        ),
    ],
    rel: RelOpt = None,
    include_private: Annotated[
        bool, typer.Option("--include-private", help="Include the notes of private check-ins.")
    ] = False,
    output: Annotated[
        Path | None, typer.Option(help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Export the journal: JSON that import reads, a Markdown report, or an iCalendar file."""
    from mentorlog.store.exchange import gather

    set_format(ctx, fmt)
    app_state = state(ctx)
    journal = app_state.require_journal()
    problems: list[FileProblem] = []
    export = gather(journal, rel, include_private, app_state.today, problems)
    warn_problems(ctx, problems)
    if fmt is ExportFormat.json:
        from mentorlog.render.console import json_text

        text = json_text(export)
    elif fmt is ExportFormat.markdown:
        from mentorlog.render.export import export_markdown

        text = export_markdown(export, app_state.today, journal.info().settings.stale_days)
    else:
        from mentorlog.render.export import export_ics

        text = export_ics(export, app_state.today)
    if output is None:
        typer.echo(text, nl=False)
    else:
        from mentorlog.store.files import atomic_write

        atomic_write(output.absolute(), text)
        note(f"Exported to {output}")
    flush_warnings(ctx)


def import_journal(
    ctx: typer.Context,
    source: Annotated[
        Path,
        typer.Argument(help="A JSON export (from mentorlog export --format json).", metavar="FILE"),
    ],
) -> None:
    """Import a JSON export: adds what this journal lacks, skips what it has (idempotent)."""
    from mentorlog.store.exchange import apply_import, parse_export

    journal = state(ctx).require_journal()
    try:
        document = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"{source} does not exist.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserError(f"{source} is not JSON: {error}.") from None
    export = parse_export(document)
    with journal.writing():
        report = apply_import(journal, export)
    note(f"Added {_counted(report.added)}.")
    note(f"Skipped (already here): {_counted(report.skipped)}.")


# The import report's kinds, as one of each is called.
_RECORD_WORDS = {
    "relationships": "relationship",
    "checkins": "check-in",
    "goals": "goal",
    "actions": "action",
    "health": "health pulse",
    "agenda items": "agenda item",
    "learning": "learning entry",
    "contacts": "contact",
}


def _counted(counts: dict[str, int]) -> str:
    """`1 contact, 2 relationships`, or `nothing`."""
    from mentorlog.core.text import plural

    named = sorted((_RECORD_WORDS.get(kind, kind), n) for kind, n in counts.items())
    return ", ".join(plural(n, word) for word, n in named) or "nothing"


def sync_journal(
    ctx: typer.Context,
    remote: Annotated[
        str | None, typer.Option(help="The git remote (URL or path); needed the first time.")
    ] = None,
) -> None:
    """Sync the journal with git: commit local changes, pull with rebase, push."""
    from mentorlog.store.sync import clone, needs_clone, sync

    app_state = state(ctx)
    journal = app_state.journal
    root = journal.root
    if needs_clone(root):
        if remote is None:
            raise UserError(
                f"There is no journal at {root} to sync.",
                hint="Clone one with: mentorlog sync --remote URL",
            )
        report = clone(root, remote, "")
        note(f"Cloned the journal from {remote} into {root}.")
        return
    journal.require()
    with journal.lock():
        report = sync(root, remote, journal.info().owner, datetime.now())
    if report.action == "initialised":
        note(f"The journal is now a git repository with remote {remote}.")
    note(f"Committed: {report.committed}." if report.committed else "Nothing new to commit.")
    note("Pulled and pushed." if report.pulled else "Pushed.")
    for copy in report.conflicts:
        note(
            f"conflict: the same record changed on two devices; the shared version is kept, yours is beside it as {copy}"
        )
    if report.conflicts:
        note(
            "Compare the two, keep what you want in the .toml file, then delete the conflict copy and sync again."
        )


# Top-level commands of this module, which the root loads by name when one is asked for.
commands = typer.Typer()
commands.command("export")(export_journal)
commands.command("import")(import_journal)
commands.command("sync")(sync_journal)
