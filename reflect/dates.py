"""Everything people type as a date, and the words we say back about dates.

Hand-written on purpose: a few tables cover the phrases, while a date library
(dateutil, parsedatetime) costs tens of milliseconds to import in `reflect actions`,
`journal --since` and `export --since`, which read or word a date on every run. The
clock is never read here: every function takes `today`, so tests freeze time by
passing a date rather than patching `datetime`.

Names of days and months are our own English tables, not `calendar.day_abbr` or
`strftime("%a")`, which follow the user's locale and would make the parser and the
wording disagree with each other and with the tests.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time, timedelta

from reflect.errors import DateError

# ---- What we say. All user-facing text of this module lives here. -------------------

_UNREADABLE = (
    "I couldn't read {text} as a date. Try 'tomorrow', 'fri', 'in 3 days', '4 dec' or '2026-12-04'."
)
_UNREADABLE_SINCE = (
    "I couldn't read {text} as a date. "
    "Try 'yesterday', 'mon', 'last week', '3 days ago', '4 dec' or '2026-12-04'."
)
_EMPTY = "There's no date here. Try 'tomorrow', 'fri' or '4 dec'."
_NO_SUCH_DAY = "{day} {month} doesn't exist."
_NO_SUCH_MONTH = "There's no month {month}: months run from 1 to 12."
_NO_SUCH_YEAR = "I can only work with years from 1 to 9999."
_TOO_FAR = "That's further away than my calendar goes."
_PASSED = "{day} has already passed — pick a day from today on."
_COUNT_TOO_SMALL = "{text} isn't in the future. Count from 1 up, like 'in 3 days'."
_COUNT_TOO_SMALL_AGO = "{text} isn't in the past. Count from 1 up, like '3 days ago'."
_BAD_TIME = "{text} isn't a time of day. Try '9am', '9:30pm', '14:30' or 'noon'."
_TIME_WITHOUT_DAY = "Add a day before the time, like 'tomorrow {text}'."
_IN_THE_FUTURE = (
    "{text} is {day}, after today, so nothing in your journal could be from then yet. "
    "Try 'yesterday', 'last week' or a day that has passed."
)
_NUMERIC_READ = "Read {text} as {day} ({order}, as your locale writes dates)."

# ---- Tables. -------------------------------------------------------------------------

# fmt: off
# (Laid out by hand: one row per table reads better than one word per line.)
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "tues": 1, "weds": 2, "thur": 3, "thurs": 3,
    **{name.lower(): i for i, name in enumerate(_DAY_NAMES)},
}
_MONTHS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3].lower(): i for i, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}
_NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
# Each unit is (days, months) per count.
_UNITS: dict[str, tuple[int, int]] = {
    "day": (1, 0), "week": (7, 0), "fortnight": (14, 0), "month": (0, 1),
}
# fmt: on
_FRIDAY, _SATURDAY = 4, 5

# re.ASCII: `\d`/`\s` would otherwise accept Arabic-Indic digits and odd spaces, which
# `int()` would happily read; a date field should mean what it shows.
_COUNT = r"(?P<count>[+-]?[0-9]{1,9}|[a-z]+)\s(?P<unit>[a-z]+?)s?"
_IN_COUNT = re.compile(rf"(?:in\s)?{_COUNT}(?:\s(?:from\s(?:now|today)|later|time))?", re.ASCII)
# 'monday week': a week after the coming Monday, as British English says it.
_WEEKDAY_WEEK = re.compile(r"(?P<name>[a-z]+)\sweek", re.ASCII)
# 25/12, 25.12., 25/12/2026, 25.12.26: day and month in the locale's order.
_NUMERIC = re.compile(
    r"(?P<a>[0-9]{1,2})[/.](?P<b>[0-9]{1,2})(?:[/.](?P<year>[0-9]{4}|[0-9]{2})?)?", re.ASCII
)
_YEAR_ONLY = re.compile(r"[0-9]{4}", re.ASCII)
# 2026-12-25T09:00 (ISO 8601 with a time, lower-cased by _normalise).
_ISO_T = re.compile(
    r"([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})t([0-9]{1,2}:[0-9]{2})(?::[0-9]{2})?", re.ASCII
)
_COUNT_AGO = re.compile(rf"{_COUNT}\sago", re.ASCII)
_WEEKDAY = re.compile(r"(?:(?P<which>this|next|last)\s)?(?P<name>[a-z]+)", re.ASCII)
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[a-z]+)\.?"
_YEAR = r"(?:,?\s(?P<year>[0-9]{4}))?"
_DAY_MONTH = re.compile(rf"{_DAY}\s(?:of\s)?{_MONTH}{_YEAR}", re.ASCII)
_MONTH_ONLY = re.compile(rf"{_MONTH}{_YEAR}", re.ASCII)
_MONTH_DAY = re.compile(rf"{_MONTH}\s{_DAY}{_YEAR}", re.ASCII)
_ISO = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})", re.ASCII)
# A time only counts when it cannot be a year or a day: it needs am/pm or a separator.
_TRAILING_TIME = re.compile(
    r"(?:^|\s)(?:(?P<at>at)\s)?(?P<time>noon|midnight|[0-9]{1,2}(?:[:.][0-9]{2})?\s?[ap]m"
    r"|[0-9]{1,2}[:.][0-9]{2}|(?<=at\s)[0-9]{1,2})$",
    re.ASCII,
)
_CLOCK = re.compile(r"(?P<hour>[0-9]+)(?:[:.](?P<minute>[0-9]+))?\s?(?P<half>[ap]m)?", re.ASCII)


@dataclass(frozen=True)
class When:
    """A day, and optionally a time of day on it."""

    day: date
    at: time | None = None


# ---- Calendar arithmetic. Out-of-range results raise OverflowError, turned into a
# DateError once, in `_read_day`. -------------------------------------------------------


def _add_months(day: date, months: int) -> date:
    """Same day of the month, clamped to its end: 31 Jan + 1 month is 28 (or 29) Feb."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        raise OverflowError(year)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def _first_of_month(day: date, months_ahead: int) -> date:
    return _add_months(day.replace(day=1), months_ahead)


