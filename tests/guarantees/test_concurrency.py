"""Concurrency: several reflect processes at once never lose each other's writes.

Eight processes start together (each imports reflect, says it is ready, then waits
for the same starting gun) and each runs 25 operations: free-form entries, new
actions, marking its own actions done, marking one shared action done, and whole
plain-mode walks. Every operation must succeed, every word must be in the journal
exactly once, and every month file must parse. A lock held by a process that is
killed is released by the kernel, so it never blocks anyone.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from reflect.kinds.text import TextAnswer
from tests.guarantees.driver import REFUSED_WALK
from tests.guarantees.helpers import DRIVER, Figures, all_entries, cli, run_reflect

WORKERS = 8
OPERATIONS = 25


def _seed_actions(count: int) -> list[str]:
    ids = []
    for number in range(count):
        result = cli("actions", "add", f"seed {number}")
        assert result.exit_code == 0, result.output
        ids.append(result.stdout.split()[1].rstrip(":"))  # "Added k3f9: seed 0."
    return ids


def _plan(worker: int, own: list[str], shared: str) -> list[tuple[list[str], str]]:
    """25 operations for one worker, interleaved so every kind overlaps every other."""
    from tests.guarantees.driver import command

    ops: list[tuple[list[str], str]] = []
    for step in range(OPERATIONS):
        tag = f"w{worker}o{step}"
        if step == 12:
            ops.append((["actions", "done", shared, "--note", f"note {tag}"], ""))
        elif step % 8 == 7:
            ops.append(command("walk", tag, None))
        elif step % 3 == 0:
            ops.append(command("add", tag, None))
        elif step % 3 == 1 and own:
            ops.append(command("done", tag, own.pop()))
        else:
            ops.append(command("write", tag, None))
    return ops


@pytest.mark.slow
def test_eight_processes_at_once_lose_nothing(reflect_home: Path, figures: Figures) -> None:
    seeded = _seed_actions(WORKERS * 8 + 1)
    shared, seeded = seeded[0], seeded[1:]
    plans = [_plan(w, seeded[w * 8 : (w + 1) * 8], shared) for w in range(WORKERS)]

    procs = [
        subprocess.Popen(
            [sys.executable, str(DRIVER), "worker", json.dumps({"commands": plan})],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for plan in plans
    ]
    for proc in procs:  # wait until every worker has imported reflect…
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
    for proc in procs:  # …then fire the starting gun for all of them at once
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    codes = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err[-2000:]
        codes += json.loads(out.strip().splitlines()[-1])["codes"]
    figures.add("concurrent processes", WORKERS)
    figures.add("concurrent operations", len(codes))
    assert len(codes) == WORKERS * OPERATIONS
    # Every operation succeeds, but a walk of the workbook another process is walking
    # at that moment is refused (exit 3, nothing written): two walks of one workbook
    # would save over each other's draft.
    ops = [args for plan in plans for args, _ in plan]
    refused = {i for i, code in enumerate(codes) if code == REFUSED_WALK}
    assert all(ops[i][0] == "start" for i in refused)
    assert [code for i, code in enumerate(codes) if i not in refused] == [0] * (
        len(codes) - len(refused)
    )
    figures.add("walks refused while another was open", len(refused))

    entries = all_entries(reflect_home)  # every month file parses
    texts: Counter[str] = Counter()
    for entry in entries:
        if entry.body:
            texts[entry.body] += 1
        for action in entry.actions:
            texts[action.text] += 1
        for section in entry.sections:
            for answer in section.answers:
                if isinstance(answer, TextAnswer):
                    texts[answer.text] += 1
    actions = {a.id: a for e in entries for a, _, _ in e.all_actions()}
    lost = 0
    for number, (args, stdin) in enumerate(step for plan in plans for step in plan):
        if args[0] == "write":
            lost += texts[args[1]] != 1
        elif args[:2] == ["actions", "add"]:
            lost += texts[args[2]] != 1
        elif args[:2] == ["actions", "done"] and args[2] != shared:
            action = actions[args[2]]
            lost += action.status != "done" or action.note != args[4]
        elif args[0] == "start":
            tag = stdin.split("\n")[1].removeprefix("behind ")
            expected = 0 if number in refused else 1
            lost += texts[f"behind {tag}"] != expected or texts[f"energy {tag}"] != expected
    figures.add("entries lost", lost)
    assert lost == 0
    # Eight processes marked the same action done: it is done once, with one of their notes.
    assert actions[shared].status == "done"
    note = actions[shared].note
    assert note is not None and note.startswith("note w")


def test_lock_of_a_killed_process_never_blocks(reflect_home: Path) -> None:
    folder = reflect_home / "journal"
    with subprocess.Popen(
        [sys.executable, str(DRIVER), "holdlock", json.dumps({"folder": str(folder)})],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        assert _lock_is_held(folder / ".lock")  # really held: a writer would wait now
        holder.kill()  # SIGKILL while holding the lock: no cleanup code runs
        holder.wait()
    assert not _lock_is_held(folder / ".lock")  # the kernel released it with the process
    wrote = run_reflect("write", "after the holder died", timeout=30)
    assert wrote.returncode == 0, wrote.stderr
    assert "after the holder died" in (folder / "2026-11.txt").read_text(encoding="utf-8")


def _lock_is_held(path: Path) -> bool:
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False
