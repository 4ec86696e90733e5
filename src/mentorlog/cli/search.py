"""`mentorlog search`: find what was said, across check-ins, goals, actions, agreements, learning."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from mentorlog.cli.common import FormatOpt, OutputFormat, emit, set_format, state, warn_problems
from mentorlog.core import search as rules
from mentorlog.core.model import Action, CheckIn, Goal, LearningEntry
from mentorlog.errors import UserError
from mentorlog.render import search as view
from mentorlog.store.journal import Journal
from mentorlog.store.records import toml_files

T = TypeVar("T")


def _matching(
    journal: Journal, paths: list[Path], cls: type[T], query: str, problems: list[str]
) -> list[T]:
    """Parse only files whose text contains the query: most of a big journal is never parsed.

    A query with a quote, backslash or control character may be escaped in TOML, so those
    files are all parsed."""
    from mentorlog.store import files

    plain = not any(char in query for char in '"\\') and query.isprintable()
    folded = query.casefold()
    chosen = []
    for path in paths:
        if plain:
            try:
                if folded not in files.read_bytes(path).decode("utf-8", "replace").casefold():
                    continue
            except OSError:
                continue
        chosen.append(path)
    return journal.read_many(chosen, cls, problems)


def search_journal(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words to find (case-insensitive).")],
    rel: Annotated[str | None, typer.Option("--rel", help="Only this relationship.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many hits (0: all).")] = 50,
    fmt: FormatOpt = OutputFormat.text,
) -> None:
    """Search check-in notes, summaries and feedback, goals, actions, agreements and learning."""
    set_format(ctx, fmt)
    journal = state(ctx).journal
    journal.require()
    wanted = query.strip()
    if not wanted:
        raise UserError("The search query is empty.")
    problems: list[str] = []
    rels = [journal.resolve_relationship(rel)] if rel else journal.load_relationships(problems)
    hits: list[Any] = []
    kinds: list[tuple[str, type[Any], Any]] = [
        ("checkins", CheckIn, rules.search_checkin),
        ("goals", Goal, rules.search_goal),
        ("actions", Action, rules.search_action),
    ]
    for found in rels:
        hits += rules.search_agreement(wanted, found)
        for kind, cls, matcher in kinds:
            for record in _matching(
                journal, toml_files(journal.kind_dir(found.id, kind)), cls, wanted, problems
            ):
                record.relationship = found.id
                hits.append(matcher(wanted, record))
    learning: list[LearningEntry] = _matching(
        journal, toml_files(journal.root / "learning"), LearningEntry, wanted, problems
    )
    hits += [
        rules.search_learning(wanted, entry)
        for entry in learning
        if not rel or entry.rel in {r.id for r in rels}
    ]
    warn_problems(ctx, problems)
    ranked = rules.rank([hit for hit in hits if hit is not None])
    emit(ctx, fmt, ranked[:limit] if limit > 0 else ranked, view.hits_table, view.hits_markdown)


# Top-level commands of this module, which the root loads by name when one is asked for.
commands = typer.Typer()
commands.command("search")(search_journal)
