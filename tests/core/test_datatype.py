"""`@datatype` behaves as a keyword-only dataclass with generated equality and repr would."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest

from mentorlog.core.datatype import datatype


@datatype
class Shared:
    name: str
    tags: list[str] = field(default_factory=list)
    score: float | None = None


@dataclass(kw_only=True)
class Generated:
    name: str
    tags: list[str] = field(default_factory=list)
    score: float | None = None


@datatype
class Other:
    name: str


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ({"name": "a"}, {"name": "a"}),
        ({"name": "a"}, {"name": "b"}),
        ({"name": "a", "tags": ["x"]}, {"name": "a"}),
        ({"name": "a", "score": 1.0}, {"name": "a", "score": 1}),
        ({"name": "a", "score": None}, {"name": "a", "score": 0.0}),
    ],
)
def test_equality_and_repr_match_a_generated_dataclass(
    left: dict[str, object], right: dict[str, object]
) -> None:
    assert (Shared(**left) == Shared(**right)) == (Generated(**left) == Generated(**right))  # type: ignore[arg-type]
    assert (Shared(**left) != Shared(**right)) == (Generated(**left) != Generated(**right))  # type: ignore[arg-type]
    assert repr(Shared(**left)) == repr(Generated(**left)).replace("Generated", "Shared")  # type: ignore[arg-type]


def test_other_classes_are_never_equal_and_values_are_unhashable() -> None:
    assert Shared(name="a") != Other(name="a")
    assert Shared(name="a") != Generated(name="a")
    assert Shared(name="a") != "a"
    with pytest.raises(TypeError):
        hash(Shared(name="a"))


def test_it_is_a_keyword_only_dataclass() -> None:
    assert [f.name for f in dataclasses.fields(Shared)] == ["name", "tags", "score"]
    assert dataclasses.replace(Shared(name="a"), score=2.0) == Shared(name="a", score=2.0)
    with pytest.raises(TypeError):
        Shared("a")  # type: ignore[misc]


@datatype
class Built:
    name: str
    tags: list[str] = field(default_factory=list)
    count: int = field(default=0, init=False)
    seen: list[str] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.count = len(self.tags)


def test_construction_follows_the_fields() -> None:
    first, second = Built(name="a"), Built(name="b", tags=["x", "y"])
    assert (first.name, first.tags, first.count, first.seen) == ("a", [], 0, [])
    assert second.count == 2  # __post_init__ ran
    first.tags.append("z")
    assert Built(name="c").tags == []  # a fresh default each time
    assert list(vars(second)) == ["name", "tags", "count", "seen"]


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((), {}, "missing required keyword argument: 'name'"),
        ((), {"name": "a", "nope": 1}, "unexpected keyword argument 'nope'"),
        ((), {"name": "a", "count": 3}, "unexpected keyword argument 'count'"),
        (("a",), {}, "positional argument"),
    ],
)
def test_wrong_arguments_are_refused_as_by_a_dataclass(
    args: tuple[object, ...], kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        Built(*args, **kwargs)  # type: ignore[arg-type,call-arg,misc]
