"""Helpers for the guarantee tests: run reflect for real, and count what was tried."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from typer.testing import CliRunner, Result

from reflect.cli.main import app
from reflect.journal.model import Answer, Entry
from reflect.journal.store import JournalStore

AnswerKind = TypeVar("AnswerKind", bound=Answer)

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "driver.py"
FIGURE = "figure:"

# One full walk through the bundled wellbeing check-in, every prompt answered.
# `{tag}` makes each walk's words findable in the journal afterwards.
WALK = "\n".join(
    [
        "6",  # how are you feeling (scale 0-10), above the support threshold
        "behind {tag}",  # what's behind that number…
        "",  # …ends at an empty line
        "1, 2",  # checklist
        "energy {tag}",  # what gave you energy
        "",
        "2",  # choice
        "action {tag}",  # one small thing…
        "in 3 days",  # …and when
        "",  # no repeat
        "",  # no more actions
        "",
    ]
)


def walk_input(tag: str) -> str:
    return WALK.replace("{tag}", tag)


class Figures:
    """Counts for the final report, carried to the controller by pytest's user_properties
    (so they survive pytest-xdist)."""

    def __init__(self, record: Any) -> None:
        self._record = record
        self.counts: Counter[str] = Counter()

    def add(self, name: str, amount: int = 1) -> None:
        self.counts[name] += amount

    def flush(self) -> None:
        for name, amount in self.counts.items():
            self._record(FIGURE + name, amount)


def cli(*args: str, input: str | bytes | None = None) -> Result:
    """`reflect ARGS...` in-process, the way tests/cli does."""
    return CliRunner().invoke(app, list(args), input=input)


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_reflect(
    *args: str,
    input: str | bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> Ran:
    """`python -m reflect ARGS...` as a real process (REFLECT_HOME comes from the fixture)."""
    data = input.encode("utf-8") if isinstance(input, str) else input
    done = subprocess.run(
        [sys.executable, "-m", "reflect", *args],
        input=data,
        capture_output=True,
        env=env or dict(os.environ),
        timeout=timeout,
    )
    return Ran(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


def run_driver(mode: str, options: dict[str, Any], timeout: float = 120) -> Any:
    """Run tests/guarantees/driver.py MODE and return the JSON it prints last."""
    done = subprocess.run(
        [sys.executable, str(DRIVER), mode, json.dumps(options)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=dict(os.environ),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_commands(
    commands: list[tuple[list[str], str]],
    env: dict[str, str] | None = None,
    umask: int = -1,
) -> list[int]:
    """Run many `reflect` commands, each in its own process, cheaply: one Python starts
    (tests/guarantees/driver.py worker), imports reflect once, and forks a child per
    command. Children inherit its environment and umask. Returns the exit codes."""
    done = subprocess.run(
        [sys.executable, str(DRIVER), "worker", json.dumps({"commands": commands})],
        input="go\n",
        capture_output=True,
        text=True,
        env=env or dict(os.environ),
        umask=umask,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    codes: list[int] = json.loads(done.stdout.strip().splitlines()[-1])["codes"]
    return codes


TRACEBACK_CHECKS = {"outputs": 0, "tracebacks": 0}


def assert_no_traceback(text: str) -> None:
    """Neither Python's traceback nor Rich's boxed one (both name themselves)."""
    TRACEBACK_CHECKS["outputs"] += 1
    if "Traceback" in text or "most recent call last" in text:
        TRACEBACK_CHECKS["tracebacks"] += 1
        raise AssertionError(text[-2000:])


def all_entries(home: Path) -> list[Entry]:
    """Every entry; raises (failing the test) if any month file does not parse."""
    return list(JournalStore(home / "journal").entries())


def journal_bytes(home: Path) -> dict[str, bytes]:
    """Every file under the journal folder, for 'nothing saved changed' checks."""
    folder = home / "journal"
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def saved_state(home: Path) -> dict[str, bytes]:
    """Every file reflect keeps (journal, drafts, config, workbooks), by relative path.

    Not the cache: it is made from the journal, and any command may bring it up to
    date (a new action's id is checked against it, before the journal is written).
    """
    if not home.is_dir():
        return {}
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file()
        and p.name != ".lock"
        and p.suffix != ".walking"  # a walk's claim on its draft: an empty lock file
        and p.relative_to(home).parts[0] != "cache"
    }


# The `reflect` script pip installed beside this Python: the program a person runs.
REFLECT_SCRIPT = Path(sys.executable).with_name("reflect")


class LiveWalk:
    """A real `reflect start WORKBOOK --plain` (the installed script), typed into line by
    line through a pipe, then stopped by a signal or the end of its input."""

    def __init__(self, workbook: str, *extra: str) -> None:
        self.proc = subprocess.Popen(
            [str(REFLECT_SCRIPT), "start", workbook, "--plain", *extra],
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

        import pytest

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

    def stop(self, how: int | None) -> tuple[int, str, str]:
        """Send signal `how`, or close stdin (the end of input) when it is None; then
        (exit code, everything printed, stderr)."""
        if how is not None:
            self.proc.send_signal(how)
        out, err = self.proc.communicate(timeout=30)
        return (
            self.proc.returncode,
            (self.seen + out).decode("utf-8", "replace"),
            err.decode("utf-8", "replace"),
        )


def answer_to(entry: Entry, prompt_id: str, kind: type[AnswerKind]) -> AnswerKind:
    """The answer to `prompt_id` in `entry`, checked to be of `kind` (a TextAnswer...)."""
    [found] = [a for s in entry.sections for a in s.answers if a.prompt_id == prompt_id]
    assert isinstance(found, kind), found
    return found
