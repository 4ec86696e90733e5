"""`@datatype`: the dataclass decorator of mentorlog's value types.

A dataclass is built at import time by compiling source for each generated method, and with
some sixty of them that was the largest part of a command's startup. `@datatype` has dataclasses
generate only `__init__`; equality and repr are the two functions below, shared by every class.
They behave as the generated ones do: equal when of the same class with equal fields, and a
repr listing each field."""

from dataclasses import dataclass
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


def _equal(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return bool(self.__dict__ == other.__dict__)


def _shown(self: Any) -> str:
    fields = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
    return f"{self.__class__.__qualname__}({fields})"


@dataclass_transform(kw_only_default=True)
def datatype(cls: type[T]) -> type[T]:
    """A keyword-only dataclass with shared equality and repr (mutable, so unhashable)."""
    built = dataclass(kw_only=True, eq=False, repr=False)(cls)
    built.__eq__ = _equal  # type: ignore[method-assign]
    built.__repr__ = _shown  # type: ignore[method-assign]
    built.__hash__ = None  # type: ignore[assignment]
    return built
