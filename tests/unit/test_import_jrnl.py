"""Reading jrnl 4.x plain-text journals: headers in jrnl's time formats, bodies kept
exactly, stars, same-minute entries, `- [ ]` lines, and ids that never change."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from reflect.errors import ReflectError
from reflect.importers.jrnl import decode, find_actions, parse_jrnl, strptime_format
from reflect.journal.model import ID_ALPHABET
from tests.conftest import DATA

JRNL = DATA / "jrnl"
PATH = Path("journal.txt")


def read(name: str) -> str:
    return (JRNL / name).read_text(encoding="utf-8")


def test_the_fixture_reads_into_entries_with_their_times_text_and_stars() -> None:
    entries = parse_jrnl(read("journal.txt"), PATH)
    assert [(e.written, e.starred) for e in entries] == [
        (datetime(2024, 2, 28, 21, 30), False),
        (datetime(2024, 3, 1, 8, 15), True),
        (datetime(2024, 3, 1, 8, 15, 42), False),
        (datetime(2024, 3, 1, 8, 15, 42), False),
        (datetime(2024, 3, 2, 10, 0), True),
        (datetime(2024, 3, 3, 19, 5, 9), False),
    ]
    first, walk, _, same_second, title_only, brackets = entries
    assert first.text == (
        "A long day at work, but a good one. @work\n"
        "Finished the quarterly report at last.\n"
        "\n"
        "Sam brought cake. @sam\n"
        "    (an indented line, kept as written)"
    )
    assert walk.text == (
        "Morning walk by the river.\nSaw a heron. @nature @walk\n\nIt stood completely still for ages."
    )
    assert same_second.text == "And another, in the very same second."
    assert title_only.text == "Just a title, no body"
    assert brackets.text == (
        "[Brackets] at the start of a title are fine.\n"
        "[not a date] this line stays in the body, as jrnl reads it too.\n"
        "Two blank lines follow, inside this entry (and trailing spaces here):   \n"
        "\n"
        "\n"
        "and then the end."
    )


def test_the_older_hh_mm_format_and_two_entries_in_one_minute() -> None:
    first, second = parse_jrnl(read("old-format.txt"), PATH)
    assert first.written == second.written == datetime(2023, 12, 31, 23, 59)
    assert (first.starred, second.starred) == (False, True)
    assert second.text == "Same minute, another entry\nFireworks outside."
    assert first.entry_id() != second.entry_id()


def test_ids_are_stable_short_and_typeable() -> None:
    entries = parse_jrnl(read("journal.txt"), PATH)
    ids = [e.entry_id() for e in entries]
    assert ids == [e.entry_id() for e in parse_jrnl(read("journal.txt"), PATH)]
    assert len(set(ids)) == len(ids)
    assert all(len(i) == 8 and set(i) <= set(ID_ALPHABET) for i in ids)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("[2024-03-01 08:15:00 PM] x", datetime(2024, 3, 1, 20, 15)),
        ("[2024-03-01 08:15 AM] x", datetime(2024, 3, 1, 8, 15)),
        ("[2024-03-01 20:15:07] x", datetime(2024, 3, 1, 20, 15, 7)),
        ("[2024-03-01 20:15] x", datetime(2024, 3, 1, 20, 15)),
        ("[2024-03-01T20:15:07] x", datetime(2024, 3, 1, 20, 15, 7)),
        ("[2024-03-01 20:15]", datetime(2024, 3, 1, 20, 15)),  # empty title, space stripped
    ],
)
def test_common_time_formats_are_recognised(header: str, expected: datetime) -> None:
    [entry] = parse_jrnl(header + "\nbody\n", PATH)
    assert entry.written == expected


def test_a_timeformat_from_jrnl_config() -> None:
    text = "[01.03.2024 20:15] Erster Eintrag\nText\n\n[02.03.2024 07:00] Zweiter\n"
    entries = parse_jrnl(text, PATH, "%d.%m.%Y %H:%M")
    assert [e.written for e in entries] == [datetime(2024, 3, 1, 20, 15), datetime(2024, 3, 2, 7)]
    assert strptime_format("%F %r") == "%Y-%m-%d %I:%M:%S %p"
    assert strptime_format("%F %T") == "%Y-%m-%d %H:%M:%S"


def test_no_entries_or_text_before_the_first_is_an_error_with_a_line() -> None:
    with pytest.raises(ReflectError, match="no jrnl entries"):
        parse_jrnl("just some notes\n", PATH)
    with pytest.raises(ReflectError, match="text before the first jrnl entry") as caught:
        parse_jrnl("\nstray\n[2024-03-01 20:15] Title\n", PATH)
    assert caught.value.line == 2


def test_an_encrypted_journal_is_named_as_such() -> None:
    with pytest.raises(ReflectError, match="jrnl --decrypt"):
        decode(b"gAAAAAB\xff\xfe\x00binary", PATH)
    assert decode(b"\xef\xbb\xbf[2024-03-01 20:15] x\r\nbody\r\n", PATH) == (
        "[2024-03-01 20:15] x\nbody\n"
    )


def test_task_lines_become_actions_with_due_dates() -> None:
    [_, _, dentist, *_] = parse_jrnl(read("journal.txt"), PATH)
    actions = list(find_actions(dentist.text, set()))
    assert [(a.text, a.due, a.status) for a in actions] == [
        ("Call the dentist", date(2024, 3, 5), "open"),
        ("Buy stamps", date(2024, 3, 2), "open"),
        ("Ask Priya about the walking group", None, "open"),
    ]
    assert len({a.id for a in actions}) == 3


@pytest.mark.parametrize(
    ("line", "text", "due"),
    [
        ("- [ ] due:2024-02-30 is not a day", "due:2024-02-30 is not a day", None),
        ("  - [ ] indented task  ", "indented task", None),
        ("- [ ] pay @due(2024-04-01) rent", "pay rent", date(2024, 4, 1)),
        ("- [ ]due:2024-04-01", None, None),  # needs a space after the box
        ("- [ ] @due(2024-04-01)", None, None),  # only a date: nothing to do
    ],
)
def test_task_line_edge_cases(line: str, text: str | None, due: date | None) -> None:
    found = [(a.text, a.due) for a in find_actions(line, set())]
    assert found == ([] if text is None else [(text, due)])
