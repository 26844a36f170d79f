"""Offer to carry on a paused walk at the prompt where it stopped."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from reflect.tui import words
from reflect.tui.screens.dialog import Dialog
from reflect.tui.widgets.literal import shown


class ResumeModal(Dialog[bool | None]):
    """True: carry on; False: start afresh; None: neither (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("y", "answer(True)", "Carry on"),
        Binding("n", "answer(False)", "Start afresh"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Static(words.RESUME_TITLE, id="box-title", markup=False)
            yield Static(shown(self.message), markup=False)
            with Horizontal(id="buttons"):
                yield Button(words.RESUME_NO, id="afresh")
                yield Button(words.RESUME_YES, id="carry-on", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#carry-on", Button).focus()

    @on(Button.Pressed, "#carry-on")
    def _carry_on(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#afresh")
    def _afresh(self) -> None:
        self.dismiss(False)

    def action_answer(self, carry_on: bool) -> None:
        self.dismiss(carry_on)

    def action_cancel(self) -> None:
        self.dismiss(None)
