"""Ticks and radio marks that say their state in the glyph: `[x]`/`[ ]`, `(•)`/`( )`.

Textual draws both states of a checkbox as `▐X▌` (a radio as `▐●▌`) and tells them
apart by colour alone, two greys under NO_COLOR. That fails colour-blind people
and monochrome terminals as much as NO_COLOR, so these marks are used everywhere,
in colour too; the colour stays as a second cue.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import OptionList, RadioButton, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

TICKED, UNTICKED = "[x]", "[ ]"
CHOSEN, UNCHOSEN = "(•)", "( )"


class MarkedRadioButton(RadioButton):
    """A radio button drawn `(•) Steady` when chosen, `( ) Steady` when not."""

    def _mark(self) -> Content:
        return Content.styled(CHOSEN if self.value else UNCHOSEN, "bold" if self.value else "")

    def render(self) -> Content:
        label = self.label.pad(1, 1).stylize_before(self.get_visual_style("toggle--label"))
        return Content.assemble(self._mark(), label)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(CHOSEN) + 2 + self.label.cell_length


class MarkedSelectionList(SelectionList[str]):
    """A checklist drawn `[x] A walk` when ticked, `[ ] A walk` when not."""

    def _get_left_gutter_width(self) -> int:  # the width Textual leaves for its mark
        return len(TICKED) + 1

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)  # the option's text, without Textual's mark
        index = self.scroll_offset.y + y
        try:
            selection = self.get_option_at_index(index)
        except OptionDoesNotExist:
            return line
        ticked = selection.value in self.selected
        base = next(iter(line)).style or self.rich_style
        style = base + Style(bold=ticked, meta={"option": index})  # a click still toggles
        return Strip([Segment(TICKED if ticked else UNTICKED, style), Segment(" ", base), *line])
