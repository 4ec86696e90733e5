"""`mentorlog export`, `import` and `sync`: data that travels."""

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli.common import (
    RelOpt,
    flush_warnings,
    note,
    report_error,
    set_format,
    state,
    warn_problems,
    write_output,
)
from mentorlog.core.export import PRIVATE_WITHHELD
from mentorlog.core.model import FileProblem
from mentorlog.errors import JournalError, UserError

if TYPE_CHECKING:
    from mentorlog.store.sharing import ShareReport
    from mentorlog.store.sync import SyncReport


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
        bool,
        typer.Option(
            "--include-private",
            help=f"Include the {PRIVATE_WITHHELD} of private check-ins, which are left out.",
        ),
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
    journal.require_text("This journal")
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
        write_output(output, text)
        note(f"Exported to {output}")
    flush_warnings(ctx)


def import_journal(
    ctx: typer.Context,
    source: Annotated[
        Path,
        typer.Argument(help="A JSON export (from mentorlog export --format json).", metavar="FILE"),
    ],
) -> None:
    """Import a JSON export: adds what this journal lacks, skips what it has; all or nothing."""
    from mentorlog.store.exchange import apply_import, read_export

    journal = state(ctx).require_journal()
    export = read_export(source)
    with journal.writing():
        report = apply_import(journal, export)
    note(f"Added {_counted(report.added)}.")
    note(f"Skipped (already here): {_counted(report.skipped)}.")


def _counted(counts: dict[str, int]) -> str:
    """`1 contact, 2 relationships`, or `nothing`."""
    from mentorlog.core.text import plural
    from mentorlog.store.exchange import RECORD_WORDS

    named = sorted((RECORD_WORDS[kind], n) for kind, n in counts.items())
    return ", ".join(plural(n, word) for word, n in named) or "nothing"


def sync_journal(
    ctx: typer.Context,
    remote: Annotated[
        str | None, typer.Option(help="The git remote (URL or path); needed the first time.")
    ] = None,
    set_remote: Annotated[
        bool,
        typer.Option(
            "--set-remote",
            help="Replace the remote the journal syncs with by --remote (without it, a "
            "different --remote is refused).",
        ),
    ] = False,
) -> None:
    """Sync the journal with git: commit local changes, merge the remote's record by record,
    push."""
    from mentorlog.store.sync import clone, needs_clone, sync

    if set_remote and remote is None:
        raise UserError(
            "--set-remote needs the new remote.", hint="mentorlog sync --remote URL --set-remote"
        )
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
        note_links(report.links)
        return
    journal.require()
    from mentorlog.store.keys import seal_plain
    from mentorlog.store.sharing import sync_shared
    from mentorlog.store.sync import SyncReport

    own: SyncReport | None = None
    failed: list[str] = []
    with journal.lock():

        def sync_own() -> SyncReport:
            return sync(
                root,
                remote,
                journal.info().owner,
                datetime.now(),
                set_remote,
                seal=lambda paths, recipients: seal_plain(journal, paths, recipients),
            )

        shared = [rel for rel in journal.load_relationships([]) if rel.share is not None]
        has_own = remote is not None or (root / ".git").is_dir() or not shared
        if has_own:  # first: what another device of this person took in is here before
            own = sync_own()  # and the relationships are read again, as that merge left them
            shared = [rel for rel in journal.load_relationships([]) if rel.share is not None]
        came_in = False
        for rel in shared:  # one that fails stops no other
            try:
                came = sync_shared(journal, rel, journal.person(), datetime.now())
            except JournalError as error:
                report_error(error, json_mode=False)
                failed.append(rel.id)
                continue
            note_shared(came)
            came_in = came_in or bool(came.came_in or came.conflicts)
        if has_own and came_in:  # what came in reaches this person's other devices now
            own = sync_own()
    if own is not None:
        note_synced(own, remote)
    if failed:
        from mentorlog.core.text import plural

        others = "; the others were" if len(failed) < len(shared) else ""
        raise JournalError(
            f"{plural(len(failed), 'shared relationship')} could not be synced: "
            f"{', '.join(failed)} (see above){others}.",
        )


def note_shared(report: "ShareReport") -> None:
    """Say what a shared relationship's sync brought in."""
    came = "; ".join(report.came_in) or "nothing new"
    note(f"Synced {report.rel} with {report.counterpart}: {came}.")
    note_merges(report.merged, report.revived, "sides")
    for copy in report.conflicts:
        note(
            f"Conflict: {copy} holds the other version of a record changed on both sides; one "
            "stays by the rule in docs/sync.md (mentorlog doctor lists the copy until you "
            "resolve it)."
        )


def note_merges(merged: list[str], revived: list[str], where: str) -> None:
    """Say how records changed on both `where` (devices, sides) came out without a conflict."""
    for path in merged:
        note(f"Merged: {path} changed on both {where}, in different fields; both changes are kept.")
    for path in revived:
        note(
            f"Kept: {path} was deleted on one {where[:-1]} and changed on the other; it stays "
            "(delete it again if that was meant)."
        )


def note_synced(report: "SyncReport", remote: str | None) -> None:
    """Say what the journal's own sync did."""
    from mentorlog.core.text import plural
    from mentorlog.store.doctor import CONFLICT_COPY
    from mentorlog.store.index import id_from_name

    if report.sealed:
        note(
            f"Sealed the text of {plural(report.sealed, 'check-in')} written here in plain "
            "text before this device knew the journal is encrypted; nothing plain was pushed."
        )
    if report.action == "initialised":
        note(f"The journal is now a git repository with remote {remote}.")
    note(f"Committed: {report.committed}." if report.committed else "Nothing new to commit.")
    note("Pulled and pushed." if report.pulled else "Pushed.")
    note_merges(report.merged, report.revived, "devices")
    for copy in report.conflicts:
        record = id_from_name(copy.split(CONFLICT_COPY)[0].rpartition("/")[2])
        note(
            f"Conflict: record {record} changed on both devices; one version stays (by the "
            f"rule in docs/sync.md), the other is kept as {copy}, on this device only."
        )
    if report.conflicts:
        note(
            "Compare each copy with its record, keep what you want in the record, then delete "
            "the copy (mentorlog doctor lists those left)."
        )
    note_links(report.links)


def note_links(links: list[str]) -> None:
    """Name each symbolic link the synced journal holds: git syncs links (another device can
    commit one), and mentorlog never follows one, so what it points to is not in the journal."""
    for link in links:
        note(
            f"{link} is a symbolic link; mentorlog never follows it. Replace it with the "
            "file or folder itself, or remove it (mentorlog doctor lists it)."
        )


# Top-level commands of this module, which the root loads by name when one is asked for.
commands = typer.Typer()
commands.command("export")(export_journal)
commands.command("import")(import_journal)
commands.command("sync")(sync_journal)
