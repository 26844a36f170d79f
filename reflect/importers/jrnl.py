"""Reading a jrnl (https://jrnl.sh) plain-text journal into free-form reflect entries.

jrnl 4.x writes one file of entries, each a header line then its body:

    [2024-03-01 08:15:00 AM] Title of the entry *
    The body, as many lines as it has,
    until the next header line.

The date inside the brackets follows jrnl's `timeformat` setting (`%F %r`, that is
`%Y-%m-%d %I:%M:%S %p`, in a new jrnl 4 install; `%Y-%m-%d %H:%M` in older ones). A
trailing ` *` on the title marks a starred entry. As jrnl does, a bracketed line
whose date does not parse is body text, not a header.

Each entry keeps its time to the second and its text exactly: the title line (without
the star) and the body, with only the blank lines jrnl puts between entries trimmed.
Its id is derived from a hash of the original header and body, so importing the same
file again finds every entry already there and adds nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from reflect.errors import ReflectError, could_not
from reflect.fileio import read_plain_file
from reflect.journal.model import ENTRY_ID_LENGTH, ID_ALPHABET, Action, Entry, new_action_id
from reflect.journal.store import JournalStore

# jrnl's own reading of a header: '[' date ']' then a space (which an editor may have
# stripped when the title is empty).
_HEADER = re.compile(r"^\[([^\]\n]+)\](?: (.*))?$")
DEFAULT_FORMATS = (
    "%Y-%m-%d %I:%M:%S %p",  # jrnl 4's default, `%F %r`
    "%Y-%m-%d %I:%M %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",  # jrnl 2 and 3's default
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
)
# strftime shorthands jrnl users put in their config, which strptime does not know.
_SHORTHANDS = {"%F": "%Y-%m-%d", "%T": "%H:%M:%S", "%r": "%I:%M:%S %p", "%R": "%H:%M"}

# `- [ ] Call the dentist due:2024-03-05` or `* [ ] Call the dentist @due(2024-03-05)`.
_TASK = re.compile(r"^\s*[-*+] \[ \] (.*\S)\s*$")
_DUE = re.compile(r"(?<!\S)(?:due:(\d{4}-\d{2}-\d{2})|@due\((\d{4}-\d{2}-\d{2})\))(?!\S)")


@dataclass(frozen=True)
class JrnlEntry:
    """One entry as jrnl wrote it."""

    header: str  # the whole header line, as it was
    written: datetime
    title: str
    starred: bool
    body: str  # the lines after the header, blank separator lines trimmed
    line: int  # where the header is in the file (1-based)

    @property
    def text(self) -> str:
        """The title and body as one text, as a reflect entry keeps it."""
        if not self.title:
            return self.body
        return self.title + ("\n" + self.body if self.body else "")

    def entry_id(self) -> str:
        """The same 8 characters every time for the same header and body."""
        digest = hashlib.sha256((self.header + "\n" + self.body).encode("utf-8")).digest()
        number = int.from_bytes(digest, "big")
        chars = []
        for _ in range(ENTRY_ID_LENGTH):
            number, index = divmod(number, len(ID_ALPHABET))
            chars.append(ID_ALPHABET[index])
        return "".join(chars)


def strptime_format(timeformat: str) -> str:
    """jrnl's `timeformat` as strptime reads it (`%F %r` -> `%Y-%m-%d %I:%M:%S %p`)."""
    for short, long in _SHORTHANDS.items():
        timeformat = timeformat.replace(short, long)
    return timeformat


def _read_date(text: str, formats: Iterable[str]) -> datetime | None:
    for fmt in formats:
        try:
            return datetime.strptime(text.strip(), fmt).replace(microsecond=0, tzinfo=None)
        except ValueError:
            continue
    return None


