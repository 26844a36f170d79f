"""Every key, in one place, in words a first-time user can follow."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reflect.tui.widgets.hanging import Hanging

# (heading, [(key, what it does)]): each key in a column of its own, so a line that
# wraps at 60 columns stays under its words (reflect.tui.widgets.hanging).
HELP: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Everywhere",
        [
            ("ctrl+q", "Pause and quit. What you typed is already saved."),
            ("F1", "This help."),
            ("F2", "The support note."),
            ("ctrl+p", "Commands: start a workbook by name, your plans, journal, theme."),
        ],
    ),
    (
        "Home",
        [
            ("↑ ↓", "Choose a workbook; Enter starts it (or carries on)."),
            ("a", "Review what you planned."),
            ("j", "Read and search your journal (type to search, Enter goes to the list)."),
            ("l", "Look back: scales over time, better weeks, plans kept (1-4 go to each part)."),
            ("s", "The support note."),
            ("q", "Quit."),
        ],
    ),
    (
        "Walking a workbook",
        [
            ("ctrl+n", "Next: keep this answer and go on."),
            ("ctrl+b", "Back to the previous prompt."),
            ("ctrl+s", "Skip this prompt (what you typed stays in your draft)."),
            ("ctrl+l", "Leave the rest of this section for another day."),
            ("ctrl+o", "Open or fold the section's ideas and tips."),
            ("Esc", "Pause and go back to home, to carry on later."),
            ("Tab", "Move between fields. Answers are saved as you type."),
            ("Scale", "← → or a number."),
            ("Choice", "↑ ↓ and Enter."),
            ("Checklist", "↑ ↓ and Space."),
            ("List", "Enter goes on to the next line."),
            (
                "Plan",
                "Write what, then when ('fri', 'in 3 days', '4 dec') and, if it "
                "repeats, how often ('weekday', 'monday'); Enter adds it, "
                "Tab goes to the plan, Delete removes one.",
            ),
        ],
    ),
    (
        "What you planned",
        [
            ("d", "Done."),
            ("x", "Drop it."),
            ("m", "Move it to another day."),
            ("u", "Undo the last change, for a few seconds after it."),
            ("Esc", "Home."),
        ],
    ),
]
KEY_WIDTH = 10


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q,question_mark", "close", "Close")]

    def __init__(self) -> None:
        super().__init__(classes="dialog help")

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Static("Keys  (Esc closes this help)", id="box-title", markup=False)
            with VerticalScroll(id="box-body"):
                for number, (heading, keys) in enumerate(HELP):
                    yield Static(
                        heading,
                        classes="help-heading" + (" first" if not number else ""),
                        markup=False,
                    )
                    for key, what in keys:
                        yield Hanging(key, what, mark_width=KEY_WIDTH)

    def action_close(self) -> None:
        self.dismiss(None)
