"""`mentorlog summary` and `mentorlog status`: the accountability review and the dashboard."""

from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli.common import (
    DateOpt,
    FormatOpt,
    OneRelArg,
    OutputFormat,
    emit,
    flush_warnings,
    note,
    set_format,
    state,
    warn_problems,
    write_output,
)
from mentorlog.cli.completion import complete_among
from mentorlog.core import summary as rules
from mentorlog.core.model import FileProblem
from mentorlog.core.relationships import status_on
from mentorlog.core.text import plural
from mentorlog.render import review as view
from mentorlog.render.console import render_to_string
from mentorlog.store.records import (
    load_bundle,
    load_contacts,
    load_learning,
    load_relationships,
)


def build_summary(
    ctx: typer.Context, rel: str | None, period: rules.Period, include_ended: bool = False
) -> rules.Summary:
    """Load what the period needs (check-ins from its start on, not years of history) and
    compute the summary: of one relationship, or of all but the ended ones (unless asked)."""
    app_state = state(ctx)
    journal = app_state.journal
    info = journal.info()
    problems: list[FileProblem] = []
    if rel:
        rels = [journal.resolve_relationship(rel)]
    else:
        rels = [
            r
            for r in load_relationships(journal, problems)
            if include_ended or status_on(r, app_state.today) != "ended"
        ]
    learning = load_learning(journal, problems, since=period.start)
    contacts = load_contacts(journal, problems)
    bundles = [
        load_bundle(
            journal,
            r,
            problems,
            since=period.start,
            actions_since=rules.actions_counted_from(period, app_state.today),
            learning=learning,
            contacts=contacts,
            as_of=app_state.today,
        )
        for r in rels
    ]
    warn_problems(ctx, problems)
    return rules.summarise(
        bundles,
        contacts,
        period,
        app_state.today,
        info.settings,
        owner=info.owner,
        include_unlinked_follow_ups=rel is None,
        problems=app_state.problems,
    )


def choose_period(
    ctx: typer.Context, period: str | None, since: str | None, until: str | None
) -> rules.Period:
    app_state = state(ctx)
    start, end = app_state.when(since), app_state.when(until)
    if start or end:
        if period:
            from mentorlog.errors import UserError

            raise UserError("Give either --period or --since/--until, not both.")
        return rules.custom_period(start or app_state.today, end or app_state.today)
    settings = app_state.journal.info().settings
    return rules.period_for(period or "week", app_state.today, rules.first_weekday(settings))


def show_summary(
    ctx: typer.Context,
    rel: OneRelArg = None,
    period: Annotated[
        str | None,
        typer.Option(
            help="week (default), month or quarter containing today; last-week, last-month or"
            " last-quarter: the one just ended.",
            metavar="|".join(rules.PERIODS),
            autocompletion=complete_among(rules.PERIODS),
        ),
    ] = None,
    since: DateOpt = None,
    until: DateOpt = None,
    fmt: FormatOpt = OutputFormat.text,
    fail_on: Annotated[
        str | None,
        typer.Option(
            help=f"Exit 4 when an alert of these kinds exists: any, or {', '.join(rules.ALERT_KINDS)}.",
            metavar="KIND,...",
            autocompletion=complete_among(("any", *rules.ALERT_KINDS), comma_separated=True),
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option(help="Write the report to this file instead of stdout.")
    ] = None,
) -> None:
    """The accountability summary: for a period, is each relationship doing what was agreed?"""
    set_format(ctx, fmt)
    state(ctx).require_journal()
    failing = rules.parse_fail_on(fail_on) if fail_on is not None else set()
    summary = build_summary(ctx, rel, choose_period(ctx, period, since, until))
    if output is not None:
        write_output(
            output, render_to_string(fmt, summary, view.summary_panels, view.summary_markdown)
        )
        note(f"Wrote the summary to {output}")
        flush_warnings(ctx, named_in_output=fmt is OutputFormat.json)
    else:
        emit(
            ctx,
            fmt,
            summary,
            view.summary_panels,
            view.summary_markdown,
            carries_problems=fmt is OutputFormat.json,
        )
    hits = [alert for alert in summary.alerts if alert.kind in failing]
    if hits:
        kinds = ", ".join(sorted({alert.kind for alert in hits}))
        note(f"{plural(len(hits), 'alert')} of the kinds asked to fail on: {kinds}.")
        raise typer.Exit(4)


def show_status(
    ctx: typer.Context,
    fmt: FormatOpt = OutputFormat.text,
    show_all: Annotated[
        bool, typer.Option("--all", help="Also list the ended relationships, after the paused.")
    ] = False,
) -> None:
    """Every active relationship on one screen, most urgent first; the paused ones below."""
    set_format(ctx, fmt)
    app_state = state(ctx)
    app_state.require_journal()
    settings = app_state.journal.info().settings
    week = rules.period_for("week", app_state.today, rules.first_weekday(settings))
    rows = rules.status_rows(build_summary(ctx, None, week, include_ended=show_all))
    emit(
        ctx,
        fmt,
        rows,
        partial(view.StatusTable, as_of=app_state.today),
        partial(view.status_markdown, as_of=app_state.today),
    )


# Top-level commands of this module, which the root loads by name when one is asked for.
commands = typer.Typer()
commands.command("summary")(show_summary)
commands.command("status")(show_status)
