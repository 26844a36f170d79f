"""as_prose escapes whole answers at once for speed; it must equal escaping line by line.

The reference below is the line-by-line form it replaced (one `escape` per line,
then a backslash at the end of each line another line follows).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reflect.export.markdown_text import as_prose, escape

PIECES = st.sampled_from(
    [*"ab \n\r\t#>+=-1.)9*_`[]<|~$&;\\", "&amp;", "&#12;", "12.", "ß", "🙂", "\n\n", "\n\n\n"]
)


def line_by_line(text: str) -> str | None:
    lines = text.split("\n")
    if not text.strip() or not lines[0] or not lines[-1]:
        return None
    if any(line != line.strip() or "\r" in line for line in lines):
        return None
    escaped = [escape(line) for line in lines]
    return "\n".join(
        line + "\\" if line and after else line
        for line, after in zip(escaped, [*escaped[1:], ""], strict=True)
    )


@settings(max_examples=500)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_as_prose_equals_escaping_line_by_line(text: str) -> None:
    assert as_prose(text) == line_by_line(text)


@given(st.text(max_size=60))
def test_as_prose_equals_escaping_line_by_line_on_any_text(text: str) -> None:
    assert as_prose(text) == line_by_line(text)
