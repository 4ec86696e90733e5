"""Writing text in the person's own editor, without holding the journal lock meanwhile, and
without losing it when it cannot be saved after the editor closes."""

import contextlib
import os
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path

from mentorlog.cli.common import note
from mentorlog.core.editor_template import strip_template
from mentorlog.core.text import check_text
from mentorlog.errors import MentorlogError, UserError
from mentorlog.store.files import edit_temp_file, ensure_dir

STATE_ENV = "MENTORLOG_STATE"


def editor_command() -> list[str]:
    """VISUAL, then EDITOR, split like a shell would but never run through one."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    argv = shlex.split(command)
    if not argv:
        raise UserError(
            "VISUAL/EDITOR is set but empty.", hint="export EDITOR=nano (or your editor)"
        )
    return argv


def run_editor(path: Path) -> None:
    """Open a file in the editor and wait; a missing editor or a failed edit saves nothing."""
    argv = editor_command()
    try:
        completed = subprocess.run([*argv, str(path)], check=False)
    except FileNotFoundError:
        raise UserError(
            f"The editor '{argv[0]}' was not found; nothing was saved.",
            hint="Set VISUAL or EDITOR, or pass the text with --notes.",
        ) from None
    if completed.returncode != 0:
        raise UserError(f"The editor exited with status {completed.returncode}; nothing was saved.")


def edit_text(template: str, what: str = "notes") -> str:
    """Open the template in the editor and return what was written above the scissors line.

    Nothing is kept if the editor fails or the text (the notes, the agreement) is left empty."""
    text = strip_template(edit_temp_file(template, run_editor))
    if not text:
        raise UserError(f"The {what} came back empty from the editor; nothing was saved.")
    return text


def state_path() -> Path:
    """`MENTORLOG_STATE`, else the platform's state folder for mentorlog: where text written in
    the editor is kept when it could not be saved."""
    chosen = os.environ.get(STATE_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_state_path

    return user_state_path("mentorlog")


def keep_text(text: str) -> Path:
    """Write `text` to a new file in the state folder that only the user can read (0600, in a
    0700 folder): it holds what may be private notes."""
    import tempfile

    folder = state_path() / "unsaved"
    ensure_dir(folder)
    fd, name = tempfile.mkstemp(prefix="notes-", suffix=".md", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return Path(name)


@contextlib.contextmanager
def kept_unless_saved(text: str | None, use: str, what: str = "notes") -> Iterator[None]:
    """Check and save text written in the editor (None: none was) inside this block. If that
    fails (too long, the lock not had, the record deleted meanwhile), the text is kept in a
    file and the error says where, and how to use it: `use`, in which FILE stands for the file."""
    if text is None:
        yield
        return
    try:
        check_text(text, what)
        yield
    except BaseException as error:
        try:
            kept = keep_text(text)
        except (OSError, MentorlogError) as failure:
            note(f"Your text could not be kept in {state_path()} ({failure}); here it is:")
            note(text)
            raise error from None
        told = f"Your text is kept in {kept}. {use.replace('FILE', shlex.quote(str(kept)))}"
        if isinstance(error, MentorlogError):
            error.hint = f"{error.hint}\n{told}" if error.hint else told
        else:
            note(told)
        raise
