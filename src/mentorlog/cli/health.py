"""`mentorlog health`: a short pulse, 1-5 per pillar, by either party (mutual respect and trust)."""

from typing import Annotated

import typer

from mentorlog.cli.common import (
    FormatOpt,
    OnDateOpt,
    OutputFormat,
    RelArg,
    add_record,
    emit,
    note,
    set_format,
    state,
    warn_problems,
)
from mentorlog.cli.completion import complete_among
from mentorlog.cli.dated import happened_on, warn_before_start
from mentorlog.core import health as rules
from mentorlog.core.model import PILLARS, ROLES, FileProblem, HealthPulse, Relationship
from mentorlog.errors import UserError
from mentorlog.render import health as view
from mentorlog.store.records import load_kind

app = typer.Typer(
    help="The health pulse: how the relationship is doing on each pillar, from each side.",
    epilog=(
        "Examples:  mentorlog health log ada --by me --expectations 4 --communication 5 --trust 4 "
        "--goals 3 --learning 4 --network 2 · mentorlog health log ada --by them · mentorlog health show ada"
    ),
    no_args_is_help=True,
)

PILLAR_QUESTIONS = {
    "expectations": "Clear expectations: do we both know what we agreed?",
    "communication": "Communication: do we talk regularly and honestly?",
    "trust": "Respect and trust: do we both do what we said?",
    "goals": "Goals: are the goals clear, and moving?",
    "learning": "Learning: are we both learning?",
    "network": "Network: is the circle around us growing?",
}


def log_pulse(
    ctx: typer.Context,
    rel: RelArg,
    by: Annotated[
        str,
        typer.Option(
            "--by",
            help="Whose view: me or them (or mentor, mentee).",
            metavar="PARTY",
            autocompletion=complete_among(("me", "them", *ROLES)),
        ),
    ] = "me",
    expectations: Annotated[int | None, typer.Option(help="Clear expectations, 1-5.")] = None,
    communication: Annotated[int | None, typer.Option(help="Effective communication, 1-5.")] = None,
    trust: Annotated[int | None, typer.Option(help="Mutual respect and trust, 1-5.")] = None,
    goals: Annotated[int | None, typer.Option(help="Goal setting and accountability, 1-5.")] = None,
    learning: Annotated[int | None, typer.Option(help="Continuous learning, 1-5.")] = None,
    network: Annotated[int | None, typer.Option(help="Supportive network, 1-5.")] = None,
    text: Annotated[str, typer.Option("--note", help="A word on why.")] = "",
    when: OnDateOpt = None,
) -> None:
    """Record a pulse: six scores of 1-5 (asked for when not given)."""
    app_state = state(ctx)
    journal = app_state.require_journal()
    day = happened_on(app_state, when, "A pulse")
    # Refused before any score is asked (and again under the lock, where it is written).
    journal.resolve_relationship(rel).own_party(by, "scores the relationship")
    given = dict(
        zip(PILLARS, (expectations, communication, trust, goals, learning, network), strict=True)
    )
    scores: dict[str, int] = {}
    for pillar, value in given.items():
        if value is None:
            try:
                value = typer.prompt(f"{PILLAR_QUESTIONS[pillar]} (1-5)", type=int)
            except typer.Abort:
                raise UserError("Not all scores were given; nothing was saved.") from None
        scores[pillar] = rules.check_score(pillar, value)
    party_word = by

    def build(found: Relationship, new_id: str) -> HealthPulse:
        party = found.own_party(party_word, "scores the relationship")
        if party == "both":
            raise UserError(
                "A pulse is one party's view.", hint="Use --by me or --by them, once each."
            )
        return HealthPulse(id=new_id, date=day, by=party, scores=scores, note=text.strip())

    found, pulse = add_record(ctx, rel, "health", build)
    note(f"Recorded the {pulse.by}'s pulse for {found.counterpart}.")
    warn_before_start(found, day, "This pulse")


def show_health(ctx: typer.Context, rel: RelArg, fmt: FormatOpt = OutputFormat.text) -> None:
    """The trend per pillar for each party, and where your two views differ by 2 or more."""
    set_format(ctx, fmt)
    app_state = state(ctx)
    journal = app_state.require_journal()
    found = journal.resolve_relationship(rel)
    problems: list[FileProblem] = []
    pulses = load_kind(journal, found.id, "health", problems)
    warn_problems(ctx, problems)
    report = view.HealthReport(
        relationship=found.id,
        summary=rules.health_summary(pulses, app_state.today),
        trends=rules.trends(pulses, app_state.today),
    )
    emit(ctx, fmt, report, view.health_table, view.health_markdown)


app.command("log")(log_pulse)
app.command("show")(show_health)
