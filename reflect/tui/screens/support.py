"""The support note: reflecting alone is not always the right thing, and who to talk to.

Shown on the first run, after a scale answer a workbook marks as a low point,
and whenever someone presses `s` (home) or F2 (anywhere). It is part of the
product, so it gets its own dialog rather than a passing notification.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from reflect.tui import words
from reflect.tui.screens.dialog import Dialog
from reflect.tui.widgets.literal import shown
from reflect.workbook.prose import reflow


class SupportNoteModal(Dialog[bool]):
    """Dismissed with True to carry on, False to pause (only offered mid-walk)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "carry_on", "Close"),
    ]

    def __init__(
        self, note: str, *, title: str, lead: str | None = None, offer_pause: bool = False
    ) -> None:
        super().__init__()
        self.note, self.heading, self.lead, self.offer_pause = note, title, lead, offer_pause

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Static(self.heading, id="box-title", markup=False)
            with VerticalScroll(id="box-body"):
                if self.lead:
                    yield Static(reflow(self.lead) + "\n", markup=False)
                yield Static(shown(self.note), markup=False)
            with Horizontal(id="buttons"):
                if self.offer_pause:
                    yield Button(words.SUPPORT_PAUSE, id="pause")
                    yield Button(words.SUPPORT_CARRY_ON, id="carry-on", variant="primary")
                else:
                    yield Button(words.SUPPORT_CLOSE, id="carry-on", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#carry-on", Button).focus()

    @on(Button.Pressed, "#carry-on")
    def action_carry_on(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#pause")
    def action_pause(self) -> None:
        self.dismiss(False)
