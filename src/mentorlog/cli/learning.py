"""`mentorlog learn`: what each of you is learning (continuous learning)."""

from pathlib import Path
from typing import Annotated, Any

import typer
from msgspec import structs

from mentorlog.cli.common import (
    DateOpt,
    FormatOpt,
    OnDateOpt,
    OutputFormat,
    RelOpt,
    emit,
    no_match,
    note,
    set_format,
    state,
    warn_problems,
)
from mentorlog.cli.completion import complete_among, complete_relationship
from mentorlog.cli.dated import happened_on, warn_before_start
from mentorlog.cli.edits import changed_fields, require_changes
from mentorlog.core.ids import pick_by_prefix
from mentorlog.core.model import LEARNING_KINDS, FileProblem, LearningEntry
from mentorlog.core.text import MAX_TEXT, require_text
from mentorlog.dates import DATE_HELP
from mentorlog.errors import UserError
from mentorlog.render import learning as view
from mentorlog.store.journal import Journal, id_from_name
from mentorlog.store.layout import LEARNING_DIR
from mentorlog.store.records import load_learning

app = typer.Typer(
    help="Learning: lessons, resources, skills and reflections, yours and theirs.",
    epilog=(
        "Examples:  mentorlog learn add 'Pratt parsing makes precedence easy' --rel ada --kind lesson · "
        "mentorlog learn add --prompt --rel ada · mentorlog learn list --since -1m --kind resource · "
        "mentorlog learn edit 7qp --kind skill --tag parsing"
    ),
    no_args_is_help=True,
)

REFLECTION_PROMPTS = (
    "What stood out?",
    "What will I apply, how, and when?",
    "What is still unclear and should be raised next time?",
)


def _kind(text: str) -> str:
    kind = text.strip().lower()
    if kind not in LEARNING_KINDS:
        raise UserError(
            f"'{text}' is not a kind of learning.", hint=f"Use one of: {', '.join(LEARNING_KINDS)}."
        )
    return kind


def _reflect() -> str:
    """Ask the reflection prompts; the answers, under their questions, make the entry."""
    parts = []
    for question in REFLECTION_PROMPTS:
        try:
            answer = typer.prompt(question, default="", show_default=False).strip()
        except typer.Abort:
            break
        if answer:
            parts.append(f"{question}\n{answer}")
    return "\n\n".join(parts)


def add_learning(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help="What was learned (or use --prompt).")] = None,
    rel: Annotated[
        str | None,
        typer.Option(
            "--rel", help="The relationship it came from.", autocompletion=complete_relationship
        ),
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            help=f"One of: {', '.join(LEARNING_KINDS)}.",
            autocompletion=complete_among(LEARNING_KINDS),
        ),
    ] = "lesson",
    link: Annotated[str, typer.Option(help="A URL for a resource.")] = "",
    goal: Annotated[str | None, typer.Option(help="The goal it serves (id or prefix).")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag (repeat for more).")] = None,
    prompt: Annotated[
        bool, typer.Option("--prompt", help="Answer reflection prompts; recorded as a reflection.")
    ] = False,
    when: OnDateOpt = None,
) -> None:
    """Record something learned (a lesson, resource, skill or reflection)."""
    app_state = state(ctx)
    journal = app_state.require_journal()
    day = happened_on(app_state, when, "A learning entry")
    entry_kind = "reflection" if prompt else _kind(kind)
    body = _reflect() if prompt and text is None else (text or "")
    body = require_text(body, "learning entry", MAX_TEXT)
    with journal.writing():
        found = journal.resolve_relationship(rel) if rel else None
        goal_id = journal.find("goals", goal, "goal").id if goal else None
        entry = LearningEntry(
            id=journal.new_id(journal.taken_ids("learning")),
            date=day,
            kind=entry_kind,
            text=body,
            link=link.strip(),
            rel=found.id if found else None,
            goal=goal_id,
            tags=[t.strip() for t in tag or [] if t.strip()],
        )
        journal.create(journal.learning_path(entry), entry)
    note(f"Recorded {entry.kind} {entry.id}.")
    if found:
        warn_before_start(found, day, "This entry")


