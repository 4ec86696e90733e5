"""The root command: global options, the one error path, and the wiring of command groups."""

from __future__ import annotations

import sys
import traceback
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from mentorlog import __version__
from mentorlog.cli import (
    actions,
    agenda,
    agreement,
    checkins,
    data,
    demo,
    goals,
    health,
    learning,
    maintenance,
    network,
    relationships,
    review,
    search,
    setup,
)
from mentorlog.cli.common import AppState, report_error
from mentorlog.dates import DATE_HELP, parse_date
from mentorlog.errors import JournalError, MentorlogError


class MentorlogGroup(TyperGroup):
    """Turns every MentorlogError into a message and its exit code, in one place."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (MentorlogError, OSError) as error:
            app_state = ctx.obj if isinstance(ctx.obj, AppState) else None
            if isinstance(error, OSError):
                name = f" {error.filename}" if error.filename else ""
                error = JournalError(f"Could not access{name}: {error.strerror or error}.")
            if app_state is not None and app_state.debug:
                traceback.print_exc()
            report_error(
                error, json_mode=app_state is not None and app_state.output_format == "json"
            )
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    cls=MentorlogGroup,
    name="mentorlog",
    help="A mentorship journal: agreements, check-ins, goals, commitments and accountability.",
    epilog="Examples:  mentorlog demo · mentorlog rel add 'Ada Lovelace' --as mentor · mentorlog status",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def default_journal() -> Path:
    from platformdirs import user_data_path

    return user_data_path("mentorlog")


def show_version(value: bool) -> None:
    if value:
        typer.echo(f"mentorlog {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    journal: Annotated[
        Path | None,
        typer.Option(
            "--journal",
            envvar="MENTORLOG_JOURNAL",
            help="The journal folder (default: your platform's data folder for mentorlog).",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            envvar="MENTORLOG_AS_OF",
            help=f"Treat this date as today, for reproducible reviews. {DATE_HELP}.",
            metavar="DATE",
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", envvar="MENTORLOG_DEBUG", help="Show tracebacks for errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """A mentorship journal: agreements, check-ins, goals, commitments and accountability."""
    real_today = date.today()
    ctx.obj = AppState(
        journal_path=(journal or default_journal()).expanduser().absolute(),
        today=real_today,
        debug=debug,
    )
    if as_of:
        ctx.obj.today = parse_date(as_of, real_today)


for module in (setup, demo, review, search, data, maintenance):
    module.register(app)
app.add_typer(relationships.app, name="rel")
app.add_typer(agreement.app, name="expect")
app.add_typer(checkins.app, name="checkin")
app.add_typer(agenda.app, name="agenda")
app.add_typer(goals.app, name="goal")
app.add_typer(actions.app, name="action")
app.add_typer(health.app, name="health")
app.add_typer(learning.app, name="learn")
app.add_typer(network.app, name="net")


def main() -> None:
    """The console-script entry point."""
    # Bytes that are not UTF-8 reach Python as lone surrogates, which no file can hold:
    # they become U+FFFD here, once, before any command sees them.
    sys.argv = [
        arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for arg in sys.argv
    ]
    app(prog_name="mentorlog")
