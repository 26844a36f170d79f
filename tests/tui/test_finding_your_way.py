"""Finding your way: reflect's own commands in the palette, prompts left for another
day named, and the answer a prompt builds on shown above it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot

from reflect.tui.screens.actions import ActionsScreen
from reflect.tui.screens.help import HelpScreen
from reflect.tui.screens.home import HomeScreen
from reflect.tui.screens.journal import JournalScreen
from reflect.tui.screens.left import LeftLastTimeModal
from reflect.tui.screens.summary import SummaryScreen
from reflect.tui.screens.support import SupportNoteModal
from reflect.tui.screens.walk import WalkScreen
from reflect.workbook.loader import FoundWorkbook, WorkbookSource, find_workbook
from tests.tui.conftest import AppFactory
from tests.tui.helpers import entries, pilot_test, screen_lines, type_text

SIZE = (100, 30)
pytestmark = pytest.mark.usefixtures("note_seen")


def text_of(pilot: Pilot[Any]) -> str:
    return "\n".join(screen_lines(pilot))


# --------------------------------------------------------------------------- the palette


@pytest.mark.parametrize(
    ("typed", "lands_on"),
    [
        ("review your plans", ActionsScreen),
        ("your journal", JournalScreen),
        ("search", JournalScreen),
        ("support note", SupportNoteModal),
        ("help", HelpScreen),
        ("start every kind", WalkScreen),
    ],
)
@pilot_test
async def test_the_palette_runs_reflects_own_commands(
    build_app: AppFactory, typed: str, lands_on: type
) -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, typed)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, lands_on)


@pilot_test
async def test_the_palette_offers_no_stock_commands(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        shown = text_of(pilot)
        assert "Review your plans" in shown and "Start: Every kind of prompt" in shown
        for stock in ("Screenshot", "as soon as possible", "Maximize", "Keys"):
            assert stock not in shown


@pilot_test
async def test_the_palette_theme_command_still_changes_the_theme(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "theme")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # the theme list
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        before = app.theme
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.theme != before


# --------------------------------------------------------------------------- left for later


@pilot_test
async def test_prompts_left_for_another_day_are_named(
    build_app: AppFactory, every_kind: FoundWorkbook
) -> None:
    app = build_app(every_kind)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")  # begin
        await type_text(pilot, "ok")
        await pilot.press("ctrl+n", "ctrl+n")  # next; skip the scale by moving on empty
        await pilot.press("ctrl+l")  # leave the second section
        await pilot.press("ctrl+s")  # and skip the plan
        shown = text_of(pilot)
        assert "You left 5 prompts for another day" in shown
        for left in (
            "How much energy do you have?",
            "Which word fits best?",
            "What helped?",
            "Three small good things",
            "What will you do, and by when?",
        ):
            assert left in shown, left
        await pilot.press("enter")  # save
        assert isinstance(app.screen, SummaryScreen)
        shown = text_of(pilot)
        assert "Which word fits best?" in shown and "What will you do, and by when?" in shown


# --------------------------------------------------------------------------- earlier answers


BUILDS_ON = """
id = "builds-on"
title = "Builds on"
version = "1"
description = "Prompts that point back."
minutes = 5

[[sections]]
id = "one"
title = "One"

[[sections.prompts]]
id = "score"
kind = "scale"
text = "How are you, from 0 to 10?"
min = 0
max = 10

[[sections.prompts]]
id = "why"
kind = "text"
text = "What's behind that number?"

[[sections.prompts]]
id = "else"
kind = "text"
text = "Anything else you would like to add?"

[[sections]]
id = "two"
title = "Two"

[[sections.prompts]]
id = "pick"
kind = "choice"
text = "Which fits?"
options = ["Calm", "Busy"]

