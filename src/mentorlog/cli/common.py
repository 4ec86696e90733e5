"""What every command shares: the app state, option aliases, output and error reporting."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from mentorlog.cli.completion import complete_relationship
from mentorlog.core.export import PRIVATE_WITHHELD
from mentorlog.core.model import FileProblem, Relationship
from mentorlog.dates import DATE_HELP, parse_date
from mentorlog.errors import JournalError, MentorlogError, UserError
from mentorlog.store.journal import REL_KINDS, Journal, RecordRef

T = TypeVar("T")

if TYPE_CHECKING:
    from rich.console import RenderableType


class OutputFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


class AppState:
    """What the root callback learns once: where the journal is and what day it is."""

    def __init__(
        self, journal_path: Path, today: date, debug: bool = False, command: list[str] | None = None
    ) -> None:
        self.journal_path = journal_path
        self.command = command or []  # what was typed after `mentorlog`, kept for `undo`
        self.today = today
        self.debug = debug
        self.output_format = "text"
        self.problems: list[FileProblem] = []  # records this run could not read: exit 3
        self.told = 0  # how many of them were named, on stderr or in the output
        self.told_on_stderr = False
        self._journal: Journal | None = None
        self._journal_path = journal_path  # the path `_journal` was opened at

    @property
    def journal(self) -> Journal:
        """One Journal per run (it carries the index connection)."""
        if self._journal is None or self._journal_path != self.journal_path:
            self._journal = Journal(self.journal_path, self.command)  # its root: the path, resolved
            self._journal_path = self.journal_path
        return self._journal

    def has_journal(self) -> bool:
        return self._journal is not None

    def require_journal(self) -> Journal:
        """The journal, which must exist: every command but `init` and `demo` needs one."""
        self.journal.require()
        return self.journal

    def close(self) -> None:
        """At the end of every run: close the index, so that SQLite folds its WAL back in."""
        if self._journal is not None:
            self._journal.index.close()

    def when(self, text: str | None) -> date | None:
        """Parse a date option relative to the (possibly --as-of) today."""
        return None if text is None else parse_date(text, self.today, self.first_weekday)

    def first_weekday(self) -> int:
        """The journal's week start (0 is Monday), which `eow` ends the week before."""
        if not self.journal.exists():
            return 0
        from mentorlog.core.summary import first_weekday

        return first_weekday(self.journal.info().settings)


IncludePrivateOpt = Annotated[
    bool,
    typer.Option(
        "--include-private",
        help=f"Markdown: show the {PRIVATE_WITHHELD} of private check-ins, which it leaves "
        "out (text and JSON show them to you).",
    ),
]


