"""Crash safety: kill reflect at any moment and nothing finished is lost or damaged.

The promise (docs/guarantees.md): a command that said it saved something has saved
it; a kill -9 at any instant leaves every journal file whole and readable (the old
version or the new one, never half of each); a temp file from a killed save is
never read as journal data; a walk killed half-way can be resumed from its draft.

Three ways of killing, from coarse to exhaustive:
- real `python -m reflect` processes, SIGKILLed at seeded random moments;
- forked children of a driver that has already imported reflect (so the kill lands
  in the save path, not in Python's start-up), SIGKILLed at seeded random moments;
- a child that dies just before each OS call reflect.fileio makes, in turn, for
  every command: every crash point of every save path.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from reflect.drafts import DraftStore
from reflect.fileio import TEMP_PREFIX
from reflect.journal.model import Entry
from reflect.journal.store import JournalStore
from reflect.kinds.action import ActionAnswer
from reflect.kinds.checklist import ChecklistAnswer
from reflect.kinds.text import TextAnswer
from reflect.paths import bundled_workbooks_dir
from reflect.workbook.loader import load_workbook
from tests.guarantees.helpers import (
    Figures,
    all_entries,
    answer_to,
    cli,
    run_driver,
    run_reflect,
    walk_input,
)

KINDS = ["write", "add", "done", "walk"]


def _tags_in(entry: Entry) -> list[str]:
    """The run tags an entry carries: 'write T', 'add T' or a walk's 'behind T'."""
    tags = []
    if entry.body and entry.body.startswith("write "):
        tags.append(entry.body.removeprefix("write "))
    for action in entry.actions:
        if action.text.startswith("add "):
            tags.append(action.text.removeprefix("add "))
    for section in entry.sections:
        for answer in section.answers:
            if isinstance(answer, TextAnswer) and answer.text.startswith("behind "):
                tags.append(answer.text.removeprefix("behind "))
    return tags


def _walk_is_whole(entry: Entry, tag: str) -> bool:
    answers = {a.prompt_id: a for s in entry.sections for a in s.answers}
    action = answers.get("small-thing-for-you")
    return (
        isinstance(energy := answers.get("energy"), TextAnswer)
        and energy.text == f"energy {tag}"
        and isinstance(action, ActionAnswer)
        and [a.text for a in action.actions] == [f"action {tag}"]
    )


def check_runs(results: list[dict[str, Any]], home: Path, figures: Figures) -> None:
    """Every promise, checked against what each run reported."""
    entries = all_entries(home)  # raises if any month file does not parse
    seen = Counter(tag for entry in entries for tag in _tags_in(entry))
    duplicated = [tag for tag, count in seen.items() if count > 1]
    assert duplicated == [], f"saved twice: {duplicated}"
    actions = {a.id: a for e in entries for a, _, _ in e.all_actions()}
    walks = {tag: e for e in entries for tag in _tags_in(e) if e.workbook}

    lost = []
    for run in results:
        outcome, tag = run["outcome"], run["tag"]
        assert outcome in ("killed", "exit 0"), run  # no other failure, no traceback (99)
        if run.get("draft", "none") not in ("none", "ok"):
            raise AssertionError(f"draft not resumable after {run}")
        if outcome != "exit 0":
            continue
        if run["kind"] == "done":
            action = actions.get(run["target"])
            if action is None or action.status != "done" or action.note != f"note {tag}":
                lost.append(run)
        elif seen[tag] != 1 or (run["kind"] == "walk" and not _walk_is_whole(walks[tag], tag)):
            lost.append(run)
    killed = sum(run["outcome"] == "killed" for run in results)
    figures.add("runs killed", killed)
    figures.add("runs completed", len(results) - killed)
    figures.add("entries lost", len(lost))
    assert lost == []


def _seed_actions(count: int) -> None:
    for number in range(count):
        assert cli("actions", "add", f"seed action {number}").exit_code == 0


