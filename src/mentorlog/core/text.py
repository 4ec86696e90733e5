"""Pure helpers for user text: slugs, name matching and terminal-safe display."""

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache
from typing import TypeVar

from mentorlog.errors import UserError

T = TypeVar("T")

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
    """C0/C1 controls except tab and newline, DEL, bidi marks, overrides and isolates
    (U+061C, U+200E-F, U+202A-E, U+2066-9), invisible ones (zero width U+200B-D, U+FEFF), line
    and paragraph separators (U+2028-9), lone surrogates. Compiled when first needed, which
    JSON output never is."""
    return re.compile(
        "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069"
        "\ufeff\ud800-\udfff]"
    )


def normalise_name(name: str) -> str:
    """The form two spellings of one person share: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def name_words(name: str) -> list[str]:
    """A name's words in lowercase ASCII letters and digits, whatever its script: José Núñez
    is jose, nunez; 王芳 is wang, fang (a syllable of a script without capitals is a word);
    Дмитрий is dmitriy. Symbols and emoji are left out. The transliteration (anyascii) is
    imported only for a name that is not ASCII already."""
    text = unicodedata.normalize("NFC", name)
    if not text.isascii():
        from anyascii import anyascii

        text = "".join(_spelled(char, anyascii) for char in text)
    return [word for word in _NOT_SLUG.split(text.lower()) if word]


def _spelled(char: str, anyascii: Callable[[str], str]) -> str:
    """One character in Latin letters; a syllable of a script without capitals (王 is Wang) a
    word of its own, and a symbol or emoji a space between words."""
    if char.isascii():
        return char
    category = unicodedata.category(char)[0]
    if category not in "LN":
        return "" if category == "M" else " "  # a combining accent; a symbol
    # Only letters and digits: the soft sign of Мальцев is an apostrophe in anyascii.
    spelled = anyascii(char)
    latin = _NOT_SLUG.sub("", spelled.lower())
    caseless = not (char.isupper() or char.islower())
    return f" {latin} " if caseless and spelled[:1].isupper() else latin


def name_key(name: str) -> str:
    """The loosest form of a name that still tells people apart, to find them by: its words in
    Latin letters, without case or accents ("jose nunez" finds José Núñez, "wang" 王芳)."""
    return " ".join(name_words(name))


def best_matches(wanted: str, candidates: Iterable[tuple[T, Iterable[str]]]) -> list[T]:
    """The candidates (each with its names: a slug, a person's name) that `wanted` names, by
    the strictest rule that finds any: a name itself (case aside), then without accents or in
    Latin letters, then the start of a name, then the start of it without accents."""
    wanted_forms = (normalise_name(wanted), name_key(wanted))
    known = [
        (item, [(normalise_name(n), name_key(n)) for n in names]) for item, names in candidates
    ]
    rules: list[Callable[[str, str], bool]] = [str.__eq__, str.startswith]
    for rule in rules:
        for form, target in enumerate(wanted_forms):
            found = [item for item, forms in known if any(rule(f[form], target) for f in forms)]
            if target and found:
                return found
    return []


def slugify(text: str) -> str:
    """A file-name-safe slug of a name in any script ([a-z0-9-], bounded; never a reserved
    device name): `José Núñez` is jose-nunez, `王芳` wang-fang. A name with no letter or digit
    (emoji alone) has none: the person is asked for one."""
    slug = "-".join(name_words(text))[:SLUG_MAX].strip("-")
    if not slug:
        raise UserError(
            f"'{text}' has no letter or digit to name its file after.",
            hint="Choose the name of the file with --slug, e.g. --slug sam "
            "(letters a-z, digits and hyphens).",
        )
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
