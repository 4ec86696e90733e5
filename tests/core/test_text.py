from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.core.text import (
    best_matches,
    clean_line,
    name_words,
    normalise_name,
    plural,
    slugify,
)
from mentorlog.errors import UserError


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ada Lovelace", "ada-lovelace"),
        ("../../etc/x", "etc-x"),
        ("CON", "con-1"),
        ("a/b\\c", "a-b-c"),
        ("McDonald", "mcdonald"),
        # any script, through anyascii: a syllable of a script without capitals is a word
        ("José Núñez", "jose-nunez"),
        ("Jose\u0301 Nu\u0301n\u0303ez", "jose-nunez"),  # the accents as combining marks
        ("王芳", "wang-fang"),
        ("李小龍", "li-xiao-long"),
        ("Дмитрий Иванов", "dmitriy-ivanov"),
        ("Мальцев", "maltsev"),  # the soft sign, an apostrophe in anyascii, is left out
        ("Søren Ørsted", "soren-orsted"),
        ("Αλέξανδρος", "alexandros"),
        ("Nguyễn Văn An", "nguyen-van-an"),
        ("Zoë 🌻 Park", "zoe-park"),  # an emoji among letters parts words, adds none
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize("name", ["😀", "🌻🌻", "..", "", "★ ✓"])
def test_a_name_without_letters_asks_for_a_slug(name: str) -> None:
    with pytest.raises(UserError) as raised:
        slugify(name)
    assert "no letter or digit" in raised.value.message
    assert raised.value.hint is not None and "--slug" in raised.value.hint


@given(st.text())
def test_slug_is_always_safe(name: str) -> None:
    try:
        slug = slugify(name)
    except UserError:
        assert not name_words(name)
        return
    assert slug
    assert len(slug) <= 50
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not slug.startswith("-")


def test_an_ascii_name_does_not_import_the_transliteration() -> None:
    """anyascii costs a few milliseconds to import: only a name that needs it pays them."""
    code = (
        "import sys; from mentorlog.core.text import slugify, name_key; "
        "slugify('Ada Lovelace'); name_key('ada'); assert 'anyascii' not in sys.modules; "
        "slugify('王芳'); assert 'anyascii' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("wanted", "found"),
    [
        ("José Núñez", ["jose"]),  # the name itself
        ("JOSÉ NÚÑEZ", ["jose"]),
        ("jose nunez", ["jose"]),  # without accents
        ("jose-nunez", ["jose"]),  # the slug
        ("josé", ["jose"]),  # the start of a name
        ("jo", ["jose", "joan"]),  # the start of two: ambiguous
        ("wang", ["wang"]),  # in Latin letters
        ("王", ["wang"]),
        ("王芳", ["wang"]),
        ("dmitriy", ["dmitriy"]),
        ("Дми", ["dmitriy"]),
        ("ivanov", []),  # a later word is not the start of the name
        ("😀", []),
    ],
)
def test_best_matches_by_name_slug_case_and_accents(wanted: str, found: list[str]) -> None:
    people = [
        ("jose", ["jose-nunez", "José Núñez"]),
        ("joan", ["joan-miro", "Joan Miró"]),
        ("wang", ["wang-fang", "王芳"]),
        ("dmitriy", ["dmitriy-ivanov", "Дмитрий Иванов"]),
    ]
    assert best_matches(wanted, people) == found


def test_the_strictest_match_wins() -> None:
    """Jose and José are two people: each is found by their own spelling; a name found as it
    is typed beats one found only by its start."""
    people = [("accented", ["José"]), ("plain", ["Jose"]), ("longer", ["Jose Antonio"])]
    assert best_matches("José", people) == ["accented"]
    assert best_matches("jose", people) == ["plain"]
    assert best_matches("jose a", people) == ["longer"]


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