# How jrnl's encrypted journals begin: jrnl 2 and later write one Fernet token (its
# base64 always starts 'gAAAAA'), newer ones a 'JRNLv' version mark; jrnl 1 wrote raw
# AES bytes, which are not UTF-8 (caught below).
_ENCRYPTED_STARTS = (b"JRNLv", b"gAAAAA")
ENCRYPTED = (
    "This is an encrypted jrnl journal, which reflect cannot read. Make a plain copy "
    "with jrnl first: `jrnl --export txt > journal.txt` (or decrypt it with "
    "`jrnl --decrypt`), then import that file, and delete the plain copy after."
)


def decode(raw: bytes, path: Path) -> str:
    """The file's text, with a clear word when it is encrypted or not text."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.lstrip().startswith(_ENCRYPTED_STARTS):
        raise ReflectError(ENCRYPTED, path=path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReflectError(
            "This file is not UTF-8 text. If it is an encrypted jrnl journal, make a plain "
            "copy first (`jrnl --export txt > journal.txt`, or `jrnl --decrypt`), then "
            "import that file.",
            path=path,
            line=raw[: exc.start].count(b"\n") + 1,
        ) from None
    return text.replace("\r\n", "\n")


def parse_jrnl(text: str, path: Path, timeformat: str | None = None) -> list[JrnlEntry]:
    """The entries of a jrnl file, in file order.

    Raises ReflectError when there is text before the first entry (it would belong to
    no entry, and reflect never drops words) or no entry at all.
    """
    formats = (strptime_format(timeformat),) if timeformat else DEFAULT_FORMATS
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    starts: list[tuple[int, datetime, str]] = []
    for number, line in enumerate(lines):
        match = _HEADER.match(line)
        if match:
            moment = _read_date(match.group(1), formats)
            if moment is not None:
                starts.append((number, moment, match.group(2) or ""))
    if not starts:
        hint = "Pass --timeformat with the `timeformat` from your jrnl config."
        raise ReflectError(
            "I found no jrnl entries here: no line starts like "
            "'[2024-03-01 08:15:00 AM] Title'. " + ("" if timeformat else hint),
            path=path,
        )
    for number in range(starts[0][0]):
        if lines[number].strip():
            raise ReflectError(
                "There is text before the first jrnl entry. Add a header line such as "
                "'[2024-03-01 08:15:00 AM] Title' above it, or move it into an entry.",
                path=path,
                line=number + 1,
            )
    entries = []
    for index, (number, moment, title) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
        body_lines = lines[number + 1 : end]
        while body_lines and not body_lines[0].strip():
            body_lines.pop(0)
        while body_lines and not body_lines[-1].strip():
            body_lines.pop()
        title = title.rstrip()
        starred = title == "*" or title.endswith(" *")
        if starred:
            title = title[:-1].rstrip()
        entries.append(
            JrnlEntry(
                lines[number].rstrip(), moment, title, starred, "\n".join(body_lines), number + 1
            )
        )
    return entries


def find_actions(text: str, taken: set[str]) -> Iterator[Action]:
    """Open actions from `- [ ] text` lines; their ids are added to `taken`."""
    for line in text.split("\n"):
        match = _TASK.match(line)
        if not match:
            continue
        words = match.group(1)
        due: date | None = None
        found = _DUE.search(words)
        if found:
            try:
                due = date.fromisoformat(found.group(1) or found.group(2))
            except ValueError:
                found = None  # not a real day: leave the words as they are
        if found:
            words = " ".join((words[: found.start()] + words[found.end() :]).split())
        if not words:
            continue
        action_id = new_action_id(taken)
        taken.add(action_id)
        yield Action(action_id, words, due=due)


def to_entry(item: JrnlEntry, taken_action_ids: set[str] | None) -> Entry:
    """A free-form reflect entry; with `taken_action_ids`, `- [ ]` lines become actions."""
    actions = (
        tuple(find_actions(item.text, taken_action_ids)) if taken_action_ids is not None else ()
    )
    return Entry(
        id=item.entry_id(),
        written=item.written,
        starred=item.starred,
        body=item.text,
        actions=actions,
    )


def read_jrnl_files(path: Path) -> list[tuple[Path, str]]:
    """The text of a jrnl journal: one file, or every `.txt` file under a folder journal."""
    try:
        files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
    except OSError as exc:
        raise ReflectError(could_not("read folder", exc), path=path) from None
    if not files:
        raise ReflectError("There are no .txt files in this folder.", path=path)
    found = []
    for file in files:
        try:
            # Never waits on a named pipe or reads a device forever: plain files only.
            raw = read_plain_file(file)
        except OSError as exc:
            raise ReflectError(could_not("read", exc), path=file) from None
        found.append((file, decode(raw, file)))
    return found


@dataclass(frozen=True)
class ImportReport:
    read: int
    imported: int
    skipped: int
    actions: int
    updated: int = 0  # entries edited in jrnl since an import, whose text was replaced
    changed: int = 0  # such entries left as they were (no decision, or "skip")


# What to do with an entry edited in jrnl after it was imported: "update" puts jrnl's
# new text into the entry already in reflect (keeping its id, star, actions and their
# states); "keep-both" imports it as another entry; "skip" leaves it out.
Decision = Literal["update", "keep-both", "skip"]
Decide = Callable[[Entry, Entry], Decision]


def import_jrnl(
    store: JournalStore,
    path: Path,
    *,
    timeformat: str | None = None,
    with_actions: bool = True,
    dry_run: bool = False,
    decide: Decide | None = None,
) -> ImportReport:
    """Import a jrnl journal (a file, or a folder journal) into `store`.

    Every file is read and parsed before anything is written; entries already in the
    journal (the same id) are skipped, and so is a second copy of an identical entry
    within the file, so importing again adds nothing.

    An entry edited in jrnl after it was imported has a new id (ids come from the
    text), but the same date and time, to the second, as a free-form entry already in
    reflect. It is not imported again silently: `decide(existing, incoming)` says what
    to do (without it, or in a dry run, it is left out and counted as `changed`).
    """
    items = [
        item for file, text in read_jrnl_files(path) for item in parse_jrnl(text, file, timeformat)
    ]
    taken = store.action_ids() if with_actions else None
    unique: dict[str, Entry] = {}
    for item in sorted(items, key=lambda i: i.written):
        entry_id = item.entry_id()
        if entry_id not in unique:
            unique[entry_id] = to_entry(item, taken)
    existing = {
        entry.id: entry
        for file in {store.path_for(e) for e in unique.values()}
        for entry in store.read_file(file).entries
    }
    # An entry already in reflect whose jrnl original is no longer in the file (its words
    # changed, so its id did), by time: what an edited entry's new version is a twin of.
    by_time: dict[datetime, Entry] = {}
    for entry in existing.values():
        if entry.workbook is None and entry.id not in unique:
            by_time.setdefault(entry.written, entry)
    new: list[Entry] = []
    updates: list[tuple[Entry, Entry]] = []
    changed = 0
    for entry in unique.values():
        if entry.id in existing:
            continue
        twin = by_time.pop(entry.written, None)
        if twin is None:
            new.append(entry)
        elif twin.body == entry.body:
            continue  # the same words already there (only the header changed)
        else:
            choice = decide(twin, entry) if decide is not None and not dry_run else "skip"
            if choice == "keep-both":
                new.append(entry)
            elif choice == "update":
                updates.append((twin, entry))
            else:
                changed += 1
    added = new if dry_run else store.add_entries(new)
    if not dry_run:
        for twin, entry in updates:
            update_text(store, twin, entry)
    return ImportReport(
        read=len(items),
        imported=len(added),
        skipped=len(items) - len(added) - len(updates) - changed,
        actions=sum(len(e.actions) for e in added),
        updated=len(updates),
        changed=changed,
    )


def update_text(store: JournalStore, twin: Entry, incoming: Entry) -> None:
    """Put jrnl's new text into the entry imported before, keeping what reflect added
    (its id, star, actions and their states)."""
    from reflect.journal.render import render_entry
    from reflect.journal.rewrite import raw_entry, replace_entry

    before = raw_entry(store, twin.id)
    updated = replace(twin, body=incoming.body, starred=twin.starred or incoming.starred)
    replace_entry(store, before, render_entry(updated))
