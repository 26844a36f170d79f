"""The date prompt's workbook fields."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from reflect.workbook.base import PromptBase


class DatePrompt(PromptBase):
    """A day: when something started, happened, or will happen."""

    kind: Literal["date"] = Field(
        description=(
            "A day, typed the way people say it ('yesterday', '3 weeks ago', 'fri', "
            "'4 nov') and read back as a date before it is kept."
        )
    )
    allow: Literal["past", "future", "any"] = Field(
        default="any",
        description=(
            "Which days make sense as an answer: 'past' (today or before: 'When did this "
            "start?'), 'future' (today or after: 'When is the appointment?') or 'any'. "
            "With 'any', a day name such as 'fri' means the nearest one."
        ),
    )
