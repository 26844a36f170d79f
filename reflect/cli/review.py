"""What is due, first: the start of plain mode lists due and overdue actions and, for a
person at a terminal, offers a short review of them (done, drop, move) before the walk.

In a scripted run (stdin not a terminal) the list is only printed text and nothing is
read, so a script's input still answers the workbook's prompts, line for line.
"""

from __future__ import annotations

from collections.abc import Callable

import typer

from reflect import messages
from reflect.actions import add_note, mark, move
from reflect.cli import common
from reflect.cli.common import Env, echo
from reflect.errors import DateError, ReflectError
from reflect.journal.indexed_action import IndexedAction
from reflect.remind import due_actions, wording
from reflect.terminal import visible

SHOWN = 5  # more than this and the list would push the workbook off the screen

Read = Callable[[], str | None]


def due_banner(env: Env, read: Read) -> None:
    """List what is due or overdue; at a terminal, offer to review it before starting."""
    try:
        due_today, overdue = due_actions(env.store, env.paths.cache_dir, env.today)
    except ReflectError:
        return  # `reflect actions` will name the broken file; do not block a walk on it
    pressing = due_today + overdue
    if not pressing:
        return
    summary = messages.due_summary(len(due_today), len(overdue))
    interactive = common.stdin_is_terminal()
    echo(
        f"\n{summary[0].upper()}{summary[1:]}:"
        if interactive
        else f"\n{summary}: run `reflect actions` to review."
    )
    for action in pressing[:SHOWN]:
        echo(f"  {action.id}  {action.text} — {wording(action, env.today)}")
    if len(pressing) > SHOWN:
        echo(messages.DUE_MORE.format(count=len(pressing) - SHOWN))
    if not interactive:
        return
    typer.echo(messages.DUE_OFFER, nl=False)
    reply = read()
    if reply is not None and reply.strip().lower() in ("a", "review"):
        review(env, pressing, read)


def review(env: Env, pressing: list[IndexedAction], read: Read) -> None:
    """One question per action: d done, x drop, m move, Enter leaves it, q stops."""
    echo(messages.REVIEW_HELP)
    for action in pressing:
        typer.echo(
            visible(f"  {action.id}  {action.text} — {wording(action, env.today)}? "), nl=False
        )
        reply = read()
        choice = (reply or "").strip().lower()
        if reply is None or choice in ("q", "quit"):
            break
        if choice in ("d", "done"):
            _close(env, action, "done", read)
        elif choice in ("x", "drop"):
            _close(env, action, "dropped", read)
        elif choice in ("m", "move"):
            _move(env, action, read)
    echo()


def _close(env: Env, action: IndexedAction, status: str, read: Read) -> None:
    closed = mark(env.store, action.id, status, env.today, entry_id=action.entry_id)
    echo(messages.REVIEW_CLOSED[status])
    typer.echo("    " + messages.FOLLOW_UP[status], nl=False)
    note = (read() or "").strip()
    if note:
        add_note(env.store, closed, status, env.today, note)


def _move(env: Env, action: IndexedAction, read: Read) -> None:
    from reflect.dates import format_when, parse_when, relative

    while True:
        typer.echo(messages.REVIEW_WHEN, nl=False)
        text = (read() or "").strip()
        if not text:
            return
        try:
            when = parse_when(text, env.today)
        except DateError as exc:
            echo(f"    {exc.message}")
            continue
        move(env.store, action.id, when.day, when.at, entry_id=action.entry_id)
        shown = format_when(when, env.today)
        echo(messages.REVIEW_MOVED.format(when=shown, relative=relative(when.day, env.today)))
        return
