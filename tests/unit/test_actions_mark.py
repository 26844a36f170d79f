"""actions.mark: the three statuses change an action; any other word changes nothing."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from reflect.actions import mark
from reflect.journal.model import Action, Entry
from reflect.journal.store import JournalStore

TODAY = date(2026, 11, 29)


@pytest.fixture
def store(tmp_path: Path) -> JournalStore:
    store = JournalStore(tmp_path / "journal")
    store.add_entry(
        Entry("aaaaaaa1", datetime(2026, 11, 2, 9, 0), actions=(Action("k3f9", "Call"),))
    )
    return store


@pytest.mark.parametrize(
    ("status", "changed_on"), [("done", TODAY), ("dropped", TODAY), ("open", None)]
)
def test_each_status_is_kept(store: JournalStore, status: str, changed_on: date | None) -> None:
    found = mark(store, "k3f9", status, TODAY, "a note")
    assert (found.action.status, found.action.changed_on, found.action.note) == (
        status,
        changed_on,
        "a note",
    )
    assert store.find_action("k3f9").action == found.action


@pytest.mark.parametrize("status", ["", "Done", "finished", "done ", "open\n"])
def test_any_other_word_is_refused_before_anything_is_written(
    store: JournalStore, status: str
) -> None:
    before = (store.folder / "2026-11.txt").read_bytes()
    with pytest.raises(ValueError, match="not an action status"):
        mark(store, "k3f9", status, TODAY)
    assert (store.folder / "2026-11.txt").read_bytes() == before
