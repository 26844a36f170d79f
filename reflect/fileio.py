"""Private, atomic, locked file writes: the one place reflect touches the disk.

Every file reflect writes (journal months, drafts, config, caches) goes
through `atomic_write`: a temp file in the same folder (created 0600 with
O_EXCL|O_NOFOLLOW, so a planted symlink is never followed), fsync, rename over
the target, fsync of the folder. A kill -9 at any instant leaves either the old
file or the new one, never half of each. Folders are created 0700 whatever the
umask. `locked` is an advisory lock (flock) shared by all reflect processes;
the kernel drops it when a process dies, so a killed process never leaves a
stale lock behind.

Links and odd files (docs/guarantees.md, section 8): a mode is
only ever changed through a descriptor opened with O_NOFOLLOW, so a symbolic
link is never followed out of reflect's folders for a chmod. A folder that is
itself a link (a journal kept in a synced folder) is the user's choice: reflect
writes into it but leaves the mode of what it points at alone. Every read goes
through `read_plain_file`, which opens with O_NONBLOCK and refuses anything that
is not a regular file, so a named pipe or a device can never make reflect wait.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from reflect.errors import (
    FileTooLargeError,
    FolderNotFileError,
    JournalError,
    LinkRefusedError,
    NotPlainFileError,
    could_not,
)

TEMP_PREFIX = ".tmp-"
FILE_MODE = 0o600
DIR_MODE = 0o700
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)

IS_A_LINK = "it is a symbolic link, and reflect does not follow links to its own files"
_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
}


def read_plain_file(
    path: Path, *, follow_links: bool = True, limit: int | None = None, tighten: bool = False
) -> bytes:
    """The bytes of the regular file at `path`, read without ever waiting on it.

    Opened with O_NONBLOCK and checked with fstat on that same descriptor (no gap
    for a swap between a check and the open): a named pipe, socket, device or folder
    raises NotPlainFileError (IsADirectoryError for a folder) instead of blocking or
    reading forever, and a file over `limit` bytes raises FileTooLargeError before it
    is read. With `follow_links=False` a symbolic link is refused (OSError ELOOP,
    with IS_A_LINK as its strerror): reflect's own files (month files, drafts,
    caches, state) are plain files in their folders. `tighten` makes a file that is
    readable by others 0600, through this descriptor, so only that very file.
    Other failures are the OSError the system gave (FileNotFoundError and so on).
    """
    flags = os.O_RDONLY | _NONBLOCK | _CLOEXEC | (0 if follow_links else _NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if not follow_links and exc.errno in (errno.ELOOP, errno.EMLINK) and path.is_symlink():
            raise LinkRefusedError(errno.ELOOP, IS_A_LINK, str(path)) from None
        if exc.errno in (errno.ENXIO, errno.EOPNOTSUPP):  # a socket cannot be opened at all
            with contextlib.suppress(FileNotFoundError):
                _check_plain(os.stat(path, follow_symlinks=follow_links), path)
        raise
    try:
        info = os.fstat(fd)
        _check_plain(info, path)
        if limit is not None and info.st_size > limit:
            raise FileTooLargeError(errno.EFBIG, _too_large(info.st_size, limit), str(path))
        if tighten and not follow_links and info.st_mode & 0o077:
            with contextlib.suppress(OSError):
                os.fchmod(fd, FILE_MODE)
        chunks = []
        left = limit + 1 if limit is not None else -1
        while left:
            chunk = os.read(fd, 1 << 20 if left < 0 else min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left = left - len(chunk) if left > 0 else left
        data = b"".join(chunks)
        if limit is not None and len(data) > limit:  # it grew while being read
            raise FileTooLargeError(errno.EFBIG, _too_large(len(data), limit), str(path))
        return data
    finally:
        os.close(fd)


def _check_plain(info: os.stat_result, path: Path) -> None:
    if stat.S_ISREG(info.st_mode):
        return
    if stat.S_ISDIR(info.st_mode):
        raise FolderNotFileError(errno.EISDIR, "it is a folder, not a file", str(path))
    kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
    raise NotPlainFileError(errno.EINVAL, f"it is {kind}, not a plain file", str(path))


def _too_large(size: int, limit: int) -> str:
    return f"it is {size:,} bytes, more than the {limit:,} reflect will read for it"


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
            _tighten_dir(new)
        if folder not in missing:
            _tighten_dir(folder)
    except OSError as exc:
        raise _error(exc, folder, "create folder") from None
    return folder


def _tighten_dir(folder: Path) -> None:
    """Make `folder` 0700 if it is open to others, through an O_NOFOLLOW descriptor.

    A folder that is a symbolic link (the journal kept in a synced folder, say) is
    left as it is: what it points at is the user's, outside reflect's folders.
    """
    try:
        fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
    except OSError as exc:
        # O_NOFOLLOW|O_DIRECTORY on a link: ENOTDIR on Linux, ELOOP or EMLINK elsewhere.
        if exc.errno in (errno.ELOOP, errno.EMLINK, errno.ENOTDIR) and folder.is_symlink():
            if not folder.is_dir():
                raise NotADirectoryError(
                    errno.ENOTDIR, "a link to no folder", str(folder)
                ) from None
            return
        raise
    try:
        if os.fstat(fd).st_mode & 0o077:
            os.fchmod(fd, DIR_MODE)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves the old or the new file, whole."""
    folder = ensure_private_dir(path.parent)
    # os.urandom rather than secrets.token_hex (the same bytes): `secrets` pulls in
    # random, hashlib and hmac, ~5 ms on every `reflect remind` that saves its state.
    temp = folder / f"{TEMP_PREFIX}{path.name}.{os.getpid()}.{os.urandom(4).hex()}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
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
        fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
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
    flags = os.O_RDWR | os.O_CREAT | _NOFOLLOW | _NONBLOCK | _CLOEXEC
    try:
        fd = os.open(path, flags, FILE_MODE)
    except OSError as exc:
        raise _error(exc, path, "lock") from None
    try:
        _check_plain(os.fstat(fd), path)
    except OSError as exc:
        os.close(fd)
        raise _error(exc, path, "lock") from None
    return fd


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


def tighten(path: Path) -> None:
    """Make an existing file private if someone (or an old umask) left it readable.

    Through an O_NOFOLLOW descriptor: a link is never followed, so its target (a file
    outside reflect's folders, perhaps a system file) keeps its mode.
    """
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC)
        try:
            info = os.fstat(fd)
            if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077:
                os.fchmod(fd, FILE_MODE)
        finally:
            os.close(fd)


def _error(exc: OSError, path: Path, doing: str) -> JournalError:
    from reflect.messages import NOTHING_CHANGED

    return JournalError(f"{could_not(doing, exc)} {NOTHING_CHANGED}", path=path)
