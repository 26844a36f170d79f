"""Every key, in one place, in words a first-time user can follow."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

HELP = """\
Everywhere
  ctrl+q   Pause and quit. What you typed is already saved.
  F1       This help.          F2  The support note.
  ctrl+p   Commands, including light and dark themes.

Home
  ↑ ↓      Choose a workbook; Enter starts it (or carries on).
  a        Review what you planned.
  j        Read and search your journal (type to search, Enter goes to the list, Esc home).
  l        Look back: scales over time, better weeks, plans kept (1-4 go to each part).
  s        The support note.    q  Quit.

Walking a workbook
  ctrl+n   Next: keep this answer and go on.
  ctrl+b   Back to the previous prompt.
  ctrl+s   Skip this prompt (what you typed stays in your draft).
  ctrl+l   Leave the rest of this section for another day.
  Esc      Pause and go back to home (to carry on later).
  Tab      Move between fields. Answers are saved as you type.

  Scale: ← → or a number.   Choice: ↑ ↓ and Enter.
  Checklist: ↑ ↓ and Space.  List: Enter goes to the next line.
  Plan: write what, then when ('fri', 'in 3 days', '4 dec');
  Enter adds it; Tab to the plan, Delete removes one.

What you planned
  d  done    x  drop    m  move to another day    Esc  home
"""


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q,question_mark", "close", "Close")]

    def __init__(self) -> None:
        super().__init__(classes="dialog help")

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Static("Keys  (Esc closes this help)", id="box-title", markup=False)
            with VerticalScroll(id="box-body"):
                yield Static(HELP, markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
