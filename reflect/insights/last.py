"""Last time: the most recent answer to each prompt of a workbook, shown beside the
prompt while walking it again ("Last time, Sun 22 Nov: 6").

Found once when a walk starts, from the journal itself (no cache of anyone's words):
month files are read newest first, a file that does not name the workbook is passed
over on a substring test before any parse, only that workbook's entries in it are
parsed, and reading stops once every prompt asked about has an answer. A weekly
check-in finds all of them in the newest month file or two.

A month file that cannot be read is passed over here: "last time" is a help while
writing, and a walk must never be blocked by an old file (`reflect journal` and
`reflect insights` name the file and line).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reflect.dates import format_day
from reflect.errors import JournalError
from reflect.journal.model import Answer
from reflect.journal.parse import parse
from reflect.journal.store import JournalStore
from reflect.kinds import BY_NAME, kind_of
from reflect.workbook.base import PromptBase
from reflect.workbook.models import Workbook
from reflect.workbook.plans import PlanOptions


@dataclass(frozen=True)
class LastAnswer:
    day: date
    answer: Answer

    def said(self, prompt: PromptBase, today: date) -> str:
        """The answer in one short line, as its kind says it beside `prompt` now."""
        return kind_of(self.answer).last_said(self.answer, prompt, today)

    def line(self, today: date, prompt: PromptBase) -> str:
        return f"Last time ({format_day(self.day, today)}): {self.said(prompt, today)}"


def shows_last(kind: str, show_last: bool | None) -> bool:
    """Whether a prompt of `kind` shows its last answer, given its own `show_last`."""
    return show_last if show_last is not None else BY_NAME[kind].shows_last


def last_answers(
    store: JournalStore, workbook: str, prompts: Iterable[tuple[str, str]]
) -> dict[str, LastAnswer]:
    """For each (prompt id, kind) in `prompts`, its most recent answer of that kind in
    an entry of `workbook`, by prompt id (the same across workbook versions)."""
    wanted = dict(prompts)
    found: dict[str, LastAnswer] = {}
    marker = f"\nworkbook: {workbook}"
    for path in reversed(store.month_files()):
        if len(found) == len(wanted):
            break
        try:
            raw = store.read_text(path)
            if marker not in raw:
                continue
            entries = parse(raw, path, wanted=lambda chunk: marker in chunk).entries
        except JournalError:
            continue
        for entry in sorted(entries, key=lambda e: e.written, reverse=True):
            if entry.workbook != workbook:
                continue  # a workbook whose id starts with this one's
            for section in entry.sections:
                for answer in section.answers:
                    pid = answer.prompt_id
                    if pid in wanted and pid not in found and answer.kind == wanted[pid]:
                        found[pid] = LastAnswer(entry.written.date(), answer)
    return found


def for_walk(store: JournalStore, workbook: Workbook) -> dict[str, LastAnswer]:
    """The last answers a walk of `workbook` shows, by prompt id (the prompts whose
    `show_last`, or their kind's default, says to)."""
    prompts = [
        (prompt.id, prompt.kind)
        for section in workbook.sections
        for prompt in section.prompts
        if shows_last(prompt.kind, prompt.show_last)
    ]
    return last_answers(store, workbook.id, prompts) if prompts else {}


@dataclass
class Recall:
    """What a walk brings back from the journal, for either front end: each prompt's
    last answer (shown beside it) and the open plans given to `options_from` prompts."""

    last: Mapping[str, LastAnswer] = field(default_factory=dict)
    plans: PlanOptions | None = None


def recall_for(
    store: JournalStore,
    cache_dir: Path,
    workbook: Workbook,
    today: date,
    *,
    show_last: bool = True,
) -> Recall:
    """The Recall of a walk of `workbook` starting now. A journal that cannot be read
    here does not stop the walk: it goes on without last answers or plans (`reflect
    journal` names the file and line)."""
    from reflect.actions import open_plans
    from reflect.errors import ReflectError
    from reflect.workbook.plans import with_open_plans

    recall = Recall()
    plans: list[tuple[str, str]] = []
    try:
        if show_last:
            recall.last = for_walk(store, workbook)
        plans = open_plans(store.folder, cache_dir, today)
    except ReflectError:
        pass
    recall.plans = with_open_plans(workbook, plans)
    return recall
