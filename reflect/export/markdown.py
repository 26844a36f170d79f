"""The journal as a Markdown document a person is glad to read, or to hand to someone.

Layout: a title and the date range, a contents list linking to each entry, then each
entry as a `##` heading with its date (and title), a line saying when and from which
workbook, sections as `###` and prompts as `####` headings, answers under them, and
actions as task lists (`- [ ]`, `- [x]`) with their dates and follow-up notes.

Answers are the person's own words, written with `reflect.export.markdown_text` (which
says how nothing in them can be read as formatting); each answer is its kind's
`markdown` (`reflect.kinds`).

The document is produced as a stream of UTF-8 pieces (`render_markdown_bytes`, for a
pipe or a file) or of text (`render_markdown`, the same bytes decoded). The contents
list needs every heading first, so each entry is rendered as it is read and kept,
as UTF-8, in a spooled temporary file (in memory up to `SPOOL_IN_MEMORY`, then in
an unnamed file only this process can open) until the contents list is out: the
journal is read and parsed once, and a large one is never held in memory whole. A
long journal comes in parts (runs of month files), each rendered into a file of its
own in a process of its own where there are cores for it (`reflect.export.parallel`),
then put together in order: the same document, in about half the time on two cores.

tests/unit/test_export_markdown_golden.py pins the output byte for byte.
"""

from __future__ import annotations

import codecs
import contextlib
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache, partial
from typing import IO

from reflect.export.markdown_text import block, clock, inline, long_day, repeated_inline, task_list
from reflect.export.parallel import run_tasks
from reflect.journal.model import Entry
from reflect.journal.tags import written_tags
from reflect.kinds import kind_of

# Rendered entries beyond this many bytes wait on disk, not in memory (see above):
# export's peak memory stays near the interpreter's whatever the journal's size
# (measured: 1 MiB here and 64 KiB pieces keep ten years at ~25 MB; 4 MiB and 1 MiB
# took ~39 MB, and were no quicker).
SPOOL_IN_MEMORY = 1024 * 1024
# The document is handed on in pieces of about this size: a few large writes to a
# pipe or file instead of one per line (each a system call), and little memory.
PIECE = 64 * 1024

# ---- What we say in the document. ----------------------------------------------------
TITLE = "Journal"
ONE_ENTRY = "1 entry"
MANY_ENTRIES = "{count:,} entries"
RANGE = "{start} to {end}"
EXPORTED = "Exported from reflect on {day}."
SOME_SECTIONS = "Only the chosen sections of each entry are included."
CONTENTS = "Contents"
FREE_FORM = "free-form"
WORKBOOK = "workbook {id}"
WORKBOOK_VERSION = "workbook {id} (version {version})"
STARRED = "★ starred"
TAGS = "Tags"
LEFT = "Left for another day"


@dataclass(frozen=True)
class Heading:
    """What the contents list needs of an entry: nothing of its text."""

    id: str
    written: datetime
    label: str
    day: str  # long_day(written), worked out while the entry's day is in long_day's cache


Entries = Callable[[], Iterable[Entry]]


def render_markdown_bytes(
    entries: Entries | Sequence[Entries],
    *,
    exported: date,
    since: date | None = None,
    until: date | None = None,
    some_sections: bool = False,
    title: str = TITLE,
    headings: list[Heading] | None = None,
) -> Iterator[bytes]:
    """The document as UTF-8, in pieces of about `PIECE` bytes (a piece may end inside
    a character). `entries` is called once and gives the entries oldest first.
    Nothing is yielded until every entry has been read, so a month file that does not
    parse stops the export before any of it is written.

    `entries` may instead be several such functions, each giving the entries that
    follow the previous one's (say, the older and the newer half of the journal):
    those are rendered at the same time on different cores where the machine has
    them (see `reflect.export.parallel`), into the same document. `headings`, when
    given, receives each entry's heading: how many entries the document holds.
    """
    parts = [entries] if callable(entries) else list(entries)
    found = headings if headings is not None else []
    preamble = partial(_preamble, found, exported, since, until, some_sections, title)
    if len(parts) == 1:
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY) as spool:
            found += _render_part(parts[0], spool)
            yield from _in_pieces(preamble())
            yield from _read_back(spool)
        return
    # Each part is rendered into a file of its own (unnamed: only this process and
    # its children can open it), which a child process can write and this one read.
    with contextlib.ExitStack() as stack:
        spools = [stack.enter_context(tempfile.TemporaryFile()) for _ in parts]
        tasks = [
            partial(_render_part, part, spool) for part, spool in zip(parts, spools, strict=True)
        ]
        for part_headings in run_tasks(tasks):
            found += part_headings
        yield from _in_pieces(preamble())
        for rendered in spools:
            yield from _read_back(rendered)


def _render_part(entries: Entries, spool: IO[bytes]) -> list[Heading]:
    """Render `entries` into `spool`; their headings, for the contents list."""
    headings: list[Heading] = []
    for piece in _in_pieces(_entries_text(entries(), headings)):
        spool.write(piece)
    spool.flush()  # a child process leaves without flushing anything
    return headings


