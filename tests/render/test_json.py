"""mentorlog's JSON writer writes exactly what json.dumps(indent=2, ensure_ascii=True) writes."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mentorlog.render.json import dumps


class Colour(StrEnum):
    red = "red"


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.just(Colour.red)
    | st.text(st.characters(exclude_categories=("Cs",)), max_size=8)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(VALUES)
def test_dumps_writes_what_json_writes(value: Any) -> None:
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=True)
