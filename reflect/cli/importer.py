"""`reflect import`: bring a journal over from another tool (jrnl, for now)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from reflect.cli.common import echo, get_env

if TYPE_CHECKING:
    from reflect.importers.jrnl import Decide, Decision
    from reflect.journal.model import Entry

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
UPDATED = {
    True: "1 entry edited in jrnl since the last import now has jrnl's new text.",
    False: "{count} entries edited in jrnl since the last import now have jrnl's new text.",
}
CHANGED = {
    True: "1 entry was edited in jrnl since the last import; it is left as it is in reflect.",
    False: "{count} entries were edited in jrnl since the last import; they are left as they "
    "are in reflect.",
}
CHANGED_HINT = "Run again with --update (take jrnl's new text) or --keep-both (add it as well)."
ASK_HEAD = "This jrnl entry of {when} was edited since it was imported (entry {id}):"
ASK = "[u] use jrnl's new text, [b] keep both, [s] skip (Enter)? "


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
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="An entry edited in jrnl since it was imported: put its new text into the "
            "entry already in reflect (without asking).",
        ),
    ] = False,
    keep_both: Annotated[
        bool,
        typer.Option(
            "--keep-both",
            help="An entry edited in jrnl since it was imported: import it as another entry.",
        ),
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

    Running it again imports only entries that are not already in your journal. An
    entry you edited in jrnl after importing it (the same date and time, new words) is
    not added again silently: at a terminal you are asked; --update or --keep-both
    answer for scripts; otherwise it is left out and counted.

    Encrypted jrnl journals must be made plain first (`jrnl --export txt`).
    """
    from reflect.importers.jrnl import import_jrnl

    if update and keep_both:
        raise typer.BadParameter("Choose one of --update and --keep-both.")
    env = get_env()
    decide: Decide | None = None
    if update or keep_both:
        fixed: Decision = "update" if update else "keep-both"
        decide = lambda existing, incoming: fixed  # noqa: E731 - one answer for every entry
    elif _stdin_is_terminal():
        decide = _ask
    report = import_jrnl(
        env.store,
        file,
        timeformat=timeformat,
        with_actions=actions,
        dry_run=dry_run,
        decide=decide,
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
    if report.updated:
        echo(UPDATED[report.updated == 1].format(count=report.updated))
    if report.changed:
        echo(CHANGED[report.changed == 1].format(count=report.changed))
        echo(CHANGED_HINT)
    if report.imported and not dry_run:
        echo(NEXT)


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _ask(existing: Entry, incoming: Entry) -> Decision:
    """One entry edited in jrnl since it was imported: show both starts, and ask."""
    echo(ASK_HEAD.format(when=f"{existing.written:%Y-%m-%d %H:%M:%S}", id=existing.id))
    echo("  in reflect: " + _start(existing.body))
    echo("  in jrnl:    " + _start(incoming.body))
    while True:
        typer.echo(ASK, nl=False)
        answer = sys.stdin.readline()
        if not answer:
            return "skip"
        choice = {"u": "update", "b": "keep-both", "s": "skip", "": "skip"}.get(
            answer.strip().lower()[:1]
        )
        if choice is not None:
            return cast("Decision", choice)


def _start(text: str | None) -> str:
    first = next((line for line in (text or "").split("\n") if line.strip()), "")
    return first if len(first) <= 60 else first[:59] + "…"
