"""One record changed on two devices: which version stays live, decided from the versions alone.

Pure: sync hands in the contents of the files of one record as the two devices last shared
it and as each has it now; nothing here depends on which device asks, so every device that
settles the same conflict settles it the same way (docs/storage.md, "Sync")."""

import tomllib
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from msgspec import Struct

from mentorlog.store.index import holds_a_valid_record
from mentorlog.store.journal import id_from_name
from mentorlog.store.layout import LEARNING_DIR, REL_KINDS, place_of

# A record's files, by path relative to the journal (a record normally has one; none once
# deleted).
Files = dict[str, bytes]
# The dates that say when something happened to a record, as against when it is due or
# planned (due, target, next, follow_up): the later of them decides a conflict.
EVENT_DATES = frozenset({"date", "created", "added", "started", "done", "dropped", "closed"})
_ABSENT = object()


class Settled(Struct, frozen=True, kw_only=True):
    """How a record changed on both devices comes out: the files that stay live, the version
    left out (to keep beside them as a conflict copy), and which way it went."""

    live: Files
    left_out: Files
    how: str  # kept: the rule's pick, the other left out; merged: fields from both; revived:
    # deleted on one device and changed on the other, so the change stays


def record_key(path: str) -> str:
    """What makes files one record: a one-record-per-file kind's folder and id (a check-in
    moved to another day is still that check-in), any other file's path."""
    folder, _, name = path.rpartition("/")
    place = place_of(path)
    per_record = place is not None and place.kind in (*REL_KINDS, LEARNING_DIR)
    return f"{folder}/{id_from_name(name)}" if per_record and name.endswith(".toml") else path


def settle(shared: Files, mine: Files, theirs: Files) -> Settled:
    """Settle a record both devices changed since they last shared it (`shared`). A change
    beats a deletion; changes to different fields merge (when the result keeps every rule);
    otherwise a valid record beats one the rules refuse, then the version whose record shows
    the later event wins, then the one whose text sorts last."""
    if not mine or not theirs:
        return Settled(live=mine or theirs, left_out={}, how="revived")
    first, second = sorted((mine, theirs), key=precedence, reverse=True)
    merged = merge_fields(shared, first, second)
    if merged is not None and precedence(merged)[0]:  # a merge that breaks a rule is no merge
        return Settled(live=merged, left_out={}, how="merged")
    return Settled(live=first, left_out=second, how="kept")


def precedence(version: Files) -> tuple[bool, date, list[bytes], list[str]]:
    """What orders two versions of a record: a valid record first (one holding conflict markers,
    or a value the rules refuse, never wins), then the latest event date, then the text, then
    the names."""
    parsed = {path: _parsed(content) for path, content in version.items()}
    readable = [data for data in parsed.values() if data is not None]
    valid = all(data is not None and holds_a_valid_record(p, data) for p, data in parsed.items())
    latest = max((day for data in readable for day in _events(data)), default=date.min)
    names = sorted(version)
    return valid, latest, [version[name] for name in names], names


def merge_fields(shared: Files, first: Files, second: Files) -> Files | None:
    """One file holding both versions' changes, when no top-level key changed on both sides
    to different values; None otherwise. The text is `first`'s (comments and layout kept),
    with the keys only `second` changed taken from it."""
    if len(first) != 1 or len(second) != 1 or len(shared) > 1:
        return None
    [(first_path, first_text)], [(second_path, second_text)] = first.items(), second.items()
    shared_path, shared_text = next(iter(shared.items()), (None, b""))
    path = _moved(shared_path, first_path, second_path)
    before, one, other = (_parsed(text) for text in (shared_text, first_text, second_text))
    if path is None or before is None or one is None or other is None:
        return None
    changed_first, changed_second = _changed(before, one), _changed(before, other)
    if any(one.get(k, _ABSENT) != other.get(k, _ABSENT) for k in changed_first & changed_second):
        return None
    import tomlkit  # only a merge edits a file's text
    from tomlkit.exceptions import TOMLKitError

    try:
        document = tomlkit.parse(first_text.decode("utf-8-sig"))
        taken = tomlkit.parse(second_text.decode("utf-8-sig"))
        for key in sorted(changed_second - changed_first):
            if key in taken:
                document[key] = taken[key]
            else:
                del document[key]
        text = tomlkit.dumps(document).encode()
    except TOMLKitError:  # TOML that tomllib reads and tomlkit does not: settled whole
        return None
    wanted = {**one, **{key: other[key] for key in changed_second & other.keys()}}
    for key in changed_second - other.keys():
        wanted.pop(key, None)
    return {path: text} if _parsed(text) == wanted else None


def _moved(shared: str | None, first: str, second: str) -> str | None:
    """The merged record's file: the new name if one side moved it, None if both did."""
    if first == second or second == shared:
        return first
    return second if first == shared else None


def _changed(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    return {
        k for k in before.keys() | after.keys() if before.get(k, _ABSENT) != after.get(k, _ABSENT)
    }


def _parsed(content: bytes) -> dict[str, Any] | None:
    """The TOML in a file's bytes (an absent file is an empty table); None if it is not TOML."""
    try:
        return tomllib.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None


def _events(value: Any) -> Iterator[date]:
    """Every event date in a record's data, nested tables and lists included."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if isinstance(item, dict | list):
            yield from _events(item)
        elif key in EVENT_DATES and isinstance(item, date):
            yield item.date() if isinstance(item, datetime) else item
