"""Looking back, in the app: the same four parts as `reflect insights` (scales over
time, what was part of better weeks, plans kept, how often you came back), drawn
with the same rows of block characters, in one scrolling page.

The journal is read in a worker so the screen's first frame does not wait for it
("Reading your journal…" until then). Keys 1 to 4 go to each part; `a` opens the
review of plans (done, drop, move), and the numbers are worked out again on the way
back, since a plan may have changed.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from reflect.errors import ReflectError
from reflect.insights import words
from reflect.insights.stats import Insights
from reflect.insights.text import BAR, DIM, HEAD, SHADE_STYLES, Line
from reflect.tui.context import TuiContext
from reflect.tui.widgets.literal import shown

PARTS = ("scales", "options", "plans", "weeks")
# text.py's styles, in the theme's colours (the shapes carry the meaning; colour only helps).
STYLES: dict[str | None, str] = {
    BAR: "$primary",
    DIM: "$text-muted",
    HEAD: "bold",
    "bold": "bold",
    **{style: "$primary" for style in SHADE_STYLES if style},
}
READING = "Reading your journal…"
STILL_WANT_KEYS = "Press a to go through your plans: d done, x drop, m move to another day."


class LookingBackScreen(Screen[None]):
    CSS_PATH = "looking_back.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # 1 to 4 go to the four parts; one footer entry says so, to fit 80 columns.
        Binding("1", "part('scales')", "Parts", key_display="1-4"),
        Binding("2", "part('options')", "Better weeks", show=False),
        Binding("3", "part('plans')", "Plans", show=False),
        Binding("4", "part('weeks')", "Weeks", show=False),
        Binding("a", "app.review", "Plans"),
        Binding("escape", "app.home", "Home"),
        Binding("f1", "app.help", "Help", show=False),
        Binding("f2", "app.support_note", "Support note", show=False),
    ]

    def __init__(self, ctx: TuiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.found: Insights | None = None

    def compose(self) -> ComposeResult:
        yield Static(words.TITLE, id="title-bar", markup=False)
        with VerticalScroll(id="looking-back"):
            yield Static(READING, id="lb-heading", markup=False)
            for part in PARTS:
                yield Static("", id=f"lb-{part}", classes="part", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#looking-back", VerticalScroll).focus()

    def on_screen_resume(self) -> None:
        # After the first frame: the worker's parse holds the interpreter's lock for
        # most of its time, and started at once it delayed that frame by ~0.3 s at ×1.
        self.call_after_refresh(self.look)

    def on_resize(self) -> None:
        if self.found is not None:
            self._show(self.found)

    @work(thread=True, exclusive=True, group="looking-back")
    def look(self) -> None:
        """The journal is read here, off the screen's thread: it takes a moment."""
        from reflect.insights.gather import gather
        from reflect.journal.query import Filters

        try:
            found = gather(
                self.ctx.store,
                Filters(),
                today=self.ctx.today(),
                sources=self.ctx.sources,
                processes=1,  # the app has threads: no forking here
            )
        except ReflectError as problem:
            self.app.call_from_thread(self._unreadable, problem)
            return
        self.app.call_from_thread(self._show, found)

    def _unreadable(self, problem: ReflectError) -> None:
        self.query_one("#lb-heading", Static).update(Content(shown(str(problem))))

    def _show(self, found: Insights) -> None:
        from reflect.insights import text

        self.found = found
        width = max(40, self.query_one("#looking-back").content_size.width - 2)
        heading: list[Line] = [[(words.heading(found), HEAD)]]
        if found.left_out:
            files = ", ".join(item.path.name for item in found.left_out)
            heading.append([(words.LEFT_OUT.format(files=files), None)])
            heading += [[(f"{item.where}: {item.problem}", DIM)] for item in found.left_out]
        if found.entries == 0:
            heading.append([(words.NOTHING, None)])
        self.query_one("#lb-heading", Static).update(_content(heading))
        if found.entries == 0:
            for part in PARTS:
                self.query_one(f"#lb-{part}", Static).display = False
            return
        parts = {
            "scales": text.scales_part(found, width=width, charts=True, utf8=True),
            "options": text.options_part(found, width=width),
            "plans": text.plans_part(found),
            "weeks": text.weeks_part(found, charts=True, utf8=True),
        }
        for part, lines in parts.items():
            shown = list(lines)
            if part == "plans" and found.plans.stale:
                shown.append([(STILL_WANT_KEYS, DIM)])
            widget = self.query_one(f"#lb-{part}", Static)
            widget.display = True
            widget.update(_content(shown))

    def action_part(self, part: str) -> None:
        """Scroll the page so the part's heading is at the top (the first: the page's top,
        with the period it covers)."""
        page = self.query_one("#looking-back", VerticalScroll)
        if part == PARTS[0]:
            page.scroll_home(animate=False)
            return
        page.scroll_to_widget(self.query_one(f"#lb-{part}", Static), top=True, animate=False)


def _content(lines: list[Line]) -> Content:
    """Rows of (text, style) pieces as Content: every piece literal (never markup) and
    sanitised, as everything the app shows from a file is (`shown`)."""
    pieces: list[str | tuple[str, str]] = []
    for number, line in enumerate(lines):
        if number:
            pieces.append("\n")
        for piece, style in line:
            mapped = STYLES.get(style)
            pieces.append((shown(piece), mapped) if mapped else shown(piece))
    return Content.assemble(*pieces)
