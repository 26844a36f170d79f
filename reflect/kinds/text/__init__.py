"""text: free writing, as many lines as the person likes.

In the journal it is a text block under the prompt (every line indented by four
spaces), kept exactly as written; in Markdown, prose or a fenced block.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from reflect.errors import InvalidAnswer
from reflect.export.markdown_text import block
from reflect.journal.lines import render_block
from reflect.journal.model import Answer
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

if TYPE_CHECKING:
    from reflect.kinds.text.prompt import TextPrompt


@dataclass(frozen=True)
class TextAnswer(Answer):
    """Free writing, exactly as written."""

    kind: ClassVar[str] = "text"
    text: str

    def written_text(self) -> str:
        return self.text


def styled_block(text: str, indent: str) -> list[Styled]:
    """Lines of text for `reflect show`, an empty line left empty."""
    return [[(indent + line, None)] if line else [] for line in text.split("\n")]


class Text(Kind["TextPrompt", TextAnswer, str]):
    name = "text"
    about = "Free writing, as many lines as the person likes."
    plain_help = "a text answer ends at an empty line"
    answer_type = TextAnswer
    reads = "block"
    starter = (
        "looking-back",
        """\
# text: free writing, as many lines as the person likes.
[[sections.prompts]]
id = "how-it-went"
kind = "text"
text = "How have things been since you last looked?"
help = "A few words is plenty."
""",
    )

    def prompt_model(self) -> type[TextPrompt]:
        from reflect.kinds.text.prompt import TextPrompt

        return TextPrompt

    def preview_markdown(self, prompt: TextPrompt) -> list[str]:
        return ["*Space to write, as much as you like.*"]

    def preview_text(self, prompt: TextPrompt) -> list[str]:
        return ["(free writing)"]

    def check(self, prompt: TextPrompt, value: object) -> str | None:
        if not isinstance(value, str):
            raise InvalidAnswer("This prompt takes text.")
        return value if value.strip() else None

    def to_answer(
        self, prompt_id: str, prompt: str, value: str, facts: Facts, new_action_id: NewActionId
    ) -> TextAnswer:
        return TextAnswer(prompt_id, prompt, value)

    def from_draft(self, raw: dict[str, Any]) -> str:
        return text_value(raw["value"])

    def read_plain(self, prompt: TextPrompt, ask: PlainAsk) -> str | None:
        return ask.lines_until_blank() or None

    def merge(
        self, base: TextAnswer | None, ours: TextAnswer, theirs: TextAnswer, join: Join
    ) -> TextAnswer:
        return replace(
            ours, text=join.words(None if base is None else base.text, ours.text, theirs.text)
        )

    def journal_lines(self, answer: TextAnswer) -> list[str]:
        return render_block(answer.text)

    def parse(self, lines: AnswerLines) -> TextAnswer:
        return TextAnswer(lines.prompt_id, lines.prompt, lines.block())

    def markdown(self, answer: TextAnswer) -> str:
        return block(answer.text)

    def to_json(self, answer: TextAnswer) -> dict[str, Any]:
        return {"text": answer.text}

    def json_schema(self) -> tuple[dict[str, Any], list[str]]:
        return {"text": {"type": "string", "description": "Exactly as written."}}, ["text"]

    def from_json(
        self, prompt_id: str, prompt: str, data: dict[str, Any], read: JsonFields, where: str
    ) -> TextAnswer:
        return TextAnswer(prompt_id, prompt, read.field(data, "text", str, where))

    def view(self, answer: TextAnswer, today: date) -> list[Styled]:
        return styled_block(answer.text, "    ")

    def last_said(self, answer: TextAnswer, prompt: TextPrompt, today: date) -> str:
        """Its first line with words in it, and '…' when more followed."""
        first = next((line.strip() for line in answer.text.split("\n") if line.strip()), "")
        return fold(first, more=first != answer.text.strip())

    def summary_lines(self, answer: TextAnswer, today: date) -> list[str]:
        return answer.text.split("\n")

    def searchable(self, answer: TextAnswer) -> list[str]:
        return [answer.text]

    def own_words(self, answer: TextAnswer) -> list[str]:
        return [answer.text]


def text_value(value: object) -> str:
    """A saved string, refused (not turned into "['words']") when a hand edit changed its type."""
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


TEXT = Text()
