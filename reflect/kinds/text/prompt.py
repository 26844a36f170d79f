"""The text prompt's workbook fields."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from reflect.workbook.base import PromptBase


class TextPrompt(PromptBase):
    """Free, multi-line writing."""

    kind: Literal["text"] = Field(description="Free writing, as many lines as the person likes.")
