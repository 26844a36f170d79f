"""Changing one whole entry (star, unstar, delete, edit): only its own lines change.

The property tests write arbitrary month files (the journal format's own strategies),
change one entry, and check every other entry's text is byte for byte what it was.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from reflect.errors import AmbiguousIdError, JournalError, NotFoundError
from reflect.journal.model import Action, Entry
from reflect.journal.parse import parse
from reflect.journal.render import render_entry, render_file
from reflect.journal.rewrite import (
    EditError,
    delete_entry,
    describe_changes,
    raw_entry,
    read_edited,
    replace_entry,
    set_starred,
)
from reflect.journal.store import JournalStore
from tests.unit.test_journal_format import an_entry

MONTH = datetime(2026, 11, 1)


@st.composite
def a_month(draw: st.DrawFn) -> list[Entry]:
    """One to four entries, all in November 2026, ids unique."""
    entry_ids: set[str] = set()
    action_ids: set[str] = set()
    count = draw(st.integers(min_value=1, max_value=4))
    entries = []
    for _ in range(count):
        entry = draw(an_entry(entry_ids, action_ids))
        day = draw(st.integers(min_value=1, max_value=30))
        entries.append(dataclasses.replace(entry, written=entry.written.replace(2026, 11, day)))
    return entries


def own_texts(text: str) -> dict[str, str]:
    """Each entry's own lines, by id."""
    parsed = parse(text)
    lines = text.split("\n")
    return {
        entry_id: "\n".join(lines[span.start : span.end])
        for entry_id, span in parsed.entry_spans.items()
    }


def read(path: Path) -> str:
    """The file's text exactly (read_text would turn a '\r' someone wrote into a newline)."""
    return path.read_bytes().decode("utf-8")


def store_with(tmp_path: Path, entries: list[Entry]) -> tuple[JournalStore, Path]:
    folder = tmp_path / "journal"
    folder.mkdir(exist_ok=True)
    path = folder / "2026-11.txt"
    path.write_bytes(render_file(entries).encode("utf-8"))
    return JournalStore(folder), path


SETTINGS = settings(
    database=None,
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


# Always checked, whatever the seed: an empty text is written as a line of spaces, and
# deleting the entry after it once took that line for a separator (the flaky failure).
EMPTY_TEXT_THEN_LAST = [
    Entry("22222223", datetime(2026, 11, 1), body=""),
    Entry("22222222", datetime(2026, 11, 1)),
]


@SETTINGS
@example(entries=EMPTY_TEXT_THEN_LAST, which=1, change="delete")
@example(entries=EMPTY_TEXT_THEN_LAST, which=0, change="delete")
@example(entries=EMPTY_TEXT_THEN_LAST, which=0, change="star")
@example(entries=EMPTY_TEXT_THEN_LAST, which=1, change="edit")
@given(
    entries=a_month(),
    which=st.integers(min_value=0),
    change=st.sampled_from(["star", "unstar", "delete", "edit"]),
)
def test_a_change_to_one_entry_leaves_every_other_byte_for_byte(
    tmp_path_factory: pytest.TempPathFactory, entries: list[Entry], which: int, change: str
) -> None:
    text = render_file(entries)
    # Lone surrogates can be drawn but are never in a journal (it is UTF-8 on disk).
    assume(all(not 0xD800 <= ord(c) <= 0xDFFF for c in text))
    store, path = store_with(tmp_path_factory.mktemp("j"), entries)
    target = entries[which % len(entries)]
    before = own_texts(read(path))
    if change == "star":
        set_starred(store, target.id, True)
    elif change == "unstar":
        set_starred(store, target.id, False)
    elif change == "delete":
        delete_entry(store, target.id)
    else:
        raw = raw_entry(store, target.id)
        edited = dataclasses.replace(target, title="Edited", body="New words\n\n    indented")
        replace_entry(store, raw, render_entry(edited))
    text = read(path)
    after = own_texts(text)
    for entry in entries:
        if entry.id != target.id:
            assert after[entry.id] == before[entry.id]
    found = {e.id: e for e in parse(text).entries}
    if change == "delete":
        assert target.id not in found
        assert len(found) == len(entries) - 1
    elif change in ("star", "unstar"):
        assert found[target.id] == dataclasses.replace(target, starred=change == "star")
    else:
        assert found[target.id].body == "New words\n\n    indented"


def test_deleting_every_entry_leaves_a_readable_empty_month(tmp_path: Path) -> None:
    entries = [Entry(f"aaaaaaa{n}", MONTH.replace(day=n + 1), body=f"Entry {n}") for n in range(3)]
    store, path = store_with(tmp_path, entries)
    for entry in (entries[1], entries[2], entries[0]):
        delete_entry(store, entry.id)
    assert read(path) == "# reflect journal · format 1\n"
    assert parse(read(path)).entries == []


def test_delete_leaves_the_file_as_if_the_entry_had_never_been(tmp_path: Path) -> None:
    entries = [Entry(f"aaaaaaa{n}", MONTH.replace(day=n + 1), body=f"Entry {n}") for n in range(3)]
    store, path = store_with(tmp_path, entries)
    delete_entry(store, entries[1].id)
    assert read(path) == render_file([entries[0], entries[2]])
    delete_entry(store, entries[2].id)
    assert read(path) == render_file([entries[0]])


ORIGINAL = Entry(
    "k3f9q2mx",
    datetime(2026, 11, 3, 21, 14),
    title="Check-in",
    body="Tired.",
    actions=(Action("h7rt", "Go to bed early"), Action("p2wd", "Message Sam")),
)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda t: t.replace("id: k3f9q2mx", "id: zzzzzzzz"), "id changed from 'k3f9q2mx'"),
        (
            lambda t: t.replace("(h7rt)", "(h7rx)"),
            "has the id 'h7rx', which this entry did not have",
        ),
        (lambda t: t + "- [ ] A new one  (q9q9)\n", "which this entry did not have"),
        (lambda t: t.replace("2026-11-03", "2026-12-03"), "another month (2026-12)"),
        (lambda t: t + "\n## 2026-11-04 10:00\nid: bbbbbbbb\n", "holds 2 entries"),
        (lambda t: "   \n\n", "empty"),
        (lambda t: t.replace("    Tired.", "Tired."), "Line 4 of your edit"),
        (lambda t: t.replace("## 2026-11-03 21:14", "## 2026-11-31 21:14"), "Line 1 of your edit"),
    ],
)
def test_an_edit_that_would_change_ids_or_not_read_is_refused(change: object, says: str) -> None:
    assert callable(change)
    with pytest.raises(EditError) as caught:
        read_edited(change(render_entry(ORIGINAL)), ORIGINAL)
    assert says in caught.value.message


