"""Files a person names: `export -o`, `actions --ics -o`, `workbook schema -o` and
`workbook new` all write through `write_output`, the one path for every such file.

Beside `reflect.fileio` (reflect's own files) because these land in the person's
folders, not reflect's: the folder is left as it is, the document is streamed (an
export can be large), and temp files a killed write left for the same target are
swept by the next write to it, since nothing else looks after that folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterable
from pathlib import Path

from reflect.errors import ReflectError, could_not
from reflect.fileio import FILE_MODE, TEMP_PREFIX, fsync_dir


def write_output(path: Path, chunks: Iterable[str | bytes], *, replace: bool = True) -> None:
    """Write a file the person named (`export -o`, `actions --ics -o`, `workbook schema
    -o`, `workbook new`): the one path for every such file.

    Like `atomic_write` (a private temp file beside it, fsync, rename, fsync of the
    folder), so the result is 0600 whatever mode an older file there had, a kill
    leaves the old file or the new one, and a symlink at `path` is replaced, never
    written through (nothing outside the folder named changes). Streamed: a large
    export is never held in memory whole. The folder is left as it is (`-o
    ~/shared/plan.md`: the person's folder, not reflect's).

    Where the system allows it (Linux, O_TMPFILE) the document is written to a file
    with no name, given one only once it is whole and flushed: a kill while writing
    leaves nothing behind. Elsewhere, and for the instant between naming and
    renaming, temp files a killed write left for this same target are removed by
    the next write to it (`remove_dead_temp_files`).

    With `replace=False` an existing file (or link, even a dangling one) is never
    replaced: FileExistsError, and nothing is written.
    """
    folder = path.parent
    try:
        # A name too long or a link loop makes even `is_dir` fail: worded like any write.
        if path.is_dir():  # a folder, or a link to one: never write a file in its place
            raise IsADirectoryError(errno.EISDIR, "Is a directory")
        remove_dead_temp_files(folder, path.name)
        fd, temp = _open_temp(folder, path.name)
    except OSError as exc:
        raise ReflectError(could_not("write", exc), path=path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(fd, FILE_MODE)
            for chunk in chunks:
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            handle.flush()
            os.fsync(fd)
            if temp is None:  # unnamed until now
                if not replace:
                    _link_new(fd, path)
                    fsync_dir(folder)
                    return
                temp = _temp_name(folder, path.name)
                _link_fd(fd, temp)
        if replace:
            os.replace(temp, path)
        else:
            _link_new(temp, path)
            temp.unlink()
    except OSError as exc:
        _drop(temp)
        raise ReflectError(could_not("write", exc), path=path) from None
    except _AlreadyThere:
        _drop(temp)
        raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
    except BaseException:
        # Ctrl-C, SIGTERM or a failing chunk mid-write: the target is untouched; leave
        # no copy of someone's words behind in a temp file.
        _drop(temp)
        raise
    fsync_dir(folder)


def _temp_name(folder: Path, name: str) -> Path:
    return folder / f"{TEMP_PREFIX}{name}.{os.getpid()}.{os.urandom(4).hex()}"


def _open_temp(folder: Path, name: str) -> tuple[int, Path | None]:
    """A new private file to write `folder/name` in, and its temp name: None when it
    has none yet (O_TMPFILE), so that a kill while writing leaves nothing behind."""
    unnamed = getattr(os, "O_TMPFILE", 0)
    if unnamed and os.path.isdir("/proc/self/fd"):  # the only way to name it later
        try:
            return os.open(folder, os.O_WRONLY | unnamed, FILE_MODE), None
        except OSError as exc:
            if exc.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                raise  # a real refusal (read-only, full, no such folder): say so
    temp = _temp_name(folder, name)  # this file system cannot: a named temp file
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    return os.open(temp, flags, FILE_MODE), temp


def _drop(temp: Path | None) -> None:
    if temp is not None:
        with contextlib.suppress(OSError):
            temp.unlink()


class _AlreadyThere(Exception):
    """Raised (and turned back into FileExistsError) when `replace=False` finds a file."""


def _link_new(source: Path | int, path: Path) -> None:
    """Give the finished file (a temp file, or an unnamed one open at fd `source`) the
    name `path` only if nothing has it: link(2) never replaces, nor follows a link at
    `path`, even a dangling one."""
    try:
        if isinstance(source, int):
            _link_fd(source, path)
        else:
            os.link(source, path, follow_symlinks=False)
    except FileExistsError:
        raise _AlreadyThere from None


def _link_fd(fd: int, path: Path) -> None:
    """Name the unnamed (O_TMPFILE) file open at `fd`: linkat(2) of /proc/self/fd/FD,
    following that magic link. Given as a name in the /proc/self/fd folder so that
    Python calls linkat with AT_SYMLINK_FOLLOW (its plain link(2) would link the
    magic link itself, and fail with EXDEV)."""
    proc = os.open("/proc/self/fd", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.link(str(fd), path, src_dir_fd=proc, follow_symlinks=True)
    finally:
        os.close(proc)


def remove_dead_temp_files(folder: Path, name: str, older_than: float = 600) -> None:
    """Delete temp files for `folder/name` left by a write that was killed (SIGKILL, a
    power cut: no `finally` runs): those named `.tmp-NAME.PID.XXXXXXXX` whose process
    is gone, or that nobody has written to for `older_than` seconds. They can hold a
    whole export, someone's words, in a folder reflect does not otherwise look after.
    A write still running keeps its own (its process is alive and it is writing)."""
    import time

    prefix = f"{TEMP_PREFIX}{name}."
    try:
        names = os.listdir(folder)
    except OSError:
        return
    cutoff = time.time() - older_than
    for found in names:
        pid = _temp_file_pid(found, prefix)
        if pid is None or pid == os.getpid():
            continue
        temp = folder / found
        with contextlib.suppress(OSError):
            if not _process_alive(pid) or temp.lstat().st_mtime < cutoff:
                temp.unlink()  # a link is removed, never its target


def _temp_file_pid(found: str, prefix: str) -> int | None:
    """The PID in `PREFIX<pid>.<8 hex digits>`, the names our writes give temp files."""
    if not found.startswith(prefix):
        return None
    pid, _, tag = found[len(prefix) :].partition(".")
    if not pid.isdigit() or len(tag) != 8 or tag.strip("0123456789abcdef"):
        return None
    return int(pid)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # EPERM: alive, another user's
    return True
