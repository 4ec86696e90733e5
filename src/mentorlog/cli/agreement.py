"""`mentorlog expect`: the mentoring agreement, the first pillar (clear expectations)."""

from collections.abc import Callable
from pathlib import Path
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
from mentorlog.cli.completion import complete_among
from mentorlog.cli.dated import happened_on
from mentorlog.cli.editing import edit_text, kept_unless_saved
from mentorlog.core import agreement as rules
from mentorlog.core.model import PARTIES, AgreementItem, Relationship
from mentorlog.core.text import MAX_ITEM, MAX_TEXT, plural, require_text
from mentorlog.errors import UserError
from mentorlog.render import agreement as view
from mentorlog.store.files import read_given_file
from mentorlog.store.journal import Journal

app = typer.Typer(
    help="The mentoring agreement: what each of you expects, versioned and signed off by both.",
    epilog=(
        "Examples:  mentorlog expect template ada · mentorlog expect fill ada · mentorlog expect "
        "edit ada k3m9p 'We meet every other Tuesday, 45 minutes, on video' · mentorlog expect "
        "remove ada k3m9p x7q2w · mentorlog expect agree ada --by both --review-by +3m"
    ),
    no_args_is_help=True,
)

ItemArg = Annotated[str, typer.Argument(help="The item's id (or a unique prefix of it).")]
SECTION_HELP = f"Section: {', '.join(rules.SECTIONS)}, or your own."
SectionOpt = Annotated[str | None, typer.Option(help=SECTION_HELP)]
NewSectionOpt = Annotated[
    bool,
    typer.Option(
        "--new-section",
        help="Start a new section even though its name is close to one in use (without it, "
        "a near miss such as 'comunication' is refused with 'did you mean').",
    ),
]
OwnerOpt = Annotated[
    str | None,
    typer.Option("--owner", help="Whose it is: mentor, mentee, both, me or them.", metavar="PARTY"),
]


def _ids(rel: Relationship) -> set[str]:
    return {item.id for item in rel.agreement.item}


def _id_maker(journal: Journal, rel: Relationship) -> Callable[[], str]:
    """New item ids for one change that adds several items: none taken twice."""
    taken = _ids(rel)

    def allocate() -> str:
        item_id = journal.new_id(taken)
        taken.add(item_id)
        return item_id

    return allocate


def fill_template(ctx: typer.Context, rel: RelArg) -> None:
    """Add the sections of a good agreement as placeholder items to fill in."""
    app_state = state(ctx)
    journal = app_state.journal

    def change(current: Relationship) -> Relationship:
        allocate = _id_maker(journal, current)
        agreement = rules.add_template(current.agreement, allocate, app_state.today)
        return structs.replace(current, agreement=agreement)

    updated = change_relationship(ctx, rel, change)
    sections = {item.section for item in updated.agreement.item}
    note(
        f"Added the template to {updated.id}: {plural(len(sections), 'section')}, placeholders marked 'to fill in'."
    )
    note(
        f"Fill them in all at once with: mentorlog expect fill {updated.id}"
        f" (or one by one: mentorlog expect edit {updated.id} ID 'what you agree')"
    )


def add_expectation(
    ctx: typer.Context,
    rel: RelArg,
    text: Annotated[str, typer.Argument(help="What is expected, in a sentence.")],
    section: Annotated[str, typer.Option(help=SECTION_HELP)],
    owner: OwnerOpt = None,
    new_section: NewSectionOpt = False,
) -> None:
    """Add an item to the agreement."""
    app_state = state(ctx)
    journal = app_state.journal
    body = require_text(text, "expectation", MAX_ITEM)
    section_name = rules.section_name(section)

    def change(current: Relationship) -> Relationship:
        item = AgreementItem(
            id=journal.new_id(_ids(current)),
            section=rules.check_section(section_name, current.agreement, new_section),
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
    new_section: NewSectionOpt = False,
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
            section=None
            if section_name is None
            else rules.check_section(section_name, current.agreement, new_section),
            owner=current.party(owner) if owner else None,
        )
        return structs.replace(current, agreement=agreement)

    updated = change_relationship(ctx, rel, change)
    note(f"Edited; {updated.id}'s agreement is now version {updated.agreement.version}.")


def remove_expectations(
    ctx: typer.Context,
    rel: RelArg,
    items: Annotated[
        list[str],
        typer.Argument(help="The items' ids (or unique prefixes of them).", metavar="ID..."),
    ],
) -> None:
    """Remove one item or several from the agreement, as one change; an unknown id removes none."""
    today = state(ctx).today
    updated = change_relationship(
        ctx,
        rel,
        lambda current: structs.replace(
            current, agreement=rules.remove_items(current.agreement, items, today)
        ),
    )
    note(f"Removed; {updated.id}'s agreement is now version {updated.agreement.version}.")


def fill_agreement(
    ctx: typer.Context,
    rel: RelArg,
    start_from: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Open this document instead of the agreement as it is (one kept when a save "
            "failed).",
            metavar="FILE",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    new_section: NewSectionOpt = False,
) -> None:
    """Edit the whole agreement in your editor ($VISUAL, $EDITOR) as one document, saved as one
    new version; the document says below its text how to edit it."""
    app_state = state(ctx)
    journal = app_state.journal
    found = journal.resolve_relationship(rel)
    document = (
        read_given_file(start_from, MAX_TEXT * 4, "a document").decode("utf-8", "replace")
        if start_from
        else rules.format_document(found.agreement.item)
    )
    written = edit_text(
        rules.editor_document(document, found.counterpart, found.agreement), "agreement"
    )
    use = f"Correct it and save it with: mentorlog expect fill {found.id} --from FILE"
    with kept_unless_saved(written, use, "agreement"):
        drafts = rules.parse_document(written)
        with journal.writing():
            current = journal.resolve_relationship(found.id)
            agreement = rules.fill(
                current.agreement,
                drafts,
                _id_maker(journal, current),
                app_state.today,
                new_section,
            )
            if agreement is not None:
                journal.save(
                    journal.rel_file(current.id), structs.replace(current, agreement=agreement)
                )
    if agreement is None:
        note(
            f"Nothing changed; {current.id}'s agreement stays version {current.agreement.version}."
        )
        return
    note(
        f"Saved {current.id}'s agreement, version {agreement.version}: {agreement.change[-1].what}"
    )


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
            "--by",
            help="Who signs: me, them, both (or mentor, mentee).",
            metavar="PARTY",
            autocompletion=complete_among(("me", "them", *PARTIES)),
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
        party = current.own_party(by, "signs the agreement")
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
app.command("remove")(remove_expectations)
app.command("fill")(fill_agreement)
app.command("list")(list_expectations)
app.command("show")(show_agreement)
app.command("agree")(agree)
