"""checklist: any of a prompt's options, ticked, one `ticked:` line each."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from reflect.errors import InvalidAnswer
from reflect.export.markdown_text import repeated_inline
from reflect.journal.model import Answer, require_items
from reflect.kinds.base import (
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
from reflect.kinds.choice import ONE_LINE, pick
from reflect.kinds.text import text_value

if TYPE_CHECKING:
    from reflect.kinds.checklist.prompt import ChecklistPrompt

SOME_LINES = {"type": "array", "minItems": 1, "items": ONE_LINE}


@dataclass(frozen=True)
class ChecklistAnswer(Answer):
    """The options ticked, in the workbook's order."""

    kind: ClassVar[str] = "checklist"
    ticked: tuple[str, ...]

    def options_picked(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.ticked))  # each option once

    def __post_init__(self) -> None:
        require_items(self.ticked, "a ticked option")


class Checklist(Kind["ChecklistPrompt", ChecklistAnswer, list[str]]):
    name = "checklist"
    about = "Tick any of the options."
    plain_help = "a checklist numbers or names separated by commas"
    answer_type = ChecklistAnswer
    reads = "ticked"
    starter = (
        "what-helps",
        """\
# checklist: tick any of the options. `optional = true` marks a prompt as one
# people can happily leave (every prompt can be skipped either way).
[[sections.prompts]]
id = "helped"
kind = "checklist"
text = "Which of these helped?"
options = ["Rest", "Time outside", "Time with people", "Time alone"]
optional = true
""",
    )

    def prompt_model(self) -> type[ChecklistPrompt]:
        from reflect.kinds.checklist.prompt import ChecklistPrompt

        return ChecklistPrompt

    def preview_markdown(self, prompt: ChecklistPrompt) -> list[str]:
        return ["Tick any:", "", *(f"- [ ] {option}" for option in _shown_options(prompt))]

    def preview_text(self, prompt: ChecklistPrompt) -> list[str]:
        return ["Tick any:", *(f"[ ] {option}" for option in _shown_options(prompt))]

    def check(self, prompt: ChecklistPrompt, value: object) -> list[str] | None:
        if not isinstance(value, list) or any(v not in prompt.options for v in value):
            raise InvalidAnswer("Tick options from the list shown.")
        ticked = [option for option in prompt.options if option in value]
        return ticked or None

    def to_answer(
        self,
        prompt_id: str,
        prompt: str,
        value: list[str],
        facts: Facts,
        new_action_id: NewActionId,
    ) -> ChecklistAnswer:
        return ChecklistAnswer(prompt_id, prompt, tuple(value))

    def from_draft(self, raw: dict[str, Any]) -> list[str]:
        return [text_value(v) for v in raw["value"]]

    def read_plain(self, prompt: ChecklistPrompt, ask: PlainAsk) -> list[str] | None:
        ask.options(prompt.options)
        ask.write("(Numbers or names, separated by commas.)\n")
        while True:
            text = ask.line().strip()
            if not text:
                return None
            picked = pick_many(text, prompt.options)
            if picked is not None:
                return picked
            ask.write("Type option numbers or names, separated by commas.\n")

    def merge(
        self,
        base: ChecklistAnswer | None,
        ours: ChecklistAnswer,
        theirs: ChecklistAnswer,
        join: Join,
    ) -> ChecklistAnswer | None:
        # A box ticked on one device and not the other stays ticked; unticked on one
        # (with an ancestor to say so), it stays unticked. None left ticked: a conflict.
        ticked = join.items(None if base is None else base.ticked, ours.ticked, theirs.ticked)
        return replace(ours, ticked=ticked) if ticked else None

    def journal_lines(self, answer: ChecklistAnswer) -> list[str]:
        return [f"ticked: {item}" for item in answer.ticked]

    def parse(self, lines: AnswerLines) -> ChecklistAnswer:
        ticked = tuple(value for value, _ in lines.values("ticked"))
        return ChecklistAnswer(lines.prompt_id, lines.prompt, ticked)

    def markdown(self, answer: ChecklistAnswer) -> str:
        return "".join(f"- {repeated_inline(item)}\n" for item in answer.ticked)

    def to_json(self, answer: ChecklistAnswer) -> dict[str, Any]:
        return {"ticked": list(answer.ticked)}

    def json_schema(self) -> tuple[dict[str, Any], list[str]]:
        return {"ticked": SOME_LINES}, ["ticked"]

    def from_json(
        self, prompt_id: str, prompt: str, data: dict[str, Any], read: JsonFields, where: str
    ) -> ChecklistAnswer:
        return ChecklistAnswer(prompt_id, prompt, read.strings(data, "ticked", where))

    def view(self, answer: ChecklistAnswer, today: date) -> list[Styled]:
        return [[("    ✓ " + item, None)] for item in answer.ticked]

    shows_last = True

    def last_said(self, answer: ChecklistAnswer, prompt: ChecklistPrompt, today: date) -> str:
        return fold(", ".join(answer.ticked))

    def summary_lines(self, answer: ChecklistAnswer, today: date) -> list[str]:
        return [f"✓ {item}" for item in answer.ticked]

    def searchable(self, answer: ChecklistAnswer) -> tuple[str, ...]:
        return answer.ticked


def pick_many(text: str, options: list[str]) -> list[str] | None:
    """Options named by numbers or words, separated by commas.

    Options may contain commas themselves ("Enough sleep, most nights"), so the
    longest run of comma-separated pieces that names an option wins.
    """
    pieces = text.split(",")
    picked: list[str] = []
    start = 0
    while start < len(pieces):
        for end in range(len(pieces), start, -1):
            option = pick(",".join(pieces[start:end]).strip(), options)
            if option is not None:
                picked.append(option)
                start = end
                break
        else:
            return None
    return picked


CHECKLIST = Checklist()


# What a checklist with `options_from = "open-actions"` offers, said for a preview.
OPEN_PLANS = "(the person's open plans, each one a box to tick)"


def _shown_options(prompt: ChecklistPrompt) -> list[str]:
    """The options a preview shows: the workbook's, or what `options_from` will give."""
    return prompt.options or [OPEN_PLANS]
