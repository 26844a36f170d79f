"""A short list that grows: one line per item, a new line after the last one."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label

from reflect.tui.widgets.common import AnswerChanged, AnswerSubmitted, focus_now
from reflect.tui.widgets.literal import LiteralInput

MAX_LINES = 20  # the engine takes any number; beyond this a list is an essay


class GrowingList(Vertical):
    DEFAULT_CSS = """
    GrowingList {
        height: auto;
    }
    GrowingList > Horizontal {
        height: auto;
    }
    GrowingList .number {
        width: 4;
        padding: 1 1 0 0;
        text-align: right;
    }
    GrowingList Input {
        width: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next line", show=False),
        Binding("up", "move(-1)", "Previous line", show=False),
    ]

    def __init__(self, suggested: int, items: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._start = list(items) + [""] * max(0, suggested - len(items))
        if len(self._start) < MAX_LINES and items and len(items) >= suggested:
            self._start.append("")

    def compose(self) -> ComposeResult:
        for number, text in enumerate(self._start, start=1):
            yield self._line(number, text)

    def _line(self, number: int, text: str) -> Horizontal:
        return Horizontal(
            Label(f"{number}.", classes="number"),
            LiteralInput(value=text, compact=False, select_on_focus=False),
        )

    @property
    def inputs(self) -> list[Input]:
        return list(self.query(Input))

    def get_value(self) -> list[str]:
        return [field.value for field in self.inputs if field.value.strip()]

    def focus_answer(self) -> None:
        fields = self.inputs
        empty = [f for f in fields if not f.value.strip()]
        focus_now(empty[0] if empty else fields[-1])

    def problem(self) -> str | None:
        return None

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(AnswerChanged())

    @on(Input.Submitted)
    async def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        fields = self.inputs
        index = fields.index(event.input)
        if index < len(fields) - 1:
            focus_now(fields[index + 1])
            return
        if not event.value.strip() or len(fields) >= MAX_LINES:
            self.post_message(AnswerSubmitted())
            return
        line = self._line(len(fields) + 1, "")
        await self.mount(line)
        focus_now(line.query_one(Input))

    def action_move(self, delta: int) -> None:
        fields = self.inputs
        focused = self.screen.focused
        if focused in fields:
            index = fields.index(focused) + delta
            if 0 <= index < len(fields):
                focus_now(fields[index])
