"""Reading the journal back: month files into entries, exactly as they were written.

The grammar is docs/journal-format.md; `reflect.journal.render` writes it. A file
that does not parse raises JournalError naming the line of the first problem, and
nothing is guessed. Each entry is read by `reflect.journal.entry_parser`, except
free-form notes exactly as reflect writes them, which `_quick_entry` reads in a few
matches over the text.

parse(render(x)) == x for every valid entry (see tests/unit/test_journal_format.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from reflect.errors import JournalError
from reflect.journal.entry_parser import EntryParser, ParsedFile, Span
from reflect.journal.lines import INDENT
from reflect.journal.model import Entry
from reflect.journal.render import FILE_HEADER, FORMAT_VERSION

# A byte order mark is what some Windows editors put first; it is not the user's text.
_FILE_HEADER_RE = re.compile(r"^\ufeff?# reflect journal · format ([0-9]{1,9})\s*$")


def parse(
    text: str,
    path: Path | None = None,
    *,
    quick: bool = True,
    wanted: Callable[[str], bool] | None = None,
) -> ParsedFile:
    """Parse a month file. Raises JournalError naming the line of the first problem.

    With `wanted`, only the entries whose text it accepts are read (and so only their
    problems reported): a search reads just the entries that may hold its words.

    Most entries are free-form notes exactly as reflect writes them, and those are
    read by `_quick_entry` in a few matches over the text. Anything else (a workbook
    session, a hand edit, a mistake) is read line by line by `EntryParser`, which
    checks everything and names the line of a problem. The two agree on every text
    (tests/unit/test_journal_format.py compares them); `quick=False` reads every
    entry line by line, for those tests.
    """
    parsed = ParsedFile()
    header_at = _end_of_blank_lines(text, 0, len(text))
    if header_at == len(text):
        return parsed
    header_line = text.count("\n", 0, header_at)
    header_end = text.find("\n", header_at)
    first = text[header_at:] if header_end == -1 else text[header_at:header_end]
    if first.endswith("\r"):
        raise JournalError(
            "This file has Windows line endings (CRLF); reflect journals use plain LF. "
            "Convert it (for example with dos2unix) and tell git to keep LF for it.",
            path=path,
            line=header_line + 1,
        )
    match = _FILE_HEADER_RE.match(first)
    if not match:
        raise JournalError(
            f"The first line should be '{FILE_HEADER}'.", path=path, line=header_line + 1
        )
    parsed.format = int(match.group(1))
    if parsed.format > FORMAT_VERSION:
        raise JournalError(
            f"This file uses journal format {match.group(1)}, written by a newer reflect. "
            "Upgrade reflect to read it.",
            path=path,
            line=header_line + 1,
        )
    if header_end == -1:
        return parsed
    starts = _entry_starts(text, header_end, header_line)
    before_entries = starts[0][1] if starts else len(text)
    stray = _end_of_blank_lines(text, header_end + 1, before_entries)
    if stray < before_entries:
        raise JournalError(
            "Unexpected text before the first entry. Entries start with '## ' and a date.",
            path=path,
            line=text.count("\n", 0, stray) + 1,
        )
    for index, (start, offset) in enumerate(starts):
        if index + 1 < len(starts):
            end, stop = starts[index + 1]
        else:
            end, stop = start + text.count("\n", offset) + (not text.endswith("\n")), len(text)
        if wanted is not None and not wanted(text[offset:stop]):
            continue
        if quick and _quick_entry(text, offset, stop, start, end, parsed):
            continue
        lines = text[offset:stop].split("\n")[: end - start]
        EntryParser(lines, start, path, parsed).parse()
    return parsed


def with_format(text: str, version: int) -> str:
    """`text` (a month file that parses) saying at least journal format `version` in its
    first line: what adding an entry of a newer kind to an older file needs. Every
    other byte stays as it was."""
    at = _end_of_blank_lines(text, 0, len(text))
    end = text.find("\n", at)
    end = len(text) if end == -1 else end
    match = _FILE_HEADER_RE.match(text[at:end])
    if match is None or int(match.group(1)) >= version:
        return text
    return text[: at + match.start(1)] + str(version) + text[at + match.end(1) :]


# Lines that are empty or only whitespace (`\s` is what str.isspace() means, too).
_BLANK_LINES = re.compile(r"(?:[^\S\n]*(?:\n|\Z))*")


def _end_of_blank_lines(text: str, start: int, end: int) -> int:
    """Where the run of blank lines from `start` (a line's start) ends, before `end`."""
    found = _BLANK_LINES.match(text, start, end)
    assert found is not None  # the pattern matches no lines too
    return found.end()


def _entry_starts(text: str, after: int, line: int) -> list[tuple[int, int]]:
    """Each line after the newline at `after` (which ends line `line`) that starts with
    '## ', as its number and where it starts in the text: each starts an entry.

    Found with str.find on the text rather than a look at every line, which on a
    large month is a good part of the parse.
    """
    starts: list[tuple[int, int]] = []
    find, count = text.find, text.count
    position = after
    while (hit := find("\n## ", position)) != -1:
        line += count("\n", position, hit) + 1
        position = hit + 1
        starts.append((line, position))
    return starts


# A free-form entry as reflect writes it: its heading and 'key: value' lines, in
# order, each as _ENTRY_RE, _META_RE and _WORKBOOK_RE read them.
_QUICK_HEAD = re.compile(
    r"## (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2})?)(?: · ([^\n]*))?\n"
    r"id: ([a-z0-9]{3,16})\n"
    r"(?:workbook: ([a-z0-9][a-z0-9_-]*)(?: \(version ([A-Za-z0-9._-]+)\))?\n)?"
    r"(starred: yes\n)?"
)
# In a block of four-space-indented and empty lines, the first newline that starts
# anything else (or ends the text searched).
_OUTSIDE_BLOCK = re.compile(r"\n(?!    |\n)")


def _quick_entry(
    text: str, start: int, stop: int, line: int, end_line: int, parsed: ParsedFile
) -> bool:
    """Read the entry in text[start:stop] (lines [line, end_line)) into `parsed`, if it
    is a heading, its 'key: value' lines and perhaps a text block, exactly as reflect
    writes them. Returns False, having changed nothing, for anything else: then
    `EntryParser` reads it, and reports what is wrong if something is.
    """
    head = _QUICK_HEAD.match(text, start, stop)
    if head is None:
        return False
    day, clock, title, entry_id, workbook, version, starred = head.groups()
    if entry_id in parsed.entry_spans:
        return False
    content_end = head.end() - 1  # where the newline ending the entry's last line is
    at = head.end()
    while at < stop and text[at] == "\n":
        at += 1
    body: str | None = None
    if at < stop:
        if not text.startswith(INDENT, at):
            return False
        outside = _OUTSIDE_BLOCK.search(text, at, stop)
        if outside is None or outside.end() != stop:
            return False  # something follows the block, or the text ends mid-line
        content_end = stop - 1
        while text[content_end - 1] == "\n":
            content_end -= 1
        body = text[at + len(INDENT) : content_end].replace("\n" + INDENT, "\n")
    try:
        entry = Entry(
            id=entry_id,
            written=datetime.fromisoformat(f"{day} {clock}"),
            title=title or "",
            workbook=workbook,
            version=version,
            starred=starred is not None,
            body=body,
        )
    except ValueError:
        return False
    parsed.entries.append(entry)
    # Each newline after the one ending the last line ends an empty separator line.
    parsed.entry_spans[entry_id] = Span(line, end_line - (stop - content_end - 1))
    return True


def plain_note(chunk: str) -> tuple[datetime, str] | None:
    """When `chunk` (one entry's text, from its '## ' heading to the next) was written,
    and its id, if it is a note with no workbook, actions or sections, exactly as
    reflect writes one, so `parse` would read it without a problem; None otherwise.

    For readers that need only such a note's time and not its words (looking back
    counts entries per week): the matches `_quick_entry` makes, without building the
    entry or copying its text.
    """
    head = _QUICK_HEAD.match(chunk)
    if head is None or head.group(5) is not None:
        return None
    at, stop = head.end(), len(chunk)
    while at < stop and chunk[at] == "\n":
        at += 1
    if at < stop:
        if not chunk.startswith(INDENT, at):
            return None
        outside = _OUTSIDE_BLOCK.search(chunk, at)
        if outside is None or outside.end() != stop:
            return None
    try:
        return datetime.fromisoformat(f"{head.group(1)} {head.group(2)}"), head.group(4)
    except ValueError:
        return None
