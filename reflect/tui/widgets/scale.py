"""A scale selector: a row of numbers with labelled ends, chosen by arrow, digit or click."""

from __future__ import annotations

import time
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Click, Key
from textual.reactive import reactive
from textual.widget import Widget

from reflect.tui.widgets.common import AnswerChanged, AnswerSubmitted
from reflect.tui.widgets.literal import shown

# Two digits typed within this many seconds make one number ("1", "0" -> 10).
DIGIT_WINDOW = 1.0


class ScaleSelector(Widget, can_focus=True):
    """Nothing is chosen until the person chooses: no default number is put in their mouth."""

    DEFAULT_CSS = """
    ScaleSelector {
        height: 1;
        width: 1fr;
    }
    ScaleSelector:focus {
        text-style: bold;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Lower", show=False),
        Binding("right", "step(1)", "Higher", show=False),
        Binding("pageup", "step(-10)", show=False),
        Binding("pagedown", "step(10)", show=False),
        Binding("home", "jump(-1)", show=False),
        Binding("end", "jump(1)", show=False),
        Binding("enter", "submit", "Choose", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    def __init__(
        self,
        low: int,
        high: int,
        *,
        low_label: str | None = None,
        high_label: str | None = None,
        value: int | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.low, self.high = low, high
        self.low_label, self.high_label = shown(low_label or ""), shown(high_label or "")
        self.set_reactive(ScaleSelector.value, value)
        self._slots: list[tuple[int, int, int]] = []  # (start x, end x, number)
        self._typed = ""
        self._typed_at = 0.0

    # ------------------------------------------------------------------ drawing

    def render(self) -> Content:
        width = len(str(self.high)) if self.high >= 0 else len(str(self.low))
        width = max(width, len(str(self.low)))
        slot = width + 2
        ends = len(self.low_label) + len(self.high_label) + 4
        count = self.high - self.low + 1
        if count * slot + ends <= max(self.size.width, 1):
            return self._row(width)
        return self._compact()

    def _row(self, width: int) -> Content:
        parts: list[str | tuple[str, str]] = []
        self._slots = []
        x = 0
        if self.low_label:
            parts += [(self.low_label, "italic"), "  "]
            x += len(self.low_label) + 2
        for number in range(self.low, self.high + 1):
            # The chosen number is bracketed as well as highlighted, so it shows
            # without colour (NO_COLOR) and to screen readers; digits stay in place.
            if number == self.value:
                parts.append((f"[{number}]".rjust(width + 2), "bold reverse"))
            else:
                parts.append(f"{number} ".rjust(width + 2))
            self._slots.append((x, x + width + 2, number))
            x += width + 2
        if self.high_label:
            parts += ["  ", (self.high_label, "italic")]
        return Content.assemble(*parts)

    def _compact(self) -> Content:
        """For scales too wide for the terminal (0 to 100): ◀ 37 ▶."""
        self._slots = []
        chosen = "–" if self.value is None else str(self.value)
        parts: list[str | tuple[str, str]] = []
        if self.low_label:
            parts += [(f"{self.low} = {self.low_label}", "italic"), "   "]
        parts += ["◀ ", (f"[{chosen}]", "bold reverse"), " ▶"]
        if self.high_label:
            parts += ["   ", (f"{self.high} = {self.high_label}", "italic")]
        return Content.assemble(*parts)

    # ------------------------------------------------------------------ choosing

    def watch_value(self) -> None:
        self.post_message(AnswerChanged())

    def action_step(self, delta: int) -> None:
        if self.value is None:
            start = self.low if delta > 0 else self.high
            self.value = start
            return
        self.value = max(self.low, min(self.high, self.value + delta))

    def action_jump(self, direction: int) -> None:
        self.value = self.high if direction > 0 else self.low

    def action_submit(self) -> None:
        self.post_message(AnswerSubmitted())

    def on_key(self, event: Key) -> None:
        character = event.character
        if character is None or not (character.isdigit() or character == "-"):
            return
        event.stop()
        now = time.monotonic()
        fresh = now - self._typed_at > DIGIT_WINDOW
        self._typed_at = now
        typed = character if fresh else self._typed + character
        for attempt in (typed, character):
            if attempt == "-":
                self._typed = "-"
                return
            try:
                number = int(attempt)
            except ValueError:
                continue
            if self.low <= number <= self.high:
                self._typed = attempt
                self.value = number
                return
        self._typed = ""

    def on_click(self, event: Click) -> None:
        for start, end, number in self._slots:
            if start <= event.x < end:
                self.value = number
                return