[[sections.prompts]]
id = "more"
kind = "text"
text = "What made it so?"
"""


@pytest.mark.parametrize(
    ("keys", "shown_at_why"),
    [
        (("4",), "You said: 4"),
        (("1", "0"), "You said: 10"),
        ((), None),  # nothing given: nothing to show
    ],
)
@pilot_test
async def test_the_answer_a_prompt_builds_on_is_shown_above_it(
    build_app: AppFactory,
    tmp_path: Path,
    keys: tuple[str, ...],
    shown_at_why: str | None,
) -> None:
    (tmp_path / "builds-on.toml").write_text(BUILDS_ON, encoding="utf-8")
    sources = [WorkbookSource("test", tmp_path)]
    found = find_workbook("builds-on", sources)
    app = build_app(found, sources=sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *keys, "ctrl+n")  # begin; the score; on to "why"
        said = [line.strip() for line in screen_lines(pilot) if "You said:" in line]
        assert said == ([] if shown_at_why is None else [f"{shown_at_why} (on a scale of 0 to 10)"])
        await type_text(pilot, "sleep")
        await pilot.press("ctrl+n")  # "Anything else…" stands on its own: nothing shown
        assert "You said:" not in text_of(pilot)
        await pilot.press("ctrl+n", "down", "space", "ctrl+n")  # choose in section two
        said = [line.strip() for line in screen_lines(pilot) if "You said:" in line]
        assert said in (["You said: Calm"], ["You said: Busy"])  # "What made it so?" points back


async def finish_leaving_most(pilot: Pilot[Any]) -> None:
    """Walk every-kind answering only the first prompt, and save."""
    await pilot.press("enter")  # begin
    await type_text(pilot, "ok")
    await pilot.press("ctrl+n", "ctrl+l", "ctrl+l", "ctrl+l")  # leave every section after
    await pilot.press("enter")  # save
    assert isinstance(pilot.app.screen, SummaryScreen)


@pilot_test
async def test_prompts_left_last_time_are_offered_and_walked_alone(
    build_app: AppFactory, every_kind: FoundWorkbook, reflect_home: Path
) -> None:
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await finish_leaving_most(pilot)
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LeftLastTimeModal)
        shown = text_of(pilot)
        assert "Last time you left 5 prompts for another day. Look at them now?" in shown
        assert "Which word fits best?" in shown
        await pilot.press("enter")  # just those
        screen = app.screen
        assert isinstance(screen, WalkScreen)
        step = screen.walker.session.current
        assert step is not None and step.prompt is not None and step.prompt.id == "energy"
        assert len(screen.walker.session.steps) == 5  # only the ones left
        await pilot.press("7", "ctrl+n")  # the scale, answered now
        await pilot.press("ctrl+l", "ctrl+l", "enter")  # leave the rest again; save
        assert isinstance(app.screen, SummaryScreen)
    entry = entries(reflect_home)[-1]
    assert [a.prompt_id for s in entry.sections for a in s.answers] == ["energy"]
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:  # the four still left, offered again
        assert "Last time you left 4 prompts" in text_of(pilot)


@pytest.mark.parametrize(("keys", "intro"), [(("left", "enter"), True), (("escape",), None)])
@pilot_test
async def test_the_offer_can_be_declined(
    build_app: AppFactory, every_kind: FoundWorkbook, keys: tuple[str, ...], intro: bool | None
) -> None:
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await finish_leaving_most(pilot)
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        if intro is None:
            assert isinstance(app.screen, HomeScreen)  # neither: back home
        else:
            screen = app.screen
            assert isinstance(screen, WalkScreen) and screen.phase == "intro"
            assert len(screen.walker.session.steps) == 6  # the whole workbook


@pytest.mark.parametrize(
    ("kept", "offered"),
    [
        (["mood", "energy"], ["energy", "mood"]),  # in the workbook's order
        (["gone-since", "next"], ["next"]),  # a prompt the workbook no longer has is not offered
        ([], []),  # nothing left this time: the last offer is forgotten
    ],
)
def test_what_is_left_is_kept_per_workbook(
    build_app: AppFactory, every_kind: FoundWorkbook, kept: list[str], offered: list[str]
) -> None:
    ctx = build_app(every_kind).ctx
    ctx.remember_left(every_kind.workbook, ["feeling"])  # an earlier walk's
    ctx.remember_left(every_kind.workbook, kept)
    assert ctx.left_last_time(every_kind.workbook) == offered


@pytest.mark.parametrize("damage", ["folder", "link", "binary"])
def test_an_unreadable_record_offers_nothing(
    build_app: AppFactory, every_kind: FoundWorkbook, reflect_home: Path, damage: str
) -> None:
    ctx = build_app(every_kind).ctx
    path = ctx.state_dir / "left-every-kind"
    path.parent.mkdir(parents=True, exist_ok=True)
    if damage == "folder":
        path.mkdir()
    elif damage == "link":
        (reflect_home / "elsewhere").write_text("mood\n")
        path.symlink_to(reflect_home / "elsewhere")
    else:
        path.write_bytes(b"\xff\xfe\x00mood")
    assert ctx.left_last_time(every_kind.workbook) == []
