"""The end of a walk: what was written, what was planned and when, and where it was saved.

Drawn from the journal entry that was written (not from the screen's state),
so what the person reads here is what is in their journal.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from reflect import messages
from reflect.errors import ReflectError
from reflect.journal.model import Answer
from reflect.kinds import kind_of
from reflect.kinds.action import when_text
from reflect.tui import words
from reflect.tui.context import TuiContext
from reflect.tui.walker import Finished
from reflect.tui.widgets.hanging import Hanging
from reflect.tui.widgets.literal import shown
from reflect.workbook.models import Workbook


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
        Binding("s", "star", words.SUMMARY_STAR_KEY),
        Binding("a", "app.review", "Plans"),
        Binding("l", "app.looking_back", "Look back"),
        Binding("escape,h", "app.home", "Home"),
        Binding("f1", "app.help", "Help"),
        Binding("q", "app.quit", "Quit", show=False),  # the footer fits 60 columns; f1 lists it
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
            # Indents are padding, not leading spaces, so wrapped lines keep them.
            yield Static(
                shown(words.SUMMARY_TITLE.format(title=self.workbook.title)),
                classes="heading",
                markup=False,
            )
            yield Static(messages.CLOSING, classes="closing", markup=False)
            planned = [action for action, _, _ in entry.all_actions()]
            if planned:
                yield Static(words.SUMMARY_PLANNED, classes="part", markup=False)
                for action in planned:
                    what = Content.assemble(shown(action.text), when_text(action, today))
                    yield Hanging(Content.styled(action.id, "bold"), what, classes="indent")
            yield from left_for_another_day(self.finished.left)
            yield Static(
                messages.FINISHED.format(path=shown_path(self.finished.path), entry=entry.id),
                classes="saved",
                markup=False,
            )
            yield Static(words.SUMMARY_STAR_OFFER, id="star-offer", classes="saved", markup=False)
            yield Static(words.SUMMARY_WROTE, classes="part", markup=False)
            if not entry.sections:
                yield Static(words.SUMMARY_NOTHING, markup=False)
            for section in entry.sections:
                yield Static(shown(section.title), classes="section", markup=False)
                for answer in section.answers:
                    yield Static(shown(answer.prompt), classes="prompt", markup=False)
                    yield Static(_answer_text(answer, today), classes="answer", markup=False)
        yield Footer(compact=True)

    def action_star(self) -> None:
        """The offer at the end of a walk: star the entry just saved (its `starred: yes`
        line, reflect.journal.rewrite, under the lock). Once is enough: it stays."""
        from reflect.journal.rewrite import set_starred

        try:
            set_starred(self.ctx.store, self.finished.entry.id, True)
        except ReflectError as problem:  # the entry is saved; only the star is not
            self.notify(str(problem), severity="error", markup=False, timeout=15)
            return
        self.query_one("#star-offer", Static).update(words.SUMMARY_STARRED)


def left_for_another_day(left: Sequence[str]) -> Iterator[Widget]:
    """'You left 2 prompts for another day', then which: named, so they can be found."""
    if not left:
        return
    count = len(left)
    text = words.END_LEFT_ONE if count == 1 else words.END_LEFT_MANY.format(count=count)
    yield Static(text, classes="part", markup=False)
    for prompt in left:
        yield Hanging("•", shown(prompt), classes="indent")


def _answer_text(answer: Answer, today: date) -> str:
    """An answer as literal lines (indented by the style, so wrapped lines are too)."""
    return "\n".join(shown(line) for line in kind_of(answer).summary_lines(answer, today))
