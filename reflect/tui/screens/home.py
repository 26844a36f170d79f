"""Home: the workbooks you can start, a gentle word when something planned is due,
and the support note, always one key away."""

from __future__ import annotations

from typing import ClassVar, Protocol, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reflect.dates import format_day
from reflect.errors import ReflectError
from reflect.tui import words
from reflect.tui.context import TuiContext
from reflect.tui.widgets.literal import shown
from reflect.workbook.loader import FoundWorkbook, all_workbooks


class OpensWorkbooks(Protocol):
    """What this screen needs of the app (ReflectApp), named here so that the app, which
    imports this screen, is not imported back."""

    def open_workbook(self, found: FoundWorkbook, *, restart: bool = False) -> None: ...


class HomeScreen(Screen[None]):
    CSS_PATH = "home.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "app.review", "Plans"),
        Binding("j", "app.journal", "Journal"),
        Binding("l", "app.looking_back", "Look back"),
        Binding("s", "app.support_note", "Support"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit", show=False),  # the footer fits 60 columns; ? lists it
        Binding("f1", "app.help", "Help", show=False),
        Binding("f2", "app.support_note", "Support note", show=False),
    ]

    def __init__(self, ctx: TuiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.found: dict[str, FoundWorkbook] = {}

    def compose(self) -> ComposeResult:
        yield Static(f"{words.APP_TITLE} · {words.APP_SUBTITLE}", id="title-bar", markup=False)
        banner = Static("", id="due-banner", markup=False)
        banner.display = False
        yield banner
        yield Static(words.CHOOSE, id="choose", markup=False)
        yield OptionList(id="workbooks")
        yield Static("", id="notes", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#workbooks", OptionList).focus()

    def on_screen_resume(self) -> None:
        # Shown first, or back from a walk or a review: progress and due actions may
        # have changed since.
        self.refresh_workbooks()
        self.count_due()

    # ------------------------------------------------------------------ workbooks

    def refresh_workbooks(self) -> None:
        found, broken = all_workbooks(list(self.ctx.sources))
        self.found = {item.workbook.id: item for item in found}
        listing = self.query_one("#workbooks", OptionList)
        highlighted = listing.highlighted
        options: list[Option | None] = []
        for item in found:
            if options:
                options.append(None)
            options.append(Option(self._describe(item), id=item.workbook.id))
        listing.set_options(options)
        if options:
            listing.highlighted = highlighted if highlighted is not None else 0
        notes = []
        if not found:
            notes.append(words.NO_WORKBOOKS)
        if broken:
            notes.append(
                words.BROKEN_WORKBOOKS_ONE
                if len(broken) == 1
                else words.BROKEN_WORKBOOKS_MANY.format(count=len(broken))
            )
        self.query_one("#notes", Static).update(Content("\n".join(notes)))

    def _describe(self, item: FoundWorkbook) -> Content:
        book = item.workbook
        parts: list[str | tuple[str, str]] = [
            (shown(book.title), "bold"),
            ("  " + words.MINUTES.format(minutes=book.minutes), "italic"),
            "\n" + shown(" ".join(book.description.split())),
        ]
        progress = self.ctx.drafts.progress(book.id)
        if progress is not None:
            answered, saved = progress
            total = book.prompt_count()
            line = (
                words.PAUSED_PROGRESS.format(
                    answered=answered, total=total, when=format_day(saved.date(), self.ctx.today())
                )
                if saved is not None
                else words.PAUSED_PROGRESS_UNDATED.format(answered=answered, total=total)
            )
            parts.append(("\n" + line, "italic"))
        return Content.assemble(*parts)

    @on(OptionList.OptionSelected, "#workbooks")
    def _start(self, event: OptionList.OptionSelected) -> None:
        item = self.found.get(event.option.id or "")
        if item is not None:
            self.app.call_later(cast("OpensWorkbooks", self.app).open_workbook, item)

    # ------------------------------------------------------------------ journal

    # ------------------------------------------------------------------ due actions

    @work(thread=True, exclusive=True, group="due")
    def count_due(self) -> None:
        """Reading the journal can take a moment; the screen is drawn without waiting."""
        try:
            due_today, overdue = self.ctx.due_now()
            text = words.due_banner(due_today, overdue)
        except ReflectError as problem:
            text = shown(words.JOURNAL_UNREADABLE.format(problem=problem.message))
        self.app.call_from_thread(self._show_banner, text)

    def _show_banner(self, text: str) -> None:
        banner = self.query_one("#due-banner", Static)
        banner.update(Content(text))
        banner.display = bool(text)
