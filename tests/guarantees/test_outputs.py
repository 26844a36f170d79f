"""Files a person names (`-o FILE`): one way to write them, and nothing left behind.

Every command that writes a file the person chose (`export -o` in each format,
`actions --ics -o`, `workbook schema -o`, `workbook new`) goes through
`reflect.output.write_output`. Each is tried here on every kind of thing that can
already be at that path: nothing, a 0644 or 0666 file, a symlink to a file
elsewhere, a dangling symlink, a folder, a symlink to a folder. The result is a
private (0600) regular file written in one step; a link is replaced, never written
through, so nothing outside the folder named changes.

A write killed with SIGKILL (no `finally` runs) can leave its temp file, which may
hold a whole export; the next write to the same file removes it.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reflect.fileio import TEMP_PREFIX
from tests.guarantees.helpers import assert_no_traceback, cli, run_reflect

SECRET = "the words only I should read 4f2k"

# Every command that writes a file the person names (and may replace one).
WRITERS = {
    "export markdown": ["export", "-o"],
    "export json": ["export", "-f", "json", "-o"],
    "export ics": ["export", "-f", "ics", "-o"],
    "actions --ics": ["actions", "--ics", "-o"],
    "workbook schema": ["workbook", "schema", "-o"],
}


def _journal_with_a_secret() -> None:
    assert cli("write", SECRET).exit_code == 0
    assert cli("actions", "add", f"call my sister {SECRET}", "--due", "in 3 days").exit_code == 0


def _nothing(target: Path, elsewhere: Path) -> None:
    pass


def _open_file(mode: int) -> Callable[[Path, Path], None]:
    def make(target: Path, elsewhere: Path) -> None:
        target.write_text("an older file\n")
        target.chmod(mode)

    return make


def _link_to_a_file(target: Path, elsewhere: Path) -> None:
    elsewhere.write_text("someone else's file\n")
    elsewhere.chmod(0o644)
    target.symlink_to(elsewhere)


def _dangling_link(target: Path, elsewhere: Path) -> None:
    target.symlink_to(elsewhere)  # `elsewhere` does not exist


THERE_ALREADY: dict[str, Callable[[Path, Path], None]] = {
    "nothing": _nothing,
    "a 0644 file": _open_file(0o644),
    "a 0666 file": _open_file(0o666),
    "a 0444 file": _open_file(0o444),
    "a symlink to a file elsewhere": _link_to_a_file,
    "a dangling symlink": _dangling_link,
}


@pytest.mark.parametrize("there", list(THERE_ALREADY))
@pytest.mark.parametrize("writer", list(WRITERS))
def test_every_output_is_private_atomic_and_never_through_a_link(
    writer: str, there: str, reflect_home: Path, tmp_path: Path
) -> None:
    _journal_with_a_secret()
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    target, elsewhere = shared / "out.file", tmp_path / "elsewhere" / "theirs.txt"
    elsewhere.parent.mkdir()
    THERE_ALREADY[there](target, elsewhere)
    before = elsewhere.read_bytes() if elsewhere.exists() else None

    result = cli(*WRITERS[writer], str(target))

    assert result.exit_code == 0, result.output
    info = target.lstat()
    assert stat.S_ISREG(info.st_mode), "the link was followed, not replaced"
    assert stat.S_IMODE(info.st_mode) == 0o600
    assert target.read_bytes() != b"an older file\n"
    # Nothing outside the folder changed: the old link's target is as it was (or still absent).
    assert (elsewhere.read_bytes() if elsewhere.exists() else None) == before
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755  # the person's folder, left as it is
    assert sorted(p.name for p in shared.iterdir()) == ["out.file"]  # no temp file left


def _link_to_a_folder(target: Path, elsewhere: Path) -> None:
    elsewhere.mkdir()
    target.symlink_to(elsewhere, target_is_directory=True)


FOLDERS: dict[str, Callable[[Path, Path], object]] = {
    "a folder": lambda target, elsewhere: target.mkdir(),
    "a symlink to a folder": _link_to_a_folder,
}


@pytest.mark.parametrize("there", list(FOLDERS))
@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_folder_as_output_is_refused(
    writer: str, there: str, reflect_home: Path, tmp_path: Path
) -> None:
    _journal_with_a_secret()
    target, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    FOLDERS[there](target, elsewhere)
    result = cli(*WRITERS[writer], str(target))
    assert result.exit_code != 0
    message = result.stderr
    assert_no_traceback(message)
    assert str(target) in message and "folder" in message, message
    assert list(elsewhere.iterdir() if elsewhere.exists() else target.iterdir()) == []


@pytest.mark.parametrize("there", ["a 0644 file", "a symlink to a file elsewhere"])
def test_ics_output_of_a_real_process(there: str, reflect_home: Path, tmp_path: Path) -> None:
    """The case seen in the issue, through the real `reflect` process."""
    _journal_with_a_secret()
    target, elsewhere = tmp_path / "plan.ics", tmp_path / "theirs.txt"
    THERE_ALREADY[there](target, elsewhere)
    ran = run_reflect("actions", "--ics", "-o", str(target))
    assert ran.returncode == 0, ran.stderr
    assert stat.S_ISREG(target.lstat().st_mode)
    assert stat.S_IMODE(target.lstat().st_mode) == 0o600
    assert b"BEGIN:VCALENDAR" in target.read_bytes()
    if there.startswith("a symlink"):
        assert elsewhere.read_text() == "someone else's file\n"


@pytest.mark.parametrize("there", [*THERE_ALREADY, *FOLDERS])
def test_workbook_new_never_replaces_anything(there: str, tmp_path: Path) -> None:
    """`workbook new` may create a file, never replace one (an author's work), nor write
    where a link points: the same output path, told not to replace."""
    target, elsewhere = tmp_path / "mine.toml", tmp_path / "elsewhere"
    maker = THERE_ALREADY.get(there) or FOLDERS[there]
    maker(target, elsewhere)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = cli("workbook", "new", "mine", "-o", str(target))
    if there == "nothing":
        assert result.exit_code == 0, result.output
        assert stat.S_IMODE(target.lstat().st_mode) == 0o600
        assert "[[sections]]" in target.read_text()
    elif there in FOLDERS:
        assert result.exit_code == 0, result.output  # a folder: the file goes inside it
        assert (target / "mine.toml").is_file()
    else:
        assert result.exit_code != 0
        assert_no_traceback(result.stderr)
        assert "already a file here" in result.stderr
        assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
        assert not (elsewhere.exists() and there == "a dangling symlink")
    assert not [p for p in tmp_path.rglob(f"{TEMP_PREFIX}*")]


# --------------------------------------------------------------------------- killed writes

# A real `python -m reflect export -o …`, SIGKILLed by itself at a chosen system call of
# the write: the kill lands exactly there, every run, with no waiting on a clock. With
# "named", the system's unnamed temp files (O_TMPFILE) are taken away first, as on a
# file system or platform without them.
KILL_AT = """
import os, signal, sys
how, name = sys.argv[1:3]
if how == "named" and hasattr(os, "O_TMPFILE"):
    del os.O_TMPFILE
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
setattr(os, name, die)
sys.argv = ["reflect", *sys.argv[3:]]
from reflect.__main__ import main
main()
"""


def _killed_at(how: str, call: str, *args: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", KILL_AT, how, call, *args],
        capture_output=True,
        env=dict(os.environ),
        timeout=60,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()


def _temps(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{TEMP_PREFIX}*"))


def _unnamed_files_work(folder: Path) -> bool:
    try:
        os.close(os.open(folder, os.O_WRONLY | os.O_TMPFILE, 0o600))
    except (AttributeError, OSError):
        return False
    return os.path.isdir("/proc/self/fd")


COMMANDS = {
    "export": ["export", "-o"],
    "export json": ["export", "-f", "json", "-o"],
    "actions --ics": ["actions", "--ics", "-o"],
}


@pytest.mark.parametrize("how", ["unnamed", "named"])
@pytest.mark.parametrize(
    ("call", "command"),
    [
        ("fsync", "export"),  # the whole export written, not yet flushed
        ("link", "export"),  # flushed, about to be given a temp name (unnamed only)
        ("replace", "export"),  # flushed and named, about to be renamed into place
        ("fsync", "export json"),
        ("replace", "actions --ics"),
    ],
)
def test_sigkilled_export_leaves_no_words_behind(
    how: str, call: str, command: str, reflect_home: Path, tmp_path: Path
) -> None:
    """Killed while writing, an unnamed file leaves nothing; killed in the instant a
    temp file has a name (or on a system without unnamed files), the next write to the
    same file removes what the killed one left."""
    _journal_with_a_secret()
    folder = tmp_path / "Documents"
    folder.mkdir()
    unnamed = how == "unnamed" and _unnamed_files_work(folder)
    if how == "unnamed" and not unnamed:
        pytest.skip("this file system has no unnamed temp files (O_TMPFILE)")
    if call == "link" and not unnamed:
        pytest.skip("a named temp file is never linked")
    target = folder / "out.md"
    args = [*COMMANDS[command], str(target)]
    seen = set()
    for _ in range(3):
        _killed_at(how, call, *args)
        left = _temps(folder)
        if unnamed and call in ("fsync", "link"):
            assert left == []  # the words never had a name in the folder
            continue
        (one,) = left  # this run's temp file: the one the run before left is gone
        assert SECRET.encode() in one.read_bytes()
        seen.add(one.name)
    assert len(seen) in (0, 3) and not target.exists()

    ran = run_reflect(*args)  # the next write to the same file
    assert ran.returncode == 0, ran.stderr
    assert _temps(folder) == []
    assert SECRET.encode() in target.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_write_still_running_keeps_its_temp_file(reflect_home: Path, tmp_path: Path) -> None:
    """Only temp files of a dead process (or untouched for ten minutes) are removed:
    a temp file of a live process, written to just now, belongs to a write under way."""
    _journal_with_a_secret()
    target = tmp_path / "out.md"
    alive = os.getpid()  # this test's process: alive, and not the `reflect` below
    running = tmp_path / f"{TEMP_PREFIX}out.md.{alive}.0123abcd"
    stale = tmp_path / f"{TEMP_PREFIX}out.md.{alive}.89abcdef"
    other_target = tmp_path / f"{TEMP_PREFIX}other.md.{alive}.00000000"
    not_ours = tmp_path / f"{TEMP_PREFIX}out.md.notapid"
    for path in (running, stale, other_target, not_ours):
        path.write_text("x")
    os.utime(stale, (1_000_000_000, 1_000_000_000))  # 2001: nobody is writing it
    ran = run_reflect("export", "-o", str(target))
    assert ran.returncode == 0, ran.stderr
    assert running.exists() and other_target.exists() and not_ours.exists()
    assert not stale.exists()
