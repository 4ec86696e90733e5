from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.core.text import clean_line, normalise_name, plural, slugify


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ada Lovelace", "ada-lovelace"),
        ("../../etc/x", "etc-x"),
        ("..", "person"),
        ("", "person"),
        ("CON", "con-1"),
        ("José Núñez", "jose-nunez"),
        ("李小龍", "person"),
        ("a/b\\c", "a-b-c"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


@given(st.text())
def test_slug_is_always_safe(name: str) -> None:
    slug = slugify(name)
    assert slug
    assert len(slug) <= 50
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not slug.startswith("-")


def test_nfc_and_nfd_and_case_are_the_same_person() -> None:
    nfc = "Jos\u00e9"
    nfd = "Jose\u0301"
    assert normalise_name(nfc) == normalise_name(nfd.upper())
    assert normalise_name("Jose") != normalise_name(nfc)


@given(st.text())
def test_clean_line_leaves_no_control_or_bidi_characters(text: str) -> None:
    cleaned = clean_line(text)
    for char in cleaned:
        code = ord(char)
        assert char in "\n\t" or not (code < 0x20 or 0x7F <= code <= 0x9F)
        assert not 0x202A <= code <= 0x202E
        assert not 0xD800 <= code <= 0xDFFF


def test_clean_line_shows_escapes_visibly() -> None:
    assert clean_line("a\x1b[31mb") == "a\\x1b[31mb"


@pytest.mark.parametrize(
    ("n", "word", "said"),
    [
        (1, "action", "1 action"),
        (2, "action", "2 actions"),
        (0, "goal", "0 goals"),
        (1, "learning entry", "1 learning entry"),
        (3, "learning entry", "3 learning entries"),
        (2, "day", "2 days"),
        (2, "health pulse", "2 health pulses"),
        (2, "check-in", "2 check-ins"),
        (2, "status", "2 statuses"),
    ],
)
def test_plural_agrees_with_the_count(n: int, word: str, said: str) -> None:
    assert plural(n, word) == said
