"""Listing and searching the journal: filters, reading only the month files needed,
and case-insensitive, Unicode-aware matches with spans a highlighter can use."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect.errors import JournalError, ReflectError
from reflect.journal.model import Action, Entry, SectionRecord
from reflect.journal.query import Filters, Pattern, list_entries, search
from reflect.journal.store import JournalStore
from reflect.kinds.choice import ChoiceAnswer
from reflect.kinds.text import TextAnswer


@pytest.fixture
def store(tmp_path: Path) -> JournalStore:
    store = JournalStore(tmp_path / "journal")
    store.add_entries(
        [
            Entry("aaaaaaa1", datetime(2026, 9, 2, 8, 0), body="September: Straße und Fluss"),
            Entry("aaaaaaa2", datetime(2026, 10, 5, 9, 0), body="October words\nsecond line"),
            Entry(
                "aaaaaaa3",
                datetime(2026, 10, 20, 21, 0),
                "Check-in",
                "wellbeing",
                sections=(
                    SectionRecord(
                        "how",
                        "How you are",
                        (
                            TextAnswer("why", "How are you feeling?", "Tired but hopeful"),
                            ChoiceAnswer("next", "What next?", "More rest"),
                        ),
                    ),
                    SectionRecord(
                        "plan", "Plan", (TextAnswer("what", "What will you do?", "Walk"),)
                    ),
                ),
            ),
            Entry(
                "aaaaaaa4",
                datetime(2026, 11, 28, 18, 30),
                actions=(Action("m9fj", "Phone Sam", note="Lovely chat, TIRED after"),),
            ),
        ]
    )
    return store


def ids(entries: list[Entry]) -> list[str]:
    return [entry.id for entry in entries]


def test_newest_first_with_filters(store: JournalStore) -> None:
    assert ids(list_entries(store)) == ["aaaaaaa4", "aaaaaaa3", "aaaaaaa2", "aaaaaaa1"]
    assert ids(list_entries(store, limit=2)) == ["aaaaaaa4", "aaaaaaa3"]
    assert ids(list_entries(store, since=date(2026, 10, 6))) == ["aaaaaaa4", "aaaaaaa3"]
    assert ids(list_entries(store, until=date(2026, 10, 5))) == ["aaaaaaa2", "aaaaaaa1"]
    assert ids(list_entries(store, workbook="wellbeing")) == ["aaaaaaa3"]
    assert ids(list_entries(store, workbook="free-form")) == ["aaaaaaa4", "aaaaaaa2", "aaaaaaa1"]
    assert ids(list_entries(store, newest_first=False, limit=1)) == ["aaaaaaa1"]
    assert list_entries(store, limit=0) == []


def test_only_the_month_files_needed_are_read(store: JournalStore) -> None:
    # A broken month outside the range (or past the limit) is never opened.
    (store.folder / "2026-09.txt").write_text("not a journal\n")
    assert ids(list_entries(store, limit=3)) == ["aaaaaaa4", "aaaaaaa3", "aaaaaaa2"]
    assert ids(list_entries(store, since=date(2026, 10, 1))) == ["aaaaaaa4", "aaaaaaa3", "aaaaaaa2"]
    with pytest.raises(JournalError):
        list_entries(store)


def test_section_filter_keeps_only_those_sections() -> None:
    entry = Entry(
        "bbbbbbbb",
        datetime(2026, 1, 1, 9, 0),
        body="private",
        actions=(Action("k3f9", "private too"),),
        sections=(SectionRecord("a", "A"), SectionRecord("b", "B")),
    )
    kept = Filters(section_ids=frozenset({"b"})).keep(entry)
    assert kept is not None
    assert (kept.body, kept.actions, [s.id for s in kept.sections]) == (None, (), ["b"])
    assert Filters(section_ids=frozenset({"zzz"})).keep(entry) is None


def test_search_is_case_insensitive_and_unicode_aware(store: JournalStore) -> None:
    [match] = search(store, "STRASSE")
    assert match.entry.id == "aaaaaaa1"
    [hit] = match.hits
    assert hit.where == "Text"
    assert hit.line[slice(*hit.spans[0])] == "Straße"


def test_search_finds_answers_choices_and_notes_newest_first(store: JournalStore) -> None:
    found = list(search(store, "tired"))
    assert ids([m.entry for m in found]) == ["aaaaaaa4", "aaaaaaa3"]
    note, answer = found[0].hits[0], found[1].hits[0]
    assert (note.where, note.line[slice(*note.spans[0])]) == ("Note", "TIRED")
    assert answer.where == "How are you feeling?"
    assert [m.entry.id for m in search(store, "more rest")] == ["aaaaaaa3"]


def test_search_reports_every_match_on_a_line() -> None:
    assert Pattern("ab").spans("abxABab") == ((0, 2), (3, 5), (5, 7))
    assert Pattern("ss").spans("Maß") == ((2, 3),)
    assert Pattern("a.c", regex=True).spans("ABC a-c") == ((0, 3), (4, 7))


def test_prompts_are_not_searched(store: JournalStore) -> None:
    assert list(search(store, "feeling")) == []


def test_search_with_filters_and_limit(store: JournalStore) -> None:
    [first] = search(store, "o", limit=1)
    assert first.entry.id == "aaaaaaa4"
    found = search(store, "words", filters=Filters(since=date(2026, 11, 1)))
    assert list(found) == []


def test_search_reads_only_the_entries_that_may_hold_the_words(store: JournalStore) -> None:
    """A damaged entry is reported when the words may be in it, and does not stop a search
    that could never find anything in it (every other command still reports it)."""
    october = store.folder / "2026-10.txt"
    october.write_text(
        october.read_text().replace("October words", "October words\nnot indented"),
        encoding="utf-8",
    )
    assert [m.entry.id for m in search(store, "walk")] == ["aaaaaaa3"]
    with pytest.raises(JournalError) as raised:
        list(search(store, "second line"))
    assert (raised.value.path, raised.value.line) == (october, 7)
    with pytest.raises(JournalError):  # a regular expression may match anywhere
        list(search(store, "walk", regex=True))


def test_regex_search(store: JournalStore) -> None:
    [match] = search(store, r"^second", regex=True)
    assert match.hits[0].line == "second line"


@pytest.mark.parametrize(
    ("pattern", "regex", "words"),
    [("", False, "Give some words"), ("(", True, "regular expression"), ("x*", True, "empty")],
)
def test_bad_patterns_are_refused_before_reading(pattern: str, regex: bool, words: str) -> None:
    with pytest.raises(ReflectError, match=words):
        Pattern(pattern, regex=regex)


def test_add_entries_skips_ids_already_there(store: JournalStore) -> None:
    again = Entry("aaaaaaa2", datetime(2026, 10, 5, 9, 0), body="October words\nsecond line")
    new = Entry("ccccccc1", datetime(2026, 10, 1, 7, 0), body="new")
    assert store.add_entries([again, new]) == [new]
    assert store.add_entries([again, new]) == []
    assert ids(list_entries(store, until=date(2026, 10, 31)))[:2] == ["aaaaaaa3", "aaaaaaa2"]


def test_add_entries_changes_nothing_when_one_month_file_is_broken(tmp_path: Path) -> None:
    store = JournalStore(tmp_path / "journal")
    store.folder.mkdir(mode=0o700)
    broken = store.folder / "2026-12.txt"
    broken.write_text("# reflect journal · format 1\n\nstray words\n")
    with pytest.raises(JournalError):
        store.add_entries(
            [
                Entry("ddddddd1", datetime(2026, 11, 1, 9, 0), body="November"),
                Entry("ddddddd2", datetime(2026, 12, 1, 9, 0), body="December"),
            ]
        )
    assert not (store.folder / "2026-11.txt").exists()
    assert broken.read_text() == "# reflect journal · format 1\n\nstray words\n"


@settings(max_examples=300, database=None, deadline=None)
@given(st.text(max_size=30), st.text(min_size=1, max_size=3))
def test_spans_always_cover_a_match_in_the_original_text(line: str, needle: str) -> None:
    spans = Pattern(needle).spans(line)
    assert bool(spans) == (needle.casefold() in line.casefold())
    for start, end in spans:
        assert needle.casefold() in line[start:end].casefold()
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start
