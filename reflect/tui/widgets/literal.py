"""Text from a file or a person, as the app shows it: every character seen, none obeyed.

Textual hands a widget's text to the terminal as it is: an ESC in a workbook's
prompt, an action's text or a journal entry reaches the terminal and is obeyed
(a new window title, the clipboard written with OSC 52, the screen cleared).
So everything the app shows that came from a file or was typed goes through
`reflect.terminal`'s one sanitiser: `shown` / `literal` for what is read (the
control written out, `\\u001b`, as the CLI and plain mode show it), and the two
text fields below for what is being edited, which show each such character as
one visible character (ESC as ␛) so the cursor stays on the character it is on.
The value of a field, and so the draft and the journal, keep the exact text.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.content import Content
from textual.widgets import Input, TextArea

from reflect.terminal import visible, visible_in_place


def shown(text: str) -> str:
    """`text` to show as it is: never markup, no character a terminal would obey."""
    return visible(text)


def literal(text: str) -> Content:
    """`text` as Textual content shown literally (no markup), sanitised."""
    return Content(visible(text))


class LiteralInput(Input):
    """A one-line field that shows control characters in its value, never sends them.

    Coming back to it (Tab, a click) puts the cursor at the end rather than
    selecting everything, as Textual would: the next key would replace what the
    person wrote.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)

    def validate_placeholder(self, placeholder: str) -> str:
        return visible(placeholder)  # it can quote a workbook ("e.g. in 3 days")

    # `_value` is the Text that Input.render_line draws (Textual's own, private name);
    # tests/guarantees/test_escapes.py inspects what is drawn, so a Textual that
    # renamed it would fail there rather than send an escape.
    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value  # bullets only
        return Text(visible_in_place(self.value), no_wrap=True, overflow="ignore", end="")


class LiteralTextArea(TextArea):
    """A text box that shows control characters in its text, never sends them."""

    def validate_placeholder(self, placeholder: str | Content) -> str | Content:
        return visible(placeholder) if isinstance(placeholder, str) else placeholder

    def get_line(self, line_index: int) -> Text:
        # Textual's own, with the sanitiser (rich's Text would drop CR, BS, BEL, VT and
        # FF silently and keep ESC; a field must show every character it holds).
        line = self.document.get_line(line_index)
        return Text(visible_in_place(line), end="", no_wrap=True)
