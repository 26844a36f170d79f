"""action: the action planner. What will you do, and by when?

Each planned action becomes an `Action` in the journal (an action line with a short
id, a due date and a status: `reflect actions` reads and changes them). The action
line itself is the journal's (`reflect.journal.lines.render_action`), shared with
actions added on their own; this kind is the answer that holds them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from reflect.dates import When, echo_when, format_day, parse_when
from reflect.errors import DateError, InvalidAnswer
from reflect.export.markdown_text import task_list
from reflect.journal.lines import render_action
from reflect.journal.model import Action, Answer
from reflect.kinds.base import (
    Advise,
    AnswerLines,
    Facts,
    Join,
    JsonFields,
    Kind,
    NewActionId,
    PlainAsk,
    Styled,
    fold,
)
from reflect.repeats import Repeat, parse_repeat

if TYPE_CHECKING:
    from reflect.kinds.action.prompt import ActionPrompt

BLANK = "________________"
BOX = {"open": "[ ]", "done": "[x]", "dropped": "[-]"}
STATUS_STYLE = {"open": None, "done": "green", "dropped": "dim"}


@dataclass(frozen=True)
class PlannedAction:
    """An action as planned in a session, before it gets its id in the journal."""

    text: str
    due: date | None = None
    at: time | None = None
    repeat: Repeat | None = None  # with a due date: the plan's first occurrence


@dataclass(frozen=True)
class ActionAnswer(Answer):
    """The actions planned at one prompt."""

    kind: ClassVar[str] = "action"
    actions: tuple[Action, ...]

    def __post_init__(self) -> None:
        if not self.actions:
            raise ValueError("an action answer needs at least one action")

    def held_actions(self) -> tuple[Action, ...]:
        return self.actions

    def with_held_actions(self, actions: tuple[Action, ...]) -> ActionAnswer:
        return replace(self, actions=actions)


class ActionKind(Kind["ActionPrompt", ActionAnswer, list[PlannedAction]]):
    name = "action"
    about = "Plan one or more actions, each with a date."
    plain_help = (
        "an action what you will do, then when ('fri', 'in 3 days', '4 dec', Enter for "
        "no date), echoed back as a date"
    )
    answer_type = ActionAnswer
    reads = "actions"
    starter = (
        "next-step",
        """\
