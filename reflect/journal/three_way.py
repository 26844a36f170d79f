"""The three-way rules a merge of two versions is made of, whatever the versions hold.

`base` is the common ancestor's value, or UNKNOWN when there is none: then every
difference counts as changed on both sides. Every rule gives the same result
whichever side is "ours" (where one side's order must come first, the smaller by a
fixed order of the values does), which is what makes the journal's merge
(reflect.journal.merge) commutative.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


class _Unknown:
    """No common ancestor: every difference counts as changed on both sides."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()


def pick(base: Any, ours: T, theirs: T, both: Callable[[T, T], T]) -> T:
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


def smaller(ours: T, theirs: T) -> T:
    return min(ours, theirs, key=repr)


def _order(ours: Sequence[K], theirs: Sequence[K]) -> list[K]:
    """Both sides' keys once each: the smaller side's order (by a fixed order of any keys,
    so which side is "ours" never matters), then what only the other has."""
    mine, other = [repr(k) for k in ours], [repr(k) for k in theirs]
    first, second = (ours, theirs) if mine <= other else (theirs, ours)
    return list(dict.fromkeys([*first, *second]))


def merge_set(base: Sequence[T] | Any, ours: Sequence[T], theirs: Sequence[T]) -> tuple[T, ...]:
    """Items as a set, each repeat of an item its own (a list may say "walk" twice): kept
    if on both sides, or added on one; with an ancestor, an item removed on one side (a
    ticked box unticked, a conflict settled) stays removed."""
    mine, other = _counted(ours), _counted(theirs)
    kept = _order(list(mine), list(other))
    if base is not UNKNOWN:
        before = _counted(base)
        kept = [k for k in kept if (k in mine and k in other) or k not in before]
    return tuple(mine[k] if k in mine else other[k] for k in kept)


def _counted(items: Sequence[T]) -> dict[tuple[T, int], T]:
    """Each item keyed by itself and how many times it came before."""
    counts: dict[T, int] = {}
    keyed: dict[tuple[T, int], T] = {}
    for item in items:
        seen = counts.get(item, 0)
        keyed[(item, seen)] = item
        counts[item] = seen + 1
    return keyed


def merge_keyed(
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


__all__ = ["UNKNOWN", "merge_keyed", "merge_set", "pick", "smaller"]
