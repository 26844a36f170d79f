"""The end of a walk: what was written, what was planned and when, and where it was saved.

Drawn from the journal entry that was written (not from the screen's state),
so what the person reads here is what is in their journal.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from reflect import messages
from reflect.journal.model import Answer
from reflect.kinds import kind_of
from reflect.kinds.action import when_text
from reflect.tui import words
from reflect.tui.context import TuiContext
from reflect.tui.walker import Finished
from reflect.tui.widgets.literal import shown
from reflect.workbook.models import Workbook

Part = str | tuple[str, str]


def shown_path(path: Path) -> str:
    """The path as a person would type it: '~/…' under their home folder."""
    home = os.path.expanduser("~")
    text = str(path)
    if home not in ("", "/", "~") and text.startswith(home.rstrip("/") + "/"):
        return "~" + text[len(home.rstrip("/")) :]
    return text


class SummaryScreen(Screen[None]):
    CSS_PATH = "summary.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "app.review", "Review plans"),
        Binding("escape,h", "app.home", "Home"),
        Binding("f1", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, ctx: TuiContext, workbook: Workbook, finished: Finished) -> None:
        super().__init__()
        self.ctx, self.workbook, self.finished = ctx, workbook, finished

    def compose(self) -> ComposeResult:
        entry = self.finished.entry
        today = self.ctx.today()
        yield Static(shown(f"{self.workbook.title} · finished"), id="title-bar", markup=False)
        with VerticalScroll(id="summary"):
            # What matters most first, so it is in view on a small terminal: the
            # plan and where it was saved; then everything written, to scroll through.
            yield Static(
                shown(words.SUMMARY_TITLE.format(title=self.workbook.title)),
                classes="heading",
                markup=False,
            )
            yield Static(messages.CLOSING, classes="closing", markup=False)
            planned = [action for action, _, _ in entry.all_actions()]
            if planned:
                yield Static(words.SUMMARY_PLANNED, classes="part", markup=False)
                lines: list[Part] = []
                for action in planned:
                    when = when_text(action, today)
                    lines += [(f"  [{action.id}] ", "bold"), shown(action.text), when, "\n"]
                yield Static(Content.assemble(*lines[:-1]))
            left = self.finished.unanswered
            if left:
                text = words.END_LEFT_ONE if left == 1 else words.END_LEFT_MANY.format(count=left)
                yield Static(text, classes="part", markup=False)
            yield Static(
                messages.FINISHED.format(path=shown_path(self.finished.path), entry=entry.id),
                classes="saved",
                markup=False,
            )
            yield Static(words.SUMMARY_WROTE, classes="part", markup=False)
            wrote: list[Part] = []
            for section in entry.sections:
                wrote.append((f"\n{shown(section.title)}\n", "bold"))
                for answer in section.answers:
                    wrote += [
                        (f"  {shown(answer.prompt)}\n", "italic"),
                        *_answer_lines(answer, today),
                    ]
            yield Static(Content.assemble(*wrote) if wrote else Content(words.SUMMARY_NOTHING))
        yield Footer()


def _answer_lines(answer: Answer, today: date) -> list[Part]:
    """An answer as indented lines of literal text."""
    lines = kind_of(answer).summary_lines(answer, today)
    return ["".join(f"    {shown(line)}\n" for line in lines)]
