"""Crash and concurrency driver: runs reflect's own commands in child processes and kills them.

Run by the guarantee tests as `python driver.py MODE JSON-OPTIONS`; prints one JSON
line with what happened. It imports reflect once and then forks a child per run, so
a child spends its life inside reflect's save path (not in Python's start-up), and
a kill at a random moment lands in the read-lock-write-rename sequence far more
often than killing a fresh `python -m reflect` would.

Modes:
  forkkill  each run forks a child that runs one command (write, actions add,
            actions done, a whole plain-mode walk) through the real Typer app; the
            parent SIGKILLs it after a seeded random delay within the command's
            measured duration (or lets it finish).
  syscrash  for each command and each n, a child dies (os._exit, like a power cut
            from the program's point of view) just before the n-th call reflect.fileio
            makes to the OS (open, write, fsync, close, rename, flock, chmod), until a
            child gets through: every crash point of every save path, in order.
  worker    concurrency: wait for a line on stdin (so all workers start together),
            then run a list of commands in-process, one after another.
  holdlock  take the journal folder's lock, print "locked", then wait on stdin
            until killed.
"""

from __future__ import annotations

import io
import json
import os
import random
import select
import signal
import sys
import time
from pathlib import Path
from typing import Any

from reflect.cli.main import app
from reflect.drafts import ALREADY_WALKING, DraftStore
from reflect.errors import ReflectError
from reflect.journal.store import JournalStore

WALK = "\n".join(
    [
        "6",
        "behind {tag}",
        "",
        "1, 2",
        "energy {tag}",
        "",
        "2",
        "action {tag}",
        "in 3 days",
        "",
        "",
        "",
    ]
)
CRASH_CODE = 137


def command(kind: str, tag: str, target: str | None) -> tuple[list[str], str]:
    """The command line and stdin for one run of `kind`; `tag` marks its words."""
    if kind == "write":
        return ["write", f"write {tag}"], ""
    if kind == "add":
        return ["actions", "add", f"add {tag}", "--due", "fri"], ""
    if kind == "done":
        assert target is not None
        return ["actions", "done", target, "--note", f"note {tag}"], ""
    if kind == "walk":
        return ["start", "wellbeing-check-in", "--plain", "--restart"], WALK.replace("{tag}", tag)
    raise ValueError(kind)


# The code a worker reports for a walk refused because the workbook was open elsewhere.
REFUSED_WALK = 30


def run_in_child(args: list[str], stdin: str, stderr: str | None = None) -> int:
    """Run `reflect ARGS` through the real app in this (forked) process; return its exit
    code. What it says on stderr goes to the file `stderr`, if given."""
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 1)
    os.dup2(os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC) if stderr else devnull, 2)
    sys.stdin = io.StringIO(stdin)
    try:
        app(args, prog_name="reflect")
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except BaseException:
        log = os.environ.get("REFLECT_DRIVER_LOG")
        if log:
            import traceback

            with open(log, "a", encoding="utf-8") as handle:
                handle.write(traceback.format_exc())
        return 99  # an unexpected exception: a traceback a person would have seen
    return 0


def fork_run(args: list[str], stdin: str, before: Any = None, stderr: str | None = None) -> int:
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 98
        try:
            if before is not None:
                before()
            code = run_in_child(args, stdin, stderr)
        finally:
            os._exit(code)
    return pid


def wait_or_kill(pid: int, delay: float) -> tuple[bool, int, float]:
    """Wait up to `delay` seconds for the child; SIGKILL it if still running.
    Returns (killed, exit code or -signal, seconds it ran)."""
    started = time.perf_counter()
    fd = os.pidfd_open(pid)
    try:
        ready, _, _ = select.select([fd], [], [], delay)
    finally:
        os.close(fd)
    if not ready:
        os.kill(pid, signal.SIGKILL)  # still a zombie at worst, so the pid is still ours
    _, status = os.waitpid(pid, 0)
    ran = time.perf_counter() - started
    if os.WIFSIGNALED(status):
        return True, -os.WTERMSIG(status), ran
    return False, os.WEXITSTATUS(status), ran  # it finished before the kill landed


def open_action_ids(store: JournalStore) -> list[str]:
    return sorted(
        a.id for e in store.entries() for a, _, _ in e.all_actions() if a.status == "open"
    )


def draft_state(home: Path) -> str:
    """'none', 'ok', or the error: is the paused walk resumable?"""
    try:
        session = DraftStore(home / "drafts").load(_wellbeing())
    except ReflectError as exc:
        return f"error: {exc}"
    return "none" if session is None else "ok"


_WORKBOOK: Any = None


def _wellbeing() -> Any:
    global _WORKBOOK
    if _WORKBOOK is None:
        from reflect.paths import bundled_workbooks_dir
        from reflect.workbook.loader import load_workbook

        _WORKBOOK = load_workbook(bundled_workbooks_dir() / "wellbeing-check-in.toml")
    return _WORKBOOK


