"""Reviewing what you planned: open actions grouped overdue / today / soon / later / no date.

Every change goes through `reflect.actions` (mark, move) and the journal store,
exactly as `reflect actions done/drop/move` does: one action's lines change in
its month file, nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reflect.actions import (
    GROUP_TITLES,
    ActionView,
    close,
    grouped,
    mark,
    move,
    undo_occurrence,
    views,
)
from reflect.dates import When, due_wording, format_day, format_when
from reflect.errors import ReflectError
from reflect.tui import words
from reflect.tui.context import TuiContext
from reflect.tui.screens.move import MoveDateModal
from reflect.tui.widgets.literal import shown

UNDO_SECONDS = 10


class ActionsScreen(Screen[None]):
    CSS_PATH = "actions.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "mark('done')", "Done"),
        Binding("x", "mark('dropped')", "Drop"),
        Binding("m", "move", "Move"),
        Binding("u", "undo", "Undo"),
        Binding("escape", "app.home", "Home"),
        Binding("f1,question_mark", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit", show=False),  # the footer fits 60 columns; ? lists it,
    ]

    def __init__(
        self, ctx: TuiContext, *, only: frozenset[str] | None = None, title: str | None = None
    ) -> None:
        """`only`: review just these plans (those ticked in an `options_from` prompt)."""
        super().__init__()
        self.ctx, self.only, self.title_text = ctx, only, title or words.REVIEW_TITLE
        self.by_id: dict[str, ActionView] = {}
        # The last change, undone by `u` until the next change or UNDO_SECONDS pass.
        self.undo: Callable[[], None] | None = None
        self.undo_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(self.title_text, id="title-bar", markup=False)
        yield OptionList(id="actions")
        yield Static(words.REVIEW_EMPTY, id="empty", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#actions").focus()

    def reload(self) -> None:
        listing = self.query_one("#actions", OptionList)
        keep = listing.highlighted
        try:
            found = [v for v in views(self.ctx.store.entries()) if v.action.status == "open"]
            if self.only is not None:
                found = [v for v in found if v.action.id in self.only]
        except ReflectError as problem:
            self.notify(str(problem), severity="error", markup=False, timeout=15)
            found = []
        # Keyed by entry and action id: two entries can share an action id (a hand copy).
        self.by_id = {_key(v): v for v in found}
        options: list[Option] = []
        today = self.ctx.today()
        for group, items in grouped(found, today).items():
            if not items:
                continue
            options.append(Option(Content.styled(GROUP_TITLES[group], "bold"), disabled=True))
            options += [Option(self._line(view), id=_key(view)) for view in items]
        listing.set_options(options)
        listing.display = bool(options)
        self.query_one("#empty").display = not options
        if options:
            # Stay where the person was: the next action after the one just changed.
            start = min(keep or 0, len(options) - 1)
            enabled = [i for i, option in enumerate(options) if not option.disabled]
            after = [i for i in enabled if i >= start]
            listing.highlighted = after[0] if after else enabled[-1]
        self.refresh_bindings()

    def _line(self, view: ActionView) -> Table:
        """The id in a column of its own and the rest beside it, so a line that wraps
        at 60 columns stays indented under the words, not back under the id."""
        action, today = view.action, self.ctx.today()
        parts: list[str | tuple[str, str]] = [shown(action.text)]
        if action.due is not None:
            when = format_when(When(action.due, action.at), today)
            parts.append((f" — {when}, {due_wording(action.due, today)}", "italic"))
        if action.repeat is not None:
            parts.append((f", {action.repeat.label()}", "italic"))
        if view.section is not None:
            # Workbook and section only: the prompt's words would wrap on most screens.
            origin = f"{view.entry.title or 'Journal'} › {view.section.title}"
            parts.append(("\n" + shown(words.FROM.format(origin=origin)), "dim"))
        grid = Table.grid(padding=(0, 2, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(action.id, style="bold"), Text.assemble(*parts))
        return grid

    def selected(self) -> ActionView | None:
        option = self.query_one("#actions", OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        return self.by_id.get(option.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("mark", "move"):
            return True if self.by_id else None
        if action == "undo":
            return self.undo is not None  # shown only while there is a change to undo
        return True

    # ------------------------------------------------------------------ undo

    def _offer_undo(self, said: str, undo: Callable[[], None]) -> None:
        """Say what happened and keep `undo` for `u`: a d or x pressed by mistake
        should cost one key, not a trip to the command line."""
        self.app.clear_notifications()
        self.notify(f"{said} {words.REVIEW_UNDO_HINT}", markup=False, timeout=UNDO_SECONDS)
        self.undo = undo
        if self.undo_timer is not None:
            self.undo_timer.stop()
        self.undo_timer = self.set_timer(UNDO_SECONDS, self._forget_undo)
        self.refresh_bindings()

    def _forget_undo(self) -> None:
        self.undo = None
        self.refresh_bindings()

    def action_undo(self) -> None:
        undo, self.undo = self.undo, None
        if undo is None:
            return
        if self.undo_timer is not None:
            self.undo_timer.stop()
        self.app.clear_notifications()  # "Press u to undo" no longer holds
        try:
            undo()
        except ReflectError as problem:
            self.notify(str(problem), severity="error", markup=False)
        self.reload()

    def action_mark(self, status: str) -> None:
        view = self.selected()
        if view is None:
            return
        try:
            written = close(
                self.ctx.store,
                view.action.id,
                status,
                self.ctx.today(),
                entry_id=view.entry.id,
            )
        except ReflectError as problem:
            self.notify(str(problem), severity="error", markup=False)
            return
        said = words.REVIEW_DONE if status == "done" else words.REVIEW_DROPPED
        text = view.action.text

        def reopen() -> None:
            if len(written) > 1:  # a repeating plan: its history goes, its date comes back
                undo_occurrence(self.ctx.store, written[0], view.action)
            else:
                mark(
                    self.ctx.store, view.action.id, "open", self.ctx.today(), entry_id=view.entry.id
                )
            self.notify(words.REVIEW_UNDONE.format(text=text), markup=False)

        self.reload()
        self._offer_undo(said.format(text=text), reopen)

    def action_move(self) -> None:
        view = self.selected()
        if view is None:
            return

        def moved(when: When | bool | None) -> None:
            if when is False:
                return
            day = when.day if isinstance(when, When) else None
            at = when.at if isinstance(when, When) else None
            try:
                move(self.ctx.store, view.action.id, day, at, entry_id=view.entry.id)
            except ReflectError as problem:
                self.notify(str(problem), severity="error", markup=False)
                return
            if day is None:
                said = words.REVIEW_MOVED_NO_DATE.format(text=view.action.text)
            else:
                said = words.REVIEW_MOVED.format(
                    text=view.action.text, when=format_day(day, self.ctx.today())
                )
            before = view.action

            def move_back() -> None:
                move(self.ctx.store, before.id, before.due, before.at, entry_id=view.entry.id)
                self.notify(words.REVIEW_MOVED_BACK.format(text=before.text), markup=False)

            self.reload()
            self._offer_undo(said, move_back)

        modal = MoveDateModal(
            view.action.text, self.ctx.today(), cursor_blink=self.ctx.cursor_blink
        )
        self.app.push_screen(modal, moved)


def _key(view: ActionView) -> str:
    return f"{view.entry.id}/{view.action.id}"
