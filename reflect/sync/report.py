"""`reflect sync` itself: run it, say what happened, return the exit code.

Shared by the Typer command (`reflect.cli.sync`) and a fast path that
`reflect.__main__` takes for a bare `reflect sync` (or `--background`), as it
does for `remind`: Typer and its imports cost ~100 ms of CPU, which is most of
a sync with nothing to do (bench/sync.py). Both print the same, through `write`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from reflect import messages
from reflect.errors import ReflectError
from reflect.paths import Paths

COPY_FAILED_EXIT = 3  # a conflict copy that does not parse was left in place


def run(
    paths: Paths,
    *,
    background: bool,
    write: Callable[[str], None],
    warn: Callable[[str], None],
) -> int:
    """One sync; `background` (sync.auto) says nothing and notes a failure instead."""
    from reflect.sync import auto
    from reflect.sync.git import NETWORK_TIMEOUT
    from reflect.sync.run import sync

    try:
        report = sync(
            paths,
            network_timeout=auto.BACKGROUND_TIMEOUT if background else NETWORK_TIMEOUT,
            ask=not background,  # a background sync never asks for a passphrase
        )
    except ReflectError as exc:
        auto.record(paths, str(exc))
        if not background:
            warn(f"reflect: {exc}")
        return exc.exit_code
    merged = report.copies.merged if report.copies else []
    failed = report.copies.failed if report.copies else []
    auto.record(paths, "; ".join(str(error) for error in failed) if failed else None)
    if background:
        return COPY_FAILED_EXIT if failed else 0
    for done in merged:
        write(
            messages.copy_merged(
                done.copy.name, done.month.name, done.added, done.changed, done.conflicts
            )
        )
    for error in failed:
        name = error.path.name if error.path is not None else "a conflict copy"
        warn(messages.COPY_NOT_MERGED.format(copy=name, reason=error))
    if not report.in_git:
        if not merged and not failed:
            write(messages.SYNC_NOTHING)
        write(messages.SYNC_NOT_SET_UP)
    elif report.remote is None:
        if report.committed:
            write(messages.SYNC_COMMITTED.format(message=report.committed))
        write(messages.SYNC_NO_REMOTE)
    else:
        if report.committed:
            write(messages.SYNC_COMMITTED.format(message=report.committed))
        if report.pulled:
            write(messages.SYNC_PULLED.format(remote=report.remote))
            for line in report.conflicts:
                write(line.removeprefix("reflect: "))
        if report.pushed:
            write(messages.SYNC_PUSHED.format(remote=report.remote))
        if not (report.pulled or report.pushed or report.committed):
            write(messages.SYNC_UP_TO_DATE.format(remote=report.remote))
    return COPY_FAILED_EXIT if failed else 0


def fast_sync(args: list[str]) -> int | None:
    """`reflect sync` or `reflect sync --background` without Typer; None for anything
    else (a subcommand, --help, a typo), which Typer then handles as usual."""
    if args not in ([], ["--background"]):
        return None
    from reflect.paths import get_paths
    from reflect.terminal import visible

    try:
        return run(
            get_paths(),
            background=bool(args),
            write=lambda line: print(visible(line)),
            warn=lambda line: print(visible(line), file=sys.stderr),
        )
    except KeyboardInterrupt:
        print("\nStopped. Nothing you saved has changed.", file=sys.stderr)
        return 130
