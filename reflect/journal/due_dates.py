"""What `reflect remind` reads in an encrypted journal: due dates, and no words.

The action index of an encrypted journal is an age file (it holds action text), and a
shell start-up must not ask for a passphrase. So whenever the index is written (every
save, every reading command, while the key is unlocked), this small plain file is
written beside it: its first line is the journal and every month file's signature
(size, times, inode), then one line per open action with a due date: its id, the
date and the time. From it, remind counts what is due without decrypting anything;
docs/encryption.md says what it shows to someone who has the files.

Imports only the standard library, like the rest of remind's path.
"""

from __future__ import annotations

import os
from datetime import date, time
from pathlib import Path

TYPE_CHECKING = False  # not typing's: see reflect.journal.index
if TYPE_CHECKING:
    from typing import Any

DATES_NAME = "due-dates.txt"
DATES_FORMAT = "reflect-due-dates 1"


def dates_key(folder: Path, current: dict[str, list[int]]) -> str:
    """The first line of the due-dates file: the journal, and every month file's signature."""
    files = ";".join(f"{name!r}:{sig}" for name, sig in sorted(current.items()))
    return f"{DATES_FORMAT}|{os.path.abspath(folder)!r}|{files}"


def dates_text(folder: Path, files: dict[str, dict[str, Any]]) -> bytes:
    """The file for the index's months (`reflect.journal.index`, as it saves them)."""
    lines = [dates_key(folder, {name: month["sig"] for name, month in files.items()})]
    for month in files.values():
        for record in month["actions"]:
            if record[2] is not None:  # [id, text, due, at, ...]: the text stays out
                lines.append(f"{record[0]}\t{record[2]}\t{record[3] or ''}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def due_dates(
    raw: bytes | None, folder: Path, current: dict[str, list[int]]
) -> list[tuple[str, date, time | None]] | None:
    """(id, due, at) of every open action with a date, from the file's bytes `raw` (read
    with the index's cache reader), or None when it is missing, damaged, or of another
    state of the journal (a month changed since it was written)."""
    try:
        lines = raw.decode("utf-8").split("\n") if raw is not None else []
        if not lines or lines[0] != dates_key(folder, current):
            return None
        found: list[tuple[str, date, time | None]] = []
        for line in lines[1:]:
            if line:
                action_id, due, at = line.split("\t")
                found.append(
                    (action_id, date.fromisoformat(due), time.fromisoformat(at) if at else None)
                )
    except ValueError:
        return None
    return found
