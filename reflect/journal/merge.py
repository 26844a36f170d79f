"""Merge two versions of a month file by entry id, so that nothing either device wrote is lost.

Two devices that sync a journal (git, Syncthing, a cloud folder) now and then
both change the same month file: each adds entries, one marks an action done
while the other moves its date. A line-by-line merge sees two edits of the same
lines and gives up (git's conflict markers, Syncthing's conflict copies); this
merge reads both versions and joins them entry by entry:

- an entry on only one side is kept (a deletion is never guessed at: see below);
- the same entry changed on both sides is merged field by field. An action's
  status goes to the later change, its due date to the later date, and both
  follow-up notes are kept. Words that cannot be joined (an answer, a title,
  an entry's text, changed differently on both sides) are all kept: one version
  in place, the other in a `conflict:` part of the entry (`Conflict`), which
  the person reads and settles by deleting what they do not want;
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

from collections.abc import Callable, Hashable, Sequence
from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import Any, TypeVar

from reflect.errors import JournalError
from reflect.journal.format import parse, render_answer, render_file
from reflect.journal.model import (
    ID_ALPHABET,
    Action,
    ActionAnswer,
    Answer,
    ChecklistAnswer,
    Conflict,
    Entry,
    SectionRecord,
    TextAnswer,
)

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


class _Unknown:
    """No common ancestor: every difference counts as changed on both sides."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()

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

    title = _pick(
        field("title"),
        ours.title,
        theirs.title,
        _words("The title was changed on two devices; the other title was:", found),
    )
    workbook = _pick(
        UNKNOWN if base is UNKNOWN else (base.workbook, base.version),
        (ours.workbook, ours.version),
        (theirs.workbook, theirs.version),
        _smaller,
    )
    body = _pick(
        field("body"),
        ours.body,
        theirs.body,
        _words("The text of this entry was changed on two devices; the other version was:", found),
    )
    actions = _merge_actions(field("actions"), ours.actions, theirs.actions, found)
    sections = _merge_keyed(
        field("sections"),
        ours.sections,
        theirs.sections,
        lambda section: section.id,
        lambda b, o, t: _merge_section(b, o, t, found),
    )
    conflicts = _merge_set(field("conflicts"), ours.conflicts, theirs.conflicts)
    conflicts += tuple(c for c in dict.fromkeys(found) if c not in conflicts)
    return Entry(
        id=ours.id,
        written=_pick(field("written"), ours.written, theirs.written, min),
        title=title,
        workbook=workbook[0],
        version=workbook[1],
        starred=_pick(field("starred"), ours.starred, theirs.starred, lambda a, b: a or b),
        body=body,
        actions=actions,
        sections=sections,
        conflicts=conflicts,
    )


def _merge_section(
    base: SectionRecord | Any, ours: SectionRecord, theirs: SectionRecord, found: list[Conflict]
) -> SectionRecord:
    if ours == theirs:
        return ours
    answers = _merge_keyed(
        UNKNOWN if base is UNKNOWN else base.answers,
        ours.answers,
        theirs.answers,
        lambda answer: answer.prompt_id,
        lambda b, o, t: _merge_answer(b, o, t, found),
    )
    title = _pick(UNKNOWN if base is UNKNOWN else base.title, ours.title, theirs.title, min)
    return SectionRecord(ours.id, title, answers)


def _merge_answer(base: Any, ours: Answer, theirs: Answer, found: list[Conflict]) -> Answer:
    if ours == theirs:
        return ours
    if type(ours) is type(theirs) and ours.prompt == theirs.prompt:
        prompt = f"“{ours.prompt}” [{ours.prompt_id}]"
        same_kind = base is not UNKNOWN and type(base) is type(ours)
        if isinstance(ours, TextAnswer) and isinstance(theirs, TextAnswer):
            text = _pick(
                base.text if same_kind else UNKNOWN,
                ours.text,
                theirs.text,
                _words(
                    f"{prompt} was answered differently on two devices; the other answer was:",
                    found,
                ),
            )
            return replace(ours, text=text)
        if isinstance(ours, ChecklistAnswer) and isinstance(theirs, ChecklistAnswer):
            ticked = _merge_set(base.ticked if same_kind else UNKNOWN, ours.ticked, theirs.ticked)
            return replace(ours, ticked=ticked) if ticked else ours
        if isinstance(ours, ActionAnswer) and isinstance(theirs, ActionAnswer):
            actions = _merge_actions(
                base.actions if same_kind else UNKNOWN, ours.actions, theirs.actions, found
            )
            return replace(ours, actions=actions)
    if base is not UNKNOWN and base == ours:
        return theirs
    if base is not UNKNOWN and base == theirs:
        return ours
    # Different kinds, different prompts, or a scale, choice or list changed on both sides.
    first, second = sorted((ours, theirs), key=_answer_text)
    note = (
        f"“{second.prompt}” [{second.prompt_id}] was answered differently on two devices; "
        "the other answer was:"
    )
    found.append(Conflict(note, _answer_text(second)))
    return first


def _answer_text(answer: Answer) -> str:
    if isinstance(answer, TextAnswer):
        return answer.text
    return "\n".join(render_answer(answer))


# --------------------------------------------------------------------------- actions