def _no_temp_file_read(home: Path) -> None:
    """Stray temp files may sit in the folder after a kill; none is ever a month file."""
    store = JournalStore(home / "journal")
    assert all(not p.name.startswith(TEMP_PREFIX) for p in store.month_files())


@pytest.mark.slow
@pytest.mark.parametrize("seed", [11, 23])
def test_sigkill_forked_commands_at_random_moments(
    seed: int, reflect_home: Path, figures: Figures
) -> None:
    _seed_actions(8)
    report = run_driver("forkkill", {"seed": seed, "runs": 150, "kinds": KINDS})
    results = report["results"]
    assert sum(r["outcome"] == "killed" for r in results) >= 50  # the kills really landed
    _no_temp_file_read(reflect_home)
    check_runs(results, reflect_home, figures)

    # After all that, reflect still works, and the next save sweeps up stray temp files.
    assert cli("write", "after the storm").exit_code == 0
    assert not list((reflect_home / "journal").glob(TEMP_PREFIX + "*"))


@pytest.mark.slow
def test_crash_before_every_os_call_of_every_save_path(
    reflect_home: Path, figures: Figures
) -> None:
    # Enough open actions for every `done` run: one that is killed after its change is
    # saved (while making the folder's entry durable, or refreshing the action index)
    # has closed its action, and the next run needs another.
    _seed_actions(8)
    report = run_driver("syscrash", {"kinds": KINDS})
    results = report["results"]
    for kind in KINDS:
        runs = [r for r in results if r["kind"] == kind]
        # Each command was crashed at each of its OS calls in turn, then got through.
        assert [r["crash_at"] for r in runs] == list(range(len(runs)))
        assert runs[-1]["outcome"] == "exit 0" and len(runs) > 5, runs[-1]
    figures.add("crash points tried", len(results))
    check_runs(results, reflect_home, figures)
    # Killed walks left a draft that loads (and most left one: answers are saved as typed).
    assert Counter(r["draft"] for r in results if r["kind"] == "walk")["ok"] > 20

    assert cli("write", "after the storm").exit_code == 0
    assert cli("start", "wellbeing-check-in", "--plain", input=walk_input("last")).exit_code == 0
    for folder in ("journal", "drafts"):
        assert not list((reflect_home / folder).glob(TEMP_PREFIX + "*")), folder


