"""The Markdown that answers are written in: escaped lines, prose or fenced blocks,
task lists of actions, and days. Each kind's `markdown` (`reflect.kinds`) and the
document around them (`reflect.export.markdown`) are built from these.

Answers are the person's own words, and Markdown must never rearrange them. So:

- Most answers are written as prose: paragraphs that wrap like any text. Every
  character Markdown would read as formatting (`*`, `_`, `` ` ``, `[`, `<`, `|`, `~`,
  `$`, `\\`, an entity like `&amp;`, and `#`, `>`, `-`, `+`, `=` or `1.` starting a
  line) gets a backslash in front, so a viewer shows it as the character itself, and
  a line break inside a paragraph gets a backslash at the end of the line (a
  CommonMark hard line break). Ordinary prose needs none of this and is untouched.
- Where whitespace carries meaning that Markdown would drop (indented lines, spaces
  at the end of a line, a line of only spaces, blank lines at the very start or end,
  a carriage return), the answer goes in a fenced text block exactly as written, with
  a fence longer than any run of backticks inside, so nothing in it can end the
  block. It shows in a box, every character kept.
- One-line values (titles, prompts, options, list items, action text) are escaped
  the same way, and `#` everywhere in them (a heading's closing sequence).

Export renders every answer of ten years in one go (5 MB of text in the benchmark
journal), so the text functions below are written for speed where it counts: each
whole-text pass runs only when a cheap test (`in`, or a search that starts at a
newline) says it has something to do, and values that repeat from entry to entry
(days, prompts, section titles) are worked out once. tests/unit/test_export_markdown_golden.py
pins the output byte for byte, and tests/unit/test_markdown_prose_fast.py checks
`as_prose` against plain line-by-line escaping.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time
from functools import lru_cache

from reflect.dates import format_day
from reflect.journal.model import Action

# ---- What we say in the document about actions and empty answers. --------------------
DUE = "due {day}"
DUE_AT = "due {day} at {time}"
CLOSED = {"done": "done {day}", "dropped": "dropped {day}"}
NOTE_LABEL = {"done": "How it went:", "dropped": "Why:", "open": "Note:"}
EMPTY_ANSWER = "*(left empty)*"

# A year no entry is written in: with it as "today", format_day always names the year,
# as a document read later and elsewhere should ("Tue 3 Nov 2026", not "Tue 3 Nov").
_NO_YEAR = date.min

# Characters that mean something anywhere in a line, in CommonMark or GitHub's Markdown:
# escapes, code, emphasis, links and images, HTML and autolinks, tables, strikethrough
# and math. (A `]` or `!` alone means nothing.) _SPECIALS holds the same characters
# as _SPECIAL (tests/unit/test_markdown_prose_fast.py would see them drift apart),
# the backslash first: _escape_specials doubles it before adding the others'.
_SPECIALS = "\\`*_[<|~$"
_SPECIAL = re.compile(r"([\\`*_\[<|~$])")
_HEADING_SPECIAL = re.compile(r"([\\`*_\[<|~$#])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What means something at the start of a line: headings, quotes, list markers, setext
# underlines and thematic breaks, ordered list numbers.
_LINE_START = re.compile(r"^([#>+=-])|^([0-9]{1,9})([.)])")
# What a line must start with for _LINE_START to match.
_FIRST = "#>+=-0123456789"
# The same after a line break. These patterns, and the two below, start with the
# newline itself: the regex engine then skips through the text to each newline in C
# instead of trying the pattern at every character (~10x quicker on long answers).
_STARTER_AFTER_BREAK = re.compile(r"\n[#>+=0-9-]")
_LINE_START_AFTER_BREAK = re.compile(r"\n(?:([#>+=-])|([0-9]{1,9})([.)]))")
# Whitespace just after or just before a line break (a line that starts or ends with it).
_SPACE_AT_LINE_EDGE = re.compile(r"\n(?:[^\S\n]|(?<=[^\S\n]\n))")
# A line break with text on both sides: inside a paragraph, where it needs a backslash.
_BREAK_IN_PARAGRAPH = re.compile(r"\n(?<=[^\n]\n)(?=[^\n])")
_BACKTICKS = re.compile(r"`+")
# A non-empty line: Markdown's line endings are LF, CR and CRLF.
_LINE = re.compile(r"[^\r\n]+")


@lru_cache(maxsize=1024)
def long_day(day: date) -> str:
    """'Tue 3 Nov 2026'. Cached: a day comes up again and again in an export (an
    entry's heading, its line in the contents list, the due dates around it), and
    the entries come in order, so the days in use fit a small cache."""
    return format_day(day, _NO_YEAR)


def clock(moment: datetime | time) -> str:
    """'09:05', as `f"{moment:%H:%M}"` says it, without strftime (~2 µs, twice an entry)."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def task_list(actions: Iterable[Action]) -> str:
    """A task list. A note makes the list 'loose' (blank lines between items), so each
    note sits inside its own item."""
    items = [_action(action) for action in actions]
    joiner = "\n" if any("\n\n" in item for item in items) else ""
    return joiner.join(items)


def _action(action: Action) -> str:
    text = inline(action.text)
    if action.status == "dropped":
        text = f"~~{text}~~"
    dates = []
    if action.due is not None:
        day = long_day(action.due)
        dates.append(
            DUE.format(day=day)
            if action.at is None
            else DUE_AT.format(day=day, time=clock(action.at))
        )
    if action.repeat is not None:
        dates.append(action.repeat.label())
    if action.changed_on is not None:
        dates.append(CLOSED[action.status].format(day=long_day(action.changed_on)))
    box = "x" if action.status == "done" else " "
    line = f"- [{box}] {text}" + (" — " + ", ".join(dates) if dates else "") + "\n"
    if action.note is None:
        return line
    note = block(action.note, label=NOTE_LABEL[action.status])
    return line + "\n" + _indent(note, "  ")


def _indent(text: str, prefix: str) -> str:
    """`prefix` before every non-empty line. Markdown ends a line at CR too, so a CR in
    someone's note starts an indented line here as well: otherwise the text after it
    would sit at column 0, outside the list item and its fenced block."""
    return _LINE.sub(lambda m: prefix + m[0], text)


# --------------------------------------------------------------------------- text


def escape(line: str, *, heading: bool = False) -> str:
    """One line with a backslash before everything Markdown would read as formatting
    (in a heading, `#` everywhere too: trailing `#`s would close it)."""
    special = _HEADING_SPECIAL if heading else _SPECIAL
    # Each substitution only where it has something to do: most lines need none, and
    # a substitution costs several times a search (export runs this on every line).
    if special.search(line):
        line = special.sub(r"\\\1", line)
    if "&" in line:
        line = _ENTITY.sub(r"\\&", line)
    if _LINE_START.match(line):
        line = _LINE_START.sub(_line_start, line, count=1)
    return line


def _line_start(match: re.Match[str]) -> str:
    return f"\\{match[1]}" if match[1] else f"{match[2]}\\{match[3]}"


def _line_start_after_break(match: re.Match[str]) -> str:
    return "\n" + _line_start(match)


def inline(value: str) -> str:
    """A one-line value made safe for a heading, a link text or a list item."""
    # A CR would end the line in Markdown, and start a heading or a list of its own.
    return escape(value.replace("\r", " ").strip(), heading=True)


# Section titles, prompts and the options people tick come from a few workbooks and
# repeat in every entry written with them: escaped once each.
repeated_inline = lru_cache(maxsize=1024)(inline)


def as_prose(text: str) -> str | None:
    """`text` as Markdown prose that a viewer shows exactly as written, or None when
    whitespace in it matters (see the module's docstring).

    Blank lines separate paragraphs, as they do in Markdown; a line break inside a
    paragraph gets a backslash at the end of the line (a CommonMark hard line break).

    This is `escape` on every line, then the backslashes at line ends, done on the
    whole text at once: no pattern crosses a line break, except where said.
    """
    # Whitespace that matters: at the start or end (which takes in a blank first or
    # last line, and an answer of only whitespace), at either end of any line, a CR.
    if not text or text[0].isspace() or text[-1].isspace() or "\r" in text:
        return None
    if _SPACE_AT_LINE_EDGE.search(text):
        return None
    text = _escape_specials(text)
    if "&" in text:
        text = _ENTITY.sub(r"\\&", text)
    if text[0] in _FIRST:
        text = _LINE_START.sub(_line_start, text, count=1)
    if _STARTER_AFTER_BREAK.search(text):
        text = _LINE_START_AFTER_BREAK.sub(_line_start_after_break, text)
    # A backslash ends each line that another line of the same paragraph follows.
    if _BREAK_IN_PARAGRAPH.search(text):
        text = _BREAK_IN_PARAGRAPH.sub("\\\\\n", text)
    return text


def _escape_specials(text: str) -> str:
    """A backslash before each of `_SPECIALS` in `text`. One `replace` per character
    that is there: a scan in C each, about three times quicker than `_SPECIAL.sub`,
    which builds each replacement in Python."""
    for char in _SPECIALS:
        if char in text:
            text = text.replace(char, "\\" + char)
    return text


def block(text: str, *, label: str | None = None) -> str:
    """A written answer: as prose when it can be, otherwise fenced exactly as written."""
    if not text:
        return f"{label} {EMPTY_ANSWER}\n" if label else EMPTY_ANSWER + "\n"
    prose = as_prose(text)
    if prose is not None:
        return (f"{label} " if label else "") + prose + "\n"
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    fenced = f"{fence}text\n{text}\n{fence}\n"
    return f"{label}\n\n{fenced}" if label else fenced