def _merge_actions(
    base: tuple[Action, ...] | Any,
    ours: tuple[Action, ...],
    theirs: tuple[Action, ...],
    found: list[Conflict],
) -> tuple[Action, ...]:
    return _merge_keyed(
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

    status, changed_on = _pick(
        field("status", "changed_on"),
        (ours.status, ours.changed_on),
        (theirs.status, theirs.changed_on),
        lambda a, b: max(a, b, key=_status_order),
    )
    due, at = _pick(
        field("due", "at"),
        (ours.due, ours.at),
        (theirs.due, theirs.at),
        lambda a, b: max(a, b, key=_due_order),
    )
    text = _pick(
        UNKNOWN if base is UNKNOWN else base.text,
        ours.text,
        theirs.text,
        _words(
            f"The wording of action {ours.id} was changed on two devices; the other was:", found
        ),
    )
    note = _pick(UNKNOWN if base is UNKNOWN else base.note, ours.note, theirs.note, _both_notes)
    return Action(ours.id, text, status, due, at, changed_on, note)


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
    """Give a fresh id to an action whose id another entry of the month already uses.

    Each device checks a new action id against its own journal only, so two devices
    can, rarely, pick the same id in the same month; one file must not hold it twice
    (it would not parse). The earlier entry keeps it; the later one's action gets an
    id derived from its entry and old id, so both devices rename it the same way.
    """
    seen: set[str] = set()
    clashes: dict[str, set[str]] = {}
    for entry in entries:
        ids = [action.id for action, _, _ in entry.all_actions()]
        for action_id in ids:
            if action_id in seen:
                clashes.setdefault(entry.id, set()).add(action_id)
        seen.update(ids)
    if not clashes:
        return entries
    result = []
    for entry in entries:
        if entry.id not in clashes:
            result.append(entry)
            continue
        renames = {old: _fresh_id(entry.id, old, seen) for old in sorted(clashes[entry.id])}
        seen.update(renames.values())
        result.append(_renamed(entry, renames))
    return result


def _fresh_id(entry_id: str, old: str, taken: set[str]) -> str:
    import hashlib  # only for this rare repair

    for salt in range(1000):
        digest = hashlib.blake2s(f"{entry_id}/{old}/{salt}".encode()).digest()
        candidate = "".join(ID_ALPHABET[byte % len(ID_ALPHABET)] for byte in digest[:5])
        if candidate not in taken:
            return candidate
    raise RuntimeError("no free action id")  # pragma: no cover


def _renamed(entry: Entry, renames: dict[str, str]) -> Entry:
    def fix(actions: tuple[Action, ...]) -> tuple[Action, ...]:
        return tuple(replace(a, id=renames.get(a.id, a.id)) for a in actions)

    sections = tuple(
        replace(
            section,
            answers=tuple(
                replace(answer, actions=fix(answer.actions))
                if isinstance(answer, ActionAnswer)
                else answer
                for answer in section.answers
            ),
        )
        for section in entry.sections
    )
    return replace(entry, actions=fix(entry.actions), sections=sections)


# --------------------------------------------------------------------------- the rules


def _pick(base: Any, ours: T, theirs: T, both: Callable[[T, T], T]) -> T:
    """The three-way rule: a value changed on one side only takes that side's change;
    `both` decides when both changed (always, without an ancestor)."""
    if ours == theirs:
        return ours
    if base is not UNKNOWN:
        if base == ours:
            return theirs
        if base == theirs:
            return ours
    return both(ours, theirs)


def _smaller(ours: T, theirs: T) -> T:
    return min(ours, theirs, key=repr)


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


def _order(ours: Sequence[K], theirs: Sequence[K]) -> list[K]:
    """Both sides' keys once each: the smaller side's order, then what only the other has."""
    first, second = (ours, theirs) if list(ours) <= list(theirs) else (theirs, ours)
    return list(dict.fromkeys([*first, *second]))


def _merge_set(base: Sequence[T] | Any, ours: Sequence[T], theirs: Sequence[T]) -> tuple[T, ...]:
    """Items as a set: kept if on both sides, or added on one; with an ancestor, an
    item removed on one side (a ticked box unticked, a conflict settled) stays removed."""
    keyed = {_key(item): item for item in [*ours, *theirs]}
    mine, other = [_key(i) for i in ours], [_key(i) for i in theirs]
    kept = _order(mine, other)
    if base is not UNKNOWN:
        before = {_key(i) for i in base}
        kept = [k for k in kept if (k in mine and k in other) or k not in before]
    return tuple(keyed[k] for k in kept)


def _key(item: Any) -> Any:
    return (item.note, item.text) if isinstance(item, Conflict) else item


def _merge_keyed(
    base: Sequence[T] | Any,
    ours: Sequence[T],
    theirs: Sequence[T],
    key: Callable[[T], str],
    merge: Callable[[Any, T, T], T],
) -> tuple[T, ...]:
    """Items matched by id (the n-th use of an id with the n-th): both sides' items once,
    those on both merged; an item on one side only is kept."""

    def keyed(items: Sequence[T]) -> dict[tuple[str, int], T]:
        counts: dict[str, int] = {}
        out = {}
        for item in items:
            name = key(item)
            out[(name, counts.get(name, 0))] = item
            counts[name] = counts.get(name, 0) + 1
        return out

    mine, other = keyed(ours), keyed(theirs)
    before = keyed(base) if base is not UNKNOWN else {}
    result = []
    for k in _order(list(mine), list(other)):
        if k not in other:
            result.append(mine[k])
        elif k not in mine:
            result.append(other[k])
        else:
            result.append(merge(before.get(k, UNKNOWN), mine[k], other[k]))
    return tuple(result)


def conflict_count(entries: Sequence[Entry]) -> int:
    """How many `conflict:` parts the entries hold, for a report after a merge."""
    return sum(len(entry.conflicts) for entry in entries)


__all__ = ["UNKNOWN", "JournalError", "merge_action", "merge_entries", "merge_month_texts"]
