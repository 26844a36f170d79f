"""`reflect remind` through Typer (for --help and the flags the fast path does not take)."""

from __future__ import annotations

import typer

from reflect.cli.common import echo, get_env


def register(app: typer.Typer) -> None:
    app.command("remind")(remind)


def remind() -> None:
    """One short line when something you planned is due or overdue; silent otherwise.

    Made for a shell start-up file: it is quick and prints nothing on a quiet day.
    """
    from reflect.remind import remind_text

    env = get_env()
    text = remind_text(env.store, env.today)
    if text:
        echo(text)
