"""`reflect actions`: review what you said you would do; mark it done, drop it, or move it."""

from __future__ import annotations

import json
import sys
from datetime import date, time
from pathlib import Path
from typing import Annotated

import typer

from reflect import messages
from reflect.actions import (
    GROUP_TITLES,
    ActionView,
    add_action,
    add_note,
    close,
    grouped,
    move,
    open_views_and_shared,
    shared_ids,
    views,
)
from reflect.cli import common
from reflect.cli.actions_repeat import next_words, register
from reflect.cli.common import Env, echo, get_env
from reflect.dates import due_wording, format_day, numeric_note, parse_when
from reflect.errors import AlreadyClosedError, DateError
from reflect.journal.store import FoundAction
from reflect.repeats import Repeat, parse_repeat
from reflect.terminal import is_utf8

app = typer.Typer(
    help="Review what you planned: overdue, today, this week, later. Mark done, drop or move.",
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
)


def _complete(incomplete: str) -> list[tuple[str, str]]:
    """Open action ids for shell completion (imported only when Tab is pressed)."""
    from reflect.cli.completion import open_action_ids

    return open_action_ids(incomplete)


@app.callback()
def list_actions(
    ctx: typer.Context,
    show_all: Annotated[
        bool, typer.Option("--all", help="Include done and dropped actions.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list for scripts.")] = False,
    as_ics: Annotated[
        bool,
        typer.Option("--ics", help="An iCalendar file of to-dos with alarms, for calendar apps."),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="With --ics: write to this file.", dir_okay=False),
    ] = None,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive",
            "-i",
            help="Review in the full-screen app: d done, x drop, m move to another day.",
        ),
    ] = False,
) -> None:
    """List open actions grouped overdue / today / in the next 7 days / later / no date."""
    if ctx.invoked_subcommand is not None:
        return
    if output is not None and not as_ics:
        raise typer.BadParameter("--output goes with --ics.", param_hint="'--output'")
    env = get_env()
    if interactive:
        from reflect.cli.tui_launch import launch_review

        launch_review(env)
        return
    if not (show_all or as_ics):
        # Open actions only: the index answers without parsing the journal.
        open_views, shared = open_views_and_shared(env.paths.journal_dir, env.paths.cache_dir)
        if as_json:
            echo(json.dumps([v.to_json() for v in open_views], ensure_ascii=False, indent=2))
            return
        _print_open(open_views, env, shared=shared)
        return
    found = views(env.store.entries())
    if as_ics:
        _export_ics(
            found if show_all else [v for v in found if v.action.status == "open"], env, output
        )
        return
    if as_json:
        chosen = found if show_all else [v for v in found if v.action.status == "open"]
        echo(json.dumps([v.to_json() for v in chosen], ensure_ascii=False, indent=2))
        return
    shared = shared_ids(found)
    _print_open(
        [v for v in found if v.action.status == "open"], env, show_all=show_all, shared=shared
    )
    if show_all:
        closed = [v for v in found if v.action.status != "open"]
        closed.sort(key=lambda v: v.action.changed_on or v.entry.written.date(), reverse=True)
        for status, title in (("done", "Done"), ("dropped", "Dropped")):
            items = [v for v in closed if v.action.status == status]
            if items:
                echo(f"\n{title}")
                for view in items:
                    _print_view(view, env, shared)


def _print_open(
    open_views: list[ActionView],
    env: Env,
    *,
    show_all: bool = False,
    shared: set[str] | None = None,
) -> None:
    if not open_views and not show_all:
        echo(
            "Nothing planned right now. Plan something with `reflect start` or `reflect actions add`."
        )
        return
    shared = shared_ids(open_views) if shared is None else shared
    for group, items in grouped(open_views, env.today).items():
        if items:
            echo(f"\n{GROUP_TITLES[group]}")
            for view in items:
                _print_view(view, env, shared)


