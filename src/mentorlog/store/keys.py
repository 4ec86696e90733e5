"""An encrypted journal's keys: making the identity, sealing what was written before it
(resumable: `[encryption] state` says "encrypting" until every file is sealed), and changing
whom the text is sealed to (docs/privacy.md)."""

import os
import shutil
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec
from msgspec import Struct

from mentorlog.core.model import Encryption
from mentorlog.errors import JournalError, UserError
from mentorlog.store import crypt, files
from mentorlog.store.doctor import CONFLICT_COPY
from mentorlog.store.journal import JOURNAL_FILE, Journal
from mentorlog.store.layout import REL_DIR, UNDO_DIR
from mentorlog.store.trash import trash_entries


class KeyReport(Struct, kw_only=True):
    """What a key command did, for the words the cli says about it."""

    recipients: list[str]
    identity: str
    made_identity: bool = False
    sealed: int = 0  # check-in files sealed (or sealed again to the recipients)
    sealed_in_trash: int = 0
    undo_cleared: bool = False
    remote: str = ""  # the git remote that may hold plain text from before


def ask_new_passphrase() -> str:
    """A new identity's passphrase: `MENTORLOG_PASSPHRASE_FILE`, else asked twice (no echo)."""
    if os.environ.get(crypt.PASSPHRASE_FILE_ENV) or not sys.stdin.isatty():
        return crypt.passphrase_from_file()
    import getpass

    first = getpass.getpass("New passphrase for the identity: ")
    if not first or getpass.getpass("The same again: ") != first:
        raise UserError("The passphrases were empty or differ; no key was made.")
    return first


def init_key(journal: Journal, passphrase: Callable[[], str] | None) -> KeyReport:
    """Turn encryption on: the identity (made, or the one already there), its recipient in
    journal.toml with state "encrypting", every check-in sealed file by file, then "complete".
    Run again after it was stopped, it finishes: a sealed value is never sealed twice."""
    with journal.writing(recorded=False):
        info = journal.info()
        encryption = info.encryption
        report = KeyReport(recipients=[], identity=str(journal.opener.path))
        if encryption is not None and encryption.state == "complete" and encryption.recipients:
            raise UserError(
                "This journal is encrypted already; key init made nothing.",
                hint="To read it on another device or keep a backup key, add its recipient: "
                "mentorlog key add-recipient AGE1...",
            )
        if encryption is not None and encryption.recipients:  # a run that was stopped
            report.recipients = encryption.recipients
        else:
            recipient, report.made_identity = _identity_recipient(journal, passphrase)
            report.recipients = [recipient]
            _set_encryption(journal, Encryption(recipients=[recipient], state="encrypting"))
        _seal_every_checkin(
            journal, report, lambda data: crypt.seal_values(data, report.recipients)
        )
        report.undo_cleared = _clear_undo(journal)
        _set_encryption(journal, Encryption(recipients=report.recipients, state="complete"))
        report.remote = _remote(journal)
        return report


def change_recipients(
    journal: Journal, add: str | None = None, remove: str | None = None
) -> KeyReport:
    """Add or remove a recipient, and seal every value again to the new list (it needs the
    identity: a removed key must not open what is written after, nor what was before)."""
    with journal.writing(recorded=False):
        current = journal.info().encryption
        if current is None or not current.recipients:
            raise UserError("This journal is not encrypted.", hint="Start with: mentorlog key init")
        recipients = list(current.recipients)
        if add is not None and add not in recipients:
            recipients.append(add)
        if remove is not None:
            if remove not in recipients:
                raise UserError(
                    f"{remove} is not a recipient of this journal.", hint="See: mentorlog key show"
                )
            recipients.remove(remove)
            if not recipients:
                raise UserError("That is the journal's last recipient; nothing was changed.")
        if recipients == current.recipients and current.state == "complete":
            raise UserError(f"{add} is a recipient already; nothing was changed.")
        if not journal.opener.unlock():
            raise journal.opener.missing("This journal")
        if remove is not None and remove == crypt.recipient_of(journal.opener.identity()):
            raise UserError(
                f"{remove} is the key of this device's identity ({journal.opener.path}): "
                "without it, this device could read nothing written from now on. Nothing was "
                "changed.",
                hint="Remove it from a device whose own key stays a recipient.",
            )
        _set_encryption(journal, Encryption(recipients=recipients, state="encrypting"))
        report = KeyReport(recipients=recipients, identity=str(journal.opener.path))

        def reseal(data: dict[str, Any]) -> dict[str, Any]:
            return crypt.seal_values(crypt.opened(data, journal.opener), recipients)

        _seal_every_checkin(journal, report, reseal)
        _set_encryption(journal, Encryption(recipients=recipients, state="complete"))
        return report


