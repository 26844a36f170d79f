"""The workbook schema.

The schema is the documentation: every field carries a description, which
becomes the JSON Schema text an author sees in their editor. Unknown keys are
errors (a typo in a workbook must not be silently ignored) and input values are
never echoed in errors (a workbook may hold someone's words).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(
        description=(
            "A short, stable name: lower-case letters, digits, '-' or '_'. "
            "Keep it the same when you edit the text, so paused drafts and journal "
            "entries still point at the right place."
        )
    ),
]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[^\n\r]*$")]
Text = Annotated[str, StringConstraints(min_length=1)]


class _Strict(BaseModel):
    # strict: TOML already has numbers, booleans and lists, so "10" in quotes is a mistake to
    # point out (as the JSON Schema does in editors), not something to quietly convert.
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, frozen=True, strict=True)


class _PromptBase(_Strict):
    id: Id
    text: Line = Field(
        description=(
            "The question or invitation, in one short line (under 200 characters). "
            "Put examples and longer words in `help`."
        )
    )
    help: str | None = Field(
        default=None,
        description="Optional extra words under the prompt: an example, a gentle nudge.",
    )
    optional: bool = Field(
        default=False,
        description=(
            "Marks the prompt as optional in the interface. Every prompt can be skipped; "
            "skipped prompts that are not optional are listed at the end as ones to come back to."
        ),
    )
    show_last: bool | None = Field(
        default=None,
        description=(
            "Show the last answer to this prompt (and its date) beside it, when it was "
            "answered before in this workbook. By default on for scale, choice and checklist "
            "prompts and off for the others; `false` turns it off, `true` on (a text shows "
            "its first line)."
        ),
    )


class TextPrompt(_PromptBase):
    """Free, multi-line writing."""

    kind: Literal["text"] = Field(description="Free writing, as many lines as the person likes.")


class ScalePrompt(_PromptBase):
    """A number on a scale with labelled ends."""

    kind: Literal["scale"] = Field(description="A number between `min` and `max`.")
    min: int = Field(default=0, description="The lowest number on the scale.")
    max: int = Field(default=10, description="The highest number on the scale.")
    min_label: str | None = Field(
        default=None, description="What the lowest number means, in a few words: 'Really low'."
    )
    max_label: str | None = Field(
        default=None, description="What the highest number means, in a few words: 'Really good'."
    )
    support_below: int | None = Field(
        default=None,
        description=(
            "If the answer is at or below this number, the support note (the workbook's "
            "`support_note`, or the reader's own) is shown gently after the answer; the "
            "person can then carry on or pause."
        ),
    )

    @model_validator(mode="after")
    def _range(self) -> ScalePrompt:
        if self.min >= self.max:
            raise ValueError("`min` must be smaller than `max`")
        if self.max - self.min > 100:
            raise ValueError("a scale can have at most 101 points")
        if self.support_below is not None and not self.min <= self.support_below <= self.max:
            raise ValueError("`support_below` must be between `min` and `max`")
        return self


class ChoicePrompt(_PromptBase):
    """Pick one of a few options."""

    kind: Literal["choice"] = Field(description="Pick one option.")
    options: list[Line] = Field(min_length=2, description="The options, in order (at least two).")

    @model_validator(mode="after")
    def _unique(self) -> ChoicePrompt:
        _require_unique(self.options, "option")
        return self


class ChecklistPrompt(_PromptBase):
    """Tick any number of options."""

    kind: Literal["checklist"] = Field(description="Tick any of the options.")
    options: list[Line] = Field(
        default_factory=list,
        description="The options, in order (at least one, unless `options_from` gives them).",
    )
    options_from: Literal["open-actions"] | None = Field(
        default=None,
        description=(
            "Take the options from the person's own journal instead: 'open-actions' lists "
            "their open plans, and each one ticked can then be kept, moved to another day "
            "or dropped. With nothing open, the prompt is not asked."
        ),
    )

    @model_validator(mode="after")
    def _unique(self) -> ChecklistPrompt:
        if not self.options and self.options_from is None:
            raise ValueError("a checklist needs `options` (at least one), or `options_from`")
        if self.options and self.options_from is not None:
            raise ValueError("give `options` or `options_from`, not both")
        _require_unique(self.options, "option")
        return self


class ListPrompt(_PromptBase):
    """A few short items ("three things that...")."""

    kind: Literal["list"] = Field(description="Several short items, one per line.")
    items: int = Field(
        default=3, ge=1, le=20, description="How many items to invite (a suggestion)."
    )


class ActionPrompt(_PromptBase):
    """The action planner: what will you do, and by when?"""

    kind: Literal["action"] = Field(description="Plan one or more actions, each with a date.")
    suggested_when: str | None = Field(
        default=None,
        description=(
            "A timeframe to suggest when planning, as people would type it: 'tomorrow', "
            "'fri', 'in 3 days', 'next week'. Avoid fixed dates: they pass."
        ),
    )


Prompt = Annotated[
    TextPrompt | ScalePrompt | ChoicePrompt | ChecklistPrompt | ListPrompt | ActionPrompt,
    Field(discriminator="kind"),
]
PromptKind = Literal["text", "scale", "choice", "checklist", "list", "action"]


class Section(_Strict):
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
            "The prompts, in order. Each one's `kind` (text, scale, choice, checklist, list "
            "or action) decides which other fields it takes."
        ),
    )


class Workbook(_Strict):
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
        _require_unique([s.id for s in self.sections], "section id")
        _require_unique([p.id for s in self.sections for p in s.prompts], "prompt id")
        return self

    def prompt_count(self) -> int:
        return sum(len(s.prompts) for s in self.sections)


def _require_unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"the {what} '{value}' is used more than once")
        seen.add(value)
