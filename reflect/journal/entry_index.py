"""Which month file holds which entry ids: a cache, so finishing a walk need not read them all.

Finishing a walk must know whether its entry is already in the journal (a crash
after the write, a clock put back, a hand-edited draft), wherever it may be. A
search of every month file's bytes costs about 12 ms on ten years of journal and
80 ms on a hundred; this cache costs a stat per month file and a read of only
the files that changed since it was written (usually the current month).

Like the action index (`reflect.journal.index`), it is derived and disposable:
one JSON file in the cache folder holding, per month file, the signature it had
when read (size, mtime_ns, ctime_ns, inode) and the ids on its `id:` lines. Any
change to a month file changes its signature, so the answer is always what the
journal says now; a missing, damaged or foreign cache is made again from the
journal; one that cannot be written is simply not kept. The ids are found with
a pattern, not the parser: `id:` at the start of a line is the entry's id line
(answer text is always indented), so a file is never parsed here, and the caller
confirms any match with the real parser.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path
from typing import Any

from reflect.errors import ReflectError
from reflect.journal.index import Signature, signatures

CACHE_NAME = "entry-ids.json"
FORMAT = 1
_ID_LINE = re.compile(rb"^id: *(\S+)[ \t\r]*$", re.MULTILINE)


def files_with_entry(folder: Path, cache_dir: Path, entry_id: str) -> list[str]:
    """The names of the month files with an `id:` line for `entry_id`, newest first."""
    current = signatures(folder)
    months = _months(folder, cache_dir, current)
    wanted = f" {entry_id} "
    return sorted((name for name, ids in months.items() if wanted in ids), reverse=True)


def _months(folder: Path, cache_dir: Path, current: dict[str, Signature]) -> dict[str, str]:
    """{month file name: its entry ids, each between spaces (" id1 id2 ")}. One string per
    month, not a list: ten thousand short strings cost more to load and check than the
    search they serve."""
    cache_file = cache_dir / CACHE_NAME
    cached = _load(cache_file, folder)
    months: dict[str, str] = {}
    kept: dict[str, Any] = {}
    changed = set(cached) != set(current)
    for name in sorted(current):
        known = cached.get(name)
        if (
            isinstance(known, dict)
            and known.get("sig") == current[name]
            and type(known.get("ids")) is str
        ):
            ids: str = known["ids"]
        else:
            ids = _read_ids(folder / name)
            changed = True
        months[name] = ids
        kept[name] = {"sig": current[name], "ids": ids}
    if changed:
        _save(cache_file, folder, kept)
    return months


def _read_ids(path: Path) -> str:
    from reflect.errors import JournalError

    if path.name.endswith(".age"):  # an encrypted journal: decrypted in memory
        from reflect.journal.months import read_month_text

        raw = read_month_text(path).encode("utf-8")
        return f" {b' '.join(_ID_LINE.findall(raw)).decode('utf-8', 'replace')} "
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return " "
    except OSError as exc:
        raise JournalError(f"Could not read this file ({exc.strerror}).", path=path) from None
    found = b" ".join(_ID_LINE.findall(raw)).decode("utf-8", "replace")
    return f" {found} "


def _load(cache_file: Path, folder: Path) -> dict[str, Any]:
    try:
        data = json.loads(cache_file.read_bytes())
    except (OSError, ValueError):
        return {}
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or data.get("journal") != os.path.abspath(folder)
        or not isinstance(data.get("files"), dict)
    ):
        return {}
    files: dict[str, Any] = data["files"]
    return files


def _save(cache_file: Path, folder: Path, files: dict[str, Any]) -> None:
    from reflect.fileio import atomic_write, remove_old_temp_files

    data = {"format": FORMAT, "journal": os.path.abspath(folder), "files": files}
    with contextlib.suppress(ReflectError):  # only a cache: the next call reads again
        atomic_write(cache_file, json.dumps(data, separators=(",", ":")).encode("utf-8"))
    remove_old_temp_files(cache_file.parent)
