"""What the edit commands share: only the options given change, and an edit without any names
the options there are."""

from datetime import date
from typing import Any

import typer

from mentorlog.cli.common import AppState
from mentorlog.errors import UserError


def require_changes(ctx: typer.Context, changes: dict[str, Any]) -> dict[str, Any]:
    """The changes, unless there are none: then an error naming the options of this command."""
    if not changes:
        options = [
            p.opts[0]
            for p in ctx.command.params
            if p.param_type_name == "option" and not getattr(p, "hidden", False)
        ]
        command = " ".join(["mentorlog", *ctx.command_path.split()[1:]])
        raise UserError(
            f"Nothing to change: give one or more of {', '.join(options)}.",
            hint=f"See: {command} --help",
        )
    return changes


def date_or_none(app_state: AppState, text: str) -> date | None:
    """A date option of an edit: an empty one clears the date."""
    return app_state.when(text) if text.strip() else None


def not_before_creation(day: date | None, created: date, what: str) -> None:
    """A target or due date is set for what is still to come when the record is made: one
    before that day is a mistyped date, not a plan."""
    if day is not None and day < created:
        raise UserError(
            f"The {what} cannot be {day.isoformat()}, before it was created "
            f"({created.isoformat()}); nothing was changed.",
            hint="Give a date on or after that day, or an empty one to clear it.",
        )


def changed_fields(record: str, changes: dict[str, Any]) -> str:
    """What an edit tells: `Goal k3m9p: changed title, target.`"""
    return f"{record}: changed {', '.join(changes)}."
