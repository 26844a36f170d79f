"""`reflect import`: bring a journal over from another tool (jrnl, for now)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reflect.cli.common import echo, get_env

app = typer.Typer(
    help="Bring a journal from another tool into reflect.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

READ = (
    "Read {read} jrnl entr{ies}, imported {imported}, skipped {skipped} (already in your journal)."
)
WOULD = (
    "Read {read} jrnl entr{ies}: would import {imported}, skip {skipped} (already in your journal)."
)
ACTIONS = "{count} '- [ ]' line{s} became open action{s}: `reflect actions` lists them."
WOULD_ACTIONS = "{count} '- [ ]' line{s} would become open action{s}."
NEXT = "`reflect journal` lists your entries; `reflect search WORDS` finds things in them."


@app.command("jrnl")
def jrnl(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="Your jrnl journal file (see `journals:` in jrnl's config), or the folder "
            "of a folder journal.",
            exists=True,
            readable=True,
        ),
    ],
    timeformat: Annotated[
        str | None,
        typer.Option(
            "--timeformat",
            help="The `timeformat` from your jrnl config, if its dates are not one of the "
            "usual ones (e.g. '%d.%m.%Y %H:%M').",
        ),
    ] = None,
    actions: Annotated[
        bool,
        typer.Option("--actions/--no-actions", help="Turn '- [ ] text' lines into open actions."),
    ] = True,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be imported; change nothing.")
    ] = False,
) -> None:
    """Import a jrnl plain-text journal as free-form entries, keeping each entry's date,
    time, text and star.

    Recognised entry headers: '[2024-03-01 08:15:00 AM] Title' (jrnl 4's default),
    '[2024-03-01 08:15 PM] Title', '[2024-03-01 20:15:00] Title', '[2024-03-01 20:15]
    Title', or your own --timeformat. An entry runs until the next header; ' *' at the
    end of the title marks it starred; @tags stay in the text.

    Lines in an entry like '- [ ] Call the dentist' (or '* [ ] ...') become open
    actions on that entry; 'due:2024-03-05' or '@due(2024-03-05)' in the line is its
    due date. The lines also stay in the entry's text. --no-actions turns this off.

    Running it again imports only entries that are not already in your journal.
    Encrypted jrnl journals must be decrypted first (`jrnl --decrypt`).
    """
    from reflect.importers.jrnl import import_jrnl

    env = get_env()
    report = import_jrnl(
        env.store, file, timeformat=timeformat, with_actions=actions, dry_run=dry_run
    )
    words = {
        "read": f"{report.read:,}",
        "ies": "y" if report.read == 1 else "ies",
        "imported": f"{report.imported:,}",
        "skipped": f"{report.skipped:,}",
    }
    echo((WOULD if dry_run else READ).format(**words))
    if report.actions:
        s = "" if report.actions == 1 else "s"
        echo((WOULD_ACTIONS if dry_run else ACTIONS).format(count=f"{report.actions:,}", s=s))
    if report.imported and not dry_run:
        echo(NEXT)
