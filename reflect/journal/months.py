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

    from reflect.journal.format import ParsedFile

MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.txt$")


def read_month_text(path: Path) -> str:
    """The text of one month file ("" when there is none yet), made private (0600) if it
    was copied in under a loose umask. Raises JournalError, naming the file and line,
    for a file that cannot be read or is not UTF-8; reflect never changes such a file."""
    from reflect.errors import JournalError, could_not
    from reflect.fileio import tighten

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise JournalError(could_not("read", exc), path=path) from None
    tighten(path)  # a month copied in under a loose umask becomes private on first read
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
    from reflect.journal.format import parse

    return parse(read_month_text(path), path)