def _last_of_month(day: date, months_ahead: int) -> date:
    first = _first_of_month(day, months_ahead)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _year_start(year: int) -> date:
    if not 1 <= year <= 9999:
        raise OverflowError(year)
    return date(year, 1, 1)


def _year_end(year: int) -> date:
    if not 1 <= year <= 9999:
        raise OverflowError(year)
    return date(year, 12, 31)


def _monday(day: date, weeks_ahead: int = 0) -> date:
    return day - timedelta(days=day.weekday()) + timedelta(weeks=weeks_ahead)


def _coming(today: date, weekday: int) -> date:
    """The next `weekday` from today on (today itself if it is that day)."""
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _after(today: date, weekday: int) -> date:
    """The next `weekday` strictly after today."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _before(today: date, weekday: int, *, today_counts: bool) -> date:
    """The most recent `weekday` on or before today (or strictly before)."""
    back = (today.weekday() - weekday) % 7
    return today - timedelta(days=back or (0 if today_counts else 7))


# Whole phrases. `_FORWARD` is for due dates, `_BACKWARD` for --since/--until filters.
_FORWARD: dict[str, Callable[[date], date]] = {
    "today": lambda today: today,
    "tonight": lambda today: today,
    "tomorrow": lambda today: today + timedelta(days=1),
    "tmrw": lambda today: today + timedelta(days=1),
    "next week": lambda today: _monday(today, 1),
    "weekend": lambda today: _coming(today, _SATURDAY),
    "this weekend": lambda today: _coming(today, _SATURDAY),
    "end of week": lambda today: _coming(today, _FRIDAY),
    "end of the week": lambda today: _coming(today, _FRIDAY),
    "next month": lambda today: _first_of_month(today, 1),
    "end of month": lambda today: _last_of_month(today, 0),
    "end of the month": lambda today: _last_of_month(today, 0),
    "next weekend": lambda today: _monday(today, 1) + timedelta(days=_SATURDAY),
    "this evening": lambda today: today,
    "this morning": lambda today: today,
    "this afternoon": lambda today: today,
}
_BACKWARD: dict[str, Callable[[date], date]] = {
    "today": lambda today: today,
    "yesterday": lambda today: today - timedelta(days=1),
    "this week": lambda today: _monday(today),
    "last week": lambda today: _monday(today, -1),
    "this month": lambda today: _first_of_month(today, 0),
    "last month": lambda today: _first_of_month(today, -1),
    "this year": lambda today: date(today.year, 1, 1),
    "last year": lambda today: _year_start(today.year - 1),
}
# The same phrases for --until: the last day of the week, month or year they name.
_BACKWARD_LAST: dict[str, Callable[[date], date]] = {
    "this week": lambda today: _monday(today) + timedelta(days=6),
    "last week": lambda today: _monday(today, -1) + timedelta(days=6),
    "this month": lambda today: _last_of_month(today, 0),
    "last month": lambda today: _last_of_month(today, -1),
    "this year": lambda today: date(today.year, 12, 31),
    "last year": lambda today: _year_end(today.year - 1),
}


# ---- Reading. ------------------------------------------------------------------------


def _quote(text: str) -> str:
    """The user's words, quoted and kept short enough for one line."""
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _short(day: date) -> str:
    return f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1][:3]}"


