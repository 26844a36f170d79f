"""Looking back in a terminal: charts drawn with block characters, and the same facts
as plain tables for a pipe.

Hand-drawn rather than plotext (or another plotting library), for four reasons: the
charts are two simple shapes (a bar per answer, a shade per week), which take less
code here than configuring a library's figure; every mark carries its meaning in its
shape, so they read the same with NO_COLOR, in a pipe and in the TUI (which draws
these same rows); the output is plain text of a known width, so it is tested like
any other text and fits 80 columns; and reflect gains no dependency (plotext would
add ~30 ms of import and ANSI colours to strip). docs/insights.md says the same.

A line is a list of (text, style) pieces, as `reflect.cli.reading.print_lines`
prints them: styles are only colour, never the only carrier of meaning.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from reflect.insights import words
from reflect.insights.stats import Insights, Options, PlanCounts, Series, Week

Piece = tuple[str, str | None]
Line = list[Piece]

BLOCKS = " ▁▂▃▄▅▆▇█"
ASCII_BLOCKS = " .:-=+*%#"
SHADES = "·░▒▓█"
ASCII_SHADES = ".-+*#"
SHADE_STYLES = (None, "green4", "green3", "green1", "bold bright_green")
BAR = "green"
DIM = "dim"
HEAD = "bold"
CHART_ROWS = 6
MOST_LABEL = 14  # a scale end's label, shortened to this many characters beside a chart


def report(
    found: Insights, *, width: int = 80, charts: bool = True, utf8: bool = True
) -> Iterator[Line]:
    """Everything, as lines: with charts for a terminal, or tables (`charts=False`)."""
    yield [(words.heading(found), HEAD)]
    if found.entries == 0:
        yield [(words.NOTHING, None)]
        return
    yield []
    yield from scales_part(found, width=width, charts=charts, utf8=utf8)
    yield []
    yield from options_part(found, width=width)
    yield []
    yield from plans_part(found)
    yield []
    yield from weeks_part(found, charts=charts, utf8=utf8)


def scales_part(found: Insights, *, width: int, charts: bool, utf8: bool) -> Iterator[Line]:
    yield [(words.SCALES, HEAD)]
    if not found.scales:
        yield [(words.NO_SCALES, None)]
    for series in found.scales:
        yield []
        yield [(series.title, "bold"), ("  " + words.scale_about(series), DIM)]
        if charts:
            yield from scale_chart(series, width=width, utf8=utf8, today=found.today)
        else:
            yield from scale_table(series)
        yield [(words.scale_summary(series, found.today), None)]
        yield [(words.trend_words(series.trend), None)]
        note = words.changed_range(series)
        if note:
            yield [(note, DIM)]


def scale_chart(
    series: Series, *, width: int = 80, utf8: bool = True, today: date
) -> Iterator[Line]:
    """A bar per answer (or, with more answers than columns, per span of days, at the
    span's average), the scale's labelled ends on the left, the first and last days
    under it."""
    blocks = BLOCKS if utf8 else ASCII_BLOCKS
    top = f"{series.high} {_short(series.high_label)}".rstrip()
    bottom = f"{series.low} {_short(series.low_label)}".rstrip()
    gutter = max(len(top), len(bottom)) + 1
    room = max(10, width - gutter - 2)
    columns = _columns(series, room)
    step = 8 * CHART_ROWS - 1
    span = series.high - series.low
    heights = [None if v is None else 1 + round((v - series.low) / span * step) for v in columns]
    for row in range(CHART_ROWS):
        label = top if row == 0 else bottom if row == CHART_ROWS - 1 else ""
        floor = (CHART_ROWS - 1 - row) * 8
        cells = "".join(" " if h is None else blocks[max(0, min(8, h - floor))] for h in heights)
        yield [(f"{label:>{gutter - 1}} ", DIM), ("│" if utf8 else "|", DIM), (cells, BAR)]
    corner, rule = ("└", "─") if utf8 else ("+", "-")
    yield [(" " * gutter + corner + rule * len(columns), DIM)]
    first, last = series.points[0].day, series.points[-1].day
    left, right = _day(first, today), _day(last, today)
    gap = max(1, len(columns) + 1 - len(left) - len(right))
    yield [(" " * gutter + " " + left + " " * gap + right, DIM)]


def _columns(series: Series, room: int) -> list[float | None]:
    """One value per column: each answer (as a bar up to 3 wide, with a gap, when there
    is room), or the average of the answers in each of `room` equal spans of days."""
    points = series.points
    bar = min(3, (room + 1) // len(points) - 1)
    if bar >= 1:
        columns: list[float | None] = []
        for point in points:
            columns += [float(point.value)] * bar + [None]
        return columns[:-1]
    if len(points) <= room:
        return [float(p.value) for p in points]
    first = points[0].day
    days = (points[-1].day - first).days + 1
    buckets: list[list[int]] = [[] for _ in range(room)]
    for point in points:
        buckets[min(room - 1, (point.day - first).days * room // days)].append(point.value)
    return [sum(b) / len(b) if b else None for b in buckets]


def scale_table(series: Series) -> Iterator[Line]:
    yield [(f"  {'date':<10}  {'value':>5}  entry", DIM)]
    for point in series.points:
        yield [(f"  {point.day.isoformat()}  {point.value:>5}  {point.entry}", None)]


def options_part(found: Insights, *, width: int) -> Iterator[Line]:
    yield [(words.OPTIONS, HEAD)]
    if not found.options:
        yield [(words.NO_OPTIONS, None)]
        return
    any_together = False
    for options in found.options:
        yield []
        yield from option_rows(options, width=width)
        any_together = any_together or bool(options.together)
    yield []
    yield [(words.TOGETHER_HONEST if any_together else words.NO_TOGETHER, DIM)]


def option_rows(options: Options, *, width: int) -> Iterator[Line]:
    yield [
        (options.title, "bold"),
        (f"  {options.workbook} · {words.plural(options.answered, 'entry', 'entries')}", DIM),
    ]
    name_width = min(30, max(len(name) for name, _ in options.counts))
    most = max(count for _, count in options.counts)
    bar_room = max(5, width - name_width - 12)
    for name, count in options.counts:
        bar = "■" * max(1, round(count / most * bar_room)) if count else ""
        # The option in full, as written (a long one pushes its bar along).
        yield [(f"  {name:<{name_width}}  {count:>5}  ", None), (bar, BAR)]
    for together in options.together:
        yield [("  " + words.together_words(together), None)]


def plans_part(found: Insights) -> Iterator[Line]:
    plans = found.plans
    yield [(words.PLANS, HEAD)]
    if plans.total.planned == 0:
        yield [(words.NO_PLANS, None)]
        return
    yield [(words.plan_counts(plans.total), None)]
    yield []
    yield from _count_table("month", plans.by_month)
    yield []
    yield from _count_table("workbook", plans.by_workbook)
    yield [(words.MOVED_NOTE, DIM)]
    if plans.stale:
        yield []
        yield [(words.STILL_WANT, None)]
        for stale in plans.stale:
            yield [
                (f"  {stale.id}  ", DIM),
                (stale.text, None),
                (f"  (its day was {_day(stale.due, found.today)})", DIM),
            ]


def _count_table(what: str, rows: Sequence[tuple[str, PlanCounts]]) -> Iterator[Line]:
    name_width = max(len(what), *(len(name) for name, _ in rows))
    yield [(f"  {what:<{name_width}}  planned   done  dropped   open", DIM)]
    for name, c in rows:
        yield [
            (
                f"  {name:<{name_width}}  {c.planned:>7}  {c.done:>5}  {c.dropped:>7}  {c.open:>5}",
                None,
            )
        ]


def weeks_part(found: Insights, *, charts: bool, utf8: bool) -> Iterator[Line]:
    yield [(words.WEEKS, HEAD)]
    if not found.weeks:
        yield [(words.NO_WEEKS, None)]
        return
    if charts:
        yield from calendar(found.weeks, utf8=utf8)
        return
    yield [(f"  {'week':<8}  {'monday':<10}  entries", DIM)]
    for week in found.weeks:
        yield [(f"  {week.label:<8}  {week.monday.isoformat()}  {week.entries:>7}", None)]


def calendar(weeks: Sequence[Week], *, utf8: bool = True) -> Iterator[Line]:
    """A row per ISO year, a column per week (1 to 53), a shade for how many entries it
    had, with the months along the top and the shades' words beneath."""
    shades = SHADES if utf8 else ASCII_SHADES
    by_year: dict[int, dict[int, Week]] = {}
    for week in weeks:
        by_year.setdefault(week.year, {})[week.number] = week
    yield [("       " + _month_ruler(min(by_year)), DIM)]
    for year, numbered in sorted(by_year.items()):
        row: Line = [(f"  {year} ", DIM)]
        for number in range(1, 54):
            shown = numbered.get(number)
            if shown is None:
                row.append((" ", None))
                continue
            level = words.level_of(shown.entries)
            row.append((shades[level], SHADE_STYLES[level]))
        yield row
    legend: Line = [("  ", None)]
    for level, (_, said) in enumerate(words.LEVELS):
        legend += [(shades[level], SHADE_STYLES[level]), (f" {said}   ", DIM)]
    yield [("", None)]
    yield legend


def _month_ruler(year: int) -> str:
    """Month names above the week columns where each month starts."""
    ruler = [" "] * 53
    for month in range(1, 13):
        first = date(year, month, 1)
        monday = first + timedelta(days=(7 - first.weekday()) % 7)
        iso_year, number, _ = monday.isocalendar()
        if iso_year != year:
            continue
        name = f"{first:%b}"
        at = number - 1
        if all(c == " " for c in ruler[max(0, at - 1) : at + len(name)]):
            ruler[at : at + len(name)] = list(name)
    return "".join(ruler[:53]).rstrip()


def _short(label: str | None) -> str:
    return "" if not label else _fit(label, MOST_LABEL)


def _fit(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _day(day: date, today: date) -> str:
    return f"{day.day} {day:%b} {day.year}" if day.year != today.year else f"{day.day} {day:%b}"
