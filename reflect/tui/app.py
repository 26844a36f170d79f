"""The app: one factory (`make_app`) used by the CLI and by every test.

It owns the screen stack and the few actions every screen shares: help, the
support note, the actions review, home, and quitting. Quitting is safe from
anywhere: whatever is on screen in a walk goes into the draft first, and the
message printed after the app closes says how to carry on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from reflect import messages
from reflect.dates import format_day
from reflect.drafts import DraftStore, WalkClaim
from reflect.errors import ReflectError
from reflect.journal.store import JournalStore
from reflect.session import Session
from reflect.tui import words
from reflect.tui.context import TuiContext
from reflect.tui.keys import KeyOrder
from reflect.tui.screens.home import HomeScreen
from reflect.tui.widgets.literal import shown
from reflect.workbook.loader import FoundWorkbook, WorkbookSource

if TYPE_CHECKING:
    from reflect.insights.last import Recall
    from reflect.tui.screens.walk import WalkScreen

# Every other screen is imported by the action that first shows it: home's first
# frame need not pay for the walk's widgets, the review or the dialogs (about
# 100 ms of imports on a cold start; docs/performance.md).
_WALK_MODULE = "reflect.tui.screens.walk"

StartOn = Literal["home", "walk", "review"]
NOTICE_SECONDS = 15  # long enough to read a line about a failed sync, then it goes


@dataclass(frozen=True)
class Outcome:
    """What to print once the app has closed and the terminal is back (may be empty)."""

    message: str = ""


class ReflectApp(App[Outcome]):
    CSS_PATH = "app.tcss"
    TITLE = words.APP_TITLE
    SUB_TITLE = words.APP_SUBTITLE
    BINDINGS: ClassVar[list[BindingType]] = [
        # Shown in each screen's footer in that screen's words ("Quit", "Pause & quit").
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
        Binding("f1", "help", "Help", show=False),
        Binding("f2", "support_note", "Support note", show=False),
    ]

    def __init__(
        self,
        ctx: TuiContext,
        *,
        workbook: FoundWorkbook | None = None,
        restart: bool = False,
        start_on: StartOn = "home",
        notice: str | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.start_workbook, self.restart, self.start_on = workbook, restart, start_on
        self.notice = notice
        self.key_order = KeyOrder(self)

    async def on_event(self, event: events.Event) -> None:
        """Keys one at a time, in the order typed (reflect.tui.keys says why)."""
        if self.key_order.hold(event):
            return
        new_key = self.key_order.is_new_key(event)
        await super().on_event(event)
        if new_key:
            self.key_order.handed_on()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification (any screen's or widget's `notify` comes here) shown
        literally: a message may quote an action's text or a file's name, and is
        never read as markup, nor obeyed by the terminal."""
        super().notify(
            shown(message), title=shown(title), severity=severity, timeout=timeout, markup=False
        )

    def on_mount(self) -> None:
        remembered = self.ctx.remembered_theme()
        if remembered in self.available_themes:  # one removed since is simply not used
            self.theme = remembered
        # Pushed rather than returned from get_default_screen: Textual loads a screen's
        # own stylesheet (CSS_PATH) only for screens that are pushed.
        self.push_screen(HomeScreen(self.ctx))
        if self.start_workbook is not None:
            self.open_workbook(self.start_workbook, restart=self.restart)
        elif self.start_on == "review":
            from reflect.tui.screens.actions import ActionsScreen

            self.push_screen(ActionsScreen(self.ctx))
        elif self.ctx.first_run():
            self.action_support_note(first=True)
        if self.notice:
            self.notify(_sentence(self.notice), severity="warning", timeout=NOTICE_SECONDS)

    # ------------------------------------------------------------------ walking

    def open_workbook(self, found: FoundWorkbook, *, restart: bool = False) -> None:
        """Offer to carry on a paused walk, else start afresh, then walk."""
        from reflect.insights.last import recall_for

        # Last time's answers and the open plans for `options_from` prompts: found once,
        # now (a month file or two for a workbook walked every week).
        recall = recall_for(
            self.ctx.store,
            self.ctx.cache_dir,
            found.workbook,
            self.ctx.today(),
            show_last=self.ctx.show_last_answers,
        )
        book = recall.plans.workbook if recall.plans is not None else found.workbook
        try:
            claim = self.ctx.drafts.claim(book.id)  # one walk of a workbook at a time
        except ReflectError as problem:
            self.notify(str(problem), severity="error", markup=False, timeout=20)
            return
        try:
            session = None if restart else self.ctx.drafts.load(book)
        except ReflectError as problem:
            claim.release()
            self.notify(str(problem), severity="error", markup=False, timeout=20)
            return
        if session is None:
            left = [] if restart else self.ctx.left_last_time(book)
            if left:
                self._offer_left(found, left, claim, recall)
            else:
                fresh = Session(workbook=book, started=self.ctx.now())
                self._walk(found, fresh, claim, intro=True, recall=recall)
            return
        resumed = session
        saved = self.ctx.drafts.progress(book.id)
        when = ""
        if saved and saved[1]:
            day = format_day(saved[1].date(), self.ctx.today())
            when = f", last saved {day} at {saved[1]:%H:%M}"
        text = words.RESUME_BODY.format(
            title=book.title, answered=messages.answers_so_far(resumed.answered_count()), saved=when
        )
        if resumed.orphans:
            text += "\n\n" + words.RESUME_CHANGED.format(count=len(resumed.orphans))
        from reflect.tui.screens.resume import ResumeModal

        def chosen(carry_on: bool | None) -> None:
            if carry_on is True:
                self._walk(found, resumed, claim, intro=False, recall=recall)
            elif carry_on is False:
                fresh = Session(workbook=book, started=self.ctx.now())
                self._walk(found, fresh, claim, intro=True, recall=recall)
            else:
                claim.release()  # not walking after all

        self.push_screen(ResumeModal(text), chosen)

    def _offer_left(
        self, found: FoundWorkbook, left: list[str], claim: WalkClaim, recall: Recall | None
    ) -> None:
        """Last time some prompts were left for another day: offer just those."""
        from reflect.tui.screens.left import LeftLastTimeModal, only

        book = found.workbook
        texts = [p.text for s in book.sections for p in s.prompts if p.id in set(left)]

        def chosen(just_those: bool | None) -> None:
            if just_those is None:
                claim.release()  # not walking after all
                return
            walked = only(book, left) if just_those else book
            session = Session(workbook=walked, started=self.ctx.now())
            self._walk(found, session, claim, intro=not just_those, recall=recall)

        self.push_screen(LeftLastTimeModal(texts), chosen)

    def _walk(
        self,
        found: FoundWorkbook,
        session: Session,
        claim: WalkClaim,
        *,
        intro: bool,
        recall: Recall | None = None,
    ) -> None:
        from reflect.tui.screens.walk import WalkScreen
        from reflect.tui.walker import Walker

        walker = Walker(
            session,
            drafts=self.ctx.drafts,
            store=self.ctx.store,
            now=self.ctx.now,
            workbook_path=str(found.path) if found.source == "file" else None,
            claim=claim,
            recall=recall,
        )
        self.push_screen(WalkScreen(self.ctx, walker, intro=intro))

    def walks(self) -> list[WalkScreen]:
        # Until a walk has been opened its module is not even imported, and then
        # there is no walk to find; importing it here would slow quitting from home.
        walk = sys.modules.get(_WALK_MODULE)
        if walk is None:
            return []
        return [screen for screen in self.screen_stack if isinstance(screen, walk.WalkScreen)]

    # ------------------------------------------------------------------ shared actions

    def action_help(self) -> None:
        from reflect.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_support_note(self, first: bool = False) -> None:
        from reflect.tui.screens.support import SupportNoteModal

        if isinstance(self.screen, SupportNoteModal):
            return
        walks = self.walks()
        book = walks[-1].walker.session.workbook if walks else None
        title = words.SUPPORT_TITLE if first else words.SUPPORT_AGAIN_TITLE
        self.push_screen(SupportNoteModal(self.ctx.support_note_shown(book), title=title))
        self.ctx.remember_note_seen()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from reflect.tui.commands import reflect_commands

        return reflect_commands(self, list(self.ctx.sources))

    def action_journal(self, search: bool = False) -> None:
        """Read back (or, with `search`, search) the journal."""
        # Imported here: Textual's Markdown widget and markdown-it cost ~20 ms, which
        # home's first frame need not pay.
        from reflect.tui.screens.journal import JournalScreen

        if not isinstance(self.screen, JournalScreen):
            self.push_screen(JournalScreen(self.ctx))
        # The search box has focus when the screen opens; the list is one Enter away.

    def action_review(self) -> None:
        from reflect.tui.screens.actions import ActionsScreen

        if not isinstance(self.screen, ActionsScreen):
            self.push_screen(ActionsScreen(self.ctx))

    def action_looking_back(self) -> None:
        """Your reflections given back: trends, better weeks, plans kept, weeks."""
        # Imported here: home's first frame need not pay for the insights modules.
        from reflect.tui.screens.looking_back import LookingBackScreen

        if not isinstance(self.screen, LookingBackScreen):
            self.push_screen(LookingBackScreen(self.ctx))

    def action_home(self) -> None:
        """Back to home from a review or a summary (a walk is left with ctrl+q)."""
        walk = sys.modules.get(_WALK_MODULE)
        stop = (HomeScreen,) if walk is None else (HomeScreen, walk.WalkScreen)
        while not isinstance(self.screen, stop) and len(self.screen_stack) > 1:
            self.pop_screen()

    def watch_theme(self, theme: str) -> None:
        """A theme chosen (ctrl+p) is the one the app opens in next time."""
        self.ctx.remember_theme(theme)

    async def action_quit(self) -> None:
        self.pause_and_quit()

    def action_help_quit(self) -> None:
        """ctrl+c: Textual keeps it for copying, so say, in our words, how to leave
        (a person pressing it most likely wants to)."""
        self.notify(words.LEAVING, title=words.LEAVING_TITLE, markup=False)

    def pause_and_quit(self) -> None:
        """Keep whatever is on screen in the draft, then close with a word on how to carry on."""
        message = ""
        for walk in self.walks():
            walk.keep_typing()
            if walk.walker.finished is None and walk.pause():
                message = messages.PAUSED.format(workbook=walk.walker.session.workbook.id)
        self.exit(Outcome(message))


