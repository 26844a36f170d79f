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
  ctrl+q     Pause and quit. Anything you have typed is already saved.
  F1         This help.       F2   The support note.
  ctrl+p     Commands, including light and dark themes.

Home
  ↑ ↓, Enter Choose a workbook and start it (or carry on where you left off).
  a          Review what you planned.
  s          The support note.      q   Quit.

Walking a workbook
  ctrl+n     Next: keep this answer and go on.
  ctrl+b     Back to the previous prompt.
  ctrl+s     Skip this prompt (anything you typed stays in your draft).
  ctrl+l     Leave the rest of this section for another day.
  Tab        Move between fields. Your answers are saved as you type.

  Scale: ← → or a number.  Choice: ↑ ↓ and Enter.  Checklist: ↑ ↓ and Space.
  List: Enter goes to the next line.  Plan: write what, then when
  ('fri', 'in 3 days', '4 dec'); Enter adds it; Delete removes one.

What you planned
  d  done    x  drop    m  move to another day    Esc  back
"""


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q,question_mark", "close", "Close")]

    def __init__(self) -> None:
        super().__init__(classes="dialog")

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Static("Keys", id="box-title")
            with VerticalScroll(id="box-body"):
                yield Static(HELP, markup=False)
            yield Static("Esc closes this help.", classes="muted")

    def action_close(self) -> None:
        self.dismiss(None)