def _identity_recipient(journal: Journal, passphrase: Callable[[], str] | None) -> tuple[str, bool]:
    """The recipient of the identity file, made (0600) when there is none; whether it was made."""
    opener = journal.opener
    if opener.path.exists():
        if opener.protected() and not opener.unlock():
            crypt.passphrase_from_file()  # raises: says how to give it
        return crypt.recipient_of(opener.identity()), False
    created = datetime.now().astimezone().isoformat(timespec="seconds")
    content, recipient = crypt.new_identity(created, passphrase() if passphrase else None)
    files.ensure_dir(opener.path.parent)
    files.atomic_write(opener.path, content)
    os.chmod(opener.path, files.FILE_MODE)
    return recipient, True


def _set_encryption(journal: Journal, encryption: Encryption) -> None:
    path = journal.root / JOURNAL_FILE
    journal.save(path, msgspec.structs.replace(journal.info(), encryption=encryption))


def checkin_files(journal: Journal) -> tuple[list[Path], list[Path]]:
    """Every check-in file: in the relationships (their sync conflict copies too, which stay
    on this device), and in .trash/."""
    live = [ref.path for ref in journal.record_refs("checkins")]
    copies = [
        path
        for slug in journal.relationship_slugs()
        for path in sorted((journal.root / REL_DIR / slug / "checkins").glob(f"*{CONFLICT_COPY}*"))
        if path.is_file() and not path.is_symlink()
    ]
    trashed = [
        journal.root / entry.path
        for entry in trash_entries(journal)
        if "checkins" in Path(entry.original).parts
    ]
    return live + copies, trashed


def seal_file(
    journal: Journal, path: Path, change: Callable[[dict[str, Any]], dict[str, Any]]
) -> bool:
    """Write a check-in file with its values sealed by `change`, atomically, keeping the rest
    of the file as it is; whether it changed. A file that does not parse is left for doctor."""
    import tomlkit

    content = files.read_bytes(path)
    try:
        data = files.parse_toml(path, content, journal.relative(path))
    except JournalError:
        return False
    sealed = change(data)
    changed = [key for key in crypt.SEALABLE if sealed.get(key) != data.get(key)]
    if not changed:
        return False
    document = tomlkit.parse(content.decode("utf-8-sig"))
    for key in changed:
        document[key] = sealed[key]
    files.atomic_write(path, tomlkit.dumps(document), root=journal.root)
    journal.index.fresh = False
    return True


def seal_plain(journal: Journal, paths: list[Path], recipients: list[str]) -> int:
    """Seal the plain text of the check-in files among `paths` (a device that wrote before it
    learnt the journal is encrypted, as sync finds); how many files it sealed."""
    return sum(
        seal_file(journal, path, lambda data: crypt.seal_values(data, recipients))
        for path in paths
        if path.suffix == ".toml" and path.parent.name == "checkins" and path.is_file()
    )


def _seal_every_checkin(
    journal: Journal,
    report: KeyReport,
    change: Callable[[dict[str, Any]], dict[str, Any]],
) -> None:
    live, trashed = checkin_files(journal)
    for path in live:
        report.sealed += seal_file(journal, path, change)
    for path in trashed:
        report.sealed_in_trash += seal_file(journal, path, change)


def _clear_undo(journal: Journal) -> bool:
    """Drop the undo history: it keeps earlier bytes of files, plain text included."""
    folder = files.safe_path(journal.root, journal.root / UNDO_DIR)
    if not folder.is_dir():
        return False
    shutil.rmtree(folder)
    return True


def _remote(journal: Journal) -> str:
    """The journal's git remote, if it has one (it may hold plain text from before)."""
    if not (journal.root / ".git").is_dir():
        return ""
    from mentorlog.store.sync import Git

    try:
        git = Git(journal.root, journal.info().owner)
        return git.run("remote", "get-url", "origin", check=False).stdout.strip()
    except (JournalError, UserError, OSError):
        return ""
