"""Workbook prose reads as Markdown does: soft breaks are spaces, blank lines paragraphs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflect.workbook.prose import one_line, paragraphs, reflow, section_line

BOX_DRAWING = {chr(c) for c in range(0x2500, 0x2580)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A hard wrap in the TOML is a space: no orphan words at another width.
        (
            "Feeling worried is an understandable\nresponse to real news, not a personal\nfailing.",
            "Feeling worried is an understandable response to real news, not a personal failing.",
        ),
        (
            "If things are hard right now,\nyou do not\nhave to work through them alone",
            "If things are hard right now, you do not have to work through them alone",
        ),
        # A blank line is a new paragraph; several are one.
        ("One.\n\nTwo\nlines.", "One.\n\nTwo lines."),
        ("One.\n\n\n\nTwo.", "One.\n\nTwo."),
        # Runs of spaces inside a line (the "wide gap" of the ideas box) are one space.
        (
            "Each one offers some        ideas to\nconsider.",
            "Each one offers some ideas to consider.",
        ),
        # List items keep their own lines, and their wrapped lines join them.
        (
            "Try:\n- a walk\n- a call to\n  a friend\n* tea",
            "Try:\n- a walk\n- a call to a friend\n* tea",
        ),
        ("Steps:\n1. notice\n2) name it", "Steps:\n1. notice\n2) name it"),
        # A hard break (two spaces or a backslash at the end) is kept.
        ("Sam  \n01234 567890", "Sam\n01234 567890"),
        ("Sam\\\n01234 567890", "Sam\n01234 567890"),
        # Headings and quotes stand on their own.
        ("# Title\nbody text\n> a quote\nmore", "# Title\nbody text\n> a quote\nmore"),
        # Windows and old Mac line ends read the same.
        ("one\r\ntwo\rthree", "one two three"),
        ("  leading and trailing  \n", "leading and trailing"),
        ("", ""),
    ],
)
def test_reflow(text: str, expected: str) -> None:
    assert reflow(text) == expected


words = st.text(st.characters(categories=["L", "N", "P"]), min_size=1, max_size=8)
layout = st.sampled_from([" ", "  ", "\n", "\n\n", "\t", " \n "])


@given(st.lists(st.tuples(words, layout), max_size=30))
def test_reflow_keeps_every_word_in_order(pieces: list[tuple[str, str]]) -> None:
    """However the text was wrapped, every word is kept, in order: reflowing only
    ever changes the space between words. (A trailing backslash is a hard break,
    so words ending in one are left to the table above.)"""
    text = "".join(word + space for word, space in pieces)
    expected = [w for word, _ in pieces for w in [word.rstrip("\\")] if w]
    found = [w.rstrip("\\") for w in reflow(text).split()]
    assert [w for w in found if w] == expected


@given(st.lists(st.tuples(words, layout), max_size=30))
def test_one_line_has_no_line_breaks(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + space for word, space in pieces)
    assert "\n" not in one_line(text)
    assert one_line(text).split() == " ".join(paragraphs(text)).split()


@pytest.mark.parametrize(
    ("number", "total", "title", "expected"),
    [
        (1, 4, "How you are right now", "Section 1 of 4: How you are right now."),
        (2, 4, "What helps?", "Section 2 of 4: What helps?"),
        (3, 3, "  Next steps.  ", "Section 3 of 3: Next steps."),
    ],
)
def test_section_line_is_a_sentence(number: int, total: int, title: str, expected: str) -> None:
    line = section_line(number, total, title)
    assert line == expected
    assert not BOX_DRAWING & set(line)
