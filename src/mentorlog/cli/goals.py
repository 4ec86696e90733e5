"""`mentorlog goal`: goals, milestones and progress (goal setting and accountability)."""

import functools
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
    chosen_slugs,
    emit,
    load_record,
    no_match,
    note,
    set_format,
    state,
    warn_problems,
)
from mentorlog.cli.completion import complete_goal
from mentorlog.cli.dated import happened_on, warn_before_start
from mentorlog.cli.edits import changed_fields, date_or_none, not_before_creation, require_changes
from mentorlog.core import progress as rules
from mentorlog.core.ids import pick_by_prefix
from mentorlog.core.model import (
    FileProblem,
    Goal,
    GoalEntry,
    Milestone,
    ProgressUpdate,
    Relationship,
    as_entry,
)
from mentorlog.core.text import plural, require_text
from mentorlog.dates import DATE_HELP
from mentorlog.errors import JournalError, UserError
from mentorlog.store.records import load_kind

app = typer.Typer(
    help="Goals: short and long horizon, with milestones and dated progress.",
    epilog=(
        "Examples:  mentorlog goal add ada 'Give a conference talk' --horizon long --target 2027-06-30 "
        "--measure 'Talk accepted and given' · mentorlog goal update k3m --progress 40 --note 'CFP sent' "
        "· mentorlog goal edit k3m --target 2027-09-30 · mentorlog goal milestone-done 7qp "
        "· mentorlog goal review ada"
    ),
    no_args_is_help=True,
)

GoalArg = Annotated[
    str,
    typer.Argument(help="The goal's id (or a unique prefix of it).", autocompletion=complete_goal),
]
HORIZONS = ("short", "long")


def _horizon(text: str) -> str:
    word = text.strip().lower()
    if word not in HORIZONS:
        raise UserError(
            f"'{text}' is not a horizon.", hint="Use --horizon short or --horizon long."
        )
    return word


def _progress(value: int) -> int:
    if not 0 <= value <= 100:
        raise UserError(f"Progress is a percentage from 0 to 100, not {value}.")
    return value


def add_goal(
    ctx: typer.Context,
    rel: RelArg,
    title: Annotated[str, typer.Argument(help="The goal, verifiable if you can.")],
    horizon: Annotated[
        str, typer.Option(help="short (weeks to months) or long (months to years).")
    ] = "short",
    target: DateOpt = None,
    measure: Annotated[str, typer.Option(help="How you will know it is reached.")] = "",
    why: Annotated[str, typer.Option(help="Why it matters.")] = "",
    owner: Annotated[
        str,
        typer.Option(
            "--owner", help="Whose goal: mentee (usual), mentor, both, me or them.", metavar="PARTY"
        ),
    ] = "mentee",
) -> None:
    """Set a goal."""
    app_state = state(ctx)
    heading = require_text(title, "goal title")
    goal_horizon = _horizon(horizon)
    target_date = app_state.when(target)

    def build(rel: Relationship, new_id: str) -> Goal:
        return Goal(
            id=new_id,
            title=heading,
            owner=rel.party(owner),
            horizon=goal_horizon,
            why=why.strip(),
            measure=measure.strip(),
            target=target_date,
            created=app_state.today,
        )

    found, goal = add_record(ctx, rel, "goals", build)
    note(f"Added goal {goal.id} with {found.counterpart}: {goal.title}")


