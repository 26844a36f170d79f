"""The numbers of looking back, worked out from entries' facts.

Four parts, each small and each said in docs/insights.md:

- scales over time, one series per (workbook, prompt id, range): a prompt whose
  scale changed between versions of its workbook is two series, never rescaled;
- what went together with better weeks: for a workbook's choice and checklist
  prompts, how often each option was picked, and the average of each of its scales
  in entries with and without the option, only with at least `ENOUGH` of each;
- plans kept: planned, done, dropped and still open, per month planned and per
  workbook, and the open ones more than `STALE_DAYS` past their day;
- how often someone came back: entries per ISO week.

No streaks, no scores: nothing here counts days missed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from reflect.insights.facts import EntryFacts, LeftOut
from reflect.journal.model import month_key
from reflect.journal.query import FREE_FORM

ENOUGH = 3  # entries with, and entries without, an option before an average is shown
TREND_DAYS = 28  # "the last 4 weeks", and "the 4 before"
TREND_POINTS = 2  # answers needed in each of the two spans to say anything
STALE_DAYS = 28  # open plans this far past their day are offered back

# The labelled ends of a scale, from its workbook (the journal keeps only the numbers):
# (workbook, prompt id, low, high) -> (low label, high label), or None when unknown.
Labels = Callable[[str, str, int, int], tuple[str | None, str | None] | None]


@dataclass(frozen=True)
class Point:
    day: date
    value: int
    entry: str


@dataclass(frozen=True)
class Trend:
    """The average of the last `TREND_DAYS` days' answers against the span before."""

    direction: Literal["higher", "lower", "same"]
    recent: float
    before: float
    recent_count: int
    before_count: int


@dataclass(frozen=True)
class Series:
    """One scale prompt's answers on one range, oldest first."""

    workbook: str
    prompt: str
    title: str
    low: int
    high: int
    points: tuple[Point, ...]
    low_label: str | None = None
    high_label: str | None = None
    # The other ranges the same prompt was answered on (each its own series).
    other_ranges: tuple[tuple[int, int], ...] = ()
    trend: Trend | None = None

    @property
    def latest(self) -> Point:
        return self.points[-1]

    @property
    def lowest(self) -> int:
        return min(p.value for p in self.points)

    @property
    def highest(self) -> int:
        return max(p.value for p in self.points)


@dataclass(frozen=True)
class Together:
    """One option against one scale: the scale's average in entries with and without it."""

    option: str
    scale: str  # the scale prompt's id
    scale_title: str
    low: int
    high: int
    with_count: int
    with_average: float
    without_count: int
    without_average: float


@dataclass(frozen=True)
class Options:
    """A choice or checklist prompt: how often each option was picked."""

    workbook: str
    prompt: str
    title: str
    kind: str  # the answer kind's name: "choice" or "checklist"
    answered: int  # entries with an answer to it
    counts: tuple[tuple[str, int], ...]  # most picked first
    together: tuple[Together, ...] = ()


@dataclass
class PlanCounts:
    planned: int = 0
    done: int = 0
    dropped: int = 0
    open: int = 0

    def add(self, status: str) -> None:
        self.planned += 1
        setattr(self, status, getattr(self, status) + 1)


@dataclass(frozen=True)
class Stale:
    """An open plan well past its day."""

    id: str
    text: str
    due: date
    workbook: str
    entry: str


@dataclass(frozen=True)
class Plans:
    total: PlanCounts
    by_month: tuple[tuple[str, PlanCounts], ...]  # by the month the plan was made in
    by_workbook: tuple[tuple[str, PlanCounts], ...]
    stale: tuple[Stale, ...]


@dataclass(frozen=True)
class Week:
    year: int  # the ISO year, which near New Year is not always the calendar one
    number: int
    monday: date
    entries: int

    @property
    def label(self) -> str:
        return f"{self.year:04d}-W{self.number:02d}"


