"""`mentorlog checkin`: the check-ins held (effective communication)."""

import sys
from datetime import date
from functools import partial
from typing import Annotated

import typer
from msgspec import structs

from mentorlog.cli.common import (
    DateOpt,
    FormatOpt,
    IncludePrivateOpt,
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
from mentorlog.cli.completion import complete_among, complete_checkin
from mentorlog.cli.dated import happened_on, warn_before_start
from mentorlog.cli.editing import edit_text, kept_unless_saved
from mentorlog.core.editor_template import editor_template
from mentorlog.core.export import PRIVATE_WITHHELD
from mentorlog.core.ids import pick_by_prefix
from mentorlog.core.model import MODES, Agenda, CheckIn, FileProblem, Relationship, as_entry
from mentorlog.core.text import MAX_TEXT, check_text
from mentorlog.dates import DATE_HELP, parse_duration, parse_time
from mentorlog.errors import UserError
from mentorlog.store.journal import AGENDA_FILE, Journal, RecordRef
from mentorlog.store.records import load_agenda, load_checkins, load_kind, readable_agenda

app = typer.Typer(
    help="Check-ins: log them, list them, and record agreed skips.",
    epilog=(
        "Examples:  mentorlog checkin log ada --duration 45m --mode video --summary 'Parser plan' "
        "--next +2w · echo 'notes…' | mentorlog checkin log ada --notes - · mentorlog checkin list ada --since -3m"
    ),
    no_args_is_help=True,
)

IdArg = Annotated[
    str,
    typer.Argument(
        help="The check-in's id (or a unique prefix of it).", autocompletion=complete_checkin
    ),
]


def _rating(value: int | None) -> int | None:
    if value is not None and not 1 <= value <= 5:
        raise UserError(f"A rating is 1 to 5, not {value}.")
    return value


def _mode(value: str | None) -> str | None:
    if value is None:
        return None
    mode = value.strip().lower()
    if mode not in MODES:
        raise UserError(f"'{value}' is not a mode.", hint=f"Use one of: {', '.join(MODES)}.")
    return mode


# A meeting not held yet is planned at the end of the one before it.
PLAN_HINT = (
    "Plan the next meeting with --next DATE on the check-in before it "
    "(mentorlog checkin log REL --next DATE, or mentorlog checkin edit ID --next DATE)."
)


def _notes(value: str) -> str:
    """--notes TEXT, or `--notes -` for stdin: read only when asked, so that a loop that pipes
    names to mentorlog (`... | while read r; do mentorlog checkin log "$r"; done`) keeps them."""
    if value == "-":
        value = sys.stdin.buffer.read(MAX_TEXT * 4 + 1).decode("utf-8", "replace")
    return check_text(value.strip(), "notes")


def _texts(values: list[str] | None) -> list[str]:
    return [value.strip() for value in values or [] if value.strip()]


def _context(journal: Journal, rel: Relationship) -> str:
    """The editor template for a relationship: open agenda, open actions, active goals."""
    problems: list[FileProblem] = []
    agenda = [i for i in readable_agenda(journal, rel.id, problems).item if i.status == "open"]
    actions = [a for a in load_kind(journal, rel.id, "actions", problems) if a.status == "open"]
    goals = [g for g in load_kind(journal, rel.id, "goals", problems) if g.status == "active"]
    return editor_template(f"Check-in with {rel.counterpart}", agenda, actions, goals)


def _mark_discussed(agenda: Agenda, wanted: list[str], checkin_id: str, day: date) -> Agenda:
    open_items = [item for item in agenda.item if item.status == "open"]
    chosen = {
        pick_by_prefix(open_items, prefix, "open agenda item", key=lambda i: i.id).id
        for prefix in wanted
    }
    items = [
        structs.replace(item, status="discussed", discussed_in=checkin_id, closed=day)
        if item.id in chosen
        else item
        for item in agenda.item
    ]
    return structs.replace(agenda, item=items)


def log_checkin(
    ctx: typer.Context,
    rel: RelArg,
    when: OnDateOpt = None,
    at: Annotated[
        str | None, typer.Option("--time", help="Time of day, HH:MM.", metavar="HH:MM")
    ] = None,
    duration: Annotated[
        str | None, typer.Option(help="How long: 45m, 1h30 or 90 (minutes).")
    ] = None,
    mode: Annotated[
        str | None,
        typer.Option(
            help=f"How you met: {', '.join(MODES)}.", autocompletion=complete_among(MODES)
        ),
    ] = None,
    summary: Annotated[str, typer.Option(help="One line: what it was about.")] = "",
    notes: Annotated[
        str | None, typer.Option(help="The notes; - reads them from stdin (or use --edit).")
    ] = None,
    edit: Annotated[
        bool, typer.Option("--edit", help="Write the notes in $VISUAL/$EDITOR.")
    ] = False,
    topic: Annotated[
        list[str] | None, typer.Option(help="A topic discussed (repeat for more).")
    ] = None,
    feedback_given: Annotated[
        list[str] | None, typer.Option(help="Feedback you gave (repeat).")
    ] = None,
    feedback_received: Annotated[
        list[str] | None, typer.Option(help="Feedback you received (repeat).")
    ] = None,
    concern: Annotated[list[str] | None, typer.Option(help="A concern raised (repeat).")] = None,
    learned: Annotated[list[str] | None, typer.Option(help="Something learned (repeat).")] = None,
    discussed: Annotated[
        list[str] | None,
        typer.Option(help="An agenda item's id discussed in it (repeat).", metavar="AGENDA_ID"),
    ] = None,
    rating: Annotated[int | None, typer.Option(help="How useful it was, 1 to 5.")] = None,
    next_date: Annotated[
        str | None,
        typer.Option(
            "--next", help="The next meeting's date, fixed at the end of this one.", metavar="DATE"
        ),
    ] = None,
    private: Annotated[
        bool,
        typer.Option(
            "--private",
            help=f"Keep its {PRIVATE_WITHHELD} out of exports and Markdown views "
            "(the text view shows them to you).",
        ),
    ] = False,
) -> None:
    """Log a check-in (notes from --notes, from stdin with --notes -, or from your editor)."""
    app_state = state(ctx)
    journal = app_state.require_journal()
    day = happened_on(app_state, when, "A check-in", PLAN_HINT)
    checkin = CheckIn(
        id="",
        date=day,
        time=parse_time(at) if at else None,
        duration=parse_duration(duration) if duration else None,
        mode=_mode(mode),
        summary=summary.strip(),
        topics=_texts(topic),
        feedback_given=_texts(feedback_given),
        feedback_received=_texts(feedback_received),
        concerns=_texts(concern),
        learned=_texts(learned),
        rating=_rating(rating),
        next=app_state.when(next_date),
        private=private,
    )
    _check_next(checkin)
    target = journal.resolve_relationship(rel)
    if edit and notes is not None:
        raise UserError("Give the notes with --notes or write them with --edit, not both.")
    edited = edit_text(_context(journal, target)) if edit else None
    text = _notes(notes or "") if edited is None else edited
    use = f"Log it with the other options you gave: mentorlog checkin log {target.id} --notes - < FILE"
    with kept_unless_saved(edited, use), journal.writing():
        found = journal.resolve_relationship(target.id)
        taken = journal.taken_ids("checkins")
        checkin = structs.replace(checkin, id=journal.new_id(taken), notes=text)
        problems: list[FileProblem] = []
        if discussed:  # only then does the log need the agenda: a broken one stops no other
            agenda = _mark_discussed(load_agenda(journal, found.id), discussed, checkin.id, day)
            checkin = structs.replace(
                checkin, discussed=[i.id for i in agenda.item if i.discussed_in == checkin.id]
            )
        journal.create(journal.path_for(found.id, "checkins", checkin), checkin)
        if discussed:
            journal.put(journal.rel_dir(found.id) / AGENDA_FILE, agenda)
        else:
            agenda = readable_agenda(journal, found.id, problems)
    note(f"Logged check-in {checkin.id} with {found.counterpart} on {day.isoformat()}.")
    warn_before_start(found, day, "This check-in")
    still_open = [item for item in agenda.item if item.status == "open"]
    if still_open:
        note("Still open on the agenda: " + "; ".join(f"{i.id} {i.text}" for i in still_open))
    warn_problems(ctx, problems)


def skip_checkin(
    ctx: typer.Context,
    rel: RelArg,
    when: OnDateOpt = None,
    why: Annotated[str, typer.Option(help="Why (holiday, illness, ...).")] = "",
) -> None:
    """Record an agreed skip: one expected check-in fewer, and the next one counts from here."""
    app_state = state(ctx)
    day = app_state.when(when) or app_state.today
    found, skip = add_record(
        ctx,
        rel,
        "checkins",
        lambda _, new_id: CheckIn(id=new_id, date=day, skipped=True, why=why.strip()),
    )
    note(f"Recorded an agreed skip ({skip.id}) with {found.counterpart} on {day.isoformat()}.")


def list_checkins(
    ctx: typer.Context,
    rel: OneRelArg = None,
    since: DateOpt = None,
    until: DateOpt = None,
    limit: Annotated[int, typer.Option(help="At most this many, newest first (0: all).")] = 20,
    include_private: IncludePrivateOpt = False,
    fmt: FormatOpt = OutputFormat.text,
) -> None:
    """List check-ins, newest first."""
    from mentorlog.render import checkins as view

    set_format(ctx, fmt)
    app_state = state(ctx)
    journal = app_state.require_journal()
    start, end = app_state.when(since), app_state.when(until)
    slugs = chosen_slugs(journal, rel)
    problems: list[FileProblem] = []
    shown = load_checkins(journal, slugs, problems, start, end, limit)
    warn_problems(ctx, problems)
    empty = no_match("check-ins", {"relationship": rel, "--since": since, "--until": until})
    markdown = partial(view.checkins_markdown, include_private=include_private)
    emit(ctx, fmt, shown, view.checkin_table, markdown, empty=empty)


def _check_next(checkin: CheckIn) -> CheckIn:
    """A check-in whose next meeting, if set, is not before it."""
    if checkin.next is not None and checkin.next < checkin.date:
        raise UserError("The next meeting cannot be before this one.")
    return checkin


def _load(journal: Journal, prefix: str, text: bool = False) -> tuple[RecordRef, CheckIn]:
    return load_record(journal, "checkins", prefix, "checkin", CheckIn, text)


def show_checkin(
    ctx: typer.Context,
    checkin_id: IdArg,
    include_private: IncludePrivateOpt = False,
    fmt: FormatOpt = OutputFormat.text,
) -> None:
    """Show one check-in in full."""
    from mentorlog.render import checkins as view

    set_format(ctx, fmt)
    journal = state(ctx).require_journal()
    ref, checkin = _load(journal, checkin_id, text=True)
    markdown = partial(view.checkin_markdown, include_private=include_private)
    emit(ctx, fmt, as_entry(checkin, ref.rel or ""), view.checkin_detail, markdown)


def edit_checkin(
    ctx: typer.Context,
    checkin_id: IdArg,
    summary: Annotated[str | None, typer.Option(help="A new summary line.")] = None,
    notes: Annotated[
        str | None, typer.Option(help="New notes (replaces them); - reads them from stdin.")
    ] = None,
    edit: Annotated[
        bool, typer.Option("--edit", help="Edit the notes in $VISUAL/$EDITOR.")
    ] = False,
    rating: Annotated[int | None, typer.Option(help="How useful it was, 1 to 5.")] = None,
    duration: Annotated[str | None, typer.Option(help="How long: 45m, 1h30 or 90.")] = None,
    mode: Annotated[
        str | None,
        typer.Option(
            help=f"How you met: {', '.join(MODES)}.", autocompletion=complete_among(MODES)
        ),
    ] = None,
    next_date: Annotated[
        str | None, typer.Option("--next", help="The next meeting's date.", metavar="DATE")
    ] = None,
    private: Annotated[
        bool | None,
        typer.Option(
            "--private/--shared",
            help=f"Keep its {PRIVATE_WITHHELD} out of exports and Markdown views, or not.",
        ),
    ] = None,
    new_date: Annotated[
        str | None,
        typer.Option("--date", help=f"Move it to another day. {DATE_HELP}.", metavar="DATE"),
    ] = None,
) -> None:
    """Change a check-in; the editor works on a copy, and the record is re-read before saving."""
    app_state = state(ctx)
    journal = app_state.require_journal()
    ref, current = _load(journal, checkin_id, text=edit)
    changes: dict[str, object] = {}
    if summary is not None:
        changes["summary"] = summary.strip()
    if notes is not None:
        changes["notes"] = _notes(notes)
    if rating is not None:
        changes["rating"] = _rating(rating)
    if duration is not None:
        changes["duration"] = parse_duration(duration)
    if mode is not None:
        changes["mode"] = _mode(mode)
    if next_date is not None:
        changes["next"] = app_state.when(next_date)
    if private is not None:
        changes["private"] = private
    if new_date is not None:
        changes["date"] = happened_on(app_state, new_date, "A check-in", PLAN_HINT)
    edited = None
    if edit:
        rel = journal.load_relationship(str(ref.rel))
        heading = f"Check-in with {rel.counterpart} on {current.date.isoformat()}"
        edited = edit_text(editor_template(heading, [], [], [], notes=current.notes))
        changes["notes"] = edited
    if not changes:
        raise UserError("Nothing to change.", hint="See: mentorlog checkin edit --help")

    def change(latest: CheckIn) -> CheckIn:
        return _check_next(structs.replace(latest, **changes))

    use = (
        f"If the check-in was deleted meanwhile, restore it (mentorlog trash restore {current.id})."
        f" Save it with: mentorlog checkin edit {current.id} --notes - < FILE"
    )
    with kept_unless_saved(edited, use):
        updated = change_record(ctx, "checkins", ref.id, "checkin", CheckIn, change)
    moved = f", now on {updated.date.isoformat()}" if updated.date != current.date else ""
    note(f"Updated check-in {current.id}{moved}.")
    if moved:
        warn_before_start(journal.load_relationship(str(ref.rel)), updated.date, "This check-in")


def delete_checkin(
    ctx: typer.Context,
    checkin_id: IdArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a check-in (it moves to .trash/ and can be restored)."""
    journal = state(ctx).require_journal()
    ref, checkin = _load(journal, checkin_id)
    if not yes and not typer.confirm(
        f"Delete check-in {checkin.id} of {checkin.date.isoformat()} ({ref.rel})?"
    ):
        raise UserError("Not deleted.")
    with journal.writing():
        target = journal.trash(ref.path)
    note(f"Moved check-in {checkin.id} to {journal.relative(target)}.")


app.command("log")(log_checkin)
app.command("list")(list_checkins)
app.command("show")(show_checkin)
app.command("edit")(edit_checkin)
app.command("delete")(delete_checkin)
app.command("skip")(skip_checkin)
