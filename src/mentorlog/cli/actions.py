"""`mentorlog action`: commitments each side made, and whether they were kept."""

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

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
    change_records,
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
from mentorlog.cli.edits import changed_fields, date_or_none, not_before_creation, require_changes
from mentorlog.core.accountability import SLIPPING_DEFERRALS, is_open, is_overdue, moved_due
from mentorlog.core.model import Action, FileProblem, Relationship
from mentorlog.core.text import MAX_ITEM, plural, require_text
from mentorlog.dates import DATE_HELP
from mentorlog.errors import UserError
from mentorlog.store.journal import Journal
from mentorlog.store.records import load_kind

app = typer.Typer(
    help="Actions: the commitments each of you made, with owners and due dates.",
    epilog=(
        "Examples:  mentorlog action add ada 'Send the CFP draft' --owner them --due friday · "
        "mentorlog action list --overdue · mentorlog action done k3m 7qp · "
        "mentorlog action reschedule k3m +1w · mentorlog action edit k3m --owner me"
    ),
    no_args_is_help=True,
)

ActionArg = Annotated[
    str,
    typer.Argument(
        help="The action's id (or a unique prefix of it).", autocompletion=complete_action
    ),
]
ActionsArg = Annotated[
    list[str],
    typer.Argument(
        help="The actions' ids (or unique prefixes); if one is unknown, none changes.",
        autocompletion=complete_action,
    ),
]
OwnerOpt = Annotated[
    str | None,
    typer.Option("--owner", help="Who does it: mentor, mentee, both, me or them.", metavar="PARTY"),
]


def _goal_of(journal: Journal, rel: str, goal: str) -> str:
    """The id of the goal an action serves: one of its own relationship's goals."""
    found = journal.find("goals", goal, "goal")
    if found.rel != rel:
        raise UserError(
            f"Goal {found.id} is a goal with {found.rel}, not with {rel}; nothing was changed.",
            hint=f"An action serves a goal of its own relationship: mentorlog goal list {rel}",
        )
    return found.id


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
    goal_id = _goal_of(journal, journal.resolve_relationship(rel).id, goal) if goal else None

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
    whose = "both of you" if action.owner == "both" else f"the {action.owner}"
    note(f"Added action {action.id} for {whose}{due_text}: {action.text}")


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


# What each status command does to an action: the status it gives and those it applies to.
STATUS_COMMANDS = {
    "done": ("done", ("open",)),
    "drop": ("dropped", ("open",)),
    "reopen": ("open", ("done", "dropped")),
}


def _set_status(
    ctx: typer.Context, action_ids: list[str], command: str, day: date | None = None
) -> list[Action]:
    """Change the status of actions, all or none; a closed one keeps the day it was closed,
    a reopened one forgets it."""
    status, applies_to = STATUS_COMMANDS[command]

    def change(action: Action) -> Action:
        if action.status not in applies_to:
            raise UserError(
                f"Action {action.id} is {action.status}; nothing was changed.",
                hint=f"`action {command}` works on {' or '.join(applies_to)} actions.",
            )
        return structs.replace(
            action,
            status=status,
            done=day if status == "done" else None,
            dropped=day if status == "dropped" else None,
        )

    return change_records(ctx, "actions", action_ids, "action", Action, change)


def finish_actions(ctx: typer.Context, action_ids: ActionsArg, when: OnDateOpt = None) -> None:
    """Mark actions done (on time or late is judged against each one's due date)."""
    day = happened_on(state(ctx), when, "An action done")
    for action in _set_status(ctx, action_ids, "done", day):
        timing = ""
        if action.due and action.done:
            timing = (
                " on time"
                if action.done <= action.due
                else f" {plural((action.done - action.due).days, 'day')} late"
            )
        note(f"Done{timing}: {action.text}")


def drop_actions(ctx: typer.Context, action_ids: ActionsArg, when: OnDateOpt = None) -> None:
    """Drop actions that no longer matter (they count neither kept nor missed)."""
    day = happened_on(state(ctx), when, "An action dropped")
    for action in _set_status(ctx, action_ids, "drop", day):
        note(f"Dropped: {action.text}")