@dataclass(frozen=True)
class Insights:
    today: date
    since: date | None
    until: date | None
    workbook: str | None
    entries: int
    first_day: date | None  # of the first entry looked at
    scales: tuple[Series, ...]
    options: tuple[Options, ...]
    plans: Plans
    weeks: tuple[Week, ...]
    left_out: tuple[LeftOut, ...] = field(default=())


def look_back(
    entries: Sequence[EntryFacts],
    *,
    today: date,
    since: date | None = None,
    until: date | None = None,
    workbook: str | None = None,
    labels: Labels | None = None,
    left_out: Iterable[LeftOut] = (),
) -> Insights:
    """Everything looking back shows, from `entries` (oldest first, already filtered)."""
    end = min(until, today) if until is not None else today
    scales = scale_series(entries, end=end, labels=labels)
    return Insights(
        today=today,
        since=since,
        until=until,
        workbook=workbook,
        entries=len(entries),
        first_day=min((e.day for e in entries), default=None),
        scales=scales,
        options=option_counts(entries, scales),
        plans=plans_kept(entries, today=today),
        weeks=weeks(entries, since=since, end=end),
        left_out=tuple(left_out),
    )


def scale_series(
    entries: Sequence[EntryFacts], *, end: date, labels: Labels | None = None
) -> tuple[Series, ...]:
    """Every (workbook, prompt, range) answered at least twice, in order of first answer."""
    found: dict[tuple[str, str, int, int], list[Point]] = {}
    titles: dict[tuple[str, str, int, int], str] = {}
    for entry in entries:
        if entry.workbook is None:
            continue
        for answer in entry.scales:
            key = (entry.workbook, answer.prompt_id, answer.low, answer.high)
            found.setdefault(key, []).append(Point(entry.day, answer.value, entry.id))
            titles[key] = answer.prompt  # the latest wording
    ranges: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for book, prompt, low, high in found:
        ranges.setdefault((book, prompt), []).append((low, high))
    series = []
    for key, points in found.items():
        if len(points) < 2:
            continue
        book, prompt, low, high = key
        named = labels(book, prompt, low, high) if labels is not None else None
        low_label, high_label = named or (None, None)
        series.append(
            Series(
                book,
                prompt,
                titles[key],
                low,
                high,
                tuple(points),
                low_label,
                high_label,
                tuple(r for r in ranges[(book, prompt)] if r != (low, high)),
                trend_of(points, end=end, low=low, high=high),
            )
        )
    return tuple(series)


def trend_of(points: Sequence[Point], *, end: date, low: int, high: int) -> Trend | None:
    """How the last 4 weeks up to `end` compare with the 4 before, or None without at
    least `TREND_POINTS` answers in each. A difference under a tenth of the scale's
    range is "about the same": a point or so on 0 to 10 is what a day's mood moves."""
    recent_from = end - timedelta(days=TREND_DAYS - 1)
    before_from = recent_from - timedelta(days=TREND_DAYS)
    recent = [p.value for p in points if recent_from <= p.day <= end]
    before = [p.value for p in points if before_from <= p.day < recent_from]
    if len(recent) < TREND_POINTS or len(before) < TREND_POINTS:
        return None
    now, then = sum(recent) / len(recent), sum(before) / len(before)
    direction: Literal["higher", "lower", "same"] = "same"
    if abs(now - then) >= (high - low) / 10:
        direction = "higher" if now > then else "lower"
    return Trend(direction, now, then, len(recent), len(before))


