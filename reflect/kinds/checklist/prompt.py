"""The checklist prompt's workbook fields."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from reflect.workbook.base import Line, PromptBase, require_unique


class ChecklistPrompt(PromptBase):
    """Tick any number of options."""

    kind: Literal["checklist"] = Field(description="Tick any of the options.")
    options: list[Line] = Field(min_length=1, description="The options, in order.")

    @model_validator(mode="after")
    def _unique(self) -> ChecklistPrompt:
        require_unique(self.options, "option")
        return self
