"""The session engine: walking a workbook, one prompt at a time. No UI here.

Both front ends (the Textual app and the plain line mode) drive this same
object: they show `current`, then call `answer`, `skip_prompt`,
`skip_section` or `back`, and save `to_draft()` after every change so a pause,
Ctrl-C or crash never loses what was typed. `finish` turns the answers into one
journal entry. The clock is passed in, never read here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from reflect.errors import InvalidAnswer
from reflect.journal.model import (
    Answer,
    Entry,
    LeftPrompt,
    SectionRecord,
    at_second,
    new_action_id,
    new_entry_id,
)
from reflect.kinds import BY_NAME
from reflect.kinds.action import PlannedAction
from reflect.kinds.base import Facts
from reflect.workbook.models import Prompt, Section, Workbook

KEPT_SECTION_ID = "kept-from-an-earlier-version"
KEPT_SECTION_TITLE = "Answers to prompts this workbook no longer has"


AnswerValue = object
"""What a front end hands the engine as an answer: each kind checks its own
(`reflect.kinds`, `Kind.check`), so the engine never needs to know the shapes."""


@dataclass(frozen=True)
class StoredAnswer:
    """An answer with enough context to be shown even if its prompt disappears."""

    kind: str
    value: AnswerValue
    prompt: str
    section_id: str
    section_title: str
    facts: Facts = field(default_factory=dict)  # what the kind keeps of its prompt


@dataclass(frozen=True)
class Step:
    """Where the walk is: a prompt (or a section with no prompts, shown for its ideas)."""

    index: int
    section_index: int
    section: Section
    prompt: Prompt | None
    number: int  # 1-based position among all steps
    total: int
    first_in_section: bool

    @property
    def key(self) -> str:
        return f"{self.section.id}/{self.prompt.id if self.prompt else ''}"


@dataclass
class Session:
    workbook: Workbook
    started: datetime
    entry_id: str = field(default_factory=new_entry_id)
    answers: dict[str, StoredAnswer] = field(default_factory=dict)
    position: int = 0
    history: list[int] = field(default_factory=list)
    skipped_sections: list[str] = field(default_factory=list)
    orphans: dict[str, StoredAnswer] = field(default_factory=dict)
    # The prompt whose answer is being typed (kept by `record` as the person types, not
    # yet given), and the answer it had before: what skipping it puts back.
    typing: tuple[str, StoredAnswer | None] | None = None

    def __post_init__(self) -> None:
        self.steps: list[tuple[int, Section, Prompt | None]] = []
        for index, section in enumerate(self.workbook.sections):
            if section.prompts:
                self.steps += [(index, section, prompt) for prompt in section.prompts]
            else:
                self.steps.append((index, section, None))

    # ------------------------------------------------------------------ where we are

    @property
    def current(self) -> Step | None:
        """The step to show, or None once every step has been passed (ready to finish)."""
        if self.position >= len(self.steps):
            return None
        return self.step_at(self.position)

    def step_at(self, index: int) -> Step:
        section_index, section, prompt = self.steps[index]
        first = index == 0 or self.steps[index - 1][0] != section_index
        return Step(index, section_index, section, prompt, index + 1, len(self.steps), first)

    @property
    def at_end(self) -> bool:
        return self.position >= len(self.steps)

    def section_progress(self) -> tuple[int, int]:
        """(this section's 1-based number, how many sections)."""
        total = len(self.workbook.sections)
        if self.at_end:
            return total, total
        return self.steps[self.position][0] + 1, total

    def answered_count(self) -> int:
        return len(self.answers)

    def answer_for(self, prompt_id: str) -> AnswerValue | None:
        stored = self.answers.get(prompt_id)
        return stored.value if stored else None

    def journal_answer(self, prompt_id: str) -> Answer | None:
        """The answer given so far as the journal will hold it, to be shown back (a
        prompt that builds on it); None when unanswered. Action ids are not kept."""
        stored = self.answers.get(prompt_id)
        return None if stored is None else _journal_answer(prompt_id, stored, set())

    # ------------------------------------------------------------------ moving

    def answer(self, value: AnswerValue) -> bool:
        """Record an answer to the current prompt and move on.

        An empty answer (blank text, nothing ticked, no items) skips the prompt
        and keeps any earlier answer. Returns True when the workbook asks for
        the support note to be shown now (a scale answer at or below its
        `support_below`).
        """
        show_support = self.record(value)
        self.typing = None  # given: no longer only typed
        self._advance()
        return show_support

    def record(self, value: AnswerValue) -> bool:
        """Record an answer to the current prompt and stay on it: what a person has
        typed so far, kept as they type (the app saves drafts this way). Checked as
        `answer` checks it; an empty answer keeps any earlier one. Returns True when
        the support note is due, as `answer` does.
        """
        step = self._require_step()
        prompt = step.prompt
        if prompt is None:
            return False
        cleaned = check_answer(prompt, value)
        if cleaned is None:
            return False
        self._typing_at(prompt.id)
        kind = BY_NAME[prompt.kind]
        self.answers[prompt.id] = StoredAnswer(
            kind=prompt.kind,
            value=cleaned,
            prompt=prompt.text,
            section_id=step.section.id,
            section_title=step.section.title,
            facts=kind.facts(prompt),
        )
        return kind.wants_support(prompt, cleaned)

    def clear_answer(self) -> None:
        """Forget the current prompt's answer: the person emptied what they wrote.

        (Plain mode never calls this: there an empty answer means "skip, and keep
        what I said before". The app shows the earlier answer in the field, so an
        empty field there means the answer was taken away.)
        """
        step = self._require_step()
        if step.prompt is not None:
            self._typing_at(step.prompt.id)
            self.answers.pop(step.prompt.id, None)

    def _typing_at(self, prompt_id: str) -> None:
        if self.typing is None or self.typing[0] != prompt_id:
            self.typing = (prompt_id, self.answers.get(prompt_id))

    def _untype(self) -> AnswerValue | None:
        """Put back the answer the current prompt had before the typing `record` kept:
        skipping means "not this", so what was typed is not given as the answer.
        Returns what was typed (None when nothing was, or it was the earlier answer)."""
        typing, self.typing = self.typing, None
        step = self.current
        if typing is None or step is None or step.prompt is None or typing[0] != step.prompt.id:
            return None
        prompt_id, before = typing
        typed = self.answers.pop(prompt_id, None)
        if before is not None:
            self.answers[prompt_id] = before
        if typed is None or (before is not None and typed.value == before.value):
            return None
        return typed.value

    def skip_prompt(self) -> AnswerValue | None:
        """Move on without answering: an earlier answer, if any, is kept, and what was
        being typed (`record`) is not given. Returns that typing, set aside."""
        self._require_step()
        set_aside = self._untype()
        self._advance()
        return set_aside

    def skip_section(self) -> AnswerValue | None:
        """Leave the rest of this section for another day. What was being typed at the
        current prompt is set aside, as `skip_prompt` does, and returned."""
        step = self._require_step()
        set_aside = self._untype()
        if step.section.id not in self.skipped_sections:
            self.skipped_sections.append(step.section.id)
        target = self.position
        while target < len(self.steps) and self.steps[target][0] == step.section_index:
            target += 1
        self.history.append(self.position)
        self.position = target
        return set_aside

    def back(self) -> bool:
        """Go back to the previous step shown. False when already at the start.
        What was being typed at the current prompt stays as its answer."""
        if not self.history:
            return False
        self.typing = None
        self.position = self.history.pop()
        section_id = self.steps[self.position][1].id
        if section_id in self.skipped_sections:
            self.skipped_sections.remove(section_id)
        return True

    def go_to(self, index: int) -> None:
        """Jump to a step (used when resuming a draft)."""
        self.typing = None
        self.position = max(0, min(index, len(self.steps)))

    def _advance(self) -> None:
        self.history.append(self.position)
        self.position += 1

    def _require_step(self) -> Step:
        step = self.current
        if step is None:
            raise InvalidAnswer("The workbook is finished; there is nothing left to answer.")
        return step

    # ------------------------------------------------------------------ finishing

    def unanswered_required(self) -> list[Prompt]:
        """Prompts left unanswered that the workbook did not mark optional: worth coming back to."""
        return [
            prompt
            for _, _, prompt in self.steps
            if prompt is not None and not prompt.optional and prompt.id not in self.answers
        ]

    def planned_actions(self) -> list[PlannedAction]:
        return [
            action
            for stored in self.answers.values()
            if isinstance(stored.value, list)
            for action in stored.value
            if isinstance(action, PlannedAction)
        ]

    def to_entry(self, now: datetime, taken_action_ids: set[str]) -> Entry:
        """The journal entry for this session. Action ids avoid `taken_action_ids`."""
        taken = set(taken_action_ids)
        sections: list[SectionRecord] = []
        for section in self.workbook.sections:
            answers = [
                _journal_answer(prompt.id, self.answers[prompt.id], taken)
                for prompt in section.prompts
                if prompt.id in self.answers
            ]
            if answers:
                sections.append(SectionRecord(section.id, section.title, tuple(answers)))
        if self.orphans:
            kept = [_journal_answer(pid, stored, taken) for pid, stored in self.orphans.items()]
            section_ids = {s.id for s in self.workbook.sections}
            kept_id = (
                KEPT_SECTION_ID if KEPT_SECTION_ID not in section_ids else KEPT_SECTION_ID + "-2"
            )
            sections.append(SectionRecord(kept_id, KEPT_SECTION_TITLE, tuple(kept)))
        return Entry(
            id=self.entry_id,
            written=at_second(now),
            title=self.workbook.title,
            workbook=self.workbook.id,
            version=self.workbook.version,
            sections=tuple(sections),
            # Named in the entry, so the journal says what was left and the next walk
            # of this workbook can offer it (`reflect.journal.left`).
            left=tuple(LeftPrompt(p.id, p.text) for p in self.unanswered_required()),
        )


def check_answer(prompt: Prompt, value: AnswerValue) -> AnswerValue | None:
    """Check an answer against its prompt; None means 'nothing given' (a skip)."""
    checked: AnswerValue | None = BY_NAME[prompt.kind].check(prompt, value)
    return checked


def _journal_answer(prompt_id: str, stored: StoredAnswer, taken: set[str]) -> Answer:
    def fresh_action_id() -> str:
        action_id = new_action_id(taken)
        taken.add(action_id)
        return action_id

    kind = BY_NAME.get(stored.kind)
    if kind is None:
        raise InvalidAnswer(f"An answer of kind '{stored.kind}' could not be saved.")
    answer: Answer = kind.to_answer(
        prompt_id, stored.prompt, stored.value, stored.facts, fresh_action_id
    )
    return answer
