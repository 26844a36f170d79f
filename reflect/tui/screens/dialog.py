"""What every small pop-up shares: the calm box (modal.tcss) and arrow keys between
its buttons.

Textual moves between buttons with Tab only; people reach for ← and → in a row
of buttons, and without them Enter always picks whichever had focus first.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Button

R = TypeVar("R")
BOX_ROWS = 12  # border 2, padding 2, title 2, buttons 4, and a row above and below


class Dialog(ModalScreen[R]):
    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "between_buttons(-1)", "Previous button", show=False),
        Binding("right", "between_buttons(1)", "Next button", show=False),
    ]

    def __init__(self, classes: str = "dialog") -> None:
        super().__init__(classes=classes)

    def on_resize(self) -> None:
        """A long note scrolls inside the box, so its buttons stay on a short screen
        (the rows for the box's border, title and buttons are BOX_ROWS)."""
        for body in self.query("#box-body"):
            body.styles.max_height = max(3, self.size.height - BOX_ROWS)

    def action_between_buttons(self, step: int) -> None:
        """Focus the button beside the focused one (stopping at either end)."""
        buttons = list(self.query("#buttons Button").results(Button))
        if self.focused not in buttons:
            return
        index = buttons.index(self.focused) + step
        if 0 <= index < len(buttons):
            buttons[index].focus()
