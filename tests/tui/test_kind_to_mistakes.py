"""Kind to mistakes: a change in the review can be undone, pop-ups answer the arrow
keys, and a walk with nothing in it leaves nothing behind."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from textual.widgets import Button, Input

from reflect.journal.store import JournalStore
from reflect.tui.screens.actions import ActionsScreen
from reflect.tui.screens.home import HomeScreen
from reflect.tui.screens.move import MoveDateModal
from reflect.tui.screens.resume import ResumeModal
from reflect.tui.screens.support import SupportNoteModal
from reflect.tui.screens.walk import WalkScreen
from reflect.tui.words import MOVE_KEYS, MOVE_PLACEHOLDER
from reflect.workbook.loader import FoundWorkbook
from tests.tui.conftest import AppFactory
from tests.tui.helpers import draft, pilot_test, screen_lines, type_text
from tests.tui.journal_data import write_plans

SIZE = (100, 30)
pytestmark = pytest.mark.usefixtures("note_seen")


def on_screen(pilot: object) -> str:
    return "\n".join(screen_lines(pilot))  # type: ignore[arg-type] # a Pilot


# --------------------------------------------------------------------------- undo


@pytest.mark.parametrize(("key", "status"), [("d", "done"), ("x", "dropped")])
@pilot_test
async def test_u_undoes_done_and_drop(
    build_app: AppFactory, store: JournalStore, key: str, status: str
) -> None:
    write_plans(store)
    app = build_app(start_on="review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)  # the overdue one, by mistake
        assert store.find_action("k3f9").action.status == status
        assert "Press u to undo." in str([n.message for n in app._notifications])
        assert "Phone Sam" not in on_screen(pilot)  # gone from the open list
        await pilot.press("u")
        assert "Phone Sam about the walking group" in on_screen(pilot)  # back
    back = store.find_action("k3f9").action
    assert (back.status, back.changed_on, back.due) == ("open", None, date(2026, 11, 27))


@pytest.mark.parametrize("typed", ["fri", "none", "in 3 days"])
@pilot_test
async def test_u_undoes_a_move(build_app: AppFactory, store: JournalStore, typed: str) -> None:
    write_plans(store)
    app = build_app(start_on="review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await type_text(pilot, typed)
        await pilot.press("enter")
        assert store.find_action("k3f9").action.due != date(2026, 11, 27)
        await pilot.press("u")
    assert store.find_action("k3f9").action.due == date(2026, 11, 27)


@pilot_test
async def test_undo_is_for_the_last_change_only(build_app: AppFactory, store: JournalStore) -> None:
    write_plans(store)
    app = build_app(start_on="review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")  # k3f9 done
        await pilot.press("d")  # m4p2 done
        await pilot.press("u")  # undoes m4p2 only
        await pilot.press("u")  # nothing more to undo: nothing happens
        footer = on_screen(pilot).splitlines()[-1]
        assert "Undo" not in footer  # offered only while there is something to undo
    assert store.find_action("k3f9").action.status == "done"
    assert store.find_action("m4p2").action.status == "open"


@pilot_test
async def test_undo_is_not_offered_before_any_change(
    build_app: AppFactory, store: JournalStore
) -> None:
    write_plans(store)
    app = build_app(start_on="review")
    async with app.run_test(size=SIZE) as pilot:
        assert "Undo" not in on_screen(pilot).splitlines()[-1]
        await pilot.press("u")  # nothing to undo
        assert isinstance(app.screen, ActionsScreen)
    assert store.find_action("k3f9").action.status == "open"


# --------------------------------------------------------------------------- pop-ups


@pytest.mark.parametrize(
    ("keys", "carried_on"),
    [((), True), (("left",), False), (("left", "right"), True), (("left", "left"), False)],
)
@pilot_test
async def test_arrows_move_between_the_resume_buttons(
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    paused_at: Callable[[FoundWorkbook, str], None],
    keys: tuple[str, ...],
    carried_on: bool,
) -> None:
    paused_at(every_kind, "mood")
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ResumeModal)
        await pilot.press(*keys, "enter")
        assert isinstance(app.screen, WalkScreen)
        at_mood = app.screen.walker.session.position == 2
        assert at_mood is carried_on  # afresh starts at the introduction


@pilot_test
async def test_arrows_move_between_the_support_buttons(
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    paused_at: Callable[[FoundWorkbook, str], None],
) -> None:
    paused_at(every_kind, "energy")  # support_below = 1
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "0", "ctrl+n")  # carry on; a 0: the note comes up
        assert isinstance(app.screen, SupportNoteModal)
        assert isinstance(app.focused, Button) and app.focused.id == "carry-on"
        await pilot.press("left")
        assert isinstance(app.focused, Button) and app.focused.id == "pause"
        await pilot.press("right")
        assert isinstance(app.focused, Button) and app.focused.id == "carry-on"
        await pilot.press("left", "enter")  # pause for now: the app closes, paused
    assert app.return_value is not None and "to carry on" in app.return_value.message


@pilot_test
async def test_move_dialog_shows_the_screen_behind_and_its_keys(
    build_app: AppFactory, store: JournalStore
) -> None:
    write_plans(store)
    app = build_app(start_on="review")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("m")
        assert isinstance(app.screen, MoveDateModal)
        assert app.screen.query_one(Input).placeholder == MOVE_PLACEHOLDER
        text = on_screen(pilot)
        assert MOVE_PLACEHOLDER in text  # whole, not cut at the field's edge
        assert text.count(MOVE_PLACEHOLDER) == 1  # and not said twice
        assert MOVE_KEYS in text
        assert "What you planned" in text  # the review, dimmed, behind it


# --------------------------------------------------------------------------- empty walks


@pytest.mark.parametrize("leave", ["escape", "ctrl+q"])
@pilot_test
async def test_leaving_before_answering_keeps_no_draft(
    build_app: AppFactory, every_kind: FoundWorkbook, reflect_home: object, leave: str
) -> None:
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # begin
        await pilot.press("ctrl+s")  # a skip is not an answer
        await pilot.press(leave)
        if leave == "escape":
            assert isinstance(app.screen, HomeScreen)
            assert "0 answers" not in on_screen(pilot)
            assert "saved" not in str([n.message for n in app._notifications])
    assert draft(reflect_home, "every-kind") is None  # type: ignore[arg-type] # a Path
    if leave == "ctrl+q":  # and no "carry on with reflect start" on the way out
        assert app.return_value is not None and "to carry on" not in app.return_value.message


@pilot_test
async def test_leaving_after_an_answer_keeps_the_draft(
    build_app: AppFactory, every_kind: FoundWorkbook, reflect_home: object
) -> None:
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "ok")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    saved = draft(reflect_home, "every-kind")  # type: ignore[arg-type] # a Path
    assert saved is not None


@pilot_test
async def test_review_shows_a_repeat_and_u_undoes_a_repeating_done(
    build_app: AppFactory, store: JournalStore
) -> None:
    from reflect.actions import add_action
    from reflect.repeats import parse_repeat
    from tests.conftest import FROZEN_NOW

    plan, path = add_action(
        store, "Short walk", date(2026, 11, 29), None, FROZEN_NOW, parse_repeat("mon")
    )
    before = path.read_bytes()
    app = build_app(start_on="review")
    async with app.run_test(size=SIZE) as pilot:
        assert "Short walk — Sun 29 Nov, due today, every Monday" in on_screen(pilot)
        await pilot.press("d")
        assert store.find_action(plan.id).action.due == date(2026, 11, 30)
        assert len(next(iter(store.entries())).actions) == 2  # the occurrence, as history
        assert "Mon 30 Nov, due tomorrow, every Monday" in on_screen(pilot)
        await pilot.press("u")
        assert "Sun 29 Nov, due today, every Monday" in on_screen(pilot)
    assert path.read_bytes() == before
