"""Reading back: the journal's entries, newest first, a search box that filters as
you type, and the chosen entry shown beside the list.

All journal logic is `reflect.journal.query`'s (listing, matching, searching) and
the entry's text is `reflect.export.markdown.render_entry`'s, which escapes what a
person wrote, so the Markdown view shows it exactly as written. List labels are
`Content`, never markup.

Only the newest `LOAD_LIMIT` entries are read when the screen opens, off the UI
thread, so a journal of many years opens at once. While they are all there is,
typing filters them in memory; when there are more, a search reads the whole
journal in a worker instead (the query's month pre-filter keeps that quick).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Markdown, OptionList, Static
from textual.widgets.markdown import MarkdownBlock
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reflect.dates import format_day
from reflect.errors import ReflectError
from reflect.export.markdown import render_entry
from reflect.journal.model import Entry
from reflect.journal.query import Match, Pattern, list_entries, match_entry, search
from reflect.tui import words
from reflect.tui.context import TuiContext
from reflect.tui.widgets.literal import LiteralInput, shown

# Entries read when the screen opens (and the most a search lists): enough for
# years of weekly check-ins, few enough to read and list in a blink.
LOAD_LIMIT = 500
# A label's first line is cut here: the Markdown view beside it has the rest.
FIRST_LINE_WIDTH = 70


class JournalScreen(Screen[None]):
    CSS_PATH = "journal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.home", "Home"),
        Binding("f1", "app.help", "Help"),
        Binding("f2", "app.support_note", "Support"),
        # ctrl+s, not s: the search box has the focus, and letters are for searching.
        Binding("ctrl+s", "star", words.JOURNAL_STAR_KEY),
    ]

    def __init__(self, ctx: TuiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loaded: list[Entry] = []
        self.more = False  # the journal holds more than the entries loaded
        self.shown: dict[str, Entry] = {}
        self.matches: dict[str, Match] = {}  # for a search: where the words are

    def compose(self) -> ComposeResult:
        yield Static(words.JOURNAL_TITLE, id="title-bar", markup=False)
        yield LiteralInput(placeholder=words.JOURNAL_SEARCH_PLACEHOLDER, id="journal-search")
        yield Static(words.JOURNAL_LOADING, id="journal-status", markup=False)
        with Horizontal(id="journal-body"):
            yield OptionList(id="entries")
            with VerticalScroll(id="entry-view"):
                yield Markdown("", id="entry")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#journal-search", Input).cursor_blink = self.ctx.cursor_blink
        self.query_one("#journal-search", Input).focus()
        self.load()

    # ------------------------------------------------------------------ reading

    @work(thread=True, exclusive=True, group="journal-load")
    def load(self) -> None:
        """Reading months of entries can take a moment; the screen is drawn first."""
        try:
            found = list_entries(self.ctx.store, limit=LOAD_LIMIT + 1)
        except ReflectError as problem:
            self.app.call_from_thread(self._unreadable, problem)
            return
        self.app.call_from_thread(self._loaded, found[:LOAD_LIMIT], len(found) > LOAD_LIMIT)

    def _loaded(self, found: list[Entry], more: bool) -> None:
        self.loaded, self.more = found, more
        self.filter(self.query_one("#journal-search", Input).value)

    def _unreadable(self, problem: ReflectError) -> None:
        self.notify(str(problem), severity="error", markup=False, timeout=15)
        self._status(problem.message)

    @on(Input.Changed, "#journal-search")
    def _typed(self, event: Input.Changed) -> None:
        self.filter(event.value)

    @on(Input.Submitted, "#journal-search")
    def _to_list(self) -> None:
        """Enter in the search box goes to the list, to read the entries found."""
        if self.shown:
            self.query_one("#entries", OptionList).focus()

    def filter(self, text: str) -> None:
        """Show the entries matching `text` (all of them when it is blank)."""
        if not text.strip():
            self._show(self.loaded)
            if self.more:
                self._status(words.JOURNAL_SHOWING_NEWEST.format(count=LOAD_LIMIT))
            return
        pattern = Pattern(text)
        if self.more:
            self.search_all(pattern)
        else:
            found = [m for e in self.loaded if (m := match_entry(e, pattern)) is not None]
            self._show([match.entry for match in found], found)

    @work(thread=True, exclusive=True, group="journal-search")
    def search_all(self, pattern: Pattern) -> None:
        """The whole journal, for a journal larger than what was loaded."""
        worker = get_current_worker()
        try:
            found = list(search(self.ctx.store, pattern, limit=LOAD_LIMIT))
        except ReflectError as problem:
            self.app.call_from_thread(self._unreadable, problem)
            return
        if not worker.is_cancelled:  # a newer keystroke has started its own search
            self.app.call_from_thread(self._show, [match.entry for match in found], found)

    # ------------------------------------------------------------------ star

    def action_star(self) -> None:
        """Star the entry being read, or take its star off: only its `starred: yes`
        line changes in the journal (reflect.journal.rewrite, under the lock)."""
        from reflect.journal.rewrite import set_starred

        listing = self.query_one("#entries", OptionList)
        index = listing.highlighted
        if index is None or not self.shown:
            return
        entry = self.shown.get(listing.get_option_at_index(index).id or "")
        if entry is None:
            return
        try:
            updated, _ = set_starred(self.ctx.store, entry.id, not entry.starred)
        except ReflectError as problem:
            self.notify(str(problem), severity="error", markup=False, timeout=15)
            return
        self.loaded = [updated if e.id == entry.id else e for e in self.loaded]
        self.shown[entry.id] = updated
        match = self.matches.get(entry.id)
        if match is not None:
            self.matches[entry.id] = dataclasses.replace(match, entry=updated)
        self._read(updated)
        self.notify(words.JOURNAL_STARRED if updated.starred else words.JOURNAL_UNSTARRED)

    # ------------------------------------------------------------------ showing

    def _show(self, found: list[Entry], matches: Sequence[Match] = ()) -> None:
        """List `found`; with `matches` (a search's), each label shows where the words are."""
        self.shown = {entry.id: entry for entry in found}
        self.matches = hits = {match.entry.id: match for match in matches}
        listing = self.query_one("#entries", OptionList)
        options: list[Option | None] = []
        for entry in found:  # a rule between entries: two lines each, told apart at a glance
            options += [None] if options else []
            options.append(Option(self._label(entry, hits.get(entry.id)), id=entry.id))
        listing.set_options(options)
        if found:
            listing.highlighted = 0
            self._status("")
            self._read(found[0])
        else:
            empty = not self.loaded and not self.more
            self._status(words.JOURNAL_EMPTY if empty else words.JOURNAL_NO_MATCH)
            self.query_one("#entry", Markdown).update("")

    def _label(self, entry: Entry, match: Match | None = None) -> Content:
        """The entry's day and workbook, then its first line; for a search, the first
        line the words are on instead, with the words picked out."""
        day = format_day(entry.written.date(), self.ctx.today())
        book = entry.title if entry.workbook is not None else words.JOURNAL_FREE_FORM
        parts: list[str | tuple[str, str]] = [(day, "bold"), "  ", (shown(book), "italic")]
        if match is not None and match.hits and match.hits[0].spans:
            hit = match.hits[0]
            parts += ["\n", *around(hit.line, hit.spans[0], FIRST_LINE_WIDTH)]
            return Content.assemble(*parts)
        first = entry.first_line() or (entry.title if entry.workbook is None else "")
        if len(first) > FIRST_LINE_WIDTH:
            first = first[: FIRST_LINE_WIDTH - 1].rstrip() + "…"
        if first:
            parts.append("\n" + shown(first))
        return Content.assemble(*parts)

    @on(OptionList.OptionHighlighted, "#entries")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry = self.shown.get(event.option.id or "")
        if entry is not None:
            self._read(entry)

    def _read(self, entry: Entry) -> None:
        drawn = self.query_one("#entry", Markdown).update(
            shown(render_entry(entry, anchor_line=False))
        )
        self.query_one("#entry-view", VerticalScroll).scroll_home(animate=False)
        match = self.matches.get(entry.id)
        if match is not None and match.hits and match.hits[0].spans:
            hit = match.hits[0]
            start, end = hit.spans[0]
            self.run_worker(
                self._scroll_to_words(drawn, shown(hit.line[start:end])),
                group="journal-scroll",
                exclusive=True,  # the entry highlighted last wins
            )

    async def _scroll_to_words(self, shown: AwaitComplete, words_found: str) -> None:
        """Once the entry is drawn, scroll to the first paragraph with the words in it."""
        await shown
        folded = words_found.casefold()
        for block in self.query_one("#entry", Markdown).query(MarkdownBlock):
            if folded in str(block.render()).casefold():
                view = self.query_one("#entry-view", VerticalScroll)
                # After the next refresh: the new paragraphs have no place on screen yet.
                self.call_after_refresh(view.scroll_to_widget, block, animate=False, top=True)
                return

    def _status(self, text: str) -> None:
        status = self.query_one("#journal-status", Static)
        status.update(Content(text))
        status.display = bool(text)


def around(line: str, span: tuple[int, int], width: int) -> list[str | tuple[str, str]]:
    """About `width` characters of `line` around the words at `span`, the words picked
    out (bold, underlined: seen on any theme, and without colour), '…' where cut."""
    start, end = span
    left = max(0, start - max(0, width - (end - start)) // 3)  # a third of the room before
    right = max(end, min(len(line), left + width))
    before, after = line[left:start], line[end:right]
    return [
        ("…" if left else "") + shown(before.lstrip()),
        (shown(line[start:end]), "bold underline"),
        shown(after.rstrip()) + ("…" if right < len(line) else ""),
    ]