def reopen_action(ctx: typer.Context, action_id: ActionArg) -> None:
    """Reopen a done or dropped action: open again, as if never closed."""
    (action,) = _set_status(ctx, [action_id], "reopen")
    note(f"Reopened {action.id}: {action.text}")


def _deferrals(action: Action) -> str:
    """How often an action was deferred, with a word when it keeps slipping."""
    count = len(action.reschedule)
    warning = " It keeps slipping: worth a conversation." if count >= SLIPPING_DEFERRALS else ""
    return f"(deferred {plural(count, 'time')}).{warning}"


def reschedule_action(
    ctx: typer.Context,
    action_id: ActionArg,
    new_due: Annotated[
        str | None, typer.Argument(help="The new due date (or give --due).", metavar="DATE")
    ] = None,
    due: Annotated[
        str | None, typer.Option(help="The new due date, as an option.", metavar="DATE")
    ] = None,
) -> None:
    """Move an open action's due date; a later one is a deferral, counted, the date it replaced
    kept in its history."""
    app_state = state(ctx)
    given = {text for text in (new_due, due) if text is not None}
    if len(given) != 1:
        raise UserError(
            "Give the new due date once: as the argument or with --due.",
            hint="For example: mentorlog action reschedule ID +1w",
        )
    day = app_state.when(given.pop())
    assert day is not None

    def change(action: Action) -> Action:
        if action.status != "open":
            raise UserError(
                f"Action {action.id} is {action.status}; only open actions can be rescheduled.",
                hint=f"Reopen it first: mentorlog action reopen {action.id}",
            )
        if action.due == day:
            raise UserError(f"Action {action.id} is already due on {day.isoformat()}.")
        return moved_due(action, day, app_state.today)

    action = change_record(ctx, "actions", action_id, "action", Action, change)
    note(f"Rescheduled to {day.isoformat()} {_deferrals(action)}")


def edit_action(
    ctx: typer.Context,
    action_id: ActionArg,
    text: Annotated[str | None, typer.Option(help="What will be done, reworded.")] = None,
    due: Annotated[
        str | None,
        typer.Option(
            help=f"The due date; a later one counts as a deferral; empty clears it. {DATE_HELP}.",
            metavar="DATE",
        ),
    ] = None,
    owner: OwnerOpt = None,
    goal: Annotated[
        str | None, typer.Option(help="The goal it serves (id or prefix); empty clears it.")
    ] = None,
) -> None:
    """Correct an action: only the options given change."""
    app_state = state(ctx)
    journal = app_state.require_journal()
    ref = journal.find("actions", action_id, "action")
    changes: dict[str, Any] = {}
    if text is not None:
        changes["text"] = require_text(text, "action", MAX_ITEM)
    if due is not None:
        changes["due"] = date_or_none(app_state, due)
    if owner is not None:
        changes["owner"] = journal.load_relationship(str(ref.rel)).party(owner)
    if goal is not None:
        changes["goal"] = _goal_of(journal, str(ref.rel), goal) if goal.strip() else None
    require_changes(ctx, changes)

    def change(action: Action) -> Action:
        not_before_creation(changes.get("due"), action.created, f"due date of action {action.id}")
        edited = structs.replace(action, **{k: v for k, v in changes.items() if k != "due"})
        return moved_due(edited, changes["due"], app_state.today) if "due" in changes else edited

    action = change_record(ctx, "actions", ref.id, "action", Action, change)
    note(changed_fields(f"Action {action.id}", changes))
    if "due" in changes:
        note(f"Due {action.due.isoformat()} {_deferrals(action)}" if action.due else "No due date.")


app.command("add")(add_action)
app.command("list")(list_actions)
app.command("edit")(edit_action)
app.command("done")(finish_actions)
app.command("drop")(drop_actions)
app.command("reopen")(reopen_action)
app.command("reschedule")(reschedule_action)