# --------------------------------------------------------------------------- modes


def forkkill(options: dict[str, Any]) -> dict[str, Any]:
    home = Path(os.environ["REFLECT_HOME"])
    store = JournalStore(home / "journal")
    rng = random.Random(options["seed"])
    kinds: list[str] = options["kinds"]
    estimate = {kind: 0.05 for kind in kinds}
    results = []
    for run in range(options["runs"]):
        kind = kinds[run % len(kinds)]
        tag = f"k{options['seed']}x{run}"
        target = None
        if kind == "done":
            ids = open_action_ids(store)
            if not ids:
                kind = "add"
            else:
                target = rng.choice(ids)
        args, stdin = command(kind, tag, target)
        # Uniform over the command's own lifetime (a little past it, so some finish).
        delay = rng.uniform(0, estimate[kind] * 1.25)
        pid = fork_run(args, stdin)
        killed, code, ran = wait_or_kill(pid, delay)
        if not killed:
            estimate[kind] = 0.7 * estimate[kind] + 0.3 * ran
        outcome = "killed" if killed else f"exit {code}"
        result: dict[str, Any] = {"kind": kind, "tag": tag, "target": target, "outcome": outcome}
        if kind == "walk":
            result["draft"] = draft_state(home)
        results.append(result)
    return {"results": results, "estimate": estimate}


class _Countdown:
    """Counts the OS calls reflect.fileio makes; the process dies just before call `crash_at`."""

    def __init__(self, crash_at: int) -> None:
        self.crash_at, self.count = crash_at, 0

    def tick(self) -> None:
        if self.count == self.crash_at:
            os._exit(CRASH_CODE)
        self.count += 1


class _Crashing:
    """Stands in for a module (`os` or `fcntl`) inside reflect.fileio: the calls named in
    `calls` go through the countdown first; everything else is the real module's."""

    def __init__(self, real: Any, calls: tuple[str, ...], countdown: _Countdown) -> None:
        self._real, self._calls, self._countdown = real, calls, countdown

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._real, name)
        if name not in self._calls:
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            self._countdown.tick()
            return value(*args, **kwargs)

        return call


def syscrash(options: dict[str, Any]) -> dict[str, Any]:
    import fcntl

    import reflect.fileio as fileio

    home = Path(os.environ["REFLECT_HOME"])
    store = JournalStore(home / "journal")
    results = []
    for kind in options["kinds"]:
        for n in range(options.get("limit", 400)):
            tag = f"s{kind}{n}"
            target = None
            if kind == "done":
                ids = open_action_ids(store)
                target = ids[0]
            args, stdin = command(kind, tag, target)

            def arm(n: int = n) -> None:
                countdown = _Countdown(n)
                calls = ("open", "write", "fsync", "close", "replace", "fchmod")
                # In this forked child only: fileio's own names for the two modules.
                vars(fileio)["os"] = _Crashing(os, calls, countdown)
                vars(fileio)["fcntl"] = _Crashing(fcntl, ("flock",), countdown)

            pid = fork_run(args, stdin, before=arm)
            _, status = os.waitpid(pid, 0)
            code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)
            crashed = code == CRASH_CODE
            result: dict[str, Any] = {
                "kind": kind,
                "tag": tag,
                "target": target,
                "crash_at": n,
                "outcome": "killed" if crashed else f"exit {code}",
            }
            if kind == "walk":
                result["draft"] = draft_state(home)
            results.append(result)
            if not crashed:
                break  # the command got through every call: all its crash points are done
    return {"results": results}


def worker(options: dict[str, Any]) -> dict[str, Any]:
    print("ready", flush=True)
    sys.stdin.readline()  # the starting gun: every worker is imported and ready
    codes = []
    said = Path(os.environ["REFLECT_HOME"]).parent / f"worker-{os.getpid()}.stderr"
    for args, stdin in options["commands"]:
        pid = fork_run(args, stdin, stderr=str(said))
        _, status = os.waitpid(pid, 0)
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)
        if code == 3 and ALREADY_WALKING in said.read_text(encoding="utf-8"):
            code = REFUSED_WALK  # refused, kindly: the workbook is open in another process
        codes.append(code)
    return {"codes": codes}


def holdlock(options: dict[str, Any]) -> dict[str, Any]:
    from reflect.fileio import locked

    with locked(Path(options["folder"])):
        print("locked", flush=True)
        sys.stdin.readline()  # blocks until the test kills us
    return {}


MODES = {"forkkill": forkkill, "syscrash": syscrash, "worker": worker, "holdlock": holdlock}

if __name__ == "__main__":
    mode, raw = sys.argv[1], sys.argv[2]
    print(json.dumps(MODES[mode](json.loads(raw))))
