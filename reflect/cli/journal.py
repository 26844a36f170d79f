"""`reflect journal`, `reflect show` and `reflect search`: reading your journal back."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from reflect.cli.common import Env, echo, echo_json, get_env
from reflect.cli.entries import complete_entry_ids
from reflect.cli.entry_view import entry_lines, listing_lines, match_lines
from reflect.cli.reading import (
    SINCE_HELP,
    UNTIL_HELP,
    WORKBOOK_HELP,
    date_range,
    lookup_entry,
    print_lines,
    quiet_broken_pipe,
    stdout_is_terminal,
    terminal_width,
)
from reflect.dates import numeric_note
from reflect.journal.query import Filters, Match, Pattern, iter_entries, list_entries, search
from reflect.journal.tags import count_tags, tag_name

EMPTY_JOURNAL = "Your journal is empty. Write in it with `reflect start` or `reflect write`."
NOTHING_MATCHES = "No entries match these filters."
NO_SEARCH_MATCH = "Nothing in your journal matches {pattern}."
READ_ONE = "Read one with `reflect show ID`."
FOUND = {1: "1 entry matches."}
FOUND_MANY = "{count} entries match."
NOTHING_ON_THIS_DAY = "Nothing written on {day} in earlier years."
NO_TAGS = (
    "No tags yet. A word starting with # or @ in what you write is a tag: 'A long #walk with @sam'."
)


def register(app: typer.Typer) -> None:
    app.command("journal")(journal)
    app.command("show")(show)
    app.command("search")(search_journal)
    app.command("tags")(tags)


SinceOption = Annotated[str | None, typer.Option("--since", help=SINCE_HELP)]
UntilOption = Annotated[str | None, typer.Option("--until", help=UNTIL_HELP)]
WorkbookOption = Annotated[str | None, typer.Option("--workbook", help=WORKBOOK_HELP)]
JsonOption = Annotated[
    bool,
    typer.Option(
        "--json", help="Print JSON for scripts: the entries as `reflect export` has them."
    ),
]
StarredOption = Annotated[bool, typer.Option("--starred", help="Only starred entries.")]
TagOption = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        help="Only entries with this #tag or @tag (again for more: all of them, or --any).",
    ),
]
AnyOption = Annotated[
    bool, typer.Option("--any", help="With several --tag: entries with any of them, not all.")
]


def _filters(
    env: Env,
    since: str | None,
    until: str | None,
    workbook: str | None,
    starred: bool,
    tag: list[str] | None,
    any_tag: bool,
    on_this_day: bool = False,
) -> Filters:
    start, end = date_range(since, until, env.today)
    for text in (since, until):
        if text is not None and (note := numeric_note(text, env.today)) is not None:
            echo(note, err=True)
    names = frozenset(name for name in (tag_name(t) for t in tag or ()) if name)
    if tag and not names:
        raise typer.BadParameter("Name a tag, like --tag walk.", param_hint="'--tag'")
    return Filters(
        since=start,
        until=end,
        workbook=workbook,
        starred=starred,
        tags=names,
        any_tag=any_tag,
        on_this_day=env.today if on_this_day else None,
    )


def journal(
    since: SinceOption = None,
    until: UntilOption = None,
    workbook: WorkbookOption = None,
    number: Annotated[
        int | None, typer.Option("-n", "--number", min=1, help="Show at most this many.")
    ] = None,
    starred: StarredOption = False,
    tag: TagOption = None,
    any_tag: AnyOption = False,
    on_this_day: Annotated[
        bool,
        typer.Option("--on-this-day", help="Entries written on today's date in earlier years."),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """List your journal entries, newest first: date, id, workbook, and the first line."""
    env = get_env()
    filters = _filters(env, since, until, workbook, starred, tag, any_tag, on_this_day)
    entries = list_entries(env.store, limit=number, filters=filters)
    if as_json:
        from reflect.export.json import entry_to_json  # json and the schema: only for --json

        with quiet_broken_pipe():
            echo_json([entry_to_json(entry) for entry in entries])
        return
    if not entries:
        if on_this_day:
            echo(NOTHING_ON_THIS_DAY.format(day=f"{env.today.day} {env.today:%B}"), err=True)
            return
        filtered = filters != Filters() or tag
        echo(NOTHING_MATCHES if filtered else EMPTY_JOURNAL, err=True)
        return
    styled = stdout_is_terminal()
    width = terminal_width() if styled else None
    with quiet_broken_pipe():
        print_lines(listing_lines(entries, env.today, width), styled=styled)
        if styled:
            echo(READ_ONE)


def show(
    entry_id: Annotated[
        str,
        typer.Argument(
            metavar="ENTRY_ID",
            help="The entry's id, or enough of its start to be the only one.",
            autocompletion=complete_entry_ids,
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the entry as JSON, as `reflect export` has it.")
    ] = False,
) -> None:
    """Show one entry in full: coloured at a terminal, plain text when piped."""
    env = get_env()
    entry, _ = lookup_entry(env.store, entry_id)
    with quiet_broken_pipe():
        if as_json:
            from reflect.export.json import entry_to_json

            echo_json(entry_to_json(entry))
            return
        print_lines(entry_lines(entry, env.today), styled=stdout_is_terminal())


def search_journal(
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="WORDS...",
            help="What to look for: every word must be in the entry, in any order; "
            'quote words ("a quiet day") to find them together, exactly.',
        ),
    ],
    regex: Annotated[
        bool,
        typer.Option("--regex", help="Each of WORDS is a regular expression (Python syntax)."),
    ] = False,
    since: SinceOption = None,
    until: UntilOption = None,
    workbook: WorkbookOption = None,
    number: Annotated[
        int | None, typer.Option("-n", "--number", min=1, help="Show at most this many entries.")
    ] = None,
    starred: StarredOption = False,
    tag: TagOption = None,
    any_tag: AnyOption = False,
    as_json: JsonOption = False,
) -> None:
    """Search what you wrote (not the workbooks' prompts), newest first.

    Case does not matter, in any language ('strasse' finds 'Straße'). Each matching
    line is shown with its date, and the match highlighted at a terminal.

    Exit status: 0 when something matched, 1 when nothing did, 2 when the words
    cannot be searched for (such as a broken --regex).
    """
    env = get_env()
    filters = _filters(env, since, until, workbook, starred, tag, any_tag)
    pattern = Pattern(words, regex=regex)
    found = search(env.store, pattern, filters=filters, limit=number)
    if as_json:
        matches = [_match_json(match) for match in found]
        with quiet_broken_pipe():
            echo_json(matches)
        if not matches:
            raise typer.Exit(1)
        return
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
        echo(NO_SEARCH_MATCH.format(pattern=repr(pattern.text)), err=True)
        raise typer.Exit(1)


def _match_json(match: Match) -> dict[str, Any]:
    from reflect.export.json import entry_to_json

    hits = [
        {"where": h.where, "line": h.line, "spans": [list(s) for s in h.spans]} for h in match.hits
    ]
    return {"entry": entry_to_json(match.entry), "hits": hits}


def tags(
    since: SinceOption = None,
    until: UntilOption = None,
    workbook: WorkbookOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List the #tags and @tags in your journal, with how many entries have each."""
    env = get_env()
    filters = _filters(env, since, until, workbook, False, None, False)
    counted = count_tags(iter_entries(env.store, filters))
    if as_json:
        echo_json([{"tag": tag_name(tag), "written": tag, "entries": n} for tag, n in counted])
        return
    if not counted:
        echo(NO_TAGS, err=True)
        return
    width = max(len(tag) for tag, _ in counted)
    with quiet_broken_pipe():
        for tag, count in counted:
            echo(f"{tag:<{width}}  {count} entr{'y' if count == 1 else 'ies'}")
