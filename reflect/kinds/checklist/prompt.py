"""The checklist prompt's workbook fields."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from reflect.workbook.base import Line, PromptBase, require_unique


class ChecklistPrompt(PromptBase):
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
        require_unique(self.options, "option")
        return self
