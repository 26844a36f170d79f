"""list: a few short items ("three things that went well"), one `item:` line each.

(The folder is `short_list` so that no module shadows Python's `list`; the kind's
name, in workbooks and the journal, is `list`.)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from reflect.errors import InvalidAnswer
from reflect.export.markdown_text import inline
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
from reflect.kinds.checklist import SOME_LINES
from reflect.kinds.text import text_value

if TYPE_CHECKING:
    from reflect.kinds.short_list.prompt import ListPrompt

BLANK = "________________"


@dataclass(frozen=True)
class ListAnswer(Answer):
    """The items written, in order."""

    kind: ClassVar[str] = "list"
    items: tuple[str, ...]

    def __post_init__(self) -> None:
        require_items(self.items, "a list item")


class ShortList(Kind["ListPrompt", ListAnswer, list[str]]):
    name = "list"
    about = "Several short items, one per line."
    plain_help = "a list one item per line"
    answer_type = ListAnswer
    reads = "item"
    starter = (
        "what-helps",
        """\
# list: a few short items, one per line. `items` is how many to invite.
[[sections.prompts]]
id = "good-things"
kind = "list"
text = "Three small things that went well"
items = 3
""",
    )

    def prompt_model(self) -> type[ListPrompt]:
        from reflect.kinds.short_list.prompt import ListPrompt

        return ListPrompt

    def preview_markdown(self, prompt: ListPrompt) -> list[str]:
        return [f"{n}. {BLANK}" for n in range(1, prompt.items + 1)]

    def preview_text(self, prompt: ListPrompt) -> list[str]:
        return [f"(up to {prompt.items}, one per line)"]

    def check(self, prompt: ListPrompt, value: object) -> list[str] | None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InvalidAnswer("This prompt takes a few short items.")
        items = [str(v) for v in value if str(v).strip()]
        if any("\n" in item for item in items):
            raise InvalidAnswer("Each item is one line.")
        return items or None

    def to_answer(
        self,
        prompt_id: str,
        prompt: str,
        value: list[str],
        facts: Facts,
        new_action_id: NewActionId,
    ) -> ListAnswer:
        return ListAnswer(prompt_id, prompt, tuple(value))

    def from_draft(self, raw: dict[str, Any]) -> list[str]:
        return [text_value(v) for v in raw["value"]]

    def read_plain(self, prompt: ListPrompt, ask: PlainAsk) -> list[str] | None:
        ask.write(f"(Up to {prompt.items}, one per line; an empty line ends.)\n")
        items: list[str] = []
        while (line := ask.line()).strip():
            items.append(line)
            ask.keep(list(items))
        return items or None

    def merge(
        self, base: ListAnswer | None, ours: ListAnswer, theirs: ListAnswer, join: Join
    ) -> ListAnswer | None:
        items = join.items(None if base is None else base.items, ours.items, theirs.items)
        return replace(ours, items=items) if items else None

    def journal_lines(self, answer: ListAnswer) -> list[str]:
        return [f"item: {item}" for item in answer.items]

    def parse(self, lines: AnswerLines) -> ListAnswer:
        items = tuple(value for value, _ in lines.values("item"))
        return ListAnswer(lines.prompt_id, lines.prompt, items)

    def markdown(self, answer: ListAnswer) -> str:
        return "".join(f"{n}. {inline(item)}\n" for n, item in enumerate(answer.items, start=1))

    def to_json(self, answer: ListAnswer) -> dict[str, Any]:
        return {"items": list(answer.items)}

    def json_schema(self) -> tuple[dict[str, Any], list[str]]:
        return {"items": SOME_LINES}, ["items"]

    def from_json(
        self, prompt_id: str, prompt: str, data: dict[str, Any], read: JsonFields, where: str
    ) -> ListAnswer:
        return ListAnswer(prompt_id, prompt, read.strings(data, "items", where))

    def view(self, answer: ListAnswer, today: date) -> list[Styled]:
        return [[(f"    {n}. {item}", None)] for n, item in enumerate(answer.items, 1)]

    def last_said(self, answer: ListAnswer, prompt: ListPrompt, today: date) -> str:
        return fold("; ".join(answer.items))

    def summary_lines(self, answer: ListAnswer, today: date) -> list[str]:
        return [f"{n}. {item}" for n, item in enumerate(answer.items, start=1)]

    def searchable(self, answer: ListAnswer) -> tuple[str, ...]:
        return answer.items

    def own_words(self, answer: ListAnswer) -> tuple[str, ...]:
        return answer.items


SHORT_LIST = ShortList()
