"""What the last walk of a workbook left for another day, read from the journal.

Each finished walk names the prompts it left in its entry (`left for another day:`
lines, docs/journal-format.md), so the journal alone says what to offer the next time
that workbook is opened: the newest entry of the workbook decides. A walk on another
device (a synced journal), in plain mode or in the app, counts the same; an entry
deleted by hand takes its offer with it; and there is no second file to go stale.

Cheap on a long journal: month files are looked at newest first, and only entries
whose text names the workbook are parsed (`parse(wanted=...)`); the first month
that holds one ends the search. A workbook never finished before costs a read of
each month file's text, as finishing a walk already does (`finish.written_before`).
"""

from __future__ import annotations

import re

from reflect.errors import ReflectError
from reflect.journal.model import Entry, LeftPrompt
from reflect.journal.parse import parse
from reflect.journal.store import JournalStore


def newest_entry_of(store: JournalStore, workbook_id: str) -> Entry | None:
    """The newest entry written with this workbook, or None when there is none.

    Entries live in the month file of the month they were written in, so the newest
    month file holding one holds the newest; within it the latest time wins (a later
    one in the file on a tie: entries are added at the end)."""
    line = re.compile(rf"^workbook: {re.escape(workbook_id)}(?: \(|$)", re.MULTILINE)
    for path in reversed(store.month_files()):
        text = store.read_text(path)
        if not line.search(text):
            continue
        entries = [
            entry
            for entry in parse(text, path, wanted=lambda raw: line.search(raw) is not None).entries
            if entry.workbook == workbook_id
        ]
        if entries:
            return max(reversed(entries), key=lambda entry: entry.written)
    return None


def left_last_time(store: JournalStore, workbook_id: str) -> tuple[LeftPrompt, ...]:
    """The prompts the newest entry of this workbook left for another day (none when it
    left none, or the workbook was never finished).

    A journal that cannot be read here costs only the offer: the walk itself is still
    worth having, and saving it names the problem with its file and line."""
    try:
        entry = newest_entry_of(store, workbook_id)
    except ReflectError:
        return ()
    return () if entry is None else entry.left
