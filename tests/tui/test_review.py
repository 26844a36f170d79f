"""Reviewing plans: done, drop and move with single keys, through the same store as the CLI."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import OptionList

from reflect.journal.store import JournalStore
from reflect.tui.app import ReflectApp
from reflect.tui.screens.actions import ActionsScreen
from reflect.tui.screens.home import HomeScreen
from reflect.tui.screens.move import MoveDateModal
from tests.tui.conftest import AppFactory
from tests.tui.helpers import pilot_test, screen_lines, shown_text, type_text
from tests.tui.journal_data import write_plans

SIZE = (100, 30)
pytestmark = pytest.mark.usefixtures("note_seen")


def highlighted_id(app: ReflectApp) -> str | None:
    listing = app.screen.query_one("#actions", OptionList)
    option = listing.highlighted_option
    # Options are keyed ENTRY/ACTION (two entries can share an action id): the action's.
    return option.id.rsplit("/", 1)[-1] if option and option.id else None


@pilot_test
async def test_done_drop_and_move(build_app: AppFactory, store: JournalStore) -> None:
    write_plans(store)
    app = build_app(start_on="review")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ActionsScreen)
        on_screen = "\n".join(screen_lines(pilot))
        assert "Water the [green] plants $(now)" in on_screen  # shown literally
        assert "Already done" not in on_screen  # only open actions
        assert highlighted_id(app) == "k3f9"  # overdue comes first
        await pilot.press("d")  # done
        assert highlighted_id(app) == "m4p2"  # the next one is ready
        await pilot.press("x")  # drop it
        assert highlighted_id(app) == "q7r8"
        await pilot.press("m")  # move it to another day
        assert isinstance(app.screen, MoveDateModal)
        await type_text(pilot, "fri")  # Fri 4 Dec
        assert "Fri 4 Dec — in 5 days" in shown_text(pilot)
        await pilot.press("enter")  # move it
        assert isinstance(app.screen, ActionsScreen)
        await pilot.press("down")  # to "Read the chapter on rest" (no date)
        await pilot.press("m")  # move...
        await type_text(pilot, "nope")  # not a date
        await pilot.press("enter")  # refused, kindly: the dialog stays
        assert isinstance(app.screen, MoveDateModal)
        assert "I couldn't read 'nope' as a date." in shown_text(pilot)
        await pilot.press("escape")  # never mind
        assert isinstance(app.screen, ActionsScreen)
        await pilot.press("escape")  # home
        assert isinstance(app.screen, HomeScreen)
    assert store.find_action("k3f9").action.status == "done"
    assert store.find_action("k3f9").action.changed_on == date(2026, 11, 29)
    assert store.find_action("m4p2").action.status == "dropped"
    moved = store.find_action("q7r8").action
    assert (moved.status, moved.due) == ("open", date(2026, 12, 4))
    assert store.find_action("t5v6").action.due is None


@pilot_test
async def test_moving_to_no_date(build_app: AppFactory, store: JournalStore) -> None:
    write_plans(store)
    app = build_app(start_on="review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")  # move the overdue one...
        await type_text(pilot, "none")  # ...to no date at all
        await pilot.press("enter")
    assert store.find_action("k3f9").action.due is None


@pilot_test
async def test_nothing_planned(build_app: AppFactory) -> None:
    app = build_app(start_on="review")
    async with app.run_test(size=SIZE) as pilot:
        assert "Nothing planned right now." in shown_text(pilot)
        await pilot.press("d")  # nothing to mark: nothing happens, nothing breaks
        await pilot.press("q")  # quit


@pilot_test
async def test_two_entries_sharing_an_action_id_are_each_closed_on_their_own(
    build_app: AppFactory, store: JournalStore
) -> None:
    """An id in two month files (a hand copy): both are listed, and `d` closes the one
    highlighted, never the other."""
    from datetime import datetime

    from reflect.journal.model import Action, Entry

    for entry_id, written, text in [
        ("octentry", datetime(2026, 10, 3, 9, 0), "First copy"),
        ("noventry", datetime(2026, 11, 2, 9, 0), "Second copy"),
    ]:
        action = Action("74xb", text, due=date(2026, 11, 20))
        store.add_entry(Entry(entry_id, written, "Action added", actions=(action,)))
    app = build_app(start_on="review")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ActionsScreen)
        listing = app.screen.query_one(OptionList)
        assert sum(1 for line in screen_lines(pilot) if "copy" in line) == 2
        first = listing.highlighted_option
        assert first is not None and first.id is not None
        await pilot.press("d")  # done: only the highlighted one
    closed = {
        e.id: a.status for e in JournalStore(store.folder).entries() for a, _, _ in e.all_actions()
    }
    done_entry = first.id.split("/")[0]
    assert closed[done_entry] == "done"
    assert [s for e, s in closed.items() if e != done_entry] == ["open"]
