"""The Markdown export's shortcuts agree with the plain way of doing the same.

The document goes out as UTF-8 pieces cut anywhere (even inside a character), and
as text decoded from them: both must be the one document. The contents list takes
an entry's first line without splitting its whole body: it must be the line
`Entry.first_line` gives.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflect.export import markdown
from reflect.export.markdown import heading, render_markdown, render_markdown_bytes
from reflect.journal.model import Entry, SectionRecord
from reflect.kinds.text import TextAnswer
from tests.conftest import FROZEN_TODAY
from tests.unit.test_export_markdown_golden import varied_journal


@pytest.mark.parametrize("piece", [1, 7, 1000, markdown.PIECE])
def test_bytes_and_text_are_one_document_however_it_is_cut(
    piece: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = varied_journal()
    whole = "".join(render_markdown(lambda: entries, exported=FROZEN_TODAY))
    monkeypatch.setattr(markdown, "PIECE", piece)
    pieces = list(render_markdown_bytes(lambda: entries, exported=FROZEN_TODAY))
    assert b"".join(pieces).decode("utf-8") == whole
    assert "".join(render_markdown(lambda: entries, exported=FROZEN_TODAY)) == whole


LINES = st.lists(
    st.sampled_from(["", " ", "\t", "\x1c", "\u2028", "\u3000", "a", " b ", "long " * 20]),
    max_size=6,
).map("\n".join)


@given(body=st.one_of(st.none(), LINES, st.text(max_size=30)), answer=LINES)
def test_the_contents_label_is_the_entrys_first_line(body: str | None, answer: str) -> None:
    entry = Entry(
        "aaaaaaaa",
        datetime(2026, 11, 21, 22, 5),
        body=body,
        sections=(SectionRecord("s", "S", (TextAnswer("p", "P", answer),)),),
    )
    expected = entry.first_line()
    if len(expected) > 60:
        expected = expected[:59].rstrip() + "…"
    assert heading(entry).label == expected
