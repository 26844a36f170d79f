"""`reflect export`: the journal as Markdown to read or share, JSON for scripts, or
iCalendar for the actions in it; all of it, or just the part you choose."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer

from reflect.cli.common import Env, echo, get_env
from reflect.cli.entries import complete_entry_ids
from reflect.cli.reading import (
    SINCE_HELP,
    UNTIL_HELP,
    WORKBOOK_HELP,
    date_range,
    document_to_screen,
    lookup_entry,
)
from reflect.errors import ReflectError
from reflect.export.parallel import processes_to_use
from reflect.journal.model import Entry
from reflect.journal.query import Filters, iter_entries, month_files, split_by_size

NOTHING = "Nothing to export: no entries match, so no file was written."
NO_SECTION = (
    "Section ids are the ones in square brackets in your journal, such as [one-small-step]."
)
NO_ACTIONS = "There are no open actions in these entries, so there is nothing to put in a calendar."
WROTE = "Wrote {what} to {path}."

# A journal this large (about a year of daily notes and weekly check-ins) is shared
# out between processes, at most this many: below it, starting them costs more
# than it saves.
SHARE_FROM_BYTES = 512 * 1024
MOST_PROCESSES = 4


class Format(StrEnum):
    markdown = "markdown"
    json = "json"
    ics = "ics"


def register(app: typer.Typer) -> None:
    app.command("export")(export)


def export(
    format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="markdown: a document to read or share. json: everything, for scripts. "
            "ics: the open actions, for a calendar.",
        ),
    ] = Format.markdown,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (private to you) instead of the screen.",
            dir_okay=False,
        ),
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help=SINCE_HELP)] = None,
    until: Annotated[str | None, typer.Option("--until", help=UNTIL_HELP)] = None,
    workbook: Annotated[str | None, typer.Option("--workbook", help=WORKBOOK_HELP)] = None,
    entry_ids: Annotated[
        list[str] | None,
        typer.Option(
            "--entry",
            help="Only this entry (repeat for more). Its id is in `reflect journal`.",
            autocompletion=complete_entry_ids,
        ),
    ] = None,
    section_ids: Annotated[
        list[str] | None,
        typer.Option(
            "--section",
            help="Only this section of each entry, e.g. one-small-step (repeat for more). "
            "The rest of each entry is left out.",
        ),
    ] = None,
) -> None:
    """Export your journal, or the part of it you choose, to share or to keep elsewhere.

    Nothing leaves but what the filters let through: `--entry ID --section one-small-step`
    exports one plan from one entry and nothing else.
    """
    if output is not None and str(output) == "-":
        output = None  # `-o -`: the screen, as with no -o
    env = get_env()
    start, end = date_range(since, until, env.today)
    filters = Filters(
        since=start,
        until=end,
        workbook=workbook,
        # A short id (`--entry vs2r`) becomes the whole one, as everywhere an id is typed.
        entry_ids=frozenset(lookup_entry(env.store, i)[0].id for i in entry_ids or ()),
        section_ids=frozenset(s.strip() for s in section_ids or ()),
    )
    parts = _parts(env, filters)
    chosen = _Counted(lambda: (entry for part in parts for entry in part()))
    if next(iter(chosen()), None) is None:
        raise ReflectError(NOTHING, hint=NO_SECTION if filters.section_ids else None)
    if format is Format.ics:
        _export_ics(env, chosen(), output)
        return
    chunks: Iterable[str | bytes]
    if format is Format.json:
        # The exporters cost a few ms to import; only `export` pays for them.
        from reflect.export.json import render_json

        chunks = render_json(chosen(), exported=env.now, filters=_filters_json(filters))
    else:
        from reflect.export.markdown import Heading, render_markdown_bytes

        headings: list[Heading] = []
        chunks = render_markdown_bytes(
            parts,
            exported=env.today,
            since=start,
            until=end,
            some_sections=bool(filters.section_ids),
            headings=headings,
        )
    if output is None:
        document_to_screen(chunks)
        return
    _write(output, chunks)
    count = len(headings) if format is Format.markdown else chosen.count
    what = f"{count} entr{'y' if count == 1 else 'ies'}"
    echo(WROTE.format(what=what, path=output))


def _parts(env: Env, filters: Filters) -> list[Callable[[], Iterable[Entry]]]:
    """Functions giving the chosen entries, oldest first, afresh on every call: one,
    or (for a long journal, on a machine with cores to spare) one for each run of
    month files, which the Markdown export renders at the same time.

    With --entry the entries are found by id (which also reports an unknown id) and
    only their month files are read again.
    """
    if filters.entry_ids:
        return [_chosen_by_id(env, filters)]
    files = month_files(env.store, filters, newest_first=False)
    sizes = [path.stat().st_size for path in files]
    if sum(sizes) < SHARE_FROM_BYTES:
        runs = [files]
    else:
        runs = split_by_size(files, sizes, processes_to_use(MOST_PROCESSES)) or [files]
    return [
        partial(iter_entries, env.store, filters, newest_first=False, files=run) for run in runs
    ]


def _chosen_by_id(env: Env, filters: Filters) -> Callable[[], Iterable[Entry]]:
    found: list[Entry] = []
    for entry_id in sorted(filters.entry_ids):
        found.append(lookup_entry(env.store, entry_id)[0])
    found.sort(key=lambda e: e.written)

    def chosen() -> Iterator[Entry]:
        for entry in found:
            kept = filters.keep(entry)
            if kept is not None:
                yield kept

    return chosen


class _Counted:
    """The chosen entries, counted on the way through (for the closing message)."""

    def __init__(self, chosen: Callable[[], Iterable[Entry]]) -> None:
        self.chosen = chosen
        self.count = 0

    def __call__(self) -> Iterator[Entry]:
        self.count = 0  # counted afresh on each pass
        for entry in self.chosen():
            self.count += 1
            yield entry


def _filters_json(filters: Filters) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if filters.since is not None:
        found["since"] = filters.since.isoformat()
    if filters.until is not None:
        found["until"] = filters.until.isoformat()
    if filters.workbook is not None:
        found["workbook"] = filters.workbook
    if filters.entry_ids:
        found["entries"] = sorted(filters.entry_ids)
    if filters.section_ids:
        found["sections"] = sorted(filters.section_ids)
    return found


def _export_ics(env: Env, entries: Iterable[Entry], output: Path | None) -> None:
    from reflect.actions import views
    from reflect.export.ics import actions_to_ics  # icalendar: ~40 ms, only for ics

    chosen = [view for view in views(entries) if view.action.status == "open"]
    if not chosen:
        raise ReflectError(NO_ACTIONS)
    data = actions_to_ics(chosen, env.now)
    if output is None:
        document_to_screen([data])  # into a pipe as it is: iCalendar lines end in CRLF
        return
    _write(output, [data])
    what = f"{len(chosen)} open action{'s' if len(chosen) != 1 else ''}"
    echo(WROTE.format(what=what, path=output))


def _write(output: Path, chunks: Iterable[str | bytes]) -> None:
    from reflect.output import write_output

    write_output(output, chunks)
