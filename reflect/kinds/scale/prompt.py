"""The scale prompt's workbook fields."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from reflect.workbook.base import PromptBase


class ScalePrompt(PromptBase):
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
