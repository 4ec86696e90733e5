"""The config file: settings that are not journal data (DESIGN.md §3). It has one so far,
`journal`: the folder to use when neither `--journal` nor `MENTORLOG_JOURNAL` names one."""

import os
from pathlib import Path

from mentorlog.errors import UserError
from mentorlog.store import files

CONFIG_ENV = "MENTORLOG_CONFIG"
SETTINGS = ("journal",)


def config_path() -> Path:
    """`MENTORLOG_CONFIG`, else `config.toml` in the platform's config folder for mentorlog."""
    chosen = os.environ.get(CONFIG_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_path

    return user_config_path("mentorlog") / "config.toml"


def configured_journal(path: Path, unknown: list[str]) -> Path | None:
    """The journal folder the config file names, if the file exists and names one; a relative
    path is taken from the config file's folder. Settings this version does not know are put
    in `unknown` (a newer mentorlog may have written them), not refused."""
    try:
        # A config file may well be a link into a dotfiles repository: it is followed.
        content = path.read_bytes()
    except FileNotFoundError:
        return None
    data = files.parse_toml(path, content, str(path))
    unknown += sorted(set(data) - set(SETTINGS))
    value = data.get("journal")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise UserError(
            f"{path}: 'journal' should be a folder, in quotes.",
            hint='For example: journal = "~/mentoring"',
        )
    folder = Path(value.strip()).expanduser()
    return folder if folder.is_absolute() else path.parent / folder
