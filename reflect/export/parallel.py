"""Run a few independent tasks on more than one core, by forking.

Exporting a long journal is the same work for every month file: read it, parse it,
render it. With two cores, two halves of the journal take about half the time. This
module runs `tasks[0]` in this process and each other task in a forked child, and
hands back their results in order, as if they had run one after the other here:

- the first task (in order) that raised has its exception raised here, so a broken
  month file is reported exactly as a one-core export reports it;
- results and exceptions come back pickled through a pipe, so they must pickle
  (`ReflectError` does, with its file and line);
- a child never touches standard output or anything else of the parent's: it
  writes only where its task writes (a file the parent opened for it), then leaves
  with `os._exit`, so nothing buffered is flushed twice and no exit handler runs.

Forking is used only where it is safe: a platform whose multiprocessing starts
processes by forking (Linux and other Unixes; not macOS or Windows), and a process
with no other threads (a fork copies only the thread that calls it, so a lock
another thread held would stay locked in the child). Elsewhere the tasks simply run
one after the other, here.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar, cast

Result = TypeVar("Result")


def processes_to_use(most: int) -> int:
    """How many processes to share work between: up to `most`, one per core this
    process may run on (fewer than the machine's under `taskset`), and 1 where
    forking is not safe."""
    if not can_fork():
        return 1
    if hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:  # pragma: no cover - every platform that forks here has it but a few BSDs
        cores = os.cpu_count() or 1
    return max(1, min(most, cores))


def can_fork() -> bool:
    """Whether forking is safe here: the platform's way to start processes (as
    multiprocessing decides it: macOS forks, but its system libraries do not promise
    to survive it), and no other thread running."""
    if not hasattr(os, "fork") or sys.platform in ("darwin", "win32"):
        return False
    threading = sys.modules.get("threading")  # not imported: no other thread started
    return threading is None or threading.active_count() == 1


def run_tasks(tasks: Sequence[Callable[[], Result]]) -> list[Result]:
    """Each task's result, in order: the first here, the others in forked children
    when forking is possible (otherwise all here, one after the other)."""
    if len(tasks) < 2 or not can_fork():
        return [task() for task in tasks]
    sys.stdout.flush()  # nothing written before the fork may be written twice
    sys.stderr.flush()
    # While the children run, the collector leaves alone what exists now: its passes
    # over those objects would write to their pages, which the kernel then copies
    # for each process (they are shared until written). About 40 ms of ten years.
    gc.freeze()
    children: list[tuple[int, int] | None] = []  # (pid, pipe) until its answer is read
    try:
        for task in tasks[1:]:
            children.append(_start(task))
        outcomes: list[tuple[bool, object]] = [_outcome(tasks[0])]
        for number, task in enumerate(tasks[1:]):
            child, children[number] = children[number], None
            # A task whose process could not be started (too many processes or open
            # files) runs here instead.
            outcomes.append(_outcome(task) if child is None else _finish(*child))
    finally:
        for child in children:  # interrupted (Ctrl-C): reap the children all the same
            if child is not None:
                _reap(*child)
        gc.unfreeze()
    results: list[Result] = []
    for succeeded, value in outcomes:
        if not succeeded:
            assert isinstance(value, BaseException)
            raise value
        # A success holds what its task, a Callable[[], Result], returned (through a pipe
        # and pickle for a child, which keeps no static type).
        results.append(cast(Result, value))
    return results


def _outcome(task: Callable[[], object]) -> tuple[bool, object]:
    try:
        return True, task()
    except Exception as exc:  # handed to the parent, which raises it in task order
        return False, exc


def _start(task: Callable[[], object]) -> tuple[int, int] | None:
    """Fork a child running `task`; its pid and the pipe its outcome comes through, or
    None when no process can be started now."""
    try:
        reader, writer = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None
    if pid != 0:
        os.close(writer)
        return pid, reader
    # The child. Whatever happens, it ends here, with os._exit.
    status = 1
    try:
        import pickle  # here, not at the top: ~3 ms that only forking needs

        os.close(reader)
        outcome = _outcome(task)
        try:
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # an exception that does not pickle: say what it was
            data = pickle.dumps((False, RuntimeError(repr(outcome[1]))))
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)


def _finish(pid: int, reader: int) -> tuple[bool, object]:
    """The child's outcome, once it has sent it and ended."""
    with os.fdopen(reader, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    if not data:  # killed before it could answer
        return False, RuntimeError("A helper process ended without an answer.")
    import pickle

    outcome: tuple[bool, object] = pickle.loads(data)
    return outcome


def _reap(pid: int, reader: int) -> None:
    """Let go of a child whose answer is no longer wanted."""
    with contextlib.suppress(OSError):
        os.close(reader)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
