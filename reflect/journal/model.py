"""What a journal holds: entries, the answers in them, and actions.

Plain frozen dataclasses (no pydantic): the journal is read on every
`reflect actions`, so this module must import in a blink. Single-line fields
(titles, prompt texts, action text, options and list items) may hold any
character but a newline; everything longer lives in text blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import ClassVar, Literal

from reflect.repeats import Repeat

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
    raise RuntimeError("could not find a free action id")  # pragma: no cover - 100 clashes in a row


def derived_action_id(seed: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """An action id that depends only on `seed` and on the ids `taken`, one character
    longer than a new one so the two seldom meet (and `taken` is always checked).

    For an action two devices may each make apart from the other (a repeating plan's
    closed occurrence, a merge's renamed action): both give it the same id, so when
    their journals sync, the two copies merge into one instead of standing twice.
    """
    import hashlib  # as for `new_id`: only writing needs it

    for salt in range(1000):
        digest = hashlib.blake2s(f"{seed}/{salt}".encode()).digest()
        candidate = "".join(
            ID_ALPHABET[b % len(ID_ALPHABET)] for b in digest[: ACTION_ID_LENGTH + 1]
        )
        if candidate not in taken:
            return candidate
    raise RuntimeError("could not find a free action id")  # pragma: no cover - 1000 clashes


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
    repeat: Repeat | None = None  # a repeating plan: this is its next occurrence

    def __post_init__(self) -> None:
        require_one_line(self.text, "action text")
        if self.repeat is not None and self.due is None:
            raise ValueError("a repeating action needs a due date")
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
class Answer:
    """What every answer has: the prompt it answers, as asked. Each kind's answer
    (`reflect.kinds`) adds its own fields and names itself in `kind`."""

    kind: ClassVar[str]
    prompt_id: str
    prompt: str

    def held_actions(self) -> tuple[Action, ...]:
        """The actions planned in this answer (only an action answer has any)."""
        return ()

    def with_held_actions(self, actions: tuple[Action, ...]) -> Answer:
        """The answer holding `actions` in place of `held_actions()` (a merge renames
        an action whose id clashes); an answer that holds none is itself."""
        return self

    def written_text(self) -> str:
        """Prose the person wrote here, for a one-line summary ('' when it is not prose)."""
        return ""

    def on_scale(self) -> tuple[int, int, int] | None:
        """(value, low, high) when the answer is a number on a scale, for looking back
        (`reflect.insights`); None for every other kind."""
        return None

    def options_picked(self) -> tuple[str, ...] | None:
        """The options chosen, each once, when the answer picks from a prompt's options
        (what looking back counts); None for kinds that do not pick."""
        return None


@dataclass(frozen=True)
class SectionRecord:
    """The answers given in one section of a workbook."""

    id: str
    title: str
    answers: tuple[Answer, ...] = ()

    def __post_init__(self) -> None:
        require_one_line(self.title, "a section title")
        for answer in self.answers:
            require_one_line(answer.prompt, "a prompt")


@dataclass(frozen=True)
class LeftPrompt:
    """A prompt of the workbook left for another day: its id (what the next walk
    offers it by) and its words as they were asked (what a reader of the file sees)."""

    prompt_id: str
    prompt: str

    def __post_init__(self) -> None:
        require_one_line(self.prompt, "a prompt")


@dataclass(frozen=True)
class Conflict:
    """Words a merge could not place, kept in the entry so the person sees and settles them.

    When the same answer (or title, text, action) was changed differently on two
    devices, a merge keeps one version in place and the other here: `note` (one line)
    says what it is, `text` holds the other version word for word. Deleting the
    conflict from the file is how a person says "settled" (docs/sync.md).
    """

    note: str
    text: str

    def __post_init__(self) -> None:
        require_one_line(self.note, "a conflict note")


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
    # The prompts left unanswered when the walk was saved, in the workbook's order.
    left: tuple[LeftPrompt, ...] = ()
    # What a sync merge kept from another device for the person to settle (docs/sync.md).
    conflicts: tuple[Conflict, ...] = ()

    def __post_init__(self) -> None:
        require_one_line(self.title, "an entry title")
        if self.written.tzinfo is not None or self.written.microsecond:
            raise ValueError("entry times are local, to the second")
        if self.version is not None and self.workbook is None:
            raise ValueError("a version needs a workbook")
        if self.left and self.workbook is None:
            raise ValueError("prompts left for another day need a workbook")
        if len({item.prompt_id for item in self.left}) < len(self.left):
            raise ValueError("a prompt is left for another day twice")

    def all_actions(self) -> list[tuple[Action, SectionRecord | None, Answer | None]]:
        """Every action in the entry, with the section and answer it was planned in."""
        found: list[tuple[Action, SectionRecord | None, Answer | None]] = [
            (action, None, None) for action in self.actions
        ]
        for section in self.sections:
            for answer in section.answers:
                found += [(action, section, answer) for action in answer.held_actions()]
        return found

    def first_line(self) -> str:
        """A one-line summary for listings."""
        if self.body:
            for line in self.body.split("\n"):
                if line.strip():
                    return line.strip()
        for section in self.sections:
            for answer in section.answers:
                text = answer.written_text()
                if text.strip():
                    return text.strip().split("\n")[0]
        if self.actions:
            return self.actions[0].text
        return ""


def require_one_line(value: str, what: str) -> None:
    """Raise ValueError when `value`, kept on a marker's line, holds a newline."""
    if "\n" in value:
        raise ValueError(f"{what} must be one line")


def require_items(values: tuple[str, ...], what: str) -> None:
    """Raise ValueError unless `values` is one or more one-line values."""
    if not values:
        raise ValueError(f"needs at least one {what}")
    for value in values:
        require_one_line(value, what)


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
    "LeftPrompt",
    "SectionRecord",
    "Status",
    "at_second",
    "time",
]
