"""Home: workbooks to start, a banner when plans are due, and the support note."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from reflect import messages
from reflect.journal.store import JournalStore
from reflect.tui import words
from reflect.tui.context import SEEN_NOTE_MARKER
from reflect.tui.screens.actions import ActionsScreen
from reflect.tui.screens.help import HelpScreen
from reflect.tui.screens.home import HomeScreen
from reflect.tui.screens.support import SupportNoteModal
from reflect.tui.screens.walk import WalkScreen
from reflect.workbook.prose import reflow
from tests.tui.conftest import AppFactory
from tests.tui.helpers import pilot_test, shown_text
from tests.tui.journal_data import write_plans

SIZE = (100, 30)


@pilot_test
async def test_first_run_shows_the_support_note_once(
    build_app: AppFactory, reflect_home: Path
) -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SupportNoteModal)  # shown before anything else
        assert reflow(messages.SUPPORT_NOTE) in shown_text(pilot)  # reflowed to fit
        await pilot.press("escape")  # close it
        assert isinstance(app.screen, HomeScreen)
    assert (reflect_home / "state" / SEEN_NOTE_MARKER).exists()
    async with build_app().run_test(size=SIZE) as pilot:
        assert isinstance(pilot.app.screen, HomeScreen)  # not again on the next run


@pilot_test
@pytest.mark.usefixtures("note_seen")
async def test_support_note_on_a_key_in_the_users_words(build_app: AppFactory) -> None:
    app = build_app(support_note="Ring the [group] line: 0123 $(x)")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")  # the support note, from home
        assert isinstance(app.screen, SupportNoteModal)
        assert "Ring the [group] line: 0123 $(x)" in shown_text(pilot)
        await pilot.press("escape")  # close it
        await pilot.press("question_mark")  # help
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")  # close help
        assert isinstance(app.screen, HomeScreen)


@pilot_test
@pytest.mark.usefixtures("note_seen")
async def test_due_banner_counts_due_and_overdue_plans(
    build_app: AppFactory, store: JournalStore
) -> None:
    write_plans(store)  # one overdue, one due today, two not yet due, one done
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()  # the banner is counted off the UI thread
        await pilot.pause()
        banner = app.screen.query_one("#due-banner", Static)
        assert banner.display
        assert str(banner.render()) == "2 things you planned are due — press a to review"
        await pilot.press("a")  # review them
        assert isinstance(app.screen, ActionsScreen)
        await pilot.press("d")  # the first (overdue) one is done
        await pilot.press("escape")  # home again
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(banner.render()) == "1 thing you planned is due — press a to review"


@pilot_test
@pytest.mark.usefixtures("note_seen")
async def test_no_banner_when_nothing_is_due(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.query_one("#due-banner").display


@pilot_test
@pytest.mark.usefixtures("note_seen")
async def test_choosing_a_workbook_shows_progress_and_starts_it(
    build_app: AppFactory, reflect_home: Path
) -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        listing = app.screen.query_one("#workbooks", OptionList)
        assert listing.option_count == 1  # only the test workbook is on the search path
        await pilot.press("enter")  # start "Every kind of prompt"
        assert isinstance(app.screen, WalkScreen)
        await pilot.press("enter")  # begin
        await pilot.press("ctrl+n", "5", "ctrl+n")  # skip the text, 5 on the scale
        await pilot.press("escape")  # pause, back to home
        assert isinstance(app.screen, HomeScreen)
        prompt = app.screen.query_one("#workbooks", OptionList).get_option_at_index(0).prompt
        assert "Paused: 1 of 6 answered, last saved Sun 29 Nov" in str(prompt)
        await pilot.press("enter")  # the same workbook again: offered to carry on
        await pilot.press("y")  # carry on
        assert isinstance(app.screen, WalkScreen)
        assert app.screen.walker.session.current.prompt.id == "mood"


@pilot_test
@pytest.mark.usefixtures("note_seen")
async def test_quitting_from_home(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")  # quit
    assert app.return_value is not None and app.return_value.message == ""


@pilot_test
@pytest.mark.usefixtures("note_seen")
async def test_ctrl_c_says_how_to_leave_and_ctrl_q_leaves(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
        assert [n.message for n in app._notifications] == [words.LEAVING]
        assert isinstance(app.screen, HomeScreen)  # still here
        await pilot.press("ctrl+q")
    assert app.return_value is not None  # closed, saying how to carry on (nothing to say here)


@pilot_test
@pytest.mark.usefixtures("note_seen")
async def test_the_theme_chosen_is_the_one_the_app_opens_in_next_time(
    build_app: AppFactory, reflect_home: Path
) -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        default = app.theme
        app.theme = "textual-light"  # what ctrl+p's "Change theme" does
        await pilot.pause()
    assert default != "textual-light"
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "textual-light"
    (reflect_home / "state" / "theme").write_text("a theme that went away\n")
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == default  # unknown: the default, no error
