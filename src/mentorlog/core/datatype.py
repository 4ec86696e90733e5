"""`@datatype`: the dataclass decorator of mentorlog's value types.

A dataclass is built at import time by compiling source for each generated method, and with
some sixty of them that was the largest part of a command's startup (the summary's imports
took 26 ms with generated `__init__`s, 18 without). So `@datatype` has dataclasses record the
fields and generate nothing: `__init__`, equality and repr are the three functions below,
shared by every class. They behave as the generated ones do: keyword arguments only, defaults
and default factories, `init=False` fields set to their default, `__post_init__` called;
equal when of the same class with equal fields; a repr listing each field. Building an object
costs a few microseconds more, which a command making a thousand objects does not notice."""

import dataclasses
from dataclasses import MISSING, dataclass
from functools import cache
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


def _initialise(self: Any, **values: Any) -> None:
    cls = self.__class__
    for name, default, factory, settable in _init_plan(cls):
        if settable and name in values:
            value = values.pop(name)
        elif factory is not MISSING:
            value = factory()
        elif default is not MISSING:
            value = default
        else:
            raise TypeError(f"{cls.__qualname__}() missing required keyword argument: '{name}'")
        self.__dict__[name] = value
    if values:
        unexpected = next(iter(values))
        raise TypeError(f"{cls.__qualname__}() got an unexpected keyword argument '{unexpected}'")
    post_init = getattr(self, "__post_init__", None)
    if post_init is not None:
        post_init()


@cache
def _init_plan(cls: Any) -> tuple[tuple[str, Any, Any, bool], ...]:
    """Each field's name, default, default factory and whether `__init__` takes it."""
    return tuple((f.name, f.default, f.default_factory, f.init) for f in dataclasses.fields(cls))


def _equal(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return bool(self.__dict__ == other.__dict__)


def _shown(self: Any) -> str:
    fields = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
    return f"{self.__class__.__qualname__}({fields})"


@dataclass_transform(kw_only_default=True)
def datatype(cls: type[T]) -> type[T]:
    """A keyword-only dataclass with shared construction, equality and repr (mutable, so
    unhashable)."""
    built = dataclass(kw_only=True, init=False, eq=False, repr=False)(cls)
    built.__init__ = _initialise  # type: ignore[method-assign]
    built.__eq__ = _equal  # type: ignore[method-assign]
    built.__repr__ = _shown  # type: ignore[method-assign]
    built.__hash__ = None  # type: ignore[assignment]
    return built
