"""Dynamic shell completion: relationship names and record ids from the journal in use.

Completion runs on every Tab press, so it reads folder listings only, never records, and a
problem (no journal yet, a broken file) simply completes nothing."""

import os
from pathlib import Path

import typer

from mentorlog.store.journal import Journal, id_from_name


def _journal(ctx: typer.Context) -> Journal:
    root = ctx.find_root().params.get("journal") or os.environ.get("MENTORLOG_JOURNAL")
    if not root:
        from platformdirs import user_data_path

        root = user_data_path("mentorlog")
    return Journal(Path(root).expanduser())


def complete_relationship(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        return [
            slug
            for slug in _journal(ctx).relationship_slugs()
            if slug.startswith(incomplete.lower())
        ]
    except OSError:
        return []


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
