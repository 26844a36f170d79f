"""The journal screen: entries newest first, a search that filters as you type, and
the chosen entry shown beside the list, every word exactly as it was written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Markdown, OptionList
from textual.widgets.markdown import MarkdownBlock

from reflect.journal.model import Entry, SectionRecord
from reflect.journal.store import JournalStore
from reflect.kinds.text import TextAnswer
from reflect.tui.screens import journal
from reflect.tui.screens.home import HomeScreen
from reflect.tui.screens.journal import JournalScreen, around
from tests.tui.conftest import AppFactory
from tests.tui.helpers import pilot_test, type_text

SIZE = (110, 32)
pytestmark = pytest.mark.usefixtures("note_seen")


def write_journal(store: JournalStore) -> None:
    """Two free-form notes and two workbook entries, written over a week."""
    store.add_entry(
        Entry("free1111", datetime(2026, 11, 20, 8, 0), body="Slept badly, long day ahead.")
    )
    store.add_entry(
        Entry(
            "book2222",
            datetime(2026, 11, 22, 9, 30),
            "Weekly wellbeing check-in",
            workbook="wellbeing-check-in",
            version="1",
            sections=(
                SectionRecord(
                    "how", "How it went", (TextAnswer("best", "What went well?", "Lunch with Ana"),)
                ),
            ),
        )
    )
    store.add_entry(
        Entry(
            "free3333", datetime(2026, 11, 25, 19, 15), body="Planted tulips in the garden.\nCold."
        )
    )
    store.add_entry(
        Entry(
            "book4444",
            datetime(2026, 11, 28, 21, 0),
            "Evening wind-down",
            workbook="evening",
            sections=(
                SectionRecord(
                    "day", "The day", (TextAnswer("note", "One thing to keep", "A quiet walk"),)
                ),
            ),
        )
    )


async def open_journal(pilot: Pilot[Any]) -> JournalScreen:
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("j")  # the journal, from home
    assert isinstance(pilot.app.screen, JournalScreen)
    await pilot.app.workers.wait_for_complete()  # entries are read off the UI thread
    await pilot.pause()
    return pilot.app.screen


def labels(screen: JournalScreen) -> list[str]:
    listing = screen.query_one("#entries", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def shown_entry(screen: JournalScreen) -> str:
    view = screen.query_one("#entry", Markdown)
    return "\n".join(str(block.render()) for block in view.query(MarkdownBlock))


@pilot_test
async def test_search_filters_the_list_and_shows_the_entry(
    build_app: AppFactory, store: JournalStore
) -> None:
    write_journal(store)
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        found = labels(screen)
        assert len(found) == 4
        assert found[0] == "Sat 28 Nov  Evening wind-down\nA quiet walk"  # newest first
        assert "free-form" in found[1] and "Planted tulips in the garden." in found[1]
        assert "Weekly wellbeing check-in" in found[2] and "Lunch with Ana" in found[2]
        assert "free-form" in found[3]
        assert "A quiet walk" in shown_entry(screen)  # the newest is shown to begin with

        await type_text(pilot, "tulip")  # the search box has focus: type a word
        await pilot.pause()
        found = labels(screen)
        assert len(found) == 1
        assert "Planted tulips in the garden." in found[0]
        text = shown_entry(screen)
        assert "Planted tulips in the garden." in text and "A quiet walk" not in text

        await pilot.press("ctrl+u")  # clear the box
        await type_text(pilot, "cold")  # on the entry's second line
        await pilot.pause()
        assert labels(screen) == ["Wed 25 Nov  free-form\nCold."]  # where the words are

        await pilot.press("escape")  # back home
        assert isinstance(app.screen, HomeScreen)


@pilot_test
async def test_no_match_and_empty_journal_say_so(
    build_app: AppFactory, store: JournalStore
) -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        assert labels(screen) == []
        status = str(screen.query_one("#journal-status").render())
        assert status.startswith("Nothing in your journal yet")
    write_journal(store)
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        await type_text(pilot, "zebra")  # nothing has it
        await pilot.pause()
        assert labels(screen) == []
        assert str(screen.query_one("#journal-status").render()) == "No entries with those words."
        assert shown_entry(screen) == ""


@pilot_test
async def test_markup_looking_text_is_shown_literally(
    build_app: AppFactory, store: JournalStore
) -> None:
    tricky = "[bold]not bold[/] *not em* `x` $(rm)"
    store.add_entry(Entry("mark5555", datetime(2026, 11, 27, 12, 0), body=tricky))
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        assert tricky in labels(screen)[0]  # the list label, as written
        await type_text(pilot, "[bold]")  # search for the brackets themselves
        await pilot.pause()
        assert len(labels(screen)) == 1
        assert tricky in shown_entry(screen)  # and the Markdown view, as written


def test_journal_screen_snapshot(
    snap_compare: Callable[..., bool], build_app: AppFactory, store: JournalStore
) -> None:
    write_journal(store)

    async def opened(pilot: Pilot[Any]) -> None:
        await open_journal(pilot)
        await type_text(pilot, "an")  # a search that keeps two of the four
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(build_app(), terminal_size=SIZE, run_before=opened)


@pilot_test
async def test_a_large_journal_loads_the_newest_and_searches_them_all(
    build_app: AppFactory, store: JournalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_journal(store)
    monkeypatch.setattr(journal, "LOAD_LIMIT", 2)  # as if the journal were very large
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        assert len(labels(screen)) == 2  # only the newest two are read at first
        status = str(screen.query_one("#journal-status").render())
        assert status.startswith("Showing your newest 2 entries")
        await type_text(pilot, "slept")  # in the oldest entry, which was not loaded
        await pilot.app.workers.wait_for_complete()  # the search reads the whole journal
        await pilot.pause()
        found = labels(screen)
        assert len(found) == 1 and "Slept badly" in found[0]
        assert "Slept badly" in shown_entry(screen)


def test_a_long_line_is_cut_around_the_words_found() -> None:
    line = "A " + "very " * 30 + "lighthouse, then " + "more words " * 20 + "at the end."
    start = line.index("lighthouse")
    before, found, after = around(line, (start, start + 10), 40)
    assert found == ("lighthouse", "bold underline")
    assert isinstance(before, str) and isinstance(after, str)
    assert before.startswith("…") and after.endswith("…")
    assert len(before + found[0] + after) <= 42  # the width, and the two ellipses
    assert around("lighthouse", (0, 10), 40) == ["", ("lighthouse", "bold underline"), ""]


@pilot_test
async def test_a_search_scrolls_the_entry_to_the_words_found(
    build_app: AppFactory, store: JournalStore
) -> None:
    paragraphs = [f"Paragraph {n}: an ordinary day, nothing much." for n in range(40)]
    paragraphs[33] = "Paragraph 33: the lighthouse keeper waved from the rocks."
    store.add_entry(Entry("long5555", datetime(2026, 11, 27, 7, 0), body="\n\n".join(paragraphs)))
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        view = screen.query_one("#entry-view")
        assert view.scroll_y == 0
        await type_text(pilot, "LIGHTHOUSE")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert view.scroll_y > 0  # moved down to paragraph 33
        visible_top = view.scroll_y
        assert visible_top <= view.max_scroll_y
        await pilot.press("ctrl+u")  # no search: back to the top of the entry
        await pilot.pause()
        assert view.scroll_y == 0


@pilot_test
async def test_ctrl_s_stars_the_entry_being_read_and_again_takes_the_star_off(
    build_app: AppFactory, store: JournalStore
) -> None:
    write_journal(store)
    month = store.folder / "2026-11.txt"
    before = month.read_text(encoding="utf-8")
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        keys = {b.key: b.description for b in screen.BINDINGS if isinstance(b, Binding)}
        assert keys["ctrl+s"] == "Star"  # in the footer
        await type_text(pilot, "tulip")  # star a found entry, from the search box
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        starred = month.read_text(encoding="utf-8")
        assert "id: free3333\nstarred: yes\n" in starred
        assert starred.replace("id: free3333\nstarred: yes\n", "id: free3333\n") == before
        assert "★ starred" in shown_entry(screen)
        await pilot.press("ctrl+u")  # the whole list again: the star is kept there too
        await pilot.pause()
        listing = screen.query_one("#entries", OptionList)
        listing.highlighted = listing.get_option_index("free3333")
        await pilot.pause()
        assert "★ starred" in shown_entry(screen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert month.read_text(encoding="utf-8") == before
        assert "★ starred" not in shown_entry(screen)
