"""In the app: "Last time" under a prompt answered before, and a checklist of your own
open plans whose ticked ones you keep, move or drop there and then."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import SelectionList

from reflect.journal.store import JournalStore
from reflect.tui.screens.actions import ActionsScreen
from reflect.tui.screens.walk import WalkScreen
from reflect.workbook.loader import FoundWorkbook, WorkbookSource, find_workbook
from tests.conftest import DATA
from tests.tui.conftest import AppFactory
from tests.tui.helpers import pilot_test

pytestmark = pytest.mark.usefixtures("note_seen")
SIZE = (100, 30)


@pytest.fixture
def journal(reflect_home: Path) -> Path:
    folder = reflect_home / "journal"
    shutil.copytree(DATA / "insights" / "journal", folder)
    return folder


@pytest.fixture
def short_check_in() -> FoundWorkbook:
    return find_workbook("wellbeing-check-in", [WorkbookSource("test", DATA / "recall")])


def last_time(app: object) -> str | None:
    found = app.screen.query("#last-time")  # type: ignore[attr-defined]
    return str(found.first().render()) if found else None


@pilot_test
async def test_last_time_under_the_prompts_that_show_it(
    build_app: AppFactory, short_check_in: FoundWorkbook, journal: Path
) -> None:
    app = build_app(short_check_in)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # begin
        assert isinstance(app.screen, WalkScreen)
        assert last_time(app) == "Last time (Sat 28 Nov): 4 (on a scale of 1 to 5)"
        await pilot.press("7", "ctrl+n")  # answer the scale
        assert last_time(app) is None  # a text prompt: off by default
        await pilot.press("ctrl+n")  # skip it
        assert last_time(app) is None  # the choice says show_last = false


@pilot_test
async def test_the_config_turns_it_off(
    build_app: AppFactory, short_check_in: FoundWorkbook, journal: Path
) -> None:
    app = build_app(short_check_in, show_last_answers=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # begin
        assert last_time(app) is None


@pilot_test
async def test_ticked_plans_are_kept_moved_or_dropped_there_and_then(
    build_app: AppFactory, short_check_in: FoundWorkbook, journal: Path, store: JournalStore
) -> None:
    app = build_app(short_check_in)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # begin
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")  # past the three prompts
        plans = app.screen.query_one(SelectionList)
        labels = [str(plans.get_option_at_index(i).prompt) for i in range(plans.option_count)]
        assert labels[0] == "Phone Sam about the walking group (b2b2)"  # overdue first
        assert labels[1] == 'Book the <dentist> & "check-up" (e2e2)'  # shown literally
        await pilot.press("space", "down", "space")  # tick the first two
        await pilot.press("ctrl+n")  # next
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        shown = app.screen.by_id
        assert {key.split("/")[-1] for key in shown} == {"b2b2", "e2e2"}  # only the ones ticked
        await pilot.press("x")  # drop the walking group
        await pilot.pause()
        await pilot.press("escape")  # keep the other as it is, back to the walk
        assert isinstance(app.screen, WalkScreen)
    assert store.find_action("b2b2").action.status == "dropped"
    assert store.find_action("e2e2").action.status == "open"
