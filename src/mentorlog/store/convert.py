"""The one border between a file's data and a record: conversion and validation on the way in,
TOML-ready data on the way out. Every source (a file, the index, an import) comes through
`to_record`, so a value that is wrong is named the same way wherever it came from."""

import re
from datetime import date, datetime, time
from typing import Any, TypeVar

import msgspec

from mentorlog.core.model import STORED_TYPES
from mentorlog.errors import JournalError

T = TypeVar("T")
_NATIVE = (date, time, datetime)
_WHERE = re.compile(r" - at `\$(.*)`$")
_PART = re.compile(r"\.(\w+)|\[(\d+)\]")


class RecordError(JournalError):
    """A record's data does not fit its type: a missing key or a wrong kind of value."""


def _dates_of_datetimes(value: Any) -> Any:
    """A TOML datetime where a record keeps dates counts as its (local) day: people write
    `date = 2026-11-20T10:00:00` by hand, and TOML allows it."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, dict):
        return {key: _dates_of_datetimes(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates_of_datetimes(item) for item in value]
    return value


def to_record(cls: type[T], data: dict[str, Any], dates_as_text: bool = False) -> T:
    """A record from a file's data (dates as TOML dates, never strings; from JSON, as ISO
    text); unknown keys are left to the file. A wrong value is a RecordError naming the key
    and the value."""
    try:
        native = () if dates_as_text else _NATIVE
        return msgspec.convert(_dates_of_datetimes(data), cls, builtin_types=native)
    except msgspec.ValidationError as error:
        raise RecordError(_explained(str(error), data)) from None


def _explained(message: str, data: Any) -> str:
    """msgspec's "Expected `date`, got `str` - at `$.item[0].date`" as "the key 'item[0].date'
    should be date, not '2026-13-01'"."""
    match = _WHERE.search(message)
    if match is None:
        return message.replace("Object missing required field", "the required key is missing:")
    path = match.group(1)
    reason = message[: match.start()]
    if path.endswith("[...]"):  # a value of a table: name the first that does not fit
        path = path[: -len("[...]")]
        table = _at(data, path)
        expected = reason.split("`")[1] if "`" in reason else ""
        wrong = (
            [k for k, v in table.items() if type(v).__name__ != expected]
            if isinstance(table, dict)
            else []
        )
        if wrong:
            path = f"{path}.{wrong[0]}"
    value = _at(data, path)
    key = path.lstrip(".")
    if reason.startswith("Object missing required field"):
        return f"the required key {reason.split('`')[1]!r} is missing from '{key}'"
    expected = reason.split("`")[1] if "`" in reason else reason
    return f"the key '{key}' should be {expected}, not {value!r:.40}"


def _at(data: Any, path: str) -> Any:
    """The value at a msgspec path (`.item[0].date`) in plain data, or None."""
    value: Any = data
    for key, index in _PART.findall(path):
        try:
            value = value[key] if key else value[int(index)]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def is_blank(value: Any) -> bool:
    """Values a file leaves out: None (TOML has no null) and empty or false ones, which the
    record's defaults restore on reading; files stay short and readable by hand."""
    return value is None or value is False or (not isinstance(value, (int, float)) and not value)


def stored_type(record: msgspec.Struct) -> type[msgspec.Struct]:
    """The stored record type of a record or of its view (an entry adds derived fields)."""
    return STORED_TYPES.get(type(record), type(record))


def to_data(record: msgspec.Struct) -> dict[str, Any]:
    """A record as TOML-ready data: only the stored type's fields, blank values left out when
    their default is blank too (so reading restores exactly the same record)."""
    data: dict[str, Any] = {}
    for field in msgspec.structs.fields(stored_type(record)):
        value = plain(getattr(record, field.name))
        if not omitted(field, value):
            data[field.name] = value
    return data


def omitted(field: msgspec.structs.FieldInfo, value: Any) -> bool:
    if value is None:
        return True
    if not is_blank(value):
        return False
    if field.default is not msgspec.NODEFAULT:
        return is_blank(field.default)
    return field.default_factory is not msgspec.NODEFAULT and is_blank(field.default_factory())


def plain(value: Any) -> Any:
    """A field value as TOML-ready data (records become tables)."""
    if isinstance(value, msgspec.Struct):
        return to_data(value)
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items() if not is_blank(item)}
    return value
