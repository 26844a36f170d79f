"""What every answer widget shares: the message that says 'this answer is done'."""

from __future__ import annotations

from textual.message import Message


class AnswerSubmitted(Message):
    """Posted when Enter means 'go on' (an empty last line, a chosen scale value)."""


class AnswerChanged(Message):
    """Posted when a custom answer widget's value changes, so the draft can be saved."""
