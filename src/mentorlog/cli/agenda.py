"""`mentorlog agenda`: talking points that carry forward until a check-in discusses them."""

from typing import Annotated

import typer
from msgspec import structs

from mentorlog.cli.common import (
    FormatOpt,
    OneRelArg,
    OutputFormat,
    RelArg,
    chosen_slugs,
    emit,
    note,
    set_format,
    state,
    warn_problems,
)
from mentorlog.core.ids import pick_by_prefix
from mentorlog.core.model import Agenda, AgendaItem, FileProblem
from mentorlog.core.text import MAX_ITEM, require_text
from mentorlog.render import agenda as view
from mentorlog.store.journal import AGENDA_FILE
from mentorlog.store.records import load_agenda, readable_agenda

app = typer.Typer(
    help="The agenda: talking points for your next check-ins.",
    epilog=(
        "Examples:  mentorlog agenda add ada 'Feedback on the design review' · mentorlog agenda list"
        " · mentorlog checkin log ada --discussed k3m · mentorlog agenda done k3m x7q"
    ),
    no_args_is_help=True,
)


def add_point(
    ctx: typer.Context,
    rel: RelArg,
    text: Annotated[str, typer.Argument(help="The talking point.")],
) -> None:
    """Add a talking point; it stays open until discussed."""
    app_state = state(ctx)
    journal = app_state.journal
    body = require_text(text, "talking point", MAX_ITEM)
    with journal.writing():
        found = journal.resolve_relationship(rel)
        agenda = load_agenda(journal, found.id)
        taken = {item.id for item in agenda.item}
        item = AgendaItem(id=journal.new_id(taken), text=body, added=app_state.today)
        journal.put(
            journal.rel_dir(found.id) / AGENDA_FILE,
            structs.replace(agenda, item=[*agenda.item, item]),
        )
    note(f"Added {item.id} to the agenda with {found.counterpart}.")


def list_points(
    ctx: typer.Context,
    rel: OneRelArg = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Include points already discussed.")
    ] = False,
    fmt: FormatOpt = OutputFormat.text,
) -> None:
    """List open talking points (of one relationship or all)."""
    set_format(ctx, fmt)
    journal = state(ctx).require_journal()
    slugs = chosen_slugs(journal, rel)
    problems: list[FileProblem] = []
    rows = [
        view.AgendaRow(relationship=slug, **structs.asdict(item))
        for slug in slugs
        for item in readable_agenda(journal, slug, problems).item
        if show_all or item.status == "open"
    ]
    warn_problems(ctx, problems)
    emit(ctx, fmt, rows, view.agenda_table, view.agenda_markdown)


def close_points(
    ctx: typer.Context,
    item_ids: Annotated[
        list[str],
        typer.Argument(help="The points' ids (or unique prefixes of them).", metavar="ID..."),
    ],
) -> None:
    """Mark talking points done without a check-in; an unknown id marks none."""
    app_state = state(ctx)
    journal = app_state.journal
    with journal.writing():
        agendas: dict[str, Agenda] = {
            slug: load_agenda(journal, slug) for slug in journal.relationship_slugs()
        }
        open_points = [
            (slug, item)
            for slug, agenda in agendas.items()
            for item in agenda.item
            if item.status == "open"
        ]
        # Every id is found before any agenda is written: all or nothing.
        done = {
            item.id: slug
            for slug, item in (
                pick_by_prefix(open_points, wanted, "open agenda item", key=lambda pair: pair[1].id)
                for wanted in item_ids
            )
        }
        for slug in dict.fromkeys(done.values()):
            items = [
                structs.replace(item, status="discussed", closed=app_state.today)
                if item.id in done
                else item
                for item in agendas[slug].item
            ]
            journal.save(
                journal.rel_dir(slug) / AGENDA_FILE, structs.replace(agendas[slug], item=items)
            )
    note("Done: " + ", ".join(f"{item_id} ({slug})" for item_id, slug in done.items()) + ".")


app.command("add")(add_point)
app.command("list")(list_points)
app.command("done")(close_points)