def edit_goal(
    ctx: typer.Context,
    goal_id: GoalArg,
    title: Annotated[str | None, typer.Option(help="The goal, reworded.")] = None,
    why: Annotated[str | None, typer.Option(help="Why it matters (empty clears it).")] = None,
    measure: Annotated[
        str | None, typer.Option(help="How you will know it is reached (empty clears it).")
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            help=f"The target date, not before the goal was set; empty clears it. {DATE_HELP}.",
            metavar="DATE",
        ),
    ] = None,
    horizon: Annotated[str | None, typer.Option(help="short or long.")] = None,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner", help="Whose goal: mentee, mentor, both, me or them.", metavar="PARTY"
        ),
    ] = None,
) -> None:
    """Correct a goal: only the options given change (its progress and milestones stay)."""
    app_state = state(ctx)
    journal = app_state.require_journal()
    ref = journal.find("goals", goal_id, "goal")
    changes: dict[str, Any] = {}
    if title is not None:
        changes["title"] = require_text(title, "goal title")
    if why is not None:
        changes["why"] = why.strip()
    if measure is not None:
        changes["measure"] = measure.strip()
    if target is not None:
        changes["target"] = date_or_none(app_state, target)
    if horizon is not None:
        changes["horizon"] = _horizon(horizon)
    if owner is not None:
        changes["owner"] = journal.load_relationship(str(ref.rel)).party(owner)
    require_changes(ctx, changes)

    def change(goal: Goal) -> Goal:
        not_before_creation(changes.get("target"), goal.created, f"target of goal {goal.id}")
        return structs.replace(goal, **changes)

    goal = change_record(ctx, "goals", ref.id, "goal", Goal, change)
    note(changed_fields(f"Goal {goal.id}", changes))


def _all_goals(ctx: typer.Context, rel: str | None) -> list[GoalEntry]:
    journal = state(ctx).require_journal()
    slugs = chosen_slugs(journal, rel)
    problems: list[FileProblem] = []
    goals = [goal for slug in slugs for goal in load_kind(journal, slug, "goals", problems)]
    warn_problems(ctx, problems)
    return goals


def _statuses(ctx: typer.Context, goals: list[GoalEntry]) -> list[rules.GoalStatus]:
    app_state = state(ctx)
    stale_days = app_state.journal.info().settings.stale_days
    today = app_state.today
    return [rules.goal_status(goal, today, today, today, stale_days) for goal in goals]


def list_goals(
    ctx: typer.Context,
    rel: OneRelArg = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Include achieved, paused and dropped goals.")
    ] = False,
    fmt: FormatOpt = OutputFormat.text,
) -> None:
    """List active goals with progress, on-track state and staleness."""
    from mentorlog.render import goals as view

    set_format(ctx, fmt)
    goals = sorted(
        (g for g in _all_goals(ctx, rel) if show_all or g.status == "active"),
        key=lambda g: (g.relationship, g.created, g.title.casefold()),
    )
    empty = no_match("goals", {"relationship": rel})
    emit(ctx, fmt, _statuses(ctx, goals), view.goal_table, view.goals_markdown, empty=empty)


def show_goal(ctx: typer.Context, goal_id: GoalArg, fmt: FormatOpt = OutputFormat.text) -> None:
    """Show a goal: milestones, on-track state, and its progress over time."""
    from mentorlog.render import goals as view

    set_format(ctx, fmt)
    journal = state(ctx).require_journal()
    ref, goal = load_record(journal, "goals", goal_id, "goal", Goal)
    detail = rules.goal_detail(
        as_entry(goal, ref.rel or ""), state(ctx).today, journal.info().settings.stale_days
    )
    emit(ctx, fmt, detail, view.goal_detail, view.goal_detail_markdown)


def _with_update(goal: Goal, value: int, day: date, text: str, checkin: str | None) -> Goal:
    update = ProgressUpdate(date=day, progress=value, note=text, checkin=checkin)
    return rules.with_update(goal, update)


def update_goal(
    ctx: typer.Context,
    goal_id: GoalArg,
    progress: Annotated[int, typer.Option("--progress", "-p", help="Progress now, 0 to 100.")],
    text: Annotated[str, typer.Option("--note", help="What moved it.")] = "",
    when: OnDateOpt = None,
    checkin: Annotated[
        str | None, typer.Option(help="The check-in it was discussed in (id or prefix).")
    ] = None,
) -> None:
    """Record progress on a goal."""
    app_state = state(ctx)
    journal = app_state.journal
    value = _progress(progress)
    day = happened_on(app_state, when, "A progress update")
    checkin_id = journal.find("checkins", checkin, "checkin").id if checkin else None
    ref = journal.find("goals", goal_id, "goal")
    goal = change_record(
        ctx,
        "goals",
        ref.id,
        "goal",
        Goal,
        lambda g: _with_update(g, value, day, text.strip(), checkin_id),
    )
    note(f"{goal.title}: {value}%.")
    warn_before_start(journal.load_relationship(str(ref.rel)), day, "This update")