def _print_view(view: ActionView, env: Env, shared: set[str]) -> None:
    action = view.action
    box = {"open": "[ ]", "done": "[x]", "dropped": "[-]"}[action.status]
    when = ""
    if action.status == "open" and action.due is not None:
        clock = f" {action.at.strftime('%H:%M')}" if action.at else ""
        when = (
            f" — {format_day(action.due, env.today)}{clock}, {due_wording(action.due, env.today)}"
        )
    elif action.changed_on is not None:
        when = f" — {action.status} {format_day(action.changed_on, env.today)}"
    if action.repeat is not None and action.status == "open":
        when += f", {action.repeat.label()}"
    echo(f"  {box} {action.id}  {action.text}{when}")
    if view.origin:
        echo(f"         from {view.origin}")
    if action.note:
        for line in action.note.split("\n"):
            echo(f"         {line}")
    if action.id in shared:
        echo("         " + messages.SHARED_ACTION_ID.format(id=action.id, entry=view.entry.id))


def _export_ics(chosen: list[ActionView], env: Env, output: Path | None) -> None:
    # icalendar costs ~40 ms to import; only --ics pays for it.
    from reflect.export.ics import actions_to_ics

    data = actions_to_ics(chosen, env.now)
    if output is None or str(output) == "-":
        from reflect.cli.reading import document_to_screen

        document_to_screen([data])  # shown, not obeyed, at a terminal; as it is into a pipe
        return
    from reflect.output import write_output

    write_output(output, [data])  # as `export -o`: atomic, 0600, never through a link
    count = f"{len(chosen)} action{'s' if len(chosen) != 1 else ''}"
    echo(f"Wrote {count} to {output}: import it into your calendar or task app.")


def _follow_up(found: FoundAction, status: str, env: Env) -> None:
    """The one optional question after closing an action, asked only of a person at a
    terminal (scripts and pipes are never held up); the answer is kept as its note."""
    if not common.stdin_is_terminal():
        return
    typer.echo(messages.FOLLOW_UP[status], nl=False)
    try:
        answer = sys.stdin.readline().strip()
        while not is_utf8(answer):  # bytes in another encoding: cannot be kept as typed
            typer.echo(messages.NOT_UTF8_LINE + " ", nl=False)
            answer = sys.stdin.readline().strip()
    except KeyboardInterrupt:
        echo()
        raise typer.Exit(130) from None
    if answer:
        add_note(env.store, found, status, env.today, answer)
        echo(messages.FOLLOW_UP_SAVED.format(id=found.action.id))


def _when(text: str | None, env: Env) -> tuple[object, object]:
    if text is None or not text.strip():
        return None, None
    try:
        when = parse_when(text, env.today)
    except DateError as exc:
        raise typer.BadParameter(exc.message) from None
    note = numeric_note(text, env.today)
    if note is not None:
        echo(note, err=True)  # 4/5 reads two ways: say which was taken
    return when.day, when.at


def _day_and_time(day: date, at: time | None, env: Env) -> str:
    """'Fri 4 Dec' or 'Fri 4 Dec 09:00': the time echoed back, as it was stored."""
    return format_day(day, env.today) + (f" {at:%H:%M}" if at is not None else "")


@app.command("add")
def add(
    text: Annotated[str, typer.Argument(help="What you will do.")],
    due: Annotated[
        str | None, typer.Option("--due", help="When: 'fri', 'in 3 days', '4 dec', '2026-12-04'.")
    ] = None,
    every: Annotated[
        str | None,
        typer.Option("--every", help="Repeat: 'day', 'weekday', 'monday', '2 weeks', 'month'."),
    ] = None,
) -> None:
    """Add an action from the command line."""

    env = get_env()
    if not text.strip() or "\n" in text:
        raise typer.BadParameter("An action is one line of text: what you will do.")
    day, at = _when(due, env)
    assert day is None or isinstance(day, date)
    assert at is None or isinstance(at, time)
    repeat = _repeat(every)
    action, _ = add_action(env.store, text.strip(), day, at, env.now, repeat)
    day = action.due
    when = f", due {_day_and_time(day, at, env)} ({due_wording(day, env.today)})" if day else ""
    when += f", {action.repeat.label()}" if action.repeat else ""
    echo(f"Added {action.id}: {action.text}{when}.")


