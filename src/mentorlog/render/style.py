"""Small building blocks shared by the text renderers: safe text, colours with meaning."""

from __future__ import annotations

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
