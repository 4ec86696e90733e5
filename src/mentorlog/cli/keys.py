"""`mentorlog key`: encrypt check-ins' text at rest with age (docs/privacy.md)."""

from typing import Annotated

import typer

from mentorlog.cli.common import note, state
from mentorlog.core.model import RECIPIENT_PATTERN
from mentorlog.core.text import plural
from mentorlog.errors import UserError
from mentorlog.store.journal import Journal

app = typer.Typer(
    help="Encryption keys: turn encryption on, show and change whom the text is sealed to.",
    epilog="Examples:  mentorlog key init · mentorlog key show · "
    "mentorlog key add-recipient age1...",
    no_args_is_help=True,
)

RecipientArg = Annotated[str, typer.Argument(help="An age recipient: age1 and 58 more characters.")]


def _recipient(value: str) -> str:
    import re

    wanted = value.strip().lower()
    if not re.match(RECIPIENT_PATTERN, wanted):
        raise UserError(
            f"{value.strip()[:80]!r} is not an age recipient (age1 and 58 more letters and digits)."
        )
    from mentorlog.store.crypt import check_recipient

    return check_recipient(wanted)


def encrypt_journal(journal: Journal, passphrase: bool) -> None:
    """Turn encryption on and say what it did, and what it could not reach."""
    from mentorlog.store.keys import ask_new_passphrase, init_key

    report = init_key(journal, ask_new_passphrase if passphrase else None)
    made = "Made the identity" if report.made_identity else "Using the identity"
    note(f"{made} {report.identity} (keep a copy safe: without it the text cannot be read).")
    note(
        f"Encrypted to {', '.join(report.recipients)}: {plural(report.sealed, 'check-in')} sealed."
    )
    if report.sealed_in_trash:
        note(f"Sealed {plural(report.sealed_in_trash, 'deleted check-in')} in .trash/ too.")
    if report.undo_cleared:
        note("Cleared the undo history (.undo/): it kept plain copies of earlier changes.")
    if report.remote:
        note(
            f"The remote {report.remote} still holds plain text in the commits pushed before; "
            "see docs/privacy.md to start a fresh remote."
        )


def init_key(
    ctx: typer.Context,
    passphrase: Annotated[
        bool,
        typer.Option(
            "--passphrase", help="Protect the identity file with a passphrase (age's scrypt)."
        ),
    ] = False,
) -> None:
    """Make an identity and encrypt the journal's check-ins' text (resumes a stopped run)."""
    encrypt_journal(state(ctx).require_journal(), passphrase)


def show_key(ctx: typer.Context) -> None:
    """Print whom the journal's text is sealed to (one recipient a line)."""
    journal = state(ctx).require_journal()
    recipients = journal.recipients()
    if not recipients:
        raise UserError("This journal is not encrypted.", hint="Start with: mentorlog key init")
    for recipient in recipients:
        typer.echo(recipient)
    note(
        f"Identity: {journal.opener.path}" + ("" if journal.opener.path.exists() else " (not here)")
    )


def add_recipient(ctx: typer.Context, recipient: RecipientArg) -> None:
    """Seal the text to one more key too (another device, a paper backup).

    Every check-in's text is sealed again: sync every other device first, then run this, then
    sync, or their unsynced edits of check-ins meet re-sealed files as conflicts."""
    from mentorlog.store.keys import change_recipients

    report = change_recipients(state(ctx).require_journal(), add=_recipient(recipient))
    note(
        f"Added; {plural(report.sealed, 'check-in')} sealed to "
        f"{plural(len(report.recipients), 'recipient')}."
    )


def remove_recipient(ctx: typer.Context, recipient: RecipientArg) -> None:
    """Stop sealing the text to a key, and seal every value again without it.

    Sync every other device first (as for add-recipient). Commits pushed before still hold
    values that key opens: start a fresh remote if it is lost (docs/privacy.md)."""
    from mentorlog.store.keys import change_recipients

    report = change_recipients(state(ctx).require_journal(), remove=_recipient(recipient))
    note(
        f"Removed; {plural(report.sealed, 'check-in')} sealed to "
        f"{plural(len(report.recipients), 'recipient')}."
    )


app.command("init")(init_key)
app.command("show")(show_key)
app.command("add-recipient")(add_recipient)
app.command("remove-recipient")(remove_recipient)
