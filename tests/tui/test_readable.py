"""Readable everywhere: prose reflows to the screen, the question is always in view,
wrapped lines keep their indent, and state shows in the glyph, not only in colour."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Collapsible

from reflect.journal.model import Entry
from reflect.journal.store import JournalStore
from reflect.tui.screens.walk import WalkScreen
from reflect.workbook.loader import FoundWorkbook, WorkbookSource, find_workbook
from tests.conftest import FROZEN_NOW
from tests.tui.conftest import AppFactory
from tests.tui.helpers import paste, pilot_test, screen_lines, type_text

pytestmark = pytest.mark.usefixtures("note_seen")
BUNDLED = WorkbookSource("bundled", Path(__file__).resolve().parents[2] / "workbooks")
SIZES = [(60, 15), (80, 24), (100, 30)]


def climate() -> FoundWorkbook:
    return find_workbook("climate-action-without-despair", [BUNDLED])


def text_of(pilot: Pilot[Any]) -> str:
    return "\n".join(screen_lines(pilot))


def no_orphans(lines: list[str], width: int) -> None:
    """No line of prose ends far short of the width with the next line's first word
    able to fit on it: the mark of a hard wrap shown at the wrong width."""
    for line, after in itertools.pairwise(lines):
        words = after.strip().split(" ")
        text = line.rstrip(" │╯╰╭╮┃▌▐▊▎")
        if not text.strip() or not after.strip() or not words[0].isalpha():
            continue
        assert len(text) + 1 + len(words[0]) > width - 8, f"{line!r} then {after!r}"


@pytest.mark.parametrize("size", SIZES)
@pilot_test
async def test_the_introduction_reflows_and_opens_at_its_top(
    build_app: AppFactory, size: tuple[int, int]
) -> None:
    app = build_app(climate())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        page = app.screen.query_one("#page", VerticalScroll)
        assert page.scroll_y == 0  # the title in view, not scrolled down to the button
        lines = screen_lines(pilot)
        assert any("Climate action without despair" in line for line in lines[1:4])
        stripped = [line.strip() for line in lines]
        for orphan in ("response", "feel", "on your own is not always the right thing. If you are"):
            assert orphan not in stripped
        if size[1] >= 24:
            start = next(i for i, line in enumerate(lines) if "Feeling worried" in line)
            no_orphans(lines[start : start + 4], size[0])


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
@pilot_test
async def test_the_support_pop_up_reflows(build_app: AppFactory, size: tuple[int, int]) -> None:
    found = find_workbook("wellbeing-check-in", [BUNDLED])
    app = build_app(found)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter", "0", "ctrl+n")  # begin; a 0, below its support_below
        lines = [line.strip(" │▐▌▊▎") for line in screen_lines(pilot)]
        assert "If things are hard right now," in " ".join(" ".join(lines).split())
        for orphan in ("you do not", "have to work through them alone"):
            assert orphan not in lines
        no_orphans(lines[3:8], size[0] - 8)
        assert any("Carry on" in line for line in lines)  # the buttons fit too


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("prompt_id", ["feeling", "energy", "mood", "helped", "three", "next"])
@pilot_test
async def test_the_question_and_its_field_are_always_in_view(
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    paused_at: Callable[[FoundWorkbook, str], None],
    size: tuple[int, int],
    prompt_id: str,
) -> None:
    paused_at(every_kind, prompt_id)
    app = build_app(every_kind)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")  # carry on
        screen = app.screen
        assert isinstance(screen, WalkScreen)
        # The question, and the line being typed in, whole between header and footer.
        for widget in (screen.query_one("#prompt-text"), app.focused):
            assert widget is not None
            region = widget.region
            assert region.height > 0 and region.y >= 1 and region.bottom <= size[1] - 1, widget
        prompt = next(
            p for s in every_kind.workbook.sections for p in s.prompts if p.id == prompt_id
        )
        assert any(prompt.text in line for line in screen_lines(pilot))
        footer, header = screen_lines(pilot)[-1], screen_lines(pilot)[0]
        assert "Next" in footer and "Quit" in footer  # whole, not cut
        assert "Every kind of prompt" in header


@pytest.mark.parametrize(("size", "folded"), [((60, 15), True), ((100, 30), False)])
@pilot_test
async def test_ideas_fold_to_one_line_when_space_is_short(
    build_app: AppFactory, every_kind: FoundWorkbook, size: tuple[int, int], folded: bool
) -> None:
    app = build_app(every_kind)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")  # begin: the first section has ideas and a tip
        fold = app.screen.query_one("#context", Collapsible)
        assert fold.collapsed is folded
        assert ("Some ideas to consider." in text_of(pilot)) is not folded
        await pilot.press("ctrl+o")  # open (or fold) them
        assert fold.collapsed is not folded
        assert ("Some ideas to consider." in text_of(pilot)) is folded
        assert app.focused is not None and app.focused.id == "answer"  # still writing


@pilot_test
async def test_long_ideas_fold_at_80x24(build_app: AppFactory) -> None:
    app = build_app(climate())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # begin
        for _ in range(3):  # to the section whose ideas are a long list
            await pilot.press("ctrl+n")
        screen = app.screen
        assert isinstance(screen, WalkScreen)
        fold = screen.query_one("#context", Collapsible)
        assert fold.region.height <= 24 * 2 // 5 + 1  # never half the screen


# --------------------------------------------------------------------------- indents


def continuation_indent(lines: list[str], first: str) -> tuple[int, int]:
    """(column the text starts at on the line holding `first`, column of the next line)."""
    at = next(i for i, line in enumerate(lines) if first in line)
    start = lines[at].index(first)
    following = lines[at + 1]
    return start, len(following) - len(following.lstrip(" │"))


@pilot_test
async def test_help_keeps_its_indent_at_60_columns(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.press("question_mark")
        start, next_line = continuation_indent(screen_lines(pilot), "Pause and quit.")
        assert next_line == start


@pilot_test
async def test_the_review_keeps_its_indent_at_60_columns(
    build_app: AppFactory, store: JournalStore
) -> None:
    from tests.tui.journal_data import write_plans

    write_plans(store)
    app = build_app(start_on="review")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        lines = screen_lines(pilot)
        start, next_line = continuation_indent(lines, "Phone Sam")
        assert next_line == start  # "2 days overdue" under the words, not the id
        start, next_line = continuation_indent(lines, "Book the community room")
        assert next_line == start  # "from …" too


@pytest.mark.usefixtures("fixed_ids")
@pilot_test
async def test_the_summary_keeps_its_indent_at_60_columns(
    build_app: AppFactory, every_kind: FoundWorkbook
) -> None:
    long = "Tea with Jo on Tuesday and the long walk we took by the river afterwards"
    app = build_app(every_kind)
    async with app.run_test(size=(60, 40)) as pilot:
        await pilot.press("enter")
        await paste(pilot, long)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+l")  # on to the plan
        await paste(pilot, "Go to bed early on the nights before the long shifts")
        await pilot.press("tab")
        await type_text(pilot, "fri")
        await pilot.press("enter", "ctrl+n", "enter")  # add; the end; save
        lines = screen_lines(pilot)
        start, next_line = continuation_indent(lines, "Go to bed early")
        assert next_line == start
        await pilot.press("end")  # what was written, at the bottom
        lines = screen_lines(pilot)
        start, next_line = continuation_indent(lines, "Tea with Jo")
        assert next_line == start


@pilot_test
async def test_journal_entries_are_one_title_line_each_with_rules_between(
    build_app: AppFactory, store: JournalStore
) -> None:
    title = "A very long title for an entry that would wrap across lines at sixty columns"
    for number in range(3):
        store.add_entry(Entry(f"entry{number:03}", FROZEN_NOW.replace(hour=8 + number), title))
    app = build_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        lines = screen_lines(pilot)
        days = [i for i, line in enumerate(lines) if "Sun 29 Nov" in line[:24]]  # the list
        assert len(days) == 3
        assert all("…" in lines[i][:24] for i in days)  # cut, not wrapped
        assert all(b - a == 3 for a, b in itertools.pairwise(days))  # 2 lines + a rule
        assert all("─" in lines[i + 2][:24] for i in days[:-1])


# --------------------------------------------------------------------------- no colour


@pytest.mark.parametrize("no_color", [False, True])
@pilot_test
async def test_ticks_and_choices_show_in_the_glyph(
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    paused_at: Callable[[FoundWorkbook, str], None],
    monkeypatch: pytest.MonkeyPatch,
    no_color: bool,
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    paused_at(every_kind, "mood")
    app = build_app(every_kind)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "down", "space")  # carry on; choose the second
        text = text_of(pilot)
        for mark, option in [("(•)", "Wobbly"), ("( )", "Steady"), ("( )", "Bright")]:
            assert re.search(re.escape(mark) + r" +" + option, text), (mark, option)
        await pilot.press("ctrl+n")  # on to the checklist, "A walk" highlighted
        await pilot.press("down", "space", "down", "space", "space")  # tick Sleep; Friends twice
        text = text_of(pilot)
        for mark, option in [("[x]", "Sleep"), ("[ ]", "A walk"), ("[ ]", "Friends")]:
            assert re.search(re.escape(mark) + r" +" + option, text), (mark, option)
        assert "▐X▌" not in text and "▐●▌" not in text
