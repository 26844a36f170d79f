"""The ctrl+p palette: reflect's own commands, in our words, in place of Textual's
stock ones ("Screenshot", "Quit the application as soon as possible").

Every workbook can be started by typing part of its name, and every place the
keys lead to (plans, journal, search, support note, help, theme) is one command.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from textual.app import SystemCommand

from reflect.tui import words
from reflect.workbook.loader import FoundWorkbook, WorkbookSource, all_workbooks
from reflect.workbook.prose import one_line


class CommandsApp(Protocol):
    """What the palette needs of the app (the app itself; a Protocol to avoid a cycle)."""

    def open_workbook(self, found: FoundWorkbook, *, restart: bool = False) -> None: ...
    def action_review(self) -> None: ...
    def action_journal(self, search: bool = False) -> None: ...
    def action_looking_back(self) -> None: ...
    def action_support_note(self, first: bool = False) -> None: ...
    def action_help(self) -> None: ...
    def action_change_theme(self) -> None: ...
    def pause_and_quit(self) -> None: ...


def reflect_commands(app: CommandsApp, sources: list[WorkbookSource]) -> Iterable[SystemCommand]:
    found, _broken = all_workbooks(sources)  # a broken one is named on the home screen
    for item in found:
        yield SystemCommand(
            words.COMMAND_START.format(title=one_line(item.workbook.title)),
            one_line(item.workbook.description),
            _opener(app, item),
        )
    yield SystemCommand(words.COMMAND_REVIEW, words.COMMAND_REVIEW_HELP, app.action_review)
    yield SystemCommand(words.COMMAND_JOURNAL, words.COMMAND_JOURNAL_HELP, app.action_journal)
    yield SystemCommand(
        words.COMMAND_SEARCH, words.COMMAND_SEARCH_HELP, lambda: app.action_journal(search=True)
    )
    yield SystemCommand(
        words.COMMAND_LOOK_BACK, words.COMMAND_LOOK_BACK_HELP, app.action_looking_back
    )
    yield SystemCommand(words.COMMAND_SUPPORT, words.COMMAND_SUPPORT_HELP, app.action_support_note)
    yield SystemCommand(words.COMMAND_HELP, words.COMMAND_HELP_HELP, app.action_help)
    yield SystemCommand(words.COMMAND_THEME, words.COMMAND_THEME_HELP, app.action_change_theme)
    yield SystemCommand(words.COMMAND_QUIT, words.COMMAND_QUIT_HELP, app.pause_and_quit)


def _opener(app: CommandsApp, item: FoundWorkbook) -> Callable[[], None]:
    return lambda: app.open_workbook(item)
