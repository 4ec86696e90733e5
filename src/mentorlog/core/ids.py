"""Resolving the short ids people type: an exact id, or a unique prefix of one."""

from collections.abc import Callable
from typing import TypeVar

from mentorlog.core.text import plural
from mentorlog.errors import JournalError, UserError

T = TypeVar("T")


def pick_by_prefix(items: list[T], wanted: str, what: str, key: Callable[[T], str]) -> T:
    """The item whose id is `wanted` or uniquely starts with it; else a clear error listing
    the candidates."""
    wanted = wanted.strip().lower()
    if not wanted:
        raise UserError(f"The {what} id is empty.")
    exact = [item for item in items if key(item) == wanted]
    if len(exact) == 1:
        return exact[0]
    if exact:  # a copy made by hand or by another device: no prefix can tell them apart
        raise JournalError(
            f"{plural(len(exact), what)} have the id '{wanted}'.",
            hint="An id belongs to one record: mentorlog doctor names the files; keep one.",
        )
    matches = [item for item in items if key(item).startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = ", ".join(sorted(key(item) for item in matches)[:10])
        raise UserError(
            f"'{wanted}' matches {plural(len(matches), what)}: {listed}.",
            hint="Type more of the id.",
        )
    raise UserError(f"No {what} has the id '{wanted}'.")
