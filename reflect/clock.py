"""The one place the wall clock is read, at the edge of the program.

Everything below the CLI takes `now`/`today` as arguments. `REFLECT_NOW`
(an ISO date or date-time) pretends it is another moment: for tests that run
reflect in a subprocess, for benchmarks, and for anyone replaying a day.

A `REFLECT_NOW` that is not a date (`garbage`, `2026-02-29`), or one so close to
the calendar's ends (year 1, year 9999) that "tomorrow" or "next month" would
fall off them, is refused here with one message naming the setting
(ConfigError), before any command uses it.
"""

from __future__ import annotations

import os
from datetime import date, datetime

from reflect.errors import ConfigError

FIRST_DAY = date(2, 1, 1)
LAST_DAY = date(9998, 12, 31)
"""The days reflect works on: a year's margin inside the calendar's ends, so every
sum it makes from "now" ("in 3 weeks", the week ahead, next month) stays in range."""

BAD_NOW = (
    "REFLECT_NOW is set to '{value}', which is not a moment reflect can use. Give a date "
    "(2026-03-14) or a date and time (2026-03-14T09:30) between {first} and {last}, "
    "or unset it to use the clock."
)


def now() -> datetime:
    pinned = os.environ.get("REFLECT_NOW")
    if pinned:
        return _pinned(pinned)
    # Entries are stamped to the minute, as people read times; file order keeps
    # entries written within the same minute in the order they were written.
    return datetime.now().replace(second=0, microsecond=0)


def today() -> date:
    return now().date()


def in_range(day: date) -> bool:
    """Whether `day` is one reflect can work on (see FIRST_DAY)."""
    return FIRST_DAY <= day <= LAST_DAY


def _pinned(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        moment = None
    if moment is None or not in_range(moment.date()):
        shown = value if len(value) <= 40 else value[:39] + "…"
        raise ConfigError(BAD_NOW.format(value=shown, first=FIRST_DAY, last=LAST_DAY))
    return moment.replace(tzinfo=None)
