"""One month file of the journal: which names are month files, and how one is read.

Both the store and the action index read month files; this is their one reader,
so the index need not import the store (which imports the index to allocate ids).
At module level it imports only `re`: the index, on `reflect remind`'s start-up,
needs the name pattern and nothing else, so the parser, the file helpers and the
errors are imported when a file is read.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # not typing's: see reflect.journal.index
if TYPE_CHECKING:
    from pathlib import Path

    from reflect.journal.entry_parser import ParsedFile

MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.txt(?:\.age)?$")
"""`2026-12.txt`, or `2026-12.txt.age` in an encrypted journal (reflect.crypt)."""

COPY_NAMINGS: tuple[tuple[str, str, str], ...] = (
    # (who leaves it, an example, what it adds to the month's name), as docs/sync.md lists.
    ("Syncthing", "2026-12.sync-conflict-20261203-101010-ABCDEFG.txt", r"\.sync-conflict-[^/]*?"),
    (
        "Nextcloud",
        "2026-12 (conflicted copy 2026-12-03 101010).txt",
        r" \([^()/]*conflict[^()/]*\)",
    ),
    ("Dropbox", "2026-12 (Sam's conflicted copy 2026-12-03).txt", r" \([^()/]*conflict[^()/]*\)"),
    (
        "Dropbox, names differing in case",
        "2026-12 (Case Conflict).txt",
        r" \([^()/]*conflict[^()/]*\)",
    ),
    ("ownCloud", "2026-12_conflict-20261203-101010.txt", r"_conflict-[^/]*?"),
    ("OneDrive", "2026-12-LAPTOP.txt", r"-(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9-]+"),
    ("iCloud Drive", "2026-12 2.txt", r" [0-9]+"),
    ("Google Drive, a file manager's copy", "2026-12 (1).txt", r" \([0-9]+\)"),
)
_MARK = "|".join(dict.fromkeys(mark for _, _, mark in COPY_NAMINGS))
CONFLICT_COPY = re.compile(
    rf"^(\d{{4}}-\d{{2}})(?:(?:{_MARK})+\.txt(?:\.age)?|\.txt(?:{_MARK})+\.age)$", re.IGNORECASE
)
"""A copy of a month file that a sync tool left beside it when two devices changed it at
once: the tool's mark before `.txt`, or (an encrypted month) between `.txt` and `.age`.
Never read as entries; `reflect sync` merges it in (reflect.journal.copies)."""
PLAIN_IN_ENCRYPTED = (
    "This month file is plain text, but the journal is encrypted, so reflect will not mix "
    "it in (a reflect without encryption on another machine may have written it). "
    "Nothing was changed."
)
PLAIN_IN_ENCRYPTED_HINT = (
    "Run `reflect encrypt` to encrypt it with the rest of the journal (or `reflect decrypt` "
    "to finish turning encryption off)."
)
SEALED_IN_PLAIN = (
    "This month file is encrypted, but the journal is not marked encrypted (its "
    "`.reflect-encrypted` file is missing). Nothing was changed."
)
SEALED_IN_PLAIN_HINT = (
    "Restore `.reflect-encrypted` from a backup or another machine, or run `reflect decrypt`."
)
MAX_MONTH_BYTES = 256 * 1024 * 1024
"""A bound, not a size anyone reaches (a month of daily entries is tens of KB): a huge
file named like a month is refused by name, not read until memory runs out."""
MONTH_LINK_HINT = (
    "Month files must be plain files inside the journal folder. Move the file itself "
    "into the folder in place of the link, or link the whole journal folder instead."
)


def month_of(path: Path) -> str:
    """'2026-12' for `2026-12.txt` and `2026-12.txt.age` alike."""
    return path.name.split(".", 1)[0]


def conflict_copies(names: list[str]) -> list[str]:
    """The names among `names` that are a sync tool's conflict copies, sorted."""
    return sorted(name for name in names if CONFLICT_COPY.match(name))


def find_conflict_copies(folder: Path) -> list[Path]:
    """The conflict copies waiting in the journal folder, oldest month first."""
    import os

    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [folder / name for name in conflict_copies(names)]


def check_names(folder: Path, names: list[str]) -> None:
    """Refuse a journal whose month files are not all of one kind: plain files in an
    encrypted journal (or encrypted ones in a plain journal) are reported, never
    silently read beside the others or written next to. A stat of the marker."""
    from reflect.crypt import AGE, is_encrypted
    from reflect.errors import JournalError

    encrypted = is_encrypted(folder)
    for name in sorted(names):
        if name.endswith(AGE) != encrypted:
            raise JournalError(
                PLAIN_IN_ENCRYPTED if encrypted else SEALED_IN_PLAIN,
                path=folder / name,
                hint=PLAIN_IN_ENCRYPTED_HINT if encrypted else SEALED_IN_PLAIN_HINT,
            )


def read_month_text(path: Path, *, ask: bool = True) -> str:
    """The text of one month file ("" when there is none yet), decrypted in memory when
    it is an age file (`2026-12.txt.age`), made private (0600) if it
    was copied in under a loose umask. Raises JournalError, naming the file and line,
    for a file that cannot be read or is not UTF-8; reflect never changes such a file.

    Opened without following a link and without waiting (`read_plain_file`): a month
    file that is a symbolic link is refused, so nothing reflect does (the chmod that
    makes a month private on first read, or a save's rename) ever reaches a file
    outside the journal folder through it. A folder that is a link is fine: that is
    the way to keep a journal somewhere else.
    """
    import errno

    from reflect.errors import JournalError, could_not
    from reflect.fileio import read_plain_file

    try:
        raw = read_plain_file(path, follow_links=False, limit=MAX_MONTH_BYTES, tighten=True)
    except FileNotFoundError:
        return ""
    except OSError as exc:
        link = exc.errno == errno.ELOOP and path.is_symlink()
        raise JournalError(
            could_not("read", exc), path=path, hint=MONTH_LINK_HINT if link else None
        ) from None
    return month_text(raw, path, sealed=path.name.endswith(".age"), ask=ask)


def month_text(raw: bytes, path: Path, *, sealed: bool, ask: bool = True) -> str:
    """A month's bytes as its text, decrypted in memory when `sealed`. Apart from the
    reading, for the merge driver: git hands it each version in a file of its own
    naming. Raises JournalError, naming `path` (and the line), when it is not UTF-8."""
    from reflect.errors import JournalError

    if sealed:
        from reflect.crypt import unseal

        raw = unseal(path, raw, ask=ask)  # in memory only
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise JournalError(
            "This journal file has bytes that are not UTF-8 text. reflect will not change "
            "it; fix or remove the damaged part in a text editor.",
            path=path,
            line=line,
        ) from None


def read_month(path: Path) -> ParsedFile:
    """One month file, parsed. Raises JournalError (file and line) where it does not parse."""
    from reflect.journal.parse import parse

    return parse(read_month_text(path), path)
