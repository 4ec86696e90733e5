"""Writing text in the person's own editor, without holding the journal lock meanwhile."""

import os
import shlex
import subprocess
from pathlib import Path

from mentorlog.core.editor_template import strip_template
from mentorlog.errors import UserError
from mentorlog.store.files import edit_temp_file


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


def edit_text(template: str) -> str:
    """Open the template in the editor and return what was written above the scissors line.

    Nothing is kept if the editor fails or the text is left empty."""
    text = strip_template(edit_temp_file(template, run_editor))
    if not text:
        raise UserError("The notes were left empty; nothing was saved.")
    return text
