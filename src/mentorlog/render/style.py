"""What every renderer shares: user text made safe for a terminal (`safe`) and for Markdown
(`md`), links, and colours with meaning.

Every string that comes from a record or an import goes through one of them, not only free
text: an owner, a mode or an id edited by hand is as able to carry an escape sequence or
HTML as a note is."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mentorlog.core.text import clean_line

if TYPE_CHECKING:
    from rich.text import Text

OVERDUE = "bold red"
SOON = "yellow"
GOOD = "green"
MUTED = "dim"


def safe(value: object, style: str = "") -> Text:
    """User text as a Rich Text: never parsed as markup, control characters made visible."""
    from rich.text import Text

    return Text(clean_line(str(value)), style=style)


# A link that may be shown as one: http or https, then only the characters RFC 3986 allows in
# a URL (no space, quote, angle bracket, backslash, escape sequence or bidi character).
_WEB_LINK = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", re.IGNORECASE)


def web_link(url: str) -> str | None:
    """The URL, when it is a plain web address that may be shown as a link; None for anything
    else (`javascript:`, an OSC 8 sequence, spaces), which is shown as text."""
    url = url.strip()
    return url if _WEB_LINK.fullmatch(url) else None


def link_text(url: str) -> Text:
    """A link for a terminal: a web address is a hyperlink (Rich writes it as one only to a
    terminal); anything else is text like any other."""
    from rich.style import Style
    from rich.text import Text

    address = web_link(url)
    if address is None:
        return safe(url, MUTED)
    return Text(address, style=Style(link=address, dim=True))


_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Characters that could make a value into Markdown (emphasis, code, links, table cells,
# strike-through): each is shown as itself with a backslash before it.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# At the start of a line these would begin a heading, quote, list or rule.
_BLOCK_START = re.compile(r"^(\s*(?:\d+(?=[.)]))?)([#+=.)-])")
# In notes, which keep their Markdown, what could make a link or an image.
_NOTES_SPECIAL = re.compile(r"([\\\[\]])")


def md(text: str, notes: bool = False) -> str:
    """User text made safe for Markdown: it never becomes HTML (`<` is `&lt;`, for every
    renderer), a link or an image, and control characters are made visible.

    A value becomes one line that reads as written, whatever it holds. `notes`, the Markdown
    a person wrote, keep their lines, headings, lists and emphasis."""
    clean = clean_line(text).translate(_HTML)
    if notes:
        return _NOTES_SPECIAL.sub(r"\\\1", clean)
    line = _MARKDOWN_SPECIAL.sub(r"\\\1", clean.replace("\n", " "))
    return _BLOCK_START.sub(r"\1\\\2", line)


def md_link(url: str) -> str:
    """A link in Markdown: an autolink (`<https://…>`) when it is a web address, else text."""
    address = web_link(url)
    return f"<{address}>" if address else md(url)


def bar(percent: int | None, width: int = 10) -> str:
    if percent is None:
        return "·" * width
    filled = round(max(0, min(100, percent)) * width / 100)
    return "█" * filled + "░" * (width - filled)


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    return "".join(
        SPARKS[min(len(SPARKS) - 1, max(0, value) * len(SPARKS) // 101)] for value in values
    )
