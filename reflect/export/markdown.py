"""The journal as a Markdown document a person is glad to read, or to hand to someone.

Layout: a title and the date range, a contents list linking to each entry, then each
entry as a `##` heading with its date (and title), a line saying when and from which
workbook, sections as `###` and prompts as `####` headings, answers under them, and
actions as task lists (`- [ ]`, `- [x]`) with their dates and follow-up notes.

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

The document is produced as a stream of strings, one entry at a time. The contents
list needs every heading first, so each entry is rendered as it is read and kept,
as UTF-8, in a spooled temporary file (in memory up to `SPOOL_IN_MEMORY`, then in
an unnamed file only this process can open) until the contents list is out: the
journal is read and parsed once, and a large one is never held in memory whole.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from reflect.dates import format_day
from reflect.journal.model import (
    Action,
    ActionAnswer,
    Answer,
    ChecklistAnswer,
    ChoiceAnswer,
    Entry,
    ListAnswer,
    ScaleAnswer,
    SectionRecord,
    TextAnswer,
)

# Rendered entries beyond this many bytes wait on disk, not in memory (see above).
SPOOL_IN_MEMORY = 4 * 1024 * 1024

# ---- What we say in the document. ----------------------------------------------------
TITLE = "Journal"
ONE_ENTRY = "1 entry"
MANY_ENTRIES = "{count} entries"
RANGE = "{start} to {end}"
EXPORTED = "Exported from reflect on {day}."
SOME_SECTIONS = "Only the chosen sections of each entry are included."
CONTENTS = "Contents"
FREE_FORM = "free-form"
WORKBOOK = "workbook {id}"
WORKBOOK_VERSION = "workbook {id} (version {version})"
STARRED = "★ starred"
SCALE = "**{value}** on a scale from {low} to {high}"
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
# and math. (A `]` or `!` alone means nothing.)
_SPECIAL = re.compile(r"([\\`*_\[<|~$])")
_HEADING_SPECIAL = re.compile(r"([\\`*_\[<|~$#])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What means something at the start of a line: headings, quotes, list markers, setext
# underlines and thematic breaks, ordered list numbers.
_LINE_START = re.compile(r"^([#>+=-])|^([0-9]{1,9})([.)])")
# What a line must start with for _LINE_START to match, and a search for such a line.
_FIRST = "#>+=-0123456789"
_STARTERS = re.compile(r"(?:^|\n)[#>+=0-9-]")
_BACKTICKS = re.compile(r"`+")
# A non-empty line: Markdown's line endings are LF, CR and CRLF.
_LINE = re.compile(r"[^\r\n]+")


@dataclass(frozen=True)
class Heading:
    """What the contents list needs of an entry: nothing of its text."""

    id: str
    written: datetime
    label: str


def long_day(day: date) -> str:
    """'Tue 3 Nov 2026'."""
    return format_day(day, _NO_YEAR)


def render_markdown(
    entries: Callable[[], Iterable[Entry]],
    *,
    exported: date,
    since: date | None = None,
    until: date | None = None,
    some_sections: bool = False,
    title: str = TITLE,
) -> Iterator[str]:
    """The document, in pieces. `entries` is called once and gives the entries oldest
    first. Nothing is yielded until every entry has been read, so a month file that
    does not parse stops the export before any of it is written."""
    headings: list[Heading] = []
    sizes: list[int] = []
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY) as spool:
        for entry in entries():
            headings.append(heading(entry))
            sizes.append(spool.write(("\n---\n\n" + render_entry(entry)).encode("utf-8")))
        yield from _preamble(headings, exported, since, until, some_sections, title)
        spool.seek(0)
        for size in sizes:
            yield spool.read(size).decode("utf-8")


def heading(entry: Entry) -> Heading:
    label = entry.title.strip() or _snippet(entry.first_line())
    return Heading(entry.id, entry.written, label)


def _snippet(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _preamble(
    headings: list[Heading],
    exported: date,
    since: date | None,
    until: date | None,
    some_sections: bool,
    title: str,
) -> Iterator[str]:
    yield f"# {inline(title)}\n\n"
    count = ONE_ENTRY if len(headings) == 1 else MANY_ENTRIES.format(count=len(headings))
    start = since or (headings[0].written.date() if headings else None)
    end = until or (headings[-1].written.date() if headings else None)
    facts = [count]
    if start is not None and end is not None:
        facts.append(
            long_day(start)
            if start == end
            else RANGE.format(start=long_day(start), end=long_day(end))
        )
    yield ", ".join(facts) + ". " + EXPORTED.format(day=long_day(exported)) + "\n"
    if some_sections:
        yield "\n" + SOME_SECTIONS + "\n"
    if len(headings) > 1:
        yield f"\n## {CONTENTS}\n\n"
        for item in headings:
            when = f"{long_day(item.written.date())}, {item.written:%H:%M}"
            label = f"{when} · {inline(item.label)}" if item.label else when
            yield f"- [{label}](#{anchor(item.id)})\n"


def anchor(entry_id: str) -> str:
    return f"entry-{entry_id}"


# --------------------------------------------------------------------------- entries


def render_entry(entry: Entry, *, anchor_line: bool = True) -> str:
    """One entry, starting with its anchor (for the contents list's links) and heading,
    ending with a newline. Without `anchor_line` it is pure Markdown, for a viewer that
    shows one entry (the TUI's journal screen)."""
    day = long_day(entry.written.date())
    title = f"{day} · {inline(entry.title)}" if entry.title.strip() else day
    meta = [f"{entry.written:%H:%M}"]
    if entry.workbook is None:
        meta.append(FREE_FORM)
    elif entry.version is None:
        meta.append(WORKBOOK.format(id=entry.workbook))
    else:
        meta.append(WORKBOOK_VERSION.format(id=entry.workbook, version=entry.version))
    if entry.starred:
        meta.append(STARRED)
    target = f'<a id="{anchor(entry.id)}"></a>\n\n' if anchor_line else ""
    parts = [
        f"{target}## {title}\n",
        "*" + inline(" · ".join(meta)) + "*\n",
    ]
    if entry.body is not None:
        parts.append(block(entry.body))
    if entry.actions:
        parts.append(_actions(entry.actions))
    parts += [_section(section) for section in entry.sections]
    return "\n".join(parts)


def _section(section: SectionRecord) -> str:
    parts = [f"### {inline(section.title)}\n"]
    for answer in section.answers:
        parts += [f"#### {inline(answer.prompt)}\n", _answer(answer)]
    return "\n".join(parts)


def _answer(answer: Answer) -> str:
    match answer:
        case TextAnswer():
            return block(answer.text)
        case ScaleAnswer():
            return SCALE.format(value=answer.value, low=answer.low, high=answer.high) + "\n"
        case ChoiceAnswer():
            return inline(answer.chosen) + "\n"
        case ChecklistAnswer():
            return "".join(f"- {inline(item)}\n" for item in answer.ticked)
        case ListAnswer():
            return "".join(f"{n}. {inline(item)}\n" for n, item in enumerate(answer.items, start=1))
        case ActionAnswer():
            return _actions(answer.actions)


def _actions(actions: Iterable[Action]) -> str:
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
            else DUE_AT.format(day=day, time=f"{action.at:%H:%M}")
        )
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


def inline(value: str) -> str:
    """A one-line value made safe for a heading, a link text or a list item."""
    # A CR would end the line in Markdown, and start a heading or a list of its own.
    return escape(value.replace("\r", " ").strip(), heading=True)


def as_prose(text: str) -> str | None:
    """`text` as Markdown prose that a viewer shows exactly as written, or None when
    whitespace in it matters (see the module's docstring).

    Blank lines separate paragraphs, as they do in Markdown; a line break inside a
    paragraph gets a backslash at the end of the line (a CommonMark hard line break).
    """
    lines = text.split("\n")
    if not text.strip() or not lines[0] or not lines[-1]:
        return None
    if any(line != line.strip() or "\r" in line for line in lines):
        return None
    # As escape() line by line, but quicker: the characters in the whole text at once
    # (no pattern crosses a line break), line starts only where one might need it.
    if _SPECIAL.search(text):
        text = _SPECIAL.sub(r"\\\1", text)
    if "&" in text:
        text = _ENTITY.sub(r"\\&", text)
    if _STARTERS.search(text):
        text = "\n".join(
            _LINE_START.sub(_line_start, line, count=1) if line[:1] in _FIRST else line
            for line in text.split("\n")
        )
    # A backslash ends each line that another line follows (a hard line break).
    if "\n\n\n" not in text:  # then every blank line is a single one
        return text.replace("\n", "\\\n").replace("\\\n\\\n", "\n\n")
    lines = text.split("\n")
    return "\n".join(
        line + "\\" if line and after else line
        for line, after in zip(lines, [*lines[1:], ""], strict=True)
    )


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