def add_milestone(
    ctx: typer.Context,
    goal_id: GoalArg,
    title: Annotated[str, typer.Argument(help="The milestone.")],
    due: DateOpt = None,
) -> None:
    """Add a milestone to a goal."""
    app_state = state(ctx)
    heading = require_text(title, "milestone title")
    due_date = app_state.when(due)
    journal = app_state.journal

    def change(goal: Goal) -> Goal:
        new = Milestone(
            id=journal.new_id({m.id for m in goal.milestone}), title=heading, due=due_date
        )
        return structs.replace(goal, milestone=[*goal.milestone, new])

    goal = change_record(ctx, "goals", goal_id, "goal", Goal, change)
    note(f"Added milestone {goal.milestone[-1].id} to {goal.title}.")


def _goal_with_milestone(ctx: typer.Context, milestone: str) -> str:
    """The id of the one goal holding a milestone whose id is (or starts with) `milestone`;
    milestone ids are unique within a goal only, so another goal may hold the same."""
    journal = state(ctx).require_journal()
    wanted = milestone.strip().lower()
    if not wanted:
        raise UserError("The milestone id is empty.")
    problems: list[FileProblem] = []
    goals: list[GoalEntry] = load_kind(journal, None, "goals", problems)
    if problems:
        raise JournalError(
            f"{problems[0].text()} Its milestones are unknown; nothing was changed.",
            hint=f"Give the goal's id first: mentorlog goal milestone-done GOAL {wanted}",
        )
    holders = sorted({g.id for g in goals if any(m.id.startswith(wanted) for m in g.milestone)})
    if len(holders) == 1:
        return holders[0]
    if not holders:
        raise UserError(
            f"No milestone has the id '{wanted}'.",
            hint="A goal's milestones and their ids: mentorlog goal show GOAL",
        )
    raise UserError(
        f"Milestones of several goals have ids starting with '{wanted}': {', '.join(holders)}.",
        hint=f"Give the goal's id first: mentorlog goal milestone-done GOAL {wanted}",
    )


def finish_milestone(
    ctx: typer.Context,
    first: Annotated[
        str,
        typer.Argument(
            help="The milestone's id (or prefix), when no other goal has one like it; "
            "else the goal's id, with the milestone's after it.",
            metavar="ID",
            autocompletion=complete_goal,
        ),
    ],
    milestone: Annotated[
        str | None,
        typer.Argument(
            help="The milestone's id (or prefix), after the goal's.", show_default=False
        ),
    ] = None,
    when: OnDateOpt = None,
) -> None:
    """Mark a milestone done (the goal's id is needed only when another goal has a milestone
    with the same id)."""
    app_state = state(ctx)
    day = happened_on(app_state, when, "A milestone")
    goal_id, wanted = (
        (_goal_with_milestone(ctx, first), first) if milestone is None else (first, milestone)
    )

    def change(goal: Goal) -> Goal:
        chosen = pick_by_prefix(goal.milestone, wanted, "milestone", key=lambda m: m.id)
        if chosen.done is not None:
            raise UserError(f"Milestone {chosen.id} was already done on {chosen.done.isoformat()}.")
        done = structs.replace(chosen, done=day)
        return structs.replace(
            goal, milestone=[done if m.id == chosen.id else m for m in goal.milestone]
        )

    goal = change_record(ctx, "goals", goal_id, "goal", Goal, change)
    finished = sum(1 for m in goal.milestone if m.done)
    note(f"{goal.title}: {finished} of {plural(len(goal.milestone), 'milestone')} done.")


# What each status command does to a goal: the status it gives and those it applies to.
STATUS_COMMANDS = {
    "done": ("achieved", ("active", "paused")),
    "drop": ("dropped", ("active", "paused")),
    "pause": ("paused", ("active",)),
    "resume": ("active", ("paused",)),
    "reopen": ("active", ("achieved", "dropped")),
}


