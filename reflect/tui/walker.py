"""One walk through a workbook, driven for the app exactly as plain mode drives it.

A thin layer over `Session` and `DraftStore` with no Textual in it, so the
rules that keep words safe are tested without a screen: the draft is saved
after every change; typing in progress is kept in the draft without moving on;
finishing writes one journal entry and clears the draft, and finishing again
(a double Enter, a draft left behind by a crash after the write) never writes
a second one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reflect.drafts import DraftStore, WalkClaim
from reflect.errors import InvalidAnswer
from reflect.finish import finish_session
from reflect.insights.last import Recall
from reflect.journal.model import Entry
from reflect.journal.store import JournalStore
from reflect.session import AnswerValue, Session, Step, check_answer


@dataclass(frozen=True)
class Finished:
    entry: Entry
    path: Path
    left: tuple[str, ...]  # the words of the prompts left for another day

    @property
    def unanswered(self) -> int:
        return len(self.left)


class Walker:
    def __init__(
        self,
        session: Session,
        *,
        drafts: DraftStore,
        store: JournalStore,
        now: Callable[[], datetime],
        workbook_path: str | None,
        claim: WalkClaim | None = None,
        recall: Recall | None = None,
    ) -> None:
        self.session, self.drafts, self.store = session, drafts, store
        self.now, self.workbook_path = now, workbook_path
        self.claim = claim  # this walk's hold on the workbook's draft
        self.recall = recall or Recall()  # last answers, and plans given as options
        self.finished: Finished | None = None
        # What was typed at a prompt and then skipped: not an answer, not in the
        # journal, but shown again in its field if the person goes back to it while
        # this walk is open.
        self.set_aside: dict[str, AnswerValue] = {}

    def close(self) -> None:
        """The walk is over (finished, paused or left): let another walk have the draft."""
        if self.claim is not None:
            self.claim.release()

    @property
    def current(self) -> Step | None:
        return self.session.current

    def save(self) -> None:
        """Write the draft now. Raises DraftError/JournalError if the disk refuses."""
        if self.finished is None:
            self.drafts.save(self.session, self.workbook_path, self.now())

    def is_empty(self) -> bool:
        """Nothing answered and nothing kept aside: a walk not worth carrying on."""
        return self.session.answered_count() == 0 and not self.session.orphans

    def pause(self) -> bool:
        """The walk stops for now; False when there was nothing in it to keep.

        A walk left before anything was answered (Esc on the first prompt) does
        not become a draft: home would offer "0 of 6 answered" and the next
        start a "carry on" with nothing to carry.
        """
        if self.finished is not None:
            return False
        if self.is_empty():
            self.drafts.clear(self.session.workbook.id)
            return False
        return True

    def keep(self, value: AnswerValue | None) -> None:
        """Keep what is on screen in the draft, without moving on. Something the
        engine would refuse (a half-typed list item with a newline) is simply not
        kept yet."""
        step = self.session.current
        if step is None or step.prompt is None:
            return
        if self._is_empty(value):
            self.session.clear_answer()
        else:
            assert value is not None
            try:
                self.session.record(value)
            except InvalidAnswer:
                return
        self.save()

    def answer(self, value: AnswerValue | None) -> bool:
        """Answer and move on; True when the support note should be shown now.

        An empty field moves on without an answer (a skip), and forgets any
        earlier answer: unlike plain mode, the app shows the earlier answer in
        the field, so what is on screen when moving on is the answer.
        """
        step = self.session.current
        if step is not None and step.prompt is not None and self._is_empty(value):
            self.session.clear_answer()
            self.session.typing = None  # emptied and moved on: that is the answer given
            self.session.skip_prompt()
            self.save()
            return False
        assert value is not None
        show_support = self.session.answer(value)
        if step is not None and step.prompt is not None:
            self.set_aside.pop(step.prompt.id, None)
        self.save()
        return show_support

    def shown_value(self, prompt_id: str) -> AnswerValue | None:
        """What a prompt's field starts with: words set aside by a skip, else its answer."""
        if prompt_id in self.set_aside:
            return self.set_aside[prompt_id]
        return self.session.answer_for(prompt_id)

    def _is_empty(self, value: AnswerValue | None) -> bool:
        step = self.session.current
        if value is None:
            return True
        if step is None or step.prompt is None:
            return False
        try:
            return check_answer(step.prompt, value) is None
        except InvalidAnswer:
            return False  # not empty, just not right yet: the engine will say why

    def skip_prompt(self) -> bool:
        """Skip: what was typed here is not the answer. True when typed words were set
        aside (the app says so)."""
        return self._set_aside(self.session.current, self.session.skip_prompt())

    def skip_section(self) -> bool:
        """Leave the section: as `skip_prompt` for what was being typed at this prompt."""
        return self._set_aside(self.session.current, self.session.skip_section())

    def _set_aside(self, step: Step | None, typed: AnswerValue | None) -> bool:
        if step is not None and step.prompt is not None:
            if typed is not None:
                self.set_aside[step.prompt.id] = typed
            else:
                self.set_aside.pop(step.prompt.id, None)
        self.save()
        return typed is not None

    def back(self) -> bool:
        moved = self.session.back()
        if moved:
            self.save()
        return moved

    def finish(self) -> Finished:
        """Write the journal entry once, then clear the draft."""
        if self.finished is not None:
            return self.finished
        session = self.session
        entry, path = finish_session(
            session, self.store, self.drafts, self.now(), workbook_path=self.workbook_path
        )
        # What was left, as the journal now names it (the entry is read back from it).
        self.finished = Finished(entry, path, tuple(item.prompt for item in entry.left))
        return self.finished
