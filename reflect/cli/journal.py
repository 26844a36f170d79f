"""`reflect journal`, `reflect show` and `reflect search`: reading your journal back."""

from __future__ import annotations

from typing import Annotated

import typer

from reflect.cli.common import echo, get_env
from reflect.cli.entry_view import entry_lines, listing_lines, match_lines
from reflect.cli.reading import (
    SINCE_HELP,
    UNTIL_HELP,
    WORKBOOK_HELP,
    clean_id,
    date_range,
    print_lines,
    quiet_broken_pipe,
    stdout_is_terminal,
    terminal_width,
    unknown_entry,
)
from reflect.errors import NotFoundError
from reflect.journal.query import Filters, list_entries, search

EMPTY_JOURNAL = "Your journal is empty. Write in it with `reflect start` or `reflect write`."
NOTHING_MATCHES = "No entries match these filters."
NO_SEARCH_MATCH = "Nothing in your journal matches {pattern}."
READ_ONE = "Read one with `reflect show ID`."
FOUND = {1: "1 entry matches."}
FOUND_MANY = "{count} entries match."


def register(app: typer.Typer) -> None:
    app.command("journal")(journal)
    app.command("show")(show)
    app.command("search")(search_journal)


SinceOption = Annotated[str | None, typer.Option("--since", help=SINCE_HELP)]
UntilOption = Annotated[str | None, typer.Option("--until", help=UNTIL_HELP)]
WorkbookOption = Annotated[str | None, typer.Option("--workbook", help=WORKBOOK_HELP)]


def journal(
    since: SinceOption = None,
    until: UntilOption = None,
    workbook: WorkbookOption = None,
    number: Annotated[
        int | None, typer.Option("-n", "--number", min=1, help="Show at most this many.")
    ] = None,
) -> None:
    """List your journal entries, newest first: date, id, workbook, and the first line."""
    env = get_env()
    start, end = date_range(since, until, env.today)
    entries = list_entries(env.store, since=start, until=end, workbook=workbook, limit=number)
    if not entries:
        filtered = any(x is not None for x in (since, until, workbook))
        echo(NOTHING_MATCHES if filtered else EMPTY_JOURNAL, err=True)
        return
    styled = stdout_is_terminal()
    width = terminal_width() if styled else None
    with quiet_broken_pipe():
        print_lines(listing_lines(entries, env.today, width), styled=styled)
        if styled:
            echo(READ_ONE)


def show(
    entry_id: Annotated[str, typer.Argument(metavar="ENTRY_ID", help="The entry's id.")],
) -> None:
    """Show one entry in full: coloured at a terminal, plain text when piped."""
    env = get_env()
    try:
        entry, _ = env.store.find_entry(clean_id(entry_id))
    except NotFoundError:
        raise unknown_entry(clean_id(entry_id)) from None
    with quiet_broken_pipe():
        print_lines(entry_lines(entry, env.today), styled=stdout_is_terminal())


def search_journal(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="What to look for.")],
    regex: Annotated[
        bool, typer.Option("--regex", help="TEXT is a regular expression (Python syntax).")
    ] = False,
    since: SinceOption = None,
    until: UntilOption = None,
    workbook: WorkbookOption = None,
    number: Annotated[
        int | None, typer.Option("-n", "--number", min=1, help="Show at most this many entries.")
    ] = None,
) -> None:
    """Search what you wrote (not the workbooks' prompts), newest first.

    Case does not matter, in any language ('strasse' finds 'Straße'). Each matching
    line is shown with its date, and the match highlighted at a terminal.
    """
    env = get_env()
    start, end = date_range(since, until, env.today)
    filters = Filters(since=start, until=end, workbook=workbook)
    found = search(env.store, text, regex=regex, filters=filters, limit=number)
    styled = stdout_is_terminal()
    width = terminal_width() if styled else None
    count = 0
    with quiet_broken_pipe():
        for match in found:
            if count:
                echo()
            print_lines(match_lines(match, env.today, width), styled=styled)
            count += 1
        if count and styled:
            echo()
            echo(FOUND.get(count, FOUND_MANY.format(count=count)))
    if not count:
        echo(NO_SEARCH_MATCH.format(pattern=repr(text)), err=True)
        raise typer.Exit(1)
