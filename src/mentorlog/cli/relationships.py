"""`mentorlog rel`: the mentoring relationships of the journal."""

from typing import Annotated

import typer
from msgspec import structs

from mentorlog.cli.common import (
    DateOpt,
    FormatOpt,
    OutputFormat,
    RelArg,
    SlugOpt,
    change_relationship,
    emit,
    note,
    set_format,
    state,
    warn_problems,
)
from mentorlog.core.cadence import CADENCE_HELP, parse_cadence
from mentorlog.core.model import ROLES, FileProblem, Relationship
from mentorlog.core.relationship_detail import detail_window, relationship_detail
from mentorlog.core.relationships import change_status
from mentorlog.core.text import normalise_name, require_text, slugify
from mentorlog.errors import UserError
from mentorlog.render import relationships as view
from mentorlog.store.records import load_bundle, load_contacts

app = typer.Typer(
    help="The mentoring relationships you keep: add, list, show, edit, pause, resume, end, reopen.",
    epilog=(
        "Examples:  mentorlog rel add 'Ada Lovelace' --as mentor --cadence 'every 2 weeks'"
        " · mentorlog rel show ada · mentorlog rel pause ada --note 'parental leave'"
    ),
    no_args_is_help=True,
)

RoleOpt = Annotated[
    str, typer.Option("--as", help="Your role in it: mentor or mentee.", metavar="ROLE")
]
CadenceOpt = Annotated[str | None, typer.Option(help=f"How often you meet: {CADENCE_HELP}.")]
TagOpt = Annotated[list[str] | None, typer.Option("--tag", help="A tag (repeat for more).")]
NoteOpt = Annotated[str, typer.Option("--note", help="Why, in a few words.")]


def _role(text: str) -> str:
    role = text.strip().lower()
    if role not in ROLES:
        raise UserError(f"'{text}' is not a role.", hint="Use --as mentor or --as mentee.")
    return role


def add_relationship(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The other person's name.")],
    my_role: RoleOpt,
    cadence: CadenceOpt = "every 2 weeks",
    started: DateOpt = None,
    contact: Annotated[str, typer.Option(help="How to reach them (email, handle).")] = "",
    tag: TagOpt = None,
    chosen_slug: SlugOpt = None,
) -> None:
    """Start keeping a relationship, as its mentor or its mentee."""
    app_state = state(ctx)
    journal = app_state.journal
    counterpart = require_text(name, "name")
    rel = Relationship(
        id=slugify(chosen_slug or counterpart),
        counterpart=counterpart,
        my_role=_role(my_role),
        started=app_state.when(started) or app_state.today,
        cadence=parse_cadence(cadence or "every 2 weeks").label,
        contact=contact.strip(),
        tags=[t.strip() for t in tag or [] if t.strip()],
    )
    with journal.writing():
        slugs = journal.relationship_slugs()
        problems: list[FileProblem] = []
        for other in journal.load_relationships(problems):
            if normalise_name(other.counterpart) == normalise_name(counterpart):
                raise UserError(
                    f"You already keep a relationship with {other.counterpart} ({other.id}).",
                    hint=f"See it with: mentorlog rel show {other.id}",
                )
        slug = journal.free_slug(rel.id, lambda taken: taken in slugs)
        rel = structs.replace(rel, id=slug)
        journal.create(journal.rel_file(slug), rel)
    note(f"Added {slug}: {view.describe(rel)}")
    note(f"Next: mentorlog expect template {slug}")


def list_relationships(
    ctx: typer.Context,
    fmt: FormatOpt = OutputFormat.text,
    show_all: Annotated[bool, typer.Option("--all", help="Include ended relationships.")] = False,
) -> None:
    """List your relationships."""
    set_format(ctx, fmt)
    journal = state(ctx).require_journal()
    problems: list[FileProblem] = []
    rels = [r for r in journal.load_relationships(problems) if show_all or r.status != "ended"]
    warn_problems(ctx, problems)
    emit(ctx, fmt, rels, view.relationship_table, view.relationships_markdown)


def show_relationship(ctx: typer.Context, rel: RelArg, fmt: FormatOpt = OutputFormat.text) -> None:
    """Show one relationship: who mentors whom, since when, how often, and how it stands."""
    set_format(ctx, fmt)
    app_state = state(ctx)
    journal = app_state.require_journal()
    found = journal.resolve_relationship(rel)
    problems: list[FileProblem] = []
    records = load_bundle(
        journal,
        found,
        problems,
        since=detail_window(app_state.today),
        contacts=load_contacts(journal, problems),
        as_of=app_state.today,
    )
    warn_problems(ctx, problems)
    detail = relationship_detail(records, app_state.today)
    if found.share is not None:
        from mentorlog.store import sharing

        detail = structs.replace(detail, conflicts=sharing.conflicts(journal, found))
    emit(ctx, fmt, detail, view.relationship_panel, view.relationship_markdown)


