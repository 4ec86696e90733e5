"""The root command: global options, the one error path, and the command groups, each
imported only when it is the one asked for (startup is part of the product)."""

import copy
import functools
import gc
import importlib
import itertools
import os
import sys
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup
from typer.models import CommandInfo

from mentorlog import __version__
from mentorlog.dates import DATE_HELP
from mentorlog.errors import JournalError, MentorlogError

# name -> (module under mentorlog.cli, attribute): a Typer group, or the `commands` Typer
# holding that top-level command. The order is the order of `mentorlog --help`.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("setup", "commands"),
    "path": ("setup", "commands"),
    "demo": ("demo", "commands"),
    "rel": ("relationships", "app"),
    "expect": ("agreement", "app"),
    "checkin": ("checkins", "app"),
    "agenda": ("agenda", "app"),
    "goal": ("goals", "app"),
    "action": ("actions", "app"),
    "health": ("health", "app"),
    "learn": ("learning", "app"),
    "net": ("network", "app"),
    "summary": ("review", "commands"),
    "status": ("review", "commands"),
    "search": ("search", "commands"),
    "export": ("data", "commands"),
    "import": ("data", "commands"),
    "sync": ("data", "commands"),
    "doctor": ("maintenance", "commands"),
    "trash": ("maintenance", "trash_app"),
    "undo": ("undo", "commands"),
    "key": ("keys", "app"),
}


def load_command(name: str) -> Any:
    """Build the click command for one name, importing only its module; of a group, only the
    subcommand asked for is built (Typer reads each command's signature as it builds it)."""
    module_name, attribute = COMMANDS[name]
    module = importlib.import_module(f"mentorlog.cli.{module_name}")
    typer_app: typer.Typer = getattr(module, attribute)
    builders = {
        _command_name(info): functools.partial(_build_command, typer_app, info)
        for info in typer_app.registered_commands
    }
    if attribute == "commands":
        return builders[name]()
    bare = copy.copy(typer_app)
    bare.registered_commands = []
    group = typer.main.get_group(bare)
    group.commands = LazyCommands(builders)
    group.params.extend(global_options_after())
    group.name = name
    return group


def help_entry() -> Any:
    """`help` in the list of commands; MentorlogGroup.resolve_command answers it, as
    `help goal add` is `goal add --help`."""
    command = typer.core.TyperArgument(
        param_decls=["command"],
        nargs=-1,
        required=False,
        metavar="[COMMAND]...",
        help="A command, and a subcommand of it: goal add.",
    )
    return typer.core.TyperCommand(
        "help", params=[command], help="Show the help of a command: mentorlog help goal add."
    )


def _command_name(info: CommandInfo) -> str:
    assert info.callback is not None
    return info.name or typer.main.get_command_name(info.callback.__name__)


def _build_command(typer_app: typer.Typer, info: CommandInfo) -> Any:
    command = typer.main.get_command_from_info(
        info,
        pretty_exceptions_short=typer_app.pretty_exceptions_short,
        rich_markup_mode=typer_app.rich_markup_mode,
    )
    command.params.extend(global_options_after())
    return command


def global_options_after() -> list[Any]:
    """--journal, --as-of and --debug for a command or group, so that they may also follow its
    name (`mentorlog status --journal X`); hidden, as the root's help lists them. No command
    has options of these names, and Click, parsing the command's own options, reads a value
    such as `--summary --journal` or anything after `--` as what it is."""
    return [
        typer.core.TyperOption(
            param_decls=list(names),
            callback=_given_after_the_command,
            expose_value=False,
            hidden=True,
            is_flag=flag,
        )
        for names, flag in (
            (("--journal", "journal"), False),
            (("--as-of", "as_of"), False),
            (("--debug", "debug"), True),
        )
    ]


def _given_after_the_command(ctx: Any, param: Any, value: Any) -> None:
    """Apply a global option given after the command, as the root callback (which has run by
    then) applies it before."""
    if value is None or value is False:
        return
    if ctx.resilient_parsing:  # completing: the journal to complete from (cli/completion.py)
        ctx.find_root().params[param.name] = value
        return
    from mentorlog.cli.common import state
    from mentorlog.dates import parse_date

    app_state = state(ctx)
    if param.name == "journal":
        app_state.journal_path = Path(value).expanduser().absolute()
    elif param.name == "as_of":
        app_state.today = parse_date(value, date.today(), app_state.first_weekday)
    else:
        app_state.debug = True


