"""The one border between a file's data and a record: conversion and validation on the way in,
TOML-ready data on the way out. Every source (a file, the index, an import) comes through
`to_record`, so a value that is wrong is named the same way wherever it came from."""

import copy
import re
from datetime import date, datetime, time
from typing import Any, TypeVar

import msgspec

from mentorlog.core.model import RULE_WORDS, STORED_TYPES
from mentorlog.dates import FIRST_DAY, LAST_DAY
from mentorlog.errors import JournalError

T = TypeVar("T")
_NATIVE = (date, time, datetime)
_WHERE = re.compile(r" - at (`key` in )?`\$(.*)`$")
_MSGSPEC_WORDS = {
    "Invalid RFC3339 encoded date": "a date (YYYY-MM-DD)",
    "Invalid RFC3339 encoded time": "a time (HH:MM)",
}
_PART = re.compile(r"\.(\w+)|\[(\d+)\]")


class RecordError(JournalError):
    """A record's data does not fit its type: a missing key or a wrong kind of value; `key`
    is where (`scores.trust`, `update[1].progress`), when one key is at fault."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


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
    text); unknown keys are left to the file. A value that breaks the record's rules
    (core/model.py: its type, allowed values, range, length, characters, a date from 1900 to
    2999) is a RecordError naming the key and the value."""
    native = () if dates_as_text else _NATIVE
    days = _dates_of_datetimes(data)
    try:
        record = msgspec.convert(days, cls, builtin_types=native)
    except msgspec.ValidationError as error:
        raise RecordError(*_explained(str(error), cls, days, native)) from None
    off_calendar = _off_calendar(record, "")
    if off_calendar:
        key, day = off_calendar
        raise RecordError(
            f"the key '{key}' should be a date from {FIRST_DAY.year} to {LAST_DAY.year}, "
            f"not {day.isoformat()}",
            key,
        )
    return record


def _off_calendar(value: Any, path: str) -> tuple[str, date] | None:
    """The first date outside the calendar mentorlog keeps (dates.py), with its key: date
    arithmetic past year 9999 would fail every review that reached it."""
    if isinstance(value, date):
        return None if FIRST_DAY <= value <= LAST_DAY else (path.lstrip("."), value)
    if isinstance(value, msgspec.Struct):
        items: Any = ((f"{path}.{name}", getattr(value, name)) for name in value.__struct_fields__)
    elif isinstance(value, list):
        items = ((f"{path}[{index}]", item) for index, item in enumerate(value))
    else:
        return None
    for where, item in items:
        found = _off_calendar(item, where)
        if found:
            return found
    return None


def _explained(
    message: str, cls: type, data: Any, native: tuple[type, ...]
) -> tuple[str, str | None]:
    """msgspec's "Expected `date`, got `str` - at `$.item[0].date`" as "the key 'item[0].date'
    should be date, not '2026-13-01'"; a rule's pattern is said in words (RULE_WORDS)."""
    match = _WHERE.search(message)
    reason = message[: match.start()] if match else message
    if match is None or not match.group(2):  # a whole record's rule (__post_init__) says it all
        return reason.replace("Object missing required field", "the required key is missing:"), None
    path = match.group(2).removesuffix("[...]")
    table = _at(data, path)
    if isinstance(table, dict) and path:  # a key or value of a table: name the one at fault
        wrong = next((key for key in table if _fails(cls, data, native, path, key)), None)
        if match.group(1) and wrong is not None:
            words = f"'{wrong}' in '{path.lstrip('.')}' should be {_expected(reason)}"
            return words, f"{path.lstrip('.')}.{wrong}"
        path += f".{wrong}" if wrong is not None else ""
    value = _at(data, path)
    key = path.lstrip(".")
    if reason.startswith("Object missing required field"):
        return f"the required key {reason.split('`')[1]!r} is missing from '{key}'", None
    if "length" in reason:
        shown = (
            f"a list of {len(value):,}"
            if isinstance(value, list)
            else f"a text of {len(value):,} characters"
        )
    else:
        shown = value.isoformat() if isinstance(value, _NATIVE) else f"{value!r:.40}"
    return f"the key '{key}' should be {_expected(reason)}, not {shown}", key


def _fails(cls: type, data: Any, native: tuple[type, ...], path: str, key: str) -> bool:
    """Whether the record fails with the table at `path` holding only its entry `key`
    (converted as `to_record` converts it: dates native or as text)."""
    parts = [part for part in path.split(".") if part]
    trimmed = copy.deepcopy(data)
    table = _at(trimmed, ".".join(["", *parts[:-1]])) if len(parts) > 1 else trimmed
    table[parts[-1]] = {key: _at(data, path)[key]}
    try:
        msgspec.convert(trimmed, cls, builtin_types=native)
    except msgspec.ValidationError as error:
        return _WHERE.search(str(error)) is not None and path in str(error)
    return False


def _expected(reason: str) -> str:
    """What msgspec expected, in words: `int` <= 5 as "a whole number <= 5", a pattern as the
    rule it stands for."""
    reason = _MSGSPEC_WORDS.get(reason, reason).removeprefix("Expected ").split(", got ")[0]
    pattern = re.search(r"matching regex '(.*)'", reason)
    if pattern:
        return RULE_WORDS.get(pattern.group(1).encode().decode("unicode_escape"), reason)
    for name, words in (
        ("`int`", "a whole number"),
        ("`str` of length <=", "at most"),
        ("`array` of length <=", "a list of at most"),
        ("`str`", "text"),
        ("`array`", "a list"),
    ):
        reason = reason.replace(name, words)
    reason = reason.replace("`", "")
    if reason.startswith("at most"):
        return f"{reason} characters"
    return f"{reason} items" if reason.startswith("a list of at most") else reason


def _at(data: Any, path: str) -> Any:
    """The value at a msgspec path (`.item[0].date`) in plain data, or None."""
    value: Any = data
    for key, index in _PART.findall(path):
        try:
            value = value[key] if key else value[int(index)]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def line_of(text: str, key: str) -> int | None:
    """The line of a file's text where a key (`update[1].progress`) is set, to point a person
    at it; None when it cannot be told (a table written inline, say)."""
    if not key:
        return None
    lines = text.splitlines()
    at = 0
    for part in key.split("."):
        name, _, index = part.partition("[")
        count = int(index.rstrip("]")) + 1 if index else 1
        pattern = re.compile(
            rf'^\s*(\[\[?[^\]]*\b{re.escape(name)}\]\]?|"?{re.escape(name)}"?\s*=)'
        )
        for number in range(at, len(lines)):
            if pattern.match(lines[number]):
                count -= 1
                if count == 0:
                    at = number
                    break
        else:
            return None
    return at + 1


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
