"""What looking back needs from each entry, read from the month files.

Only the few facts the numbers are made of are kept (an entry's day and workbook,
its scale, choice and checklist answers, its actions), never its text: they are
small enough to hand between processes, and nothing of anyone's writing is held
longer than the parse of one month file.

A month file that cannot be read is left out and named (`LeftOut`, with its file
and line), rather than stopping everything: looking back over eleven healthy months
is still worth having while the twelfth is fixed. The caller says which were left
out, and exits with the journal error's code.

A long journal is read on more than one core (`reflect.export.parallel`), as
`reflect export` does: each run of month files is read in its own process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path

from reflect.errors import JournalError
from reflect.journal.model import Action, Entry
from reflect.journal.parse import parse, plain_note
from reflect.journal.query import FREE_FORM, Filters, month_files, split_by_size
from reflect.journal.store import JournalStore


@dataclass(frozen=True)
class Scaled:
    """A number on a scale, as one answer gave it (its ends at the time)."""

    prompt_id: str
    prompt: str
    value: int
    low: int
    high: int


@dataclass(frozen=True)
class Picked:
    """The options one answer picked (each once), and its kind ('choice', 'checklist')."""

    prompt_id: str
    prompt: str
    kind: str
    chosen: tuple[str, ...]


# Below this many bytes of journal (about a year of daily notes), starting a second
# process costs more than it saves.
SHARE_FROM_BYTES = 512 * 1024
MOST_PROCESSES = 4


@dataclass(frozen=True)
class EntryFacts:
    """One entry, as looking back sees it."""

    id: str
    day: date
    workbook: str | None
    scales: tuple[Scaled, ...] = ()
    picks: tuple[Picked, ...] = ()
    actions: tuple[Action, ...] = ()


@dataclass(frozen=True)
class LeftOut:
    """A month file that could not be read, and why (the journal error's words)."""

    path: Path
    line: int | None
    problem: str

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)


@dataclass
class Read:
    """Everything read: the entries' facts, oldest first, and the files left out."""

    entries: list[EntryFacts]
    left_out: list[LeftOut]


def facts_of(entry: Entry) -> EntryFacts:
    scales: list[Scaled] = []
    picks: list[Picked] = []
    for section in entry.sections:
        for answer in section.answers:
            if (point := answer.on_scale()) is not None:
                scales.append(Scaled(answer.prompt_id, answer.prompt, *point))
            elif (chosen := answer.options_picked()) is not None:
                picks.append(Picked(answer.prompt_id, answer.prompt, answer.kind, chosen))
    actions = tuple(action for action, _, _ in entry.all_actions())
    return EntryFacts(
        entry.id, entry.written.date(), entry.workbook, tuple(scales), tuple(picks), actions
    )


def read_files(store: JournalStore, filters: Filters, files: Sequence[Path]) -> Read:
    """The facts of the entries in `files` that `filters` let through, file by file.

    A note with no workbook and no actions gives looking back only its day, so a note
    written exactly as reflect writes one is counted from its heading and not parsed
    (`plain_note`): ten years of daily notes cost ~40 ms less at ×1, ~0.4 s at ×10.
    Anything else in a note (a line out of place, a damaged heading) makes it be
    parsed, and an id used twice makes the whole file be, so every problem the parser
    names is reported by line as everywhere else (tests/unit/test_insights_notes.py).
    """
    found = Read([], [])
    for path in files:
        notes: list[tuple[datetime, str]] = []

        def wanted(chunk: str, notes: list[tuple[datetime, str]] = notes) -> bool:
            note = plain_note(chunk)
            if note is None:
                return True
            notes.append(note)
            return False

        try:
            text = store.read_text(path)
            parsed = parse(text, path, wanted=wanted)
            if len({*parsed.entry_spans, *(entry_id for _, entry_id in notes)}) < len(
                parsed.entries
            ) + len(notes):
                parse(text, path)  # an id used twice: the whole parse names its line
        except JournalError as exc:
            found.left_out.append(LeftOut(exc.path or path, exc.line, exc.message))
            continue
        kept = [(e.written, facts_of(e)) for e in parsed.entries if filters.keep(e) is not None]
        kept += [
            (written, EntryFacts(entry_id, written.date(), None))
            for written, entry_id in notes
            if _note_kept(filters, written.date())
        ]
        kept.sort(key=lambda pair: pair[0])
        found.entries += [facts for _, facts in kept]
    return found


def _note_kept(filters: Filters, day: date) -> bool:
    """Filters.keep for a note without a workbook, from its day alone."""
    if filters.entry_ids or filters.section_ids:
        return False  # looking back does not filter by these; a note has no sections
    if filters.since is not None and day < filters.since:
        return False
    if filters.until is not None and day > filters.until:
        return False
    return filters.workbook in (None, FREE_FORM)


def read_journal(store: JournalStore, filters: Filters, *, processes: int = 1) -> Read:
    """Every matching entry's facts, oldest first, sharing a long journal between
    up to `processes` processes (the caller decides: `processes_to_use`)."""
    files = month_files(store, filters, newest_first=False)
    sizes = [path.stat().st_size for path in files]
    if processes < 2 or sum(sizes) < SHARE_FROM_BYTES:
        return read_files(store, filters, files)
    from reflect.export.parallel import run_tasks

    runs = split_by_size(files, sizes, processes) or [files]
    parts = run_tasks([partial(read_files, store, filters, run) for run in runs])
    whole = Read([], [])
    for part in parts:
        whole.entries += part.entries
        whole.left_out += part.left_out
    return whole
