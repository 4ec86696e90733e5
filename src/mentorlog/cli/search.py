"""`mentorlog search`: find what was said, across check-ins, goals, actions, agreements,
learning and contacts, through the index's full-text search."""

from functools import partial
from typing import Annotated

import typer

from mentorlog.cli.common import (
    DateOpt,
    FormatOpt,
    IncludePrivateOpt,
    OutputFormat,
    RelOpt,
    emit,
    set_format,
    state,
    warn_problems,
)
from mentorlog.cli.completion import complete_among
from mentorlog.core.model import FileProblem
from mentorlog.core.search import KINDS
from mentorlog.errors import UserError
from mentorlog.render import search as view
from mentorlog.store.records import search


def search_journal(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            help='Words to find (any case and accents): all of them by default; "a phrase", '
            "prefix*, a OR b, a NOT b."
        ),
    ],
    rel: RelOpt = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            help=f"Only this kind of record (repeatable): {', '.join(KINDS)}.",
            metavar="KIND",
            autocompletion=complete_among(KINDS),
        ),
    ] = None,
    since: DateOpt = None,
    until: DateOpt = None,
    limit: Annotated[int, typer.Option(help="At most this many hits (0: all).", min=0)] = 50,
    include_private: IncludePrivateOpt = False,
    fmt: FormatOpt = OutputFormat.text,
) -> None:
    """Search what people wrote: check-ins, goals, actions, agreements, learning, contacts.

    Most relevant first, then newest, from the index in .cache/ (always up to date)."""
    set_format(ctx, fmt)
    app_state = state(ctx)
    journal = app_state.require_journal()
    wanted = query.strip()
    if not wanted:
        raise UserError("The search query is empty.")
    kinds = [k.strip().lower() for k in kind or KINDS]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise UserError(
            f"Unknown --kind: {', '.join(unknown)}.", hint=f"Use one of: {', '.join(KINDS)}."
        )
    start, end = app_state.when(since), app_state.when(until)
    if start and end and end < start:
        raise UserError(f"--until {end} is before --since {start}.")
    rels = [journal.resolve_relationship(rel).id] if rel else None
    problems: list[FileProblem] = []
    hits = search(
        journal,
        wanted,
        problems,
        kinds,
        rels,
        start,
        end,
        limit,
    )
    warn_problems(ctx, problems)
    markdown = partial(view.hits_markdown, include_private=include_private)
    emit(ctx, fmt, hits, view.hits_table, markdown)


# Top-level commands of this module, which the root loads by name when one is asked for.
commands = typer.Typer()
commands.command("search")(search_journal)
