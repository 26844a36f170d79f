"""A derived index of actions, so `reflect remind` need not parse ten years of journal.

The month files stay the only source of truth. The index is a cache (one JSON
file in `paths.cache_dir`) holding, for each month file, the signature it had
when it was read (size, mtime_ns, ctime_ns, inode), the open actions in it and
the ids of its closed (done or dropped) ones. The open actions are what
`reflect actions` and `reflect remind` show; all the ids together are what a new
action's id must not repeat (`action_ids`), so saving a walk or an action costs
the same on ten years of journal as on an empty one.
Every call stats each month file (about 120 for ten years), re-parses only the
files whose signature changed or that are new, and forgets files that went
away, so it always answers what the journal says right now. Deleting the cache
costs one full read; a missing, corrupt or foreign cache is rebuilt; a cache
that cannot be written (read-only disk, full disk) is simply not kept.

`reflect remind` reads this index in every new shell. On that path this module
imports only the standard library (os, re, datetime, json) and
`reflect.journal.months`'s name pattern: the journal parser, its dataclasses and the
file-writing module are imported only when something has to be read again.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path

from reflect.journal.cache_files import cache_file_for, read_cache_file
from reflect.journal.indexed_action import IndexedAction
from reflect.journal.months import MONTH_FILE

# Not `from typing import TYPE_CHECKING`: typing costs `reflect remind` ~4 ms to import.
# mypy treats any name TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Protocol, TypeGuard

    from reflect.journal.model import Action, Answer, Entry, SectionRecord

    class HasFolder(Protocol):
        """A journal given by its store (a JournalStore), which this module need not import."""

        @property
        def folder(self) -> Path: ...

    # One month file in the index: {"sig": Signature, "actions": [Record, ...] (its open
    # actions, in file order), "closed": [id, ...] (its done and dropped actions' ids)}.
    # Only for mypy: `Any` is not imported when the module runs.
    Month = dict[str, Any]

# Bump when the record layout or the journal grammar changes: an index of another
# format is thrown away and rebuilt, never misread.
INDEX_FORMAT = 3  # 2: each month also lists its closed actions' ids; 3: repeats
CACHE_NAME = "open-actions.json"


def open_actions(journal: HasFolder | Path, cache_dir: Path) -> list[IndexedAction]:
    """Every open action in the journal, oldest month first, in file order.

    Reads the index in `cache_dir`, re-reading only month files that changed
    since it was written. Raises JournalError, like the store, when a month
    file that has to be read does not parse.
    """
    folder = journal if isinstance(journal, Path) else journal.folder
    current = signatures(folder)
    try:
        return _from_months(_months(folder, cache_dir, current))
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        # A record that does not read back (a hand-edited or half-foreign cache):
        # start again from the journal alone.
        return _from_months(_months(folder, cache_dir, current, trust_cache=False))


def action_ids(journal: HasFolder | Path, cache_dir: Path) -> set[str]:
    """Every action id in the journal, open or closed, that a new action must not repeat.

    The same set as `JournalStore.read_action_ids` (which parses every month file:
    seconds on ten years of journal), for a stat per month file and a parse of only
    the files that changed since the index was written: usually the current month,
    which the last save changed. Raises JournalError, like the store, when a month
    file that has to be read does not parse.
    """
    folder = journal if isinstance(journal, Path) else journal.folder
    current = signatures(folder)
    try:
        return _checked_ids(_months(folder, cache_dir, current))
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        # An id that does not read back (a hand-edited cache): from the journal alone.
        return _checked_ids(_months(folder, cache_dir, current, trust_cache=False))


def open_actions_and_shared(
    journal: HasFolder | Path, cache_dir: Path
) -> tuple[list[IndexedAction], set[str]]:
    """`open_actions`, and the action ids (open or closed) found in more than one month
    file, from one read of the index. A file never has one id twice (the parser
    refuses it), so these are the ids two entries share (an entry copied by hand, two
    devices), which need their entry named to be changed (`reflect actions done ID
    --entry ENTRY`)."""
    folder = journal if isinstance(journal, Path) else journal.folder
    current = signatures(folder)

    def both(months: dict[str, Month]) -> tuple[list[IndexedAction], set[str]]:
        seen: set[str] = set()
        twice: set[str] = set()
        for month in months.values():
            ids = {r[0] for r in month["actions"]} | set(month["closed"])
            twice |= seen & ids
            seen |= ids
        return _from_months(months), twice

    try:
        return both(_months(folder, cache_dir, current))
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return both(_months(folder, cache_dir, current, trust_cache=False))


def files_with_action(journal: HasFolder | Path, cache_dir: Path, action_id: str) -> list[str]:
    """The names of the month files with an action of this id, newest first: usually one,
    but two can share an id (an entry copied by hand between months, two devices). A
    stat per month file, as `action_ids` costs, not a read of every file."""
    folder = journal if isinstance(journal, Path) else journal.folder
    current = signatures(folder)

    def having(months: dict[str, Month]) -> list[str]:
        _checked_ids(months)  # raises on a damaged cache, as `action_ids` does
        return sorted(
            (
                name
                for name, month in months.items()
                if action_id in month["closed"] or any(r[0] == action_id for r in month["actions"])
            ),
            reverse=True,
        )

    try:
        return having(_months(folder, cache_dir, current))
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return having(_months(folder, cache_dir, current, trust_cache=False))


def _checked_ids(months: dict[str, Month]) -> set[str]:
    """The ids in `months`; raises TypeError if one is not a string (a damaged cache)."""
    ids: set[Any] = set()  # strings once checked below
    for month in months.values():
        ids.update([r[0] if type(r) is list else None for r in month["actions"]])
        ids.update(month["closed"])
    if not all(type(i) is str for i in ids):
        raise TypeError("not an id")
    return ids


def _from_months(months: dict[str, Month]) -> list[IndexedAction]:
    return [
        _from_record(record, name) for name, month in months.items() for record in month["actions"]
    ]


# --------------------------------------------------------------------------- internals

Signature = list[int]
Record = list[str | None]


def signatures(folder: Path) -> dict[str, Signature]:
    """{month file name: [size, mtime_ns, ctime_ns, inode]}: one stat per file, no reads.

    Atomic saves (ours, and most editors') give the file a new inode; in-place
    edits change its size or its times; so any change the journal can see, the
    index sees too.
    """
    from reflect.errors import JournalError, could_not

    signatures: dict[str, Signature] = {}
    try:
        with os.scandir(folder) as listing:
            for item in listing:
                if not MONTH_FILE.match(item.name):
                    continue
                try:
                    info = item.stat(follow_symlinks=False)
                except FileNotFoundError:
                    continue  # removed since the listing
                except OSError as exc:
                    raise JournalError(
                        f"Could not read this file ({exc.strerror}).", path=folder / item.name
                    ) from None
                if not stat.S_ISREG(info.st_mode):
                    # A link, a pipe or a folder named like a month: the store refuses it
                    # by name (never followed, never waited on), and so does the index.
                    from reflect.journal.months import read_month_text

                    read_month_text(folder / item.name)
                    continue  # gone meanwhile, or a plain file now: the next call sees it
                signatures[item.name] = [
                    info.st_size,
                    info.st_mtime_ns,
                    info.st_ctime_ns,
                    info.st_ino,
                ]
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except OSError as exc:
        raise JournalError(could_not("read folder", exc), path=folder) from None
    from reflect.journal.months import check_names

    check_names(folder, list(signatures))
    return signatures


# --------------------------------------------------------------------------- internals


def _load(cache_file: Path, folder: Path) -> dict[str, Any]:
    """The cached files of this journal's index, or {} when there is none worth trusting."""
    import json  # ~4 ms: only once there is an index to read

    raw = read_cache_file(cache_file)
    if raw is not None and cache_file.name.endswith(".age"):
        from reflect.crypt import unseal_cache

        raw = unseal_cache(raw)
    if raw is None:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    if (
        not isinstance(data, dict)
        or data.get("format") != INDEX_FORMAT
        or data.get("journal") != os.path.abspath(folder)
        or not isinstance(data.get("files"), dict)
    ):
        return {}
    files: dict[str, Any] = data["files"]
    return files


def _months(
    folder: Path, cache_dir: Path, current: dict[str, Signature], *, trust_cache: bool = True
) -> dict[str, Month]:
    """{month file name: Month} for every month file now, oldest first; the index kept.

    Month files whose signature is the cached one are taken from the cache; new or
    changed ones are parsed again, and the index is written back if anything moved.
    """
    cache_file = cache_file_for(folder, cache_dir, CACHE_NAME)
    cached = _load(cache_file, folder) if trust_cache else {}
    months: dict[str, Month] = {}
    changed = set(cached) != set(current)
    for name in sorted(current):
        known = cached.get(name)
        if _usable(known, current[name]):
            months[name] = known
        else:
            months[name] = {"sig": current[name], **_read_month(folder, name)}
            changed = True
    if changed:
        _save(cache_file, folder, months)
    return months


def _usable(known: object, signature: Signature) -> TypeGuard[Month]:
    """Whether a cached month is of this file as it is now, and shaped as `_read_month` made it.

    Only the containers are checked here, so a warm `reflect actions` pays nothing
    per action for it: a record that is damaged inside fails in `_from_record`, an id
    that is not text in `_checked_ids`, and the index is then made again from the
    journal alone.
    """
    return (
        isinstance(known, dict)
        and known.get("sig") == signature
        and isinstance(known.get("actions"), list)
        and isinstance(known.get("closed"), list)
    )


def _read_month(folder: Path, name: str) -> Month:
    """Parse one month file with the journal's own parser: the slow, exact path."""
    from reflect.journal.months import read_month

    parsed = read_month(folder / name)
    records: list[Record] = []
    closed: list[str] = []
    for entry in parsed.entries:
        for action, section, prompt in entry.all_actions():
            if action.status == "open":
                records.append(_to_record(action, entry, section, prompt))
            else:
                closed.append(action.id)
    return {"actions": records, "closed": closed}


def _to_record(
    action: Action, entry: Entry, section: SectionRecord | None, prompt: Answer | None
) -> Record:
    return [
        action.id,
        action.text,
        action.due.isoformat() if action.due else None,
        action.at.strftime("%H:%M") if action.at else None,
        action.note,
        entry.id,
        entry.written.isoformat(),
        entry.title,
        entry.workbook,
        section.id if section else None,
        section.title if section else None,
        prompt.prompt_id if prompt else None,
        prompt.prompt if prompt else None,
        action.repeat.text() if action.repeat else None,
    ]


def _from_record(record: Iterable[Any], month_file: str) -> IndexedAction:
    """Raises TypeError/ValueError on a record that is not what `_to_record` wrote."""
    (
        action_id,
        text,
        due,
        at,
        note,
        entry_id,
        written,
        entry_title,
        workbook,
        section_id,
        section_title,
        prompt_id,
        prompt,
        repeat,
    ) = record
    if not (type(action_id) is str and type(text) is str and type(entry_title) is str):
        raise TypeError("not a record")
    # Positional: with thousands of open actions, keyword passing is a measurable share.
    return IndexedAction(
        action_id,
        text,
        _date(due) if due is not None else None,
        _time(at) if at is not None else None,
        note,
        entry_id,
        _datetime(written),
        entry_title,
        workbook,
        section_id,
        section_title,
        prompt_id,
        prompt,
        month_file,
        repeat,
    )


_date, _time, _datetime = date.fromisoformat, time.fromisoformat, datetime.fromisoformat


def _save(cache_file: Path, folder: Path, files: dict[str, Month]) -> None:
    import contextlib
    import json

    from reflect.errors import ReflectError
    from reflect.fileio import atomic_write, remove_old_temp_files

    data = {"format": INDEX_FORMAT, "journal": os.path.abspath(folder), "files": files}
    # Only a cache: if it cannot be written, the next call reads the journal again.
    with contextlib.suppress(ReflectError):
        raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if cache_file.name.endswith(".age"):
            from reflect.crypt import seal
            from reflect.journal.due_dates import DATES_NAME, dates_text

            raw = seal(folder, raw)  # action text: never plain on disk
            atomic_write(cache_file.parent / DATES_NAME, dates_text(folder, files))
        atomic_write(cache_file, raw)
    # A save killed half-way leaves its temp file (holding action text): sweep old ones.
    remove_old_temp_files(cache_file.parent)
