"""`reflect workbook`: tools for people who write and share workbooks.

new → edit → check → preview → share → add. Every command here works on the
author's own files and prints plain lines; `check` is also meant for a group's
CI, so its output is one `file:line: path: message` line per problem and its
exit code says ok (0), advice (1) or errors (2).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from reflect.cli.common import echo, get_env
from reflect.errors import (
    NotFoundError,
    ReflectError,
    WorkbookError,
    WorkbookFolderError,
    could_not,
)
from reflect.terminal import visible

if TYPE_CHECKING:
    from reflect.workbook.loader import FoundWorkbook


class _InOrder(TyperGroup):
    """Commands listed in the order an author uses them (new, check, preview, ...)."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)


app = typer.Typer(
    cls=_InOrder,
    help="Write, check, preview and share workbooks (`reflect workbook guide` explains how).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)

EXIT_OK, EXIT_ADVICE, EXIT_ERRORS = 0, 1, 2
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


# ---------------------------------------------------------------------- new


@app.command()
def new(
    workbook_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The new workbook's id: lower-case letters, digits, '-' or '_'."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Where to write it (default: ./ID.toml; '-' prints it)."
        ),
    ] = None,
) -> None:
    """Write a starter workbook, with a note on every part, ready to edit.

    It passes `reflect workbook check` as it is; change the words, keep the shape.
    """
    from reflect.workbook.starter import starter_text

    if not _ID_RE.match(workbook_id):
        raise typer.BadParameter(
            "use lower-case letters, digits, '-' or '_' (for example: team-check-in).",
            param_hint="ID",
        )
    text = starter_text(workbook_id)
    if output is not None and str(output) == "-":
        typer.echo(text, nl=False)
        return
    target = output or Path(f"{workbook_id}.toml")
    try:
        into_folder = target.is_dir()
    except OSError:  # a name too long, say: the write below says so, naming it
        into_folder = False
    if into_folder:
        target = target / f"{workbook_id}.toml"
    _write_new_file(target, text)
    echo(f"Wrote a starter workbook to {target}.")
    echo("Next:")
    echo(f"  1. open {target} in a text editor and change the words;")
    echo(f"  2. reflect workbook check {target}")
    echo(f"  3. reflect workbook preview {target}")
    echo(f"  4. reflect start {target} --plain   (to try it yourself)")
    echo("For completion and checking as you type, put the schema beside it:")
    echo(f"  reflect workbook schema -o {target.parent / 'workbook.schema.json'}")


def _write_new_file(target: Path, text: str) -> None:
    """Create `target` without ever replacing an existing file (an author's work), nor
    anything a link there points to: the one output path (`output.write_output`)."""
    from reflect.output import write_output

    try:
        write_output(target, [text], replace=False)
    except FileExistsError:
        raise WorkbookError(
            "There is already a file here; nothing was changed.",
            path=target,
            hint="Choose another name with --output, or move the file aside first.",
        ) from None


# ---------------------------------------------------------------------- check


@app.command()
def check(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE", help="Workbook files, or folders of them (their *.toml files)."
        ),
    ],
) -> None:
    """Check workbooks: errors stop a workbook being used; advice is worth a look.

    Prints one line per problem, `file:line: path: message`. Exit status: 0 all
    fine, 1 advice only, 2 at least one error. Suited to a group's own CI.
    """
    from reflect.workbook.check import check_file, workbook_files_in

    env = get_env()
    paths: list[Path] = []
    worst = EXIT_OK
    for named in files:
        try:
            found = workbook_files_in([named])
        except WorkbookFolderError as exc:
            echo(f"{named}: {exc.message}")
            worst = EXIT_ERRORS
            continue
        if not found:
            echo(f"{named}: no .toml files in this folder")
            worst = EXIT_ERRORS
        paths += found
    for path in paths:
        result = check_file(path, env.today)
        for problem in result.problems:
            echo(str(problem))
        if result.errors:
            echo(f"{path}: {_plural(len(result.errors), 'error')}: fix and check again")
            worst = max(worst, EXIT_ERRORS)
        elif result.advice:
            count = _plural(len(result.advice), "suggestion")
            echo(f"{path}: works, with {count} worth a look")
            worst = max(worst, EXIT_ADVICE)
        elif result.workbook is not None:
            book = result.workbook
            echo(
                f"{path}: fine ({book.title}: {_plural(len(book.sections), 'section')}, "
                f"{_plural(book.prompt_count(), 'prompt')}, about {book.minutes} minutes)"
            )
    raise typer.Exit(worst)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# ---------------------------------------------------------------------- preview


@app.command()
def preview(
    workbook: Annotated[
        str, typer.Argument(metavar="FILE", help="A workbook file (or the id of one you have).")
    ],
    markdown: Annotated[
        bool,
        typer.Option("--markdown", help="Print Markdown, for printing or reviewing with others."),
    ] = False,
) -> None:
    """Show a workbook as a reader will meet it, without answering anything."""
    from reflect.workbook.loader import find_workbook
    from reflect.workbook.preview import to_markdown, to_text

    env = get_env()
    found = find_workbook(workbook, env.sources)
    note = env.support_note(found.workbook.support_note)
    render = to_markdown if markdown else to_text
    # A workbook is someone else's file: escapes in it are shown, never obeyed, on a
    # terminal and in a pipe alike (the preview is for reading, unlike `export`).
    typer.echo(visible(render(found.workbook, note)), nl=False)


# ---------------------------------------------------------------------- schema


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of printing it."),
    ] = None,
) -> None:
    """Print the JSON Schema of workbook files, for editors that check TOML as you type.

    Save it beside your workbook (`-o workbook.schema.json`) and start the workbook
    with the line `#:schema ./workbook.schema.json` (Taplo / Even Better TOML).
    """
    from reflect.workbook.schema import schema_json

    text = schema_json()
    if output is None or str(output) == "-":
        typer.echo(text, nl=False)
        return
    from reflect.output import write_output

    write_output(output, [text])  # atomic, 0600, a link there replaced rather than followed
    echo(f"Wrote the workbook schema to {output}.")


