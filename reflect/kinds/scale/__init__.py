"""scale: a whole number between a prompt's `min` and `max`, with words for its ends.

The journal keeps the scale's ends with the number (`scale: 6 (0 to 10)`), so the
answer still means something if the workbook changes. A low answer can bring the
support note (`support_below`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from reflect.errors import InvalidAnswer
from reflect.journal.model import Answer
from reflect.kinds.base import (
    Advise,
    AnswerLines,
    Ends,
    Facts,
    JsonFields,
    Kind,
    NewActionId,
    PlainAsk,
    Styled,
)

if TYPE_CHECKING:
    from reflect.kinds.scale.prompt import ScalePrompt

MARKDOWN = "**{value}** on a scale from {low} to {high}"
_LINE = re.compile(r"^scale: (-?[0-9]+) \((-?[0-9]+) to (-?[0-9]+)\)$")


@dataclass(frozen=True)
class ScaleAnswer(Answer):
    """A number, with the scale's ends at the time it was given."""

    kind: ClassVar[str] = "scale"
    value: int
    low: int
    high: int

    def on_scale(self) -> tuple[int, int, int]:
        return self.value, self.low, self.high


class Scale(Kind["ScalePrompt", ScaleAnswer, int]):
    name = "scale"
    about = "A number between `min` and `max`."
    plain_help = "a scale takes a number"
    answer_type = ScaleAnswer
    reads = "scale"
    starter = (
        "looking-back",
        """\
# scale: a number between min and max, with words for each end. If the answer
# is at or below `support_below`, the support note is shown gently.
[[sections.prompts]]
id = "how-you-feel"
kind = "scale"
text = "How are you feeling today?"
min = 0
max = 10
min_label = "Really low"
max_label = "Really good"
support_below = 2
""",
    )

    def prompt_model(self) -> type[ScalePrompt]:
        from reflect.kinds.scale.prompt import ScalePrompt

        return ScalePrompt

    def preview_markdown(self, prompt: ScalePrompt) -> list[str]:
        low = f"{prompt.min}" + (f" ({prompt.min_label})" if prompt.min_label else "")
        high = f"{prompt.max}" + (f" ({prompt.max_label})" if prompt.max_label else "")
        middle = [str(n) for n in range(prompt.min + 1, prompt.max)]
        if len(middle) > 9:
            middle = [*middle[:2], "…", *middle[-2:]]
        lines = ["Circle one: " + " · ".join([low, *middle, high])]
        if prompt.support_below is not None:
            lines += [
                "",
                f"*If your answer is {prompt.support_below} or lower, please read the note at "
                "the start again: you do not have to work through this alone.*",
            ]
        return lines

    def preview_text(self, prompt: ScalePrompt) -> list[str]:
        ends = f"{prompt.min}" + (f" = {prompt.min_label}" if prompt.min_label else "")
        ends += f" … {prompt.max}" + (f" = {prompt.max_label}" if prompt.max_label else "")
        lines = [f"({ends})"]
        if prompt.support_below is not None:
            lines.append(
                f"(An answer of {prompt.support_below} or lower is followed by the support note.)"
            )
        return lines

    def advise(self, prompt: ScalePrompt, today: date, add: Advise) -> None:
        if not (prompt.min_label and prompt.max_label):
            add(
                "",
                "this scale has no labels for its ends; set `min_label` and `max_label` "
                f"so people know what {prompt.min} and {prompt.max} mean",
            )

    def check(self, prompt: ScalePrompt, value: object) -> int | None:
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidAnswer(f"Pick a whole number from {prompt.min} to {prompt.max}.")
        if not prompt.min <= value <= prompt.max:
            raise InvalidAnswer(f"Pick a number from {prompt.min} to {prompt.max}.")
        return value

    def facts(self, prompt: ScalePrompt) -> Facts:
        return {"low": prompt.min, "high": prompt.max}

    def wants_support(self, prompt: ScalePrompt, value: int) -> bool:
        return prompt.support_below is not None and value <= prompt.support_below

    def to_answer(
        self, prompt_id: str, prompt: str, value: int, facts: Facts, new_action_id: NewActionId
    ) -> ScaleAnswer:
        return ScaleAnswer(prompt_id, prompt, value, facts["low"], facts["high"])

    def from_draft(self, raw: dict[str, Any]) -> int:
        return int(raw["value"])

    def facts_from_draft(self, raw: dict[str, Any]) -> Facts:
        return {"low": int(raw.get("low", 0)), "high": int(raw.get("high", 10))}

    def read_plain(self, prompt: ScalePrompt, ask: PlainAsk) -> int | None:
        ends = f"{prompt.min}" + (f" = {prompt.min_label}" if prompt.min_label else "")
        ends += f", {prompt.max}" + (f" = {prompt.max_label}" if prompt.max_label else "")
        ask.write(f"({ends})\n")
        while True:
            text = ask.line().strip()
            if not text:
                return None
            try:
                return int(text)
            except ValueError:
                ask.write(f"Type a number from {prompt.min} to {prompt.max}.\n")

    def journal_lines(self, answer: ScaleAnswer) -> list[str]:
        return [f"scale: {answer.value} ({answer.low} to {answer.high})"]

    def parse(self, lines: AnswerLines) -> ScaleAnswer:
        found = _LINE.match(lines.line())
        if not found:
            raise lines.no_answer()
        try:
            value, low, high = (int(group) for group in found.groups())
        except ValueError:  # past int()'s 4,300-digit limit
            raise lines.fail("This scale has a number too long to read.") from None
        lines.advance()
        return ScaleAnswer(lines.prompt_id, lines.prompt, value, low, high)

    def markdown(self, answer: ScaleAnswer) -> str:
        return MARKDOWN.format(value=answer.value, low=answer.low, high=answer.high) + "\n"

    def to_json(self, answer: ScaleAnswer) -> dict[str, Any]:
        return {"value": answer.value, "low": answer.low, "high": answer.high}

    def json_schema(self) -> tuple[dict[str, Any], list[str]]:
        number = {"type": "integer"}
        return {"value": number, "low": number, "high": number}, ["value", "low", "high"]

    def from_json(
        self, prompt_id: str, prompt: str, data: dict[str, Any], read: JsonFields, where: str
    ) -> ScaleAnswer:
        value, low, high = (read.field(data, key, int, where) for key in ("value", "low", "high"))
        return ScaleAnswer(prompt_id, prompt, value, low, high)

    def view(self, answer: ScaleAnswer, today: date) -> list[Styled]:
        return [[(f"    {answer.value}", "bold"), (f" ({answer.low} to {answer.high})", "dim")]]

    def summary_lines(self, answer: ScaleAnswer, today: date) -> list[str]:
        return [f"{answer.value}  (on a scale of {answer.low} to {answer.high})"]

    shows_last = True

    def last_said(self, answer: ScaleAnswer, prompt: ScalePrompt, today: date) -> str:
        """The number, with its range only when the prompt's range has changed since."""
        if (answer.low, answer.high) == (prompt.min, prompt.max):
            return str(answer.value)
        return f"{answer.value} (on a scale of {answer.low} to {answer.high})"

    def labelled_ends(self, raw: dict[str, Any]) -> Ends | None:
        low, high = raw.get("min", 0), raw.get("max", 10)
        if not isinstance(low, int) or not isinstance(high, int):
            return None
        return low, high, _label(raw.get("min_label")), _label(raw.get("max_label"))


def _label(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


SCALE = Scale()