def make_app(
    workbook: FoundWorkbook | None = None,
    *,
    store: JournalStore,
    drafts: DraftStore,
    now: Callable[[], datetime],
    state_dir: Path,
    cache_dir: Path,
    sources: Sequence[WorkbookSource] = (),
    support_note: str | None = None,
    restart: bool = False,
    start_on: StartOn = "home",
    cursor_blink: bool = True,
    show_last_answers: bool = True,
    notice: str | None = None,
) -> ReflectApp:
    """The app, wired to a journal, drafts and a clock.

    `state_dir` keeps the first-run marker; `cache_dir` the open-actions index
    that the due banner reads (the same one `reflect remind` uses).
    `workbook` opens a walk straight away (offering to resume a draft unless
    `restart`); `start_on="review"` opens the actions review. `support_note` is
    the user's own note from their config (a workbook's note still wins).
    `cursor_blink=False` keeps cursors still, for people who find blinking
    distracting and for screenshots that must come out the same every time.
    `show_last_answers=False` (the user's config) hides "Last time" while walking.
    `notice` is a line the command was told as it began (a failed background sync),
    shown again in the app, which covers the terminal it was printed on.
    """
    ctx = TuiContext(
        store=store,
        drafts=drafts,
        now=now,
        state_dir=state_dir,
        cache_dir=cache_dir,
        sources=sources,
        config_support_note=support_note,
        cursor_blink=cursor_blink,
        show_last_answers=show_last_answers,
    )
    return ReflectApp(ctx, workbook=workbook, restart=restart, start_on=start_on, notice=notice)


def _sentence(line: str) -> str:
    """A terminal line ("reflect: the last …") as a notification says it ("The last …")."""
    line = line.removeprefix("reflect: ")
    return line[:1].upper() + line[1:]
