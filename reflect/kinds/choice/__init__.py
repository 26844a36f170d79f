"""choice: one of a prompt's options, kept in its words (`chose: More rest`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from reflect.errors import InvalidAnswer
from reflect.export.markdown_text import repeated_inline
from reflect.journal.model import Answer, require_one_line
from reflect.kinds.base import AnswerLines, Facts, JsonFields, Kind, NewActionId, PlainAsk, Styled
from reflect.kinds.text import text_value

if TYPE_CHECKING:
    from reflect.kinds.choice.prompt import ChoicePrompt

ONE_LINE = {"$ref": "#/$defs/oneLine"}


@dataclass(frozen=True)
class ChoiceAnswer(Answer):
    """The option chosen, in its words."""

    kind: ClassVar[str] = "choice"
    chosen: str

    def options_picked(self) -> tuple[str, ...]:
        return (self.chosen,)

    def __post_init__(self) -> None:
        require_one_line(self.chosen, "a choice")


class Choice(Kind["ChoicePrompt", ChoiceAnswer, str]):
    name = "choice"
    about = "Pick one option."
    plain_help = "a choice its number or its words"
    answer_type = ChoiceAnswer
    reads = "chose"
    starter = (
        "looking-back",
        """\
# choice: pick one option.
[[sections.prompts]]
id = "pace"
kind = "choice"
text = "Which fits the last while best?"
options = ["Too busy", "About right", "Too quiet"]
""",
    )

    def prompt_model(self) -> type[ChoicePrompt]:
        from reflect.kinds.choice.prompt import ChoicePrompt

        return ChoicePrompt

    def preview_markdown(self, prompt: ChoicePrompt) -> list[str]:
        return ["Pick one:", "", *(f"- ( ) {option}" for option in prompt.options)]

    def preview_text(self, prompt: ChoicePrompt) -> list[str]:
        return ["Pick one:", *(f"{n}. {o}" for n, o in enumerate(prompt.options, start=1))]

    def check(self, prompt: ChoicePrompt, value: object) -> str | None:
        if value == "" or value == []:
            return None
        if not isinstance(value, str) or value not in prompt.options:
            raise InvalidAnswer("Pick one of the options shown.")
        return value

    def to_answer(
        self, prompt_id: str, prompt: str, value: str, facts: Facts, new_action_id: NewActionId
    ) -> ChoiceAnswer:
        return ChoiceAnswer(prompt_id, prompt, value)

    def from_draft(self, raw: dict[str, Any]) -> str:
        return text_value(raw["value"])

    def read_plain(self, prompt: ChoicePrompt, ask: PlainAsk) -> str | None:
        ask.options(prompt.options)
        while True:
            text = ask.line().strip()
            if not text:
                return None
            chosen = pick(text, prompt.options)
            if chosen is not None:
                return chosen
            ask.write("Type the number or the words of one option.\n")

    def journal_lines(self, answer: ChoiceAnswer) -> list[str]:
        return [f"chose: {answer.chosen}"]

    def parse(self, lines: AnswerLines) -> ChoiceAnswer:
        values = lines.values("chose")
        if len(values) > 1:
            raise lines.fail("A choice has one 'chose:' line.", lines.heading)
        return ChoiceAnswer(lines.prompt_id, lines.prompt, values[0][0])

    def markdown(self, answer: ChoiceAnswer) -> str:
        return repeated_inline(answer.chosen) + "\n"

    def to_json(self, answer: ChoiceAnswer) -> dict[str, Any]:
        return {"chosen": answer.chosen}

    def json_schema(self) -> tuple[dict[str, Any], list[str]]:
        return {"chosen": ONE_LINE}, ["chosen"]

    def from_json(
        self, prompt_id: str, prompt: str, data: dict[str, Any], read: JsonFields, where: str
    ) -> ChoiceAnswer:
        return ChoiceAnswer(prompt_id, prompt, read.field(data, "chosen", str, where))

    def view(self, answer: ChoiceAnswer, today: date) -> list[Styled]:
        return [[("    " + answer.chosen, None)]]

    shows_last = True

    def summary_lines(self, answer: ChoiceAnswer, today: date) -> list[str]:
        return [answer.chosen]

    def searchable(self, answer: ChoiceAnswer) -> list[str]:
        return [answer.chosen]


def pick(text: str, options: list[str]) -> str | None:
    """An option by its 1-based number or its words (case-insensitive)."""
    if text.isdigit() and 1 <= int(text) <= len(options):
        return options[int(text) - 1]
    for option in options:
        if option.casefold() == text.casefold():
            return option
    return None


CHOICE = Choice()
