"""Generic conversion between record dataclasses and the plain data of TOML and JSON.

One converter for every record type keeps the TOML keys, the JSON keys and the dataclass
fields the same names by construction."""

import contextlib
import dataclasses
import types
import typing
from datetime import UTC, date, datetime, time
from functools import cache
from typing import Any, TypeVar

from mentorlog.core.datatype import Convert, Step, construction_plan, fill
from mentorlog.errors import JournalError

T = TypeVar("T")
D = TypeVar("D", date, time)

_SCALARS: tuple[type, ...] = (str, int, float, bool)


class RecordError(JournalError):
    """A record's data does not fit its type: missing field or wrong kind of value."""


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
    """Build a record (a @datatype) from plain data, checking types; unknown keys are ignored
    here (the store keeps them in the file)."""
    record = cls.__new__(cls)
    fill(record, data, _plan(typing.cast(Any, cls)), _missing)
    return record


def _missing(name: str) -> RecordError:
    return RecordError(f"the required field '{name}' is missing")


@cache
def _plan(cls: Any) -> tuple[Step, ...]:
    """Each field's construction step with its converter, worked out once per class: a review
    converts thousands of records, and re-reading type hints each time cost more than the
    conversion itself."""
    hints = typing.get_type_hints(cls)
    return construction_plan(cls, lambda field: _converter(hints[field.name]))


@cache
def _converter(hint: Any) -> Convert:
    """The function that checks and converts a value of one type hint."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = _converter(next(a for a in typing.get_args(hint) if a is not type(None)))
        return lambda value, name: None if value is None else inner(value, name)
    if origin is list:
        item = _converter(typing.get_args(hint)[0])

        def to_list(value: Any, name: str) -> list[Any]:
            if not isinstance(value, list):
                raise RecordError(f"the field '{name}' should be a list")
            return [item(entry, name) for entry in value]

        return to_list
    if origin is dict:
        return lambda value, name: dict(_table(value, name))
    if dataclasses.is_dataclass(hint):
        record_type: Any = hint
        return lambda value, name: from_data(record_type, _table(value, name))
    if hint is date:
        return _to_date
    if hint is time:
        return _to_time
    if hint is float:
        return _to_float
    if hint in _SCALARS:

        def exactly(value: Any, name: str) -> Any:
            if type(value) is not hint:
                raise RecordError(
                    f"the field '{name}' should be {hint.__name__}, not {value!r:.40}"
                )
            return value

        return exactly
    return lambda value, name: value


def _table(value: Any, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RecordError(f"the field '{name}' should be a table")
    return value


def _to_date(value: Any, name: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    return _from_iso(date, "a date", value, name)


def _to_time(value: Any, name: str) -> time:
    return _from_iso(time, "a time", value, name)


def _from_iso(kind: type[D], label: str, value: Any, name: str) -> D:
    """A date or time, as such or as an ISO string (the cache keeps them as strings)."""
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return kind.fromisoformat(value)
    raise RecordError(f"the field '{name}' should be {label}, not {value!r:.40}")


def _to_float(value: Any, name: str) -> float:
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if type(value) is not float:
        raise RecordError(f"the field '{name}' should be float, not {value!r:.40}")
    return value


def to_json_data(value: Any) -> Any:
    """Plain data with dates and times as ISO strings, for JSON."""
    if value is None or isinstance(value, (str, int, float)):  # most values: first
        return value
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_json_data(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_json_data(item) for key, item in value.items()}
    names = _field_names(typing.cast(Any, type(value)))
    if names is not None:
        return {name: to_json_data(getattr(value, name)) for name in names}
    return value


@cache
def _field_names(cls: Any) -> tuple[str, ...] | None:
    """A dataclass's field names (None for other types), looked up once per class."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(field.name for field in dataclasses.fields(cls))
