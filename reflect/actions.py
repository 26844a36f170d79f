"""Actions across the journal: finding, grouping by when they are due, and changing them.

No UI here: `reflect actions`, the TUI's review screen and `reflect remind`
all use these queries.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reflect.errors import AlreadyClosedError, RepeatError
from reflect.journal.model import (
    STATUSES,
    Action,
    Answer,
    Entry,
    SectionRecord,
    at_second,
    new_action_id,
    new_entry_id,
)
from reflect.journal.store import FoundAction, JournalStore
from reflect.kinds.action import ActionAnswer
from reflect.messages import NOT_OPEN_TO, NOT_REPEATING
from reflect.repeats import Repeat, parse_repeat

if TYPE_CHECKING:
    from reflect.journal.indexed_action import IndexedAction

GROUPS = ("overdue", "today", "this week", "later", "no date")
GROUP_TITLES = {
    "overdue": "Overdue",
    "today": "Today",
    "this week": "In the next 7 days",
    "later": "Later",
    "no date": "No date",
}


@dataclass(frozen=True)
class ActionView:
    """An action with where it came from."""

    action: Action
    entry: Entry
    section: SectionRecord | None
    prompt: Answer | None  # the answer it was planned in

    @property
    def origin(self) -> str | None:
        """'Wellbeing check-in › Next steps › What will you do?' for planned actions."""
        if self.section is None or self.prompt is None:
            return None
        return " › ".join([self.entry.title or "Journal", self.section.title, self.prompt.prompt])

    def to_json(self) -> dict[str, Any]:
        action = self.action
        return {
            "id": action.id,
            "text": action.text,
            "due": action.due.isoformat() if action.due else None,
            "time": action.at.strftime("%H:%M") if action.at else None,
            "status": action.status,
            "changed_on": action.changed_on.isoformat() if action.changed_on else None,
            "note": action.note,
            "repeat": action.repeat.text() if action.repeat else None,
            "workbook": self.entry.workbook,
            "entry": self.entry.id,
            "section": self.section.id if self.section else None,
            "prompt": self.prompt.prompt_id if self.prompt else None,
        }


def views(entries: Iterable[Entry]) -> list[ActionView]:
    return [
        ActionView(action, entry, section, prompt)
        for entry in entries
        for action, section, prompt in entry.all_actions()
    ]


def open_views(journal_dir: Path, cache_dir: Path) -> list[ActionView]:
    """Every open action, as `views` gives them, read through the open-actions index.

    The index (`reflect.journal.index`) costs a stat per month file instead of a parse
    of the whole journal: on ten years of entries, `reflect actions` answers in a few
    milliseconds rather than a few hundred. Each view's entry holds only what a listing
    shows (id, time, title, workbook); its text and other answers are not read.
    """
    from reflect.journal.index import open_actions

    return _indexed_views(open_actions(journal_dir, cache_dir))


def open_views_and_shared(journal_dir: Path, cache_dir: Path) -> tuple[list[ActionView], set[str]]:
    """`open_views`, and the action ids two entries share (`shared_ids`), from one read
    of the index: a listing shows which actions need their entry named."""
    from reflect.journal.index import open_actions_and_shared

    items, shared = open_actions_and_shared(journal_dir, cache_dir)
    return _indexed_views(items), shared


def _indexed_views(items: list[IndexedAction]) -> list[ActionView]:
    found = []
    for item in items:
        repeat = parse_repeat(item.repeat) if item.repeat else None
        action = Action(item.id, item.text, "open", item.due, item.at, None, item.note, repeat)
        entry = Entry(item.entry_id, item.written, item.entry_title, item.workbook)
        section = prompt = None
        if item.section_id is not None and item.prompt_id is not None:
            section = SectionRecord(item.section_id, item.section_title or "")
            prompt = ActionAnswer(item.prompt_id, item.prompt or "", (action,))
        found.append(ActionView(action, entry, section, prompt))
    return found


def open_plans(journal_dir: Path, cache_dir: Path, today: date) -> list[tuple[str, str]]:
    """(id, text) of every open action, overdue first, then soonest (as `reflect actions`
    lists them): what an `options_from = "open-actions"` prompt offers."""
    return [
        (view.action.id, view.action.text)
        for items in grouped(open_views(journal_dir, cache_dir), today).values()
        for view in items
    ]


def group_of(action: Action, today: date) -> str:
    if action.due is None:
        return "no date"
    if action.due < today:
        return "overdue"
    if action.due == today:
        return "today"
    if action.due <= today + timedelta(days=7):
        return "this week"
    return "later"


def grouped(found: Iterable[ActionView], today: date) -> dict[str, list[ActionView]]:
    """Open actions by group, each group soonest first (undated: oldest planned first)."""
    groups: dict[str, list[ActionView]] = {name: [] for name in GROUPS}
    for view in found:
        groups[group_of(view.action, today)].append(view)
    for items in groups.values():
        items.sort(key=lambda v: (v.action.due or date.max, v.action.at or time(), v.entry.written))
    return groups


def add_action(
    store: JournalStore,
    text: str,
    due: date | None,
    at: time | None,
    now: datetime,
    repeat: Repeat | None = None,
) -> tuple[Action, Path]:
    """A new action from the command line: its own small journal entry. A repeating one
    with no due date starts on the repeat's first day from today."""
    if repeat is not None:
        due = due or repeat.first(now.date())
        repeat = repeat.anchored(due)
    action = Action(
        new_action_id(store.action_ids()), text, due=due, at=at if due else None, repeat=repeat
    )
    entry = Entry(new_entry_id(), at_second(now), "Action added", actions=(action,))
    return action, store.add_entry(entry)


