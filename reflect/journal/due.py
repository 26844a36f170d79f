"""What is due on one day, for `reflect remind`: a summary of a few hundred bytes.

`reflect remind` runs in every new shell, and on a hundred years of journal even
the open-actions index (`reflect.journal.index`) is 330 KB of JSON. So it reads a
summary made from the index instead, keyed by the day and by every month file's
signature, so it is thrown away the moment any month file changes. Like the
index, this module imports only the standard library when the summary is current;
the file-writing module is imported only to keep a new one.
"""

from __future__ import annotations

import os
from datetime import date, time
from pathlib import Path

from reflect.journal.index import (
    IndexedAction,
    Signature,
    open_actions_as_of,
    read_cache_file,
    signatures,
)

# The summary's first line is the key it was made for, so a summary of another
# format, journal, day or journal state is never used.
SUMMARY_NAME = "due-summary.txt"
SUMMARY_FORMAT = "reflect-due-summary 1"


def split_due(
    actions: list[IndexedAction], today: date
) -> tuple[list[IndexedAction], list[IndexedAction]]:
    """(due today, overdue) open actions: today's by time, overdue most recent first."""
    due_today = [a for a in actions if a.due == today]
    overdue = [a for a in actions if a.due is not None and a.due < today]
    due_today.sort(key=lambda a: a.at or time.min)
    overdue.sort(key=lambda a: (a.due, a.at or time.min), reverse=True)
    return due_today, overdue


class DueItem:
    """One action as `reflect remind` names it: no more than it shows."""

    __slots__ = ("at", "due", "id", "text")

    def __init__(self, id: str, text: str, due: date, at: time | None) -> None:
        self.id = id
        self.text = text
        self.due = due
        self.at = at


class Due:
    """What is due on one day: every id (for --once-per-day) and the first few by name."""

    __slots__ = ("overdue_first", "overdue_ids", "today_first", "today_ids")

    def __init__(
        self,
        today_ids: list[str],
        overdue_ids: list[str],
        today_first: list[DueItem],
        overdue_first: list[DueItem],
    ) -> None:
        self.today_ids = today_ids
        self.overdue_ids = overdue_ids
        self.today_first = today_first
        self.overdue_first = overdue_first


def due_summary(journal: Path, cache_dir: Path, today: date, first: int) -> Due:
    """What is due on `today`, with the first `first` of each kind by name.

    `reflect remind` runs in every new shell, and on a hundred years of journal
    even the open-actions index is 330 KB of JSON. So it reads a summary of a few
    hundred bytes instead, whose first line must equal the key made now: the
    summary's format, the journal, the day, `first`, and every month file's
    signature (one stat each, as `open_actions` takes). Any change to any month
    file, a new one or a removed one changes the key; then the summary is made
    again from `open_actions` (which re-reads only what changed) and kept.
    """
    current = signatures(journal)
    key = _summary_key(journal, current, today, first)
    summary_file = cache_dir / SUMMARY_NAME
    raw = read_cache_file(summary_file)
    try:
        lines = raw.decode("utf-8").split("\n") if raw is not None else []
    except ValueError:
        lines = []
    if lines and lines[0] == key:
        try:
            return _read_summary(lines[1:])
        except (ValueError, IndexError, KeyError):
            pass  # damaged: made again below
    due_today, overdue = split_due(open_actions_as_of(journal, cache_dir, current), today)
    due = Due(
        [a.id for a in due_today],
        [a.id for a in overdue],
        [DueItem(a.id, a.text, today, a.at) for a in due_today[:first]],
        [DueItem(a.id, a.text, a.due, a.at) for a in overdue[:first] if a.due is not None],
    )
    _save_summary(summary_file, key, due)
    return due


def _summary_key(folder: Path, current: dict[str, Signature], today: date, first: int) -> str:
    files = ";".join(f"{name!r}:{sig}" for name, sig in sorted(current.items()))
    head = f"{SUMMARY_FORMAT}|{os.path.abspath(folder)!r}|{today.isoformat()}|{first}|"
    return head + files


def _read_summary(lines: list[str]) -> Due:
    """Raises ValueError, IndexError or KeyError on lines `_save_summary` did not write."""
    today_ids = lines[0].split()
    overdue_ids = lines[1].split()
    today_first: list[DueItem] = []
    overdue_first: list[DueItem] = []
    for line in lines[2:]:
        if not line:
            continue
        kind, action_id, due, at, text = line.split("\t")
        item = DueItem(
            action_id,
            bytes.fromhex(text).decode("utf-8"),
            date.fromisoformat(due),
            time.fromisoformat(at) if at else None,
        )
        {"t": today_first, "o": overdue_first}[kind].append(item)
    if len(today_first) > len(today_ids) or len(overdue_first) > len(overdue_ids):
        raise ValueError("not a summary")
    return Due(today_ids, overdue_ids, today_first, overdue_first)


def _save_summary(summary_file: Path, key: str, due: Due) -> None:
    import contextlib

    from reflect.errors import ReflectError
    from reflect.fileio import atomic_write

    ids = due.today_ids + due.overdue_ids
    if "\n" in key or " ".join(ids).split() != ids:
        return  # an id with a space in it, or a file name with a newline: not worth a format
    lines = [key, " ".join(due.today_ids), " ".join(due.overdue_ids)]
    for kind, items in (("t", due.today_first), ("o", due.overdue_first)):
        for item in items:
            at = item.at.strftime("%H:%M") if item.at else ""
            text = item.text.encode("utf-8", "surrogatepass").hex()
            lines.append(f"{kind}\t{item.id}\t{item.due.isoformat()}\t{at}\t{text}")
    # Only a cache, like the index: if it cannot be written, the next call makes it again.
    with contextlib.suppress(ReflectError):
        atomic_write(summary_file, ("\n".join(lines) + "\n").encode("utf-8"))