# action: plan what you will do, and when. `suggested_when` is offered as an
# example date, written the way people type it: 'tomorrow', 'fri', 'in 3 days'.
[[sections.prompts]]
id = "small-step"
kind = "action"
text = "What is one small thing you will do, and when?"
suggested_when = "in 3 days"
""",
    )

    def without_actions(self, answer: ActionAnswer) -> object:
        return answer.prompt

    def prompt_model(self) -> type[ActionPrompt]:
        from reflect.kinds.action.prompt import ActionPrompt

        return ActionPrompt

    def preview_markdown(self, prompt: ActionPrompt) -> list[str]:
        example = f" (for example: {prompt.suggested_when})" if prompt.suggested_when else ""
        return [f"- [ ] I will: {BLANK} · When{example}: {BLANK}"]

    def preview_text(self, prompt: ActionPrompt) -> list[str]:
        example = f"; for example: {prompt.suggested_when}" if prompt.suggested_when else ""
        return [f"(what you will do, and when{example})"]

    def advise(self, prompt: ActionPrompt, today: date, add: Advise) -> None:
        if prompt.suggested_when is None:
            add(
                "",
                "this action has no `suggested_when`; a suggested timeframe "
                "('tomorrow', 'in 3 days', 'next week') helps people pick a date",
            )
            return
        problem = unreadable_when(prompt.suggested_when, today)
        if problem is not None:
            add("suggested_when", problem)

    def check(self, prompt: ActionPrompt, value: object) -> list[PlannedAction] | None:
        if not isinstance(value, list) or not all(isinstance(v, PlannedAction) for v in value):
            raise InvalidAnswer("This prompt takes planned actions.")
        planned = [v for v in value if isinstance(v, PlannedAction) and v.text.strip()]
        if any("\n" in action.text for action in planned):
            raise InvalidAnswer("An action is one line: what you will do.")
        return planned or None

    def to_answer(
        self,
        prompt_id: str,
        prompt: str,
        value: list[PlannedAction],
        facts: Facts,
        new_action_id: NewActionId,
    ) -> ActionAnswer:
        actions = tuple(
            Action(
                new_action_id(), planned.text, due=planned.due, at=planned.at, repeat=planned.repeat
            )
            for planned in value
        )
        return ActionAnswer(prompt_id, prompt, actions)

    def to_draft(self, value: list[PlannedAction]) -> dict[str, Any]:
        return {"actions": [_planned_to_data(planned) for planned in value]}

    def from_draft(self, raw: dict[str, Any]) -> list[PlannedAction]:
        return [
            PlannedAction(
                str(a["text"]),
                a.get("due"),
                a.get("at"),
                parse_repeat(a["repeat"]) if a.get("repeat") else None,
            )
            for a in raw.get("actions", [])
        ]

    def read_plain(self, prompt: ActionPrompt, ask: PlainAsk) -> list[PlannedAction] | None:
        planned: list[PlannedAction] = []
        hint = f" (for example: {prompt.suggested_when})" if prompt.suggested_when else ""
        while True:
            question = "What will you do?" if not planned else "Anything else? (Enter when done)"
            ask.write(f"{question}\n")
            text = ask.line().strip()
            if not text:
                return planned or None
            ask.keep([*planned, PlannedAction(text)])  # kept undated if stopped at "When?"
            ask.write(f"When?{hint} Enter for no date.\n")
            while True:
                when_text = ask.line().strip()
                if not when_text:
                    planned.append(PlannedAction(text))
                    ask.write("No date.\n")
                    break
                try:
                    when = parse_when(when_text, ask.today)
                except DateError as problem:
                    ask.write(f"{problem.message}\n")
                    continue
                planned.append(PlannedAction(text, when.day, when.at))
                ask.write(f"Due: {echo_when(when, ask.today)}.\n")  # a sentence, for screen readers
                break
            ask.keep(list(planned))
            planned[-1] = _ask_repeat(planned[-1], ask)
            ask.keep(list(planned))

    def merge(
        self, base: ActionAnswer | None, ours: ActionAnswer, theirs: ActionAnswer, join: Join
    ) -> ActionAnswer:
        return replace(
            ours,
            actions=join.actions(
                None if base is None else base.actions, ours.actions, theirs.actions
            ),
        )

    def journal_lines(self, answer: ActionAnswer) -> list[str]:
        return [line for action in answer.actions for line in render_action(action)]

    def parse(self, lines: AnswerLines) -> ActionAnswer:
        return ActionAnswer(lines.prompt_id, lines.prompt, lines.actions())

    def markdown(self, answer: ActionAnswer) -> str:
        return task_list(answer.actions)

    def to_json(self, answer: ActionAnswer) -> dict[str, Any]:
        return {"actions": [action_to_json(action) for action in answer.actions]}

    def json_schema(self) -> tuple[dict[str, Any], list[str]]:
        actions = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/action"}}
        return {"actions": actions}, ["actions"]

    def from_json(
        self, prompt_id: str, prompt: str, data: dict[str, Any], read: JsonFields, where: str
    ) -> ActionAnswer:
        raw = read.field(data, "actions", list, where)
        actions = tuple(read.action(a, f"{where}.actions[{i}]") for i, a in enumerate(raw))
        return ActionAnswer(prompt_id, prompt, actions)

    def view(self, answer: ActionAnswer, today: date) -> list[Styled]:
        return [line for action in answer.actions for line in view_action(action, "    ", today)]

    def last_said(self, answer: ActionAnswer, prompt: ActionPrompt, today: date) -> str:
        return fold("; ".join(action.text for action in answer.actions))

    def summary_lines(self, answer: ActionAnswer, today: date) -> list[str]:
        return [f"• {action.text}" for action in answer.actions]


def action_to_json(action: Action) -> dict[str, Any]:
    """An action in the JSON export, planned in a prompt or added on its own."""
    return {
        "id": action.id,
        "text": action.text,
        "status": action.status,
        "due": action.due.isoformat() if action.due else None,
        "time": action.at.strftime("%H:%M") if action.at else None,
        "changed_on": action.changed_on.isoformat() if action.changed_on else None,
        "note": action.note,
        "repeat": action.repeat.text() if action.repeat else None,
    }


def view_action(action: Action, indent: str, today: date) -> list[Styled]:
    """An action in `reflect show`: box, id, text, dates, and its note under it."""
    style = STATUS_STYLE[action.status]
    details = []
    if action.due is not None:
        clock = f" {action.at:%H:%M}" if action.at else ""
        details.append(f"due {format_day(action.due, today)}{clock}")
    if action.repeat is not None:
        details.append(action.repeat.label())
    if action.changed_on is not None:
        details.append(f"{action.status} {format_day(action.changed_on, today)}")
    line: Styled = [
        (f"{indent}{BOX[action.status]} ", style),
        (action.id, "dim"),
        ("  " + action.text, style),
    ]
    if details:
        line.append((" — " + ", ".join(details), "dim"))
    note_indent = indent + "      "
    note: list[Styled] = (
        [[(note_indent + part, None)] if part else [] for part in action.note.split("\n")]
        if action.note
        else []
    )
    return [line, *note]


def unreadable_when(text: str, today: date) -> str | None:
    """Why `text` will not work as a suggested date, or None when it reads on every day of
    the coming year (a suggestion such as '2026-12-04' reads today but not next month)."""
    for offset in (0, *range(1, 8), 31, 92, 183, 365):
        day = today + timedelta(days=offset)
        try:
            parse_when(text, day)
        except DateError:
            if offset == 0:
                return (
                    f"reflect can't read '{text}' as a date; suggest one the way people type "
                    "it: 'tomorrow', 'fri', 'in 3 days', 'next week'"
                )
            return (
                f"this stops working on {day.isoformat()}; suggest a timeframe such as "
                "'in 3 days' or 'next week' rather than a fixed date"
            )
    return None


def _planned_to_data(planned: PlannedAction) -> dict[str, Any]:
    data: dict[str, Any] = {"text": planned.text}
    if planned.due is not None:
        data["due"] = planned.due
    if planned.at is not None:
        data["at"] = planned.at
    if planned.repeat is not None:
        data["repeat"] = planned.repeat.text()
    return data


def _ask_repeat(planned: PlannedAction, ask: PlainAsk) -> PlannedAction:
    """'Repeat? (Enter for no)' after the date: 'every monday', '2 weeks', 'weekday'.
    A repeat with no date starts on its first day from today."""
    ask.write("Repeat? ('day', 'weekday', 'monday', '2 weeks', 'month'; Enter for no)\n")
    while True:
        typed = ask.line().strip()
        if not typed:
            return planned
        try:
            repeat = parse_repeat(typed)
        except DateError as problem:
            ask.write(f"{problem.message}\n")
            continue
        planned = repeating(planned, repeat, ask.today)
        assert planned.repeat is not None and planned.due is not None  # repeating sets both
        ask.write(f"Repeats {planned.repeat.label()}, from {format_day(planned.due, ask.today)}.\n")
        return planned


def repeating(planned: PlannedAction, repeat: Repeat, today: date) -> PlannedAction:
    """`planned` repeating: on its own date, or, with none, on the repeat's first day
    from today (both planners, plain and the app's, give a repeat this way)."""
    due = planned.due or repeat.first(today)
    return PlannedAction(
        planned.text, due, planned.at if planned.due else None, repeat.anchored(due)
    )


def when_text(action: Action, today: date) -> str:
    """' — Fri 4 Dec — in 5 days' after an action that has a date, '' otherwise."""
    return f" — {echo_when(When(action.due, action.at), today)}" if action.due else ""


ACTION = ActionKind()
