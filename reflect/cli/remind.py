"""`reflect remind` through Typer: its --help, and any command line the fast path
(`reflect.remind.fast_remind`) hands over. Both call `reflect.remind.run`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from reflect.cli.common import echo, get_env

REMIND_HELP = """One short line or two when something you planned is due today or overdue;
silent otherwise.

Made for a shell start-up file, and quick enough not to notice: add the lines
from `reflect remind --shell bash` (or zsh, fish) to your shell's rc file.
--once-per-day speaks at most once a day for each kind of news (due today,
overdue), unless something new falls due. --notify shows a desktop
notification through `notify-send` instead of printing, for cron or a
systemd user timer.
"""


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def register(app: typer.Typer) -> None:
    app.command("remind", help=REMIND_HELP)(remind)


def remind(
    once_per_day: Annotated[
        bool,
        typer.Option("--once-per-day", help="Speak at most once a day for each kind of news."),
    ] = False,
    notify: Annotated[
        bool,
        typer.Option("--notify", help="Send a desktop notification (notify-send) instead."),
    ] = False,
    shell: Annotated[
        Shell | None,
        typer.Option("--shell", help="Print the lines to add to this shell's start-up file."),
    ] = None,
) -> None:
    from reflect.remind import run

    env = get_env()
    code = run(
        env.paths,
        env.today,
        once_per_day=once_per_day,
        notify=notify,
        shell=shell.value if shell else None,
        write=echo,
    )
    if code:
        raise typer.Exit(code)