def _set_status(
    ctx: typer.Context, goal_id: str, command: str, reason: str = "", reached: int = 100
) -> None:
    """Change a goal's status. An achieved goal gets an update at the progress `reached`,
    written after the day's others so that it is the goal's progress, unless it is already;
    a goal back to active forgets when and why it was closed."""
    app_state = state(ctx)
    status, applies_to = STATUS_COMMANDS[command]

    def change(goal: Goal) -> Goal:
        if goal.status not in applies_to:
            raise UserError(
                f"Goal {goal.id} is {goal.status}; nothing was changed.",
                hint=f"`goal {command}` works on {' or '.join(applies_to)} goals.",
            )
        closed = app_state.today if status in ("achieved", "dropped") else None
        if status == "achieved" and rules.progress_on(goal, None) != reached:
            goal = _with_update(goal, reached, app_state.today, "achieved", None)
        return structs.replace(goal, status=status, closed=closed, close_note=reason.strip())

    goal = change_record(ctx, "goals", goal_id, "goal", Goal, change)
    note(f"{goal.title}: {status}.")


def achieve_goal(
    ctx: typer.Context,
    goal_id: GoalArg,
    progress: Annotated[
        int, typer.Option("--progress", "-p", help="The progress reached, 0 to 100.")
    ] = 100,
) -> None:
    """Mark a goal achieved (its progress becomes 100%, or what --progress says)."""
    _set_status(ctx, goal_id, "done", reached=_progress(progress))


def drop_goal(
    ctx: typer.Context,
    goal_id: GoalArg,
    why: Annotated[str, typer.Option(help="Why it no longer matters.")] = "",
) -> None:
    """Drop a goal that no longer matters."""
    _set_status(ctx, goal_id, "drop", why)


def pause_goal(ctx: typer.Context, goal_id: GoalArg) -> None:
    """Pause a goal (it is neither stale nor at risk while paused)."""
    _set_status(ctx, goal_id, "pause")


def resume_goal(ctx: typer.Context, goal_id: GoalArg) -> None:
    """Resume a paused goal."""
    _set_status(ctx, goal_id, "resume")


def reopen_goal(ctx: typer.Context, goal_id: GoalArg) -> None:
    """Reopen an achieved or dropped goal: active again, its closing day and note cleared
    (its progress history stays; record where it stands with goal update)."""
    _set_status(ctx, goal_id, "reopen")


def review_goals(
    ctx: typer.Context,
    rel: OneRelArg = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Print the review table only; ask nothing.")
    ] = False,
) -> None:
    """Walk through active goals and record new progress (Enter keeps it as it is)."""
    from mentorlog.render import goals as view
    from mentorlog.render.console import make_console

    app_state = state(ctx)
    goals = sorted(
        (g for g in _all_goals(ctx, rel) if g.status == "active"),
        key=lambda g: (g.relationship, g.created, g.title.casefold()),
    )
    statuses = _statuses(ctx, goals)
    console = make_console()
    console.print(view.goal_table(statuses))
    if no_input or not goals:
        return
    changed = 0
    for goal, status in zip(goals, statuses, strict=True):
        console.print(view.review_line(status))
        try:
            answer = typer.prompt(
                "  progress now (0-100, Enter keeps)", default="", show_default=False
            )
            if not answer.strip():
                continue
            if not answer.strip().isdigit():
                raise UserError(
                    f"'{answer.strip()}' is not a percentage; {goal.title} was not updated."
                )
            value = _progress(int(answer))
            remark = typer.prompt("  note (optional)", default="", show_default=False)
        except (EOFError, typer.Abort):
            break
        update = functools.partial(
            _with_update, value=value, day=app_state.today, text=remark.strip(), checkin=None
        )
        change_record(ctx, "goals", goal.id, "goal", Goal, update)
        changed += 1
    note(f"Reviewed {plural(len(goals), 'goal')}; updated {changed}.")


app.command("add")(add_goal)
app.command("list")(list_goals)
app.command("show")(show_goal)
app.command("edit")(edit_goal)
app.command("update")(update_goal)
app.command("milestone")(add_milestone)
app.command("milestone-done")(finish_milestone)
app.command("done")(achieve_goal)
app.command("drop")(drop_goal)
app.command("pause")(pause_goal)
app.command("resume")(resume_goal)
app.command("reopen")(reopen_goal)
app.command("review")(review_goals)
