"""`mentorlog net`: the wider network around the pair (a supportive network)."""

from typing import Annotated, Any

import typer
from msgspec import structs

from mentorlog.cli.common import (
    FormatOpt,
    OutputFormat,
    SlugOpt,
    emit,
    note,
    set_format,
    state,
    warn_problems,
)
from mentorlog.cli.completion import complete_contact, complete_relationship
from mentorlog.cli.edits import changed_fields, date_or_none, require_changes
from mentorlog.core.model import Contact, FileProblem, Interaction
from mentorlog.core.text import MAX_TEXT, best_matches, normalise_name, require_text
from mentorlog.dates import DATE_HELP
from mentorlog.errors import UserError
from mentorlog.render import learning as view
from mentorlog.store.journal import Journal
from mentorlog.store.records import load_contacts

app = typer.Typer(
    help="Your network: peers, other mentors, sponsors, experts; who introduced whom; follow-ups.",
    epilog=(
        "Examples:  mentorlog net add 'Jo Park' --role expert --org Acme --via me --rel ada --follow-up +2w · "
        "mentorlog net list · mentorlog net log jo 'Coffee; offered to review the talk' --follow-up +1m · "
        "mentorlog net edit jo --org 'Acme Labs'"
    ),
    no_args_is_help=True,
)

NameArg = Annotated[
    str,
    typer.Argument(
        help="The contact's name or a unique prefix of it (any case, accents optional), or "
        "its slug.",
        autocompletion=complete_contact,
    ),
]
FollowUpOpt = Annotated[
    str | None, typer.Option("--follow-up", help="When to follow up (a date).", metavar="DATE")
]


def find_contact(journal: Journal, wanted: str) -> Contact:
    """A contact by its name as written (case aside), else by its slug (what lists, alerts
    and completion show), else by name without accents or by its start (best_matches): Jose
    and José are two people, and `jose` is the name of one and the slug of the other."""
    problems: list[FileProblem] = []
    contacts = load_contacts(journal, problems)
    key = normalise_name(wanted)
    if not key:
        raise UserError("The contact name is empty.")
    matches = (
        [c for c in contacts if normalise_name(c.name) == key]
        or [c for c in contacts if c.id == wanted.strip()]
        or best_matches(wanted, [(c, (c.name,)) for c in contacts])
    )
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = ", ".join(sorted(c.name for c in matches))
        raise UserError(
            f"'{wanted}' matches several contacts: {names}.", hint="Type more of the name."
        )
    known = ", ".join(sorted(c.name for c in contacts)) or "none yet"
    raise UserError(
        f"No contact matches '{wanted}'. Known: {known}.", hint="Try: mentorlog net list"
    )


def _refuse_namesake(journal: Journal, person: str, own_id: str | None = None) -> list[Contact]:
    """The contacts of the journal, unless one other than `own_id` has this name already: one
    person twice would split their interactions and follow-ups."""
    problems: list[FileProblem] = []
    existing = load_contacts(journal, problems)
    for other in existing:
        if other.id != own_id and normalise_name(other.name) == normalise_name(person):
            raise UserError(
                f"{other.name} is already in your network.",
                hint=f"See: mentorlog net show '{other.name}'",
            )
    return existing


def add_contact(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Their name.")],
    role: Annotated[str, typer.Option(help="Peer, mentor, sponsor, expert, ...")] = "",
    org: Annotated[str, typer.Option(help="Their organisation.")] = "",
    via: Annotated[str, typer.Option(help="Who introduced them: a name, or 'me'.")] = "",
    rel: Annotated[
        str | None,
        typer.Option(
            "--rel",
            help="The mentoring relationship they relate to.",
            autocompletion=complete_relationship,
        ),
    ] = None,
    follow_up: FollowUpOpt = None,
    notes: Annotated[str, typer.Option(help="Anything worth remembering.")] = "",
    chosen_slug: SlugOpt = None,
) -> None:
    """Add someone to your network."""
    app_state = state(ctx)
    journal = app_state.journal
    person = require_text(name, "name")
    follow = app_state.when(follow_up)
    with journal.writing():
        rel_id = journal.resolve_relationship(rel).id if rel else None
        existing = _refuse_namesake(journal, person)
        ids = {c.id for c in existing}  # and a file that did not load still holds its name
        contact_id = journal.free_slug(
            chosen_slug or person, lambda slug: slug in ids or journal.contact_path(slug).exists()
        )
        contact = Contact(
            id=contact_id,
            name=person,
            role=role.strip(),
            org=org.strip(),
            via=via.strip(),
            rel=rel_id,
            notes=notes.strip(),
            follow_up=follow,
            added=app_state.today,
        )
        journal.create(journal.contact_path(contact_id), contact)
    note(f"Added {person} ({contact_id}) to your network.")


