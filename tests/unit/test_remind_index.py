"""The open-actions index: always what the journal says, however the cache was left."""

from __future__ import annotations

import json
import os
import stat
from datetime import date, datetime, time
from pathlib import Path

import pytest

from reflect import remind
from reflect.actions import mark, views
from reflect.dates import due_wording
from reflect.errors import JournalError
from reflect.journal import index
from reflect.journal.index import CACHE_NAME, open_actions
from reflect.journal.indexed_action import IndexedAction
from reflect.journal.model import Action, Entry, SectionRecord
from reflect.journal.store import JournalStore
from reflect.kinds.action import ActionAnswer

TODAY = date(2026, 11, 29)


@pytest.fixture
def store(tmp_path: Path) -> JournalStore:
    return JournalStore(tmp_path / "journal")


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def _planned(store: JournalStore) -> None:
    """Three months: a workbook session with two actions (one done), then loose actions."""
    plan = ActionAnswer(
        "small-step",
        "What will you do?",
        (
            Action("p2wd", "Message Sam about a walk", due=date(2026, 11, 29), at=time(15, 0)),
            Action("h7rt", "Bed by 22:30", "done", date(2026, 10, 6), None, date(2026, 10, 7)),
        ),
    )
    store.add_entry(
        Entry(
            "k3f9q2mx",
            datetime(2026, 10, 3, 21, 14),
            "Weekly wellbeing check-in",
            "wellbeing-check-in",
            "1",
            sections=(SectionRecord("next", "Next steps", (plan,)),),
        )
    )
    store.add_entry(
        Entry(
            "r5dm2cxa",
            datetime(2026, 11, 9, 18, 30),
            actions=(Action("x4kq", "Book the dentist", due=date(2026, 11, 12)),),
        )
    )
    store.add_entry(
        Entry("w8nb4c2d", datetime(2026, 12, 1, 8, 0), actions=(Action("m9fj", "Learn to juggle"),))
    )


def _ids(found: list[IndexedAction]) -> list[str]:
    return [a.id for a in found]


def test_lists_open_actions_with_where_they_came_from(store: JournalStore, cache: Path) -> None:
    _planned(store)
    found = open_actions(store, cache)
    assert _ids(found) == ["p2wd", "x4kq", "m9fj"]
    first = found[0]
    assert (first.due, first.at, first.workbook, first.month_file) == (
        date(2026, 11, 29),
        time(15, 0),
        "wellbeing-check-in",
        "2026-10.txt",
    )
    assert first.origin == "Weekly wellbeing check-in › Next steps › What will you do?"
    assert found[1].origin is None
    # The same as the full parse says, field for field that both have.
    full = [v for v in views(store.entries()) if v.action.status == "open"]
    assert [(v.action.id, v.action.text, v.action.due, v.origin) for v in full] == [
        (a.id, a.text, a.due, a.origin) for a in found
    ]


def test_a_warm_index_reads_no_month_file(
    store: JournalStore, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _planned(store)
    first = open_actions(store, cache)

    def no_parsing(folder: Path, name: str) -> list[object]:
        raise AssertionError(f"{name} was parsed again")

    monkeypatch.setattr(index, "_read_month", no_parsing)
    assert open_actions(store.folder, cache) == first


def test_only_the_changed_month_is_read_again(
    store: JournalStore, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _planned(store)
    open_actions(store, cache)
    mark(store, "x4kq", "done", TODAY)
    read: list[str] = []
    real = index._read_month

    def counting(folder: Path, name: str) -> index.Month:
        read.append(name)
        return real(folder, name)

    monkeypatch.setattr(index, "_read_month", counting)
    assert _ids(open_actions(store, cache)) == ["p2wd", "m9fj"]
    assert read == ["2026-11.txt"]


def test_new_and_removed_month_files(store: JournalStore, cache: Path) -> None:
    _planned(store)
    open_actions(store, cache)
    (store.folder / "2026-12.txt").unlink()
    assert _ids(open_actions(store, cache)) == ["p2wd", "x4kq"]
    store.add_entry(
        Entry("j2j2j2j2", datetime(2027, 1, 2, 9, 0), actions=(Action("q7q7", "New year"),))
    )
    assert _ids(open_actions(store, cache)) == ["p2wd", "x4kq", "q7q7"]


def test_old_temp_files_of_killed_saves_are_swept(store: JournalStore, cache: Path) -> None:
    """A save killed half-way leaves a temp file holding action text; the cache is
    written without the lock, so only temp files too old to belong to a save still
    running are removed."""
    _planned(store)
    open_actions(store, cache)
    old, fresh = cache / ".tmp-open-actions.json.1.a", cache / ".tmp-open-actions.json.2.b"
    old.write_text("Message Sam about a walk")
    fresh.write_text("Book the dentist")
    os.utime(old, (1_000_000_000, 1_000_000_000))
    store.add_entry(Entry("j2j2j2j2", datetime(2027, 1, 2, 9, 0), body="New year"))
    open_actions(store, cache)  # the index is written again
    assert not old.exists() and fresh.exists()


def test_a_hand_edit_in_place_is_seen(store: JournalStore, cache: Path) -> None:
    _planned(store)
    open_actions(store, cache)
    path = store.folder / "2026-11.txt"
    inode = path.stat().st_ino
    # As an editor that saves in place would: same file, same inode.
    path.write_text(
        path.read_text()
        .replace("(x4kq · due 2026-11-12)", "(x4kq · done 2026-11-20)")
        .replace("- [ ] Book", "- [x] Book")
    )
    assert path.stat().st_ino == inode
    assert _ids(open_actions(store, cache)) == ["p2wd", "m9fj"]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00\xff not json",
        b"[]",
        b'{"format": 999, "files": {}}',
        b'{"format": 1, "journal": "/somewhere/else", "files": {}}',
        "{journal_ok}",  # right journal, wrong shape of records
    ],
)
def test_a_damaged_or_foreign_cache_is_rebuilt(
    damage: bytes | str, store: JournalStore, cache: Path
) -> None:
    _planned(store)
    expected = open_actions(store, cache)
    data = json.loads((cache / CACHE_NAME).read_bytes())
    if isinstance(damage, str):
        for name in data["files"]:
            data["files"][name]["actions"] = [[1, 2, 3]]
        damage = json.dumps(data).encode()
    (cache / CACHE_NAME).write_bytes(damage)
    assert open_actions(store, cache) == expected
    assert json.loads((cache / CACHE_NAME).read_bytes())["format"] == index.INDEX_FORMAT


