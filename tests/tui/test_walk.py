"""Walking a workbook by keyboard, then reading what reached the disk.

Each test drives the app the way a person would (a comment per keystroke),
then asserts on the journal entry and the draft on disk. Today is frozen at
Sun 29 Nov 2026, so "in 3 days" is Wed 2 Dec.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from reflect import messages
from reflect.drafts import ALREADY_WALKING, DraftStore
from reflect.errors import DraftError
from reflect.kinds.action import ActionAnswer
from reflect.kinds.checklist import ChecklistAnswer
from reflect.kinds.choice import ChoiceAnswer
from reflect.kinds.scale import ScaleAnswer
from reflect.kinds.short_list import ListAnswer
from reflect.kinds.text import TextAnswer
from reflect.tui.app import ReflectApp
from reflect.tui.screens.home import HomeScreen
from reflect.tui.screens.resume import ResumeModal
from reflect.tui.screens.summary import SummaryScreen
from reflect.tui.screens.walk import WalkScreen
from reflect.workbook.loader import FoundWorkbook
from tests.tui.conftest import AppFactory
from tests.tui.helpers import draft, entries, paste, pilot_test, shown_text, type_text

SIZE = (100, 30)
pytestmark = pytest.mark.usefixtures("note_seen")


def where(app: ReflectApp) -> tuple[str, str | None]:
    """(section id, prompt id) of the step the walk on screen is at."""
    screen = app.screen
    assert isinstance(screen, WalkScreen)
    step = screen.walker.session.current
    assert step is not None
    return step.section.id, step.prompt.id if step.prompt else None


@pilot_test
async def test_walk_with_back_pause_resume_and_an_action_in_3_days(
    build_app: AppFactory, every_kind: FoundWorkbook, reflect_home: Path
) -> None:
    # ---- First sitting: answer a little, leave a section, change our mind, pause.
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WalkScreen)
        await pilot.press("enter")  # "Begin" on the page with the support note
        await paste(pilot, "A steady sort of day.")  # the text prompt
        await pilot.press("ctrl+n")  # next
        await pilot.press("7")  # energy: 7 on the 0-10 scale
        await pilot.press("ctrl+n")  # next: section 2 ("Which word fits best?")
        await pilot.press("ctrl+l")  # leave section 2 for another day...
        assert where(app)[0] == "plan"
        await pilot.press("ctrl+b")  # ...then think better of it: back to section 2
        assert where(app)[1] == "mood"
        await pilot.press("down", "enter")  # choice: move to "Wobbly", pick it
        await pilot.press("ctrl+n")  # next: the checklist
        await pilot.press("space")  # tick "A walk"
        await pilot.press("down", "down", "space")  # tick "Friends"
        await pilot.press("ctrl+n")  # next: the list of three things
        await type_text(pilot, "tea")  # first item
        await pilot.press("enter")  # to the second line
        await type_text(pilot, "a call")  # second item, not yet "answered"
        await pilot.press("ctrl+q")  # pause and quit
    assert app.return_value is not None
    assert app.return_value.message == messages.PAUSED.format(workbook="every-kind")
    assert entries(reflect_home) == []  # nothing reaches the journal before the end
    saved = draft(reflect_home, "every-kind")
    assert saved is not None
    assert saved["at"] == "second/three"  # the prompt we were on
    assert saved["answers"]["three"]["value"] == ["tea", "a call"]  # typed, kept on quit
    assert saved["answers"]["mood"]["value"] == "Wobbly"
    assert saved["skipped_sections"] == []  # back undid the leaving

    # ---- Second sitting: carry on where we left off, plan, finish.
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ResumeModal)
        assert "5 answers so far, last saved Sun 29 Nov at 10:00." in shown_text(pilot)
        await pilot.press("y")  # carry on
        assert isinstance(app.screen, WalkScreen)
        lines = [field.value for field in app.screen.query(Input)]
        assert lines == ["tea", "a call", ""]  # the list as we left it
        await pilot.press("enter")  # Enter on the empty last line: this list is done
        await paste(pilot, "Phone Sam")  # the action planner: what
        await pilot.press("tab")  # to "when"
        await type_text(pilot, "in 3 days")  # when, typed naturally
        echo = app.screen.query_one("#echo", Static)
        assert str(echo.render()) == "Wed 2 Dec — in 3 days"  # read back live
        await pilot.press("enter")  # add it to the plan
        await pilot.press("ctrl+n")  # next: the end page
        assert app.screen.phase == "end"
        await pilot.press("enter")  # "Save to my journal"
        assert isinstance(app.screen, SummaryScreen)
        assert "Phone Sam — Wed 2 Dec — in 3 days" in shown_text(pilot)

    (entry,) = entries(reflect_home)
    assert draft(reflect_home, "every-kind") is None  # the draft is cleared once saved
    assert entry.workbook == "every-kind"
    answers = {a.prompt_id: a for s in entry.sections for a in s.answers}
    assert answers["feeling"] == TextAnswer(
        "feeling", "How are you today?", "A steady sort of day."
    )
    assert isinstance(answers["energy"], ScaleAnswer) and answers["energy"].value == 7
    assert isinstance(answers["mood"], ChoiceAnswer) and answers["mood"].chosen == "Wobbly"
    assert isinstance(answers["helped"], ChecklistAnswer)
    assert answers["helped"].ticked == ("A walk", "Friends")
    assert isinstance(answers["three"], ListAnswer)
    assert answers["three"].items == ("tea", "a call")
    plan = answers["next"]
    assert isinstance(plan, ActionAnswer)
    (action,) = plan.actions
    assert (action.text, action.due, action.status) == ("Phone Sam", date(2026, 12, 2), "open")


@pilot_test
async def test_leaving_sections_and_skipping_prompts(
    build_app: AppFactory, every_kind: FoundWorkbook, reflect_home: Path
) -> None:
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # begin
        await pilot.press("ctrl+l")  # leave "First things" for another day
        await pilot.press("ctrl+s")  # skip "Which word fits best?"
        await pilot.press("ctrl+s")  # skip "What helped?"
        await pilot.press("ctrl+n")  # the list, empty: moving on skips it too
        saved = draft(reflect_home, "every-kind")
        assert saved is not None and saved["skipped_sections"] == ["first"]
        await pilot.press("ctrl+n")  # the planner, empty: nothing planned
        await pilot.press("enter")  # save to my journal
        assert isinstance(app.screen, SummaryScreen)
        assert "You left 6 prompts for another day; that's fine." in shown_text(pilot)
    (entry,) = entries(reflect_home)
    assert entry.sections == ()  # nothing answered, nothing invented
    assert draft(reflect_home, "every-kind") is None


@pilot_test
async def test_finishing_twice_writes_once(
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    reflect_home: Path,
    paused_at: Callable[[FoundWorkbook, str], None],
) -> None:
    paused_at(every_kind, "end")  # an earlier sitting reached the end page
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # carry on
        walk = app.screen
        assert isinstance(walk, WalkScreen) and walk.phase == "end"
        walk.finish()  # a double Enter on "Save to my journal"...
        walk.finish()  # ...reaches finish twice
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    assert len(entries(reflect_home)) == 1
    assert draft(reflect_home, "every-kind") is None


@pilot_test
async def test_typing_reaches_the_draft_without_moving_on(
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    reflect_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("reflect.tui.screens.walk.KEEP_DELAY", 0.001)  # keep at once
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # begin
        await type_text(pilot, "Half a thought")  # type, and do nothing else
        await pilot.pause()
        await pilot.pause()
        saved = draft(reflect_home, "every-kind")
        assert saved is not None
        assert saved["answers"]["feeling"]["value"] == "Half a thought"
        assert saved["at"] == "first/feeling"  # still on the same prompt
        assert where(app)[1] == "feeling"


@pilot_test
async def test_a_low_score_offers_the_support_note_and_a_pause(
    build_app: AppFactory, every_kind: FoundWorkbook, reflect_home: Path
) -> None:
    app = build_app(every_kind, support_note="Call Alex on 0123.")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # begin
        await pilot.press("ctrl+n")  # skip the text prompt
        await pilot.press("1", "ctrl+n")  # energy 1: at the workbook's support_below
        assert "Call Alex on 0123." in shown_text(pilot)  # the user's own note
        await pilot.press("shift+tab")  # from "Carry on" to "Pause for now"
        await pilot.press("enter")  # pause for now
    assert app.return_value is not None
    assert app.return_value.message == messages.PAUSED.format(workbook="every-kind")
    saved = draft(reflect_home, "every-kind")
    assert saved is not None and saved["answers"]["energy"]["value"] == 1
    assert saved["at"] == "second/mood"  # carrying on starts after the low score


@pilot_test
async def test_the_app_refuses_a_second_walk_and_lets_go_when_its_walk_ends(
    build_app: AppFactory, every_kind: FoundWorkbook, reflect_home: Path
) -> None:
    drafts = DraftStore(reflect_home / "drafts")
    with drafts.claim(every_kind.workbook.id):
        app = build_app(every_kind)
        async with app.run_test(size=(100, 30)) as pilot:
            assert isinstance(app.screen, HomeScreen)  # not walking
            assert [n.message for n in app._notifications] == [ALREADY_WALKING]
            await pilot.pause()
    app = build_app(every_kind)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, WalkScreen)
        with pytest.raises(DraftError):
            drafts.claim(every_kind.workbook.id)  # this walk holds it
        await pilot.press("escape")  # pause to home
        assert isinstance(app.screen, HomeScreen)
        drafts.claim(every_kind.workbook.id).release()  # let go with the walk
