"""What looking back says, in one place: the terminal, the app and the HTML report
all use these words. Calm and plain: a mirror, never a scoreboard. Nothing here
counts days missed, names a streak or gives a score.
"""

from __future__ import annotations

from datetime import date

from reflect.dates import format_day
from reflect.insights.stats import Insights, PlanCounts, Series, Together, Trend

TITLE = "Looking back"
SCALES = "Scales over time"
OPTIONS = "What was part of better weeks"
PLANS = "Plans kept"
WEEKS = "How often you came back"

NOTHING = "There is nothing to look back on here yet: no entries in this period."
NO_SCALES = "No scale has been answered twice yet. After a few check-ins, they show here."
NO_OPTIONS = (
    "Nothing to show yet: this part needs a choice or checklist in a workbook that also "
    "has a scale."
)
NO_TOGETHER = "Averages show once an option has at least 3 entries with it and 3 without it."
TOGETHER_HONEST = (
    "These went together; that does not mean one caused the other. A better week may "
    "make room for these things as much as they make a better week."
)
NO_PLANS = "No plans were made in these entries."
MOVED_NOTE = (
    "How often a plan was moved is not shown: the journal keeps only each plan's "
    "current day, not the days it had before."
)
STILL_WANT = "Still want these? They are still open, more than 4 weeks after their day:"
STILL_WANT_OFFER = "Go through them now (done, drop or move)? Press a, or Enter to leave them: "
STILL_WANT_LATER = "`reflect actions` lets you mark them done, drop them or give them a new day."
NO_WEEKS = "No entries in this period."
CHANGED_RANGE = (
    "This prompt was also answered on {ranges}: those answers are shown as their own "
    "series, not rescaled to this one."
)
LEFT_OUT = "Left out, because it could not be read (see below): {files}."
LEFT_OUT_HINT = "Fix the line named and run `reflect insights` again to include it."

# The calendar's levels: (fewest entries, words). The first is no entries at all.
LEVELS: tuple[tuple[int, str], ...] = (
    (0, "no entries"),
    (1, "1 entry"),
    (2, "2 or 3"),
    (4, "4 to 6"),
    (7, "7 or more"),
)


def level_of(entries: int) -> int:
    """The calendar's shade for a week: an index into LEVELS."""
    return max(i for i, (least, _) in enumerate(LEVELS) if entries >= least)


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one}" if count == 1 else f"{count:,} {many or one + 's'}"


def period(found: Insights) -> str:
    """'20 Sep 2026 to 29 Nov 2026', or 'from …' / 'up to …' / 'everything'."""
    first = found.since or found.first_day
    if first is None:
        return "everything so far"
    last = found.until or found.today
    return f"{_plain_day(first)} to {_plain_day(last)}"


def _plain_day(day: date) -> str:
    return f"{day.day} {day:%b} {day.year}"


def heading(found: Insights) -> str:
    about = f" · {found.workbook}" if found.workbook else ""
    return f"{TITLE} · {period(found)}{about} · {plural(found.entries, 'entry', 'entries')}"


def scale_about(series: Series) -> str:
    return f"{series.workbook} · {series.low} to {series.high}"


def scale_summary(series: Series, today: date) -> str:
    latest = series.latest
    return (
        f"Latest: {latest.value} on {format_day(latest.day, today)}. "
        f"Answers ranged from {series.lowest} to {series.highest} "
        f"({plural(len(series.points), 'answer')})."
    )


def trend_words(trend: Trend | None) -> str:
    """The plain-words trend, only with enough answers to say one."""
    if trend is None:
        return (
            "Not enough answers in the last 8 weeks to say how it has moved "
            "(that needs 2 in the last 4 weeks and 2 in the 4 before)."
        )
    averages = f"on average {trend.recent:.1f} against {trend.before:.1f}"
    if trend.direction == "same":
        return f"About the same in the last 4 weeks as in the 4 before ({averages})."
    return f"{trend.direction.capitalize()} in the last 4 weeks than in the 4 before ({averages})."


def changed_range(series: Series) -> str | None:
    if not series.other_ranges:
        return None
    ranges = " and ".join(f"a {low} to {high} scale" for low, high in series.other_ranges)
    return CHANGED_RANGE.format(ranges=ranges)


def together_words(together: Together) -> str:
    return (
        f"With “{together.option}”: {together.scale_title} averaged "
        f"{together.with_average:.1f} ({plural(together.with_count, 'entry', 'entries')}); "
        f"without it, {together.without_average:.1f} "
        f"({plural(together.without_count, 'entry', 'entries')})."
    )


def plan_counts(counts: PlanCounts) -> str:
    return (
        f"{plural(counts.planned, 'plan')} made: {counts.done:,} done, "
        f"{counts.dropped:,} dropped, {counts.open:,} still open."
    )
