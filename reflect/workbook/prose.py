"""Workbook prose read the way Markdown reads it, for every place that shows it.

Authors hard-wrap their TOML strings at whatever width their editor has, and a
line broken at 72 columns breaks raggedly in a 60- or 80-column box (orphan
words, a gap in the middle of a line). Markdown's rules fix that and are the
ones authors already know: a single newline is a space, a blank line starts a
new paragraph, a list item (`- `, `* `, `+ `, `• `, `1. `, `1) `) starts a new
line, a heading (`# `) or a quoted line (`> `) stands on its own, and a line
ending in two spaces or a backslash keeps its break.

One function, used by the full-screen app, plain mode and the preview, so a
workbook reads the same everywhere. Nothing here changes what a person wrote
in their journal: this is for the workbook's words only.
"""

from __future__ import annotations

import re

_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
# A heading or a quoted line is a line of its own: nothing joins it, it joins nothing.
_OWN_LINE = re.compile(r"^\s{0,3}(?:#{1,6}\s|>)")
_SPACES = re.compile(r"[ \t]+")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of `text`, each with its soft line breaks made spaces.

    A paragraph keeps a newline only where Markdown would: before a list item
    and after a hard break. Runs of spaces inside a line become one space.
    """
    found: list[str] = []
    lines: list[str] = []
    joinable = False  # whether the next line continues the last one
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not raw.strip():
            if lines:
                found.append("\n".join(lines))
                lines, joinable = [], False
            continue
        hard = raw.endswith("  ") or raw.rstrip(" \t").endswith("\\")
        line = _SPACES.sub(" ", raw.strip())
        if hard and line.endswith("\\"):
            line = line[:-1].rstrip()
        own_line = _OWN_LINE.match(raw) is not None
        if joinable and not own_line and _LIST_ITEM.match(raw) is None:
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
        joinable = not hard and not own_line
    if lines:
        found.append("\n".join(lines))
    return found


def reflow(text: str) -> str:
    """`text` with its soft breaks joined, paragraphs separated by one blank line."""
    return "\n\n".join(paragraphs(text))


def one_line(text: str) -> str:
    """`text` as one line (a description beside a title, a tip in a list)."""
    return " ".join(" ".join(paragraphs(text)).split())


def section_line(number: int, total: int, title: str) -> str:
    """'Section 1 of 4: How you are right now.': a sentence, read aloud as one, with
    no rules or box characters for a screen reader to spell out."""
    return f"Section {number} of {total}: {_sentence(title)}"


def prompt_line(number: int, total: int, text: str) -> str:
    """'Prompt 2 of 6: How are you feeling?'"""
    return f"Prompt {number} of {total}: {text}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!", ":", "…")) else text + "."