def _rows(contacts: list[Contact], today: object) -> list[view.ContactRow]:
    rows = [
        view.ContactRow(
            id=c.id,
            name=c.name,
            role=c.role,
            org=c.org,
            via=c.via,
            rel=c.rel,
            follow_up=c.follow_up,
            follow_up_due=c.follow_up is not None and c.follow_up <= today,  # type: ignore[operator]
            last_interaction=max((i.date for i in c.interaction), default=None),
        )
        for c in contacts
    ]
    return sorted(
        rows,
        key=lambda r: (
            not r.follow_up_due,
            r.follow_up is None,
            r.follow_up,
            normalise_name(r.name),
        ),
    )


def list_contacts(ctx: typer.Context, fmt: FormatOpt = OutputFormat.text) -> None:
    """List contacts, follow-ups due first (marked)."""
    set_format(ctx, fmt)
    app_state = state(ctx)
    journal = app_state.require_journal()
    problems: list[FileProblem] = []
    contacts = load_contacts(journal, problems)
    warn_problems(ctx, problems)
    emit(ctx, fmt, _rows(contacts, app_state.today), view.contact_table, view.contacts_markdown)


def show_contact(ctx: typer.Context, name: NameArg, fmt: FormatOpt = OutputFormat.text) -> None:
    """Show a contact and your interactions with them."""
    set_format(ctx, fmt)
    journal = state(ctx).require_journal()
    emit(ctx, fmt, find_contact(journal, name), view.contact_detail, view.contact_markdown)


def log_interaction(
    ctx: typer.Context,
    name: NameArg,
    text: Annotated[str, typer.Argument(help="What happened.")],
    follow_up: FollowUpOpt = None,
) -> None:
    """Record an interaction with a contact (and when to follow up next)."""
    app_state = state(ctx)
    journal = app_state.journal
    body = require_text(text, "interaction", MAX_TEXT)
    follow = app_state.when(follow_up)
    with journal.writing():
        contact = find_contact(journal, name)
        updated = structs.replace(
            contact,
            interaction=[*contact.interaction, Interaction(date=app_state.today, text=body)],
            follow_up=follow if follow_up is not None else None,
        )
        journal.save(journal.contact_path(contact.id), updated)
    next_text = f"; follow up on {follow.isoformat()}" if follow else ""
    note(f"Logged an interaction with {contact.name}{next_text}.")


def edit_contact(
    ctx: typer.Context,
    name: NameArg,
    new_name: Annotated[
        str | None, typer.Option("--name", help="Their name, corrected (the file keeps its name).")
    ] = None,
    role: Annotated[str | None, typer.Option(help="Peer, mentor, sponsor, expert, ...")] = None,
    org: Annotated[str | None, typer.Option(help="Their organisation.")] = None,
    via: Annotated[str | None, typer.Option(help="Who introduced them: a name, or 'me'.")] = None,
    rel: Annotated[
        str | None,
        typer.Option(
            "--rel",
            help="The mentoring relationship they relate to (empty clears it).",
            autocompletion=complete_relationship,
        ),
    ] = None,
    follow_up: Annotated[
        str | None,
        typer.Option(
            "--follow-up", help=f"When to follow up (empty clears it). {DATE_HELP}.", metavar="DATE"
        ),
    ] = None,
    notes: Annotated[str | None, typer.Option(help="Anything worth remembering.")] = None,
) -> None:
    """Correct a contact: only the options given change."""
    app_state = state(ctx)
    journal = app_state.require_journal()
    changes: dict[str, Any] = {}
    if new_name is not None:
        changes["name"] = require_text(new_name, "name")
    for key, value in (("role", role), ("org", org), ("via", via), ("notes", notes)):
        if value is not None:
            changes[key] = value.strip()
    if rel is not None:
        changes["rel"] = journal.resolve_relationship(rel).id if rel.strip() else None
    if follow_up is not None:
        changes["follow_up"] = date_or_none(app_state, follow_up)
    require_changes(ctx, changes)
    with journal.writing():
        contact = find_contact(journal, name)
        if "name" in changes:
            _refuse_namesake(journal, changes["name"], contact.id)
        updated = structs.replace(contact, **changes)
        journal.save(journal.contact_path(contact.id), updated)
    note(changed_fields(updated.name, changes))


app.command("add")(add_contact)
app.command("list")(list_contacts)
app.command("show")(show_contact)
app.command("log")(log_interaction)
app.command("edit")(edit_contact)
