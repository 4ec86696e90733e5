"""Encryption at rest with age: the one module that imports pyrage (docs/privacy.md).

What a check-in's people wrote is stored as ASCII-armoured age ciphertext inside its TOML value,
one value (one list item) at a time, so every type and every other field stays plain. Writing
needs only the journal's recipients; reading opens each value with the identity, or shows the
placeholder where there is none. pyrage is imported only where something is sealed or opened:
a journal without recipients, or a read without the identity, never loads it."""

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mentorlog.errors import JournalError, UserError
from mentorlog.store import files
from mentorlog.store.convert import RecordError

IDENTITY_ENV = "MENTORLOG_IDENTITY"
PASSPHRASE_FILE_ENV = "MENTORLOG_PASSPHRASE_FILE"
ARMOR = "-----BEGIN AGE ENCRYPTED FILE-----"
PLACEHOLDER = "[encrypted]"
# A check-in's free text, sealed in every check-in; a private one's summary and topics too.
TEXT_FIELDS = ("notes", "feedback_given", "feedback_received", "concerns", "learned")
PRIVATE_FIELDS = ("summary", "topics")
SEALABLE = TEXT_FIELDS + PRIVATE_FIELDS
NO_READER = "none"


def identity_path() -> Path:
    """`MENTORLOG_IDENTITY`, else `identity.txt` beside the config file (0600)."""
    chosen = os.environ.get(IDENTITY_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from mentorlog.store.config import config_path

    return config_path().parent / "identity.txt"


# A whole armoured age file, as pyrage writes it: a note that merely starts like one is text.
_ARMORED = re.compile(
    r"-----BEGIN AGE ENCRYPTED FILE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END AGE ENCRYPTED FILE-----\s*"
)


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and _ARMORED.fullmatch(value) is not None


def check_recipient(recipient: str) -> str:
    """A recipient age itself accepts (its checksum too), before anything is written."""
    import pyrage

    try:
        pyrage.x25519.Recipient.from_str(recipient)
    except pyrage.RecipientError as error:
        raise UserError(f"{recipient[:80]!r} is not an age recipient ({error}).") from None
    return recipient


def fields_to_seal(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The keys of a check-in's data that are stored sealed."""
    return SEALABLE if data.get("private") is True else TEXT_FIELDS


def _values(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def holds_sealed(data: Mapping[str, Any]) -> bool:
    return any(is_sealed(item) for key in SEALABLE for item in _values(data.get(key)))


def plain_fields(data: Mapping[str, Any]) -> list[str]:
    """The keys of a check-in's data holding text that should be sealed and is not."""
    return [
        key
        for key in fields_to_seal(data)
        if any(
            isinstance(item, str) and item and not is_sealed(item)
            for item in _values(data.get(key))
        )
    ]


def seal(text: str, recipients: list[str]) -> str:
    """One value as armoured age ciphertext to every recipient."""
    import pyrage

    try:
        keys = [pyrage.x25519.Recipient.from_str(r) for r in recipients]
    except pyrage.RecipientError as error:
        raise JournalError(
            f"journal.toml [encryption]: a recipient is not an age key ({error})."
        ) from None
    return bytes(pyrage.encrypt(text.encode("utf-8"), keys, armored=True)).decode("ascii")


def seal_values(data: Mapping[str, Any], recipients: list[str]) -> dict[str, Any]:
    """A check-in's data with every value to seal sealed; what is sealed already stays as is
    (a file sealed by a killed `key init` is never sealed twice)."""
    sealed = dict(data)
    for key in fields_to_seal(data):
        value = data.get(key)
        if isinstance(value, list):
            sealed[key] = [item if is_sealed(item) else seal(item, recipients) for item in value]
        elif isinstance(value, str) and value and not is_sealed(value):
            sealed[key] = seal(value, recipients)
    return sealed


def sealed_for_saving(
    data: Mapping[str, Any],
    recipients: list[str],
    stored: Mapping[str, Any],
    stored_open: Mapping[str, Any],
) -> dict[str, Any]:
    """A changed check-in's data to write over `stored` (its file's data, `stored_open` opened):
    a value the change left as it was keeps its stored form, so a placeholder is never written
    over ciphertext and nothing unchanged is encrypted again; the rest is sealed as new."""
    kept = {
        key: stored[key]
        for key in SEALABLE
        if key in data and key in stored and data[key] == stored_open.get(key)
    }
    return seal_values({**data, **kept}, recipients)


class Opener:
    """How this process opens sealed values: with the identity, or as placeholders.

    A passphrase-protected identity is usable without asking only when
    `MENTORLOG_PASSPHRASE_FILE` names the passphrase; otherwise views show placeholders, and
    only a command that needs the text asks for it (`unlock`), on a terminal."""

    def __init__(self) -> None:
        self.path = identity_path()
        self._identity: Any = None
        self._content: bytes | None = None
        self._failure: UserError | None = None  # an identity that did not load, once

    def _read(self) -> bytes | None:
        if self._content is None:
            try:
                self._content = files.read_bytes(self.path)
            except (FileNotFoundError, NotADirectoryError):
                return None
        return self._content

    def protected(self) -> bool:
        return (self._read() or b"").lstrip().startswith(ARMOR.encode())

    def usable(self) -> bool:
        """Whether sealed values can be opened without asking anyone."""
        if self._identity is not None:
            return True
        if self._read() is None:
            return False
        return not self.protected() or bool(os.environ.get(PASSPHRASE_FILE_ENV))

    def mode(self) -> str:
        """What the index records it was built with: the identity's fingerprint, or "none"."""
        content = self._read()
        if content is None or not self.usable():
            return NO_READER
        import hashlib

        return "age:" + hashlib.sha256(content).hexdigest()[:16]

    def unlock(self) -> bool:
        """Make the identity usable for a command that needs the text, asking a protected
        identity's passphrase on a terminal; whether it now is."""
        if self.usable():
            return True
        if self._read() is None or not sys.stdin.isatty():
            return False
        import getpass

        self._identity = load_identity(
            self._read() or b"", getpass.getpass(f"Passphrase for {self.path}: "), self.path
        )
        return True

    def identity(self) -> Any:
        """The identity, loaded once; one that does not load (a wrong passphrase: scrypt is
        slow on purpose) fails every later call at once."""
        if self._failure is not None:
            raise self._failure
        if self._identity is None:
            content = self._read()
            if content is None:
                raise self.missing("this")
            try:
                self._identity = load_identity(
                    content, passphrase_from_file() if self.protected() else None, self.path
                )
            except UserError as error:
                self._failure = error
                raise
        return self._identity

    def missing(self, what: str) -> JournalError:
        """The error of a command that needs the text and has only placeholders."""
        return JournalError(
            f"{what} is encrypted, and its text needs the identity file {self.path}, "
            + ("which is not there." if self._read() is None else "which is passphrase-protected.")
            + " Nothing was changed.",
            hint=f"Put your identity file there (or name it with {IDENTITY_ENV}); a protected one "
            f"needs its passphrase on a terminal or in {PASSPHRASE_FILE_ENV}. See docs/privacy.md.",
        )

    def open_value(self, value: str, key: str) -> str:
        """One sealed value's text (its problem names the key), or the placeholder."""
        if not self.usable():
            return PLACEHOLDER
        import pyrage

        try:
            identity = self.identity()
        except UserError as error:  # the identity's fault, not the record's: say so
            raise RecordError(
                f"the key '{key}' cannot be opened: {error.message}", key=key
            ) from None
        try:
            return bytes(pyrage.decrypt(value.encode("ascii"), [identity])).decode("utf-8")
        except (pyrage.DecryptError, UnicodeError, ValueError) as error:
            raise RecordError(
                f"the key '{key}' holds ciphertext that {self.path} cannot decrypt ({error})",
                key=key,
            ) from None


def opened(data: dict[str, Any], opener: Opener | None) -> dict[str, Any]:
    """A file's data with each sealed value opened (`opener`) or as the placeholder (None), so
    the record rules always see text: the one step every reader takes before `to_record`."""
    if not holds_sealed(data):
        return data

    def open_one(value: Any, key: str) -> Any:
        if not is_sealed(value):
            return value
        return opener.open_value(value, key) if opener is not None else PLACEHOLDER

    result = dict(data)
    for key in SEALABLE:
        value = data.get(key)
        if isinstance(value, list):
            result[key] = [open_one(item, f"{key}[{n}]") for n, item in enumerate(value)]
        elif value is not None:
            result[key] = open_one(value, key)
    return result


def passphrase_from_file() -> str:
    chosen = os.environ.get(PASSPHRASE_FILE_ENV)
    if not chosen:
        raise UserError(
            "The identity is passphrase-protected and no passphrase was given.",
            hint=f"Run on a terminal, or name a file holding it with {PASSPHRASE_FILE_ENV}.",
        )
    try:
        content = files.read_given_file(Path(chosen).expanduser(), 4096, "a passphrase file")
        return content.decode("utf-8").rstrip("\r\n")
    except OSError as error:
        raise UserError(
            f"{PASSPHRASE_FILE_ENV}: {chosen} cannot be read ({error.strerror})."
        ) from None
    except UnicodeDecodeError:
        raise UserError(f"{PASSPHRASE_FILE_ENV}: {chosen} is not UTF-8 text.") from None


def load_identity(content: bytes, passphrase: str | None, path: Path) -> Any:
    """The age identity an identity file holds (as `age-keygen` writes it, or passphrase-
    encrypted and armoured)."""
    import pyrage

    try:
        if passphrase is not None:
            content = pyrage.passphrase.decrypt(content, passphrase)
        lines = content.decode("utf-8").splitlines()
        (secret,) = [line.strip() for line in lines if line.strip().startswith("AGE-SECRET-KEY-1")]
        return pyrage.x25519.Identity.from_str(secret)
    except (pyrage.DecryptError, pyrage.IdentityError, UnicodeError, ValueError) as error:
        reason = "wrong passphrase?" if passphrase is not None else "no AGE-SECRET-KEY-1 line"
        raise UserError(f"{path} holds no usable age identity ({reason}: {error}).") from None


def recipient_of(identity: Any) -> str:
    return str(identity.to_public())


def new_identity(created: str, passphrase: str | None) -> tuple[bytes, str]:
    """A new X25519 identity as an identity file's bytes (passphrase-encrypted and armoured
    when a passphrase is given), and its recipient."""
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    recipient = recipient_of(identity)
    text = f"# created: {created}\n# public key: {recipient}\n{identity}\n".encode()
    if passphrase is not None:
        text = bytes(pyrage.passphrase.encrypt(text, passphrase, armored=True))
    return text, recipient
