"""`mentorlog expect`: the mentoring agreement, the first pillar (clear expectations)."""

from typing import Annotated

import typer
from msgspec import structs

from mentorlog.cli.common import (
    FormatOpt,
    OnDateOpt,
    OutputFormat,
    RelArg,
    change_relationship,
    emit,
    note,
    set_format,
    state,
)
from mentorlog.cli.dated import happened_on
from mentorlog.core import agreement as rules
from mentorlog.core.model import AgreementItem, Relationship
from mentorlog.core.text import MAX_ITEM, plural, require_text
from mentorlog.errors import UserError
from mentorlog.render import agreement as view

app = typer.Typer(
    help="The mentoring agreement: what each of you expects, versioned and signed off by both.",
    epilog=(
        "Examples:  mentorlog expect template ada · mentorlog expect edit ada k3m9p 'We meet every "
        "other Tuesday, 45 minutes, on video' · mentorlog expect agree ada --by both --review-by +3m"
    ),
    no_args_is_help=True,
)

ItemArg = Annotated[str, typer.Argument(help="The item's id (or a unique prefix of it).")]
SectionOpt = Annotated[
    str | None,
    typer.Option(help=f"Section: {', '.join(rules.SECTIONS)} (or your own)."),
]
OwnerOpt = Annotated[
    str | None,
    typer.Option("--owner", help="Whose it is: mentor, mentee, both, me or them.", metavar="PARTY"),
]


def _ids(rel: Relationship) -> set[str]:
    return {item.id for item in rel.agreement.item}


def fill_template(ctx: typer.Context, rel: RelArg) -> None:
    """Add the sections of a good agreement as placeholder items to fill in."""
    app_state = state(ctx)
    journal = app_state.journal

    def change(current: Relationship) -> Relationship:
        taken = _ids(current)

        def allocate() -> str:
            item_id = journal.new_id(taken)
            taken.add(item_id)
            return item_id

        agreement = rules.add_template(current.agreement, allocate, app_state.today)
        return structs.replace(current, agreement=agreement)

    updated = change_relationship(ctx, rel, change)
    sections = {item.section for item in updated.agreement.item}
    note(
        f"Added the template to {updated.id}: {plural(len(sections), 'section')}, placeholders marked 'to fill in'."
    )
    note(f"Fill each in with: mentorlog expect edit {updated.id} ID 'what you agree'")


def add_expectation(
    ctx: typer.Context,
    rel: RelArg,
    text: Annotated[str, typer.Argument(help="What is expected, in a sentence.")],
    section: Annotated[
        str, typer.Option(help=f"Section: {', '.join(rules.SECTIONS)} (or your own).")
    ],
    owner: OwnerOpt = None,
) -> None:
    """Add an item to the agreement."""
    app_state = state(ctx)
    journal = app_state.journal
    body = require_text(text, "expectation", MAX_ITEM)
    section_name = rules.section_name(section)

    def change(current: Relationship) -> Relationship:
        item = AgreementItem(
            id=journal.new_id(_ids(current)),
            section=section_name,
            text=body,
            owner=current.party(owner) if owner else "both",
        )
        return structs.replace(
            current, agreement=rules.add_item(current.agreement, item, app_state.today)
        )

    updated = change_relationship(ctx, rel, change)
    note(f"Added to {updated.id}'s agreement (version {updated.agreement.version}).")


def edit_expectation(
    ctx: typer.Context,
    rel: RelArg,
    item: ItemArg,
    text: Annotated[str | None, typer.Argument(help="The new text.")] = None,
    section: SectionOpt = None,
    owner: OwnerOpt = None,
) -> None:
    """Change an item's text, section or owner (after a sign-off this makes a new version)."""
    app_state = state(ctx)
    body = require_text(text, "expectation", MAX_ITEM) if text is not None else None
    section_name = rules.section_name(section) if section is not None else None
    if body is None and section_name is None and owner is None:
        raise UserError("Nothing to change.", hint="Give new text, --section or --owner.")

    def change(current: Relationship) -> Relationship:
        agreement = rules.edit_item(
            current.agreement,
            item,
            app_state.today,
            text=body,
            section=section_name,
            owner=current.party(owner) if owner else None,
        )
        return structs.replace(current, agreement=agreement)

    updated = change_relationship(ctx, rel, change)
    note(f"Edited; {updated.id}'s agreement is now version {updated.agreement.version}.")


def remove_expectation(ctx: typer.Context, rel: RelArg, item: ItemArg) -> None:
    """Remove an item from the agreement."""
    today = state(ctx).today
    updated = change_relationship(
        ctx,
        rel,
        lambda current: structs.replace(
            current, agreement=rules.remove_item(current.agreement, item, today)
        ),
    )
    note(f"Removed; {updated.id}'s agreement is now version {updated.agreement.version}.")


def _view(ctx: typer.Context, rel: str) -> rules.AgreementView:
    app_state = state(ctx)
    journal = app_state.journal
    found = journal.resolve_relationship(rel)
    return rules.agreement_view(found, journal.info().owner, app_state.today)


def list_expectations(ctx: typer.Context, rel: RelArg, fmt: FormatOpt = OutputFormat.text) -> None:
    """List the agreement's items with their ids."""
    set_format(ctx, fmt)
    agreement = _view(ctx, rel)
    emit(ctx, fmt, agreement.items, view.item_table, view.items_markdown)


def show_agreement(ctx: typer.Context, rel: RelArg, fmt: FormatOpt = OutputFormat.text) -> None:
    """Print the agreement as a document worth sharing (try --format markdown)."""
    set_format(ctx, fmt)
    emit(ctx, fmt, _view(ctx, rel), view.agreement_document, view.agreement_markdown)


def agree(
    ctx: typer.Context,
    rel: RelArg,
    by: Annotated[
        str,
        typer.Option(
            "--by", help="Who signs: me, them, both (or mentor, mentee).", metavar="PARTY"
        ),
    ],
    when: OnDateOpt = None,
    review_by: Annotated[
        str | None,
        typer.Option(
            "--review-by", help="When to review the agreement next (a date).", metavar="DATE"
        ),
    ] = None,
) -> None:
    """Record a sign-off of the current version (both sign-offs make it agreed)."""
    app_state = state(ctx)
    day = happened_on(app_state, when, "A sign-off")
    review = app_state.when(review_by)

    def change(current: Relationship) -> Relationship:
        party = current.party(by)
        parties = ["mentor", "mentee"] if party == "both" else [party]
        return structs.replace(
            current, agreement=rules.sign(current.agreement, parties, day, review)
        )

    updated = change_relationship(ctx, rel, change)
    status = rules.status_of(updated.agreement, app_state.today)
    note(f"{updated.id}'s agreement, version {status.version}: {status.status}.")


app.command("template")(fill_template)
app.command("add")(add_expectation)
app.command("edit")(edit_expectation)
app.command("remove")(remove_expectation)
app.command("list")(list_expectations)
app.command("show")(show_agreement)
app.command("agree")(agree)
