"""Faults: a full disk, a read-only journal, signals mid-walk, a closed pipe.

The promise: a fault gives one clear sentence and a non-zero exit, changes nothing
already saved, and keeps what the person typed (the draft of a walk, the words of
`reflect write`). Ctrl-C, SIGTERM and SIGHUP (the terminal closed) during a walk
keep every answer typed so far: each answer is saved as it is given, and the text
of an answer half-typed is saved on the way out. A reader that stops reading
(`| head -1`) ends reflect quietly.
"""

from __future__ import annotations

import errno
import os
import select
import signal
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import reflect.fileio as fileio
from reflect.cli.main import app
from reflect.fileio import TEMP_PREFIX
from tests.guarantees.helpers import (
    Figures,
    all_entries,
    assert_no_traceback,
    cli,
    saved_state,
    walk_input,
)

DRAFT = Path("drafts") / "wellbeing-check-in.toml"


class FaultyOs:
    """Stands in for `os` inside reflect.fileio: writes (or creating temp files) fail with
    `error` for files under `folder`, as a full disk or a read-only mount would."""

    def __init__(self, folder: Path, error: int, on: str) -> None:
        self._folder, self._error, self._on = str(folder), error, on
        self._doomed: set[int] = set()
        self.failures = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def _fail(self) -> OSError:
        self.failures += 1
        return OSError(self._error, os.strerror(self._error))

    def open(self, path: Any, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
        inside = str(path).startswith(self._folder)
        if inside and self._on == "create" and Path(path).name.startswith(TEMP_PREFIX):
            raise self._fail()
        fd = os.open(path, flags, mode, **kwargs)
        if inside:
            self._doomed.add(fd)
        return fd

    def write(self, fd: int, data: Any) -> int:
        if fd in self._doomed and self._on == "write":
            raise self._fail()
        return os.write(fd, data)

    def close(self, fd: int) -> None:
        self._doomed.discard(fd)
        os.close(fd)


@pytest.fixture
def fault(monkeypatch: pytest.MonkeyPatch, reflect_home: Path) -> Iterator[Any]:
    def install(folder: str, error: int, on: str = "write") -> FaultyOs:
        faulty = FaultyOs(reflect_home / folder, error, on)
        monkeypatch.setattr(fileio, "os", faulty)
        return faulty

    yield install


FAULTS = [
    ("the disk is full", errno.ENOSPC, "write"),
    ("the disk quota is used up", errno.EDQUOT, "write"),
    ("permission denied", errno.EACCES, "create"),
    ("the file system is read-only", errno.EROFS, "create"),
]


def _seed(home: Path) -> None:
    assert cli("write", "Already saved.").exit_code == 0
    assert cli("actions", "add", "Phone Sam").exit_code == 0


@pytest.mark.parametrize(("reason", "error", "on"), FAULTS)
def test_journal_fault_is_clear_and_keeps_everything(
    reason: str, error: int, on: str, reflect_home: Path, fault: Any, figures: Figures
) -> None:
    _seed(reflect_home)
    [action] = [a for e in all_entries(reflect_home) for a, _, _ in e.all_actions()]
    before = saved_state(reflect_home)
    faulty = fault("journal", error, on)

    for args in (["actions", "add", "Water plants"], ["actions", "done", action.id]):
        result = cli(*args)
        assert result.exit_code == 3, result.output
        assert f"({reason})" in result.stderr and "Nothing that was already saved" in result.stderr
        assert_no_traceback(result.output)
    assert saved_state(reflect_home) == before

    wrote = cli("write", input="Words typed in a pipe.\n")
    assert wrote.exit_code == 3 and reason in wrote.stderr
    [kept] = (reflect_home / "drafts").glob("write-*.txt")  # the words, kept privately
    assert kept.read_text(encoding="utf-8") == "Words typed in a pipe."
    assert str(kept) in wrote.stderr

    walked = cli("start", "wellbeing-check-in", "--plain", input=walk_input("full"))
    assert walked.exit_code == 3 and reason in walked.stderr
    draft = tomllib.loads((reflect_home / DRAFT).read_text(encoding="utf-8"))
    assert draft["answers"]["energy"]["value"] == "energy full"  # every answer kept
    assert draft["answers"]["small-thing-for-you"]["actions"][0]["text"] == "action full"

    assert faulty.failures >= 4
    assert not list((reflect_home / "journal").glob(TEMP_PREFIX + "*"))
    figures.add("faults injected", faulty.failures)

    # Space again: the paused walk finishes from its draft, nothing lost.
    fault("nowhere", error)
    again = cli("start", "wellbeing-check-in", "--plain", input="y\n")
    assert again.exit_code == 0, again.output
    assert "energy full" in (reflect_home / "journal" / "2026-11.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(("reason", "error", "on"), FAULTS)
def test_fault_everywhere_mid_walk_keeps_the_last_saved_draft(
    reason: str, error: int, on: str, reflect_home: Path, fault: Any
) -> None:
    """The whole disk fills up half-way through a walk: the error is clear, and the draft
    as last saved is whole (the answer being saved is still on the screen)."""
    first = cli("start", "wellbeing-check-in", "--plain", input="6\nbefore the disk filled\n\n")
    assert first.exit_code == 0, first.output
    draft_before = (reflect_home / DRAFT).read_bytes()
    fault("", error, on)
    result = cli("start", "wellbeing-check-in", "--plain", input="y\n1, 2\n")
    assert result.exit_code == 3, result.output
    assert reason in result.stderr
    assert_no_traceback(result.output)
    assert (reflect_home / DRAFT).read_bytes() == draft_before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_really_read_only_journal_folder(reflect_home: Path) -> None:
    _seed(reflect_home)
    folder = reflect_home / "journal"
    before = saved_state(reflect_home)
    folder.chmod(0o500)
    try:
        result = cli("write", "More words.")
        assert result.exit_code == 3 and "permission denied" in result.stderr
        walked = cli("start", "wellbeing-check-in", "--plain", input=walk_input("ro"))
        assert walked.exit_code == 3
    finally:
        folder.chmod(0o700)
    assert {k: v for k, v in saved_state(reflect_home).items() if k.startswith("journal")} == {
        k: v for k, v in before.items() if k.startswith("journal")
    }
    assert b"energy ro" in (reflect_home / DRAFT).read_bytes()


# --------------------------------------------------------------------------- signals


class Walk:
    """A real `python -m reflect start wellbeing-check-in --plain`, typed into line by line."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "reflect", "start", "wellbeing-check-in", "--plain"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.seen = b""

    def type(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def wait_for(self, marker: str, limit: float = 30) -> None:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while marker.encode() not in self.seen:
            ready, _, _ = select.select([fd], [], [], limit)
            assert ready, f"timed out waiting for {marker!r}: {self.seen[-300:]!r}"
            chunk = os.read(fd, 65536)
            assert chunk, f"ended before {marker!r}: {self.seen[-300:]!r}"
            self.seen += chunk

    def wait_blocked_reading(self, limit: float = 30) -> None:
        """Until the child has read everything typed and sits in read() on stdin again,
        so a signal now cannot overtake a line it was about to read."""
        import fcntl
        import struct
        import termios
        import time

        assert self.proc.stdin is not None
        deadline = time.monotonic() + limit
        syscall = Path(f"/proc/{self.proc.pid}/syscall")
        while time.monotonic() < deadline:
            waiting = struct.unpack(
                "i", fcntl.ioctl(self.proc.stdin.fileno(), termios.FIONREAD, b"\0\0\0\0")
            )[0]
            try:
                state = syscall.read_text().split()
            except OSError:
                pytest.skip("/proc/PID/syscall is not readable here")
            if waiting == 0 and state[:2] == ["0", "0x0"]:  # read(0, ...)
                return
            select.select([], [], [], 0.005)  # a short, bounded poll of the child's state
        raise AssertionError("the walk never went back to reading")

    def finish(self, sig: int) -> tuple[int, str]:
        self.proc.send_signal(sig)
        _, err = self.proc.communicate(timeout=30)
        return self.proc.returncode, err.decode("utf-8", "replace")


SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]


@pytest.mark.parametrize("sig", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_signal_mid_walk_keeps_every_answer(sig: int, reflect_home: Path) -> None:
    walk = Walk()
    walk.type("4\n")  # scale
    walk.wait_for("Prompt 2 of 6:")
    walk.type("Line one\nLine two\n\n")  # a two-line text answer, ended
    walk.wait_for("Prompt 3 of 6:")
    walk.type("1, 3\n")  # checklist
    walk.wait_for("Prompt 4 of 6:")
    code, err = walk.finish(sig)
    assert code != 0
    assert_no_traceback(err)
    draft = tomllib.loads((reflect_home / DRAFT).read_text(encoding="utf-8"))
    answers = draft["answers"]
    assert answers["feeling-overall"]["value"] == 4
    assert answers["behind-the-number"]["value"] == "Line one\nLine two"
    assert answers["part-of-your-week"]["value"] == [
        "Enough sleep, most nights",
        "Moving in a way I enjoyed",
    ]
    assert draft["at"] == "this-week/energy"


@pytest.mark.parametrize("sig", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_signal_mid_answer_keeps_the_lines_typed(sig: int, reflect_home: Path) -> None:
    """The terminal closes while someone is half-way through a long answer: the lines
    they had typed (each ended with Enter) are saved as that answer."""
    walk = Walk()
    walk.type("4\n")
    walk.wait_for("Prompt 2 of 6:")
    walk.type("The first line of a long thought\nand a second\n")  # no empty line yet
    walk.wait_blocked_reading()
    code, err = walk.finish(sig)
    assert code != 0
    assert_no_traceback(err)
    draft = tomllib.loads((reflect_home / DRAFT).read_text(encoding="utf-8"))
    assert (
        draft["answers"]["behind-the-number"]["value"]
        == "The first line of a long thought\nand a second"
    )


def test_sigint_says_what_happened(reflect_home: Path) -> None:
    walk = Walk()
    walk.type("4\n")
    walk.wait_for("Prompt 2 of 6:")
    code, err = walk.finish(signal.SIGINT)
    assert code == 130
    assert "Stopped" in err
    assert_no_traceback(err)


# --------------------------------------------------------------------------- SIGPIPE


def _many_actions(home: Path, count: int) -> None:
    from datetime import datetime

    from reflect.journal.model import Action, Entry
    from reflect.journal.store import JournalStore

    actions = tuple(Action(f"a{n:04d}", f"Action number {n} " + "x" * 80) for n in range(count))
    JournalStore(home / "journal").add_entry(
        Entry("bulkbulk", datetime(2026, 11, 2, 9, 0), "Many", actions=actions)
    )


def _first_line_then_close(*args: str) -> tuple[int, str, bytes]:
    """`reflect ARGS | head -1`: read one line, then close the pipe while reflect writes."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "reflect", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    return proc.wait(timeout=30), err, first


@pytest.mark.parametrize(
    "args", [["actions", "--all"], ["actions", "--json"], ["journal"]], ids=" ".join
)
def test_closed_pipe_ends_quietly(args: list[str], reflect_home: Path) -> None:
    if (
        args[0]
        not in {c.name for c in app.registered_groups}
        | {c.name or "" for c in app.registered_commands}
        and args[0] != "actions"
    ):
        pytest.skip(f"`reflect {args[0]}` does not exist yet")
    _many_actions(reflect_home, 3000)  # far more than a pipe holds
    code, err, first = _first_line_then_close(*args)
    assert first  # it did start writing
    assert err == "", err  # quiet: no traceback, no "Exception ignored" noise
    assert code in (0, 1, 141, -signal.SIGPIPE)


def test_closed_pipe_shell_pipeline(reflect_home: Path) -> None:
    """The same, through a real shell pipeline with `head -1`."""
    _many_actions(reflect_home, 3000)
    done = subprocess.run(
        f"{sys.executable} -m reflect actions --all | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0
    assert done.stderr == "", done.stderr
