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
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reflect import messages
from reflect.dates import When, echo_when, parse_when
from reflect.drafts import DraftStore, finish_session
from reflect.errors import DateError
from reflect.journal.store import JournalStore
from reflect.session import InvalidAnswer, PlannedAction, Session, Step
from reflect.workbook.models import (
    ActionPrompt,
    ChecklistPrompt,
    ChoicePrompt,
    ListPrompt,
    Prompt,
    ScalePrompt,
    TextPrompt,
)
from reflect.workbook.prose import one_line, prompt_line, reflow, section_line

COMMANDS = {":skip", ":back", ":pause"}


class Stopped(KeyboardInterrupt):
    """SIGTERM, or SIGHUP when the terminal is closed, during a walk.

    Python's default for both is to die on the spot; raising this instead (a kind of
    Ctrl-C) lets the walk save the lines of an answer that was half-typed on its way
    out. Every finished answer is already saved by then.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _stop_signals_raise() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into `Stopped` while the walk runs (main thread only:
    Python allows signal handlers nowhere else)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


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

    # ------------------------------------------------------------------ the walk

    def run(self) -> PlainOutcome:
        with _stop_signals_raise():
            try:
                outcome = self._walk()
            except KeyboardInterrupt:  # Ctrl-C, SIGTERM or SIGHUP: save, then stop
                with contextlib.suppress(Exception):
                    self._save()
                raise
        return outcome if outcome is not None else self._finish()

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
                    return self._pause()
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
            self._line()
            self.session.skip_prompt()
            self._save()
            return
        label = " (optional)" if prompt.optional else ""
        self.io.write(f"\n{prompt_line(step.number, step.total, prompt.text + label)}\n")
        if prompt.help:
            self.io.write(reflow(prompt.help) + "\n")
        while True:
            value = self._read_answer(prompt)
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
        self._save()
        if show_support:
            self.io.write(f"\n{messages.SUPPORT_AFTER_LOW_SCORE}\n\n{self.support_note}\n")
            self.io.write("Press Enter to carry on, or type :pause to stop for now.\n")
            self._line()

    def _read_answer(self, prompt: Prompt) -> str | int | list[str] | list[PlannedAction] | None:
        """What the person typed, shaped for the engine; None when they skipped."""
        match prompt:
            case TextPrompt():
                return self._lines_until_blank() or None
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
                items: list[str] = []
                while (line := self._line()).strip():
                    items.append(line)
                return items or None
            case ActionPrompt():
                return self._actions(prompt) or None
        raise AssertionError(f"unknown prompt kind {prompt.kind}")  # pragma: no cover

    def _actions(self, prompt: ActionPrompt) -> list[PlannedAction]:
        planned: list[PlannedAction] = []
        hint = f" (for example: {prompt.suggested_when})" if prompt.suggested_when else ""
        while True:
            ask = "What will you do?" if not planned else "Anything else? (Enter when done)"
            self.io.write(f"{ask}\n")
            text = self._line().strip()
            if not text:
                return planned
            self.io.write(f"When?{hint} Enter for no date.\n")
            while True:
                when_text = self._line().strip()
                if not when_text:
                    planned.append(PlannedAction(text))
                    self.io.write("No date.\n")
                    break
                try:
                    when = parse_when(when_text, self.now().date())
                except DateError as problem:
                    self.io.write(f"{problem.message}\n")
                    continue
                planned.append(PlannedAction(text, when.day, when.at))
                self.io.write(f"When: {echo_when(when, self.now().date())}.\n")
                break

    # ------------------------------------------------------------------ reading

    def _line(self) -> str:
        line = self.io.read()
        if line is None:
            raise EOFError
        if line.strip() in COMMANDS:
            raise _Command(line.strip())
        return line

    def _lines_until_blank(self) -> str:
        lines: list[str] = []
        try:
            while True:
                line = self.io.read() if lines else self._line()
                if line is None:
                    if lines:
                        break  # keep what was typed before the input ended
                    raise EOFError
                if line == "":
                    break
                lines.append(line)
        except KeyboardInterrupt:
            if lines:  # stopped half-way through an answer: keep the lines typed so far
                with contextlib.suppress(InvalidAnswer):
                    self.session.answer("\n".join(lines))
            raise
        return "\n".join(lines)

    def _options(self, options: list[str]) -> None:
        for number, option in enumerate(options, start=1):
            self.io.write(f"  {number}. {option}\n")

    # ------------------------------------------------------------------ saving

    def _save(self) -> None:
        self.drafts.save(self.session, self.workbook_path, self.now())

    def _pause(self) -> PlainOutcome:
        self._save()
        self.io.write("\n" + messages.PAUSED.format(workbook=self.session.workbook.id) + "\n")
        return PlainOutcome(finished=False)

    def _finish(self) -> PlainOutcome:
        session = self.session
        entry, path = finish_session(session, self.store, self.drafts, self.now())
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