class LazyCommands(MutableMapping[str, Any]):
    """A group's commands: every name is known at once, each built on first use."""

    def __init__(self, builders: Mapping[str, Callable[[], Any]]) -> None:
        self.builders = builders
        self.loaded: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self.loaded:
            if name not in self.builders:
                raise KeyError(name)
            self.loaded[name] = self.builders[name]()
        return self.loaded[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self.loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter([*self.builders, *(n for n in self.loaded if n not in self.builders)])

    def __len__(self) -> int:
        return len(set(self.builders) | set(self.loaded))


class MentorlogGroup(TyperGroup):
    """The root group: lazy commands, and every MentorlogError turned into a message and its
    exit code, in one place."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        builders = {n: functools.partial(load_command, n) for n in COMMANDS}
        self.commands = LazyCommands({**builders, "help": help_entry})
        self.suggest_commands = False  # resolve_command suggests only near names

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # The root's own options (a bad --as-of) fail before the command has read its
        # --format: what the command line asks for decides whether that error is JSON.
        ctx.meta[JSON_ASKED] = asks_for_json(args)
        return list(super().parse_args(ctx, args))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """`help [COMMAND...]` is `[COMMAND...] --help`; an unknown name gets a "did you
        mean" only when it is a near miss of a command (not `help` → `health`)."""
        if args and args[0] == "help" and not ctx.resilient_parsing:
            if all(arg in ("-h", "--help") for arg in args[1:]):  # `help`, `help --help`
                typer.echo(ctx.get_help())
                ctx.exit()
            args = [*args[1:], "--help"]
        ctx.meta[COMMAND_LINE] = list(args)  # kept with the change it makes, for `undo --list`
        names = list(self.commands)  # the names alone: no command is built to test one
        if args and args[0] not in names and not ctx.resilient_parsing:
            import difflib

            near = difflib.get_close_matches(args[0], names, n=1, cutoff=0.75)
            if near:
                ctx.fail(f"No such command '{args[0]}'. Did you mean '{near[0]}'?")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
        except typer.Exit as done:
            if done.exit_code in (0, 4):
                end_run(ctx)
            raise
        except BrokenPipeError:
            # The reader went away (`mentorlog search x | head -1`): stop quietly, as a command
            # killed by SIGPIPE does, and keep Python's final flush from complaining.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(141) from None
        except (MentorlogError, OSError) as error:
            from mentorlog.cli.common import AppState, report_error

            app_state = ctx.obj if isinstance(ctx.obj, AppState) else None
            if isinstance(error, OSError):
                name = f" {error.filename}" if error.filename else ""
                error = JournalError(f"Could not access{name}: {error.strerror or error}.")
            if app_state is not None and app_state.debug:
                import traceback

                traceback.print_exc()
            report_error(
                error, json_mode=app_state is not None and app_state.output_format == "json"
            )
            raise typer.Exit(error.exit_code) from None
        end_run(ctx)
        return result


JSON_ASKED = "mentorlog.json"
COMMAND_LINE = "mentorlog.command_line"


def asks_for_json(args: list[str]) -> bool:
    """Whether a command line asks for `--format json` (`--format=json`, `-f json`)."""
    return any(
        arg in ("--format=json", "-fjson") or (arg in ("--format", "-f") and value == "json")
        for arg, value in itertools.pairwise([*args, ""])
    )


def end_run(ctx: Any) -> None:
    """The end of a command that did not fail: name what is still to be named, and exit 3 when
    it could not read every record it needed, as what it printed is incomplete. 3 wins over
    --fail-on's 4: a review with records missing cannot say whether the condition was met."""
    from mentorlog.cli.common import AppState, flush_warnings, note
    from mentorlog.core.text import plural

    app_state = ctx.obj if isinstance(ctx.obj, AppState) else None
    if app_state is None:
        return
    flush_warnings(ctx)
    if not app_state.problems:
        return
    if app_state.told_on_stderr:
        count = plural(len(app_state.problems), "file")
        note(f"Error: the output is incomplete: {count} could not be read.")
        note(
            "Hint: Fix each file as its message says (or restore it from .trash/ or git); "
            "mentorlog doctor lists every problem."
        )
    raise typer.Exit(3)


app = typer.Typer(
    cls=MentorlogGroup,
    name="mentorlog",
    help=(
        "A mentorship journal: agreements, check-ins, goals, commitments and accountability.\n\n"
        "The options below may also follow the command: mentorlog status --journal ~/mentoring."
    ),
    epilog="Examples:  mentorlog demo · mentorlog rel add 'Ada Lovelace' --as mentor · mentorlog status",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def default_journal() -> Path:
    """The journal the config file names, else the platform's data folder for mentorlog."""
    from mentorlog.store.config import config_path, configured_journal

    unknown: list[str] = []
    config = config_path()
    configured = configured_journal(config, unknown)
    if unknown:
        from mentorlog.cli.common import note
        from mentorlog.core.text import plural

        note(f"{config}: {plural(len(unknown), 'unknown setting')} ignored: {', '.join(unknown)}.")
    if configured is not None:
        return configured
    from platformdirs import user_data_path

    return user_data_path("mentorlog")


def show_version(value: bool) -> None:
    if value:
        typer.echo(f"mentorlog {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    journal: Annotated[
        Path | None,
        typer.Option(
            "--journal",
            envvar="MENTORLOG_JOURNAL",
            help=(
                "The journal folder (default: `journal` in the config file, else your "
                "platform's data folder for mentorlog)."
            ),
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            envvar="MENTORLOG_AS_OF",
            help=f"Treat this date as today, for reproducible reviews. {DATE_HELP}.",
            metavar="DATE",
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", envvar="MENTORLOG_DEBUG", help="Show tracebacks for errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """A mentorship journal: agreements, check-ins, goals, commitments and accountability."""
    from mentorlog.cli.common import AppState
    from mentorlog.dates import parse_date

    real_today = date.today()
    ctx.obj = AppState(
        journal_path=(journal or default_journal()).expanduser().absolute(),
        today=real_today,
        debug=debug,
        command=ctx.meta.get(COMMAND_LINE),
    )
    if ctx.meta.get(JSON_ASKED):
        ctx.obj.output_format = "json"
    if as_of:
        ctx.obj.today = parse_date(as_of, real_today, ctx.obj.first_weekday)
    ctx.call_on_close(ctx.obj.close)


def main() -> None:
    """The console-script entry point."""
    # Bytes that are not UTF-8 reach Python as lone surrogates, which no file can hold:
    # they become U+FFFD here, once, before any command sees them.
    sys.argv = [
        arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for arg in sys.argv
    ]
    try:
        app(prog_name="mentorlog")
    finally:
        # The interpreter's exit runs a full garbage collection over every object still alive,
        # thousands of records among them, for nothing (docs/benchmarks.md).
        gc.freeze()
