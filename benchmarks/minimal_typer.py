"""The baseline: the smallest Typer app that prints a version."""

import typer

app = typer.Typer()


@app.command()
def main(version: bool = typer.Option(False, "--version")) -> None:
    if version:
        print("minimal 1.0")


if __name__ == "__main__":
    app()
