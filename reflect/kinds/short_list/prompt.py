"""The list prompt's workbook fields."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from reflect.workbook.base import PromptBase


class ListPrompt(PromptBase):
    """A few short items ("three things that...")."""

    kind: Literal["list"] = Field(description="Several short items, one per line.")
    items: int = Field(
        default=3, ge=1, le=20, description="How many items to invite (a suggestion)."
    )
