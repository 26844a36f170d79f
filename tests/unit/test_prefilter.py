"""The search pre-filter never says "no" when casefolded text holds the words."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflect.journal import prefilter


def test_the_table_is_every_character_folding_to_ascii() -> None:
    expected = {
        chr(code)
        for code in range(0x80, sys.maxunicode + 1)
        if any(part.isascii() for part in chr(code).casefold())
    }
    found = {chr(code) for code in range(0x80, sys.maxunicode + 1)}
    assert {c for c in found if prefilter._FOLD_TO_ASCII.fullmatch(c)} == expected
    assert all(chr(code).casefold() for code in range(sys.maxunicode + 1))  # none folds to ""


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("A LIGHTHOUSE at dusk", "lighthouse", True),
        ("Die Straße", "strasse", True),
        ("Die STRASSE", "straße".casefold(), True),
        ("ﬁne", "fine", True),
        ("Kelvin: 3 K", "3 k", True),
        ("Ærø café 🙂", "café", True),
        ("Ærø café 🙂", "cafe", False),
        ("nothing here", "lighthouse", False),
        ("caf\udcff au lait", "au lait", True),  # bytes that were not UTF-8, in argv
        ("caf\udcff", "caf\udcff", True),
    ],
)
def test_examples(text: str, words: str, expected: bool) -> None:
    assert prefilter.may_contain(text, words) is expected
    assert prefilter.may_contain(text, words) == (words in text.casefold())


TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("aAbBsSkKiIfFlLtT ßẞſKﬀﬁﬂﬃﬄﬅﬆİŉǰẖẗẘẙẚ\nçÇ🙂"), st.characters()
    ),
    max_size=40,
)


@given(TEXT, TEXT)
def test_never_a_false_no(text: str, words: str) -> None:
    folded = words.casefold()
    assert prefilter.may_contain(text, folded) == (folded in text.casefold())