# ---------------------------------------------------------------------- add / remove


@app.command()
def add(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="PATH|DIR", help="A workbook file, or a folder of them (its *.toml files)."
        ),
    ],
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace one of yours that has the same id.")
    ] = False,
) -> None:
    """Check workbooks and copy them into your workbook folder, ready to start.

    A workbook with errors is not added; nor is one whose id is already taken (use
    --replace to update one you added before; bundled workbooks cannot be replaced).
    """
    from reflect.fileio import atomic_write, locked, read_plain_file
    from reflect.workbook.check import workbook_files_in
    from reflect.workbook.loader import MAX_WORKBOOK_BYTES, all_workbooks, load_workbook

    env = get_env()
    try:
        is_dir, exists = source.is_dir(), os.path.lexists(source)
    except OSError as exc:
        raise WorkbookError(could_not("read", exc), path=source) from None
    if is_dir:
        files = workbook_files_in([source])
        if not files:
            raise WorkbookError("There are no .toml files in this folder.", path=source)
    elif exists:
        files = [source]
    else:
        raise WorkbookError("There is no file or folder here.", path=source)

    folder = env.paths.workbooks_dir
    refused = 0
    with locked(folder):
        existing, _ = all_workbooks(env.sources)
        known: dict[str, FoundWorkbook] = {item.workbook.id: item for item in existing}
        added_now: set[str] = set()
        for path in files:
            try:
                workbook = load_workbook(path)
                raw = read_plain_file(path, limit=MAX_WORKBOOK_BYTES)
            except (WorkbookError, OSError) as exc:
                echo(f"Not added: {exc}", err=True)
                refused += 1
                continue
            book_id = workbook.id
            clash = known.get(book_id)
            problem = _clash_problem(book_id, clash, replace=replace, added_now=added_now)
            if problem:
                echo(f"Not added: {path}: {problem}", err=True)
                refused += 1
                continue
            target = folder / f"{book_id}.toml"
            atomic_write(target, raw)
            if clash is not None and clash.source == "yours" and clash.path != target:
                clash.path.unlink(missing_ok=True)  # replaced: the old copy had another name
            added_now.add(book_id)
            verb = "Replaced" if clash is not None and clash.source == "yours" else "Added"
            echo(f"{verb} '{workbook.title}' ({book_id}). Start it with `reflect start {book_id}`.")
            if env.drafts.exists(book_id):
                echo("  Your paused walk of it carries on with this version; answers are kept.")
    if refused:
        raise typer.Exit(EXIT_ERRORS)


def _clash_problem(
    book_id: str, clash: FoundWorkbook | None, *, replace: bool, added_now: set[str]
) -> str | None:
    """Why a workbook with this id cannot be added, or None when it can."""
    if book_id in added_now:
        return f"another file here also has the id '{book_id}'; each workbook needs its own id"
    if clash is None:
        return None
    if clash.source == "bundled":
        return (
            f"a workbook that comes with reflect already has the id '{book_id}'. "
            "Change the id in your file (for example to "
            f"'{book_id}-ours') and add it again."
        )
    if clash.source == "yours" and not replace:
        return (
            f"you already have a workbook with the id '{book_id}' ({clash.workbook.title}). "
            "Add it with --replace to use this one instead."
        )
    return None  # one of yours with --replace, or in a configured folder (yours come first)


@app.command()
def remove(
    workbook_id: Annotated[
        str, typer.Argument(metavar="ID", help="The id of a workbook you added.")
    ],
) -> None:
    """Remove a workbook you added. Your journal entries from it are kept."""
    from reflect.fileio import locked
    from reflect.workbook.loader import all_workbooks

    env = get_env()
    folder = env.paths.workbooks_dir
    with locked(folder):
        found, _ = all_workbooks(env.sources)
        matches = [item for item in found if item.workbook.id == workbook_id]
        # all_workbooks keeps the first of each id; look in your folder directly too, in
        # case a bundled workbook has the same id and hides yours.
        yours = [p for p in sorted(folder.glob("*.toml")) if _id_of(p) == workbook_id]
        if yours:
            for path in yours:
                try:
                    path.unlink()
                except OSError as exc:
                    raise WorkbookError(could_not("remove", exc), path=path) from None
            echo(f"Removed {workbook_id}. Your journal entries from it are kept.")
            return
    if matches and matches[0].source == "bundled":
        raise ReflectError(
            f"'{workbook_id}' comes with reflect, so it can't be removed. "
            "You never have to start it."
        )
    if matches:
        raise ReflectError(
            f"'{workbook_id}' is in a folder listed in your config ({matches[0].path.parent}), "
            "not one you added; remove it there, or take the folder out of your config."
        )
    raise NotFoundError(
        f"You have no added workbook called '{workbook_id}'.",
        hint="Run `reflect workbooks` to see them all.",
    )


def _id_of(path: Path) -> str:
    """A workbook file's id; for a file that no longer loads, its name (so a broken copy
    can still be removed by the id it was added under)."""
    from reflect.workbook.loader import load_workbook

    try:
        return load_workbook(path).id
    except WorkbookError:
        return path.stem


# ---------------------------------------------------------------------- guide


@app.command()
def guide() -> None:
    """Show the guide to writing workbooks (Markdown; `| less` to page through it)."""
    from reflect.paths import workbook_guide

    path = workbook_guide()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReflectError(could_not("read guide", exc), path=path) from None
    typer.echo(text, nl=False)
