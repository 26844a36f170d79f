"""Small helpers for driving the app the way a person would."""

from __future__ import annotations

import asyncio
import functools
import tomllib
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.widgets import Static

from reflect.journal.model import Entry
from reflect.journal.store import JournalStore


def pilot_test(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test without an asyncio plugin (pytest sees the same fixtures)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type `text` key by key, as a person would (markup-looking text included)."""
    await pilot.press(*text)


async def paste(pilot: Pilot[Any], text: str) -> None:
    """Paste `text` into the focused field, as a terminal's bracketed paste delivers it.

    Used for longer text: typing costs Pilot ~60 ms a key.
    """
    assert pilot.app.focused is not None, "nothing has focus to paste into"
    pilot.app.post_message(events.Paste(text))  # the app hands it to the focused widget
    await pilot.pause()


def shown_text(pilot: Pilot[Any]) -> str:
    """Every Static's text on the current screen, for 'is it on screen' checks."""
    return "\n".join(str(widget.render()) for widget in pilot.app.screen.query(Static))


def entries(home: Path) -> list[Entry]:
    return list(JournalStore(home / "journal").entries())


def draft(home: Path, workbook_id: str) -> dict[str, Any] | None:
    path = home / "drafts" / f"{workbook_id}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def screen_lines(pilot: Pilot[Any]) -> list[str]:
    """The current screen as the terminal would show it, line by line (Textual's own
    compositor, so what is cut off or scrolled away is not in it)."""
    strips = pilot.app.screen._compositor.render_strips()  # the lines the driver is sent
    return [strip.text for strip in strips]
