"""Answering date prompts in the app: the day is read back as it is typed, a day that
does not fit the prompt keeps the walk on it, and the journal holds ISO dates.

Today is frozen at Sun 29 Nov 2026.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reflect.kinds import NAMES
from reflect.kinds.date import DateAnswer
from reflect.tui.app import ReflectApp
from reflect.tui.screens.summary import SummaryScreen
from reflect.tui.screens.walk import WalkScreen
from reflect.tui.widgets.date_field import DateField
from reflect.tui.widgets.fields import FIELDS
from reflect.workbook.loader import WorkbookSource, find_workbook
from tests.conftest import DATA
from tests.tui.conftest import AppFactory
from tests.tui.helpers import draft, entries, paste, pilot_test, shown_text

SIZE = (100, 30)
pytestmark = pytest.mark.usefixtures("note_seen")


def _current_prompt(app: ReflectApp) -> str:
    """The id of the prompt the walk is on."""
    screen = app.screen
    assert isinstance(screen, WalkScreen)
    step = screen.walker.session.current
    assert step is not None and step.prompt is not None
    return step.prompt.id


def test_every_kind_has_a_widget_in_the_app() -> None:
    assert set(FIELDS) == set(NAMES)


@pilot_test
async def test_a_walk_answering_date_prompts(build_app: AppFactory, reflect_home: Path) -> None:
    found = find_workbook("dates", [WorkbookSource("test", DATA / "workbooks" / "dates")])
    app = build_app(found)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WalkScreen)
        await pilot.press("enter")  # "Begin" on the page with the support note
        # "When did this start?" (allow = past)
        await paste(pilot, "tomorrow")  # a day still to come: it does not fit
        await pilot.pause()
        assert "still to come" in shown_text(pilot)  # said as it is typed
        await pilot.press("ctrl+n")  # next: refused, the walk stays on this prompt
        assert _current_prompt(app) == "started"
        app.screen.query_one(DateField).typed.value = ""  # clear it…
        await paste(pilot, "3 weeks ago")  # …and type the day it started
        await pilot.pause()
        assert "Sun 8 Nov — 3 weeks ago" in shown_text(pilot)  # read back as a date
        await pilot.press("enter")  # Enter goes on
        # "When is the appointment?" (allow = future)
        assert _current_prompt(app) == "appointment"
        await paste(pilot, "fri")
        await pilot.pause()
        assert "Fri 4 Dec — in 5 days" in shown_text(pilot)
        saved = draft(reflect_home, "dates")  # kept in the draft as typed
        assert saved is not None and saved["answers"]["started"]["value"] == date(2026, 11, 8)
        await pilot.press("ctrl+n")  # next
        # "Which day comes to mind?" (optional): skipped with an empty field
        await pilot.press("ctrl+n")  # next: the end of the walk
        await pilot.press("ctrl+n")  # finish
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Sun 8 Nov — 3 weeks ago" in shown_text(pilot)
    [entry] = entries(reflect_home)
    assert entry.sections[0].answers == (
        DateAnswer("started", "When did this start?", date(2026, 11, 8)),
        DateAnswer("appointment", "When is the appointment?", date(2026, 12, 4)),
    )
    text = (reflect_home / "journal" / "2026-11.txt").read_text()
    assert text.startswith("# reflect journal · format 2\n")
    assert "date: 2026-11-08\n" in text and "date: 2026-12-04\n" in text
