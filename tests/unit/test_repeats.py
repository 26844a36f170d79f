"""Repeating plans: the words people type after `--every`, the words the journal keeps,
and the date each repeat comes back on (reflect/repeats.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflect.errors import DateError, JournalError
from reflect.journal.lines import render_action
from reflect.journal.model import STATUSES, Action, Status
from reflect.journal.parse import parse
from reflect.journal.render import format_needed
from reflect.repeats import Repeat, parse_repeat

SUNDAY = date(2026, 11, 29)  # tests/conftest.py's frozen today

repeats = st.one_of(
    st.builds(Repeat, st.integers(1, 999), st.sampled_from(["day", "week", "month"])),
    st.just(Repeat(1, "weekday")),
    st.builds(lambda day: Repeat(1, "week", weekday=day), st.integers(0, 6)),
    st.builds(lambda n, day: Repeat(n, "month", day=day), st.integers(1, 999), st.integers(29, 31)),
)
days = st.dates(date(2000, 1, 1), date(2100, 12, 31))


@pytest.mark.parametrize(
    ("typed", "written", "label"),
    [
        ("day", "every day", "every day"),
        ("daily", "every day", "every day"),
        ("weekday", "every weekday", "every weekday"),
        ("weekdays", "every weekday", "every weekday"),
        ("mon", "every monday", "every Monday"),
        ("tue", "every tuesday", "every Tuesday"),
        ("Mondays", "every monday", "every Monday"),
        ("every monday", "every monday", "every Monday"),
        ("  Every   Thurs ", "every thursday", "every Thursday"),
        ("week", "every week", "every week"),
        ("weekly", "every week", "every week"),
        ("2 weeks", "every 2 weeks", "every 2 weeks"),
        ("two weeks", "every 2 weeks", "every 2 weeks"),
        ("every other week", "every 2 weeks", "every 2 weeks"),
        ("fortnight", "every 2 weeks", "every 2 weeks"),
        ("3 days", "every 3 days", "every 3 days"),
        ("1 day", "every day", "every day"),
        ("month", "every month", "every month"),
        ("monthly", "every month", "every month"),
        ("6 months", "every 6 months", "every 6 months"),
        ("every month on the 31st", "every month on the 31st", "every month on the 31st"),
    ],
)
def test_what_people_type_reads_as_one_repeat(typed: str, written: str, label: str) -> None:
    repeat = parse_repeat(typed)
    assert repeat.text() == written
    assert repeat.label() == label
    assert parse_repeat(written) == repeat


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "sometimes",
        "0 days",
        "2 weekdays",
        "every",
        "mon tue",
        "3 years",
        "month on the 5th",
        "week on the 31st",
        "-2 weeks",
        "2.5 weeks",
        "every 2 mondays",
    ],
)
def test_a_repeat_that_cannot_be_read_is_a_date_error(typed: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_repeat(typed)
    assert caught.value.exit_code == 2
    assert "repeat" in caught.value.message


def test_a_count_past_999_is_refused_in_words() -> None:
    with pytest.raises(DateError, match="under 1000"):
        parse_repeat("5000 days")


@pytest.mark.parametrize(
    ("every", "due", "today", "after"),
    [
        # On time: the next one after the due date.
        ("day", date(2026, 11, 29), SUNDAY, date(2026, 11, 30)),
        ("3 days", date(2026, 11, 29), SUNDAY, date(2026, 12, 2)),
        ("week", date(2026, 11, 29), SUNDAY, date(2026, 12, 6)),
        ("2 weeks", date(2026, 11, 30), SUNDAY, date(2026, 12, 14)),
        ("mon", date(2026, 11, 30), SUNDAY, date(2026, 12, 7)),
        ("fri", date(2026, 11, 30), SUNDAY, date(2026, 12, 4)),  # due a Monday, then Fridays
        ("month", date(2026, 11, 29), SUNDAY, date(2026, 12, 29)),
        # A weekday repeat over a weekend: Friday, then Monday.
        ("weekday", date(2026, 11, 27), date(2026, 11, 27), date(2026, 11, 30)),
        ("weekday", date(2026, 11, 28), date(2026, 11, 28), date(2026, 11, 30)),
        ("weekday", date(2026, 11, 30), SUNDAY, date(2026, 12, 1)),
        # Done late: the next occurrence after today, on the repeat's own rhythm.
        ("mon", date(2026, 11, 16), SUNDAY, date(2026, 11, 30)),
        ("mon", date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 7)),  # late, on a Monday
        ("week", date(2026, 11, 11), SUNDAY, date(2026, 12, 2)),  # Wednesdays stay Wednesdays
        ("2 weeks", date(2026, 11, 2), SUNDAY, date(2026, 11, 30)),
        ("day", date(2026, 11, 20), SUNDAY, date(2026, 11, 30)),
        ("month", date(2026, 9, 15), SUNDAY, date(2026, 12, 15)),
        ("weekday", date(2026, 11, 20), SUNDAY, date(2026, 11, 30)),
        # Done early: past its own date, not today's.
        ("week", date(2026, 12, 10), SUNDAY, date(2026, 12, 17)),
        # Month ends: the month's last day when it has no such day, back to the 31st after.
        ("every month on the 31st", date(2027, 1, 31), date(2027, 1, 31), date(2027, 2, 28)),
        ("every month on the 31st", date(2027, 2, 28), date(2027, 2, 28), date(2027, 3, 31)),
        ("every month on the 31st", date(2027, 3, 31), date(2027, 3, 31), date(2027, 4, 30)),
        ("every month on the 30th", date(2028, 1, 30), date(2028, 1, 30), date(2028, 2, 29)),
        ("3 months", date(2026, 11, 30), SUNDAY, date(2027, 2, 28)),
        ("month", date(2026, 12, 31), date(2026, 12, 31), date(2027, 1, 31)),
    ],
)
def test_next_occurrence(every: str, due: date, today: date, after: date) -> None:
    assert parse_repeat(every).next_after(due, today) == after


def test_every_month_from_31_january_keeps_the_31st() -> None:
    repeat = parse_repeat("month").anchored(date(2027, 1, 31))
    assert repeat.text() == "every month on the 31st"
    due, seen = date(2027, 1, 31), []
    for _ in range(6):
        due = repeat.next_after(due, due)
        seen.append(due)
    assert seen == [
        date(2027, m, d) for m, d in [(2, 28), (3, 31), (4, 30), (5, 31), (6, 30), (7, 31)]
    ]


@pytest.mark.parametrize(
    ("every", "first"),
    [
        ("day", SUNDAY),
        ("weekday", date(2026, 11, 30)),
        ("sun", SUNDAY),
        ("wed", date(2026, 12, 2)),
        ("2 weeks", SUNDAY),
        ("month", SUNDAY),
    ],
)
def test_a_repeat_with_no_due_date_starts_on_its_first_day_from_today(
    every: str, first: date
) -> None:
    assert parse_repeat(every).first(SUNDAY) == first


@given(repeats, days, st.integers(-400, 400))
def test_the_next_occurrence_is_never_in_the_past_and_never_the_same_day(
    repeat: Repeat, due: date, late: int
) -> None:
    today = due + timedelta(days=late)
    after = repeat.next_after(due, today)
    assert after > due and after > today
    if repeat.weekday is not None:
        assert after.weekday() == repeat.weekday
    if repeat.unit == "weekday":
        assert after.weekday() < 5


@given(repeats)
def test_the_written_words_read_back_as_the_same_repeat(repeat: Repeat) -> None:
    assert parse_repeat(repeat.text()) == repeat
    assert parse_repeat(repeat.label()) == repeat


@given(repeats, days, st.sampled_from(STATUSES))
def test_an_action_line_with_a_repeat_round_trips(
    repeat: Repeat, due: date, status: Status
) -> None:
    changed = None if status == "open" else due
    action = Action(
        "h7rt", "Short walk (every day)  · ok", status, due, None, changed, None, repeat
    )
    text = "\n".join(
        [
            "# reflect journal · format 4",
            "",
            "## 2026-11-29 10:00",
            "id: k3f9q2mx",
            "",
            *render_action(action),
            "",
        ]
    )
    [entry] = parse(text).entries
    assert entry.actions == (action,)
    assert f" · {repeat.text()}" in render_action(action)[0]


@given(days, st.text(st.characters(exclude_characters="\n\r"), min_size=1).filter(str.strip))
def test_an_action_line_without_a_repeat_reads_and_writes_as_before(due: date, words: str) -> None:
    action = Action("p2wd", words, due=due)
    line = f"- [ ] {words}  (p2wd · due {due.isoformat()})"
    assert render_action(action) == [line]
    [entry] = parse(
        f"# reflect journal · format 1\n\n## 2026-11-29 10:00\nid: k3f9q2mx\n\n{line}\n"
    ).entries
    assert entry.actions[0].repeat is None
    assert format_needed([entry]) == 1


@pytest.mark.parametrize(
    "details",
    ["every sometimes", "every 0 days", "every", "every 2 weekdays"],
)
def test_a_damaged_repeat_in_the_journal_names_its_line(details: str) -> None:
    text = f"# reflect journal · format 4\n\n## 2026-11-29 10:00\nid: k3f9q2mx\n\n- [ ] Walk  (p2wd · due 2026-11-30 · {details})\n"
    with pytest.raises(JournalError) as caught:
        parse(text)
    assert caught.value.line == 6
    assert "is not a repeat" in str(caught.value)


def test_a_repeat_needs_a_due_date() -> None:
    with pytest.raises(ValueError, match="due date"):
        Action("p2wd", "Walk", repeat=Repeat(1, "day"))
