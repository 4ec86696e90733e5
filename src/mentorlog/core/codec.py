"""Generic conversion between record dataclasses and the plain data of TOML and JSON.

One converter for every record type keeps the TOML keys, the JSON keys and the dataclass
fields the same names by construction."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import UTC, date, datetime, time
from functools import cache
from typing import Any, TypeVar

from mentorlog.errors import JournalError

T = TypeVar("T")

_SCALARS: tuple[type, ...] = (str, int, float, bool)


class RecordError(JournalError):
    """A record's data does not fit its type: missing field or wrong kind of value."""


@cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def is_blank(value: Any) -> bool:
    """Values a file leaves out: None (TOML has no null) and empty or false defaults, which the
    dataclass restores on reading; files stay short and readable by hand."""
    return value is None or value is False or (not isinstance(value, (int, float)) and not value)


def stored_fields(record: Any) -> list[dataclasses.Field[Any]]:
    """The fields a file holds (derived ones, such as a record's relationship, are not)."""
    return [f for f in dataclasses.fields(record) if f.metadata.get("stored", True)]


def to_data(record: Any) -> dict[str, Any]:
    """A dataclass as a dict of TOML-ready values, blank values left out."""
    data: dict[str, Any] = {}
    for field in stored_fields(record):
        value = plain_value(getattr(record, field.name))
        if not omitted(field, value):
            data[field.name] = value
    return data


def omitted(field: dataclasses.Field[Any], value: Any) -> bool:
    """Whether a file leaves a value out: None, or blank where the default is blank too (so
    reading restores exactly the same value)."""
    if value is None:
        return True
    if not is_blank(value):
        return False
    if field.default is not dataclasses.MISSING:
        return is_blank(field.default)
    return field.default_factory is not dataclasses.MISSING and is_blank(field.default_factory())


def plain_value(value: Any) -> Any:
    """A field value as TOML-ready data (dataclasses become tables)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_data(value)
    if isinstance(value, (list, tuple)):
        return [plain_value(item) for item in value]
    if isinstance(value, dict):
        return {key: plain_value(item) for key, item in value.items() if not is_blank(item)}
    if isinstance(value, datetime) and value.utcoffset() is not None:
        return _whole_minute_offset(value)
    return value


def _whole_minute_offset(value: datetime) -> datetime:
    """TOML offsets are whole minutes (tomlkit writes invalid TOML for seconds): convert such a
    datetime to UTC, which keeps the instant exact."""
    offset = value.utcoffset()
    if offset is not None and offset.seconds % 60 == 0 and offset.microseconds == 0:
        return value
    return value.astimezone(UTC)


def from_data(cls: type[T], data: dict[str, Any]) -> T:
    """Build a dataclass from plain data, checking types; unknown keys are ignored here (the
    store keeps them in the file)."""
    values: dict[str, Any] = {}
    hints = _hints(typing.cast(Any, cls))
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if not field.init:
            continue
        if field.name in data:
            values[field.name] = _convert(hints[field.name], data[field.name], field.name)
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise RecordError(f"the required field '{field.name}' is missing")
    return cls(**values)


def _convert(hint: Any, value: Any, name: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if value is None:
            return None
        return _convert(options[0], value, name)
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        if not isinstance(value, list):
            raise RecordError(f"the field '{name}' should be a list")
        return [_convert(item_hint, item, name) for item in value]
    if origin is dict:
        if not isinstance(value, dict):
            raise RecordError(f"the field '{name}' should be a table")
        return dict(value)
    if dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise RecordError(f"the field '{name}' should be a table")
        return from_data(hint, value)  # type: ignore[arg-type]
    if hint is date:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise RecordError(f"the field '{name}' should be a date, not {value!r:.40}")
    if hint is time:
        if isinstance(value, time):
            return value
        if isinstance(value, str):
            try:
                return time.fromisoformat(value)
            except ValueError:
                pass
        raise RecordError(f"the field '{name}' should be a time, not {value!r:.40}")
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in _SCALARS:
        if type(value) is not hint:
            raise RecordError(f"the field '{name}' should be {hint.__name__}, not {value!r:.40}")
        return value
    return value


def to_json_data(value: Any) -> Any:
    """Plain data with dates and times as ISO strings, for JSON."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: to_json_data(getattr(value, field.name))
            for field in dataclasses.fields(value)
        }
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_json_data(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_json_data(item) for key, item in value.items()}
    return value
