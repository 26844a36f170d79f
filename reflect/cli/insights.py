"""`reflect insights`: looking back over the journal: scales over time, what went
together with better weeks, plans kept, and how often you came back.

At a terminal it draws charts; into a pipe it prints the same facts as tables;
`--json` is for scripts and `-o report.html` a page to print or share. A month file
that cannot be read is left out, said so in the output, and reported by file and
line on stderr (with the journal error's exit code) after everything else.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from reflect.cli.common import Env, echo, get_env, is_interactive
from reflect.cli.reading import (
    SINCE_HELP,
    UNTIL_HELP,
    WORKBOOK_HELP,
    date_range,
    print_lines,
    quiet_broken_pipe,
    stdout_is_terminal,
    terminal_width,
)
from reflect.errors import JournalError, ReflectError
from reflect.insights import words
from reflect.insights.facts import LeftOut
from reflect.insights.stats import Insights
from reflect.journal.query import Filters

NOT_HTML = "The report is a web page: give a file name ending in .html, such as report.html."
WROTE = "Wrote your look back to {path}. It has no scripts and needs no network: open it in a browser to read or print."


def register(app: typer.Typer) -> None:
    app.command("insights")(insights)


def insights(
    since: Annotated[str | None, typer.Option("--since", help=SINCE_HELP)] = None,
    until: Annotated[str | None, typer.Option("--until", help=UNTIL_HELP)] = None,
    workbook: Annotated[str | None, typer.Option("--workbook", help=WORKBOOK_HELP)] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the numbers as JSON, for scripts.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write a page to print or share (ending in .html; private to you).",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Look back: how your scales moved, what went with better weeks, plans kept, and how
    often you came back. No streaks, no scores."""
    if output is not None and output.suffix.lower() not in (".html", ".htm"):
        raise typer.BadParameter(NOT_HTML, param_hint="'--output'")
    if output is not None and as_json:
        raise typer.BadParameter("Choose one: --json or --output.", param_hint="'--json'")
    env = get_env()
    start, end = date_range(since, until, env.today)
    found = _gather(env, Filters(since=start, until=end, workbook=workbook))
    if as_json:
        from reflect.insights.jsonout import insights_json

        with quiet_broken_pipe():
            echo(json.dumps(insights_json(found), ensure_ascii=False, indent=2))
    elif output is not None:
        from reflect.insights.html import render_html
        from reflect.output import write_output

        write_output(output, [render_html(found)])
        echo(WROTE.format(path=output))
    else:
        _show(env, found)
    _report_left_out(found.left_out)


def _gather(env: Env, filters: Filters) -> Insights:
    from reflect.insights.gather import gather

    try:
        sources = env.sources
    except ReflectError:
        sources = None  # a broken config is for `reflect start` to report; numbers still show
    return gather(env.store, filters, today=env.today, sources=sources)


def _show(env: Env, found: Insights) -> None:
    from reflect.insights.text import report

    charts = stdout_is_terminal()
    with quiet_broken_pipe():
        if found.left_out:
            files = ", ".join(item.path.name for item in found.left_out)
            echo(words.LEFT_OUT.format(files=files))
            echo()
        print_lines(report(found, width=min(terminal_width(), 100), charts=charts), styled=charts)
    if found.plans.stale and is_interactive():
        _still_want(env, found)


def _still_want(env: Env, found: Insights) -> None:
    """Offer the plans long past their day back, one at a time, with the review that
    plain mode's start uses (done, drop, move, or leave it)."""
    from reflect.cli.review import review
    from reflect.journal.index import open_actions

    echo()
    typer.echo(words.STILL_WANT_OFFER, nl=False)
    reply = _read()
    if reply is None or reply.strip().lower() not in ("a", "review"):
        echo(words.STILL_WANT_LATER)
        return
    wanted = {stale.id for stale in found.plans.stale}
    pressing = [
        a for a in open_actions(env.paths.journal_dir, env.paths.cache_dir) if a.id in wanted
    ]
    review(env, pressing, _read)


def _read() -> str | None:
    line = sys.stdin.readline()
    return line.rstrip("\n") if line else None


def _report_left_out(left_out: tuple[LeftOut, ...]) -> None:
    """Each file left out, by file and line on stderr, then the journal error's exit."""
    if not left_out:
        return
    for item in left_out:
        echo(f"reflect: {item.where}: {item.problem}", err=True)
    echo(words.LEFT_OUT_HINT, err=True)
    raise typer.Exit(JournalError.exit_code)
