"""Whatever a person types is kept and shown exactly as typed, never read as markup.

`[bold]`, `[/]` (which closes a tag that was never opened: a crash for a
careless markup renderer) and `$(rm)` go into every kind of free-text field,
reach the journal byte for byte, and come back on screen unchanged after a
pause and on the summary.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import TextArea

from reflect.kinds.action import ActionAnswer
from reflect.kinds.short_list import ListAnswer
from reflect.kinds.text import TextAnswer
from reflect.tui.screens.summary import SummaryScreen
from reflect.workbook.loader import FoundWorkbook
from tests.tui.conftest import AppFactory
from tests.tui.helpers import entries, paste, pilot_test, shown_text, type_text

TYPED = "[bold] [/] $(rm)"
PASTED = " [bold]not bold[/] and [/] alone; $(rm -rf ~) `date` [link=x]y[/link] \\[esc]"
TRICKY = TYPED + PASTED
SIZE = (100, 30)
pytestmark = pytest.mark.usefixtures("note_seen")


@pilot_test
async def test_markup_looking_text_is_saved_verbatim_and_shown_literally(
    build_app: AppFactory, every_kind: FoundWorkbook, reflect_home: Path
) -> None:
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # begin
        await type_text(pilot, TYPED)  # the text prompt, key by key...
        await paste(pilot, PASTED)  # ...and then some more, pasted
        await pilot.press("ctrl+q")  # pause: the draft now holds it
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")  # carry on
        assert app.screen.query_one(TextArea).text == TRICKY  # resumed exactly
        await pilot.press("ctrl+n")  # next: the scale
        await pilot.press("ctrl+l")  # leave the first section
        await pilot.press("ctrl+l")  # and the second: on to the planner
        await paste(pilot, "[/]$(rm)")  # an action's text
        await pilot.press("tab")  # to "when"
        await paste(pilot, "[bold]")  # a "date" that looks like markup
        assert "I couldn't read '[bold]' as a date." in shown_text(pilot)
        await pilot.press("ctrl+u")  # clear the date: no date
        await pilot.press("enter")  # add the action
        await pilot.press("ctrl+n")  # to the end page
        await pilot.press("enter")  # save to my journal
        assert isinstance(app.screen, SummaryScreen)
        on_screen = shown_text(pilot)
        assert TRICKY in on_screen
        assert "[/]$(rm)" in on_screen
    (entry,) = entries(reflect_home)
    answers = {a.prompt_id: a for s in entry.sections for a in s.answers}
    assert isinstance(answers["feeling"], TextAnswer) and answers["feeling"].text == TRICKY
    plan = answers["next"]
    assert isinstance(plan, ActionAnswer) and plan.actions[0].text == "[/]$(rm)"


@pilot_test
async def test_list_items_keep_their_brackets(
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    reflect_home: Path,
    paused_at: Callable[[FoundWorkbook, str], None],
) -> None:
    paused_at(every_kind, "three")  # an earlier sitting stopped at the list
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # carry on
        await type_text(pilot, "[red]")  # first item
        await pilot.press("enter")  # next line
        await type_text(pilot, "[/]")  # second item
        await pilot.press("ctrl+n", "ctrl+n", "enter")  # next, skip the plan, save
    (entry,) = entries(reflect_home)
    (section,) = entry.sections
    (answer,) = section.answers
    assert isinstance(answer, ListAnswer) and answer.items == ("[red]", "[/]")
