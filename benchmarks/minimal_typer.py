"""The baseline: the smallest Typer app that prints a version, written the way Typer's
documentation shows (an eager `--version` option with a callback)."""

from typing import Annotated

import typer

app = typer.Typer()


def show_version(value: bool) -> None:
    if value:
        print("minimal 1.0")
        raise typer.Exit()


@app.command()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=show_version, is_eager=True)
    ] = False,
) -> None:
    """Do nothing."""


if __name__ == "__main__":
    app()
