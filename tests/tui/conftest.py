"""Fixtures for TUI tests: an app on a private REFLECT_HOME, today frozen at 2026-11-29.

Only the test workbooks in tests/data/workbooks are offered (the bundled ones
change as they are written), and cursors do not blink, so every screenshot
of the same screen is the same.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from reflect.drafts import DraftStore
from reflect.journal.store import JournalStore
from reflect.paths import get_paths
from reflect.session import Session
from reflect.tui.app import ReflectApp, make_app
from reflect.tui.context import SEEN_NOTE_MARKER
from reflect.workbook.loader import FoundWorkbook, WorkbookSource, find_workbook
from tests.conftest import DATA, FROZEN_NOW

AppFactory = Callable[..., ReflectApp]


@pytest.fixture
def sources() -> list[WorkbookSource]:
    return [WorkbookSource("test", DATA / "workbooks")]


@pytest.fixture
def every_kind(sources: list[WorkbookSource]) -> FoundWorkbook:
    return find_workbook("every-kind", sources)


@pytest.fixture
def store(reflect_home: Path) -> JournalStore:
    return JournalStore(reflect_home / "journal")


@pytest.fixture
def note_seen(reflect_home: Path) -> None:
    """Most tests are not about the first run: the support note has been seen before."""
    state = reflect_home / "state"
    state.mkdir(parents=True, exist_ok=True)
    (state / SEEN_NOTE_MARKER).write_text("seen\n")


@pytest.fixture
def build_app(sources: list[WorkbookSource]) -> AppFactory:
    """make_app as the CLI calls it, with a frozen clock and still cursors."""

    def build(workbook: FoundWorkbook | None = None, **options: Any) -> ReflectApp:
        paths = get_paths()
        settings: dict[str, Any] = {
            "store": JournalStore(paths.journal_dir),
            "drafts": DraftStore(paths.drafts_dir),
            "now": lambda: FROZEN_NOW,
            "state_dir": paths.state_dir,
            "cache_dir": paths.cache_dir,
            "sources": sources,
            "cursor_blink": False,
        }
        settings.update(options)
        return make_app(workbook, **settings)

    return build


@pytest.fixture
def paused_at(reflect_home: Path) -> Callable[[FoundWorkbook, str], None]:
    """Leave a paused draft at a prompt ('end' for the end page), as an earlier sitting
    would have: tests that are about one prompt start there (Enter on "Carry on")."""

    def pause(found: FoundWorkbook, prompt_id: str) -> None:
        session = Session(found.workbook, FROZEN_NOW)
        keys = [session.step_at(i).key.split("/")[1] for i in range(len(session.steps))]
        session.go_to(len(keys) if prompt_id == "end" else keys.index(prompt_id))
        DraftStore(reflect_home / "drafts").save(session, None, FROZEN_NOW)

    return pause


@pytest.fixture
def fixed_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entry and action ids from a seeded generator, so a screenshot that shows them repeats."""
    monkeypatch.setattr(secrets, "choice", random.Random(4).choice)


@pytest.fixture
def now() -> datetime:
    return FROZEN_NOW
