"""The workbook schema.

The schema is the documentation: every field carries a description, which
becomes the JSON Schema text an author sees in their editor (see
`reflect.workbook.base`). Each prompt kind's own fields are in its folder,
`reflect/kinds/<name>/prompt.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Union

from pydantic import Field, model_validator

from reflect.kinds import KINDS, names_in_words
from reflect.workbook.base import Id, Line, PromptBase, Strict, Text, require_unique

# Every prompt kind's model, from the one list of kinds: pydantic reads `kind` first
# and validates the rest against that kind's fields alone (and says which kind it
# expected when `kind` is missing or unknown). The type checker sees the common base.
if TYPE_CHECKING:
    Prompt = PromptBase
else:
    Prompt = Annotated[
        Union[tuple(kind.prompt_model() for kind in KINDS)],  # noqa: UP007 (built at run time)
        Field(discriminator="kind"),
    ]


class Section(Strict):
    """One part of a workbook, done in one sitting or left for another day."""

    id: Id
    title: Line = Field(description="The section's heading.")
    ideas: str | None = Field(
        default=None,
        description=(
            "Ideas to consider, in Markdown (paragraphs, '- ' lists, *emphasis*). "
            "Shown before the prompts."
        ),
    )
    tips: list[Text] = Field(
        default_factory=list, description="Short practical tips, one or two sentences each."
    )
    prompts: list[Prompt] = Field(
        default_factory=list,
        description=(
            f"The prompts, in order. Each one's `kind` ({names_in_words()}) decides which "
            "other fields it takes."
        ),
    )


class Workbook(Strict):
    """A guided workbook: ideas, space to reflect, tips, and a plan."""

    id: Id
    title: Line = Field(description="The workbook's name, as people will see it.")
    version: str = Field(
        default="1",
        description=(
            "Change this (for example from '1' to '2') when you change the workbook. "
            "Someone who paused partway keeps every answer whose prompt id still exists."
        ),
        pattern=r"^[A-Za-z0-9._-]{1,32}$",
    )
    description: str = Field(
        description="One or two sentences: what this workbook is for. Shown in listings."
    )
    minutes: int = Field(
        ge=1, le=600, description="An honest estimate of the minutes it takes, going gently."
    )
    intro: str | None = Field(
        default=None,
        description=(
            "Words shown before the first section. Say that people can go at their own pace "
            "(skip, pause, stop) and who to talk to if reflecting brings up something hard."
        ),
    )
    support_note: str | None = Field(
        default=None,
        description=(
            "Who to contact if reflecting brings up something hard, in your community's words. "
            "Replaces the default support note for this workbook."
        ),
    )
    sections: list[Section] = Field(min_length=1, description="The sections, in order.")

    @model_validator(mode="after")
    def _unique_ids(self) -> Workbook:
        require_unique([s.id for s in self.sections], "section id")
        require_unique([p.id for s in self.sections for p in s.prompts], "prompt id")
        return self

    def prompt_count(self) -> int:
        return sum(len(s.prompts) for s in self.sections)
