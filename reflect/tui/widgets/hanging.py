"""A line with a mark in front ("•", "ctrl+n", "k3f9") whose wrapped lines stay
indented under its text, not back under the mark.

Textual has no hanging indent in CSS, and a long answer or a key's description
wrapping back to column 2 at 60 columns is hard to read; two columns (a mark
of fixed width, then the text) are the indent.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static


class Hanging(Horizontal):
    DEFAULT_CSS = """
    Hanging {
        height: auto;
        width: 1fr;
    }
    Hanging > .mark {
        width: auto;
        padding-right: 1;
    }
    Hanging > .text {
        width: 1fr;
    }
    """

    def __init__(
        self,
        mark: str | Content,
        text: str | Content,
        *,
        mark_width: int | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(classes=classes)
        self.mark, self.text, self.mark_width = mark, text, mark_width

    def compose(self) -> ComposeResult:
        mark = Static(self.mark, classes="mark", markup=False)
        if self.mark_width is not None:
            mark.styles.width = self.mark_width
        yield mark
        yield Static(self.text, classes="text", markup=False)
