"""`reflect start`: walk a workbook, in the TUI or in plain line mode."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from reflect import clock, messages
from reflect.cli.common import Env, echo, get_env, is_interactive
from reflect.errors import WorkbookError
from reflect.kinds import KINDS
from reflect.terminal import is_utf8, visible
from reflect.workbook.loader import FoundWorkbook, all_workbooks, find_workbook

if TYPE_CHECKING:
    from reflect.insights.last import Recall

START_HELP = """Walk through a workbook: ideas to consider, space to reflect, tips, and a plan.

WORKBOOK is a workbook id (see `reflect workbooks`) or a path to a .toml file.
A paused walk is offered for resuming; --restart starts afresh.

Plain mode (--plain, or when input is not a terminal) reads answers line by line:
an empty first line skips the prompt; ':skip' leaves the rest of the section for
another day, ':back' goes back one prompt, ':pause' saves and stops (so does the
end of input). Then {kinds}.
""".format(kinds="; ".join(kind.plain_help for kind in KINDS))


def register(app: typer.Typer) -> None:
    app.command("start", help=START_HELP)(start)


def _complete_workbooks(incomplete: str) -> list[tuple[str, str]]:
    """Workbook ids for shell completion (imported only when Tab is pressed)."""
    from reflect.cli.completion import workbook_ids

    return workbook_ids(incomplete)


def start(
    workbook: Annotated[
        str | None,
        typer.Argument(
            help="A workbook id or a path to a .toml file.", autocompletion=_complete_workbooks
        ),
    ] = None,
    plain: Annotated[
        bool,
        typer.Option("--plain", help="Plain line mode: scriptable and screen-reader friendly."),
    ] = False,
    restart: Annotated[
        bool, typer.Option("--restart", help="Start afresh, replacing any paused draft.")
    ] = False,
) -> None:
    env = get_env()
    use_plain = plain or not is_interactive()
    if not use_plain:
        from reflect.cli.tui_launch import launch_tui

        launch_tui(env, workbook, restart=restart)
        return
    found = _choose_workbook(env, workbook)
    env.unlock()  # an encrypted journal's passphrase first, not in the middle of a walk
    run_plain(env, found, restart=restart)


def start_home() -> None:
    """`reflect` alone: the home screen in a terminal, otherwise a short orientation."""
    if is_interactive():
        from reflect.cli.tui_launch import launch_tui

        launch_tui(get_env(), None, restart=False)
        return
    echo("reflect: guided, reflective journaling. Try `reflect start getting-started`,")
    echo("or `reflect --help` to see every command.")


def _choose_workbook(env: Env, name: str | None) -> FoundWorkbook:
    if name is not None:
        return find_workbook(name, env.sources)
    found, _ = all_workbooks(env.sources)
    if not found:
        raise WorkbookError("There are no workbooks to start.")
    echo("Which workbook would you like to start?")
    for number, item in enumerate(found, start=1):
        echo(
            f"  {number}. {item.workbook.title} ({item.workbook.minutes} min) [{item.workbook.id}]"
        )
    line = sys.stdin.readline()
    text = line.strip()
    if not text:
        raise typer.Exit(0)
    if text.isdigit() and 1 <= int(text) <= len(found):
        return found[int(text) - 1]
    return find_workbook(text, env.sources)


def run_plain(env: Env, found: FoundWorkbook, *, restart: bool) -> None:
    with env.drafts.claim(found.workbook.id):  # one walk of a workbook at a time
        _walk_plain(env, found, restart=restart)


def _walk_plain(env: Env, found: FoundWorkbook, *, restart: bool) -> None:
    from reflect.plain import PlainIO, PlainWalk
    from reflect.session import Session
    from reflect.workbook.prose import reflow

    recall = _recall(env, found)
    workbook = recall.plans.workbook if recall.plans is not None else found.workbook
    session = None if restart else env.drafts.load(workbook)
    reader = _stdin_reader()
    echo(env.support_note(workbook.support_note))
    _due_banner(env, reader)
    if session is not None:
        echo(
            f"\nYou have a paused walk through {workbook.title} "
            f"({messages.answers_so_far(session.answered_count())}). "
            "Carry on where you left off? [Y/n]"
        )
        if session.orphans:
            count = len(session.orphans)
            echo(
                f"This workbook has changed since you paused. {count} of your answers belong to "
                "prompts it no longer has; they are kept and saved at the end of your entry."
            )
        reply = reader()
        if reply is not None and reply.strip().lower() in ("n", "no"):
            session = None
    if session is None:
        session = Session(workbook=workbook, started=env.now)
        echo(f"\n{workbook.title}")
        if workbook.intro:
            echo("\n" + reflow(workbook.intro))
        echo("\n" + messages.PLAIN_HELP)
    walk = PlainWalk(
        session,
        io=PlainIO(write=lambda text: typer.echo(visible(text), nl=False), read=reader),
        drafts=env.drafts,
        store=env.store,
        now=clock.now,
        support_note=env.support_note(workbook.support_note),
        workbook_path=str(found.path) if found.source == "file" else None,
        recall=recall,
    )
    walk.run()


def _recall(env: Env, found: FoundWorkbook) -> Recall:
    """Last time's answers (unless the config turns them off) and the open plans."""
    from reflect.insights.last import recall_for

    return recall_for(
        env.store,
        env.paths.cache_dir,
        found.workbook,
        env.today,
        show_last=env.config.show_last_answers,
    )


def _due_banner(env: Env, read: Callable[[], str | None]) -> None:
    """Due and overdue actions first; at a terminal, an offer to review them (reflect.cli.review)."""
    from reflect.cli.review import due_banner

    due_banner(env, read)


def _stdin_reader() -> Callable[[], str | None]:
    def read() -> str | None:
        while True:
            line = sys.stdin.readline()
            if line == "":
                return None
            if is_utf8(line):
                return line.removesuffix("\n").removesuffix("\r")
            # Bytes in another encoding cannot be saved as typed: ask again.
            echo(messages.NOT_UTF8_LINE, err=True)

    return read
