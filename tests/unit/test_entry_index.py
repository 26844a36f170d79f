"""The entry-id cache that finishing a walk looks in: always what the journal says now."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from reflect.finish import written_before
from reflect.journal.entry_index import CACHE_NAME, files_with_entry
from reflect.journal.model import Entry
from reflect.journal.store import JournalStore


@pytest.fixture
def store(tmp_path: Path) -> JournalStore:
    store = JournalStore(tmp_path / "journal", tmp_path / "cache")
    for when, entry_id in [
        (datetime(2016, 1, 5, 9, 0), "old1old1"),
        (datetime(2026, 11, 2, 9, 0), "new1new1"),
        (datetime(2026, 11, 3, 9, 0), "new2new2"),
    ]:
        store.add_entry(Entry(entry_id, when, body=f"id: look{entry_id[:4]} (indented: not an id)"))
    return store


def test_finds_an_entry_in_any_month(store: JournalStore) -> None:
    assert files_with_entry(store.folder, store.cache_dir or Path(), "old1old1") == ["2016-01.txt"]
    assert files_with_entry(store.folder, store.cache_dir or Path(), "new2new2") == ["2026-11.txt"]
    assert files_with_entry(store.folder, store.cache_dir or Path(), "lookold1") == []
    assert files_with_entry(store.folder, store.cache_dir or Path(), "new1") == []  # whole ids


@pytest.mark.parametrize(
    "damage",
    [
        b"not json",
        b"[]",
        b'{"format": 1, "journal": "/elsewhere", "files": {}}',
        b'{"format": 1, "journal": "%s", "files": {"2016-01.txt": {"sig": [0], "ids": 3}}}',
        b'{"format": 99, "files": {}}',
    ],
)
def test_a_damaged_or_foreign_cache_is_made_again(store: JournalStore, damage: bytes) -> None:
    assert store.cache_dir is not None
    files_with_entry(store.folder, store.cache_dir, "x")
    (store.cache_dir / CACHE_NAME).write_bytes(damage.replace(b"%s", str(store.folder).encode()))
    assert files_with_entry(store.folder, store.cache_dir, "old1old1") == ["2016-01.txt"]


def test_a_lying_cache_is_not_believed_once_the_file_changes(store: JournalStore) -> None:
    assert store.cache_dir is not None
    files_with_entry(store.folder, store.cache_dir, "x")
    store.add_entry(Entry("late1ate", datetime(2016, 1, 9, 9, 0), body="added later"))
    assert files_with_entry(store.folder, store.cache_dir, "late1ate") == ["2016-01.txt"]
    data = json.loads((store.cache_dir / CACHE_NAME).read_bytes())
    assert " late1ate " in data["files"]["2016-01.txt"]["ids"]


@pytest.mark.parametrize("cached", [True, False])
def test_written_before_with_and_without_a_cache(store: JournalStore, cached: bool) -> None:
    search = store if cached else JournalStore(store.folder)
    found = written_before("old1old1", search)
    assert found is not None and found[1].name == "2016-01.txt"
    assert written_before("lookold1", search) is None
    assert written_before("nothere1", search) is None