def _repeat(text: str | None) -> Repeat | None:
    if text is None:
        return None
    try:
        return parse_repeat(text)
    except DateError as exc:
        raise typer.BadParameter(exc.message) from None


@app.command("done")
def done(
    ids: Annotated[
        list[str],
        typer.Argument(help="One or more action ids (or their starts).", autocompletion=_complete),
    ],
    note: Annotated[
        str | None, typer.Option("--note", help="A short note on how it went, kept with it.")
    ] = None,
    entry: Annotated[
        str | None,
        typer.Option(
            "--entry",
            help="The entry the action is in, when two entries share its id "
            "(`reflect actions --all` shows which).",
        ),
    ] = None,
) -> None:
    """Mark actions done. At a terminal it asks how it went (Enter skips); --note answers up front."""
    _close(ids, "done", note, "Done: {id} {text}. Well done.", entry)


@app.command("drop")
def drop(
    ids: Annotated[
        list[str],
        typer.Argument(help="One or more action ids (or their starts).", autocompletion=_complete),
    ],
    note: Annotated[
        str | None, typer.Option("--note", help="A short note on why, kept with it.")
    ] = None,
    entry: Annotated[
        str | None,
        typer.Option(
            "--entry",
            help="The entry the action is in, when two entries share its id "
            "(`reflect actions --all` shows which).",
        ),
    ] = None,
) -> None:
    """Drop actions you no longer mean to do (they stay in the journal, marked dropped).

    At a terminal it asks if you want to note why (Enter skips); --note answers up front.
    """
    _close(ids, "dropped", note, "Dropped: {id} {text}.", entry)


def _close(ids: list[str], status: str, note: str | None, said: str, entry: str | None) -> None:
    """Mark each action, say so, and (at a terminal, without --note) ask the follow-up."""
    env = get_env()
    refused = False
    for action_id in ids:
        try:
            found, *following = close(env.store, action_id, status, env.today, note, entry_id=entry)
        except AlreadyClosedError as exc:
            # Said, not redone: done twice is no failure, but drop after done is.
            echo(exc.message, err=True)
            refused = refused or not exc.same
            continue
        echo(said.format(id=found.action.id, text=found.action.text))
        for plan in following:  # a repeating plan, on its next date
            echo(next_words(messages.REPEAT_DONE, plan, env.today))
        if note is None:
            _follow_up(found, status, env)
    if refused:
        raise typer.Exit(1)


@app.command("move")
def move_action(
    action_id: Annotated[
        str, typer.Argument(help="The action's id (or its start).", autocompletion=_complete)
    ],
    when: Annotated[str, typer.Argument(help="The new date: 'fri', 'in 3 days', 'none'.")],
    entry: Annotated[
        str | None,
        typer.Option(
            "--entry",
            help="The entry the action is in, when two entries share its id "
            "(`reflect actions --all` shows which).",
        ),
    ] = None,
) -> None:
    """Give an action a new date ('none' removes the date)."""

    env = get_env()
    day, at = (None, None) if when.strip().lower() in ("none", "no date") else _when(when, env)
    assert day is None or isinstance(day, date)
    assert at is None or isinstance(at, time)
    found = move(env.store, action_id, day, at, entry_id=entry)
    if day is None:
        echo(f"Moved: {found.action.id} {found.action.text} now has no date.")
    else:
        echo(
            f"Moved: {found.action.id} {found.action.text} — "
            f"{_day_and_time(day, at, env)} ({due_wording(day, env.today)})."
        )


register(app)  # `skip` and `stop`, for repeating actions (reflect/cli/actions_repeat.py)