def _read_back(spool: IO[bytes]) -> Iterator[bytes]:
    spool.seek(0)
    while piece := spool.read(PIECE):
        yield piece


def render_markdown(
    entries: Callable[[], Iterable[Entry]],
    *,
    exported: date,
    since: date | None = None,
    until: date | None = None,
    some_sections: bool = False,
    title: str = TITLE,
) -> Iterator[str]:
    """The document as text: `render_markdown_bytes`, decoded (for a terminal or a viewer)."""
    pieces = render_markdown_bytes(
        entries,
        exported=exported,
        since=since,
        until=until,
        some_sections=some_sections,
        title=title,
    )
    decoder = codecs.getincrementaldecoder("utf-8")()  # keeps a character cut between pieces
    for piece in pieces:
        yield decoder.decode(piece)
    decoder.decode(b"", final=True)  # raises if the document ended inside a character


def _entries_text(entries: Iterable[Entry], headings: list[Heading]) -> Iterator[str]:
    """Each entry after a thematic break, its heading noted in `headings` on the way."""
    for entry in entries:
        headings.append(heading(entry))
        yield "\n---\n\n"
        yield render_entry(entry)


def _in_pieces(texts: Iterable[str]) -> Iterator[bytes]:
    """`texts` joined and encoded in pieces of about `PIECE` characters. The entries
    and the contents list are thousands of short texts each: one encode and one
    write per piece instead of per text (~50 ms less at a hundred years of entries)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= PIECE:
            yield "".join(batch).encode("utf-8")
            batch, size = [], 0
    if batch:
        yield "".join(batch).encode("utf-8")


def heading(entry: Entry) -> Heading:
    label = entry.title.strip() or _snippet(_first_line(entry))
    return Heading(entry.id, entry.written, label, long_day(entry.written.date()))


def _first_line(entry: Entry) -> str:
    """`entry.first_line()`, without splitting a long body into all its lines: the first
    line with any text in it is the one where the text starts."""
    if entry.body:
        line = entry.body.lstrip().partition("\n")[0].strip()
        if line:
            return line
    return entry.first_line()


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
            when = f"{item.day}, {clock(item.written)}"
            label = f"{when} · {inline(item.label)}" if item.label else when
            yield f"- [{label}](#{anchor(item.id)})\n"


def anchor(entry_id: str) -> str:
    return f"entry-{entry_id}"


# --------------------------------------------------------------------------- entries


def render_entry(entry: Entry, *, anchor_line: bool = True) -> str:
    """One entry, starting with its anchor (for the contents list's links) and heading,
    ending with a newline. Without `anchor_line` it is pure Markdown, for a viewer that
    shows one entry (the TUI's journal screen).

    The entry is one list of parts joined once; sections add their parts to it
    rather than joining their own (the same text: every level joins with a newline).
    """
    day = long_day(entry.written.date())
    title = f"{day} · {inline(entry.title)}" if entry.title.strip() else day
    target = f'<a id="{anchor(entry.id)}"></a>\n\n' if anchor_line else ""
    parts = [
        f"{target}## {title}\n",
        f"*{clock(entry.written)} · {_about(entry.workbook, entry.version, entry.starred)}*\n",
    ]
    tags = written_tags(entry)
    if tags:
        parts.append(f"*{TAGS}: {inline(' '.join(tags))}*\n")
    if entry.body is not None:
        parts.append(block(entry.body))
    for conflict in entry.conflicts:  # both devices' words, as the journal keeps them
        parts.append(f"**Conflict:** {inline(conflict.note)}\n")
        parts.append(block(conflict.text))
    if entry.actions:
        parts.append(task_list(entry.actions))
    for section in entry.sections:
        parts.append(f"### {repeated_inline(section.title)}\n")
        for answer in section.answers:
            parts.append(f"#### {repeated_inline(answer.prompt)}\n")
            parts.append(kind_of(answer).markdown(answer))
    if entry.left:
        parts.append(f"### {LEFT}\n")
        parts.append("".join(f"- {inline(item.prompt)}\n" for item in entry.left))
    return "\n".join(parts)


@lru_cache(maxsize=256)
def _about(workbook: str | None, version: str | None, starred: bool) -> str:
    """What the line under an entry's heading says after the time: 'free-form',
    'workbook wellbeing-check-in (version 1) · ★ starred'. Cached: a journal has
    few workbooks.

    Escaped as the whole line would be: after a time (`09:05 · `) nothing in it
    starts the line, so the time is a stand-in here and cut off again.
    """
    about = [FREE_FORM]
    if workbook is not None:
        about = [
            WORKBOOK.format(id=workbook)
            if version is None
            else WORKBOOK_VERSION.format(id=workbook, version=version)
        ]
    if starred:
        about.append(STARRED)
    return inline(" · ".join(["00:00", *about])).removeprefix("00:00 · ")
