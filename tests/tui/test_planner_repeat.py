"""The app's action planner takes a repeat beside the date, as plain mode asks for one:
what is typed there is read back as you type, and the plan is saved repeating."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reflect.tui.screens.summary import SummaryScreen
from reflect.workbook.loader import FoundWorkbook
from tests.tui.conftest import AppFactory
from tests.tui.helpers import entries, pilot_test, type_text

pytestmark = pytest.mark.usefixtures("note_seen")
SIZE = (100, 30)


@pytest.mark.parametrize(
    ("when", "repeat", "echo", "due", "saved"),
    [
        ("tue", "weekday", "Repeats every weekday", "2026-12-01", "every weekday"),
        ("", "monday", "Repeats every Monday", "2026-11-30", "every monday"),  # its first day
        ("4 dec", "2 weeks", "Repeats every 2 weeks", "2026-12-04", "every 2 weeks"),
        ("fri", "", "Just once", "2026-12-04", None),
    ],
)
@pilot_test
async def test_a_plan_made_in_the_app_can_repeat(
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    paused_at: Callable[[FoundWorkbook, str], None],
    reflect_home: Path,
    when: str,
    repeat: str,
    echo: str,
    due: str,
    saved: str | None,
) -> None:
    paused_at(every_kind, "next")  # the planner
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # carry on
        await type_text(pilot, "Short walk")
        await pilot.press("tab")
        await type_text(pilot, when)
        await pilot.press("tab")
        await type_text(pilot, repeat)
        await pilot.pause()
        assert echo in str(app.screen.query_one("#repeat-echo").render())
        await pilot.press("enter")  # add it to the plan
        await pilot.press("ctrl+n")  # to the end page
        await pilot.press("ctrl+n")  # finish
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    [action] = [a for e in entries(reflect_home) for a, _, _ in e.all_actions()]
    assert action.text == "Short walk"
    assert action.due is not None and action.due.isoformat() == due
    assert (action.repeat.text() if action.repeat else None) == saved


@pilot_test
async def test_a_repeat_that_cannot_be_read_is_said_and_keeps_the_plan_from_being_added(
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    paused_at: Callable[[FoundWorkbook, str], None],
) -> None:
    paused_at(every_kind, "next")
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "Short walk")
        await pilot.press("tab", "tab")
        await type_text(pilot, "now and then")
        await pilot.press("enter")
        await pilot.pause()
        planner = app.screen.query_one("#answer")
        assert "now and then" in str(planner.query_one("#repeat-echo").render())
        assert planner.planned == []  # type: ignore[attr-defined]
        assert "repeat" in (planner.problem() or "")  # type: ignore[attr-defined]
