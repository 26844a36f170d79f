"""Bounds checked before text is handed to tomllib: how big, and how deeply nested.

tomllib's cost grows with the square of the nesting: 20,000 dotted keys
(`a.a.a…`, 40 KB) take ~10 s to parse, and the deep tables it returns then
cost as much again to validate. Nested `[`/`{` are cheaper for tomllib (it
gives up with a RecursionError) but no workbook, draft or config needs more
than a handful of levels. So every TOML reflect reads (workbooks, drafts, the
config) is first scanned once, in linear time, for its deepest point; text
nested more than MAX_NESTING levels is refused with the line it happens on.

What is counted is what makes tomllib slow: open `[` and `{`, plus the parts
of the dotted key (or table header) being read. The scan skips strings (basic,
literal, and their multi-line forms) and comments, so a prompt that says "[[[["
is not miscounted. It is deliberately simple, not a TOML parser: a float's dot
in a value counts one level, and text it cannot make sense of (an unterminated
string) is left for tomllib to name. A table's keys are counted from where the
line starts, not added to its header's, so a file can reach twice the limit in
all; that is still a few hundred levels at most, parsed at once.
"""

from __future__ import annotations

import re

MAX_NESTING = 50
"""Levels of `[`, `{` and dotted-key parts. reflect's own files need at most 6."""

MAX_TOML_BYTES = 1_000_000
"""Workbooks and the config; our biggest bundled workbook is under 5 KB."""

_SPECIAL = re.compile(r"""["'#\[\]{}=,.\n]""")


def nesting_line(text: str, limit: int = MAX_NESTING) -> int | None:
    """The line (from 1) where `text` first nests deeper than `limit`, or None."""
    depth = 0  # [ and { open now
    dots = 0  # dots in the key (or value) being read, since the last = , [ ] { } or newline
    line = 1
    pos = 0
    search = _SPECIAL.search
    while match := search(text, pos):
        char, at = match.group(), match.start()
        pos = at + 1
        if char == "\n":
            line += 1
            dots = 0
        elif char == ".":
            dots += 1
            if depth + dots > limit:
                return line
        elif char in "[{":
            depth += 1
            dots = 0
            if depth > limit:
                return line
        elif char in "]}":
            depth = max(depth - 1, 0)
            dots = 0
        elif char in "=,":
            dots = 0
        elif char == "#":
            end = text.find("\n", at)
            if end < 0:
                return None
            pos = end  # the newline is counted on the next turn
        else:
            end = _string_end(text, at, char)
            if end < 0:
                return None  # unterminated: tomllib says where
            line += text.count("\n", at, end)
            pos = end
    return None


def _string_end(text: str, start: int, quote: str) -> int:
    """Where the string opening at `start` ends (just after its closing quote), or -1.

    Basic strings (with escapes) are matched by a regular expression, linear and in
    C even for a megabyte of escaped quotes; literal strings have no escapes.
    """
    triple = text.startswith(quote * 3, start)
    if quote == '"':
        match = (_MULTI_BASIC if triple else _BASIC).match(text, start)
        end = match.end() if match else -1
    elif triple:
        close = text.find("'''", start + 3)
        end = -1 if close < 0 else close + 3
        if end >= 0:  # up to two quotes may end the content just before the closing three
            end += 2 if text.startswith("''", end) else 1 if text.startswith("'", end) else 0
    else:
        stop = text.find("\n", start)
        close = text.find("'", start + 1, stop if stop >= 0 else len(text))
        end = close + 1 if close >= 0 else -1
    if end < 0 and not triple:
        # Unterminated on its line: tomllib will refuse it; carry on from the line's end.
        newline = text.find("\n", start)
        return newline if newline >= 0 else -1
    return end


_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_MULTI_BASIC = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""(?:""|")?', re.DOTALL)
