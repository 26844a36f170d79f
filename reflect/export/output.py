"""Writing an export to a file: private, atomic, and streamed.

Like `reflect.fileio.atomic_write` (a temp file in the same folder, created 0600
with O_EXCL|O_NOFOLLOW, fsync, rename, fsync of the folder), with two differences
an export needs: the document is written piece by piece as it is produced, so a
large journal is never held in memory whole; and the folder is left as it is,
because it is one the person chose (`-o ~/shared/plan.md`), not reflect's own, and
making it private would lock others out of it.

A failure or Ctrl-C part-way leaves the old file (if any) untouched and no temp file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from reflect.errors import ReflectError
from reflect.fileio import FILE_MODE, TEMP_PREFIX, fsync_dir


def write_export(path: Path, chunks: Iterable[str | bytes]) -> None:
    """Write `chunks` (text is UTF-8 encoded) to `path`, replacing it in one step."""
    folder = path.parent
    temp = folder / f"{TEMP_PREFIX}{path.name}.{os.getpid()}.{os.urandom(4).hex()}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(temp, flags, FILE_MODE)
    except OSError as exc:
        raise _error(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)
            for chunk in chunks:
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise _error(exc, path) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(folder)


def _error(exc: OSError, path: Path) -> ReflectError:
    reason = exc.strerror or str(exc)
    if isinstance(exc, IsADirectoryError) or path.is_dir():
        reason = "it is a folder; give a file name"
    return ReflectError(f"Could not write the export here ({reason}).", path=path)
