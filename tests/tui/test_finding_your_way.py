"""Finding your way: reflect's own commands in the palette, prompts left for another
day named, and the answer a prompt builds on shown above it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from typer.testing import CliRunner

from reflect.cli.main import app as cli_app
from reflect.journal.model import Entry, LeftPrompt, new_entry_id
from reflect.tui.screens.actions import ActionsScreen
from reflect.tui.screens.help import HelpScreen
from reflect.tui.screens.home import HomeScreen
from reflect.tui.screens.journal import JournalScreen
from reflect.tui.screens.left import LeftLastTimeModal
from reflect.tui.screens.looking_back import LookingBackScreen
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
        ("looking back", LookingBackScreen),
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


def left_lines(home: Path) -> list[str]:
    """The `left for another day:` lines of the month files, in order."""
    return [
        line
        for path in sorted((home / "journal").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").split("\n")
        if line.startswith("left for another day: ")
    ]


EVERY_KIND_PROMPTS = {
    "feeling": "How are you today?",
    "energy": "How much energy do you have?",
    "mood": "Which word fits best?",
    "helped": "What helped?",
    "three": "Three small good things",
    "next": "What will you do, and by when?",
}


@pytest.mark.parametrize(
    ("keys", "left"),
    [
        (("ctrl+n", "ctrl+l", "ctrl+l", "ctrl+l"), ["energy", "mood", "helped", "three", "next"]),
        # ctrl+s at the first prompt sets "ok" aside: not an answer, so it is left too
        (("ctrl+s",) * 6, list(EVERY_KIND_PROMPTS)),
        (("ctrl+n", "5", "ctrl+n", "ctrl+l", "ctrl+s"), ["mood", "helped", "three", "next"]),
        (
            ("ctrl+n", "5", "ctrl+n", "enter", "ctrl+n", "ctrl+s", "ctrl+s", "ctrl+s"),
            ["helped", "three", "next"],
        ),
    ],
)
@pilot_test
async def test_a_walk_in_the_app_names_what_it_left_in_the_month_file(
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    reflect_home: Path,
    keys: tuple[str, ...],
    left: list[str],
) -> None:
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # begin
        await type_text(pilot, "ok")  # the first prompt is always answered here
        await pilot.press(*keys)
        assert isinstance(app.screen, WalkScreen) and app.screen.walker.session.at_end
        await pilot.press("enter")  # save
        assert isinstance(app.screen, SummaryScreen)
        shown = text_of(pilot)
        for prompt_id in left:  # named on the summary, as in the journal
            assert EVERY_KIND_PROMPTS[prompt_id] in shown
        await pilot.press("escape")  # home, then the journal: the entry names them too
        await pilot.press("j")
        assert isinstance(app.screen, JournalScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.screen.query_one("#entry-view", VerticalScroll).scroll_end(animate=False)
        await pilot.pause()
        shown = text_of(pilot)
        assert "Left for another day" in shown
        assert EVERY_KIND_PROMPTS[left[-1]] in shown
    assert left_lines(reflect_home) == [
        f"left for another day: {EVERY_KIND_PROMPTS[p]}  [{p}]" for p in left
    ]
    [month] = sorted((reflect_home / "journal").glob("*.txt"))
    assert month.read_text(encoding="utf-8").startswith("# reflect journal · format 3\n")
    [entry] = entries(reflect_home)
    assert [item.prompt_id for item in entry.left] == left


@pytest.mark.parametrize(
    ("earlier", "latest", "offered"),
    [
        ([["mood"]], ["energy", "mood"], ["energy", "mood"]),  # the newest entry decides
        ([["mood"]], ["next", "gone-since"], ["next"]),  # a prompt no longer there: not offered
        ([["mood", "energy"]], [], []),  # nothing left last time: nothing offered
        ([], ["three", "energy"], ["energy", "three"]),  # in the workbook's order
    ],
)
def test_what_is_offered_is_what_the_newest_entry_left(
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    earlier: list[list[str]],
    latest: list[str],
    offered: list[str],
) -> None:
    ctx = build_app(every_kind).ctx
    for number, ids in enumerate([*earlier, latest]):
        left = tuple(LeftPrompt(p, EVERY_KIND_PROMPTS.get(p, "Gone")) for p in ids)
        moment = datetime(2026, 11, 1 + number, 9, 0)
        ctx.store.add_entry(Entry(new_entry_id(), moment, workbook="every-kind", left=left))
    assert ctx.left_last_time(every_kind.workbook) == offered


@pilot_test
async def test_prompts_left_by_a_plain_walk_are_offered_in_the_app(
    build_app: AppFactory, every_kind: FoundWorkbook, reflect_home: Path
) -> None:
    """One journal, two front ends: what plain mode left, the app offers."""
    typed = "\n".join(["ok", "", ":skip", ":skip", ":skip"]) + "\n"
    result = CliRunner().invoke(cli_app, ["start", str(every_kind.path), "--plain"], input=typed)
    assert result.exit_code == 0, result.output
    assert "Saved to your journal" in result.stdout
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LeftLastTimeModal)
        shown = text_of(pilot)
        assert "Last time you left 5 prompts for another day" in shown
        for prompt_id in ("energy", "mood", "helped", "three", "next"):
            assert EVERY_KIND_PROMPTS[prompt_id] in shown


@pilot_test
async def test_a_journal_that_does_not_read_offers_nothing_and_the_walk_still_opens(
    build_app: AppFactory, every_kind: FoundWorkbook, reflect_home: Path
) -> None:
    folder = reflect_home / "journal"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2026-11.txt").write_text(
        "# reflect journal · format 3\n\n## 2026-11-03 21:00\nid: bbbbbbbb\n"
        "workbook: every-kind\nleft for another day: no id here\n",
        encoding="utf-8",
    )
    app = build_app(every_kind)
    async with app.run_test(size=SIZE):
        screen = app.screen
        assert isinstance(screen, WalkScreen) and len(screen.walker.session.steps) == 6


@pilot_test
async def test_the_end_of_a_walk_offers_to_star_the_entry(
    build_app: AppFactory, every_kind: FoundWorkbook, reflect_home: Path
) -> None:
    app = build_app(every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await finish_leaving_most(pilot)
        assert "Press s to star this entry" in text_of(pilot)
        (month,) = sorted((reflect_home / "journal").glob("*.txt"))
        before = month.read_text(encoding="utf-8")
        assert "starred: yes" not in before
        await pilot.press("s")
        await pilot.pause()
        after = month.read_text(encoding="utf-8")
        assert after.count("starred: yes\n") == 1
        assert after.replace("starred: yes\n", "", 1) == before  # only that line added
        assert "Starred." in text_of(pilot)
        await pilot.press("s")  # again: it stays starred, nothing more written
        await pilot.pause()
        assert month.read_text(encoding="utf-8") == after
    (entry,) = entries(reflect_home)
    assert entry.starred
