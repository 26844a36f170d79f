"""The answer to a date prompt: a day typed the way people say it, read back as you type.

The day is read by the date kind (`reflect.kinds.date.read_day`, the same phrases as
the plain walk takes, in the direction the prompt allows) and echoed as an absolute
day with relative words ("Wed 4 Nov — 3 weeks ago"), as the action planner's date
field does, or a gentle note when it cannot be read.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from reflect.errors import DateError
from reflect.kinds.date import EXAMPLES, echo_day, read_day
from reflect.kinds.date.prompt import DatePrompt
from reflect.tui.widgets.common import AnswerChanged, AnswerSubmitted
from reflect.tui.widgets.literal import LiteralInput, literal

PLACEHOLDER = "e.g. {examples}"
NO_DAY = "No day yet — Enter skips this one."
FIX_DAY = "The day needs a look: {problem}"


class DateField(Horizontal):
    DEFAULT_CSS = """
    DateField {
        height: auto;
    }
    DateField #day {
        width: 40;
    }
    DateField #day-echo {
        width: 1fr;
        padding: 1 0 0 1;
    }
    DateField #day-echo.problem {
        color: $text-warning;
    }
    DateField #day-echo.none {
        color: $text-muted;
    }
    """

    def __init__(self, allow: str, day: date | None, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.allow, self.today, self.start = allow, today, day

    @classmethod
    def make(cls, prompt: DatePrompt, value: object, today: date) -> Widget:
        """The field for `prompt`, showing `value` (an earlier answer) if it is a day."""
        return cls(prompt.allow, value if isinstance(value, date) else None, today, id="answer")

    def compose(self) -> ComposeResult:
        yield LiteralInput(
            self.start.isoformat() if self.start else "",
            placeholder=PLACEHOLDER.format(examples=EXAMPLES[self.allow]),
            id="day",
        )
        yield Static("", id="day-echo", markup=False)

    def on_mount(self) -> None:
        self._show_echo()

    @property
    def typed(self) -> Input:
        return self.query_one("#day", Input)

    def read(self) -> date | DateError | None:
        """The typed day, None when nothing is typed, or the DateError to show."""
        text = self.typed.value
        if not text.strip():
            return None
        try:
            return read_day(text, self.today, self.allow)
        except DateError as problem:
            return problem

    def _show_echo(self) -> None:
        echo = self.query_one("#day-echo", Static)
        found = self.read()
        echo.set_classes("")
        if found is None:
            echo.update(Content(NO_DAY))
            echo.add_class("none")
        elif isinstance(found, DateError):
            echo.update(literal(found.message))  # it may quote what was typed
            echo.add_class("problem")
        else:
            echo.update(Content(echo_day(found, self.today)))

    @on(Input.Changed, "#day")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_echo()
        self.post_message(AnswerChanged())

    @on(Input.Submitted, "#day")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(AnswerSubmitted())

    # ------------------------------------------------------------------ the field interface

    def get_value(self) -> date | None:
        found = self.read()
        return found if isinstance(found, date) else None

    def focus_answer(self) -> None:
        self.typed.focus()

    def problem(self) -> str | None:
        found = self.read()
        return FIX_DAY.format(problem=found.message) if isinstance(found, DateError) else None
