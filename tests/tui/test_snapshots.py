"""Screenshots of the screens people see most, compared with the committed SVGs.

Deterministic by construction: fixed terminal sizes, today frozen at Sun 29
Nov 2026, still cursors, seeded ids where ids are shown, and HOME pointed at
the test's folder so saved paths read `~/reflect-home/...`. Review every
changed snapshot by eye (`make snapshot-update`, then look) before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reflect.journal.store import JournalStore
from reflect.workbook.loader import FoundWorkbook, WorkbookSource, find_workbook
from tests.conftest import DATA
from tests.tui.conftest import AppFactory
from tests.tui.helpers import paste, type_text
from tests.tui.journal_data import write_plans

SnapCompare = Callable[..., bool]
pytestmark = pytest.mark.usefixtures("note_seen")


async def settled(pilot: Pilot[Any]) -> None:
    """Wait for background work (the due count) and the repaint after it."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def without_toasts(pilot: Pilot[Any]) -> None:
    """Passing notes ("Left for another day.") time out by the clock: not in screenshots."""
    pilot.app.clear_notifications()
    await pilot.pause()


@pytest.fixture
def gentle_week() -> FoundWorkbook:
    return find_workbook("gentle-week", [WorkbookSource("test", DATA / "tui")])


def test_home_with_a_due_banner(
    snap_compare: SnapCompare, build_app: AppFactory, store: JournalStore
) -> None:
    write_plans(store)  # one overdue, one due today
    assert snap_compare(build_app(), terminal_size=(100, 30), run_before=settled)


def test_home_in_the_light_theme(
    snap_compare: SnapCompare, build_app: AppFactory, store: JournalStore
) -> None:
    write_plans(store)

    async def light(pilot: Pilot[Any]) -> None:
        pilot.app.theme = "textual-light"
        await settled(pilot)

    assert snap_compare(build_app(), terminal_size=(80, 24), run_before=light)


def test_section_with_ideas_and_a_text_prompt_at_80x24(
    snap_compare: SnapCompare, build_app: AppFactory, gentle_week: FoundWorkbook
) -> None:
    async def write(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")  # begin
        await paste(pilot, "Tea with Jo on Tuesday. [We laughed] about $(nothing).")

    assert snap_compare(build_app(gentle_week), terminal_size=(80, 24), run_before=write)


def test_action_planner_shows_the_parsed_date(
    snap_compare: SnapCompare,
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    paused_at: Callable[[FoundWorkbook, str], None],
) -> None:
    paused_at(every_kind, "next")  # an earlier sitting stopped at the planner

    async def plan(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")  # carry on
        await paste(pilot, "Walk")  # what
        await pilot.press("tab")  # when
        await type_text(pilot, "fri")  # Fri 4 Dec
        await pilot.press("enter")  # added to the plan
        await paste(pilot, "Phone Sam")  # a second action
        await pilot.press("tab")  # when
        await type_text(pilot, "in 3 days")  # read back live: Wed 2 Dec

    assert snap_compare(build_app(every_kind), terminal_size=(100, 30), run_before=plan)


def test_scale_without_colour_at_80x24(
    snap_compare: SnapCompare,
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def choose(pilot: Pilot[Any]) -> None:
        await pilot.press("enter", "ctrl+n")  # begin, skip the text prompt
        await pilot.press("7")  # 7 on the scale: shown by brackets, not only colour

    assert snap_compare(build_app(every_kind), terminal_size=(80, 24), run_before=choose)


@pytest.mark.usefixtures("fixed_ids")
def test_summary(
    snap_compare: SnapCompare,
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # the saved path reads ~/reflect-home/...

    async def walk(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")  # begin
        await paste(pilot, "Better than last week.\nSlept well [mostly].")
        await pilot.press("ctrl+n", "6", "ctrl+n")  # next; 6 on the scale
        await pilot.press("ctrl+l")  # leave the second section for another day
        await paste(pilot, "Phone Sam")  # plan an action
        await pilot.press("tab")  # when
        await type_text(pilot, "in 3 days")
        await pilot.press("enter", "ctrl+n")  # add it; on to the end page
        await pilot.press("enter")  # save to my journal
        await without_toasts(pilot)

    assert snap_compare(build_app(every_kind), terminal_size=(100, 30), run_before=walk)


def test_actions_review(
    snap_compare: SnapCompare, build_app: AppFactory, store: JournalStore
) -> None:
    write_plans(store)
    app = build_app(start_on="review")
    assert snap_compare(app, terminal_size=(100, 30), run_before=settled)
