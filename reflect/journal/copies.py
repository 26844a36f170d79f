"""Conflict copies that Syncthing, Nextcloud and Dropbox leave beside a month file.

When two devices change the same month file before they have synced, these tools
keep one version under the real name and the other as a copy beside it:

    2026-12.sync-conflict-20261203-101010-ABCDEFG.txt     Syncthing
    2026-12 (conflicted copy 2026-12-03 101010).txt       Nextcloud
    2026-12 (Sam's conflicted copy 2026-12-03).txt        Dropbox
    2026-12 (Case Conflict).txt                           Dropbox, names differing in case

and the others `reflect.journal.months.COPY_NAMINGS` lists (OneDrive, iCloud Drive,
ownCloud, a file manager's `(1)`); in an encrypted journal the copies are age files
too, and are read and merged in memory like the months. The journal never reads a copy as entries (its name is not a month file's); every
reading command says that copies are waiting, and `reflect sync` merges each into
its month by entry (reflect.journal.merge) and only then moves the copy into
`journal/.merged/`, after the merged month was written and read back. A kill at
any point leaves the month whole (old or merged) and the copy where it was or
moved: the merge is idempotent, so the next `reflect sync` finishes the job.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from reflect.errors import JournalError, ReflectError, os_reason
from reflect.fileio import ensure_private_dir, fsync_dir, locked
from reflect.journal.merge import merge_month_texts
from reflect.journal.months import CONFLICT_COPY, find_conflict_copies, read_month_text
from reflect.journal.parse import parse
from reflect.journal.render import FILE_HEADER
from reflect.journal.store import JournalStore

MERGED_DIR = ".merged"


def month_of_copy(name: str) -> str | None:
    """'2026-12' for a conflict copy of 2026-12.txt; None for any other name."""
    match = CONFLICT_COPY.match(name)
    return match.group(1) if match else None


@dataclass(frozen=True)
class MergedCopy:
    copy: Path
    month: Path
    added: int  # entries the copy had that the month did not
    changed: int  # entries on both that the merge changed
    conflicts: int  # new `conflict:` parts for the person to settle


@dataclass
class CopyReport:
    merged: list[MergedCopy] = field(default_factory=list)
    failed: list[ReflectError] = field(default_factory=list)


def merge_conflict_copies(folder: Path) -> CopyReport:
    """Merge every conflict copy in `folder` into its month file, one copy at a time.

    A copy (or month) that does not parse, or cannot be read or decrypted, is reported
    with its file (and line) and left exactly where and as it is; the others are
    still merged.
    """
    report = CopyReport()
    copies = find_conflict_copies(folder)
    if not copies:
        return report
    store = JournalStore(folder)
    with locked(folder):
        for copy in copies:
            try:
                report.merged.append(_merge_one(store, copy))
            except ReflectError as exc:
                report.failed.append(exc)
    if report.merged:
        store.after_write()
    return report


def _merge_one(store: JournalStore, copy: Path) -> MergedCopy:
    month_name = month_of_copy(copy.name)
    assert month_name is not None
    month = store.folder / (f"{month_name}.txt" + (".age" if store.encrypted else ""))
    copy_text = read_month_text(copy)  # decrypted in memory when it is an age file
    month_text = read_month_text(month)
    before = parse(month_text, month).entries
    copied = parse(copy_text, copy).entries
    merged_text = merge_month_texts(month_text or FILE_HEADER + "\n", copy_text, path=month)
    if merged_text != month_text:
        store.write_month(month, merged_text)  # sealed again in an encrypted journal
    after = parse(read_month_text(month), month).entries  # read back what is on disk now
    if after != parse(merged_text, month).entries:
        raise JournalError(
            "The merged month did not read back as written; the conflict copy was left "
            "where it is. Please run `reflect sync` again.",
            path=month,
        )
    _move_aside(store.folder, copy)
    old = {entry.id: entry for entry in before}
    return MergedCopy(
        copy=copy,
        month=month,
        added=sum(1 for entry in copied if entry.id not in old),
        changed=sum(1 for entry in after if entry.id in old and old[entry.id] != entry),
        conflicts=sum(len(e.conflicts) for e in after) - sum(len(e.conflicts) for e in before),
    )


def _move_aside(folder: Path, copy: Path) -> None:
    """Into journal/.merged/ (never over an earlier copy of the same name): kept, not
    deleted, so a person can always look at what the sync tool left."""
    aside = ensure_private_dir(folder / MERGED_DIR)
    target = aside / copy.name
    number = 1
    while target.exists():
        number += 1
        target = aside / f"{copy.stem}.{number}{copy.suffix}"
    try:
        os.replace(copy, target)
        target.chmod(0o600)
    except OSError as exc:
        raise JournalError(
            f"The copy was merged but could not be moved aside ({os_reason(exc)}).", path=copy
        ) from None
    fsync_dir(aside)
    fsync_dir(folder)


__all__ = [
    "CopyReport",
    "MergedCopy",
    "find_conflict_copies",
    "merge_conflict_copies",
    "month_of_copy",
]