@pytest.mark.slow
def test_sigkill_real_processes_at_random_moments(
    reflect_home: Path, tmp_path: Path, figures: Figures
) -> None:
    """The real thing: `python -m reflect ...` killed at a seeded random moment of its life
    (start-up included), two at a time so they also contend for the lock."""
    _seed_actions(4)
    rng = random.Random(5)
    store = JournalStore(reflect_home / "journal")
    # How long one command lives here (start-up included): kills are spread over that.
    started = time.perf_counter()
    assert run_reflect("write", "timing run").returncode == 0
    lifetime = time.perf_counter() - started
    results: list[dict[str, Any]] = []
    for batch in range(12):
        running = []
        for slot in range(2):
            kind = KINDS[(batch * 2 + slot) % len(KINDS)]
            tag = f"p{batch}x{slot}"
            target = None
            if kind == "done":
                opened = sorted(
                    a.id
                    for e in store.entries()
                    for a, _, _ in e.all_actions()
                    if a.status == "open"
                )
                target = opened[slot % len(opened)]
            args, stdin = _command(kind, tag, target)
            feed = tmp_path / f"stdin-{tag}"
            feed.write_text(stdin, encoding="utf-8")
            with feed.open("rb") as given:
                proc = subprocess.Popen(
                    [sys.executable, "-m", "reflect", *args],
                    stdin=given,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
            running.append((proc, kind, tag, target, rng.uniform(0.1, 1.1) * lifetime))
        for proc, kind, tag, target, delay in running:
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                proc.kill()
            _, err = proc.communicate()
            stderr = err.decode("utf-8", "replace")
            assert "Traceback" not in stderr, stderr
            outcome = "killed" if proc.returncode == -9 else f"exit {proc.returncode}"
            results.append({"kind": kind, "tag": tag, "target": target, "outcome": outcome})
        draft = DraftStore(reflect_home / "drafts")
        draft.load(_wellbeing())  # a walk killed in this batch left nothing unreadable
    assert sum(r["outcome"] == "killed" for r in results) >= 6
    _no_temp_file_read(reflect_home)
    check_runs(results, reflect_home, figures)


def _command(kind: str, tag: str, target: str | None) -> tuple[list[str], str]:
    from tests.guarantees.driver import command

    return command(kind, tag, target)


def _wellbeing() -> Any:
    return load_workbook(bundled_workbooks_dir() / "wellbeing-check-in.toml")


def test_walk_killed_after_saving_but_before_clearing_its_draft_is_saved_once(
    reflect_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last instant of a walk: the entry is in the journal but the draft is not yet
    deleted. Resuming must not save the entry twice (two entries with one id would make
    the whole month file unreadable)."""

    def killed(self: DraftStore, workbook_id: str) -> None:
        raise SystemExit(137)  # the process dies here, as far as this walk can tell

    with monkeypatch.context() as patched:
        patched.setattr(DraftStore, "clear", killed)
        first = cli("start", "wellbeing-check-in", "--plain", input=walk_input("once"))
    assert first.exit_code == 137
    assert (reflect_home / "drafts" / "wellbeing-check-in.toml").exists()

    again = cli("start", "wellbeing-check-in", "--plain", input="y\n")  # carry on? yes
    assert again.exit_code == 0, again.output
    entries = all_entries(reflect_home)  # parses: no duplicate id
    assert [tag for e in entries for tag in _tags_in(e)] == ["once"]
    assert not (reflect_home / "drafts" / "wellbeing-check-in.toml").exists()
    # The ids shown at the end are the ones saved, so `reflect actions done ID` works.
    [action] = [a for e in entries for a, _, _ in e.all_actions()]
    assert f"[{action.id}]" in again.stdout


def test_killed_walk_resumes_where_it_stopped(reflect_home: Path) -> None:
    """Kill a real walk after three answers (it waits for the fourth), then carry on."""
    with subprocess.Popen(
        [sys.executable, "-m", "reflect", "start", "wellbeing-check-in", "--plain"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    ) as proc:
        assert proc.stdin is not None
        proc.stdin.write(b"4\nkilled mid-walk\n\n1, 3\n")
        proc.stdin.flush()
        _read_until(proc, b"What gave you energy")  # the checklist answer is saved by now
        proc.kill()

    resumed = cli("start", "wellbeing-check-in", "--plain", input="y\nenergy after\n\n2\n\n")
    assert resumed.exit_code == 0, resumed.output
    [entry] = all_entries(reflect_home)
    assert answer_to(entry, "behind-the-number", TextAnswer).text == "killed mid-walk"
    assert answer_to(entry, "energy", TextAnswer).text == "energy after"
    assert answer_to(entry, "part-of-your-week", ChecklistAnswer).ticked == (
        "Enough sleep, most nights",
        "Moving in a way I enjoyed",
    )


def _read_until(proc: subprocess.Popen[bytes], marker: bytes, limit: float = 30) -> bytes:
    """Read the child's stdout until `marker` shows (bounded by `limit` seconds)."""
    import select

    assert proc.stdout is not None
    seen = b""
    fd = proc.stdout.fileno()
    while marker not in seen:
        ready, _, _ = select.select([fd], [], [], limit)
        assert ready, f"timed out waiting for {marker!r}; got {seen[-500:]!r}"
        chunk = os.read(fd, 65536)
        assert chunk, f"the process ended before {marker!r}; got {seen[-500:]!r}"
        seen += chunk
    return seen
