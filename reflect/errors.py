"""The project's own error types.

The domain raises these, carrying the file, line and a plain message; the CLI
turns them into one short paragraph on stderr and an exit code in exactly one
place (`reflect.cli.root.ReflectGroup.invoke`). Nothing here prints.
"""

from __future__ import annotations

import errno
from pathlib import Path


def os_reason(exc: OSError) -> str:
    """Why `exc` happened, as a lower-case clause that fits the brackets of a sentence
    such as "Could not write this file (the disk is full)." (`messages.OS_REASONS`)."""
    from reflect.messages import OS_REASONS

    if isinstance(exc, FileKindError) and exc.strerror:
        return exc.strerror  # reflect's own words for a file it refuses
    known = OS_REASONS.get(errno.errorcode.get(exc.errno or 0, ""))
    if known is not None:
        return known
    said = (exc.strerror or "").strip().rstrip(".")
    if not said:
        return "the operating system refused" if exc.errno is None else f"error {exc.errno}"
    return said[0].lower() + said[1:]


class FileKindError(OSError):
    """reflect refusing a file for what it is, as an OSError whose strerror says why in
    plain words ("it is a named pipe, not a plain file"); `os_reason` gives those words."""


class NotPlainFileError(FileKindError):
    """A pipe, socket or device where a file is expected."""


class FolderNotFileError(FileKindError, IsADirectoryError):
    """A folder where a file is expected (still an IsADirectoryError)."""


class LinkRefusedError(FileKindError):
    """A symbolic link where one of reflect's own files goes (errno ELOOP)."""


class FileTooLargeError(FileKindError):
    """More bytes than reflect will read for this kind of file (errno EFBIG)."""


def could_not(doing: str, exc: OSError) -> str:
    """The whole sentence for an OSError while `doing` (a key of `messages.COULD_NOT`)."""
    from reflect.messages import COULD_NOT

    return COULD_NOT[doing].format(reason=os_reason(exc))


class ReflectError(Exception):
    """Something the user can act on. Never carries answer text."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint

    def location(self) -> str:
        """`file:line:column`, as much of it as is known (empty when none)."""
        if self.path is None:
            return ""
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f"\n{self.hint}"
        return text


class WorkbookError(ReflectError):
    """A workbook could not be found, read or validated."""

    exit_code = 2


class WorkbookFolderError(WorkbookError):
    """A folder workbooks are looked for in could not be searched (not one that is missing)."""


class JournalError(ReflectError):
    """A journal file could not be read or written safely."""

    exit_code = 3


class EncryptionError(JournalError):
    """An encrypted journal's key, passphrase or file could not be used; nothing was written."""


class DateError(ReflectError):
    """What the user typed is not a date we can read, or it has passed."""

    exit_code = 2


class RepeatError(ReflectError):
    """An action asked to skip or stop a repeat it does not have (or no longer open)."""

    exit_code = 2


class DraftError(ReflectError):
    """A paused draft could not be read or saved."""

    exit_code = 3


class ConfigError(ReflectError):
    """The config file is broken."""

    exit_code = 2


class NotFoundError(ReflectError):
    """An id (entry, action, workbook) that does not exist."""

    exit_code = 1


class InvalidAnswer(ReflectError):
    """An answer that does not fit its prompt (a number off the scale, an unknown option).
    Raised by each kind's `check` (`reflect.kinds`); the front end asks again."""


class PatternError(ReflectError):
    """Search words that cannot be searched for (empty, or a broken regular expression).

    Its own exit code (2, a usage error, as for a date) so a script can tell "you
    asked wrongly" from "nothing matched" (`reflect search` exits 1 for that).
    """

    exit_code = 2


class AmbiguousIdError(NotFoundError):
    """An id prefix that more than one entry (or action) starts with."""

    exit_code = 1


class AlreadyClosedError(ReflectError):
    """Done or drop asked of an action that is already done or dropped: said, not redone.

    `same` is True when it is already in the state asked for (done twice), which a
    script may treat as success; `status` and `on` are what it already is, and since.
    """

    exit_code = 1

    def __init__(self, message: str, *, same: bool) -> None:
        super().__init__(message)
        self.same = same


class SyncError(ReflectError):
    """git (run for the user) could not commit, merge, pull or push."""

    exit_code = 4
