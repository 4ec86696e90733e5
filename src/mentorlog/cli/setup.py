"""Commands that set a journal up or say where it is: init, path."""

from typing import Annotated

import typer

from mentorlog.cli.common import note, state


def init_journal(
    ctx: typer.Context,
    owner: Annotated[str, typer.Option(help="Your name, shown in summaries and exports.")] = "",
    encrypt: Annotated[
        bool, typer.Option("--encrypt", help="Encrypt check-ins' text from the start (key init).")
    ] = False,
    passphrase: Annotated[
        bool, typer.Option("--passphrase", help="With --encrypt: protect the identity file.")
    ] = False,
) -> None:
    """Create an empty journal (folders private to you)."""
    app_state = state(ctx)
    app_state.journal.init(owner.strip(), app_state.today)
    note(f"Created a journal at {app_state.journal_path}")
    if encrypt:
        from mentorlog.cli.keys import encrypt_journal

        encrypt_journal(app_state.journal, passphrase)
    note("Next: mentorlog rel add NAME --as mentor|mentee")


def show_paths(ctx: typer.Context) -> None:
    """Print where the journal, the config and the state folder (unsaved editor text) live."""
    from mentorlog.cli.editing import state_path
    from mentorlog.store.config import config_path
    from mentorlog.store.crypt import identity_path

    app_state = state(ctx)
    config = config_path()
    typer.echo(f"journal: {app_state.journal_path}")
    typer.echo(f"config:  {config}{'' if config.exists() else '  (none yet)'}")
    typer.echo(f"state:   {state_path()}  (text the editor could not save)")
    identity = identity_path()
    typer.echo(f"identity: {identity}{'' if identity.exists() else '  (none here)'}")


# Top-level commands of this module, which the root loads by name when one is asked for.
commands = typer.Typer()
commands.command("init")(init_journal)
commands.command("path")(show_paths)
