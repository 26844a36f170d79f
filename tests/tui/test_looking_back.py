"""The Looking back screen: opened from home and from the end of a walk, with the
same four parts and numbers as `reflect insights`, keyboard only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.containers import VerticalScroll

from reflect.journal.store import JournalStore
from reflect.tui.screens.actions import ActionsScreen
from reflect.tui.screens.home import HomeScreen
from reflect.tui.screens.looking_back import LookingBackScreen
from reflect.workbook.loader import FoundWorkbook
from tests.conftest import DATA
from tests.tui.conftest import AppFactory
from tests.tui.helpers import paste, pilot_test, shown_text

pytestmark = pytest.mark.usefixtures("note_seen")
SIZE = (100, 30)


@pytest.fixture
def journal(reflect_home: Path) -> Path:
    folder = reflect_home / "journal"
    shutil.copytree(DATA / "insights" / "journal", folder)
    return folder


def part(app: object, name: str) -> str:
    return str(app.screen.query_one(f"#lb-{name}").render())  # type: ignore[attr-defined]


@pilot_test
async def test_from_home_it_shows_the_four_parts(build_app: AppFactory, journal: Path) -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")  # Looking back
        assert isinstance(app.screen, LookingBackScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        heading = str(app.screen.query_one("#lb-heading").render())
        assert heading == "Looking back · 20 Sep 2026 to 29 Nov 2026 · 17 entries"
        scales = part(app, "scales")
        assert (
            "Higher in the last 4 weeks than in the 4 before (on average 7.0 against 5.5)."
            in scales
        )
        assert "also answered on a 1 to 5 scale" in scales
        assert "█" in scales and "│" in scales  # drawn as a chart
        options = part(app, "options")
        assert "averaged 6.4 (5 entries); without it, 5.0 (4 entries)." in options
        assert "does not mean one caused the other" in options
        plans = part(app, "plans")
        assert "7 plans made: 2 done, 1 dropped, 4 still open." in plans
        assert "Phone Sam about the walking group" in plans and "Press a to go through" in plans
        weeks = part(app, "weeks")
        assert "░ 1 entry" in weeks and "7 or more" in weeks
        for word in ("streak", "missed", "score"):
            assert word not in shown_text(pilot).lower()
        await pilot.press("4")  # to "How often you came back"
        assert app.screen.query_one("#looking-back", VerticalScroll).scroll_y > 0
        await pilot.press("1")  # back to the scales
        assert app.screen.query_one("#looking-back", VerticalScroll).scroll_y == 0
        await pilot.press("escape")  # home
        assert isinstance(app.screen, HomeScreen)


@pilot_test
async def test_a_plan_reviewed_from_it_is_counted_again(
    build_app: AppFactory, journal: Path, store: JournalStore
) -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await app.workers.wait_for_complete()
        await pilot.press("a")  # go through the plans
        assert isinstance(app.screen, ActionsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("d")  # the oldest overdue one (the walking group) is done
        await pilot.pause()
        app.pop_screen()  # back to Looking back, as the review's own back key would
        await pilot.pause()
        assert isinstance(app.screen, LookingBackScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "7 plans made: 3 done, 1 dropped, 3 still open." in part(app, "plans")
        assert "Still want these?" not in part(app, "plans")
    assert store.find_action("b2b2").action.status == "done"


@pilot_test
async def test_from_the_summary_at_the_end_of_a_walk(
    build_app: AppFactory, every_kind: FoundWorkbook, journal: Path
) -> None:
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # begin
        await paste(pilot, "A calm week.")
        await pilot.press("ctrl+n", "6", "ctrl+n")  # next; 6 on the scale
        await pilot.press("ctrl+l")  # leave the rest of the section
        await pilot.press("ctrl+l")  # and of the next
        while "Save" not in shown_text(pilot) and "save" not in shown_text(pilot):
            await pilot.press("ctrl+n")
        await pilot.press("enter")  # save to my journal
        await pilot.pause()
        await pilot.press("l")  # Looking back, from the summary
        assert isinstance(app.screen, LookingBackScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "18 entries" in str(app.screen.query_one("#lb-heading").render())


@pilot_test
async def test_a_damaged_month_is_named_and_the_rest_shown(
    build_app: AppFactory, journal: Path
) -> None:
    broken = journal / "2026-10.txt"
    broken.write_text(broken.read_text().replace("scale: 6 (0 to 10)", "scale: six"))
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        heading = str(app.screen.query_one("#lb-heading").render())
        assert "11 entries" in heading
        assert "Left out, because it could not be read (see below): 2026-10.txt." in heading
        assert f"{broken}:36:" in heading


@pilot_test
async def test_an_empty_journal(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "nothing to look back on here yet" in str(
            app.screen.query_one("#lb-heading").render()
        )
        assert not app.screen.query_one("#lb-scales").display