def list_learning(
    ctx: typer.Context,
    rel: RelOpt = None,
    kind: Annotated[
        str | None,
        typer.Option(
            help=f"Only this kind: {', '.join(LEARNING_KINDS)}.",
            autocompletion=complete_among(LEARNING_KINDS),
        ),
    ] = None,
    tag: Annotated[str | None, typer.Option(help="Only entries with this tag.")] = None,
    since: DateOpt = None,
    fmt: FormatOpt = OutputFormat.text,
) -> None:
    """List learning entries, newest first."""
    set_format(ctx, fmt)
    app_state = state(ctx)
    journal = app_state.require_journal()
    rel_id = journal.resolve_relationship(rel).id if rel else None
    wanted_kind = _kind(kind) if kind else None
    problems: list[FileProblem] = []
    entries = load_learning(journal, problems, since=app_state.when(since))
    start = app_state.when(since)
    warn_problems(ctx, problems)
    shown = [
        e
        for e in reversed(entries)
        if (start is None or e.date >= start)
        and (rel_id is None or e.rel == rel_id)
        and (wanted_kind is None or e.kind == wanted_kind)
        and (tag is None or tag.strip().lower() in (t.lower() for t in e.tags))
    ]
    filters = {"--rel": rel, "--kind": kind, "--tag": tag, "--since": since}
    empty = no_match("learning entries", filters)
    emit(ctx, fmt, shown, view.learning_table, view.learning_markdown, empty=empty)


def _entry_path(journal: Journal, prefix: str) -> Path:
    """The file of the learning entry whose id is `prefix` or uniquely starts with it."""
    folder = journal.root / LEARNING_DIR
    names = journal.names_in(folder)
    return folder / pick_by_prefix(names, prefix, "learning entry", key=id_from_name)


def edit_learning(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(help="The entry's id (or a unique prefix of it).")],
    text: Annotated[str | None, typer.Option(help="What was learned, reworded.")] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            help=f"One of: {', '.join(LEARNING_KINDS)}.",
            autocompletion=complete_among(LEARNING_KINDS),
        ),
    ] = None,
    link: Annotated[
        str | None, typer.Option(help="A URL for a resource (empty clears it).")
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag", help="A tag (repeat for more); replaces the tags, --tag '' clears them."
        ),
    ] = None,
    rel: Annotated[
        str | None,
        typer.Option(
            "--rel",
            help="The relationship it came from (empty clears it).",
            autocompletion=complete_relationship,
        ),
    ] = None,
    goal: Annotated[
        str | None, typer.Option(help="The goal it serves (id or prefix; empty clears it).")
    ] = None,
    when: Annotated[
        str | None,
        typer.Option(
            "--date", help=f"The day it was learned, not after today. {DATE_HELP}.", metavar="DATE"
        ),
    ] = None,
) -> None:
    """Correct a learning entry: only the options given change."""
    app_state = state(ctx)
    journal = app_state.require_journal()
    changes: dict[str, Any] = {}
    if text is not None:
        changes["text"] = require_text(text, "learning entry", MAX_TEXT)
    if kind is not None:
        changes["kind"] = _kind(kind)
    if link is not None:
        changes["link"] = link.strip()
    if tag is not None:
        changes["tags"] = [t.strip() for t in tag if t.strip()]
    found = journal.resolve_relationship(rel) if rel and rel.strip() else None
    if rel is not None:
        changes["rel"] = found.id if found else None
    if goal is not None:
        changes["goal"] = journal.find("goals", goal, "goal").id if goal.strip() else None
    if when is not None:
        changes["date"] = happened_on(app_state, when, "A learning entry")
    require_changes(ctx, changes)
    with journal.writing():
        path = _entry_path(journal, entry_id)
        current = journal.read(path, LearningEntry, record_id=id_from_name(path.name))
        entry = structs.replace(current, **changes)
        journal.save(path, entry)
        if journal.learning_path(entry) != path:
            journal.move(path, journal.learning_path(entry))
    note(changed_fields(f"Learning entry {entry.id}", changes))
    if entry.rel and ("rel" in changes or "date" in changes):
        warn_before_start(found or journal.load_relationship(entry.rel), entry.date, "This entry")


app.command("add")(add_learning)
app.command("list")(list_learning)
app.command("edit")(edit_learning)
