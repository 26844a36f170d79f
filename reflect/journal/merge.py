"""Merge two versions of a month file by entry id, so that nothing either device wrote is lost.

Two devices that sync a journal (git, Syncthing, a cloud folder) now and then
both change the same month file: each adds entries, one marks an action done
while the other moves its date. A line-by-line merge sees two edits of the same
lines and gives up (git's conflict markers, Syncthing's conflict copies); this
merge reads both versions and joins them entry by entry:

- an entry on only one side is kept (a deletion is never guessed at: see below);
- the same entry changed on both sides is merged field by field. An action's
  status goes to the later change, its due date to the later date, and both
  follow-up notes are kept. An answer is joined by its kind (`Kind.merge` in
  reflect.kinds: words, ticked boxes, list items, planned actions). Words that
  cannot be joined (an answer, a title, an entry's text, changed differently on
  both sides) and picks that cannot (a scale's number, a choice, a date) are all
  kept: one version in place, the other in a `conflict:` part of the entry
  (`Conflict`), which the person reads and settles by deleting what they do not
  want; the prompts left for another day are those left on either side that the
  merged entry does not answer;
- the result is ordered by time and rendered in the journal format.

With the common ancestor (`base`, git's `%O`), a field changed on one side only
simply takes that side's value, so only real two-sided changes become conflicts,
and a conflict the person settled on one device stays settled. Without it every
difference is two-sided, and the merge joins rather than choosing: an entry,
action or answer on only one side is always kept, which is why deleting one on a
device while the other changed the same month brings it back.

The merge is commutative (which side is "ours" never matters: when one version
must be placed first, the smaller one by a fixed order is), and idempotent
(merging a result again with either side changes nothing): tests/unit/test_merge.py
proves both, and that every entry and every word of both sides is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import Any, cast

from reflect.journal.model import (
    Action,
    Answer,
    Conflict,
    Entry,
    LeftPrompt,
    SectionRecord,
    derived_action_id,
)
from reflect.journal.parse import parse
from reflect.journal.render import render_file
from reflect.journal.three_way import UNKNOWN, merge_keyed, merge_set, pick, smaller
from reflect.kinds import kind_of

_STATUS_RANK = {"open": 0, "dropped": 1, "done": 2}


# --------------------------------------------------------------------------- month files


def merge_month_texts(
    ours: str, theirs: str, base: str | None = None, *, path: Path | None = None
) -> str:
    """The merged month file. Raises JournalError (naming `path` and the line) when a
    version does not parse: then nothing can be merged safely, and nothing should be.

    When the merge equals one side exactly, that side's own bytes are returned, so a
    hand-edited file whose only news came from it is left as the person wrote it.
    """
    mine, other = parse(ours, path), parse(theirs, path)
    ancestor = parse(base, path).entries if base is not None else None
    merged = merge_entries(mine.entries, other.entries, ancestor)
    if merged == _in_order(mine.entries):
        return ours if ours.strip() else render_file(merged)
    if merged == _in_order(other.entries):
        return theirs
    text = render_file(merged)
    parse(text, path)  # never hand back a file that does not read (proven, but cheap to check)
    return text


def _in_order(entries: Sequence[Entry]) -> list[Entry]:
    return sorted(entries, key=_time_order)


def _time_order(entry: Entry) -> tuple[Any, ...]:
    return (entry.written, entry.id)


def merge_entries(
    ours: Sequence[Entry], theirs: Sequence[Entry], base: Sequence[Entry] | None = None
) -> list[Entry]:
    """Every entry of both sides once, merged by id, ordered by time (then id)."""
    ancestors = {entry.id: entry for entry in base} if base is not None else None
    mine = {entry.id: entry for entry in ours}
    other = {entry.id: entry for entry in theirs}
    result: list[Entry] = []
    for entry_id in mine.keys() | other.keys():
        if entry_id not in other:
            result.append(mine[entry_id])
        elif entry_id not in mine:
            result.append(other[entry_id])
        else:
            known = UNKNOWN if ancestors is None else ancestors.get(entry_id, UNKNOWN)
            result.append(merge_entry(known, mine[entry_id], other[entry_id]))
    result.sort(key=_time_order)
    return _unique_action_ids(result)


# --------------------------------------------------------------------------- one entry


def merge_entry(base: Entry | Any, ours: Entry, theirs: Entry) -> Entry:
    """One entry changed on two devices (`base` is UNKNOWN without an ancestor)."""
    if ours == theirs:
        return ours
    found: list[Conflict] = []

    def field(name: str) -> Any:
        return UNKNOWN if base is UNKNOWN else getattr(base, name)

    title = pick(
        field("title"),
        ours.title,
        theirs.title,
        _words("The title was changed on two devices; the other title was:", found),
    )
    workbook = pick(
        UNKNOWN if base is UNKNOWN else (base.workbook, base.version),
        (ours.workbook, ours.version),
        (theirs.workbook, theirs.version),
        smaller,
    )
    body = pick(
        field("body"),
        ours.body,
        theirs.body,
        _words("The text of this entry was changed on two devices; the other version was:", found),
    )
    actions = _merge_actions(field("actions"), ours.actions, theirs.actions, found)
    sections = merge_keyed(
        field("sections"),
        ours.sections,
        theirs.sections,
        lambda section: section.id,
        lambda b, o, t: _merge_section(b, o, t, found),
    )
    conflicts = merge_set(field("conflicts"), ours.conflicts, theirs.conflicts)
    conflicts += tuple(c for c in dict.fromkeys(found) if c not in conflicts)
    return Entry(
        id=ours.id,
        written=pick(field("written"), ours.written, theirs.written, min),
        title=title,
        workbook=workbook[0],
        version=workbook[1],
        starred=pick(field("starred"), ours.starred, theirs.starred, lambda a, b: a or b),
        body=body,
        actions=actions,
        sections=sections,
        left=_merge_left(field("left"), ours.left, theirs.left, workbook[0], sections),
        conflicts=conflicts,
    )


def _merge_left(
    base: tuple[LeftPrompt, ...] | Any,
    ours: tuple[LeftPrompt, ...],
    theirs: tuple[LeftPrompt, ...],
    workbook: str | None,
    sections: tuple[SectionRecord, ...],
) -> tuple[LeftPrompt, ...]:
    """The prompts still left for another day: left on either side (with an ancestor,
    one taken up on a device stays taken up), less those the merged entry answers."""
    if workbook is None:
        return ()
    answered = {answer.prompt_id for section in sections for answer in section.answers}
    left = merge_set(base, ours, theirs)
    unique = {item.prompt_id: item for item in reversed(left)}  # a reworded prompt: once
    return tuple(
        item for item in left if unique[item.prompt_id] is item and item.prompt_id not in answered
    )


def _merge_section(
    base: SectionRecord | Any, ours: SectionRecord, theirs: SectionRecord, found: list[Conflict]
) -> SectionRecord:
    if ours == theirs:
        return ours
    answers = merge_keyed(
        UNKNOWN if base is UNKNOWN else base.answers,
        ours.answers,
        theirs.answers,
        lambda answer: answer.prompt_id,
        lambda b, o, t: _merge_answer(b, o, t, found),
    )
    title = pick(UNKNOWN if base is UNKNOWN else base.title, ours.title, theirs.title, min)
    return SectionRecord(ours.id, title, answers)


def _merge_answer(base: Any, ours: Answer, theirs: Answer, found: list[Conflict]) -> Answer:
    if ours == theirs:
        return ours
    if base is not UNKNOWN and base == ours:
        return theirs
    if base is not UNKNOWN and base == theirs:
        return ours
    if type(ours) is type(theirs) and ours.prompt == theirs.prompt:
        # The kind joins what it can (words, ticks, items, actions: reflect.kinds).
        known = base if base is not UNKNOWN and type(base) is type(ours) else None
        merged = kind_of(ours).merge(known, ours, theirs, _Join(_answered(ours), found))
        if merged is not None:
            return cast(Answer, merged)
    # Different kinds or prompts, or a scale or choice changed on both sides.
    first, second = sorted((ours, theirs), key=_answer_order)
    found.append(Conflict(_answered(second), _answer_text(second)))
    return first


def _answered(answer: Answer) -> str:
    return (
        f"“{answer.prompt}” [{answer.prompt_id}] was answered differently on two devices; "
        "the other answer was:"
    )


def _answer_text(answer: Answer) -> str:
    """An answer's words as a conflict keeps them: prose as written, any other kind in
    its journal form (`scale: 7 (0 to 10)`)."""
    return answer.written_text() or "\n".join(kind_of(answer).journal_lines(answer))


def _answer_order(answer: Answer) -> tuple[str, str, str]:
    return (_answer_text(answer), answer.kind, repr(answer))


class _Join:
    """`reflect.kinds.base.Join`: the rules below, for a kind joining one answer."""

    def __init__(self, note: str, found: list[Conflict]) -> None:
        self.note, self.found = note, found

    def words(self, base: str | None, ours: str, theirs: str) -> str:
        known = UNKNOWN if base is None else base
        return pick(known, ours, theirs, _words(self.note, self.found))

    def items(
        self, base: tuple[str, ...] | None, ours: tuple[str, ...], theirs: tuple[str, ...]
    ) -> tuple[str, ...]:
        return merge_set(UNKNOWN if base is None else base, ours, theirs)

    def actions(
        self,
        base: tuple[Action, ...] | None,
        ours: tuple[Action, ...],
        theirs: tuple[Action, ...],
    ) -> tuple[Action, ...]:
        return _merge_actions(UNKNOWN if base is None else base, ours, theirs, self.found)


# --------------------------------------------------------------------------- actions


def _merge_actions(
    base: tuple[Action, ...] | Any,
    ours: tuple[Action, ...],
    theirs: tuple[Action, ...],
    found: list[Conflict],
) -> tuple[Action, ...]:
    return merge_keyed(
        base, ours, theirs, lambda action: action.id, lambda b, o, t: merge_action(b, o, t, found)
    )


def merge_action(
    base: Action | Any, ours: Action, theirs: Action, found: list[Conflict] | None = None
) -> Action:
    """The same action changed on two devices, field by field.

    Its status (with the day it changed) goes to the later change; its due date, when
    moved on both, to the later date (a move is nearly always a postponement); both
    follow-up notes are kept; wording changed on both sides keeps both.
    """
    if ours == theirs:
        return ours
    found = [] if found is None else found

    def field(*names: str) -> Any:
        return UNKNOWN if base is UNKNOWN else tuple(getattr(base, name) for name in names)

    status, changed_on = pick(
        field("status", "changed_on"),
        (ours.status, ours.changed_on),
        (theirs.status, theirs.changed_on),
        lambda a, b: max(a, b, key=_status_order),
    )
    due, at = pick(
        field("due", "at"),
        (ours.due, ours.at),
        (theirs.due, theirs.at),
        lambda a, b: max(a, b, key=_due_order),
    )
    text = pick(
        UNKNOWN if base is UNKNOWN else base.text,
        ours.text,
        theirs.text,
        _words(
            f"The wording of action {ours.id} was changed on two devices; the other was:", found
        ),
    )
    note = pick(UNKNOWN if base is UNKNOWN else base.note, ours.note, theirs.note, _both_notes)
    repeat = pick(UNKNOWN if base is UNKNOWN else base.repeat, ours.repeat, theirs.repeat, smaller)
    # A plan that repeats needs a date: the date taken away on one device ends the repeat.
    return Action(ours.id, text, status, due, at, changed_on, note, repeat if due else None)


def _status_order(value: tuple[str, date | None]) -> tuple[Any, ...]:
    status, changed_on = value
    return (changed_on is not None, changed_on or date.min, _STATUS_RANK[status])


def _due_order(value: tuple[date | None, time | None]) -> tuple[Any, ...]:
    due, at = value
    return (due is not None, due or date.min, at is not None, at or time.min)


def _both_notes(ours: str | None, theirs: str | None) -> str | None:
    """Both follow-up notes: one that holds the other already stands for both."""
    if ours is None or theirs is None:
        return theirs if ours is None else ours
    if ours in theirs or theirs in ours:
        return max(ours, theirs, key=lambda note: (len(note), note))
    return "\n\n".join(sorted((ours, theirs)))


def _unique_action_ids(entries: list[Entry]) -> list[Entry]:
    """Give a fresh id to an action whose id the month already uses further up.

    Each device checks a new action id against its own journal only, so two devices
    can, rarely, pick the same id in the same month, in two entries or in two places
    of one entry; one file must not hold it twice (it would not parse). The first in
    file order keeps it; a later one gets an id derived from its entry and old id, so
    both devices rename it the same way. Merged again with the side that still has the
    old id, the action meets its renamed self in the same answer: the two are merged
    into one (like any action changed on two devices), so merging stays idempotent.
    """
    ids = [action.id for entry in entries for action, _, _ in entry.all_actions()]
    if len(set(ids)) == len(ids):
        return entries
    taken, seen = set(ids), set[str]()

    def fix(
        entry_id: str, actions: tuple[Action, ...], found: list[Conflict]
    ) -> tuple[Action, ...]:
        here = {action.id for action in actions}
        kept: dict[str, Action] = {}
        for action in actions:
            if action.id in seen:
                action = replace(
                    action, id=derived_action_id(f"{entry_id}/{action.id}", taken - here)
                )
                taken.add(action.id)
            earlier = kept.get(action.id)
            kept[action.id] = (
                action if earlier is None else merge_action(UNKNOWN, earlier, action, found)
            )
        seen.update(kept)
        return tuple(kept.values())

    return [_renamed(entry, fix) for entry in entries]


def _renamed(
    entry: Entry, fix: Callable[[str, tuple[Action, ...], list[Conflict]], tuple[Action, ...]]
) -> Entry:
    """The entry with `fix` applied to its actions in file order (`Entry.all_actions`)."""
    found: list[Conflict] = []
    actions = fix(entry.id, entry.actions, found)
    sections = tuple(
        replace(
            section,
            answers=tuple(
                answer.with_held_actions(fix(entry.id, answer.held_actions(), found))
                for answer in section.answers
            ),
        )
        for section in entry.sections
    )
    conflicts = entry.conflicts + tuple(c for c in dict.fromkeys(found) if c not in entry.conflicts)
    return replace(entry, actions=actions, sections=sections, conflicts=conflicts)


# --------------------------------------------------------------------------- the rules


def _words(note: str, found: list[Conflict]) -> Callable[[Any, Any], Any]:
    """For words changed on both sides: keep the one that holds the other (an answer added
    to on one device), or else one in place and the other as a conflict."""

    def both(ours: str | None, theirs: str | None) -> str | None:
        if ours is None or theirs is None:
            return theirs if ours is None else ours
        if ours in theirs or theirs in ours:
            return max(ours, theirs, key=lambda text: (len(text), text))
        first, second = sorted((ours, theirs))
        found.append(Conflict(note, second))
        return first

    return both


__all__ = ["UNKNOWN", "merge_action", "merge_entries", "merge_month_texts"]
