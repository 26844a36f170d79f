"""Reading and naming reflect's derived files (the action index, remind's state and
due dates): caches that are only ever made again, so anything odd where one should
be counts as none.

Imports only `os` and `stat` at module level: `reflect remind` reads these on every
new shell, and importing `reflect.fileio` would cost it ~3 ms.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_CACHE_BYTES = 256 * 1024 * 1024  # a century of journal makes an index of ~330 KB
_CACHE_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def read_cache_file(path: Path) -> bytes | None:
    """A cache file's bytes, or None when there is none worth reading.

    A cache is only ever made again, so anything odd where one should be (a symbolic
    link, a pipe, a device, a folder, something huge) counts as no cache: it is
    never followed or waited on, and the next save replaces the link or pipe itself
    with a plain file. The same checks as `reflect.fileio.read_plain_file`, written
    out with `os` alone because importing that module costs `reflect remind` ~3 ms.
    """
    try:
        fd = os.open(path, _CACHE_OPEN)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_BYTES:
            return None
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def cache_file_for(folder: Path, cache_dir: Path, name: str) -> Path:
    """Where a cache holding words lives: `name`, or `name.age` (encrypted to the journal's
    key) when the journal is encrypted, so no words sit in plain text in the cache."""
    from reflect.crypt import AGE, is_encrypted

    return cache_dir / (name + AGE if is_encrypted(folder) else name)
