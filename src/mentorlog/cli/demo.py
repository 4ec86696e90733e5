"""`mentorlog demo`: a sample journal to explore, and what mentorlog says about it."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli.common import note, state, stdout_console
from mentorlog.errors import UserError


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
    """Build a sample journal (a mentor, three mentees, months of history) and show it."""
    from mentorlog.demo import build_demo
    from mentorlog.render import relationships as view
    from mentorlog.store.records import load_bundle

    app_state = state(ctx)
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="mentorlog-demo-"))
    elif folder.exists() and any(folder.iterdir()):
        raise UserError(f"{folder} is not empty; the demo needs an empty or new folder.")
    journal = build_demo(folder.absolute(), app_state.today)
    console = stdout_console()
    problems: list[str] = []
    from mentorlog.core.overview import detail_window, relationship_detail

    for rel in journal.load_relationships(problems):
        records = load_bundle(journal, rel, problems, since=detail_window(app_state.today))
        for part in view.relationship_panel(relationship_detail(records, app_state.today)):
            console.print(part)
        console.print()
    note(f"The demo journal is in {journal.root}")
    note(f"Explore it:  mentorlog --journal {journal.root} rel list")
    note("             (or export MENTORLOG_JOURNAL to that folder)")


def register(app: typer.Typer) -> None:
    app.command("demo")(run_demo)
