"""A screenshot of every screen at 80x24, and of the walk, the review and the journal
at 60x20 and without colour: the shapes issue 15 was about (reflowed prose, the
question in view, hanging indents, marks that need no colour, footers that fit).

Review every changed one by eye (`make snapshot-update`, then look) before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reflect.drafts import DraftStore
from reflect.journal.store import JournalStore
from reflect.session import Session
from reflect.tui.app import ReflectApp
from reflect.workbook.loader import FoundWorkbook, WorkbookSource, find_workbook
from tests.conftest import FROZEN_NOW
from tests.tui.conftest import AppFactory
from tests.tui.helpers import paste, type_text
from tests.tui.journal_data import write_plans

SnapCompare = Callable[..., bool]
Keys = Callable[[Pilot[Any]], Awaitable[None]]
pytestmark = pytest.mark.usefixtures("note_seen", "fixed_ids")
BUNDLED = WorkbookSource("bundled", Path(__file__).resolve().parents[2] / "workbooks")


def press(*keys: str) -> Keys:
    async def run(pilot: Pilot[Any]) -> None:
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        pilot.app.clear_notifications()  # toasts time out by the clock
        await pilot.pause()

    return run


async def _plan(pilot: Pilot[Any]) -> None:
    await pilot.press("enter")  # carry on, at the planner
    await paste(pilot, "Go to bed early on the nights before the long shifts")
    await pilot.press("tab")
    await type_text(pilot, "fri")
    await pilot.press("enter")


async def _summary(pilot: Pilot[Any]) -> None:
    await pilot.press("enter")
    await paste(pilot, "Tea with Jo on Tuesday and the long walk by the river afterwards.")
    await pilot.press("ctrl+n", "6", "ctrl+n", "ctrl+l")
    await paste(pilot, "Phone Sam about the walking group")
    await pilot.press("tab")
    await type_text(pilot, "in 3 days")
    await pilot.press("enter", "ctrl+n", "enter")
    pilot.app.clear_notifications()
    await pilot.pause()


# (name, workbook: None / "every-kind" / a bundled id / "review", where to pause a draft, keys)
SCREENS: list[tuple[str, str | None, str | None, Keys]] = [
    ("home", None, None, press()),
    ("help", None, None, press("question_mark")),
    ("palette", None, None, press("ctrl+p")),
    ("support", None, None, press("s")),
    ("journal", None, None, press("j")),
    ("review", "review", None, press()),
    ("review_undo", "review", None, press("d")),
    ("move", "review", None, press("m")),
    ("intro", "climate-action-without-despair", None, press()),
    ("ideas", "climate-action-without-despair", None, press("enter")),
    ("checklist", "every-kind", "helped", press("enter", "down", "space")),
    ("choice", "every-kind", "mood", press("enter", "down", "space")),
    ("planner", "every-kind", "next", _plan),
    ("end", "every-kind", "end", press("enter")),
    ("resume", "every-kind", "mood", press()),
    ("summary", "every-kind", None, _summary),
    ("low_score", "wellbeing-check-in", None, press("enter", "0", "ctrl+n")),
]
AT_60 = {"review", "journal", "ideas", "checklist", "planner", "summary"}
NO_COLOUR = {"review", "journal", "checklist", "choice", "planner"}

CASES = [
    *[pytest.param(*screen, (80, 24), False, id=f"{screen[0]}-80x24") for screen in SCREENS],
    *[
        pytest.param(*screen, (60, 20), False, id=f"{screen[0]}-60x20")
        for screen in SCREENS
        if screen[0] in AT_60
    ],
    *[
        pytest.param(*screen, (80, 24), True, id=f"{screen[0]}-no-colour")
        for screen in SCREENS
        if screen[0] in NO_COLOUR
    ],
]


@pytest.mark.parametrize(("name", "workbook", "paused", "keys", "size", "no_color"), CASES)
def test_screen(
    snap_compare: SnapCompare,
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    store: JournalStore,
    reflect_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    name: str,
    workbook: str | None,
    paused: str | None,
    keys: Keys,
    size: tuple[int, int],
    no_color: bool,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # saved paths read ~/reflect-home/...
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = app_for(build_app, every_kind, store, reflect_home, name, workbook, paused)
    assert snap_compare(app, terminal_size=size, run_before=keys)


def app_for(
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    store: JournalStore,
    reflect_home: Path,
    name: str,
    workbook: str | None,
    paused: str | None,
) -> ReflectApp:
    """The app set up for one of SCREENS: its journal, its workbook, its paused draft."""
    if name in ("home", "journal", "review", "review_undo", "move", "palette"):
        write_plans(store)
    found: FoundWorkbook | None = None
    if workbook == "every-kind":
        found = every_kind
    elif workbook not in (None, "review"):
        found = find_workbook(workbook, [BUNDLED])
    if found is not None and paused is not None:
        session = Session(found.workbook, FROZEN_NOW)
        ids = [session.step_at(i).key.split("/")[1] for i in range(len(session.steps))]
        session.go_to(len(ids) if paused == "end" else ids.index(paused))
        DraftStore(reflect_home / "drafts").save(session, None, FROZEN_NOW)
    options: dict[str, Any] = {"start_on": "review"} if workbook == "review" else {}
    return build_app(found, **options)