def option_counts(entries: Sequence[EntryFacts], scales: Sequence[Series]) -> tuple[Options, ...]:
    """Choice and checklist prompts of the workbooks that have a scale series."""
    books = {s.workbook for s in scales}
    counts: dict[tuple[str, str], Counter[str]] = {}
    answered: Counter[tuple[str, str]] = Counter()
    titles: dict[tuple[str, str], str] = {}
    kinds: dict[tuple[str, str], str] = {}
    for entry in entries:
        if entry.workbook not in books:
            continue
        for pick in entry.picks:
            key = (entry.workbook, pick.prompt_id)
            counts.setdefault(key, Counter()).update(pick.chosen)
            answered[key] += 1
            titles[key] = pick.prompt
            kinds[key] = pick.kind
    found = []
    for key, counter in counts.items():
        book, prompt = key
        ordered = tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))
        mine = [s for s in scales if s.workbook == book]
        together = []
        for series in mine:
            pairs = _pairs(entries, series, prompt)
            together += [t for option, _ in ordered if (t := _together(pairs, series, option))]
        found.append(
            Options(book, prompt, titles[key], kinds[key], answered[key], ordered, tuple(together))
        )
    return tuple(found)


def _pairs(
    entries: Sequence[EntryFacts], series: Series, prompt: str
) -> list[tuple[int, tuple[str, ...]]]:
    """(the series' value, the options picked) in each entry that answered both; an
    entry that skipped the prompt is on neither side of an average (a checklist with
    nothing ticked is not written down, so it looks the same as skipped)."""
    found = []
    wanted = (series.prompt, series.low, series.high)
    for entry in entries:
        if entry.workbook != series.workbook:
            continue
        value = next(
            (a.value for a in entry.scales if (a.prompt_id, a.low, a.high) == wanted), None
        )
        pick = next((p for p in entry.picks if p.prompt_id == prompt), None)
        if value is not None and pick is not None:
            found.append((value, pick.chosen))
    return found


def _together(
    pairs: Sequence[tuple[int, tuple[str, ...]]], series: Series, option: str
) -> Together | None:
    """The series' average in entries that picked `option` and in those that did not,
    with at least `ENOUGH` of each."""
    with_values = [value for value, chosen in pairs if option in chosen]
    without_values = [value for value, chosen in pairs if option not in chosen]
    if len(with_values) < ENOUGH or len(without_values) < ENOUGH:
        return None
    return Together(
        option,
        series.prompt,
        series.title,
        series.low,
        series.high,
        len(with_values),
        sum(with_values) / len(with_values),
        len(without_values),
        sum(without_values) / len(without_values),
    )


def plans_kept(entries: Iterable[EntryFacts], *, today: date) -> Plans:
    total = PlanCounts()
    months: dict[str, PlanCounts] = {}
    books: dict[str, PlanCounts] = {}
    stale = []
    for entry in entries:
        if not entry.actions:
            continue
        book = entry.workbook or FREE_FORM
        in_month = months.setdefault(month_key(entry.day), PlanCounts())
        in_book = books.setdefault(book, PlanCounts())
        for action in entry.actions:
            total.add(action.status)
            in_month.add(action.status)
            in_book.add(action.status)
            if (
                action.status == "open"
                and action.due is not None
                and (today - action.due).days > STALE_DAYS
            ):
                stale.append(Stale(action.id, action.text, action.due, book, entry.id))
    stale.sort(key=lambda s: (s.due, s.id))
    return Plans(
        total,
        tuple(sorted(months.items())),
        tuple(sorted(books.items())),
        tuple(stale),
    )


def weeks(entries: Sequence[EntryFacts], *, since: date | None, end: date) -> tuple[Week, ...]:
    """Entries in each ISO week, every week from the first (`since`, or the first entry's)
    to the one holding `end`, the empty ones too: a calendar has no gaps."""
    if not entries:
        return ()
    per_day = Counter(entry.day for entry in entries)
    first = since if since is not None else min(per_day)
    last = max(end, max(per_day))
    per_monday: Counter[date] = Counter()
    for day, count in per_day.items():
        per_monday[day - timedelta(days=day.weekday())] += count
    monday = first - timedelta(days=first.weekday())
    found = []
    while monday <= last:
        year, number, _ = monday.isocalendar()
        found.append(Week(year, number, monday, per_monday.get(monday, 0)))
        monday += timedelta(days=7)
    return tuple(found)
