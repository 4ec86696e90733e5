"""JSON output: the plain-data form of the very result objects the text view renders."""

import json
from collections.abc import Callable
from json.encoder import encode_basestring_ascii as quoted
from typing import Any

from mentorlog.core.codec import to_json_data


def dumps(result: Any) -> str:
    """The result as `json.dumps(data, indent=2, ensure_ascii=True)` writes it (ASCII escapes
    keep the document valid and terminal-safe whatever the user wrote), in half the time.

    With an indent, json encodes in Python through a generator per nested value (a weekly
    summary is 17,000 of them); this writes the same text straight into one list."""
    parts: list[str] = []
    _write(to_json_data(result), "\n", parts.append)
    return "".join(parts)


def _write(value: Any, newline: str, out: Callable[[str], None]) -> None:
    """`value` (plain data with string keys) at the indent that `newline` ends with."""
    kind = type(value)
    if kind is str:
        out(quoted(value))
    elif kind is dict or kind is list:
        opening, closing = ("{", "}") if kind is dict else ("[", "]")
        if not value:
            out(opening + closing)
            return
        inner = newline + "  "
        separator = opening + inner
        pairs: Any = value.items() if kind is dict else enumerate(value)
        for key, item in pairs:
            label = f"{quoted(key)}: " if kind is dict else ""
            if type(item) is str:
                out(f"{separator}{label}{quoted(item)}")
            else:
                out(separator + label)
                _write(item, inner, out)
            separator = "," + inner
        out(newline + closing)
    elif value is None:
        out("null")
    elif kind is int:
        out(int.__repr__(value))
    else:  # booleans, floats and anything rarer: as json writes them
        out(json.dumps(value, ensure_ascii=True))
