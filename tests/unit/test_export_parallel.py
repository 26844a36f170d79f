"""Sharing an export out between processes changes nothing but the time it takes.

`run_tasks` must give what running the tasks one after the other here gives: the
results in order, or the first task's exception (a ReflectError with its file and
line). The Markdown export of a journal split into runs of month files, rendered in
forked children, must be the very document rendered in one go.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

import pytest

from reflect.errors import JournalError
from reflect.export import markdown, parallel
from reflect.export.markdown import Heading, render_markdown_bytes
from reflect.journal.model import Entry
from reflect.journal.query import Filters, iter_entries, month_files, split_by_size
from reflect.journal.store import JournalStore
from tests.cli.helpers import reflect
from tests.conftest import FROZEN_TODAY

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="forking is not used here")


def broken(where: str) -> None:
    raise JournalError("Something is wrong here.", path=Path(where), line=7, hint="Look.")


def test_a_reflect_error_keeps_its_file_line_and_hint_through_pickle() -> None:
    error = JournalError("Something is wrong here.", path=Path("j/2026-11.txt"), line=7, hint="h")
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), str(again), again.path, again.line, again.hint) == (
        JournalError,
        str(error),
        error.path,
        7,
        "h",
    )


@needs_fork
def test_tasks_in_children_give_their_results_in_order() -> None:
    def where(number: int) -> tuple[int, int]:
        return number, os.getpid()

    parent = os.getpid()
    results = parallel.run_tasks([partial(where, number) for number in range(4)])
    assert [number for number, _ in results] == [0, 1, 2, 3]
    pids = [pid for _, pid in results]
    assert pids[0] == parent and len(set(pids)) == 4  # the others ran in children


@needs_fork
def test_the_first_failing_task_in_order_is_the_error_raised() -> None:
    tasks = [
        lambda: "fine",
        lambda: broken("j/2026-10.txt"),
        lambda: broken("j/2026-11.txt"),
    ]
    with pytest.raises(JournalError) as raised:
        parallel.run_tasks(tasks)
    assert (raised.value.path, raised.value.line) == (Path("j/2026-10.txt"), 7)


@needs_fork
def test_a_child_that_dies_is_an_error_not_a_hang() -> None:
    with pytest.raises(RuntimeError, match="ended without an answer"):
        parallel.run_tasks([lambda: 1, lambda: os._exit(9)])


@needs_fork
def test_a_task_whose_process_cannot_start_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_more_processes() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_more_processes)
    assert parallel.run_tasks([lambda: os.getpid(), lambda: os.getpid()]) == [os.getpid()] * 2


def test_without_forking_the_tasks_run_here_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    assert parallel.processes_to_use(4) == 1
    assert parallel.run_tasks([lambda: os.getpid(), lambda: os.getpid()]) == [os.getpid()] * 2
    with pytest.raises(JournalError):
        parallel.run_tasks([lambda: broken("a"), lambda: 1 / 0])


@needs_fork
def test_nothing_printed_before_the_fork_is_printed_twice(tmp_path: Path) -> None:
    """A child leaves with os._exit: it flushes none of the parent's buffers."""
    code = (
        "import sys\n"
        "from reflect.export.parallel import run_tasks\n"
        "sys.stdout.write('before ')\n"
        "print(run_tasks([lambda: 1, lambda: 2, lambda: 3]))\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert shown.stdout == "before [1, 2, 3]\n"


# --------------------------------------------------------------------------- the export


def long_journal(store: JournalStore, months: int = 14) -> None:
    """A journal of a few hundred KB over `months` months, with words Markdown escapes."""
    start = datetime(2025, 1, 1, 9, 0)
    entries = [
        Entry(
            f"e{day:07d}",
            start + timedelta(days=day),
            title="Day *{day}*" if day % 5 == 0 else "",
            body=f"Day {day}: `tea` & [notes] — 東京 🙂\n\n- a list? no\n" + "words " * 300,
        )
        for day in range(months * 30)
    ]
    store.add_entries(entries)


@pytest.mark.parametrize("piece", [100, markdown.PIECE])
def test_split_runs_render_the_same_document_as_one_run(
    tmp_path: Path, piece: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(markdown, "PIECE", piece)  # small pieces wait in write buffers
    store = JournalStore(tmp_path / "journal")
    long_journal(store)
    files = month_files(store, Filters(), newest_first=False)

    def document(runs: list[list[Path]]) -> tuple[bytes, int]:
        headings: list[Heading] = []
        parts = [lambda run=run: iter_entries(store, newest_first=False, files=run) for run in runs]
        pieces = render_markdown_bytes(parts, exported=FROZEN_TODAY, headings=headings)
        return b"".join(pieces), len(headings)

    whole = document([files])
    for count in (2, 3, 5):
        runs = split_by_size(files, [p.stat().st_size for p in files], count)
        assert len(runs) == count and [p for run in runs for p in run] == files
        assert document(runs) == whole


def test_split_by_size_keeps_order_and_leaves_no_run_empty(tmp_path: Path) -> None:
    files = []
    for number, size in enumerate([10, 1, 1, 1, 50, 2, 2]):
        path = tmp_path / f"2026-{number + 1:02d}.txt"
        path.write_bytes(b"x" * size)
        files.append(path)
    sizes = [path.stat().st_size for path in files]
    for count in range(1, 10):
        runs = split_by_size(files, sizes, count)
        assert [p for run in runs for p in run] == files
        assert all(runs) and 1 <= len(runs) <= count
    assert split_by_size([], [], 3) == []


@needs_fork
def test_the_installed_script_shares_a_long_export_out_and_says_the_same(
    tmp_path: Path, reflect_home: Path
) -> None:
    """The real script, in a real process, forks for a long journal: its document is
    the one rendered in one run, and a broken month late in the journal (read by a
    child) is reported as ever."""
    store = JournalStore(reflect_home / "journal")
    long_journal(store, months=20)
    one_run = render_markdown_bytes(
        lambda: iter_entries(store, newest_first=False), exported=FROZEN_TODAY
    )
    script = Path(sys.executable).parent / "reflect"
    env = {**os.environ, "REFLECT_HOME": str(reflect_home)}

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([str(script), *args], capture_output=True, env=env, cwd=tmp_path)

    there = run("export")
    assert there.returncode == 0, there.stderr
    assert there.stdout == b"".join(one_run)
    assert reflect("export").stdout_bytes == there.stdout
    assert (
        run("export", "-o", str(tmp_path / "there.md"))
        .stdout.decode()
        .startswith("Wrote 600 entries")
    )

    late = sorted((reflect_home / "journal").glob("*.txt"))[-2]
    late.write_text(late.read_text(encoding="utf-8") + "stray words\n", encoding="utf-8")
    failed = run("export")
    assert failed.returncode == 3 and failed.stdout == b""
    assert f"{late}:" in failed.stderr.decode() and b"Traceback" not in failed.stderr
