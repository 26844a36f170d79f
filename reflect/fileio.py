"""Private, atomic, locked file writes: the one place reflect touches the disk.

Every file reflect writes (journal months, drafts, config, caches) goes
through `atomic_write`: a temp file in the same folder (created 0600 with
O_EXCL|O_NOFOLLOW, so a planted symlink is never followed), fsync, rename over
the target, fsync of the folder. A kill -9 at any instant leaves either the old
file or the new one, never half of each. Folders are created 0700 whatever the
umask. `locked` is an advisory lock (flock) shared by all reflect processes;
the kernel drops it when a process dies, so a killed process never leaves a
stale lock behind.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from reflect.errors import JournalError, ReflectError, could_not

TEMP_PREFIX = ".tmp-"
FILE_MODE = 0o600
DIR_MODE = 0o700


def ensure_private_dir(folder: Path) -> Path:
    """Create `folder` (and parents) as 0700; tighten it if it exists and is too open."""
    try:
        missing = []
        ancestor = folder
        while not ancestor.exists() and ancestor != ancestor.parent:
            missing.append(ancestor)
            ancestor = ancestor.parent
        for new in reversed(missing):  # parents first, each private (mkdir's parents=True is not)
            new.mkdir(mode=DIR_MODE, exist_ok=True)
            new.chmod(DIR_MODE)
        if folder.stat().st_mode & 0o077:
            folder.chmod(DIR_MODE)
    except OSError as exc:
        raise _error(exc, folder, "create folder") from None
    return folder


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves the old or the new file, whole."""
    folder = ensure_private_dir(path.parent)
    # os.urandom rather than secrets.token_hex (the same bytes): `secrets` pulls in
    # random, hashlib and hmac, ~5 ms on every `reflect remind` that saves its state.
    temp = folder / f"{TEMP_PREFIX}{path.name}.{os.getpid()}.{os.urandom(4).hex()}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(temp, flags, FILE_MODE)
    except OSError as exc:
        raise _error(exc, path, "write") from None
    try:
        try:
            os.fchmod(fd, FILE_MODE)  # the umask cannot widen what we asked for, but be explicit
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise _error(exc, path, "write") from None
    except BaseException:
        # Ctrl-C or SIGTERM/SIGHUP turned into an exception mid-save: the target is
        # untouched; do not leave a copy of someone's words behind in a temp file.
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (the directory entry is data too)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on folders; the rename itself already happened
    finally:
        os.close(fd)


@contextlib.contextmanager
def locked(folder: Path, name: str = ".lock") -> Iterator[None]:
    """Hold the advisory lock for `folder` (created 0700) while the block runs."""
    fd = _open_lock_file(folder / name)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the flock


def _open_lock_file(path: Path) -> int:
    """The lock file `path` opened (created 0600, in a 0700 folder; never through a link)."""
    ensure_private_dir(path.parent)
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    except OSError as exc:
        raise _error(exc, path, "lock") from None


def try_lock(path: Path) -> int | None:
    """Take the advisory lock on `path` (created 0600) if nobody holds it: the open file
    descriptor that holds it (close it to let go), or None when it is taken. The
    kernel lets go too when the process ends, however it ends."""
    fd = _open_lock_file(path)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    except OSError as exc:
        os.close(fd)
        raise _error(exc, path, "lock") from None
    return fd


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Delete temp files left by a killed save. Call only while holding the folder's lock:
    then no other reflect process can be halfway through writing one."""
    removed = []
    if folder.is_dir():
        for temp in folder.glob(f"{TEMP_PREFIX}*"):
            with contextlib.suppress(OSError):
                temp.unlink()
                removed.append(temp)
    return removed


def remove_old_temp_files(folder: Path, older_than: float = 600) -> None:
    """Delete temp files in `folder` not touched for `older_than` seconds: left by a
    killed save. For folders written without the lock (the cache): a save takes
    milliseconds, so a temp file ten minutes old belongs to no save still running."""
    import time

    cutoff = time.time() - older_than
    with contextlib.suppress(OSError):
        for temp in folder.glob(f"{TEMP_PREFIX}*"):
            with contextlib.suppress(OSError):
                if temp.lstat().st_mtime < cutoff:
                    temp.unlink()


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
    if path.is_dir():  # a folder, or a link to one: never write a file in its place
        raise ReflectError(could_not("write", IsADirectoryError(errno.EISDIR, "")), path=path)
    remove_dead_temp_files(folder, path.name)
    try:
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


def tighten(path: Path) -> None:
    """Make an existing file private if someone (or an old umask) left it readable."""
    with contextlib.suppress(OSError):
        if path.stat().st_mode & 0o077:
            path.chmod(FILE_MODE)


def _error(exc: OSError, path: Path, doing: str) -> JournalError:
    from reflect.messages import NOTHING_CHANGED

    return JournalError(f"{could_not(doing, exc)} {NOTHING_CHANGED}", path=path)
