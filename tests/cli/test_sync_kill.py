"""A `reflect sync` killed at any point leaves a journal every command reads, and the
next `reflect sync` finishes the job.

Two ways of killing:
- real processes, SIGKILLed by a git hook at each step git takes for reflect
  (after its commit, after the merge, as the push starts): the hook kills the
  `reflect` process, as a crash or a closed laptop lid would, and git finishes;
- a forked child that dies (os._exit) just before each OS call that merging the
  conflict copies makes, in turn: every crash point of that path.
"""

from __future__ import annotations

import os
import stat
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from reflect.journal.model import Entry
from reflect.journal.render import render_file
from tests.cli.sync_helpers import (
    bare_remote,
    entry_ids,
    git,
    isolate_git,
    month_texts,
    no_conflict_markers,
    ok,
    reflect_process,
)
from tests.guarantees.driver import fork_run

READERS = [["journal"], ["actions", "--all"], ["search", "note"], ["export"]]

KILL_HOOK = f"""#!{sys.executable}
# Test hook: SIGKILL the `reflect` process that started this git, once.
import os, signal
os.remove(__file__)
git = os.getppid()
with open(f"/proc/{{git}}/stat") as handle:
    reflect = int(handle.read().rsplit(")", 1)[1].split()[1])
os.kill(reflect, signal.SIGKILL)
"""


@pytest.fixture(autouse=True)
def _git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(tmp_path, monkeypatch)


def _all_readable(home: Path) -> None:
    for command in READERS:
        ok(home, *command)


def _install_hook(home: Path, name: str) -> None:
    hooks = Path(git(home, "rev-parse", "--absolute-git-dir").strip()) / "hooks"
    hook = hooks / name
    hook.write_text(KILL_HOOK)
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)


@pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="the hook finds its grandparent in /proc"
)
@pytest.mark.parametrize("hook", ["post-commit", "post-merge", "pre-push", "reference-transaction"])
def test_sync_killed_by_sigkill_at_each_git_step_then_finished_by_the_next(
    tmp_path: Path, hook: str
) -> None:
    remote = bare_remote(tmp_path)
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    ok(laptop, "write", "A laptop note.")
    ok(laptop, "sync", "init", "--remote", str(remote))
    ok(laptop, "sync")
    ok(desktop, "sync", "init", "--remote", str(remote))
    ok(desktop, "sync")
    ok(laptop, "write", "A second laptop note.", now="2026-11-29T11:00:00")
    ok(laptop, "sync")
    ok(desktop, "write", "A desktop note.", now="2026-11-29T12:00:00")
    _install_hook(desktop, hook)

    proc = reflect_process(desktop, "sync")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == -9, err  # killed by the hook
    _all_readable(desktop)
    assert no_conflict_markers(desktop)

    ok(desktop, "sync")  # finishes the job
    ok(laptop, "sync")
    assert sorted(entry_ids(desktop)) == sorted(entry_ids(laptop))
    assert len(entry_ids(laptop)) == 3
    assert month_texts(laptop) == month_texts(desktop)


A = Entry("aaaaaaaa", datetime(2026, 11, 3, 9, 0), body="A note in the month.")
C = Entry("cccccccc", datetime(2026, 11, 4, 9, 0), body="A note only in the copy.")
COPY = "2026-11.sync-conflict-20261203-101010-ABCDEFG.txt"


class _Countdown:
    def __init__(self, crash_at: int) -> None:
        self.crash_at, self.count = crash_at, 0

    def tick(self) -> None:
        if self.count == self.crash_at:
            os._exit(77)
        self.count += 1


class _Crashing:
    """`os` as reflect.fileio and reflect.journal.copies see it: the writing calls first
    go through the countdown."""

    CALLS = ("open", "write", "fsync", "close", "replace", "fchmod", "chmod")

    def __init__(self, countdown: _Countdown) -> None:
        self._countdown = countdown

    def __getattr__(self, name: str) -> Any:
        value = getattr(os, name)
        if name not in self.CALLS:
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            self._countdown.tick()
            return value(*args, **kwargs)

        return call


def test_merging_copies_killed_before_each_os_call_then_finished_by_the_next_sync(
    reflect_home: Path,
) -> None:
    import reflect.fileio as fileio
    import reflect.journal.copies as copies

    journal = reflect_home / "journal"
    journal.mkdir(parents=True)
    crashes = 0
    for n in range(200):
        for path in journal.iterdir():
            if path.is_file():
                path.unlink()
        (journal / "2026-11.txt").write_text(render_file([A]))
        (journal / COPY).write_text(render_file([A, C]))

        def arm(n: int = n) -> None:
            crashing = _Crashing(_Countdown(n))
            setattr(fileio, "os", crashing)  # noqa: B010 - the module's own name for os
            setattr(copies, "os", crashing)  # noqa: B010

        pid = fork_run(["sync"], "", before=arm)
        _, status = os.waitpid(pid, 0)
        died = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 77
        _all_readable(reflect_home)
        ok(reflect_home, "sync")
        assert sorted(entry_ids(reflect_home)) == ["aaaaaaaa", "cccccccc"]
        assert not (journal / COPY).exists()
        if not died:
            break
        crashes += 1
    assert crashes >= 5  # every crash point of the path was tried, and there are several
