"""The action planner: what you will do, and when, with the date read back as you type.

Dates go through `reflect.dates` (the one place dates are read), and every
date is echoed as an absolute day with relative words ("Wed 2 Dec — in 3
days") before it is kept, or a gentle note when it cannot be read.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static

from reflect.dates import When, echo_when, parse_when
from reflect.errors import DateError
from reflect.kinds.action import PlannedAction, repeating
from reflect.repeats import Repeat, parse_repeat
from reflect.tui import words
from reflect.tui.widgets.common import AnswerChanged, AnswerSubmitted, focus_now
from reflect.tui.widgets.literal import LiteralInput, literal, shown


def read_repeat(text: str) -> Repeat | DateError | None:
    """The typed repeat: a Repeat, None for 'just once', or the DateError to show."""
    if not text.strip():
        return None
    try:
        return parse_repeat(text)
    except DateError as problem:
        return problem


def read_when(text: str, today: date) -> When | DateError | None:
    """The typed date: a When, None for 'no date', or the DateError to show."""
    if not text.strip():
        return None
    try:
        return parse_when(text, today)
    except DateError as problem:
        return problem


class PlannedList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("delete,backspace", "remove", "Remove")]

    def action_remove(self) -> None:
        planner = self.parent
        if isinstance(planner, ActionPlanner) and self.highlighted is not None:
            planner.remove_planned(self.highlighted)


class ActionPlanner(Vertical):
    DEFAULT_CSS = """
    ActionPlanner {
        height: auto;
    }
    ActionPlanner > Horizontal {
        height: auto;
    }
    ActionPlanner .field-label {
        width: 8;
        padding: 1 1 0 0;
    }
    ActionPlanner #what {
        width: 1fr;
    }
    ActionPlanner #when {
        width: 30;
    }
    ActionPlanner #repeat {
        width: 30;
    }
    ActionPlanner .echo {
        width: 1fr;
        padding: 1 0 0 1;
    }
    ActionPlanner .echo.problem {
        color: $text-warning;
    }
    ActionPlanner .echo.none {
        color: $text-muted;
    }
    ActionPlanner .hint {
        color: $text-muted;
        padding-left: 8;
    }
    ActionPlanner #plan-title {
        margin-top: 1;
    }
    ActionPlanner PlannedList {
        height: auto;
        max-height: 8;
    }
    """

    def __init__(
        self,
        planned: list[PlannedAction],
        today: date,
        *,
        suggested: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.planned = list(planned)
        self.today = today
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        example = self.suggested or words.ACTION_WHEN_EXAMPLE
        with Horizontal():
            yield Label(words.ACTION_WHAT, classes="field-label")
            yield LiteralInput(placeholder=words.ACTION_WHAT_PLACEHOLDER, id="what")
        with Horizontal():
            yield Label(words.ACTION_WHEN, classes="field-label")
            yield LiteralInput(
                placeholder=words.ACTION_WHEN_PLACEHOLDER.format(example=example), id="when"
            )
            yield Static("", id="echo", classes="echo", markup=False)
        with Horizontal():
            yield Label(words.ACTION_REPEAT, classes="field-label")
            yield LiteralInput(placeholder=words.ACTION_REPEAT_PLACEHOLDER, id="repeat")
            yield Static("", id="repeat-echo", classes="echo", markup=False)
        yield Static(words.ACTION_HINT, classes="hint", markup=False)
        yield Static(
            Content.assemble((words.ACTION_PLAN, "bold"), (words.ACTION_PLAN_HINT, "dim")),
            id="plan-title",
        )
        yield PlannedList(id="plan")

    def on_mount(self) -> None:
        self._show_echo("")
        self._show_repeat("")
        self._show_plan()

    # ------------------------------------------------------------------ the fields

    @property
    def what(self) -> Input:
        return self.query_one("#what", Input)

    @property
    def when(self) -> Input:
        return self.query_one("#when", Input)

    @property
    def repeat(self) -> Input:
        return self.query_one("#repeat", Input)

    def _show_echo(self, text: str) -> None:
        echo = self.query_one("#echo", Static)
        found = read_when(text, self.today)
        echo.set_classes("echo")
        if found is None:
            echo.update(Content(words.ACTION_NO_DATE))
            echo.add_class("none")
        elif isinstance(found, DateError):
            echo.update(literal(found.message))
            echo.add_class("problem")
        else:
            echo.update(Content(echo_when(found, self.today)))

    def _show_repeat(self, text: str) -> None:
        echo = self.query_one("#repeat-echo", Static)
        found = read_repeat(text)
        echo.set_classes("echo")
        if found is None:
            echo.update(Content(words.ACTION_NO_REPEAT))
            echo.add_class("none")
        elif isinstance(found, DateError):
            echo.update(literal(found.message))
            echo.add_class("problem")
        else:
            echo.update(Content(words.ACTION_REPEATS.format(label=found.label())))

    def _show_plan(self) -> None:
        plan = self.query_one(PlannedList)
        keep = plan.highlighted or 0
        plan.set_options(self._line(action) for action in self.planned)
        if self.planned:
            plan.highlighted = min(keep, len(self.planned) - 1)  # Delete has a target
        plan.display = bool(self.planned)
        self.query_one("#plan-title").display = bool(self.planned)

    def _line(self, action: PlannedAction) -> Content:
        if action.due is None:
            return Content.assemble("• ", shown(action.text), (" — no date", "italic"))
        when = echo_when(When(action.due, action.at), self.today)
        if action.repeat is not None:
            when += f", {action.repeat.label()}"
        return Content.assemble("• ", shown(action.text), (f" — {when}", "italic"))

    @on(Input.Changed, "#when")
    def _when_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_echo(event.value)
        self.post_message(AnswerChanged())

    @on(Input.Changed, "#repeat")
    def _repeat_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_repeat(event.value)
        self.post_message(AnswerChanged())

    @on(Input.Changed, "#what")
    def _what_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(AnswerChanged())

    @on(Input.Submitted, "#what")
    def _what_entered(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            focus_now(self.when)
        elif not self.when.value.strip():
            self.post_message(AnswerSubmitted())

    @on(Input.Submitted, "#when")
    @on(Input.Submitted, "#repeat")
    def _when_entered(self, event: Input.Submitted) -> None:
        """Enter in the date or the repeat: add the plan (or, with nothing written
        yet, move on, or ask for what first)."""
        event.stop()
        if not self.what.value.strip():
            if event.value.strip():
                self.app.notify(words.ACTION_NEEDS_WHAT)
                focus_now(self.what)
            else:
                self.post_message(AnswerSubmitted())
            return
        if self.add_pending():
            focus_now(self.what)

    # ------------------------------------------------------------------ the plan

    def pending(self) -> PlannedAction | DateError | None:
        """The action being written (not yet added), if it is complete enough to keep."""
        text = self.what.value.strip()
        if not text:
            return None
        found = read_when(self.when.value, self.today)
        if isinstance(found, DateError):
            return found
        planned = PlannedAction(text) if found is None else PlannedAction(text, found.day, found.at)
        repeat = read_repeat(self.repeat.value)
        if isinstance(repeat, DateError):
            return repeat
        return planned if repeat is None else repeating(planned, repeat, self.today)

    def add_pending(self) -> bool:
        action = self.pending()
        if not isinstance(action, PlannedAction):
            return False
        self.planned.append(action)
        self.what.value = ""
        self.when.value = ""
        self.repeat.value = ""
        self._show_plan()
        self.post_message(AnswerChanged())
        return True

    def remove_planned(self, index: int) -> None:
        if 0 <= index < len(self.planned):
            del self.planned[index]
            self._show_plan()
            self.post_message(AnswerChanged())
            if not self.planned:
                focus_now(self.what)

    # ------------------------------------------------------------------ the field interface

    def get_value(self) -> list[PlannedAction]:
        pending = self.pending()
        extra = [pending] if isinstance(pending, PlannedAction) else []
        return [*self.planned, *extra]

    def focus_answer(self) -> None:
        focus_now(self.what)

    def problem(self) -> str | None:
        pending = self.pending()
        if isinstance(pending, DateError):  # the date's problem first, as `pending` finds it
            bad_date = isinstance(read_when(self.when.value, self.today), DateError)
            template = words.ACTION_FIX_DATE if bad_date else words.ACTION_FIX_REPEAT
            return template.format(problem=pending.message)
        return None
