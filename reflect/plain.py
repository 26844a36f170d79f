"""Plain line mode: the whole walk as lines of text, for scripts and screen readers.

A thin front end over `reflect.session`: it prints each section's ideas and
tips and each prompt, reads answers line by line, and saves the draft after
every change. Protocol (also in `reflect start --help`):

- an empty first line skips the prompt;
- `:skip` leaves the rest of the section for another day, `:back` goes back one
  prompt, `:pause` saves the draft and stops (so does end of input);
- each kind of prompt reads its answer its own way (`Kind.read_plain` in
  `reflect.kinds`, and `plain_help` there for the words of `--help`), through the
  small `PlainAsk` face of `PlainWalk`.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from reflect import messages
from reflect.dates import echo_when, parse_when
from reflect.drafts import DraftStore
from reflect.errors import DateError, InvalidAnswer, ReflectError
from reflect.finish import finish_session
from reflect.insights.last import Recall
from reflect.journal.store import JournalStore
from reflect.kinds import BY_NAME
from reflect.kinds.action import when_text
from reflect.session import AnswerValue, Session, Step
from reflect.workbook.models import Prompt
from reflect.workbook.prose import one_line, prompt_line, reflow, section_line

COMMANDS = {":skip", ":back", ":pause"}


class Stopped(KeyboardInterrupt):
    """SIGTERM, or SIGHUP when the terminal is closed, during a walk.

    Python's default for both is to die on the spot; raising this instead (a kind of
    Ctrl-C) lets the walk save what was typed on its way out.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class _Stops:
    """Ctrl-C, SIGTERM and SIGHUP during a walk, all handled alike.

    A stop interrupts the walk only while it waits for a line (`reading`). One that
    comes while a line just read is being taken in (an item added, a date echoed, a
    draft saved) is held until that is done and raised before the next line is read:
    so every line typed is in the walk's memory when the stop is raised, and the
    walk's stop handler saves it. A second signal while stopping is ignored, so the
    last save is not cut short.
    """

    def __init__(self) -> None:
        self.reading = False
        self.pending: int | None = None

    def handle(self, signum: int, frame: object) -> None:
        if self.pending is not None:
            return  # already stopping
        self.pending = signum
        if self.reading:
            self.raise_pending()

    def raise_pending(self) -> None:
        signum = self.pending
        if signum is None:
            return
        self.reading = False
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise Stopped(signum)


@contextlib.contextmanager
def _stop_signals(stops: _Stops) -> Iterator[None]:
    """Route Ctrl-C, SIGTERM and SIGHUP through `stops` while the walk runs (main thread
    only: Python allows signal handlers nowhere else)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, stops.handle) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@dataclass
class _Typed:
    """The answer so far to the prompt at `position`, not yet given to the session: the
    lines of a text answer, list items, planned actions (the last perhaps still waiting
    for its date). Kinds report it through `PlainWalk.keep`; it is given as the answer
    when the walk is stopped or paused half-way through the prompt."""

    position: int
    value: AnswerValue | None = None


class _Command(Exception):
    """Raised from a read when the person typed a command instead of an answer."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


@dataclass
class PlainIO:
    """How plain mode talks: injected so tests and other front ends can drive it."""

    write: Callable[[str], None]
    read: Callable[[], str | None]  # one line without its newline; None at end of input


@dataclass
class PlainOutcome:
    finished: bool
    entry_path: Path | None = None
    entry_id: str | None = None


