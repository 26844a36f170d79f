"""The one place the wall clock is read, at the edge of the program.

Everything below the CLI takes `now`/`today` as arguments. `REFLECT_NOW`
(an ISO date or date-time) pretends it is another moment: for tests that run
reflect in a subprocess, for benchmarks, and for anyone replaying a day.
"""

from __future__ import annotations

import os
from datetime import date, datetime


def now() -> datetime:
    pinned = os.environ.get("REFLECT_NOW")
    if pinned:
        try:
            moment = datetime.fromisoformat(pinned)
        except ValueError:
            moment = datetime.combine(date.fromisoformat(pinned), datetime.min.time())
        return moment.replace(tzinfo=None)
    # Entries are stamped to the minute, as people read times; file order keeps
    # entries written within the same minute in the order they were written.
    return datetime.now().replace(second=0, microsecond=0)


def today() -> date:
    return now().date()
