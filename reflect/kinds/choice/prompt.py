"""The choice prompt's workbook fields."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from reflect.workbook.base import Line, PromptBase, require_unique


class ChoicePrompt(PromptBase):
    """Pick one of a few options."""

    kind: Literal["choice"] = Field(description="Pick one option.")
    options: list[Line] = Field(min_length=2, description="The options, in order (at least two).")

    @model_validator(mode="after")
    def _unique(self) -> ChoicePrompt:
        require_unique(self.options, "option")
        return self