def edit_relationship(
    ctx: typer.Context,
    rel: RelArg,
    name: Annotated[str | None, typer.Option(help="Correct the person's name.")] = None,
    my_role: Annotated[
        str | None, typer.Option("--as", help="Your role: mentor or mentee.", metavar="ROLE")
    ] = None,
    cadence: CadenceOpt = None,
    started: DateOpt = None,
    contact: Annotated[str | None, typer.Option(help="How to reach them.")] = None,
    tag: TagOpt = None,
) -> None:
    """Change a relationship's details (the folder name stays, so links keep working)."""
    app_state = state(ctx)
    changes: dict[str, object] = {}
    if name is not None:
        changes["counterpart"] = require_text(name, "name")
    if my_role is not None:
        changes["my_role"] = _role(my_role)
    if cadence is not None:
        changes["cadence"] = parse_cadence(cadence).label
    if started is not None:
        changes["started"] = app_state.when(started)
    if contact is not None:
        changes["contact"] = contact.strip()
    if tag is not None:
        changes["tags"] = [t.strip() for t in tag if t.strip()]
    if not changes:
        raise UserError("Nothing to change.", hint="See: mentorlog rel edit --help")

    def changed(current: Relationship) -> Relationship:
        if current.share is not None and changes.get("my_role", current.my_role) != current.my_role:
            raise UserError(
                f"{current.id} is shared: its roles are the ones both of you agreed.",
                hint=f"To change them, stop sharing first: mentorlog rel unshare {current.id}",
            )
        return structs.replace(current, **changes)

    updated = change_relationship(ctx, rel, changed)
    note(f"Updated {updated.id}: {view.describe(updated)}")


def share_relationship(
    ctx: typer.Context,
    rel: RelArg,
    remote: Annotated[
        str,
        typer.Option(
            help="A git repository both of you can reach (any URL or path git accepts; a path "
            "that does not exist yet becomes a bare repository).",
            metavar="URL",
        ),
    ],
) -> None:
    """Share a relationship with the other person, through a git repository (docs/sharing.md)."""
    from mentorlog.core.model import Share
    from mentorlog.store import sharing

    journal = state(ctx).require_journal()
    remote = sharing.address(remote)
    with journal.writing(recorded=False):  # undo cannot take back a repository pushed
        found = journal.resolve_relationship(rel)
        if found.share is not None:
            raise UserError(f"{found.id} is shared already, through {found.share.remote}.")
        sharing.share(journal, found, remote, journal.person())
        journal.save(journal.rel_file(found.id), structs.replace(found, share=Share(remote=remote)))
    note(f"Shared {found.id} through {remote}. {found.counterpart} runs, in their own journal:")
    typer.echo(f"mentorlog rel join {remote}")


def join_relationship(
    ctx: typer.Context,
    remote: Annotated[str, typer.Argument(help="The repository the other person shared.")],
    name: Annotated[
        str | None, typer.Option(help="Their name here (else the name they shared under).")
    ] = None,
    into: Annotated[
        str | None,
        typer.Option(
            help="A relationship you keep already with them (kept before, or unshared): it "
            "keeps its records and takes what it lacks.",
            metavar="REL",
        ),
    ] = None,
) -> None:
    """Take part in a relationship the other person shared with you, in your own journal."""
    from mentorlog.store import sharing

    app_state = state(ctx)
    journal = app_state.require_journal()
    with journal.writing(recorded=False):
        existing = journal.resolve_relationship(into) if into is not None else None
        joined = sharing.join(
            journal, sharing.address(remote), journal.person(), name, app_state.today, existing
        )
    note(f"Joined {joined.id}: {view.describe(joined)} Both of you sync it with: mentorlog sync")


def unshare_relationship(ctx: typer.Context, rel: RelArg) -> None:
    """Stop sharing a relationship; both of you keep its records as they are."""
    from mentorlog.store import sharing

    journal = state(ctx).require_journal()
    with journal.writing(recorded=False):
        found = journal.resolve_relationship(rel)
        if found.share is None:
            raise UserError(f"{found.id} is not shared.")
        sharing.unshare(journal, found)
    note(f"{found.id} is no longer shared; its records stay in this journal.")


def _set_status(ctx: typer.Context, rel: str, command: str, reason: str) -> None:
    today = state(ctx).today
    updated = change_relationship(
        ctx, rel, lambda current: change_status(current, command, today, reason.strip())
    )
    note(view.describe(updated))


def pause_relationship(ctx: typer.Context, rel: RelArg, reason: NoteOpt = "") -> None:
    """Pause a relationship: no check-ins are expected until you resume it."""
    _set_status(ctx, rel, "pause", reason)


def resume_relationship(ctx: typer.Context, rel: RelArg, reason: NoteOpt = "") -> None:
    """Resume a paused relationship."""
    _set_status(ctx, rel, "resume", reason)


def end_relationship(ctx: typer.Context, rel: RelArg, reason: NoteOpt = "") -> None:
    """End a relationship (its records stay in the journal)."""
    _set_status(ctx, rel, "end", reason)


def reopen_relationship(ctx: typer.Context, rel: RelArg, reason: NoteOpt = "") -> None:
    """Bring an ended relationship back: active again, its end kept in its history."""
    _set_status(ctx, rel, "reopen", reason)


app.command("add")(add_relationship)
app.command("list")(list_relationships)
app.command("show")(show_relationship)
app.command("edit")(edit_relationship)
app.command("pause")(pause_relationship)
app.command("resume")(resume_relationship)
app.command("end")(end_relationship)
app.command("reopen")(reopen_relationship)
app.command("share")(share_relationship)
app.command("join")(join_relationship)
app.command("unshare")(unshare_relationship)
