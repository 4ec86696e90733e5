"""`mentorlog demo`: a sample journal to explore, and its weekly review."""

from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli.common import OutputFormat, emit, note, state


def run_demo(
    ctx: typer.Context,
    folder: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            help="Where to build it (an empty or new folder); default: a new temporary folder.",
        ),
    ] = None,
) -> None:
    """Build a sample journal (a mentor, three mentees, months of history) and print its weekly review."""
    from mentorlog.cli.review import build_summary
    from mentorlog.core.summary import first_weekday, period_for
    from mentorlog.demo import build_demo, demo_folder
    from mentorlog.render import review as view

    app_state = state(ctx)
    journal = build_demo(demo_folder(folder), app_state.today)
    app_state.journal_path = journal.root
    period = period_for("week", app_state.today, first_weekday(journal.info().settings))
    emit(ctx, OutputFormat.text, build_summary(ctx, None, period), view.summary_panels)
    note(f"The demo journal is in {journal.root}")
    note(f"Explore it:  mentorlog --journal {journal.root} status")
    note(f"             mentorlog --journal {journal.root} rel show ada")
    note(
        f"             export MENTORLOG_JOURNAL={journal.root}  # then: mentorlog summary --format markdown"
    )


# Top-level commands of this module, which the root loads by name when one is asked for.
commands = typer.Typer()
commands.command("demo")(run_demo)