def _long(day: date) -> str:
    return f"{_short(day)} {day.year}"


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def _split_time(text: str) -> tuple[str, time | None, bool]:
    """'fri 9:30am' -> ('fri', 09:30, False). Bad times are refused here, not read as dates.

    The flag says the time had no am/pm ('fri at 9', 'tonight 8:30'), so an evening
    phrase may read it as the evening.
    """
    iso = _ISO_T.fullmatch(text)
    if iso is not None:
        text = f"{iso[1]} {iso[2]}"
    match = _TRAILING_TIME.search(text)
    if match is None:
        return text, None, False
    raw = match["time"]
    day_text = text[: match.start()].strip()
    if not day_text:
        raise DateError(_TIME_WITHOUT_DAY.format(text=raw))
    if raw in ("noon", "midnight"):
        return day_text, time(12) if raw == "noon" else time(0), False
    clock = _CLOCK.fullmatch(raw)
    assert clock is not None  # _TRAILING_TIME only lets clock-shaped text through
    hour, minute = int(clock["hour"]), int(clock["minute"] or 0)
    if clock["half"]:
        if not 1 <= hour <= 12:
            raise DateError(_BAD_TIME.format(text=_quote(raw)))
        hour = hour % 12 + (12 if clock["half"] == "pm" else 0)
    if hour > 23 or minute > 59:
        raise DateError(_BAD_TIME.format(text=_quote(raw)))
    return day_text, time(hour, minute), clock["half"] is None


# An hour without am/pm after these is in the evening: 'tonight at 8' is 20:00.
_EVENING = ("tonight", "this evening")


def day_first_locale() -> bool:
    """Whether the user's locale (LC_ALL, LC_TIME, LANG) writes the day before the month,
    for numeric dates such as 4/5. Asked only when one is typed.

    The locale's own date format (`nl_langinfo(D_FMT)`) is read with LC_TIME set from
    the environment for that one call and put back at once (this runs in a command's
    single thread; the `locale` module costs a few ms, so it is imported here). A
    locale the system does not have falls back to its name: the United States and the
    Philippines write the month first, as do the places using US conventions. The C
    and POSIX locales state no preference, and are read day first, like most of the
    world (an ambiguous date is always echoed with its month written out).
    """
    import locale
    import os

    name = next((os.environ[k] for k in ("LC_ALL", "LC_TIME", "LANG") if os.environ.get(k)), "C")
    if name.split(".")[0] in ("C", "POSIX"):
        return True
    try:
        saved = locale.setlocale(locale.LC_TIME)
        try:
            locale.setlocale(locale.LC_TIME, "")
            shape = locale.nl_langinfo(locale.D_FMT)
        finally:
            locale.setlocale(locale.LC_TIME, saved)
    except (locale.Error, AttributeError, ValueError):
        territory = name.split(".")[0].partition("_")[2].upper()
        return territory not in _MONTH_FIRST
    shape = shape.replace("%D", "%m/%d").replace("%x", "%m/%d")
    day_at, month_at = shape.find("%d"), shape.find("%m")
    return not (0 <= month_at < day_at or (month_at >= 0 > day_at))


_MONTH_FIRST = frozenset({"US", "PH", "AS", "GU", "MP", "PR", "UM", "VI", "FM", "MH", "PW"})


def _numeric(match: re.Match[str], today: date, *, forward: bool, day_first: bool | None) -> date:
    """25/12 or 4/5: day and month in the locale's order, unless only one order is a date."""
    a, b = int(match["a"]), int(match["b"])
    if a > 12 >= b:
        day, month = a, b
    elif b > 12 >= a:
        day, month = b, a
    else:
        first = day_first_locale() if day_first is None else day_first
        day, month = (a, b) if first else (b, a)
    year = match["year"]
    typed_year = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
    return _calendar_date(typed_year, month, day, today, forward=forward)


def numeric_note(text: str, today: date, *, day_first: bool | None = None) -> str | None:
    """For a numeric date that reads two ways (4/5): which day it was taken as, with the
    month written out, so the person sees what was meant. None for any other text."""
    words = _normalise(text)
    match = _NUMERIC.fullmatch(_split_time(words)[0]) if words else None
    if match is None or not (1 <= int(match["a"]) <= 12 and 1 <= int(match["b"]) <= 12):
        return None
    if match["a"] == match["b"] or match["a"].lstrip("0") == match["b"].lstrip("0"):
        return None
    first = day_first_locale() if day_first is None else day_first
    a, b = int(match["a"]), int(match["b"])
    day, month = (a, b) if first else (b, a)
    order = "day/month" if first else "month/day"
    return _NUMERIC_READ.format(
        text=_quote(text.strip()), day=f"{day} {_MONTH_NAMES[month - 1]}", order=order
    )


