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
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass
from functools import cache
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")
Convert = Callable[[Any, str], Any]
# A field as construction sees it: name, converter of a given value (None: taken as is),
# default, default factory, and whether a value may be given for it.
Step = tuple[str, Convert | None, Any, Any, bool]


def construction_plan(cls: Any, converter: Callable[[Any], Convert | None]) -> tuple[Step, ...]:
    """Each field's construction step, with the converter that `converter` gives for it (for
    fields `__init__` takes)."""
    return tuple(
        (f.name, converter(f) if f.init else None, f.default, f.default_factory, f.init)
        for f in dataclasses.fields(cls)
    )


def fill(
    record: Any,
    values: Mapping[str, Any],
    plan: tuple[Step, ...],
    missing: Callable[[str], Exception],
) -> int:
    """Set each field of a new `record`: from `values` (converted), else its default or factory;
    `missing(name)` is the error for a required field left out. Then `__post_init__`. The one
    construction loop of `__init__` and of the codec reading a file (which takes each value
    straight from the file's data, skipping a keyword-argument round). Returns how many of
    `values` it took."""
    fields = record.__dict__
    taken = 0
    for name, convert, default, factory, settable in plan:
        if settable and name in values:
            value = values[name]
            fields[name] = value if convert is None else convert(value, name)
            taken += 1
        elif factory is not MISSING:
            fields[name] = factory()
        elif default is not MISSING:
            fields[name] = default
        else:
            raise missing(name)
    post_init = getattr(record, "__post_init__", None)
    if post_init is not None:
        post_init()
    return taken


def _initialise(self: Any, **values: Any) -> None:
    cls = self.__class__

    def missing(name: str) -> Exception:
        return TypeError(f"{cls.__qualname__}() missing required keyword argument: '{name}'")

    if fill(self, values, _init_plan(cls), missing) < len(values):
        names = {step[0] for step in _init_plan(cls) if step[4]}
        unexpected = next(name for name in values if name not in names)
        raise TypeError(f"{cls.__qualname__}() got an unexpected keyword argument '{unexpected}'")


@cache
def _init_plan(cls: Any) -> tuple[Step, ...]:
    return construction_plan(cls, lambda field: None)


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
