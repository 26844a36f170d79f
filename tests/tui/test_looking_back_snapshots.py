"""Screenshots of the Looking back screen at 80×24 and 100×30, in colour and with
NO_COLOR, on the hand-worked journal of tests/data/insights (today frozen at Sun 29
Nov 2026). Review every changed snapshot by eye before committing it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import DATA
from tests.tui.conftest import AppFactory

SnapCompare = Callable[..., bool]
pytestmark = pytest.mark.usefixtures("note_seen", "journal")


@pytest.fixture
def journal(reflect_home: Path) -> Path:
    folder = reflect_home / "journal"
    shutil.copytree(DATA / "insights" / "journal", folder)
    return folder


def looking_back(*keys: str) -> Callable[[Pilot[Any]], Any]:
    async def run(pilot: Pilot[Any]) -> None:
        await pilot.press("l")  # Looking back, from home
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return run


def test_looking_back_at_80x24(snap_compare: SnapCompare, build_app: AppFactory) -> None:
    assert snap_compare(build_app(), terminal_size=(80, 24), run_before=looking_back())


def test_looking_back_at_100x30(snap_compare: SnapCompare, build_app: AppFactory) -> None:
    assert snap_compare(build_app(), terminal_size=(100, 30), run_before=looking_back())


def test_looking_back_plans_and_weeks_at_100x30(
    snap_compare: SnapCompare, build_app: AppFactory
) -> None:
    assert snap_compare(build_app(), terminal_size=(100, 30), run_before=looking_back("3"))


def test_looking_back_without_colour_at_80x24(
    snap_compare: SnapCompare, build_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(build_app(), terminal_size=(80, 24), run_before=looking_back("2"))


def test_last_time_beside_a_scale_at_80x24(
    snap_compare: SnapCompare, build_app: AppFactory
) -> None:
    from reflect.workbook.loader import WorkbookSource, find_workbook

    short = find_workbook("wellbeing-check-in", [WorkbookSource("test", DATA / "recall")])

    async def begin(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")  # begin: the scale, with last time's answer under it
        await pilot.pause()

    assert snap_compare(build_app(short), terminal_size=(80, 24), run_before=begin)
