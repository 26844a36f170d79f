"""The action planner's workbook fields."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from reflect.workbook.base import PromptBase


class ActionPrompt(PromptBase):
    """The action planner: what will you do, and by when?"""

    kind: Literal["action"] = Field(description="Plan one or more actions, each with a date.")
    suggested_when: str | None = Field(
        default=None,
        description=(
            "A timeframe to suggest when planning, as people would type it: 'tomorrow', "
            "'fri', 'in 3 days', 'next week'. Avoid fixed dates: they pass."
        ),
    )