class PlainWalk:
    def __init__(
        self,
        session: Session,
        *,
        io: PlainIO,
        drafts: DraftStore,
        store: JournalStore,
        now: Callable[[], datetime],
        support_note: str,
        workbook_path: str | None,
        recall: Recall | None = None,
    ) -> None:
        self.session, self.io, self.drafts, self.store = session, io, drafts, store
        self.now, self.support_note, self.workbook_path = now, support_note, workbook_path
        self._stops = _Stops()
        self._typed: _Typed | None = None
        self.recall = recall or Recall()

    # ------------------------------------------------------------------ the walk

    def run(self) -> PlainOutcome:
        with _stop_signals(self._stops):
            try:
                outcome = self._walk()
            except KeyboardInterrupt:  # Ctrl-C, SIGTERM or SIGHUP: save, then stop
                self._stops.pending = self._stops.pending or signal.SIGINT  # ignore more
                self._keep_typed()
                self._save()  # a failure here is reported as itself, not as "Stopped"
                with contextlib.suppress(OSError):  # the terminal may be gone (SIGHUP)
                    self._say_paused()
                raise
            if outcome is None:
                outcome = self._finish()
        return outcome

    def _walk(self) -> PlainOutcome | None:
        """Ask each step in turn; None when the walk reached its end (ready to finish)."""
        session = self.session
        while (step := session.current) is not None:
            if step.first_in_section or step.index == 0:
                self._show_section(step)
            try:
                self._ask(step)
            except _Command as command:
                if command.name == ":pause":
                    return self._pause()  # keeps what was typed for this prompt
                self._typed = None  # :skip and :back leave it: the person chose to
                if command.name == ":skip":
                    session.skip_section()
                    self.io.write("Left for another day.\n")
                elif command.name == ":back" and not session.back():
                    self.io.write("This is the first prompt.\n")
                self._save()
            except EOFError:
                return self._pause()
        return None

    def _show_section(self, step: Step) -> None:
        number, total = self.session.section_progress()
        section = step.section
        self.io.write(f"\n{section_line(number, total, section.title)}\n")
        if section.ideas:
            self.io.write("\nIdeas to consider:\n" + reflow(section.ideas) + "\n")
        for tip in section.tips:
            self.io.write(f"\nTip: {one_line(tip)}\n")

    def _ask(self, step: Step) -> None:
        prompt = step.prompt
        if prompt is None:
            self.io.write("\n(Press Enter to go on.)\n")
            self.line()
            self.session.skip_prompt()
            self._save()
            return
        label = " (optional)" if prompt.optional else ""
        last = self.recall.last.get(prompt.id)
        if last is not None:
            self.io.write(f"\n{last.line(self.today, prompt)}")
        self.io.write(f"\n{prompt_line(step.number, step.total, prompt.text + label)}\n")
        if prompt.help:
            self.io.write(reflow(prompt.help) + "\n")
        while True:
            self._typed = _Typed(self.session.position)
            value = self._read_answer(prompt)
            self._typed = None if value is None else self._typed
            if value is None:
                self.session.skip_prompt()
                show_support = False
                break
            try:
                show_support = self.session.answer(value)
            except InvalidAnswer as problem:
                self.io.write(f"{problem.message}\n")
                continue
            break
        self._typed = None  # given (or skipped): the session has it now
        self._save()
        if self.recall.plans is not None and isinstance(value, list):
            self._carry(self.recall.plans.ticked_plans(prompt.id, [str(v) for v in value]))
        if show_support:
            self.io.write(f"\n{messages.SUPPORT_AFTER_LOW_SCORE}\n\n{self.support_note}\n")
            self.io.write("Press Enter to carry on, or type :pause to stop for now.\n")
            self.line()

    def _read_answer(self, prompt: Prompt) -> AnswerValue | None:
        """What the person typed, shaped for the engine; None when they skipped.

        The kind reads the lines (`reflect.kinds`) and calls `keep` with the answer so
        far as each line is taken in, so a stop or the end of input before the answer
        is complete still keeps what was typed (`_keep_typed`).
        """
        value: AnswerValue | None = BY_NAME[prompt.kind].read_plain(prompt, self)
        return value

    def _carry(self, ticked: list[tuple[str, str]]) -> None:
        """Each plan ticked, kept, moved to another day or dropped, there and then."""
        from reflect.actions import mark, move

        if not ticked:
            return
        self.io.write(messages.CARRY_HELP + "\n")
        today = self.now().date()
        for action_id, option in ticked:
            self.io.write(messages.CARRY_ASK.format(option=option))
            choice = self.line().strip().lower()
            if choice in ("x", "drop"):
                mark(self.store, action_id, "dropped", today)
                self.io.write(messages.CARRY_DROPPED + "\n")
            elif choice in ("m", "move"):
                self.io.write("When? ('fri', 'in 3 days', '4 dec'; Enter leaves it as it is)\n")
                while when_text := self.line().strip():
                    try:
                        when = parse_when(when_text, today)
                    except DateError as problem:
                        self.io.write(f"{problem.message}\n")
                        continue
                    move(self.store, action_id, when.day, when.at)
                    self.io.write(
                        f"  Due: {echo_when(when, today)}.\n"
                    )  # a sentence, for screen readers
                    break
            else:
                self.io.write(messages.CARRY_KEPT + "\n")

    # ------------------------------------------------------------------ reading (PlainAsk)

    @property
    def today(self) -> date:
        return self.now().date()

    def _read(self) -> str | None:
        """One line, or None at the end of input. A stop that came while the last line
        was being taken in is raised here, before anything more is read."""
        stops = self._stops
        stops.raise_pending()
        stops.reading = True
        try:
            return self.io.read()
        finally:
            stops.reading = False

    def write(self, text: str) -> None:
        self.io.write(text)

    def line(self) -> str:
        line = self._read()
        if line is None:
            raise EOFError
        if line.strip() in COMMANDS:
            raise _Command(line.strip())
        return line

    def lines_until_blank(self) -> str:
        lines: list[str] = []
        while True:
            line = self._read() if lines else self.line()
            if line is None:
                if lines:
                    break  # keep what was typed before the input ended
                raise EOFError
            if line == "":
                break
            lines.append(line)
            self.keep("\n".join(lines))
        return "\n".join(lines)

    def keep(self, so_far: AnswerValue | None) -> None:
        if self._typed is not None:
            self._typed.value = so_far

    def _keep_typed(self) -> None:
        """Give what was typed for the current prompt as its answer: the walk is stopping
        (a signal, the end of input, :pause) half-way through it."""
        typed, self._typed = self._typed, None
        step = self.session.current
        if typed is None or step is None or step.prompt is None:
            return
        if typed.position != self.session.position:
            return  # already given: the stop came just after the answer was taken
        if typed.value is not None:
            with contextlib.suppress(InvalidAnswer):
                self.session.answer(typed.value)

    def options(self, options: list[str]) -> None:
        for number, option in enumerate(options, start=1):
            self.io.write(f"  {number}. {option}\n")

    # ------------------------------------------------------------------ saving

    def _save(self) -> None:
        self.drafts.save(self.session, self.workbook_path, self.now())

    def _pause(self) -> PlainOutcome:
        self._keep_typed()
        self._save()
        self._say_paused()
        return PlainOutcome(finished=False)

    def _say_paused(self) -> None:
        """Said only once the draft is saved, never before."""
        self.io.write("\n" + messages.PAUSED.format(workbook=self.session.workbook.id) + "\n")

    def _offer_star(self, entry_id: str) -> None:
        """Asked once the entry is saved: Enter, or the end of the input, leaves it be."""
        from reflect.journal.rewrite import set_starred

        self.io.write(messages.STAR_OFFER)
        answer = self._read()
        if answer is None:
            self.io.write("\n")
            return
        if answer.strip().lower() not in ("y", "yes"):
            return
        try:
            set_starred(self.store, entry_id, True)
        except ReflectError as problem:  # the entry itself is saved: only the star failed
            self.io.write(f"{problem}\n")
            return
        self.io.write(messages.STARRED + "\n")

    def _finish(self) -> PlainOutcome:
        session = self.session
        entry, path = finish_session(
            session, self.store, self.drafts, self.now(), workbook_path=self.workbook_path
        )
        self.io.write(f"\nThat's the end of {session.workbook.title}.\n")
        planned = [a for a, _, _ in entry.all_actions()]
        if planned:
            self.io.write("You planned:\n")
            today = self.now().date()
            for action in planned:
                self.io.write(f"  [{action.id}] {action.text}{when_text(action, today)}\n")
        if entry.left:  # named, as the entry names them
            count = len(entry.left)
            noun = "prompt" if count == 1 else "prompts"
            self.io.write(f"You left {count} {noun} for another day; that's fine:\n")
            for item in entry.left:
                self.io.write(f"  {item.prompt}\n")
        self.io.write(messages.FINISHED.format(path=path, entry=entry.id) + "\n")
        self._offer_star(entry.id)
        self.io.write(messages.CLOSING + "\n")
        return PlainOutcome(finished=True, entry_path=path, entry_id=entry.id)
