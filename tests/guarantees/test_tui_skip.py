"""TUI: skipping a prompt means "not this", so what was typed there never reaches the journal.

The app keeps typing in the draft as it goes (so a closed terminal loses nothing), and
used to give that typing as the answer when the prompt was skipped (ctrl+s) or its
section left (ctrl+l). Each test walks the app with Pilot: type, skip, finish, and
then reads the journal. An earlier answer to the prompt stays; the typed words are set
aside (said in a notice) and come back in the field on ctrl+b while the walk is open.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from reflect.drafts import DraftStore
from reflect.journal.render import render_entry
from reflect.journal.store import JournalStore
from reflect.paths import get_paths
from reflect.tui import words
from reflect.tui.app import ReflectApp, make_app
from reflect.tui.context import SEEN_NOTE_MARKER
from reflect.tui.screens.summary import SummaryScreen
from reflect.tui.screens.walk import WalkScreen
from reflect.workbook.loader import FoundWorkbook, WorkbookSource, find_workbook
from tests.conftest import DATA, FROZEN_NOW

if TYPE_CHECKING:
    from textual.pilot import Pilot

SIZE = (100, 40)
SOURCES = [WorkbookSource("test", DATA / "workbooks")]


@pytest.fixture(autouse=True)
def note_seen(reflect_home: Path) -> None:
    state = reflect_home / "state"
    state.mkdir(parents=True, exist_ok=True)
    (state / SEEN_NOTE_MARKER).write_text("seen\n")


@pytest.fixture(autouse=True)
def keep_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reflect.tui.screens.walk.KEEP_DELAY", 0.001)


def every_kind() -> FoundWorkbook:
    return find_workbook("every-kind", SOURCES)


def app_for(found: FoundWorkbook) -> ReflectApp:
    paths = get_paths()
    return make_app(
        found,
        store=JournalStore(paths.journal_dir),
        drafts=DraftStore(paths.drafts_dir),
        now=lambda: FROZEN_NOW,
        state_dir=paths.state_dir,
        cache_dir=paths.cache_dir,
        sources=SOURCES,
        cursor_blink=False,
    )


def journal_text(home: Path) -> str:
    return "".join(render_entry(e) for e in JournalStore(home / "journal").entries())


async def to_the_end_and_save(pilot: Pilot[Any]) -> None:
    walk = pilot.app.screen
    assert isinstance(walk, WalkScreen)
    while walk.phase != "end":
        await pilot.press("ctrl+s")  # skip everything else
    await pilot.press("enter")  # save to my journal
    await pilot.pause()
    assert isinstance(pilot.app.screen, SummaryScreen)


def notices(app: ReflectApp) -> str:
    return " ".join(n.message for n in app._notifications)


async def reach(pilot: Pilot[Any], prompt_id: str) -> None:
    """From the intro page to the prompt `prompt_id`, skipping the ones before it."""
    await pilot.press("enter")  # begin
    walk = pilot.app.screen
    assert isinstance(walk, WalkScreen)
    while (step := walk.walker.current) is not None and (
        step.prompt is None or step.prompt.id != prompt_id
    ):
        await pilot.press("ctrl+s")


# (prompt, keys typed there, words that must never reach the journal)
TYPED = [
    ("feeling", "Not this today", "Not this today"),
    ("feeling", "[bold]x[/] $(rm) ## 2026", "$(rm)"),
    ("three", "a list item I thought better of", "thought better"),
]


@pytest.mark.parametrize("how", ["ctrl+s", "ctrl+l"])
@pytest.mark.parametrize(("prompt_id", "typed", "never"), TYPED)
def test_typed_then_skipped_never_reaches_the_journal(
    how: str, prompt_id: str, typed: str, never: str, reflect_home: Path
) -> None:
    async def walk() -> None:
        app = app_for(every_kind())
        async with app.run_test(size=SIZE) as pilot:
            await reach(pilot, prompt_id)
            await pilot.press(*typed)
            await pilot.pause()
            await pilot.press(how)  # skip the prompt / leave its section
            await pilot.pause()
            assert words.SKIPPED_NOT_SAVED in notices(app)
            await to_the_end_and_save(pilot)

    asyncio.run(walk())
    assert never not in journal_text(reflect_home)
    assert len(list(JournalStore(reflect_home / "journal").entries())) == 1


def test_an_earlier_answer_stays_when_more_typing_is_skipped(reflect_home: Path) -> None:
    async def walk() -> None:
        app = app_for(every_kind())
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")  # begin
            await pilot.press(*"My first answer")
            await pilot.press("ctrl+n")  # given
            await pilot.press("ctrl+b")  # back to it: the field shows it
            await pilot.press(*" and second thoughts")
            await pilot.pause()
            await pilot.press("ctrl+s")  # not these second thoughts
            await to_the_end_and_save(pilot)

    asyncio.run(walk())
    text = journal_text(reflect_home)
    assert "My first answer" in text
    assert "second thoughts" not in text


def test_skipped_words_come_back_on_going_back(reflect_home: Path) -> None:
    """Set aside, not thrown away: ctrl+b shows them in the field again, and moving on
    from there (ctrl+n) gives them as the answer after all."""

    async def walk() -> None:
        app = app_for(every_kind())
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")  # begin
            await pilot.press(*"Words I want after all")
            await pilot.pause()
            await pilot.press("ctrl+s")  # skip
            await pilot.press("ctrl+b")  # changed my mind
            await pilot.press("ctrl+n")  # the field holds them again: give them
            await to_the_end_and_save(pilot)

    asyncio.run(walk())
    assert "Words I want after all" in journal_text(reflect_home)


def test_typing_kept_in_a_paused_draft_is_not_saved_when_skipped_later(
    reflect_home: Path,
) -> None:
    """Typed, then the app quit (the typing is in the draft, as promised); carried on
    another day, the prompt skipped: the words typed then are not the answer either."""

    async def first_sitting() -> None:
        app = app_for(every_kind())
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")  # begin
            await pilot.press(*"Typed before the pause")
            await pilot.pause()
            await pilot.press("ctrl+q")  # pause and quit

    async def second_sitting() -> None:
        app = app_for(every_kind())
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")  # carry on
            await pilot.pause()
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            await pilot.press("ctrl+s")  # not this
            await to_the_end_and_save(pilot)

    asyncio.run(first_sitting())
    kept = (reflect_home / "drafts" / "every-kind.toml").read_text(encoding="utf-8")
    assert "Typed before the pause" in kept  # nothing lost on the way out
    asyncio.run(second_sitting())
    assert "Typed before the pause" not in journal_text(reflect_home)
