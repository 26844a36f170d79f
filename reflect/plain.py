"""Plain line mode: the whole walk as lines of text, for scripts and screen readers.

A thin front end over `reflect.session`: it prints each section's ideas and
tips and each prompt, reads answers line by line, and saves the draft after
every change. Protocol (also in `reflect start --help`):

- a text answer ends at an empty line; an empty first line skips the prompt;
- `:skip` leaves the rest of the section for another day, `:back` goes back one
  prompt, `:pause` saves the draft and stops (so does end of input);
- a scale takes a number; a choice its number or its text; a checklist numbers
  or names separated by commas; a list one item per line, ending at an empty line;
- an action takes what you will do, then when (echoed back as a date).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from reflect import messages
from reflect.dates import When, echo_when, parse_when
from reflect.drafts import DraftStore, finish_session
from reflect.errors import DateError
from reflect.journal.store import JournalStore
from reflect.session import AnswerValue, InvalidAnswer, PlannedAction, Session, Step
from reflect.workbook.models import (
    ActionPrompt,
    ChecklistPrompt,
    ChoicePrompt,
    ListPrompt,
    Prompt,
    ScalePrompt,
    TextPrompt,
)

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
    """Lines taken in for the prompt at `position` but not yet given as its answer: the
    lines of a text answer, list items, or planned actions (the last one perhaps still
    waiting for its date). Given as the answer when the walk is stopped or paused."""

    position: int
    lines: list[str] = field(default_factory=list)
    planned: list[PlannedAction] = field(default_factory=list)
    undated: str | None = None  # an action's words, typed before "When?" was answered

    def value(self, prompt: Prompt) -> AnswerValue | None:
        if isinstance(prompt, ActionPrompt):
            extra = [PlannedAction(self.undated)] if self.undated else []
            return [*self.planned, *extra] or None
        if isinstance(prompt, ListPrompt):
            return list(self.lines) or None
        if isinstance(prompt, TextPrompt):
            return "\n".join(self.lines) or None
        return None


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
    ) -> None:
        self.session, self.io, self.drafts, self.store = session, io, drafts, store
        self.now, self.support_note, self.workbook_path = now, support_note, workbook_path
        self._stops = _Stops()
        self._typed: _Typed | None = None

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
        self.io.write(f"\n── Section {number} of {total}: {section.title} ──\n")
        if section.ideas:
            self.io.write("\nIdeas to consider:\n" + section.ideas.strip() + "\n")
        for tip in section.tips:
            self.io.write(f"\nTip: {tip.strip()}\n")

    def _ask(self, step: Step) -> None:
        prompt = step.prompt
        if prompt is None:
            self.io.write("\n(Press Enter to go on.)\n")
            self._line()
            self.session.skip_prompt()
            self._save()
            return
        label = " (optional)" if prompt.optional else ""
        self.io.write(f"\n[{step.number}/{step.total}] {prompt.text}{label}\n")
        if prompt.help:
            self.io.write(prompt.help.strip() + "\n")
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
        if show_support:
            self.io.write(f"\n{messages.SUPPORT_AFTER_LOW_SCORE}\n\n{self.support_note}\n")
            self.io.write("Press Enter to carry on, or type :pause to stop for now.\n")
            self._line()

    def _read_answer(self, prompt: Prompt) -> AnswerValue | None:
        """What the person typed, shaped for the engine; None when they skipped.

        Lines that make up an answer as it is typed (text lines, list items, actions)
        go into `self._typed` the moment each is read, so a stop or the end of input
        before the answer is complete still keeps them (`_keep_typed`).
        """
        typed = self._typed
        assert typed is not None
        match prompt:
            case TextPrompt():
                return self._lines_until_blank(typed.lines) or None
            case ScalePrompt():
                ends = f"{prompt.min}" + (f" = {prompt.min_label}" if prompt.min_label else "")
                ends += f", {prompt.max}" + (f" = {prompt.max_label}" if prompt.max_label else "")
                self.io.write(f"({ends})\n")
                while True:
                    text = self._line().strip()
                    if not text:
                        return None
                    try:
                        return int(text)
                    except ValueError:
                        self.io.write(f"Type a number from {prompt.min} to {prompt.max}.\n")
            case ChoicePrompt():
                self._options(prompt.options)
                while True:
                    text = self._line().strip()
                    if not text:
                        return None
                    chosen = _pick(text, prompt.options)
                    if chosen is not None:
                        return chosen
                    self.io.write("Type the number or the words of one option.\n")
            case ChecklistPrompt():
                self._options(prompt.options)
                self.io.write("(Numbers or names, separated by commas.)\n")
                while True:
                    text = self._line().strip()
                    if not text:
                        return None
                    picked = _pick_many(text, prompt.options)
                    if picked is not None:
                        return picked
                    self.io.write("Type option numbers or names, separated by commas.\n")
            case ListPrompt():
                self.io.write(f"(Up to {prompt.items}, one per line; an empty line ends.)\n")
                while (line := self._line()).strip():
                    typed.lines.append(line)
                return list(typed.lines) or None
            case ActionPrompt():
                return self._actions(prompt, typed) or None
        raise AssertionError(f"unknown prompt kind {prompt.kind}")  # pragma: no cover

    def _actions(self, prompt: ActionPrompt, typed: _Typed) -> list[PlannedAction]:
        planned = typed.planned
        hint = f" (for example: {prompt.suggested_when})" if prompt.suggested_when else ""
        while True:
            ask = "What will you do?" if not planned else "Anything else? (Enter when done)"
            self.io.write(f"{ask}\n")
            text = self._line().strip()
            if not text:
                return list(planned)
            typed.undated = text
            self.io.write(f"When?{hint} Enter for no date.\n")
            while True:
                when_text = self._line().strip()
                if not when_text:
                    planned.append(PlannedAction(text))
                    typed.undated = None
                    self.io.write("  → no date\n")
                    break
                try:
                    when = parse_when(when_text, self.now().date())
                except DateError as problem:
                    self.io.write(f"{problem.message}\n")
                    continue
                planned.append(PlannedAction(text, when.day, when.at))
                typed.undated = None
                self.io.write(f"  → {echo_when(when, self.now().date())}\n")
                break

    # ------------------------------------------------------------------ reading

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

    def _line(self) -> str:
        line = self._read()
        if line is None:
            raise EOFError
        if line.strip() in COMMANDS:
            raise _Command(line.strip())
        return line

    def _lines_until_blank(self, lines: list[str]) -> str:
        while True:
            line = self._read() if lines else self._line()
            if line is None:
                if lines:
                    break  # keep what was typed before the input ended
                raise EOFError
            if line == "":
                break
            lines.append(line)
        return "\n".join(lines)

    def _keep_typed(self) -> None:
        """Give what was typed for the current prompt as its answer: the walk is stopping
        (a signal, the end of input, :pause) half-way through it."""
        typed, self._typed = self._typed, None
        step = self.session.current
        if typed is None or step is None or step.prompt is None:
            return
        if typed.position != self.session.position:
            return  # already given: the stop came just after the answer was taken
        value = typed.value(step.prompt)
        if value is not None:
            with contextlib.suppress(InvalidAnswer):
                self.session.answer(value)

    def _options(self, options: list[str]) -> None:
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
                when = f" — {echo_when(When(action.due, action.at), today)}" if action.due else ""
                self.io.write(f"  [{action.id}] {action.text}{when}\n")
        left = session.unanswered_required()
        if left:
            noun = "prompt" if len(left) == 1 else "prompts"
            self.io.write(f"You left {len(left)} {noun} for another day; that's fine.\n")
        self.io.write(messages.FINISHED.format(path=path, entry=entry.id) + "\n")
        self.io.write(messages.CLOSING + "\n")
        return PlainOutcome(finished=True, entry_path=path, entry_id=entry.id)


def _pick_many(text: str, options: list[str]) -> list[str] | None:
    """Options named by numbers or words, separated by commas.

    Options may contain commas themselves ("Enough sleep, most nights"), so the
    longest run of comma-separated pieces that names an option wins.
    """
    pieces = text.split(",")
    picked: list[str] = []
    start = 0
    while start < len(pieces):
        for end in range(len(pieces), start, -1):
            option = _pick(",".join(pieces[start:end]).strip(), options)
            if option is not None:
                picked.append(option)
                start = end
                break
        else:
            return None
    return picked


def _pick(text: str, options: list[str]) -> str | None:
    """An option by its 1-based number or its words (case-insensitive)."""
    if text.isdigit() and 1 <= int(text) <= len(options):
        return options[int(text) - 1]
    for option in options:
        if option.casefold() == text.casefold():
            return option
    return None
