"""What the files in a journal folder are, from their names alone.

Kept apart, with nothing but `re`, so that `reflect sync` can look for conflict
copies without importing the journal parser.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.txt$")
# A copy of a month file that Syncthing, Nextcloud or Dropbox left beside it when two
# devices changed it at once (reflect.journal.copies merges them): the month, then
# what each tool adds before `.txt`. Any bracketed note that says "conflict" counts,
# whatever the tool's wording of the day ("conflicted copy", "Case Conflict",
# "Sam's conflicted copy 2026-12-03").
CONFLICT_COPY = re.compile(
    r"^(\d{4}-\d{2})(?:\.sync-conflict-[^/]*|\s\([^()/]*conflict[^()/]*\))\.txt$",
    re.IGNORECASE,
)


def conflict_copies(names: list[str]) -> list[str]:
    """The names among `names` that are a sync tool's conflict copies, sorted."""
    return sorted(name for name in names if CONFLICT_COPY.match(name))


def find_conflict_copies(folder: Path) -> list[Path]:
    """The conflict copies waiting in the journal folder, oldest month first."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [folder / name for name in conflict_copies(names)]