@pytest.mark.parametrize(
    ("edited", "summary"),
    [
        (dataclasses.replace(ORIGINAL, body="Rested."), "text changed"),
        (dataclasses.replace(ORIGINAL, title="New", starred=True), "title changed, starred"),
        (
            dataclasses.replace(
                ORIGINAL,
                actions=(
                    Action("h7rt", "Go to bed early", due=datetime(2026, 11, 9).date()),
                    Action("p2wd", "Message Sam", "done", changed_on=datetime(2026, 11, 5).date()),
                ),
            ),
            "1 action moved, 1 action marked done",
        ),
        (dataclasses.replace(ORIGINAL, actions=(ORIGINAL.actions[0],)), "1 action removed"),
    ],
)
def test_what_an_edit_changed_is_summed_up(edited: Entry, summary: str) -> None:
    assert describe_changes(ORIGINAL, edited) == summary


def test_an_edit_made_while_the_entry_changed_is_refused_and_writes_nothing(
    tmp_path: Path,
) -> None:
    store, path = store_with(tmp_path, [ORIGINAL])
    raw = raw_entry(store, ORIGINAL.id)
    store.update_action(
        "p2wd", lambda a: dataclasses.replace(a, status="done", changed_on=MONTH.date())
    )
    text = read(path)
    with pytest.raises(EditError, match="changed in the journal while you were editing"):
        replace_entry(store, raw, raw.text.replace("Tired.", "Rested."))
    assert read(path) == text  # the done is kept, nothing written


def test_a_damaged_month_file_is_named_and_never_written(tmp_path: Path) -> None:
    store, path = store_with(tmp_path, [ORIGINAL])
    damaged = read(path) + "\nstray words at column 0\n"
    path.write_bytes(damaged.encode("utf-8"))
    for change in (
        lambda: set_starred(store, ORIGINAL.id, True),
        lambda: delete_entry(store, ORIGINAL.id),
        lambda: raw_entry(store, ORIGINAL.id),
    ):
        with pytest.raises(JournalError) as caught:
            change()
        assert caught.value.path == path and caught.value.line is not None
        assert read(path) == damaged


def test_ids_by_a_unique_prefix_and_ambiguous_ones_listed(tmp_path: Path) -> None:
    entries = [
        Entry("k3f9q2mx", MONTH, body="First", actions=(Action("h7rt", "Walk"),)),
        Entry("k3f8zzzz", MONTH.replace(day=2), body="Second", actions=(Action("h7ab", "Run"),)),
        Entry("w8nb4c2d", MONTH.replace(day=3), body="Third"),
    ]
    store, _ = store_with(tmp_path, entries)
    assert store.find_entry("w8")[0].id == "w8nb4c2d"
    assert store.find_entry("K3F9")[0].id == "k3f9q2mx"
    assert store.find_action("h7r").action.id == "h7rt"
    with pytest.raises(AmbiguousIdError) as caught:
        store.find_entry("k3f")
    assert "k3f9q2mx" in caught.value.message and "k3f8zzzz" in caught.value.message
    with pytest.raises(AmbiguousIdError) as caught:
        store.find_action("h7")
    assert "h7rt  Walk" in caught.value.message and "h7ab  Run" in caught.value.message
    for unknown in ("k", "zz", "k3f9q2mxx"):  # one letter is never taken as a prefix
        with pytest.raises(NotFoundError) as not_found:
            store.find_entry(unknown)
        assert not isinstance(not_found.value, AmbiguousIdError)
