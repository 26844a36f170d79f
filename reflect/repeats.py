"""Repeating plans: what people type after `--every`, how a repeat is written in the
journal, and the date its next occurrence falls on.

Standard library only, and no dataclasses: `reflect remind` and the open-actions
index word repeats on every start-up. The journal writes a repeat in one canonical
form (`every monday`, `every 2 weeks`, `every month on the 31st`), which reads back
to the same `Repeat` (tests/unit/test_repeats.py); people may type looser forms
(`mon`, `weekly`, `3 days`, `every monday`).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Literal

from reflect.errors import DateError

Unit = Literal["day", "weekday", "week", "month"]

_UNREADABLE = (
    "I couldn't read {text} as a repeat. Try 'day', 'weekday', 'monday', '2 weeks' or 'month'."
)
_EMPTY = "There's no repeat here. Try 'day', 'weekday', 'monday', '2 weeks' or 'month'."
_TOO_MANY = "{text} is further apart than I can plan: keep it under 1000."

# fmt: off
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS: dict[str, int] = {
    **{name: i for i, name in enumerate(_DAY_NAMES)},
    **{name[:3]: i for i, name in enumerate(_DAY_NAMES)},
    "tues": 1, "weds": 2, "thur": 3, "thurs": 3,
}
_ALIASES: dict[str, tuple[int, Unit]] = {
    "day": (1, "day"), "daily": (1, "day"), "weekday": (1, "weekday"),
    "week": (1, "week"), "weekly": (1, "week"), "fortnight": (2, "week"),
    "fortnightly": (2, "week"), "month": (1, "month"), "monthly": (1, "month"),
}
_NUMBER_WORDS: dict[str, int] = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "other": 2,
}
# fmt: on
_COUNTED = re.compile(r"(?P<count>[0-9]{1,9}|[a-z]+)\s(?P<unit>day|week|month)s?", re.ASCII)
_MONTH_DAY = re.compile(r"(?P<rest>.*?)\son\sthe\s(?P<day>[0-9]{1,2})(?:st|nd|rd|th)", re.ASCII)
_ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_ICAL_FREQ = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY"}
_MAX_COUNT = 999
_UNITS: dict[str, Unit] = {"day": "day", "week": "week", "month": "month"}


class Repeat:
    """Every `count` `unit`s; a `weekday` (0 = Monday) for 'every monday'; a `day` of
    the month for monthly repeats anchored past the 28th (so 'every month' from 31 Jan
    keeps coming back to the 31st, or the month's last day, not drifting to the 28th).
    A plain class with value equality, for the reason the module docstring gives."""

    __slots__ = ("count", "day", "unit", "weekday")

    def __init__(
        self, count: int, unit: Unit, weekday: int | None = None, day: int | None = None
    ) -> None:
        if not 1 <= count <= _MAX_COUNT:
            raise ValueError("a repeat counts from 1 to 999")
        if unit == "weekday" and count != 1:
            raise ValueError("weekdays repeat one at a time")
        if weekday is not None and (unit != "week" or count != 1 or not 0 <= weekday <= 6):
            raise ValueError("a weekday repeats every week")
        if day is not None and (unit != "month" or not 29 <= day <= 31):
            raise ValueError("a month day is kept only past the 28th")
        self.count, self.unit, self.weekday, self.day = count, unit, weekday, day

    def _key(self) -> tuple[int, str, int | None, int | None]:
        return (self.count, self.unit, self.weekday, self.day)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Repeat) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Repeat({self.text()!r})"

    def text(self) -> str:
        """The canonical words, as the journal writes them: 'every monday'."""
        if self.weekday is not None:
            return f"every {_DAY_NAMES[self.weekday]}"
        words = self.unit if self.count == 1 else f"{self.count} {self.unit}s"
        if self.day is not None:
            words += f" on the {_ordinal(self.day)}"
        return f"every {words}"

    def label(self) -> str:
        """What listings show: 'every Monday', 'every 2 weeks'."""
        if self.weekday is not None:
            return f"every {_DAY_NAMES[self.weekday].capitalize()}"
        return self.text()

    def rrule(self) -> dict[str, object]:
        """The repeat as an iCalendar RRULE (RFC 5545), for calendar apps. A month day
        past the 28th is the last of 28..day in each month, as `next_after` counts."""
        if self.weekday is not None:
            return {"FREQ": "WEEKLY", "BYDAY": _ICAL_DAYS[self.weekday]}
        if self.unit == "weekday":
            return {"FREQ": "WEEKLY", "BYDAY": list(_ICAL_DAYS[:5])}
        rule: dict[str, object] = {"FREQ": _ICAL_FREQ[self.unit]}
        if self.count > 1:
            rule["INTERVAL"] = self.count
        if self.day is not None:
            rule["BYMONTHDAY"] = list(range(28, self.day + 1))
            rule["BYSETPOS"] = -1
        return rule

    def anchored(self, due: date) -> Repeat:
        """This repeat, remembering `due`'s day of the month when it is past the 28th."""
        if self.unit == "month" and due.day > 28 and self.day is None:
            return Repeat(self.count, self.unit, day=due.day)
        return self

    def first(self, today: date) -> date:
        """The first occurrence from `today` on, for a repeat planned with no due date."""
        if self.weekday is not None:
            return today + timedelta(days=(self.weekday - today.weekday()) % 7)
        if self.unit == "weekday":
            return today + timedelta(days=_to_weekday(today))
        return today

    def next_after(self, due: date, today: date) -> date:
        """The occurrence after `due` and after `today`: marking a plan done (or skipping
        it) late never gives it a date in the past, and a plan done early moves past its
        own date. Occurrences are counted from `due`, so 'every 2 weeks' from a Monday
        stays on Mondays, and monthly ones on the same day of the month."""
        floor = max(due, today)
        if self.weekday is not None:
            return floor + timedelta(days=(self.weekday - floor.weekday() - 1) % 7 + 1)
        if self.unit == "weekday":
            step = floor + timedelta(days=1)
            return step + timedelta(days=_to_weekday(step))
        if self.unit == "month":
            anchor, months = self.day or due.day, self.count
            while (found := _add_months(due, months, anchor)) <= floor:
                months += self.count
            return found
        days = self.count * (7 if self.unit == "week" else 1)
        steps = (floor - due).days // days + 1
        return due + timedelta(days=days * steps)


def parse_repeat(text: str) -> Repeat:
    """What a person typed after `--every` (or wrote in the journal). DateError when it
    cannot be read, worded like the other bad dates and with their exit code."""
    words = " ".join(text.lower().replace(",", " ").split())
    if not words:
        raise DateError(_EMPTY)
    found = _read(words)
    if found is None:
        raise DateError(_UNREADABLE.format(text=f"'{text.strip()}'"))
    return found


def _read(words: str) -> Repeat | None:
    if words.startswith("every "):
        words = words[len("every ") :]
    day: int | None = None
    if match := _MONTH_DAY.fullmatch(words):
        words, day = match["rest"], int(match["day"])
    found = _read_plain(words)
    if found is None or day is None:
        return found
    if found.unit != "month" or not 29 <= day <= 31:
        return None
    return Repeat(found.count, "month", day=day)


def _read_plain(words: str) -> Repeat | None:
    if words in _ALIASES:
        return Repeat(*_ALIASES[words])
    if words in ("weekdays", "work day", "working day", "workday"):
        return Repeat(1, "weekday")
    name = words[:-1] if words.endswith("s") and words[:-1] in _WEEKDAYS else words
    if name in _WEEKDAYS:
        return Repeat(1, "week", weekday=_WEEKDAYS[name])
    match = _COUNTED.fullmatch(words)
    if match is None:
        return None
    raw = match["count"]
    count = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 0)
    if count < 1:
        return None
    if count > _MAX_COUNT:
        raise DateError(_TOO_MANY.format(text=f"'{words}'"))
    return Repeat(count, _UNITS[match["unit"]])


def _to_weekday(day: date) -> int:
    """Days from `day` to the next Monday-to-Friday (0 when it is one)."""
    return max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0


def _add_months(day: date, months: int, anchor: int) -> date:
    """`months` after `day`, on the `anchor` day of the month, or the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if year > 9999:
        raise DateError("That's further away than my calendar goes.")
    return date(year, month, min(anchor, calendar.monthrange(year, month)[1]))


def _ordinal(day: int) -> str:
    return f"{day}{'st' if day % 10 == 1 and day != 11 else 'th'}"
