"""Hypothesis strategies for records, read from the rules msgspec enforces (core/model.py), so
the tests draw exactly what a file may hold, and exactly what it may not."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import msgspec
import msgspec.inspect as mi
from hypothesis import strategies as st

from mentorlog.core.model import Relationship
from mentorlog.core.text import CONTROL_CHARACTERS

FIRST, LAST = date(1900, 1, 1), date(2999, 12, 31)
# Any unicode a person can type: no surrogates (they cannot be stored) and none of the control
# characters records refuse.
TEXT_CHARACTERS = st.characters(
    exclude_categories=("Cs",),
    exclude_characters=re.sub(f"[^{CONTROL_CHARACTERS}]", "", "".join(map(chr, range(0xA0)))),
)
CADENCES = st.sampled_from(["weekly", "fortnightly", "monthly", "every 3 days", "every 6 weeks"])
_CHOICE = re.compile(r"^\^\(\?:(.*)\)\\Z$")


def valid(cls: type[Any]) -> st.SearchStrategy[Any]:
    """Records of this type (and this version's schema) that every rule accepts."""
    return _valid(mi.type_info(cls))


def _valid(info: mi.Type, name: str = "") -> st.SearchStrategy[Any]:
    if isinstance(info, mi.StructType):
        fields = {
            f.name: CADENCES
            if info.cls is Relationship and f.name == "cadence"
            else _valid(f.type, f.name)
            for f in info.fields
        }
        if "schema" in fields:
            fields["schema"] = st.just(1)
        return st.builds(info.cls, **fields)
    if isinstance(info, mi.StrType):
        return _text(info)
    if isinstance(info, mi.IntType):
        low = info.ge if info.ge is not None else -(2**63)
        high = info.le if info.le is not None else 2**63 - 1
        return st.integers(low, high)
    if isinstance(info, mi.DateType):
        return st.dates(FIRST, LAST)
    if isinstance(info, mi.TimeType):
        return st.times()
    if isinstance(info, mi.BoolType):
        return st.booleans()
    if isinstance(info, mi.NoneType):
        return st.none()
    if isinstance(info, mi.UnionType):
        return st.one_of([_valid(t, name) for t in info.types])
    if isinstance(info, mi.ListType):
        return st.lists(_valid(info.item_type, name), max_size=3)
    if isinstance(info, mi.DictType):
        return st.dictionaries(_valid(info.key_type), _valid(info.value_type), max_size=6)
    raise TypeError(f"no strategy for {info}")


def _text(info: mi.StrType) -> st.SearchStrategy[str]:
    pattern = info.pattern or ""
    choice = _CHOICE.match(pattern)
    if choice:
        return st.sampled_from(choice.group(1).replace("\\", "").split("|"))
    if pattern and not pattern.startswith("^[^"):  # an id or a slug
        return st.from_regex(pattern, fullmatch=True)
    return st.text(TEXT_CHARACTERS, max_size=min(80, info.max_length or 80))


def wrong_values(info: mi.Type) -> list[Any]:
    """Values of the wrong type or out of range for a field, as a hand edit would write them."""
    if isinstance(info, mi.StructType):  # a table: unknown keys in it are a person's own
        return ["not a table", 12, [1, "mixed"]]
    wrong: list[Any] = [{"a": "table"}, [1, "mixed"]]
    wrong += [True] if not isinstance(info, mi.BoolType) else []
    if isinstance(info, mi.UnionType):
        return [w for t in info.types if not isinstance(t, mi.NoneType) for w in wrong_values(t)]
    if isinstance(info, mi.StrType):
        wrong += [12, "bell \x07 \x1b[2J", "x" * ((info.max_length or 1_000_000) + 1)]
        if info.pattern and not info.pattern.startswith("^[^"):
            wrong += ["../../outside", "Not One Of Them"]
    elif isinstance(info, mi.IntType):
        wrong += ["high", 10**30, -(2**63) - 1, 2**63]
        wrong += [info.le + 1] if info.le is not None else []
        wrong += [info.ge - 1] if info.ge is not None else []
    elif isinstance(info, mi.DateType):
        wrong += ["2026-13-01", date(1, 1, 1), date(9999, 12, 31), 20261126]
    elif isinstance(info, (mi.ListType, mi.DictType)):
        wrong += ["not a list", [{"a": [1]}]]
    elif isinstance(info, mi.BoolType):
        wrong += ["yes", 2]
    return wrong


def field_types(cls: type[Any]) -> dict[str, mi.Type]:
    """The top-level fields of a record type, with their rules."""
    info = mi.type_info(cls)
    assert isinstance(info, mi.StructType)
    return {f.name: f.type for f in info.fields}


def as_toml_value(value: Any) -> Any:
    """A drawn value as TOML can hold it (records become tables)."""
    if isinstance(value, msgspec.Struct):
        return msgspec.to_builtins(value, builtin_types=(date,))
    return value
