"""Move an action to another day, with the same live date reading as the planner."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from reflect.dates import When, echo_when
from reflect.errors import DateError
from reflect.tui import words
from reflect.tui.screens.dialog import Dialog
from reflect.tui.widgets.literal import LiteralInput, literal, shown
from reflect.tui.widgets.planner import read_when

NO_DATE_WORDS = ("none", "no date")


class MoveDateModal(Dialog[When | None | bool]):
    """Dismissed with a When, None (remove the date) or False (cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, action_text: str, today: date, *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.action_text, self.today, self.cursor_blink = action_text, today, cursor_blink

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Static(words.MOVE_TITLE, id="box-title", markup=False)
            yield Static(shown(self.action_text), markup=False)
            # A short placeholder (a long one is cut at the field's edge); the full
            # hint is the echo's until something is typed.
            field = LiteralInput(placeholder=words.MOVE_PLACEHOLDER, id="when")
            field.cursor_blink = self.cursor_blink
            yield field
            yield Static(words.MOVE_HINT, id="echo", classes="muted", markup=False)
            yield Static(words.MOVE_KEYS, id="keys", classes="muted", markup=False)

    def _read(self, text: str) -> When | DateError | bool | None:
        if not text.strip():
            return False
        if text.strip().lower() in NO_DATE_WORDS:
            return None
        return read_when(text, self.today)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        echo = self.query_one("#echo", Static)
        found = self._read(event.value)
        echo.set_classes("")
        if found is False:
            echo.update(Content(words.MOVE_HINT))
            echo.add_class("muted")
        elif found is None:
            echo.update(Content(words.MOVE_NONE))
        elif isinstance(found, DateError):
            echo.update(literal(found.message))
            echo.add_class("problem")
        elif isinstance(found, When):
            echo.update(Content(echo_when(found, self.today)))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        found = self._read(event.value)
        if found is False:
            self.notify(words.MOVE_EMPTY)
        elif found is None or isinstance(found, When):
            self.dismiss(found)

    def action_cancel(self) -> None:
        self.dismiss(False)
