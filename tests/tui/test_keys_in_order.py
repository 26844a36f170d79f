"""Keys sent quickly land where they were aimed.

Pilot's `press` waits for the app to settle after every key, which hides the
problem; a paste into a terminal or a fast typist does not wait. These tests
post every key at once, as the terminal driver does, then let the app work
through them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot

from reflect.workbook.loader import FoundWorkbook
from tests.tui.conftest import AppFactory
from tests.tui.helpers import pilot_test

pytestmark = pytest.mark.usefixtures("note_seen")
SIZE = (100, 30)


def burst(pilot: Pilot[Any], *keys: str) -> None:
    """Every key queued at once, with no pause between them."""
    for key in keys:
        character = key if len(key) == 1 else (" " if key == "space" else None)
        pilot.app.post_message(events.Key(key, character))


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(5):
        await pilot.pause()


@pytest.mark.parametrize(
    ("what", "when"),
    [("Go to bed early", "fri"), ("Phone Sam", "in 3 days"), ("tab", "4 dec")],
)
@pilot_test
async def test_typing_tab_typing_lands_in_the_right_fields(
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    paused_at: Callable[[FoundWorkbook, str], None],
    what: str,
    when: str,
) -> None:
    paused_at(every_kind, "next")  # the planner
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # carry on
        burst(pilot, *what, "tab", *when)  # within a few milliseconds
        await settle(pilot)
        planner = app.screen.query_one("#answer")
        assert planner.what.value == what  # type: ignore[attr-defined]
        assert planner.when.value == when  # type: ignore[attr-defined]


@pilot_test
async def test_shift_tab_back_then_typing_goes_to_the_first_field(
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    paused_at: Callable[[FoundWorkbook, str], None],
) -> None:
    paused_at(every_kind, "next")
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # carry on
        burst(pilot, "W", "tab", "f", "r", "i", "shift+tab", "a", "l", "k")
        await settle(pilot)
        planner = app.screen.query_one("#answer")
        assert planner.what.value == "Walk"  # type: ignore[attr-defined]
        assert planner.when.value == "fri"  # type: ignore[attr-defined]


@pilot_test
async def test_enter_then_typing_goes_to_when(
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    paused_at: Callable[[FoundWorkbook, str], None],
) -> None:
    paused_at(every_kind, "next")
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # carry on
        burst(pilot, *"Walk", "enter", *"fri")  # Enter in "what" goes on to "when"
        await settle(pilot)
        planner = app.screen.query_one("#answer")
        assert planner.what.value == "Walk"  # type: ignore[attr-defined]
        assert planner.when.value == "fri"  # type: ignore[attr-defined]


@pilot_test
async def test_list_lines_typed_quickly_stay_apart(
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    paused_at: Callable[[FoundWorkbook, str], None],
) -> None:
    paused_at(every_kind, "three")  # the list of three things
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # carry on
        burst(pilot, *"tea", "enter", *"cake", "enter", *"a walk")
        await settle(pilot)
        assert app.screen.query_one("#answer").get_value() == [  # type: ignore[attr-defined]
            "tea",
            "cake",
            "a walk",
        ]
