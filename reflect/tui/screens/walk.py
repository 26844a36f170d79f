"""Walking a workbook: a page before the first prompt, one prompt at a time, a page at the end.

Every change goes straight to the draft through `Walker` (typing, after a
short pause); the journal is written once, when the person chooses to save at
the end. The section's title, ideas and tips stay in view above each of its
prompts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Literal, Protocol, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import (
    Button,
    Collapsible,
    Footer,
    Input,
    Markdown,
    ProgressBar,
    RadioSet,
    SelectionList,
    Static,
    TextArea,
)

from reflect import messages
from reflect.errors import InvalidAnswer, ReflectError
from reflect.session import Step
from reflect.tui import words
from reflect.tui.context import TuiContext
from reflect.tui.earlier import earlier_answer
from reflect.tui.screens.summary import SummaryScreen, left_for_another_day
from reflect.tui.screens.support import SupportNoteModal
from reflect.tui.walker import Walker
from reflect.tui.widgets.common import AnswerChanged, AnswerSubmitted
from reflect.tui.widgets.fields import AnswerField, make_field
from reflect.tui.widgets.hanging import Hanging
from reflect.tui.widgets.literal import literal, shown
from reflect.workbook.prose import one_line, paragraphs, reflow


class PausingApp(Protocol):
    """What this screen needs of the app (ReflectApp), named here so that the app, which
    imports this screen, is not imported back."""

    def pause_and_quit(self) -> None: ...


# Typing is kept in the draft after this pause (seconds): often enough that a closed
# terminal loses at most a word or two, rarely enough not to write on every key.
KEEP_DELAY = 0.6
Phase = Literal["intro", "step", "end"]
STEP_ONLY = {"skip", "leave_section"}
# Below this many rows the ideas and tips start folded to one line (ctrl+o opens
# them), so the question and its answer field always have the room.
SHORT_HEIGHT = 20


class WalkScreen(Screen[None]):
    CSS_PATH = "walk.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]  # noqa: RUF012 (Textual types it as an instance attribute, so ClassVar clashes)
    BINDINGS: ClassVar[list[BindingType]] = [
        # Labels kept short: the footer fits in 60 columns (F1 has every key in full).
        Binding("ctrl+n", "next", "Next", priority=True),
        Binding("ctrl+b", "back", "Back", priority=True),
        Binding("ctrl+s", "skip", "Skip", priority=True),
        Binding("ctrl+l", "leave_section", "Leave section", priority=True, show=False),
        Binding("ctrl+o", "toggle_ideas", "Ideas", priority=True),
        Binding("f1", "app.help", "Help"),
        Binding("f2", "app.support_note", "Support", show=False),
        Binding("ctrl+q", "app.quit", "Quit", priority=True),
        Binding("escape", "pause_to_home", "Pause", show=False),
    ]

    def __init__(self, ctx: TuiContext, walker: Walker, *, intro: bool) -> None:
        super().__init__()
        self.ctx, self.walker = ctx, walker
        self.phase: Phase = "intro" if intro else "step"
        self._keep_timer: Timer | None = None
        self._finishing = False

    def on_unmount(self) -> None:
        self.walker.close()  # finished, paused to home, or the app closing

    @property
    def reflect_app(self) -> PausingApp:
        return cast("PausingApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="walk-header"):
            yield Static("", id="walk-title", markup=False)
            yield ProgressBar(
                total=len(self.walker.session.steps),
                show_eta=False,
                show_percentage=False,
                id="progress",
            )
        yield Vertical(id="body")
        yield Footer(show_command_palette=False, compact=True)

    async def on_mount(self) -> None:
        await self.show()

    # ------------------------------------------------------------------ drawing

    async def show(self) -> None:
        """Draw the current phase and step afresh (a new step gets new widgets)."""
        session = self.walker.session
        if self.phase != "intro":
            self.phase = "end" if session.at_end else "step"
        number, total = session.section_progress()
        title = f"{session.workbook.title}  ·  " + words.SECTION_OF.format(
            number=number, total=total
        )
        self.query_one("#walk-title", Static).update(literal(title))
        self.query_one(ProgressBar).update(progress=session.position)
        body = self.query_one("#body")
        with self.app.batch_update():
            await body.remove_children()
            if self.phase == "intro":
                await body.mount(self._intro_page())
            elif self.phase == "end":
                await body.mount(self._end_page())
            else:
                step = session.current
                assert step is not None
                await body.mount_all(self._step_widgets(step))
        self._set_blink()
        self._focus_start()
        self.refresh_bindings()

    def _intro_page(self) -> Widget:
        book = self.walker.session.workbook
        parts: list[Widget] = [
            Static(shown(book.title), classes="heading", markup=False),
            Static(shown(reflow(book.description)), markup=False),
        ]
        if book.intro:
            parts.append(Static(shown(reflow(book.intro)), classes="intro", markup=False))
        note = Static(shown(self.ctx.support_note_shown(book)), classes="note", markup=False)
        note.border_title = words.SUPPORT_TITLE
        parts += [note, Static(words.BEGIN, classes="help", markup=False)]
        parts.append(Button(words.BEGIN_BUTTON, id="begin", variant="primary"))
        self.ctx.remember_note_seen()
        return VerticalScroll(*parts, id="page")

    def _end_page(self) -> Widget:
        session = self.walker.session
        parts: list[Widget] = [
            Static(
                shown(words.END_TITLE.format(title=session.workbook.title)),
                classes="heading",
                markup=False,
            )
        ]
        parts += left_for_another_day([prompt.text for prompt in session.unanswered_required()])
        parts.append(Static(words.END_HINT, classes="help", markup=False))
        parts.append(Button(words.SAVE_TO_JOURNAL, id="finish", variant="primary"))
        return VerticalScroll(*parts, id="page")

    def _step_widgets(self, step: Step) -> list[Widget]:
        """The section's ideas and tips (folded to one line when space is short),
        then the question, pinned, and its answer field below it."""
        section = step.section
        context: list[Widget] = []
        if section.ideas:
            context.append(Markdown(shown(reflow(section.ideas)), classes="ideas"))
        if section.tips:
            context.append(Static(words.TIPS, classes="tips-heading", markup=False))
            context += [Hanging("•", shown(one_line(tip)), classes="tip") for tip in section.tips]
        widgets: list[Widget] = []
        if context:
            fold = Collapsible(
                *context,
                title=self._fold_title(section.ideas is not None, len(section.tips)),
                collapsed=self._folded(section.ideas or "", len(section.tips)),
                id="context",
            )
            fold.border_title = literal(section.title)  # Content: shown literally
            widgets.append(fold)
        else:
            widgets.append(Static(shown(section.title), id="section-title", markup=False))
        prompt = step.prompt
        question: list[Widget] = []
        field: list[Widget] = []
        if prompt is None:
            question.append(Static(words.SECTION_WITHOUT_PROMPTS, id="prompt-text", markup=False))
        else:
            label = prompt.text + (f"  {words.OPTIONAL}" if prompt.optional else "")
            question.append(Static(shown(label), id="prompt-text", markup=False))
            earlier = earlier_answer(self.walker.session, step, self.ctx.today())
            if earlier:
                question.append(Static(shown(earlier), id="earlier", markup=False))
            last = self.walker.recall.last.get(prompt.id)
            if last is not None:
                said = last.line(self.ctx.today(), prompt)
                question.append(Static(shown(said), id="last-time", classes="help", markup=False))
            if prompt.help:
                question.append(Static(shown(reflow(prompt.help)), classes="help", markup=False))
            value = self.walker.shown_value(prompt.id)
            field.append(make_field(prompt, value, self.ctx.today()))
        widgets.append(Vertical(*question, id="question"))
        area = VerticalScroll(*field, id="prompt-area")
        # The field inside takes focus and scrolls itself into view; a focus stop on
        # the area too would only be one more Tab between the answer and the tips.
        area.can_focus = False
        widgets.append(area)
        return widgets

    @staticmethod
    def _fold_title(ideas: bool, tips: int) -> str:
        parts = [words.IDEAS] if ideas else []
        if tips:
            parts.append(words.TIPS_COUNT_ONE if tips == 1 else words.TIPS_COUNT.format(count=tips))
        return words.FOLD_TITLE.format(what=", ".join(parts))

    def _folded(self, ideas: str, tips: int) -> bool:
        """Fold the ideas when they would crowd out the question: on a short screen,
        or when they are longer than about a third of it."""
        height = self.app.size.height
        if height < SHORT_HEIGHT:
            return True
        width = max(20, self.app.size.width - 8)
        lines = [line for paragraph in paragraphs(ideas) for line in paragraph.split("\n")]
        rows = len(lines) + sum(len(line) // width for line in lines) + tips
        rows += len(paragraphs(ideas)) + (1 if tips else 0)  # blank lines, the tips heading
        return rows > height * 2 // 5 - 3  # what the box shows inside its 40% of the screen

    def action_toggle_ideas(self) -> None:
        for fold in self.query("#context").results(Collapsible):
            fold.collapsed = not fold.collapsed

    def _set_blink(self) -> None:
        if not self.ctx.cursor_blink:
            for widget in self.query("Input, TextArea"):
                if isinstance(widget, Input | TextArea):
                    widget.cursor_blink = False

    def _focus_start(self) -> None:
        field = self._field()
        if field is not None:
            field.focus_answer()
            return
        for button in self.query(Button):
            # Without scrolling to it: a long introduction opens at its top, with
            # its title in view; Enter still begins from anywhere on the page.
            button.focus(scroll_visible=False)
            return

    def _field(self) -> AnswerField | None:
        found = self.query("#answer")
        return cast(AnswerField, found.first()) if found else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in STEP_ONLY:
            return self.phase == "step"
        if action == "toggle_ideas":  # hidden where there are no ideas or tips to open
            return self.phase == "step" and bool(self.query("#context"))
        if action == "back":
            return self.phase == "step" or self.phase == "end"
        return True

    # ------------------------------------------------------------------ keeping typing

    @on(TextArea.Changed)
    @on(RadioSet.Changed)
    @on(SelectionList.SelectedChanged)
    @on(AnswerChanged)
    def _changed(self) -> None:
        if self._keep_timer is not None:
            self._keep_timer.stop()
        self._keep_timer = self.set_timer(KEEP_DELAY, self.keep_typing)

    def keep_typing(self) -> None:
        """Put what is on screen into the draft now (also on pause and quit)."""
        if self._keep_timer is not None:
            self._keep_timer.stop()
            self._keep_timer = None
        field = self._field()
        if self.phase != "step" or field is None:
            return
        value = field.get_value()
        self._safely(lambda: self.walker.keep(value))

    def _safely(self, change: Callable[[], object]) -> bool:
        """Run a change that saves the draft; say so (without losing the screen) if the disk refuses."""
        try:
            change()
        except ReflectError as problem:
            self.notify(words.NOT_SAVED.format(problem=problem), severity="error", markup=False)
            return False
        return True

    # ------------------------------------------------------------------ moving

    @on(AnswerSubmitted)
    async def _submitted(self) -> None:
        await self.action_next()

    @on(Button.Pressed, "#begin")
    async def _begin(self) -> None:
        await self.action_next()

    @on(Button.Pressed, "#finish")
    def _finish_pressed(self) -> None:
        self.finish()

    async def action_next(self) -> None:
        if self.phase == "intro":
            self.phase = "step"
            await self.show()
            return
        if self.phase == "end":
            self.finish()
            return
        step = self.walker.current
        field = self._field()
        if step is None:
            return
        if field is None:
            self._safely(self.walker.skip_prompt)
            await self.show()
            return
        problem = field.problem()
        if problem:
            self.notify(problem, severity="warning", markup=False)
            return
        value = field.get_value()
        if self._keep_timer is not None:
            self._keep_timer.stop()
        try:
            show_support = self.walker.answer(value)
        except InvalidAnswer as problem_found:
            self.notify(problem_found.message, severity="warning", markup=False)
            return
        except ReflectError as failed:
            self.notify(words.NOT_SAVED.format(problem=failed), severity="error", markup=False)
            show_support = False
        await self.show()
        if show_support:
            self._offer_support()
        elif self.walker.recall.plans is not None and step.prompt is not None:
            ticked = [str(v) for v in value] if isinstance(value, list) else []
            self._carry(self.walker.recall.plans.ticked_plans(step.prompt.id, ticked))

    def _carry(self, ticked: list[tuple[str, str]]) -> None:
        """The plans just ticked in an `options_from` prompt, to keep, move or drop there
        and then: the review screen with only those plans; Esc comes back to the walk."""
        if not ticked:
            return
        from reflect.tui.screens.actions import ActionsScreen

        only = frozenset(action_id for action_id, _ in ticked)
        self.app.push_screen(ActionsScreen(self.ctx, only=only, title=words.CARRY_TITLE))

    def _offer_support(self) -> None:
        book = self.walker.session.workbook

        def chosen(carry_on: bool | None) -> None:
            if carry_on is False:
                self.reflect_app.pause_and_quit()

        self.app.push_screen(
            SupportNoteModal(
                self.ctx.support_note_shown(book),
                title=words.SUPPORT_AGAIN_TITLE,
                lead=messages.SUPPORT_AFTER_LOW_SCORE,
                offer_pause=True,
            ),
            chosen,
        )

    async def action_back(self) -> None:
        self.keep_typing()
        if self.phase in ("step", "end") and self.walker.back():
            self.phase = "step"
            await self.show()
        else:
            self.notify(words.FIRST_PROMPT)

    async def action_skip(self) -> None:
        """Skip means "not this": what was typed here is not saved as the answer (any
        earlier answer stays). It is set aside while the walk is open, and said so."""
        self.keep_typing()
        set_aside: list[bool] = []
        if self._safely(lambda: set_aside.append(self.walker.skip_prompt())) and any(set_aside):
            self.notify(words.SKIPPED_NOT_SAVED, markup=False)
        await self.show()

    async def action_leave_section(self) -> None:
        self.keep_typing()
        set_aside: list[bool] = []
        self._safely(lambda: set_aside.append(self.walker.skip_section()))
        said = words.LEFT_FOR_ANOTHER_DAY
        if any(set_aside):
            said += " " + words.SKIPPED_NOT_SAVED
        self.notify(said, markup=False)
        await self.show()

    def pause(self) -> bool:
        """Stop for now; False when nothing was in the walk (and so no draft is kept)."""
        return self._safely(self.walker.pause) and not self.walker.is_empty()

    def action_pause_to_home(self) -> None:
        """Pause without quitting: the draft keeps everything, home offers another workbook."""
        self.keep_typing()
        if self.pause():
            book = self.walker.session.workbook.id
            self.notify(messages.PAUSED.format(workbook=book), markup=False)
        self.dismiss()

    # ------------------------------------------------------------------ finishing

    def finish(self) -> None:
        """Write the journal entry (once, however often this is called), then the summary."""
        if self._finishing:
            return
        self._finishing = True
        try:
            finished = self.walker.finish()
        except ReflectError as problem:
            self._finishing = False
            self.notify(words.NOT_FINISHED.format(problem=problem), severity="error", markup=False)
            return
        self.app.switch_screen(SummaryScreen(self.ctx, self.walker.session.workbook, finished))
