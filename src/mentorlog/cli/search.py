"""`mentorlog search`: find what was said, across check-ins, goals, actions, agreements, learning."""

from collections.abc import Callable
from typing import Annotated, Any

import typer

from mentorlog.cli.common import (
    FormatOpt,
    OutputFormat,
    RelOpt,
    emit,
    set_format,
    state,
    warn_problems,
)
from mentorlog.core import search as rules
from mentorlog.core.model import Action, CheckIn, Goal, LearningEntry
from mentorlog.errors import UserError
from mentorlog.render import search as view

SEARCHED = {
    "checkins": (
        "summary",
        "notes",
        "topics",
        "feedback_given",
        "feedback_received",
        "concerns",
        "learned",
        "why",
    ),
    "goals": ("title", "why", "measure", "milestone", "update"),
    "actions": ("text",),
    "learning": ("text", "link", "tags"),
}


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(_text(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(_text(item) for item in value.values())
    return ""


def mentions(query: str, kind: str) -> Callable[[dict[str, Any]], bool]:
    """A filter on a record's raw data: does the text a person wrote in it hold the query?
    Only records that pass are turned into objects."""
    folded = query.casefold()
    fields = SEARCHED[kind]
    return lambda data: folded in "\n".join(_text(data.get(name)) for name in fields).casefold()


def search_journal(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words to find (case-insensitive).")],
    rel: RelOpt = None,
    limit: Annotated[int, typer.Option(help="At most this many hits, newest first (0: all).")] = 50,
    fmt: FormatOpt = OutputFormat.text,
) -> None:
    """Search check-in notes, summaries and feedback, goals, actions, agreements and learning."""
    set_format(ctx, fmt)
    journal = state(ctx).require_journal()
    wanted = query.strip()
    if not wanted:
        raise UserError("The search query is empty.")
    problems: list[str] = []
    rels = [journal.resolve_relationship(rel)] if rel else journal.load_relationships(problems)
    hits: list[rules.SearchHit | None] = []
    kinds: tuple[tuple[str, type[Any], Callable[[str, Any], rules.SearchHit | None]], ...] = (
        ("goals", Goal, rules.search_goal),
        ("actions", Action, rules.search_action),
    )
    for found in rels:
        hits += rules.search_agreement(wanted, found)
        for kind, cls, matcher in kinds:
            folder = journal.kind_dir(found.id, kind)
            for record in journal.read_folder(
                folder, journal.names_in(folder), cls, problems, keep=mentions(wanted, kind)
            ):
                record.relationship = found.id
                hits.append(matcher(wanted, record))
    # Check-ins newest first, across relationships, until enough have matched: a common word
    # is answered from the last few weeks, a rare one from the whole history.
    folders = {r.id: journal.kind_dir(r.id, "checkins") for r in rels}
    dated = sorted(
        ((name, slug) for slug, folder in folders.items() for name in journal.names_in(folder)),
        reverse=True,
    )
    in_checkin = mentions(wanted, "checkins")
    found_checkins = 0
    for name, slug in dated:
        if limit > 0 and found_checkins >= limit:
            break
        for checkin in journal.read_folder(
            folders[slug], [name], CheckIn, problems, keep=in_checkin
        ):
            checkin.relationship = slug
            hits.append(rules.search_checkin(wanted, checkin))
            found_checkins += 1
    learning_dir = journal.root / "learning"
    chosen = {r.id for r in rels}
    in_learning = mentions(wanted, "learning")
    for entry in journal.read_folder(
        learning_dir, journal.names_in(learning_dir), LearningEntry, problems, keep=in_learning
    ):
        if not rel or entry.rel in chosen:
            hits.append(rules.search_learning(wanted, entry))
    warn_problems(ctx, problems)
    ranked = rules.rank([hit for hit in hits if hit is not None])
    emit(ctx, fmt, ranked[:limit] if limit > 0 else ranked, view.hits_table, view.hits_markdown)


# Top-level commands of this module, which the root loads by name when one is asked for.
commands = typer.Typer()
commands.command("search")(search_journal)
