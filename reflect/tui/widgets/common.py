"""What every answer widget shares: the message that says 'this answer is done'."""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget


def focus_now(widget: Widget) -> None:
    """Move focus at once, not after the keys already queued (Textual's `focus()`
    waits its turn behind them, so "Walk", Enter, "fri" typed quickly put "fri"
    into the field being left)."""
    if widget.is_attached:
        widget.screen.set_focus(widget)


class AnswerSubmitted(Message):
    """Posted when Enter means 'go on' (an empty last line, a chosen scale value)."""


class AnswerChanged(Message):
    """Posted when a custom answer widget's value changes, so the draft can be saved."""
