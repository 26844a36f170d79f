"""Looking back's numbers, against values worked out by hand on tests/data/insights.

The fixture is seventeen entries from 20 Sep to 28 Nov 2026 ("today" is Sun 29 Nov):
ten weekly check-ins on a 0 to 10 scale, two more after the scale became 1 to 5
(version 2), three free-form notes, one action added on its own and one weekly
review. Each expected value below is written out from the file, not from the code.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflect.insights.facts import EntryFacts, Picked, Scaled, facts_of, read_journal
from reflect.insights.stats import (
    Insights,
    Point,
    look_back,
    trend_of,
    weeks,
)
from reflect.journal.model import Action
from reflect.journal.query import Filters
from reflect.journal.store import JournalStore
from tests.conftest import DATA, FROZEN_TODAY

FIXTURE = DATA / "insights" / "journal"
FEELING = "How are you feeling, overall, this week?"


def _look(filters: Filters | None = None, folder: Path = FIXTURE) -> Insights:
    filters = filters or Filters()
    read = read_journal(JournalStore(folder), filters)
    return look_back(
        read.entries,
        today=FROZEN_TODAY,
        since=filters.since,
        until=filters.until,
        workbook=filters.workbook,
        left_out=read.left_out,
    )


def test_scales_are_one_series_per_range_never_rescaled() -> None:
    found = _look()
    assert [(s.workbook, s.prompt, s.low, s.high) for s in found.scales] == [
        ("wellbeing-check-in", "feeling-overall", 0, 10),
        ("wellbeing-check-in", "feeling-overall", 1, 5),
    ]
    old, new = found.scales
    assert [p.value for p in old.points] == [4, 5, 3, 6, 5, 7, 4, 8, 7, 6]
    assert [p.value for p in new.points] == [3, 4]
    assert old.other_ranges == ((1, 5),) and new.other_ranges == ((0, 10),)
    assert old.latest == Point(date(2026, 11, 22), 6, "e2aaaab2")
    assert (old.lowest, old.highest) == (3, 8)
    assert old.title == FEELING


def test_trend_compares_the_last_4_weeks_with_the_4_before() -> None:
    old, new = _look().scales
    # Last 4 weeks (2 Nov to 29 Nov): 8, 7, 6 -> 7.0. The 4 before (5 Oct to 1 Nov):
    # 6, 5, 7, 4 -> 5.5. 1.5 apart on a 0 to 10 scale: higher.
    assert old.trend is not None
    assert (old.trend.direction, old.trend.recent, old.trend.before) == ("higher", 7.0, 5.5)
    assert (old.trend.recent_count, old.trend.before_count) == (3, 4)
    assert new.trend is None  # two answers, both in the last 4 weeks: nothing to compare


@pytest.mark.parametrize(
    ("recent", "before", "expected"),
    [
        ([7, 7], [5, 5], "higher"),
        ([5, 5], [7, 7], "lower"),
        ([6, 6], [5, 6], "same"),  # 0.5 apart: under a tenth of 0 to 10
        ([6, 7], [5, 7], "same"),
        ([6, 6], [5, 5], "higher"),  # exactly a tenth of the range counts
    ],
)
def test_trend_words_need_a_tenth_of_the_range(
    recent: list[int], before: list[int], expected: str
) -> None:
    end = date(2026, 11, 29)
    points = [Point(end - timedelta(days=30 + i), v, "x") for i, v in enumerate(before)]
    points += [Point(end - timedelta(days=i), v, "y") for i, v in enumerate(recent)]
    trend = trend_of(sorted(points, key=lambda p: p.day), end=end, low=0, high=10)
    assert trend is not None and trend.direction == expected


@pytest.mark.parametrize(
    ("recent_days", "before_days"),
    [([0], [30, 31]), ([0, 1], [30]), ([], [30, 31, 32]), ([0, 1], [60, 61])],
)
def test_no_trend_without_two_answers_in_each_span(
    recent_days: list[int], before_days: list[int]
) -> None:
    end = date(2026, 11, 29)
    points = [Point(end - timedelta(days=d), 5, "e") for d in before_days + recent_days]
    assert trend_of(sorted(points, key=lambda p: p.day), end=end, low=0, high=10) is None


def test_option_counts_and_what_went_together() -> None:
    found = _look()
    by_prompt = {o.prompt: o for o in found.options}
    assert set(by_prompt) == {"part-of-your-week", "help-most"}  # weekly-review has no scale
    ticks = by_prompt["part-of-your-week"]
    assert ticks.kind == "checklist" and ticks.answered == 9
    assert ticks.counts == (
        ("Time outdoors", 5),
        ("Time with people I like", 4),
        ("Something that made me laugh", 2),
    )
    together = {t.option: t for t in ticks.together}
    # Laughing was ticked twice: under 3, so no averages for it.
    assert set(together) == {"Time outdoors", "Time with people I like"}
    outdoors = together["Time outdoors"]
    # With: 4, 6, 7, 8, 7 -> 6.4. Without (answered, not ticked): 5, 5, 4, 6 -> 5.0.
    assert (outdoors.with_count, outdoors.with_average) == (5, 6.4)
    assert (outdoors.without_count, outdoors.without_average) == (4, 5.0)
    people = together["Time with people I like"]
    assert (people.with_count, people.with_average) == (4, 5.5)  # 5, 6, 5, 6
    assert (people.without_count, people.without_average) == (5, 6.0)  # 4, 7, 4, 8, 7
    choice = by_prompt["help-most"]
    assert choice.kind == "choice" and choice.answered == 4
    assert choice.counts == (("More rest", 3), ("Time with people", 1))
    assert choice.together == ()  # one entry without "More rest": too few


def test_plans_kept_per_month_and_workbook() -> None:
    plans = _look().plans
    assert vars(plans.total) == {"planned": 7, "done": 2, "dropped": 1, "open": 4}
    assert [(m, vars(c)) for m, c in plans.by_month] == [
        ("2026-09", {"planned": 2, "done": 1, "dropped": 0, "open": 1}),
        ("2026-10", {"planned": 2, "done": 1, "dropped": 1, "open": 0}),
        ("2026-11", {"planned": 3, "done": 0, "dropped": 0, "open": 3}),
    ]
    assert [(b, c.planned, c.open) for b, c in plans.by_workbook] == [
        ("free-form", 1, 1),
        ("weekly-review", 1, 1),
        ("wellbeing-check-in", 5, 2),
    ]
    # Due 1 Oct, 59 days ago; the dentist (10 Nov, 19 days) and undated ones are not offered.
    assert [(s.id, s.due) for s in plans.stale] == [("b2b2", date(2026, 10, 1))]


def test_entries_per_iso_week_with_the_quiet_weeks_too() -> None:
    found = _look()
    assert [(w.label, w.entries) for w in found.weeks] == [
        ("2026-W38", 1),
        ("2026-W39", 1),
        ("2026-W40", 1),
        ("2026-W41", 3),
        ("2026-W42", 1),
        ("2026-W43", 1),
        ("2026-W44", 1),
        ("2026-W45", 2),
        ("2026-W46", 1),
        ("2026-W47", 2),
        ("2026-W48", 3),
    ]
    assert found.entries == 17 == sum(w.entries for w in found.weeks)


def test_filters_narrow_every_part() -> None:
    found = _look(Filters(since=date(2026, 11, 1), workbook="wellbeing-check-in"))
    assert found.entries == 6
    assert [len(s.points) for s in found.scales] == [4, 2]
    assert vars(found.plans.total) == {"planned": 1, "done": 0, "dropped": 0, "open": 1}
    assert found.weeks[0].label == "2026-W44"  # the week holding 1 Nov


def test_a_damaged_month_is_left_out_and_named(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    folder.mkdir()
    for path in FIXTURE.glob("*.txt"):
        (folder / path.name).write_text(path.read_text())
    broken = folder / "2026-10.txt"
    broken.write_text(broken.read_text().replace("scale: 6 (0 to 10)", "scale: six"))
    found = _look(folder=folder)
    assert [(item.path.name, item.line) for item in found.left_out] == [
        ("2026-10.txt", 36)
    ]  # its prompt heading
    assert found.entries == 17 - 6  # October's six entries are not counted
    assert [w.label for w in found.weeks][:3] == ["2026-W38", "2026-W39", "2026-W40"]


def test_nothing_to_look_back_on() -> None:
    found = look_back([], today=FROZEN_TODAY)
    assert found.entries == 0 and found.scales == () and found.weeks == ()
    assert found.plans.total.planned == 0


def _entry(
    day: date, value: int, ticked: tuple[str, ...] = (), chose: str | None = None
) -> EntryFacts:
    picks: list[Picked] = []
    if ticked:
        picks.append(Picked("c", "Checklist", "checklist", tuple(dict.fromkeys(ticked))))
    if chose:
        picks.append(Picked("h", "Choice", "choice", (chose,)))
    return EntryFacts(f"e{day:%m%d}", day, "w", (Scaled("s", "Scale", value, 0, 10),), tuple(picks))


@given(
    st.lists(
        st.tuples(st.integers(0, 10), st.sets(st.sampled_from(["a", "b", "c"]), min_size=1)),
        min_size=0,
        max_size=14,
    )
)
def test_averages_with_and_without_match_a_plain_count(rows: list[tuple[int, set[str]]]) -> None:
    start = date(2026, 1, 5)
    entries = [
        _entry(start + timedelta(days=7 * i), v, tuple(sorted(t))) for i, (v, t) in enumerate(rows)
    ]
    found = look_back(entries, today=start + timedelta(days=7 * len(rows)))
    shown = {t.option: t for o in found.options for t in o.together}
    for option in "abc":
        with_values = [v for v, t in rows if option in t]
        without_values = [v for v, t in rows if option not in t]
        if len(rows) < 2 or len(with_values) < 3 or len(without_values) < 3:
            assert option not in shown
            continue
        together = shown[option]
        assert together.with_count == len(with_values)
        assert together.with_average == pytest.approx(sum(with_values) / len(with_values))
        assert together.without_average == pytest.approx(sum(without_values) / len(without_values))


@pytest.mark.parametrize(
    ("since", "end", "labels"),
    [
        (date(2026, 12, 28), date(2027, 1, 10), ["2026-W53", "2027-W01"]),
        (date(2020, 12, 31), date(2021, 1, 4), ["2020-W53", "2021-W01"]),
        (date(2026, 11, 29), date(2026, 11, 29), ["2026-W48"]),
    ],
)
def test_weeks_follow_iso_years_across_new_year(since: date, end: date, labels: list[str]) -> None:
    one = [EntryFacts("e", since, None)]
    assert [w.label for w in weeks(one, since=since, end=end)] == labels


def test_stale_is_more_than_four_weeks_past_its_day() -> None:
    today = date(2026, 11, 29)
    late = [Action(f"a{d:03d}", "x", due=today - timedelta(days=d)) for d in (27, 28, 29, 90)]
    closed = Action("done", "y", "done", today - timedelta(days=90), changed_on=today)
    actions = (*late, closed)
    found = look_back([EntryFacts("e", date(2026, 7, 1), None, actions=actions)], today=today)
    assert [s.id for s in found.plans.stale] == ["a090", "a029"]


def test_an_entry_gives_looking_back_its_numbers_and_picks_through_its_kinds() -> None:
    """Each kind says whether its answer is a point on a scale or a pick of options
    (Answer.on_scale / options_picked); the others give looking back nothing."""
    from datetime import datetime

    from reflect.journal.model import Entry, SectionRecord
    from reflect.kinds.checklist import ChecklistAnswer
    from reflect.kinds.choice import ChoiceAnswer
    from reflect.kinds.date import DateAnswer
    from reflect.kinds.scale import ScaleAnswer
    from reflect.kinds.short_list import ListAnswer
    from reflect.kinds.text import TextAnswer

    answers = (
        ScaleAnswer("mood", "Mood?", 3, 1, 5),
        ChoiceAnswer("help", "Helped?", "Rest"),
        ChecklistAnswer("week", "Week?", ("Walks", "Friends", "Walks")),
        TextAnswer("why", "Why?", "Because."),
        ListAnswer("three", "Three things?", ("a", "b")),
        DateAnswer("when", "When?", date(2026, 11, 1)),
    )
    entry = Entry(
        "e1", datetime(2026, 11, 2, 9), "", "w", sections=(SectionRecord("s", "S", answers),)
    )
    facts = facts_of(entry)
    assert facts.scales == (Scaled("mood", "Mood?", 3, 1, 5),)
    assert facts.picks == (
        Picked("help", "Helped?", "choice", ("Rest",)),
        Picked("week", "Week?", "checklist", ("Walks", "Friends")),
    )