def test_the_cache_is_private_and_optional(store: JournalStore, tmp_path: Path) -> None:
    _planned(store)
    cache = tmp_path / "cache"
    open_actions(store, cache)
    assert stat.S_IMODE((cache / CACHE_NAME).stat().st_mode) == 0o600
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go")
    assert _ids(open_actions(store, blocked)) == ["p2wd", "x4kq", "m9fj"]


def test_no_journal_yet_is_no_actions_and_no_cache(store: JournalStore, cache: Path) -> None:
    assert open_actions(store, cache) == []
    assert not cache.exists()


def test_a_broken_month_file_is_an_error_not_a_cached_answer(
    store: JournalStore, cache: Path
) -> None:
    _planned(store)
    open_actions(store, cache)
    path = store.folder / "2026-11.txt"
    good = path.read_text()
    path.write_text(good + "\nthis line is not part of the format\n")
    with pytest.raises(JournalError) as caught:
        open_actions(store, cache)
    assert caught.value.path == path
    path.write_text(good)
    os.utime(path, ns=(1, 1))  # even with an old time, the size and inode tell it apart
    assert _ids(open_actions(store, cache)) == ["p2wd", "x4kq", "m9fj"]


@pytest.mark.parametrize("days_ago", [0, 1, 2, 13, 30, 400])
def test_remind_wording_is_the_dates_modules(days_ago: int) -> None:
    day = date.fromordinal(TODAY.toordinal() - days_ago)
    action = IndexedAction(
        id="a",
        text="t",
        due=day,
        at=None,
        note=None,
        entry_id="e",
        written=datetime(2020, 1, 1),
        entry_title="",
        workbook=None,
        section_id=None,
        section_title=None,
        prompt_id=None,
        prompt=None,
        month_file="2020-01.txt",
    )
    assert remind.wording(action, TODAY) == due_wording(day, TODAY)


# --------------------------------------------------------------------------- what remind says is due


def _due(store: JournalStore, cache: Path, today: date = TODAY) -> tuple[object, ...]:
    due_today, overdue = remind.due_actions(store.folder, cache, today)
    return (
        [a.id for a in due_today],
        [a.id for a in overdue],
        [(a.id, a.text, a.due, a.at) for a in due_today],
        [(a.id, a.text, a.due, a.at) for a in overdue],
    )


def test_due_today_by_time_and_overdue_most_recent_first(store: JournalStore, cache: Path) -> None:
    _planned(store)
    assert _due(store, cache) == (
        ["p2wd"],
        ["x4kq"],
        [("p2wd", "Message Sam about a walk", TODAY, time(15, 0))],
        [("x4kq", "Book the dentist", date(2026, 11, 12), None)],
    )


def test_what_is_due_sees_an_edit_in_place_even_with_the_old_times(
    store: JournalStore, cache: Path
) -> None:
    _planned(store)
    _due(store, cache)
    path = store.folder / "2026-11.txt"
    before = path.stat()
    path.write_text(path.read_text().replace("Book the dentist", "Book the dentisT"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, inode, mtime
    assert _due(store, cache)[3] == [("x4kq", "Book the dentisT", date(2026, 11, 12), None)]
    mark(store, "x4kq", "done", TODAY)
    assert _due(store, cache)[1] == []


def test_what_is_due_is_for_one_day(store: JournalStore, cache: Path) -> None:
    _planned(store)
    _due(store, cache)
    tomorrow = date(2026, 11, 30)
    assert _due(store, cache, tomorrow)[:2] == ([], ["p2wd", "x4kq"])
    assert _due(store, cache) == _due(store, cache, TODAY)


def test_new_and_removed_month_files_change_what_is_due(store: JournalStore, cache: Path) -> None:
    _planned(store)
    _due(store, cache)
    store.add_entry(
        Entry("j2j2j2j2", datetime(2026, 9, 2, 9, 0), actions=(Action("q7q7", "Old", due=TODAY),))
    )
    assert _due(store, cache)[0] == ["q7q7", "p2wd"]  # no time first, as before
    (store.folder / "2026-09.txt").unlink()
    assert _due(store, cache)[0] == ["p2wd"]
