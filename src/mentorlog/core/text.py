"""Pure helpers for user text: slugs, name matching and terminal-safe display."""

import re
import unicodedata
from functools import cache

from mentorlog.errors import UserError

SLUG_MAX = 48
# Names Windows refuses as file names; a slug must work on every device a journal syncs to.
RESERVED_SLUGS = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(1, 10)}
    | {f"lpt{n}" for n in range(1, 10)}
)
# What every slug is, whoever made it (slugify, a hand-made folder, an import): its characters,
# at most 64 of them (slugify's 48 and room for the -2, -3 of namesakes), never a reserved name.
SLUG_PATTERN = rf"^(?!(?:{'|'.join(sorted(RESERVED_SLUGS))})\Z)[a-z0-9][a-z0-9-]{{0,63}}\Z"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# The characters no record may hold (C0 and C1 controls and DEL; tab, line feed and carriage
# return are text), as the inside of a regex character class.
CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"


@cache
def _unsafe() -> re.Pattern[str]:
    """C0/C1 controls except tab and newline, DEL, bidi overrides and isolates, lone
    surrogates. Compiled when first needed, which JSON output never is."""
    return re.compile(
        "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
    )


def normalise_name(name: str) -> str:
    """The form two spellings of one person share: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def slugify(text: str) -> str:
    """A file-name-safe slug ([a-z0-9-], bounded); never empty, never a reserved device name."""
    folded = unicodedata.normalize("NFKD", text)
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")[:SLUG_MAX].strip("-")
    if not slug:
        return "person"
    if slug in RESERVED_SLUGS:
        return f"{slug}-1"
    return slug


def plural(n: int, word: str) -> str:
    """A count with its noun agreeing: `1 action`, `2 actions`, `3 learning entries`. Every
    message that counts goes through here, so none says `1 actions` or `problem(s)`."""
    if n == 1:
        return f"{n} {word}"
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return f"{n} {word[:-1]}ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return f"{n} {word}es"
    return f"{n} {word}s"


def clean_line(text: str) -> str:
    """User text as it may reach a terminal: control, escape and bidi characters made visible."""
    return _unsafe().sub(lambda match: f"\\x{ord(match.group()):02x}", text)


MAX_TEXT = 1_000_000
MAX_LINE = 500
MAX_ITEM = 2000


def check_text(value: str, what: str, limit: int = MAX_TEXT) -> str:
    """Refuse text no record may hold (core/model.py): control characters, or more than
    `limit` characters."""
    control = re.search(f"[{CONTROL_CHARACTERS}]", value)
    if control:
        raise UserError(
            f"The {what} contains a control character ({control.group()!r} at position "
            f"{control.start() + 1:,}); nothing was saved.",
            hint="Only tabs and line breaks may appear among the characters of a text.",
        )
    if len(value) > limit:
        raise UserError(
            f"The {what} is {len(value):,} characters; the limit is {limit:,}. Nothing was saved.",
            hint="Keep long documents elsewhere and link to them.",
        )
    return value


def require_text(value: str, what: str, limit: int = MAX_LINE) -> str:
    """Strip text and refuse it when nothing is left (or it is too long), naming what it was."""
    stripped = value.strip()
    if not stripped:
        raise UserError(f"The {what} is empty.")
    return check_text(stripped, what, limit)


def snippet(text: str, query: str, width: int = 60) -> tuple[str, int, int]:
    """A window of `text` around the first case-insensitive match of `query`.

    Returns the window and the match's start and end inside it (-1, -1 when no match)."""
    flat = " ".join(text.split())
    at = flat.casefold().find(query.casefold())
    if at < 0:
        return flat[:width], -1, -1
    start = max(0, at - width // 3)
    end = min(len(flat), max(at + len(query), start + width))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    window = prefix + flat[start:end] + suffix
    offset = len(prefix) + at - start
    return window, offset, offset + len(query)
