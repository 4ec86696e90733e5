"""Dynamic shell completion: relationship and contact names, record ids from the journal in
use, and the words an option accepts.

Completion runs on every Tab press, so it reads folder listings only, never records, and a
problem (no journal yet, a broken file) simply completes nothing."""

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import typer

from mentorlog.store.journal import Journal, id_from_name
from mentorlog.store.layout import NETWORK_DIR


def _journal(ctx: typer.Context) -> Journal:
    root = ctx.find_root().params.get("journal") or os.environ.get("MENTORLOG_JOURNAL")
    if not root:
        from platformdirs import user_data_path

        root = user_data_path("mentorlog")
    return Journal(Path(root).expanduser())


# Typer offers only the completions that start as typed: slugs complete from their start, in
# Latin letters (wang for 王芳, jose for José Núñez), and a name that is typed matches
# whatever its case and accents (core/text.py best_matches).
def complete_relationship(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        return [s for s in _journal(ctx).relationship_slugs() if s.startswith(incomplete)]
    except OSError:
        return []


def complete_contact(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        journal = _journal(ctx)
        names = journal.names_in(journal.root / NETWORK_DIR)
    except OSError:
        return []
    slugs = (name.removesuffix(".toml") for name in names)
    return [slug for slug in slugs if slug.startswith(incomplete)]


def _ids(ctx: typer.Context, kind: str, incomplete: str) -> list[str]:
    try:
        names = list(_journal(ctx).record_names(kind))
    except OSError:
        return []
    ids = {id_from_name(name) for _, _, name in names}
    return sorted(i for i in ids if i.startswith(incomplete.lower()))


def complete_checkin(ctx: typer.Context, incomplete: str) -> list[str]:
    return _ids(ctx, "checkins", incomplete)


def complete_goal(ctx: typer.Context, incomplete: str) -> list[str]:
    return _ids(ctx, "goals", incomplete)


def complete_action(ctx: typer.Context, incomplete: str) -> list[str]:
    return _ids(ctx, "actions", incomplete)


def complete_among(
    words: Iterable[str], comma_separated: bool = False
) -> Callable[[str], list[str]]:
    """Completion of an option that takes one of `words` (`--mode`, `--period`), or several
    of them separated by commas (`--fail-on overdue_action,stale_goal`)."""
    known = tuple(words)

    def complete(incomplete: str) -> list[str]:
        given, comma, last = incomplete.rpartition(",") if comma_separated else ("", "", incomplete)
        return [f"{given}{comma}{word}" for word in known if word.startswith(last)]

    return complete
