"""What the reading commands share: date filters from the command line, terminal
detection, a quiet exit when a pipe closes early, and styled lines printed either
with rich (at a terminal) or as plain text (piped).

A styled line is a list of (text, style) pieces. The text is always the user's
literally: at a terminal each piece becomes a span of a rich `Text`, never markup,
so brackets or anything else a person wrote are printed as written.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import typer

from reflect.dates import format_day, parse_since
from reflect.errors import AmbiguousIdError, DateError, NotFoundError
from reflect.terminal import visible

if TYPE_CHECKING:
    from reflect.journal.model import Entry
    from reflect.journal.store import JournalStore

Piece = tuple[str, str | None]
Line = list[Piece]

SINCE_HELP = (
    "Only from this day on: 'yesterday', 'mon', 'last week', '3 days ago', '4 dec', 'nov' "
    "(its 1st), '2025' (1 Jan), '2026-11-01'."
)
UNTIL_HELP = (
    "Only up to and including this day (same words as --since; a month or a year means "
    "its last day: 'nov' is 30 Nov, '2025' is 31 Dec 2025)."
)
WORKBOOK_HELP = "Only entries from this workbook (its id), or 'free-form'."


def date_range(
    since: str | None, until: str | None, today: date
) -> tuple[date | None, date | None]:
    """--since/--until as days; a short error naming the option when one cannot be read."""
    days: list[date | None] = []
    for option, text in (("--since", since), ("--until", until)):
        if text is None:
            days.append(None)
            continue
        try:
            days.append(parse_since(text, today, last=option == "--until"))
        except DateError as exc:
            raise DateError(f"{option}: {exc.message}") from None
    start, end = days
    if start is not None and start > today:
        raise DateError(
            f"--since: {since!r} is {format_day(start, today)}, after today, so no entry "
            "could match yet. Try 'yesterday', 'last week' or a date that has passed."
        )
    if start is not None and end is not None and start > end:
        raise DateError("--since is after --until, so nothing could match.")
    return start, end


def clean_id(entry_id: str) -> str:
    return entry_id.strip().lower()


def lookup_entry(store: JournalStore, entry_id: str) -> tuple[Entry, Path]:
    """The entry a person means by `entry_id` (a whole id or a unique start of one), or
    an error saying there is none, or listing the ones a short prefix could mean."""
    try:
        return store.find_entry(clean_id(entry_id))
    except AmbiguousIdError:
        raise
    except NotFoundError:
        raise unknown_entry(clean_id(entry_id)) from None


def unknown_entry(entry_id: str) -> NotFoundError:
    return NotFoundError(
        f"There is no journal entry with id '{entry_id}'.",
        hint="`reflect journal` lists your entries with their ids.",
    )


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def terminal_width() -> int:
    # 80 when the terminal does not say: what rich assumes too, so lines cut here fit there.
    return shutil.get_terminal_size((80, 24)).columns


@contextlib.contextmanager
def quiet_broken_pipe() -> Iterator[None]:
    """`reflect journal | head` closes the pipe early: stop quietly, as grep does."""
    try:
        yield
    except BrokenPipeError:
        with contextlib.suppress(OSError, ValueError):
            # Python flushes stdout again at exit; point it at /dev/null so that
            # flush does not complain about the closed pipe.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None


def print_lines(lines: Iterable[Line], *, styled: bool) -> None:
    """Print styled lines: with rich at a terminal, plain text otherwise."""
    if not styled:
        for line in lines:
            typer.echo(visible("".join(text for text, _ in line)))
        return
    # rich costs ~30 ms to import; only a person at a terminal pays for it.
    from rich.console import Console
    from rich.text import Text

    console = Console(markup=False, highlight=False, emoji=False)
    for line in lines:
        text = Text(no_wrap=False)
        for piece, style in line:
            text.append(visible(piece), style=style)  # escapes someone wrote: shown, not obeyed
        console.print(text)


def document_to_screen(chunks: Iterable[str | bytes]) -> None:
    """The document on standard output.

    At a terminal, escape sequences someone wrote are shown, not obeyed (`visible`).
    Into a pipe or a redirect (`reflect export > journal.md`) the document goes as it
    is, the same bytes `-o FILE` writes: UTF-8 straight to the binary stream in a few
    large writes. (Echoing it through click piece by piece decoded the spooled UTF-8
    only to encode it again, and flushed, a system call, after every piece: ~50 ms
    for ten years of entries.)
    """
    binary: BinaryIO | None = getattr(sys.stdout, "buffer", None)
    with quiet_broken_pipe():
        if binary is not None and not stdout_is_terminal():
            sys.stdout.flush()  # anything written as text before goes first
            for chunk in chunks:
                binary.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            binary.flush()
            return
        # A terminal, or a text-only stdout (a test harness or an IDE may put one there).
        shown = visible if stdout_is_terminal() else str
        decoder = codecs.getincrementaldecoder("utf-8")()  # a piece may end mid-character
        for chunk in chunks:
            text = decoder.decode(chunk) if isinstance(chunk, bytes) else chunk
            typer.echo(shown(text), nl=False)
