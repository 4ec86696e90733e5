"""`mentorlog action`: commitments each side made, and whether they were kept."""

from collections.abc import Callable
from datetime import date
from typing import Annotated

import typer
from msgspec import structs

from mentorlog.cli.common import (
    DateOpt,
    FormatOpt,
    OnDateOpt,
    OneRelArg,
    OutputFormat,
    RelArg,
    add_record,
    change_record,
    chosen_slugs,
    emit,
    no_match,
    note,
    set_format,
    state,
    warn_problems,
)
from mentorlog.cli.completion import complete_action
from mentorlog.cli.dated import happened_on
from mentorlog.core.accountability import is_open, is_overdue
from mentorlog.core.model import Action, FileProblem, Relationship, Reschedule
from mentorlog.core.text import MAX_ITEM, plural, require_text
from mentorlog.errors import UserError
from mentorlog.store.records import load_kind

app = typer.Typer(
    help="Actions: the commitments each of you made, with owners and due dates.",
    epilog=(
        "Examples:  mentorlog action add ada 'Send the CFP draft' --owner them --due friday · "
        "mentorlog action list --overdue · mentorlog action done k3m · mentorlog action reschedule k3m --due +1w"
    ),
    no_args_is_help=True,
)

ActionArg = Annotated[
    str,
    typer.Argument(
        help="The action's id (or a unique prefix of it).", autocompletion=complete_action
    ),
]


def add_action(
    ctx: typer.Context,
    rel: RelArg,
    text: Annotated[str, typer.Argument(help="What will be done.")],
    owner: Annotated[
        str,
        typer.Option(
            "--owner", help="Who does it: mentor, mentee, both, me or them.", metavar="PARTY"
        ),
    ],
    due: DateOpt = None,
    goal: Annotated[str | None, typer.Option(help="The goal it serves (id or prefix).")] = None,
) -> None:
    """Record a commitment: what, who, by when."""
    app_state = state(ctx)
    journal = app_state.require_journal()
    body = require_text(text, "action", MAX_ITEM)
    due_date = app_state.when(due)
    goal_id = journal.find("goals", goal, "goal").id if goal else None

    def build(rel: Relationship, new_id: str) -> Action:
        return Action(
            id=new_id,
            text=body,
            owner=rel.party(owner),
            due=due_date,
            goal=goal_id,
            created=app_state.today,
        )

    found, action = add_record(ctx, rel, "actions", build)
    due_text = f", due {action.due.isoformat()}" if action.due else ""
    note(f"Added action {action.id} for the {action.owner}{due_text}: {action.text}")


# What `action list` shows with each of its flags (--open when none is given); --all keeps
# every action, done and dropped ones too.
ACTION_FILTERS: dict[str, Callable[[Action, date], bool] | None] = {
    "--open": is_open,
    "--overdue": is_overdue,
    "--all": None,
}


def chosen_filter(flags: dict[str, bool]) -> str:
    """The one of --open, --overdue and --all that was given (--open when none was)."""
    given = [flag for flag, on in flags.items() if on]
    if len(given) > 1:
        raise UserError(
            f"Give one of --open, --overdue and --all, not {' and '.join(given)}.",
            hint="--overdue lists open actions past their due date; --all every action.",
        )
    return given[0] if given else "--open"


def list_actions(
    ctx: typer.Context,
    rel: OneRelArg = None,
    open_only: Annotated[
        bool, typer.Option("--open", help="Only open actions (the default).")
    ] = False,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only open actions past their due date.")
    ] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="Every action, done and dropped ones too.")
    ] = False,
    fmt: FormatOpt = OutputFormat.text,
) -> None:
    """List actions by due date, overdue ones marked: open ones (or --overdue, --all)."""
    from mentorlog.render import actions as view

    set_format(ctx, fmt)
    flags = {"--open": open_only, "--overdue": overdue, "--all": show_all}
    keep = ACTION_FILTERS[chosen_filter(flags)]
    app_state = state(ctx)
    journal = app_state.require_journal()
    today = app_state.today
    slugs = chosen_slugs(journal, rel)
    problems: list[FileProblem] = []
    since = None if keep is None else today  # open today: not closed before it
    actions = [a for slug in slugs for a in load_kind(journal, slug, "actions", problems, since)]
    warn_problems(ctx, problems)
    if keep is not None:
        actions = [a for a in actions if keep(a, today)]
    actions.sort(
        key=lambda a: (a.due is None, a.due or a.created, a.created, a.text.casefold(), a.id)
    )
    shown = [structs.replace(a, overdue=is_overdue(a, today)) for a in actions]
    empty = no_match("actions", {"relationship": rel, **flags})
    emit(ctx, fmt, shown, view.action_table, view.actions_markdown, empty=empty)


def _close(ctx: typer.Context, action_id: str, status: str, day_text: str | None) -> Action:
    app_state = state(ctx)
    day = happened_on(app_state, day_text, f"Action {action_id} {status}")

    def change(action: Action) -> Action:
        if action.status != "open":
            raise UserError(f"Action {action.id} is already {action.status}.")
        if status == "done":
            return structs.replace(action, status="done", done=day)
        return structs.replace(action, status="dropped", dropped=day)

    return change_record(ctx, "actions", action_id, "action", Action, change)


def finish_action(ctx: typer.Context, action_id: ActionArg, when: OnDateOpt = None) -> None:
    """Mark an action done (on time or late is judged against its due date)."""
    action = _close(ctx, action_id, "done", when)
    timing = ""
    if action.due and action.done:
        timing = (
            " on time"
            if action.done <= action.due
            else f" {plural((action.done - action.due).days, 'day')} late"
        )
    note(f"Done{timing}: {action.text}")


def drop_action(ctx: typer.Context, action_id: ActionArg, when: OnDateOpt = None) -> None:
    """Drop an action that no longer matters (it counts neither kept nor missed)."""
    action = _close(ctx, action_id, "dropped", when)
    note(f"Dropped: {action.text}")


def reschedule_action(
    ctx: typer.Context,
    action_id: ActionArg,
    due: Annotated[str, typer.Option(help="The new due date.", metavar="DATE")],
) -> None:
    """Move an action's due date; the original stays in its history and the deferral is counted."""
    app_state = state(ctx)
    new_due = app_state.when(due)
    assert new_due is not None

    def change(action: Action) -> Action:
        if action.status != "open":
            raise UserError(
                f"Action {action.id} is {action.status}; only open actions can be rescheduled."
            )
        if action.due == new_due:
            raise UserError(f"Action {action.id} is already due on {new_due.isoformat()}.")
        entry = Reschedule(date=app_state.today, original=action.due, new=new_due)
        return structs.replace(action, due=new_due, reschedule=[*action.reschedule, entry])

    action = change_record(ctx, "actions", action_id, "action", Action, change)
    warning = " It keeps slipping: worth a conversation." if len(action.reschedule) >= 2 else ""
    note(
        f"Rescheduled to {new_due.isoformat()} (deferred {plural(len(action.reschedule), 'time')}).{warning}"
    )


app.command("add")(add_action)
app.command("list")(list_actions)
app.command("done")(finish_action)
app.command("drop")(drop_action)
app.command("reschedule")(reschedule_action)
