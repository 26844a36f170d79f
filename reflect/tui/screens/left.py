"""Offer the prompts left for another day, the next time their workbook is opened."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from reflect.tui import words
from reflect.tui.screens.dialog import Dialog
from reflect.tui.widgets.hanging import Hanging
from reflect.tui.widgets.literal import shown
from reflect.workbook.models import Workbook


def only(workbook: Workbook, prompt_ids: list[str]) -> Workbook:
    """The workbook with only those prompts (and the sections that hold them): a walk
    of just what was left, saved to the journal as an entry of the same workbook."""
    keep = set(prompt_ids)
    sections = [
        section.model_copy(update={"prompts": [p for p in section.prompts if p.id in keep]})
        for section in workbook.sections
        if any(p.id in keep for p in section.prompts)
    ]
    return workbook.model_copy(update={"sections": sections, "intro": None})


class LeftLastTimeModal(Dialog[bool | None]):
    """True: walk just the prompts left; False: the whole workbook; None: neither."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, prompts: list[str]) -> None:
        super().__init__()
        self.prompts = prompts

    def compose(self) -> ComposeResult:
        count = len(self.prompts)
        title = words.LEFT_ONE if count == 1 else words.LEFT_MANY.format(count=count)
        with Vertical(id="box"):
            yield Static(title, id="box-title", markup=False)
            with VerticalScroll(id="box-body"):
                for prompt in self.prompts:
                    yield Hanging("•", shown(prompt))
            with Horizontal(id="buttons"):
                yield Button(words.LEFT_WHOLE, id="whole")
                yield Button(words.LEFT_JUST_THOSE, id="just-those", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#just-those", Button).focus()

    @on(Button.Pressed, "#just-those")
    def _just_those(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#whole")
    def _whole(self) -> None:
        self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(None)
