"""What a journal holds: entries, the answers in them, and actions.

Plain frozen dataclasses (no pydantic): the journal is read on every
`reflect actions`, so this module must import in a blink. Single-line fields
(titles, prompt texts, action text, options and list items) may hold any
character but a newline; everything longer lives in text blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal

Status = Literal["open", "done", "dropped"]
STATUSES: tuple[Status, ...] = ("open", "done", "dropped")

# No 0/o, 1/l/i: ids are read aloud and typed by people.
ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
ENTRY_ID_LENGTH = 8
ACTION_ID_LENGTH = 4


def new_id(length: int) -> str:
    # Imported here: `secrets` brings hashlib and hmac (~5 ms), and only writing
    # needs new ids, while every command that reads the journal imports this module.
    import secrets

    return "".join(secrets.choice(ID_ALPHABET) for _ in range(length))


def new_entry_id() -> str:
    return new_id(ENTRY_ID_LENGTH)


def new_action_id(taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A short action id not in `taken`; grows by a character if the space is crowded."""
    length = ACTION_ID_LENGTH
    for attempt in range(100):
        candidate = new_id(length + attempt // 20)
        if candidate not in taken:
            return candidate
    raise RuntimeError("could not find a free action id")  # pragma: no cover


@dataclass(frozen=True)
class Action:
    """A commitment: what, optionally by when, and whether it happened."""

    id: str
    text: str
    status: Status = "open"
    due: date | None = None
    at: time | None = None
    changed_on: date | None = None
    note: str | None = None  # the follow-up reflection ("How did it go?")

    def __post_init__(self) -> None:
        _one_line(self.text, "action text")
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        if self.status == "open" and self.changed_on is not None:
            raise ValueError("an open action has no changed_on date")
        if self.at is not None and self.due is None:
            raise ValueError("an action time needs a due date")
        # The journal writes HH:MM; anything finer would be lost on the way back.
        if self.at is not None and self.at != self.at.replace(second=0, microsecond=0):
            raise ValueError("action times are to the minute")
        if self.at is not None and self.at.tzinfo is not None:
            raise ValueError("action times are local")


@dataclass(frozen=True)
class TextAnswer:
    prompt_id: str
    prompt: str
    text: str
    kind: Literal["text"] = "text"


@dataclass(frozen=True)
class ScaleAnswer:
    prompt_id: str
    prompt: str
    value: int
    low: int
    high: int
    kind: Literal["scale"] = "scale"


@dataclass(frozen=True)
class ChoiceAnswer:
    prompt_id: str
    prompt: str
    chosen: str
    kind: Literal["choice"] = "choice"

    def __post_init__(self) -> None:
        _one_line(self.chosen, "a choice")


@dataclass(frozen=True)
class ChecklistAnswer:
    prompt_id: str
    prompt: str
    ticked: tuple[str, ...]
    kind: Literal["checklist"] = "checklist"

    def __post_init__(self) -> None:
        _items(self.ticked, "a ticked option")


@dataclass(frozen=True)
class ListAnswer:
    prompt_id: str
    prompt: str
    items: tuple[str, ...]
    kind: Literal["list"] = "list"

    def __post_init__(self) -> None:
        _items(self.items, "a list item")


@dataclass(frozen=True)
class ActionAnswer:
    prompt_id: str
    prompt: str
    actions: tuple[Action, ...]
    kind: Literal["action"] = "action"

    def __post_init__(self) -> None:
        if not self.actions:
            raise ValueError("an action answer needs at least one action")


Answer = TextAnswer | ScaleAnswer | ChoiceAnswer | ChecklistAnswer | ListAnswer | ActionAnswer


@dataclass(frozen=True)
class SectionRecord:
    """The answers given in one section of a workbook."""

    id: str
    title: str
    answers: tuple[Answer, ...] = ()

    def __post_init__(self) -> None:
        _one_line(self.title, "a section title")
        for answer in self.answers:
            _one_line(answer.prompt, "a prompt")


@dataclass(frozen=True)
class Conflict:
    """Words a merge could not place, kept in the entry so the person sees and settles them.

    When the same answer (or title, text, action) was changed differently on two
    devices, a merge keeps one version in place and the other here: `note` (one line)
    says what it is, `text` holds the other version word for word. Deleting the
    conflict from the file is how a person says "settled".
    """

    note: str
    text: str

    def __post_init__(self) -> None:
        _one_line(self.note, "a conflict note")


@dataclass(frozen=True)
class Entry:
    """One journal entry: a finished workbook session, a free-form note, or added actions."""

    id: str
    written: datetime
    title: str = ""
    workbook: str | None = None
    version: str | None = None
    starred: bool = False
    body: str | None = None
    actions: tuple[Action, ...] = ()
    sections: tuple[SectionRecord, ...] = field(default=())
    conflicts: tuple[Conflict, ...] = ()

    def __post_init__(self) -> None:
        _one_line(self.title, "an entry title")
        if self.written.tzinfo is not None or self.written.microsecond:
            raise ValueError("entry times are local, to the second")
        if self.version is not None and self.workbook is None:
            raise ValueError("a version needs a workbook")

    def all_actions(self) -> list[tuple[Action, SectionRecord | None, ActionAnswer | None]]:
        """Every action in the entry, with the section and prompt it was planned in."""
        found: list[tuple[Action, SectionRecord | None, ActionAnswer | None]] = [
            (action, None, None) for action in self.actions
        ]
        for section in self.sections:
            for answer in section.answers:
                if isinstance(answer, ActionAnswer):
                    found += [(action, section, answer) for action in answer.actions]
        return found

    def first_line(self) -> str:
        """A one-line summary for listings."""
        if self.body:
            for line in self.body.split("\n"):
                if line.strip():
                    return line.strip()
        for section in self.sections:
            for answer in section.answers:
                if isinstance(answer, TextAnswer) and answer.text.strip():
                    return answer.text.strip().split("\n")[0]
        if self.actions:
            return self.actions[0].text
        return ""


def _one_line(value: str, what: str) -> None:
    if "\n" in value:
        raise ValueError(f"{what} must be one line")


def _items(values: tuple[str, ...], what: str) -> None:
    if not values:
        raise ValueError(f"needs at least one {what}")
    for value in values:
        _one_line(value, what)


def month_key(day: date | datetime) -> str:
    """The month file an entry belongs to: '2026-11'."""
    return f"{day.year:04d}-{day.month:02d}"


def at_second(moment: datetime) -> datetime:
    """Journal times are local and kept to the second."""
    return moment.replace(microsecond=0, tzinfo=None)


__all__ = [
    "STATUSES",
    "Action",
    "Answer",
    "Conflict",
    "Entry",
    "SectionRecord",
    "Status",
    "at_second",
    "time",
]