def _calendar_date(year: int | None, month: int, day: int, today: date, *, forward: bool) -> date:
    """A typed day and month (and maybe year). Without a year, the nearest such date
    from today on (`forward`) or on or before today; 29 Feb waits for a leap year."""
    if not 1 <= month <= 12:
        raise DateError(_NO_SUCH_MONTH.format(month=month))
    month_name = _MONTH_NAMES[month - 1]
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:  # 2000: Feb has 29 days
        raise DateError(_NO_SUCH_DAY.format(day=day, month=month_name))
    if year is not None:
        if not 1 <= year <= 9999:
            raise DateError(_NO_SUCH_YEAR)
        if day > calendar.monthrange(year, month)[1]:
            raise DateError(_NO_SUCH_DAY.format(day=day, month=f"{month_name} {year}"))
        return date(year, month, day)
    step = 1 if forward else -1
    year = today.year
    while True:  # at most 8 steps: 29 Feb comes round within 8 years
        if day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            if (candidate >= today) if forward else (candidate <= today):
                return candidate
        year += step
        if not 1 <= year <= 9999:
            raise OverflowError(year)


def _count(word: str) -> int | None:
    if word.lstrip("+-").isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def _shift(match: re.Match[str], today: date, *, forward: bool) -> date | None:
    """'in 3 weeks' / '3 weeks ago'; None when the words are not a count and a unit."""
    count, unit = _count(match["count"]), _UNITS.get(match["unit"])
    if count is None or unit is None:
        return None
    if count < 1:
        template = _COUNT_TOO_SMALL if forward else _COUNT_TOO_SMALL_AGO
        raise DateError(template.format(text=_quote(match[0])))
    sign = 1 if forward else -1
    days, months = unit
    return _add_months(today, sign * count * months) + timedelta(days=sign * count * days)


def _read_day(
    text: str, today: date, *, forward: bool, last: bool = False, day_first: bool | None = None
) -> date | None:
    """The day `text` names, or None if it is none of our phrases.

    `last` (for --until): a week, month or year means its last day, not its first.
    """
    try:
        phrases = _FORWARD if forward else (_BACKWARD_LAST if last else {}) | _BACKWARD
        if last and text in _BACKWARD_LAST:
            return _BACKWARD_LAST[text](today)
        if text in phrases:
            return phrases[text](today)
        counted = (_IN_COUNT if forward else _COUNT_AGO).fullmatch(text)
        if counted and (shifted := _shift(counted, today, forward=forward)) is not None:
            return shifted
        if (match := _WEEKDAY.fullmatch(text)) and match["name"] in _WEEKDAYS:
            weekday, which = _WEEKDAYS[match["name"]], match["which"]
            if forward and which == "next":  # the one in next Monday-to-Sunday week
                return _monday(today, 1) + timedelta(days=weekday)
            if forward and which in (None, "this"):
                return _after(today, weekday)
            if not forward and which in (None, "last"):
                return _before(today, weekday, today_counts=which is None)
            return None
        if forward and (match := _WEEKDAY_WEEK.fullmatch(text)) and match["name"] in _WEEKDAYS:
            return _after(today, _WEEKDAYS[match["name"]]) + timedelta(weeks=1)
        if match := _ISO.fullmatch(text):
            year, month, day = (int(match[part]) for part in ("year", "month", "day"))
            return _calendar_date(year, month, day, today, forward=forward)
        if match := _NUMERIC.fullmatch(text):
            return _numeric(match, today, forward=forward, day_first=day_first)
        match = _DAY_MONTH.fullmatch(text) or _MONTH_DAY.fullmatch(text)
        if match and match["month"] in _MONTHS:
            typed_year = int(match["year"]) if match["year"] else None
            month, day = _MONTHS[match["month"]], int(match["day"])
            return _calendar_date(typed_year, month, day, today, forward=forward)
        if not forward:
            return _whole_period(text, today, last=last)
    except OverflowError:
        raise DateError(_TOO_FAR) from None
    return None


