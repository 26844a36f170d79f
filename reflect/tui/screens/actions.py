"""Reviewing what you planned: open actions grouped overdue / today / soon / later / no date.

Every change goes through `reflect.actions` (mark, move) and the journal store,
exactly as `reflect actions done/drop/move` does: one action's lines change in
its month file, nothing else.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reflect.actions import GROUP_TITLES, ActionView, grouped, mark, move, views
from reflect.dates import When, due_wording, format_day, format_when
from reflect.errors import ReflectError
from reflect.tui import words
from reflect.tui.context import TuiContext
from reflect.tui.screens.move import MoveDateModal
from reflect.tui.widgets.literal import shown


class ActionsScreen(Screen[None]):
    CSS_PATH = "actions.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "mark('done')", "Done"),
        Binding("x", "mark('dropped')", "Drop"),
        Binding("m", "move", "Move"),
        Binding("escape", "app.home", "Home"),
        Binding("f1,question_mark", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(
        self, ctx: TuiContext, *, only: frozenset[str] | None = None, title: str | None = None
    ) -> None:
        """`only`: review just these plans (those ticked in an `options_from` prompt)."""
        super().__init__()
        self.ctx, self.only, self.title_text = ctx, only, title or words.REVIEW_TITLE
        self.by_id: dict[str, ActionView] = {}

    def compose(self) -> ComposeResult:
        yield Static(self.title_text, id="title-bar", markup=False)
        yield OptionList(id="actions")
        yield Static(words.REVIEW_EMPTY, id="empty", markup=False)
        yield Footer()

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
        self.by_id = {v.action.id: v for v in found}
        options: list[Option] = []
        today = self.ctx.today()
        for group, items in grouped(found, today).items():
            if not items:
                continue
            options.append(Option(Content.styled(GROUP_TITLES[group], "bold"), disabled=True))
            options += [Option(self._line(view), id=view.action.id) for view in items]
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

    def _line(self, view: ActionView) -> Content:
        action, today = view.action, self.ctx.today()
        parts: list[str | tuple[str, str]] = [(f"{action.id}  ", "bold"), shown(action.text)]
        if action.due is not None:
            when = format_when(When(action.due, action.at), today)
            parts.append((f" — {when}, {due_wording(action.due, today)}", "italic"))
        if view.section is not None:
            # Workbook and section only: the prompt's words would wrap on most screens.
            origin = f"{view.entry.title or 'Journal'} › {view.section.title}"
            parts.append(("\n      " + shown(words.FROM.format(origin=origin)), "dim"))
        return Content.assemble(*parts)

    def selected(self) -> ActionView | None:
        option = self.query_one("#actions", OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        return self.by_id.get(option.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("mark", "move"):
            return True if self.by_id else None
        return True

    def action_mark(self, status: str) -> None:
        view = self.selected()
        if view is None:
            return
        try:
            mark(self.ctx.store, view.action.id, status, self.ctx.today())
        except ReflectError as problem:
            self.notify(str(problem), severity="error", markup=False)
            return
        said = words.REVIEW_DONE if status == "done" else words.REVIEW_DROPPED
        self.notify(said.format(text=view.action.text), markup=False)
        self.reload()

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
                move(self.ctx.store, view.action.id, day, at)
            except ReflectError as problem:
                self.notify(str(problem), severity="error", markup=False)
                return
            if day is None:
                said = words.REVIEW_MOVED_NO_DATE.format(text=view.action.text)
            else:
                said = words.REVIEW_MOVED.format(
                    text=view.action.text, when=format_day(day, self.ctx.today())
                )
            self.notify(said, markup=False)
            self.reload()

        modal = MoveDateModal(
            view.action.text, self.ctx.today(), cursor_blink=self.ctx.cursor_blink
        )
        self.app.push_screen(modal, moved)