def mark(
    store: JournalStore,
    action_id: str,
    status: str,
    today: date,
    note: str | None = None,
    *,
    entry_id: str | None = None,
    follow_up: bool = False,
) -> FoundAction:
    """Mark an action done or dropped (or open again), with an optional follow-up note.
    `entry_id` says which action is meant when two entries share its id. For a
    repeating plan marked done, this is the occurrence closed (`close` gives the next).
    """
    found = close(store, action_id, status, today, note, entry_id=entry_id, follow_up=follow_up)
    return found[0]


def close(
    store: JournalStore,
    action_id: str,
    status: str,
    today: date,
    note: str | None = None,
    *,
    entry_id: str | None = None,
    follow_up: bool = False,
) -> list[FoundAction]:
    """`mark`, giving every action written in its place: the action itself, or, for an
    open repeating plan marked done, the occurrence closed (a new id, kept as history
    with its date and note, no repeat) and then the plan on its next date.

    Closing one that is already closed raises AlreadyClosedError, decided under the
    journal's lock: a second `done` must not move its date, and a `drop` after `done`
    must not turn the note on how it went into the reason it was dropped. Only the
    follow-up note (`follow_up`: the note asked for straight after closing) may be added.

    Raises ValueError for a status that is not one of STATUSES (the callers offer only
    those), before anything is read or written."""
    checked = next((known for known in STATUSES if known == status), None)
    if checked is None:
        raise ValueError(f"not an action status: {status!r}")

    def change(action: Action, new_id: Callable[[str], str]) -> tuple[Action, ...]:
        added_note = follow_up and action.status == status
        if status != "open" and action.status != "open" and not added_note:
            raise AlreadyClosedError(_already(action, status), same=action.status == status)
        closed = dataclasses.replace(
            action,
            status=checked,
            changed_on=None if checked == "open" else today,
            note=note if note is not None else action.note,
        )
        if checked != "done" or action.repeat is None or action.status != "open":
            return (closed,)
        # The occurrence's id comes from the plan and its date: done on two devices
        # before they sync, the two records of it merge into one.
        return (
            dataclasses.replace(closed, id=new_id(f"{action.id}@{action.due}"), repeat=None),
            _next_occurrence(action, today),
        )

    return store.replace_action(action_id, change, entry_id)


def add_note(
    store: JournalStore, closed: FoundAction, status: str, today: date, note: str
) -> FoundAction:
    """The follow-up note asked for straight after closing, kept with what `mark` gave
    back: for a repeating plan, the occurrence kept as history, not its next date."""
    return mark(
        store, closed.action.id, status, today, note, entry_id=closed.entry.id, follow_up=True
    )


def undo_occurrence(store: JournalStore, closed: FoundAction, plan: Action) -> FoundAction:
    """Undo a repeating plan marked done: the occurrence kept as history goes, and the
    plan (as `plan` was before) comes back on its date. Two locked writes; the first
    takes away only the history line and its note."""
    store.replace_action(closed.action.id, lambda _, __: (), closed.entry.id)
    return move(store, plan.id, plan.due, plan.at, entry_id=closed.entry.id)


def _next_occurrence(action: Action, today: date) -> Action:
    """A repeating plan's next open occurrence, after its due date and after today."""
    assert action.repeat is not None and action.due is not None  # Action checks both
    due = action.repeat.next_after(action.due, today)
    return dataclasses.replace(action, due=due, note=None)


def skip(
    store: JournalStore, action_id: str, today: date, *, entry_id: str | None = None
) -> FoundAction:
    """Move a repeating plan to its next occurrence without doing this one: nothing is
    kept of the one skipped (RepeatError for an action that does not repeat)."""

    def change(action: Action) -> Action:
        _require_open_repeat(action, "skip")
        return _next_occurrence(action, today)

    return store.update_action(action_id, change, entry_id)


def _already(action: Action, asked: str) -> str:
    when = f" on {action.changed_on.isoformat()}" if action.changed_on else ""
    if action.status == asked:
        return f"{action.id} ({action.text}) is already {asked}{when}. Nothing changed."
    verb = "done" if asked == "done" else "dropped"
    return (
        f"{action.id} ({action.text}) was {action.status}{when}, so it can't be marked "
        f"{verb} as well. Nothing changed."
    )


def stop(store: JournalStore, action_id: str, *, entry_id: str | None = None) -> FoundAction:
    """End a plan's repeat: the action stays open, on its date, as a one-off."""

    def change(action: Action) -> Action:
        _require_open_repeat(action, "stop")
        return dataclasses.replace(action, repeat=None)

    return store.update_action(action_id, change, entry_id)


def _require_open_repeat(action: Action, verb: str) -> None:
    if action.status != "open":
        raise RepeatError(NOT_OPEN_TO.format(id=action.id, verb=verb, status=action.status))
    if action.repeat is None:
        raise RepeatError(NOT_REPEATING.format(id=action.id, verb=verb))


def move(
    store: JournalStore,
    action_id: str,
    due: date | None,
    at: time | None,
    *,
    entry_id: str | None = None,
) -> FoundAction:
    """Give an action a new due date (or none)."""
    return store.update_action(
        action_id,
        lambda action: dataclasses.replace(action, due=due, at=at if due else None),
        entry_id,
    )


def shared_ids(found: Iterable[ActionView]) -> set[str]:
    """Action ids that more than one entry uses: each needs its entry named to be changed."""
    seen: dict[str, str] = {}
    shared: set[str] = set()
    for view in found:
        first = seen.setdefault(view.action.id, view.entry.id)
        if first != view.entry.id:
            shared.add(view.action.id)
    return shared
