"""What people type as a date, and what we say back, with the clock frozen by argument.

Each table row is one thing a person might type on a given day. The days:
SUN is Sun 29 Nov 2026, WED is Wed 2 Dec 2026, NYE is Thu 31 Dec 2026 (year rollover).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect.dates import (
    When,
    day_first_locale,
    due_wording,
    echo_when,
    format_day,
    format_when,
    numeric_note,
    parse_since,
    parse_when,
    relative,
)
from reflect.errors import DateError

SUN = date(2026, 11, 29)
WED = date(2026, 12, 2)
FRI = date(2026, 12, 4)
SAT = date(2026, 12, 5)
NYE = date(2026, 12, 31)


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        # Plain words; case and surrounding space do not matter.
        (SUN, "today", date(2026, 11, 29)),
        (SUN, "  Today  ", date(2026, 11, 29)),
        (SUN, "TONIGHT", date(2026, 11, 29)),
        (SUN, "tomorrow", date(2026, 11, 30)),
        (SUN, "tmrw", date(2026, 11, 30)),
        # A weekday is the next one strictly after today.
        (SUN, "fri", date(2026, 12, 4)),
        (SUN, "Friday", date(2026, 12, 4)),
        (SUN, "this friday", date(2026, 12, 4)),
        (SUN, "mon", date(2026, 11, 30)),
        (SUN, "sun", date(2026, 12, 6)),
        (WED, "fri", date(2026, 12, 4)),
        (WED, "wed", date(2026, 12, 9)),
        (WED, "thurs", date(2026, 12, 3)),
        # 'next <weekday>' is that day in next Monday-to-Sunday week.
        (SUN, "next monday", date(2026, 11, 30)),
        (SUN, "next sun", date(2026, 12, 6)),
        (WED, "next fri", date(2026, 12, 11)),
        (WED, "next   wednesday", date(2026, 12, 9)),
        (NYE, "fri", date(2027, 1, 1)),
        # Weeks, weekends, months.
        (SUN, "next week", date(2026, 11, 30)),
        (WED, "next week", date(2026, 12, 7)),
        (NYE, "next week", date(2027, 1, 4)),
        (SUN, "weekend", date(2026, 12, 5)),
        (WED, "this weekend", date(2026, 12, 5)),
        (SAT, "this weekend", SAT),
        (WED, "end of the week", date(2026, 12, 4)),
        (FRI, "end of week", FRI),
        (SAT, "end of week", date(2026, 12, 11)),
        (SUN, "next month", date(2026, 12, 1)),
        (NYE, "next month", date(2027, 1, 1)),
        # Counts, in digits or words.
        (SUN, "in 3 days", date(2026, 12, 2)),
        (SUN, "in 1 day", date(2026, 11, 30)),
        (SUN, "in a day", date(2026, 11, 30)),
        (SUN, "in a week", date(2026, 12, 6)),
        (SUN, "in two weeks", date(2026, 12, 13)),
        (SUN, "in a fortnight", date(2026, 12, 13)),
        (SUN, "in a month", date(2026, 12, 29)),
        (SUN, "in twelve months", date(2027, 11, 29)),
        (SUN, "in 3 months", date(2027, 2, 28)),  # no 29 Feb 2027: the month's last day
        (NYE, "in a month", date(2027, 1, 31)),
        (date(2028, 1, 31), "in a month", date(2028, 2, 29)),
        # Day and month, either way round, with or without a year.
        (SUN, "4 dec", date(2026, 12, 4)),
        (SUN, "4th december", date(2026, 12, 4)),
        (SUN, "4th of December", date(2026, 12, 4)),
        (SUN, "dec 4", date(2026, 12, 4)),
        (SUN, "December 4th", date(2026, 12, 4)),
        (SUN, "4 dec 2027", date(2027, 12, 4)),
        (SUN, "dec 4, 2027", date(2027, 12, 4)),
        (SUN, "29 nov", SUN),
        (SUN, "28 nov", date(2027, 11, 28)),  # passed this year, so next year
        (SUN, "1 sept", date(2027, 9, 1)),
        (SUN, "29 feb", date(2028, 2, 29)),  # waits for the next leap year
        (NYE, "dec 31", NYE),
        (NYE, "30 dec", date(2027, 12, 30)),
        (NYE, "1 jan", date(2027, 1, 1)),
        (NYE, "tomorrow", date(2027, 1, 1)),
        # ISO.
        (SUN, "2026-12-04", date(2026, 12, 4)),
        (SUN, "2026-11-29", SUN),
        (NYE, "2027-01-01", date(2027, 1, 1)),
    ],
)
def test_parse_when_reads_the_day(today: date, text: str, expected: date) -> None:
    assert parse_when(text, today) == When(expected)


@pytest.mark.parametrize(
    ("text", "expected_day", "expected_time"),
    [
        ("tomorrow 9am", date(2026, 11, 30), time(9, 0)),
        ("tomorrow 9 AM", date(2026, 11, 30), time(9, 0)),
        ("fri 9:30am", date(2026, 12, 4), time(9, 30)),
        ("fri 9.30pm", date(2026, 12, 4), time(21, 30)),
        ("fri 14:30", date(2026, 12, 4), time(14, 30)),
        ("fri at 14:30", date(2026, 12, 4), time(14, 30)),
        ("fri noon", date(2026, 12, 4), time(12, 0)),
        ("next week at noon", date(2026, 11, 30), time(12, 0)),
        ("today midnight", SUN, time(0, 0)),
        ("tomorrow 12am", date(2026, 11, 30), time(0, 0)),
        ("tomorrow 12pm", date(2026, 11, 30), time(12, 0)),
        ("in 3 days 7pm", date(2026, 12, 2), time(19, 0)),
        ("4 dec 2027 9am", date(2027, 12, 4), time(9, 0)),
        ("2026-12-04 08:05", date(2026, 12, 4), time(8, 5)),
    ],
)
def test_parse_when_reads_a_time_after_the_day(
    text: str, expected_day: date, expected_time: time
) -> None:
    assert parse_when(text, SUN) == When(expected_day, expected_time)


@pytest.mark.parametrize(
    ("today", "text", "expected_message"),
    [
        (
            SUN,
            "blorp",
            "I couldn't read 'blorp' as a date. "
            "Try 'tomorrow', 'fri', 'in 3 days', '4 dec' or '2026-12-04'.",
        ),
        (SUN, "31 feb", "31 February doesn't exist."),
        (SUN, "2026-11-24", "Tue 24 Nov 2026 has already passed — pick a day from today on."),
    ],
)
def test_parse_when_errors_read_like_this(today: date, text: str, expected_message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_when(text, today)
    assert caught.value.message == expected_message


@pytest.mark.parametrize(
    ("today", "text", "says"),
    [
        # Nothing, or nothing we know.
        (SUN, "", "There's no date here"),
        (SUN, "   ", "There's no date here"),
        (SUN, "blorp", "couldn't read 'blorp'"),
        (SUN, "next blorpday", "couldn't read"),
        (SUN, "in 3 parsecs", "couldn't read"),
        (SUN, "in many days", "couldn't read"),
        (SUN, "last fri", "couldn't read"),  # looking back is for filters, not due dates
        (SUN, "3 days ago", "couldn't read"),
        (SUN, "4 decembruary", "couldn't read"),
        # Counts that go nowhere.
        (SUN, "in -3 days", "'in -3 days' isn't in the future"),
        (SUN, "in 0 days", "'in 0 days' isn't in the future"),
        (SUN, "in 0 weeks", "isn't in the future"),
        # Impossible dates name the problem.
        (SUN, "31 feb", "31 February doesn't exist"),
        (SUN, "feb 30 2028", "30 February doesn't exist"),
        (SUN, "2026-02-30", "30 February doesn't exist"),
        (SUN, "2027-02-29", "29 February 2027 doesn't exist"),
        (SUN, "0 dec", "0 December doesn't exist"),
        (SUN, "32 jan", "32 January doesn't exist"),
        (SUN, "31 april", "31 April doesn't exist"),
        (SUN, "2026-13-01", "no month 13"),
        (SUN, "0000-01-01", "years from 1 to 9999"),
        # The past.
        (SUN, "24 nov 2026", "Tue 24 Nov 2026 has already passed"),
        (SUN, "2026-11-28", "Sat 28 Nov 2026 has already passed"),
        (NYE, "2026-01-01", "Thu 1 Jan 2026 has already passed"),
        # Times.
        (SUN, "tomorrow 25:00", "'25:00' isn't a time of day"),
        (SUN, "fri 9:75", "'9:75' isn't a time of day"),
        (SUN, "fri 13pm", "'13pm' isn't a time of day"),
        (SUN, "fri 0am", "'0am' isn't a time of day"),
        (SUN, "9am", "Add a day before the time, like 'tomorrow 9am'"),
        (SUN, "at noon", "Add a day before the time"),
        # The end of the calendar.
        (date.max, "tomorrow", "further away than my calendar goes"),
        (date.max, "1 jan", "further away than my calendar goes"),
        (SUN, "in 999999999 days", "further away than my calendar goes"),
        (SUN, "in 99999 months", "further away than my calendar goes"),
    ],
)
def test_parse_when_refuses_kindly(today: date, text: str, says: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_when(text, today)
    message = caught.value.message
    assert says in message
    assert message.endswith("."), "a whole sentence"
    assert len(message) <= 110, "short enough to read at a glance"


def test_long_unreadable_text_is_shortened_in_the_message() -> None:
    with pytest.raises(DateError) as caught:
        parse_when("x" * 500, SUN)
    assert len(caught.value.message) < 160


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (SUN, "today", SUN),
        (SUN, "yesterday", date(2026, 11, 28)),
        (SUN, "this week", date(2026, 11, 23)),
        (SUN, "last week", date(2026, 11, 16)),
        (WED, "last week", date(2026, 11, 23)),
        (SUN, "this month", date(2026, 11, 1)),
        (SUN, "last month", date(2026, 10, 1)),
        # A weekday is the most recent one, today included; 'last' leaves today out.
        (SUN, "mon", date(2026, 11, 23)),
        (SUN, "sun", SUN),
        (SUN, "Saturday", date(2026, 11, 28)),
        (SUN, "last sun", date(2026, 11, 22)),
        (WED, "last mon", date(2026, 11, 30)),
        # Counts back.
        (SUN, "3 days ago", date(2026, 11, 26)),
        (SUN, "1 day ago", date(2026, 11, 28)),
        (SUN, "a week ago", date(2026, 11, 22)),
        (SUN, "two weeks ago", date(2026, 11, 15)),
        (SUN, "a fortnight ago", date(2026, 11, 15)),
        (SUN, "3 months ago", date(2026, 8, 29)),
        (date(2026, 3, 31), "a month ago", date(2026, 2, 28)),
        # Day and month without a year: the most recent one.
        (SUN, "4 dec", date(2025, 12, 4)),
        (SUN, "29 nov", SUN),
        (SUN, "nov 28th", date(2026, 11, 28)),
        (SUN, "29 feb", date(2024, 2, 29)),
        (date(2027, 1, 10), "4 dec", date(2026, 12, 4)),
        (date(2027, 1, 10), "last month", date(2026, 12, 1)),
        (date(2027, 1, 10), "last week", date(2026, 12, 28)),
        # With a year, or ISO, it is taken as given (the future is fine for --until).
        (SUN, "4 dec 2027", date(2027, 12, 4)),
        (SUN, "2020-01-01", date(2020, 1, 1)),
        (SUN, "2026-12-04", date(2026, 12, 4)),
    ],
)
def test_parse_since_prefers_the_past(today: date, text: str, expected: date) -> None:
    assert parse_since(text, today) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "There's no date here"),
        ("blorp", "couldn't read 'blorp' as a date. Try 'yesterday'"),
        # A day after today is refused for what it is, not as unreadable.
        ("in 3 days", "'in 3 days' is Wed 2 Dec 2026, after today"),
        ("next fri", "'next fri' is Fri 4 Dec 2026, after today"),
        ("tomorrow", "'tomorrow' is Mon 30 Nov 2026, after today, so nothing in your journal"),
        ("3 days", "after today"),
        ("yesterday 9am", "couldn't read"),
        ("0 days ago", "'0 days ago' isn't in the past"),
        ("31 feb", "31 February doesn't exist"),
        ("2026-00-10", "no month 0"),
    ],
)
def test_parse_since_refuses_kindly(text: str, says: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_since(text, SUN)
    assert says in caught.value.message


def test_parse_since_at_the_start_of_the_calendar_is_a_date_error() -> None:
    with pytest.raises(DateError, match="calendar"):
        parse_since("last week", date.min)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 4), "Fri 4 Dec"),
        (date(2027, 12, 4), "Sat 4 Dec 2027"),
        (date(2025, 12, 4), "Thu 4 Dec 2025"),
    ],
)
def test_format_day_shows_the_year_only_when_it_is_not_this_one(day: date, expected: str) -> None:
    assert format_day(day, SUN) == expected


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (When(date(2026, 12, 4)), "Fri 4 Dec"),
        (When(date(2026, 12, 4), time(9, 30)), "Fri 4 Dec 09:30"),
        (When(date(2027, 1, 1), time(21, 5)), "Fri 1 Jan 2027 21:05"),
    ],
)
def test_format_when(when: When, expected: str) -> None:
    assert format_when(when, SUN) == expected


@pytest.mark.parametrize(
    ("days_away", "expected"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (-1, "yesterday"),
        (2, "in 2 days"),
        (5, "in 5 days"),
        (13, "in 13 days"),
        (14, "in 2 weeks"),
        (20, "in 2 weeks"),
        (21, "in 3 weeks"),
        (365, "in 52 weeks"),
        (-2, "2 days ago"),
        (-13, "13 days ago"),
        (-14, "2 weeks ago"),
        (-30, "4 weeks ago"),
    ],
)
def test_relative(days_away: int, expected: str) -> None:
    assert relative(SUN + timedelta(days=days_away), SUN) == expected


@pytest.mark.parametrize(
    ("days_away", "expected"),
    [
        (0, "due today"),
        (1, "due tomorrow"),
        (5, "in 5 days"),
        (21, "in 3 weeks"),
        (-1, "1 day overdue"),
        (-2, "2 days overdue"),
        (-30, "30 days overdue"),
    ],
)
def test_due_wording(days_away: int, expected: str) -> None:
    assert due_wording(SUN + timedelta(days=days_away), SUN) == expected


@pytest.mark.parametrize(
    ("today", "when", "expected"),
    [
        (SUN, When(date(2026, 12, 4)), "Fri 4 Dec — in 5 days"),
        (SUN, When(date(2026, 12, 4), time(9, 30)), "Fri 4 Dec 09:30 — in 5 days"),
        (SUN, When(SUN), "Sun 29 Nov — today"),
        (NYE, When(date(2027, 1, 1)), "Fri 1 Jan 2027 — tomorrow"),
    ],
)
def test_echo_when(today: date, when: When, expected: str) -> None:
    assert echo_when(when, today) == expected


# ---- Properties. -----------------------------------------------------------------------

# Words from the grammar, so generated text often nearly parses rather than being noise.
_WORDS = (
    "today tonight tomorrow tmrw yesterday this next last week weekend end of the month "
    "in ago a an one twelve day days weeks fortnight months fri friday mon sun dec december "
    "feb 4 4th 29 31 0 -3 2026 2027 99999 2026-12-04 2026-02-30 9am 9:30 9.30pm 25:00 "
    "12am noon midnight at , . evening from now later 25/12 4/5 1.2. 2026-12-25t09:00 nov 2025"
)
_VOCABULARY = _WORDS.split()
_TYPED = st.one_of(
    st.text(max_size=30),
    st.lists(st.sampled_from(_VOCABULARY), max_size=5).map(" ".join),
)


@settings(database=None)  # keep the checkout clean: no .hypothesis/ directory
@given(text=_TYPED, today=st.dates())
def test_parse_when_returns_a_when_or_raises_a_date_error(text: str, today: date) -> None:
    try:
        when = parse_when(text, today)
    except DateError as error:
        assert error.message
    else:
        assert isinstance(when, When)
        assert when.day >= today


@settings(database=None)
@given(text=_TYPED, today=st.dates())
def test_parse_since_returns_a_date_or_raises_a_date_error(text: str, today: date) -> None:
    try:
        day = parse_since(text, today)
    except DateError as error:
        assert error.message
    else:
        assert isinstance(day, date)


@settings(database=None)
@given(data=st.data(), today=st.dates())
def test_any_iso_date_from_today_on_reads_back_as_itself(data: st.DataObject, today: date) -> None:
    day = data.draw(st.dates(min_value=today))
    assert parse_when(day.isoformat(), today).day == day
    assert parse_since(day.isoformat(), today) == day


# ---- Boundary. -----------------------------------------------------------------------


def test_importing_dates_pulls_in_only_the_standard_library() -> None:
    """`reflect remind` runs on every shell start; a date library would cost tens of ms."""
    script = (
        "import sys; before = set(sys.modules); import reflect.dates; "
        "new = {m.split('.')[0] for m in set(sys.modules) - before}; "
        "print(sorted(new - set(sys.stdlib_module_names) - {'reflect'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# ---- Phrases people type that were refused before (issue 16). ----------------------


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (SUN, "end of month", When(date(2026, 11, 30))),
        (SUN, "end of the month", When(date(2026, 11, 30))),
        (NYE, "end of month", When(NYE)),
        (date(2027, 2, 3), "end of month", When(date(2027, 2, 28))),
        (SUN, "next weekend", When(date(2026, 12, 5))),  # Sat of next Mon-Sun week
        (WED, "next weekend", When(date(2026, 12, 12))),
        (SUN, "a week from now", When(date(2026, 12, 6))),
        (SUN, "3 days from today", When(date(2026, 12, 2))),
        (SUN, "two weeks later", When(date(2026, 12, 13))),
        (SUN, "monday week", When(date(2026, 12, 7))),  # a week after the coming Monday
        (WED, "fri week", When(date(2026, 12, 11))),
        (SUN, "3 days", When(date(2026, 12, 2))),
        (SUN, "a week", When(date(2026, 12, 6))),
        (SUN, "2 months", When(date(2027, 1, 29))),
        (SUN, "fri at 9", When(date(2026, 12, 4), time(9, 0))),
        (SUN, "fri at 17", When(date(2026, 12, 4), time(17, 0))),
        (SUN, "tomorrow at 9:15", When(date(2026, 11, 30), time(9, 15))),
        (SUN, "this evening 7pm", When(SUN, time(19, 0))),
        (SUN, "this evening at 7", When(SUN, time(19, 0))),  # an evening hour is pm
        (SUN, "tonight at 8", When(SUN, time(20, 0))),
        (SUN, "tonight 8:30", When(SUN, time(20, 30))),
        (SUN, "tonight 9am", When(SUN, time(9, 0))),  # said am: kept
        (SUN, "tonight at 23", When(SUN, time(23, 0))),
        (SUN, "this evening", When(SUN)),
        (SUN, "2026-12-25T09:00", When(date(2026, 12, 25), time(9, 0))),
        (SUN, "2026-12-25t09:00:00", When(date(2026, 12, 25), time(9, 0))),
        (SUN, "2026-12-25 9:00", When(date(2026, 12, 25), time(9, 0))),
        # Numeric day and month: one order only when the other cannot be a date.
        (SUN, "25/12", When(date(2026, 12, 25))),
        (SUN, "12/25", When(date(2026, 12, 25))),
        (SUN, "25.12.", When(date(2026, 12, 25))),
        (SUN, "25/12/2027", When(date(2027, 12, 25))),
        (SUN, "25.12.27", When(date(2027, 12, 25))),
        (SUN, "25/12 9am", When(date(2026, 12, 25), time(9, 0))),
        (SUN, "5/5", When(date(2027, 5, 5))),
    ],
)
def test_parse_when_reads_more_phrases(today: date, text: str, expected: When) -> None:
    assert parse_when(text, today, day_first=True) == expected


@pytest.mark.parametrize(
    ("text", "day_first", "expected", "note"),
    [
        ("4/5", True, date(2027, 5, 4), "Read '4/5' as 4 May (day/month, as your locale"),
        ("4/5", False, date(2027, 4, 5), "Read '4/5' as 5 April (month/day, as your locale"),
        ("1.2.2027", True, date(2027, 2, 1), "as 1 February (day/month"),
        ("12/1 9am", False, date(2026, 12, 1), "as 1 December (month/day"),
        ("25/12", True, date(2026, 12, 25), None),  # only one reading: nothing to say
        ("7/7", False, date(2027, 7, 7), None),
        ("tomorrow", True, date(2026, 11, 30), None),
    ],
)
def test_numeric_dates_follow_the_locale_and_say_how_when_ambiguous(
    text: str, day_first: bool, expected: date, note: str | None
) -> None:
    assert parse_when(text, SUN, day_first=day_first).day == expected
    said = numeric_note(text, SUN, day_first=day_first)
    assert (said is None) if note is None else (said is not None and note in said)


@pytest.mark.parametrize(
    ("name", "day_first"),
    [
        ("en_US.UTF-8", False),
        ("en_GB.UTF-8", True),
        ("de_DE.UTF-8", True),
        ("fil_PH", False),
        ("C.UTF-8", True),
        ("POSIX", True),
    ],
)
def test_the_locale_order_comes_from_the_environment(
    name: str, day_first: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import locale

    before = locale.setlocale(locale.LC_TIME)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_TIME", name)
    assert day_first_locale() is day_first
    assert locale.setlocale(locale.LC_TIME) == before  # the process locale is unchanged
    assert parse_when("4/5", SUN).day == (date(2027, 5, 4) if day_first else date(2027, 4, 5))


@pytest.mark.parametrize(
    ("today", "text", "since", "until"),
    [
        (SUN, "yesterday", date(2026, 11, 28), date(2026, 11, 28)),
        (SUN, "nov", date(2026, 11, 1), date(2026, 11, 30)),
        (SUN, "November", date(2026, 11, 1), date(2026, 11, 30)),
        (SUN, "dec", date(2025, 12, 1), date(2025, 12, 31)),  # the most recent December
        (SUN, "feb 2024", date(2024, 2, 1), date(2024, 2, 29)),
        (SUN, "2025", date(2025, 1, 1), date(2025, 12, 31)),
        (SUN, "last year", date(2025, 1, 1), date(2025, 12, 31)),
        (SUN, "this year", date(2026, 1, 1), date(2026, 12, 31)),
        (SUN, "last week", date(2026, 11, 16), date(2026, 11, 22)),
        (SUN, "last month", date(2026, 10, 1), date(2026, 10, 31)),
        (SUN, "4 nov", date(2026, 11, 4), date(2026, 11, 4)),
        (SUN, "3/11", date(2026, 11, 3), date(2026, 11, 3)),
        (date(2027, 1, 10), "dec", date(2026, 12, 1), date(2026, 12, 31)),
    ],
)
def test_since_and_until_read_periods_from_their_first_or_last_day(
    today: date, text: str, since: date, until: date
) -> None:
    assert parse_since(text, today, day_first=True) == since
    assert parse_since(text, today, last=True, day_first=True) == until


def test_until_a_day_ahead_is_allowed_since_is_not() -> None:
    assert parse_since("tomorrow", SUN, last=True) == date(2026, 11, 30)
    with pytest.raises(DateError, match="after today"):
        parse_since("tomorrow", SUN)
