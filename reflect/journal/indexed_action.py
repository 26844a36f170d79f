"""One open action as the action index (`reflect.journal.index`) keeps it: its words,
its day and time, and where it was planned, flattened into a record of `FIELDS`.

A plain class, not a dataclass, in a module that imports only `datetime`: it is
built for every open action on `reflect remind`'s start-up, where importing
dataclasses would cost more than reading the index does.
"""

from __future__ import annotations

from datetime import date, datetime, time

_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FIELDS = (
    "id",
    "text",
    "due",
    "at",
    "note",
    "entry_id",
    "written",
    "entry_title",
    "workbook",
    "section_id",
    "section_title",
    "prompt_id",
    "prompt",
    "month_file",
    "repeat",
)


class IndexedAction:
    """An open action and where it was planned, as the index remembers it.

    A plain class, not a dataclass: importing dataclasses would cost `reflect
    remind` more than reading the index does.
    """

    __slots__ = FIELDS

    def __init__(
        self,
        id: str,  # the action's id, as everywhere else in reflect
        text: str,
        due: date | None,
        at: time | None,
        note: str | None,
        entry_id: str,
        written: datetime,
        entry_title: str,
        workbook: str | None,
        section_id: str | None,
        section_title: str | None,
        prompt_id: str | None,
        prompt: str | None,
        month_file: str,
        repeat: str | None = None,  # the repeat's words, 'every monday' (reflect.repeats)
    ) -> None:
        self.id = id
        self.text = text
        self.due = due
        self.at = at
        self.note = note
        self.entry_id = entry_id
        self.written = written
        self.entry_title = entry_title
        self.workbook = workbook
        self.section_id = section_id
        self.section_title = section_title
        self.prompt_id = prompt_id
        self.prompt = prompt
        self.month_file = month_file
        self.repeat = repeat

    @property
    def origin(self) -> str | None:
        """'Wellbeing check-in › Next steps › What will you do?', as `ActionView.origin`."""
        if self.section_title is None or self.prompt is None:
            return None
        return " › ".join([self.entry_title or "Journal", self.section_title, self.prompt])

    @property
    def repeat_label(self) -> str | None:
        """'every Monday' for 'every monday', as `Repeat.label` words it (reflect.repeats
        costs remind its imports; the canonical words need only the day capitalised)."""
        if self.repeat is None:
            return None
        name = self.repeat.removeprefix("every ")
        return f"every {name.capitalize()}" if name in _DAY_NAMES else self.repeat

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in FIELDS)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IndexedAction) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return f"IndexedAction(id={self.id!r}, text={self.text!r}, due={self.due!r})"
