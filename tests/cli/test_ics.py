"""`reflect actions --ics`: open actions as iCalendar to-dos that read back exactly."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar, Component, vDDDTypes

from reflect.actions import views
from reflect.export.ics import actions_to_ics
from reflect.journal.model import Action, Entry, SectionRecord
from reflect.journal.store import JournalStore
from reflect.kinds.action import ActionAnswer
from tests.cli.helpers import reflect


@pytest.fixture
def planned(reflect_home: Path) -> JournalStore:
    """A workbook session with a timed and a dated action, and two loose ones (one done)."""
    store = JournalStore(reflect_home / "journal")
    plan = ActionAnswer(
        "small-step",
        "What is one small thing you could do?",
        (
            Action(
                "p2wd", "Message Sam about a walk,; \\ <b>", due=date(2026, 12, 4), at=time(9, 30)
            ),
            Action("h7rt", "Go to bed by 22:30", due=date(2026, 11, 30)),
        ),
    )
    store.add_entry(
        Entry(
            "k3f9q2mx",
            datetime(2026, 11, 22, 21, 14),
            "Weekly wellbeing check-in",
            "wellbeing-check-in",
            "1",
            sections=(SectionRecord("one-small-step", "One small step", (plan,)),),
        )
    )
    store.add_entry(
        Entry(
            "r5dm2cxa",
            datetime(2026, 11, 28, 18, 30),
            actions=(
                Action("m9fj", "Learn to juggle"),
                Action(
                    "x4kq",
                    "Book the dentist",
                    "done",
                    date(2026, 11, 25),
                    None,
                    date(2026, 11, 28),
                    "Booked for Tuesday.",
                ),
            ),
        )
    )
    return store


def _todos(data: bytes) -> dict[str, Component]:
    calendar = Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0"
    return {str(todo["UID"]): todo for todo in calendar.walk("VTODO")}


def _moment(component: Component, name: str) -> vDDDTypes:
    """A date, time or duration property (DUE, DTSTAMP, TRIGGER), checked to be one:
    icalendar types a property as any of its thirty value classes."""
    value = component[name]
    assert isinstance(value, vDDDTypes), (name, value)
    return value


def _ics(*args: str) -> bytes:
    result = reflect("actions", "--ics", *args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_open_actions_round_trip(planned: JournalStore) -> None:
    todos = _todos(_ics())
    assert sorted(todos) == [
        "h7rt.k3f9q2mx@reflect.local",
        "m9fj.r5dm2cxa@reflect.local",
        "p2wd.k3f9q2mx@reflect.local",
    ]
    timed = todos["p2wd.k3f9q2mx@reflect.local"]
    assert str(timed["SUMMARY"]) == "Message Sam about a walk,; \\ <b>"
    assert _moment(timed, "DUE").dt == datetime(2026, 12, 4, 9, 30)  # floating local time
    assert str(timed["STATUS"]) == "NEEDS-ACTION"
    description = str(timed["DESCRIPTION"])
    assert (
        "From Weekly wellbeing check-in › One small step › What is one small thing you could do?."
        in description
    )
    assert "Workbook: wellbeing-check-in." in description
    [alarm] = timed.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert _moment(alarm, "TRIGGER").dt == timedelta(minutes=-15)
    assert _moment(alarm, "TRIGGER").params["RELATED"] == "END"
    stamp = _moment(timed, "DTSTAMP").dt
    assert isinstance(stamp, datetime) and stamp.utcoffset() == timedelta(0)

    dated = todos["h7rt.k3f9q2mx@reflect.local"]
    assert _moment(dated, "DUE").dt == date(2026, 11, 30)
    assert not isinstance(_moment(dated, "DUE").dt, datetime)
    [alarm] = dated.walk("VALARM")
    assert _moment(alarm, "TRIGGER").dt == timedelta(hours=9)  # 09:00 on the day

    undated = todos["m9fj.r5dm2cxa@reflect.local"]
    assert "DUE" not in undated and not undated.walk("VALARM")


def test_uids_are_stable_across_exports(planned: JournalStore) -> None:
    first = _ics()
    reflect("actions", "move", "h7rt", "fri")
    second = _ics()
    assert sorted(_todos(first)) == sorted(_todos(second))
    assert _moment(_todos(second)["h7rt.k3f9q2mx@reflect.local"], "DUE").dt == date(2026, 12, 4)
    assert _ics() == second  # the same journal and the same moment: the same bytes


def test_all_includes_closed_actions_with_their_notes(planned: JournalStore) -> None:
    reflect("actions", "drop", "m9fj", "--note", "Not this year")
    todos = _todos(_ics("--all"))
    done = todos["x4kq.r5dm2cxa@reflect.local"]
    assert str(done["STATUS"]) == "COMPLETED"
    assert "Booked for Tuesday." in str(done["DESCRIPTION"])
    assert "Done on 2026-11-28." in str(done["DESCRIPTION"])
    assert not done.walk("VALARM")
    dropped = todos["m9fj.r5dm2cxa@reflect.local"]
    assert str(dropped["STATUS"]) == "CANCELLED"
    assert "Not this year" in str(dropped["DESCRIPTION"])
    assert "x4kq.r5dm2cxa@reflect.local" not in _todos(_ics())


def test_output_file(planned: JournalStore, tmp_path: Path) -> None:
    target = tmp_path / "exports" / "actions.ics"
    target.parent.mkdir(mode=0o755)
    result = reflect("actions", "--ics", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert (
        result.stdout == f"Wrote 3 actions to {target}: import it into your calendar or task app.\n"
    )
    assert len(_todos(target.read_bytes())) == 3
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o755  # the user's folder is left alone
    assert target.read_bytes().count(b"\r\n") > 10


def test_output_needs_ics(planned: JournalStore, tmp_path: Path) -> None:
    result = reflect("actions", "-o", str(tmp_path / "x.ics"))
    assert result.exit_code == 2
    assert "--output goes with --ics" in result.output


def test_unwritable_output_is_a_short_error(planned: JournalStore, tmp_path: Path) -> None:
    result = reflect("actions", "--ics", "-o", str(tmp_path / "missing" / "x.ics"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"reflect: {tmp_path / 'missing' / 'x.ics'}: Could not write")


def test_empty_journal_is_an_empty_calendar() -> None:
    assert _todos(_ics()) == {}


def test_the_function_other_exports_call(planned: JournalStore) -> None:
    """`reflect export --format ics` calls this same function."""
    found = [v for v in views(planned.entries()) if v.action.status == "open"]
    data = actions_to_ics(found, datetime(2026, 11, 29, 10, 0))
    assert data == _ics()


def test_icalendar_is_imported_only_for_ics() -> None:
    probe = (
        "import sys, json\n"
        "sys.argv = ['reflect', 'actions']\n"
        "from reflect.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    ran = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "icalendar" not in json.loads(ran.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("every", "due", "rrule", "occurrences"),
    [
        ("day", "2026-11-30", "FREQ=DAILY", ["2026-11-30", "2026-12-01", "2026-12-02"]),
        (
            "3 days",
            "2026-11-30",
            "FREQ=DAILY;INTERVAL=3",
            ["2026-11-30", "2026-12-03", "2026-12-06"],
        ),
        (
            "weekday",
            "2026-12-04",
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            ["2026-12-04", "2026-12-07", "2026-12-08"],
        ),
        ("mon", "2026-11-30", "FREQ=WEEKLY;BYDAY=MO", ["2026-11-30", "2026-12-07", "2026-12-14"]),
        (
            "2 weeks",
            "2026-11-30",
            "FREQ=WEEKLY;INTERVAL=2",
            ["2026-11-30", "2026-12-14", "2026-12-28"],
        ),
        (
            "month",
            "2027-01-31",
            "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1",
            ["2027-01-31", "2027-02-28", "2027-03-31"],
        ),
    ],
)
def test_a_repeating_action_has_an_rrule_that_agrees_with_reflect(
    every: str, due: str, rrule: str, occurrences: list[str]
) -> None:
    from datetime import date as day

    from reflect.repeats import parse_repeat

    added = reflect("actions", "add", "Short walk", "--due", due, "--every", every)
    assert added.exit_code == 0, added.output
    result = reflect("actions", "--ics")
    [todo] = Calendar.from_ical(result.stdout_bytes).walk("VTODO")
    assert f"RRULE:{rrule}" in [line.strip() for line in result.stdout.splitlines()]
    assert todo.decoded("DTSTART") == day.fromisoformat(due)
    repeat = parse_repeat(json.loads(reflect("actions", "--json").stdout)[0]["repeat"])
    seen, today = [day.fromisoformat(due)], day(2026, 11, 29)
    while len(seen) < 3:
        seen.append(repeat.next_after(seen[-1], today))
    assert [d.isoformat() for d in seen] == occurrences


def test_a_one_off_action_has_no_rrule() -> None:
    assert reflect("actions", "add", "Ring the dentist", "--due", "tomorrow").exit_code == 0
    [todo] = Calendar.from_ical(reflect("actions", "--ics").stdout_bytes).walk("VTODO")
    assert "RRULE" not in todo and "DTSTART" not in todo
