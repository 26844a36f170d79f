"""reflect's git merge driver: the three versions of a month file git hands over, merged
by entry (reflect.journal.merge), the result written where git reads it back.

git runs it (`reflect sync merge-driver %O %A %B %P`, registered by `reflect sync
init`) from the top of the repository, with each version in a temporary file of its
own naming; `%P` is the month's own path, which says what the person knows the file
as and whether it is an age file (`2026-12.txt.age`). An encrypted month is
decrypted in memory only, merged, and sealed again to the recipients of the
journal it belongs to: no plain text of it is ever written, not even to git's
temporary files. The key comes from the session cache that `reflect sync` unlocked
before it merged (or REFLECT_PASSPHRASE_FILE / REFLECT_IDENTITY_FILE): git gives the
driver no terminal to ask at, so it never asks.
"""

from __future__ import annotations

from pathlib import Path

from reflect.crypt import AGE
from reflect.errors import JournalError, could_not
from reflect.journal.merge import merge_month_texts
from reflect.journal.model import Conflict
from reflect.journal.months import month_text
from reflect.journal.parse import parse


def merge_versions(base: Path, ours: Path, theirs: Path, month: Path) -> int:
    """Merge `ours` and `theirs` (with their ancestor `base`) into `ours`; returns how
    many `conflict:` parts the merge added (words changed differently on both).

    Raises JournalError (EncryptionError for a version that does not decrypt), naming
    `month` and the line, when a version cannot be read: then `ours` is left as it was,
    and git, told by the non-zero exit, stops the merge.
    """
    sealed = month.name.endswith(AGE)
    texts = [_text(path, month, sealed) for path in (base, ours, theirs)]
    ancestor = texts[0] if texts[0].strip() else None
    merged = merge_month_texts(texts[1], texts[2], ancestor, path=month)
    if merged == texts[1]:
        return 0
    data = merged.encode("utf-8")
    if sealed:
        from reflect.crypt import seal

        data = seal(month.parent, data)
    # A plain write: `ours` is git's own temporary file, which git reads back after.
    ours.write_bytes(data)
    return len(_conflicts(merged) - _conflicts(texts[1]) - _conflicts(texts[2]))


def _conflicts(text: str) -> set[tuple[str, Conflict]]:
    return {(entry.id, c) for entry in parse(text).entries for c in entry.conflicts}


def _text(path: Path, month: Path, sealed: bool) -> str:
    """One version's text; an empty file (git's ancestor when there is none) is ''."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise JournalError(could_not("read", exc), path=month) from None
    if not raw:
        return ""
    return month_text(raw, month, sealed=sealed, ask=False)
