"""The right answer widget for each kind of prompt, all with one small interface.

Every field offers `get_value()` (the answer as the engine takes it),
`focus_answer()` and `problem()` (a reason not to move on yet, or None), so
the walk screen never needs to know which kind it is showing. `FIELDS` says which
widget each kind (`reflect.kinds`) is answered with; a test holds it to the kinds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from textual.widget import Widget
from textual.widgets import RadioSet

from reflect.kinds.action import PlannedAction
from reflect.kinds.action.prompt import ActionPrompt
from reflect.kinds.checklist.prompt import ChecklistPrompt
from reflect.kinds.choice.prompt import ChoicePrompt
from reflect.kinds.scale.prompt import ScalePrompt
from reflect.kinds.short_list.prompt import ListPrompt
from reflect.kinds.text.prompt import TextPrompt
from reflect.session import AnswerValue
from reflect.tui import words
from reflect.tui.widgets.date_field import DateField
from reflect.tui.widgets.growing_list import GrowingList
from reflect.tui.widgets.literal import LiteralTextArea, literal
from reflect.tui.widgets.marks import MarkedRadioButton, MarkedSelectionList
from reflect.tui.widgets.planner import ActionPlanner
from reflect.tui.widgets.scale import ScaleSelector
from reflect.workbook.models import Prompt

ANSWER_ID = "answer"


class AnswerField(Protocol):
    """None from `get_value` means nothing was given: moving on skips the prompt."""

    def get_value(self) -> AnswerValue | None: ...
    def focus_answer(self) -> None: ...
    def problem(self) -> str | None: ...


class TextField(LiteralTextArea):
    """Multi-line writing. Tab leaves the field rather than indenting: this is prose."""

    DEFAULT_CSS = """
    TextField {
        height: 1fr;
        min-height: 4;
    }
    """

    def get_value(self) -> str:
        return self.text

    def focus_answer(self) -> None:
        self.focus()
        self.move_cursor(self.document.end)

    def problem(self) -> str | None:
        return None


class ChoiceField(RadioSet):
    def __init__(self, options: list[str], chosen: str | None) -> None:
        super().__init__(
            *(MarkedRadioButton(literal(option), value=option == chosen) for option in options),
            id=ANSWER_ID,
        )
        self.choices = options

    def get_value(self) -> str:
        index = self.pressed_index
        return self.choices[index] if 0 <= index < len(self.choices) else ""

    def focus_answer(self) -> None:
        self.focus()

    def problem(self) -> str | None:
        return None


class ChecklistField(MarkedSelectionList):
    def __init__(self, options: list[str], ticked: list[str]) -> None:
        super().__init__(
            *((literal(option), option, option in ticked) for option in options), id=ANSWER_ID
        )
        self.choices = options

    def get_value(self) -> list[str]:
        chosen = set(self.selected)
        return [option for option in self.choices if option in chosen]

    def focus_answer(self) -> None:
        self.focus()

    def problem(self) -> str | None:
        return None


class ScaleField(ScaleSelector):
    def get_value(self) -> int | None:
        return self.value

    def focus_answer(self) -> None:
        self.focus()

    def problem(self) -> str | None:
        return None


def _text(prompt: TextPrompt, value: AnswerValue | None, today: date) -> Widget:
    return TextField(
        value if isinstance(value, str) else "",
        id=ANSWER_ID,
        soft_wrap=True,
        tab_behavior="focus",
        placeholder=words.TEXT_PLACEHOLDER,
    )


def _scale(prompt: ScalePrompt, value: AnswerValue | None, today: date) -> Widget:
    return ScaleField(
        prompt.min,
        prompt.max,
        low_label=prompt.min_label,
        high_label=prompt.max_label,
        value=value if isinstance(value, int) else None,
        id=ANSWER_ID,
    )


def _choice(prompt: ChoicePrompt, value: AnswerValue | None, today: date) -> Widget:
    return ChoiceField(prompt.options, value if isinstance(value, str) else None)


def _checklist(prompt: ChecklistPrompt, value: AnswerValue | None, today: date) -> Widget:
    ticked = [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
    return ChecklistField(prompt.options, ticked)


def _list(prompt: ListPrompt, value: AnswerValue | None, today: date) -> Widget:
    items = [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
    return GrowingList(prompt.items, items, id=ANSWER_ID)


def _action(prompt: ActionPrompt, value: AnswerValue | None, today: date) -> Widget:
    planned = [v for v in value if isinstance(v, PlannedAction)] if isinstance(value, list) else []
    return ActionPlanner(planned, today, suggested=prompt.suggested_when, id=ANSWER_ID)


# Each kind's widget, by the kind's name. Any: each maker takes its own kind's prompt.
FIELDS: dict[str, Callable[[Any, AnswerValue | None, date], Widget]] = {
    "text": _text,
    "scale": _scale,
    "choice": _choice,
    "checklist": _checklist,
    "list": _list,
    "action": _action,
    "date": DateField.make,
}


def make_field(prompt: Prompt, value: AnswerValue | None, today: date) -> Widget:
    """The widget for `prompt`, showing `value` (an earlier answer) if there is one."""
    return FIELDS[prompt.kind](prompt, value, today)
