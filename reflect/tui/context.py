"""What every screen needs: the journal, the drafts, the clock, and where workbooks live.

One object built by `make_app` and handed to each screen, so nothing in the
app reads the environment, the config file or the wall clock by itself: tests
pass a frozen `now` and a private folder, and see exactly what a person would.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from reflect import messages
from reflect.drafts import DraftStore
from reflect.errors import ReflectError
from reflect.fileio import atomic_write, read_plain_file
from reflect.journal.store import JournalStore
from reflect.remind import due_actions
from reflect.workbook.loader import WorkbookSource
from reflect.workbook.models import Workbook
from reflect.workbook.prose import reflow

WRAPPED_AT = 60  # a line at least this long, with more of its paragraph after it, was wrapped


def unwrap(note: str) -> str:
    """Join the lines an editor wrapped, so the note reflows to the width on screen.

    Short lines keep their breaks (a list of contacts and phone numbers stays a
    list), and so do blank lines, bullets and a line opening with a bracket.
    """
    lines: list[str] = []
    previous = ""
    for line in note.split("\n"):
        starts_anew = not line.strip() or line.lstrip().startswith(("-", "*", "•", "("))
        if lines and len(previous) >= WRAPPED_AT and previous.strip() and not starts_anew:
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
        previous = line
    return "\n".join(lines)


# Written once the support note has been shown; its absence means a first run.
SEEN_NOTE_MARKER = "support-note-seen"
# The name of the theme last chosen (ctrl+p), so the app opens in it next time.
THEME_FILE = "theme"


@dataclass
class TuiContext:
    store: JournalStore
    drafts: DraftStore
    now: Callable[[], datetime]
    state_dir: Path
    cache_dir: Path
    sources: Sequence[WorkbookSource] = ()
    config_support_note: str | None = None
    cursor_blink: bool = True
    show_last_answers: bool = True  # the user's config: "Last time" beside prompts
    # Set once the note has been shown in this run, so it is not shown twice.
    note_shown: bool = field(default=False)

    def today(self) -> date:
        return self.now().date()

    def support_note(self, workbook: Workbook | None = None) -> str:
        """The workbook's own note, else the user's (config), else ours."""
        own = workbook.support_note if workbook is not None else None
        return own or self.config_support_note or messages.SUPPORT_NOTE

    def support_note_shown(self, workbook: Workbook | None = None) -> str:
        """The note as shown on screen: a workbook's (or our own) reflowed as
        Markdown reads it; the user's own from config only unwrapped where an
        editor wrapped it, since a list of contacts there is rarely marked up."""
        own = workbook.support_note if workbook is not None else None
        if own:
            return reflow(own)
        if self.config_support_note:
            return unwrap(self.config_support_note)
        return reflow(messages.SUPPORT_NOTE)

    def first_run(self) -> bool:
        return not (self.state_dir / SEEN_NOTE_MARKER).exists()

    def remember_note_seen(self) -> None:
        """Mark the first run as over. A disk that refuses is not worth an error:
        the note simply shows again next time."""
        self.note_shown = True
        with contextlib.suppress(ReflectError):
            atomic_write(self.state_dir / SEEN_NOTE_MARKER, b"The support note has been shown.\n")

    def remembered_theme(self) -> str | None:
        """The theme chosen last time, if any (the app checks it still exists)."""
        try:
            # Never through a link, never waiting on a pipe: it is only a preference.
            raw = read_plain_file(self.state_dir / THEME_FILE, follow_links=False, limit=4096)
            name = raw.decode("utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return name or None

    def remember_theme(self, name: str) -> None:
        """Keep the chosen theme for next time; a disk that refuses is not worth an error."""
        if name == self.remembered_theme():
            return
        with contextlib.suppress(ReflectError):
            atomic_write(self.state_dir / THEME_FILE, f"{name}\n".encode())

    def due_now(self) -> tuple[int, int]:
        """(due today, overdue): the same query `reflect remind` answers, from the
        open-actions index (a stat per month file, not a parse of the journal).

        The home screen still calls it in a worker thread and draws first: the
        first call after a change re-reads the month files that changed.
        """
        due_today, overdue = due_actions(self.store, self.cache_dir, self.today())
        return len(due_today), len(overdue)

    # ------------------------------------------------------------------ left for another day

    def left_last_time(self, workbook: Workbook) -> list[str]:
        """The ids of the prompts the last walk of `workbook` left for another day, as its
        journal entry names them, that the workbook still has, in its order."""
        from reflect.journal.left import left_last_time

        kept = {item.prompt_id for item in left_last_time(self.store, workbook.id)}
        return [p.id for s in workbook.sections for p in s.prompts if p.id in kept]
