"""`reflect actions skip` and `stop`: the two commands only a repeating plan has.

Kept apart from `reflect.cli.actions` (which registers them) so that module keeps to
listing and closing actions; the words they say are in `reflect.messages`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from reflect import messages
from reflect.actions import skip, stop
from reflect.cli.common import echo, get_env
from reflect.dates import due_wording, format_day
from reflect.journal.store import FoundAction

_ENTRY_HELP = (
    "The entry the action is in, when two entries share its id "
    "(`reflect actions --all` shows which)."
)


def register(app: typer.Typer) -> None:
    """Add `skip` and `stop` to `reflect actions`."""
    app.command("skip")(skip_action)
    app.command("stop")(stop_action)


def skip_action(
    action_id: Annotated[str, typer.Argument(help="The repeating action's id.")],
    entry: Annotated[str | None, typer.Option("--entry", help=_ENTRY_HELP)] = None,
) -> None:
    """Move a repeating action to its next date without doing this one."""
    env = get_env()
    found = skip(env.store, action_id, env.today, entry_id=entry)
    echo(next_words(messages.REPEAT_SKIPPED, found, env.today))


def stop_action(
    action_id: Annotated[str, typer.Argument(help="The repeating action's id.")],
    entry: Annotated[str | None, typer.Option("--entry", help=_ENTRY_HELP)] = None,
) -> None:
    """End an action's repeat: it stays open, on its date, as a one-off."""
    env = get_env()
    found = stop(env.store, action_id, entry_id=entry)
    due = found.action.due
    when = format_day(due, env.today) if due else "no date"
    echo(messages.REPEAT_STOPPED.format(id=found.action.id, when=when))


def next_words(template: str, found: FoundAction, today: object) -> str:
    """'Next: Mon 14 Dec (in 7 days), every Monday.' for a plan moved on."""
    from datetime import date

    action = found.action
    assert isinstance(today, date) and action.due is not None and action.repeat is not None
    return template.format(
        when=format_day(action.due, today),
        relative=due_wording(action.due, today),
        repeat=action.repeat.label(),
    )