def _whole_period(text: str, today: date, *, last: bool) -> date | None:
    """'nov', 'nov 2025' or '2025' for a filter: its first day, or with `last` its last.

    A month without a year is the most recent one that has begun (in November, 'nov'
    is this November; in January, last year's).
    """
    if _YEAR_ONLY.fullmatch(text):
        year = int(text)
        if not 1 <= year <= 9999:
            raise DateError(_NO_SUCH_YEAR)
        return date(year, 12, 31) if last else date(year, 1, 1)
    match = _MONTH_ONLY.fullmatch(text)
    if match is None or match["month"] not in _MONTHS:
        return None
    month = _MONTHS[match["month"]]
    if match["year"]:
        year = int(match["year"])
        if not 1 <= year <= 9999:
            raise DateError(_NO_SUCH_YEAR)
    else:
        year = today.year if month <= today.month else today.year - 1
        if year < 1:
            raise OverflowError(year)
    first = date(year, month, 1)
    return _last_of_month(first, 0) if last else first


def parse_when(text: str, today: date, *, day_first: bool | None = None) -> When:
    """A due date typed by a person. Past dates are refused (DateError).

    `day_first`: how to read a numeric date like 4/5 (None: as the locale writes them).
    """
    words = _normalise(text)
    if not words:
        raise DateError(_EMPTY)
    day_text, at, no_half = _split_time(words)
    day = _read_day(day_text, today, forward=True, day_first=day_first)
    if day is None:
        raise DateError(_UNREADABLE.format(text=_quote(text.strip())))
    if day < today:
        raise DateError(_PASSED.format(day=_long(day)))
    if at is not None and no_half and day_text in _EVENING and 1 <= at.hour < 12:
        at = at.replace(hour=at.hour + 12)
    return When(day, at)


def parse_since(
    text: str, today: date, *, last: bool = False, day_first: bool | None = None
) -> date:
    """A date for filters like --since/--until: past dates allowed and preferred
    ("4 dec" in January means last December; "mon" means the most recent Monday, today
    included; "last mon" the one before today). Also 'yesterday', 'last week' (Monday of
    last week), 'last month' (1st of last month), 'last year', a month ('nov', the 1st of
    the most recent November), a year ('2025', 1 January), 'N days/weeks/months ago',
    ISO dates. With `last` (for --until), a week, month or year means its last day.

    Words that name a day after today ('tomorrow', 'in 3 days') are refused, saying so.
    """
    words = _normalise(text)
    if not words:
        raise DateError(_EMPTY)
    day = _read_day(words, today, forward=False, last=last, day_first=day_first)
    if day is None:
        try:
            ahead = _read_day(words, today, forward=True, day_first=day_first)
        except DateError:
            ahead = None
        if ahead is not None and ahead > today and last:
            return ahead  # `--until tomorrow`: everything so far, which is harmless
        if ahead is not None and ahead > today:
            raise DateError(_IN_THE_FUTURE.format(text=_quote(text.strip()), day=_long(ahead)))
        raise DateError(_UNREADABLE_SINCE.format(text=_quote(text.strip())))
    return day


# ---- Saying. -------------------------------------------------------------------------


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def day_month(day: date) -> str:
    """'3 Dec': short enough for a commit message's subject."""
    return f"{day.day} {_MONTH_NAMES[day.month - 1][:3]}"


def format_day(day: date, today: date) -> str:
    """'Fri 4 Dec' in the current year, 'Fri 4 Dec 2027' otherwise."""
    return _short(day) if day.year == today.year else _long(day)


def format_when(when: When, today: date) -> str:
    """'Fri 4 Dec', or 'Fri 4 Dec 09:30' with a time."""
    shown = format_day(when.day, today)
    return shown if when.at is None else f"{shown} {when.at:%H:%M}"


def relative(day: date, today: date) -> str:
    """'today', 'tomorrow', 'yesterday', 'in 5 days', 'in 3 weeks' (from 14 days on,
    rounded down), '2 days ago', '3 weeks ago'."""
    delta = (day - today).days
    named = {0: "today", 1: "tomorrow", -1: "yesterday"}
    if delta in named:
        return named[delta]
    span = _plural(abs(delta), "day") if abs(delta) < 14 else _plural(abs(delta) // 7, "week")
    return f"in {span}" if delta > 0 else f"{span} ago"


def due_wording(day: date, today: date) -> str:
    """For an action's due date: 'due today', 'due tomorrow', 'in 5 days',
    '1 day overdue', '2 days overdue' (overdue is always counted in days)."""
    delta = (day - today).days
    if delta < 0:
        return f"{_plural(-delta, 'day')} overdue"
    return f"due {relative(day, today)}" if delta <= 1 else relative(day, today)


def echo_when(when: When, today: date) -> str:
    """What we echo back before saving: 'Fri 4 Dec — in 5 days'."""
    return f"{format_when(when, today)} — {relative(when.day, today)}"
