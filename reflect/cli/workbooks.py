"""`reflect workbooks`: what is available to start, and how far you got."""

from __future__ import annotations

from typing import Annotated

import typer

from reflect.cli.common import echo, echo_json, get_env
from reflect.errors import WorkbookFolderError
from reflect.workbook.loader import all_workbooks


def register(app: typer.Typer) -> None:
    app.command("workbooks")(workbooks)


def workbooks(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list for scripts.")] = False,
) -> None:
    """List the workbooks you can start: id, title, time, where it comes from, progress."""
    env = get_env()
    found, broken = all_workbooks(env.sources)
    if as_json:
        listed = []
        for item in found:
            book = item.workbook
            progress = env.drafts.progress(book.id)
            listed.append(
                {
                    "id": book.id,
                    "title": book.title,
                    "version": book.version,
                    "minutes": book.minutes,
                    "source": item.source,
                    "path": str(item.path),
                    "prompts": book.prompt_count(),
                    "paused": None if progress is None else {"answered": progress[0]},
                }
            )
        echo_json(listed)
    elif not found:
        echo("No workbooks found.")
    width = max((len(item.workbook.id) for item in found), default=0)
    for item in [] if as_json else found:
        book = item.workbook
        progress = env.drafts.progress(book.id)
        note = ""
        if progress is not None:
            answered, _ = progress
            note = f"  · paused, {answered} of {book.prompt_count()} answered"
        echo(f"{book.id:<{width}}  {book.title} ({book.minutes} min, {item.source}){note}")
    folders = [error for error in broken if isinstance(error, WorkbookFolderError)]
    for error in broken:
        if error not in folders:
            echo(f"Skipped a broken workbook: {error.location()}", err=True)
    if found and not as_json:
        echo("\nStart one with `reflect start ID`.")
    if folders:
        # A folder that could not be searched may hold workbooks that are missing above.
        for error in folders:
            echo(f"reflect: {error}", err=True)
        raise typer.Exit(folders[0].exit_code)