def state(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    if not isinstance(obj, AppState):  # pragma: no cover - the root callback always sets it
        raise RuntimeError("mentorlog's root callback did not run")
    return obj


FormatOpt = Annotated[
    OutputFormat,
    typer.Option(
        "--format", "-f", help="Output: text (for people), markdown or json (for scripts)."
    ),
]
DateOpt = Annotated[str | None, typer.Option(help=f"Date: {DATE_HELP}.", metavar="DATE")]
OnDateOpt = Annotated[
    str | None,
    typer.Option("--date", help=f"The day (default: today). {DATE_HELP}.", metavar="DATE"),
]
RelArg = Annotated[
    str,
    typer.Argument(
        help="Relationship: its slug, a unique prefix of it, or the person's name.",
        autocompletion=complete_relationship,
    ),
]
OneRelArg = Annotated[
    str | None,
    typer.Argument(help="Only this relationship.", autocompletion=complete_relationship),
]
RelOpt = Annotated[
    str | None,
    typer.Option("--rel", help="Only this relationship.", autocompletion=complete_relationship),
]
SlugOpt = Annotated[
    str | None,
    typer.Option(
        "--slug",
        help="The short name its file gets and commands accept (default: made from the name, "
        "in Latin letters; needed for a name without letters, such as emoji).",
    ),
]


def chosen_slugs(journal: Journal, rel: str | None) -> list[str]:
    """The relationship asked for, or all of them."""
    return [journal.resolve_relationship(rel).id] if rel else journal.relationship_slugs()


def emit(
    ctx: typer.Context,
    fmt: OutputFormat,
    result: Any,
    text: Callable[[Any], RenderableType | list[RenderableType]],
    markdown: Callable[[Any], str] | None = None,
    empty: str | None = None,
    carries_problems: bool = False,
) -> None:
    """Print one result in the chosen format: the JSON is the result object itself. `empty`
    replaces the text of an empty list that a filter emptied ("nothing matches", not "nothing
    recorded"); a result that `carries_problems` names them itself, stderr does not."""
    from mentorlog.render.console import print_paged, render_to_string

    state(ctx).output_format = fmt.value
    if fmt is OutputFormat.text:
        from mentorlog.render.style import safe

        rendered = text(result) if result or empty is None else safe(empty)
        print_paged(rendered if isinstance(rendered, list) else [rendered])
    else:
        typer.echo(render_to_string(fmt, result, text, markdown), nl=False)
    flush_warnings(ctx, named_in_output=carries_problems)


def note(message: str) -> None:
    """A message for the person, on stderr, so stdout stays data."""
    from mentorlog.core.text import clean_line

    typer.echo(clean_line(message), err=True)


def no_match(what: str, filters: dict[str, Any]) -> str | None:
    """What an empty list says when filters emptied it: `No check-ins match --since
    2026-11-25.` (None without filters: the list's own "nothing yet" stands)."""
    given = [
        name if value is True else f"{name} {value}" for name, value in filters.items() if value
    ]
    return f"No {what} match {', '.join(given)}." if given else None


def warn_problems(ctx: typer.Context, problems: list[FileProblem]) -> None:
    """Remember the records a command could not read: it prints what it could, names these,
    and exits 3 (cli/app.py), so that no script trusts an incomplete answer."""
    known = state(ctx).problems
    for problem in problems:
        if problem not in known:
            known.append(problem)


def flush_warnings(ctx: typer.Context, named_in_output: bool = False) -> None:
    """Name on stderr, after the output, the records not read (unless the output names them)
    and what the journal warned about."""
    app_state = state(ctx)
    fresh = app_state.problems[app_state.told :]
    if fresh and not named_in_output:
        for problem in fresh:
            note(f"Not read: {problem.text()}")
        app_state.told_on_stderr = True
    app_state.told = len(app_state.problems)
    if app_state.has_journal():
        for warning in app_state.journal.warnings:
            note(f"Warning: {warning}")
        app_state.journal.warnings.clear()


def set_format(ctx: typer.Context, fmt: str) -> None:
    """Record the format before any work, so that an error is JSON in JSON mode."""
    state(ctx).output_format = str(fmt)


def report_error(error: MentorlogError, json_mode: bool) -> None:
    if json_mode:
        import json

        document = {"error": {"code": error.code, "message": error.message, "hint": error.hint}}
        typer.echo(json.dumps(document, ensure_ascii=True))
        return
    from mentorlog.core.text import clean_line

    print(f"Error: {clean_line(error.message)}", file=sys.stderr)
    if error.hint:
        print(f"Hint: {clean_line(error.hint)}", file=sys.stderr)


def change_relationship(
    ctx: typer.Context, ref: str, change: Callable[[Relationship], Relationship]
) -> Relationship:
    """Read a relationship, apply a pure change and save it, all under the journal lock."""
    journal = state(ctx).journal
    with journal.writing():
        current = journal.resolve_relationship(ref)
        updated = change(current)
        journal.save(journal.rel_file(current.id), updated)
    return updated


def load_record(
    journal: Journal, kind: str, prefix: str, what: str, cls: type[T], text: bool = False
) -> tuple[RecordRef, T]:
    """Find a record by id prefix and read it from its file (with its `text`, or exit 3)."""
    ref = journal.find(kind, prefix, what)
    return ref, journal.read(ref.path, cls, record_id=ref.id, text=text)


def change_record(
    ctx: typer.Context, kind: str, prefix: str, what: str, cls: type[T], change: Callable[[T], T]
) -> T:
    """Read a record by id prefix, apply a pure change and save it, all under the journal lock."""
    return change_records(ctx, kind, [prefix], what, cls, change)[0]


def change_records(
    ctx: typer.Context,
    kind: str,
    prefixes: list[str],
    what: str,
    cls: type[T],
    change: Callable[[T], T],
) -> list[T]:
    """Read records by id prefix, apply a pure change to each and save them, all under the
    journal lock, each record once: all or nothing, as no file is written before every id is
    found and every change made. A record whose file day changed (a check-in moved) moves to
    the file name of its new day."""
    journal = state(ctx).journal
    with journal.writing():
        found = dict(load_record(journal, kind, prefix, what, cls) for prefix in prefixes)
        changed = [(ref, change(current)) for ref, current in found.items()]
        for ref, _ in changed:  # a file a newer mentorlog wrote stops all, before any write
            journal.refuse_newer(ref.path)
        for ref, updated in changed:
            journal.save(ref.path, updated)
            if ref.rel is not None and kind in REL_KINDS:
                proper = journal.path_for(ref.rel, kind, updated)
                if proper != ref.path:
                    journal.move(ref.path, proper)
    return [updated for _, updated in changed]


def add_record(
    ctx: typer.Context, rel_ref: str, kind: str, build: Callable[[Relationship, str], T]
) -> tuple[Relationship, T]:
    """Create a record in a relationship with a fresh id, under the journal lock."""
    journal = state(ctx).journal
    with journal.writing():
        rel = journal.resolve_relationship(rel_ref)
        taken = journal.taken_ids(kind)
        record = build(rel, journal.new_id(taken))
        journal.create(journal.path_for(rel.id, kind, record), record)
    return rel, record


def write_output(output: Path, text: str) -> None:
    """Write what --output names, whole or not at all (atomically). A path that cannot take
    it (a folder, a missing folder, no permission) is the user's to change: exit 1."""
    from mentorlog.store.files import atomic_write

    try:
        atomic_write(output.absolute(), text)
    except JournalError as error:
        raise UserError(
            error.message, hint="Give --output a file in a folder you can write."
        ) from None
