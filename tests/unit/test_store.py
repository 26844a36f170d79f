"""The journal store: private files, atomic appends, one-action rewrites, the lock."""

from __future__ import annotations

import dataclasses
import os
import stat
import threading
from datetime import date, datetime
from pathlib import Path

import pytest

from reflect.errors import JournalError, NotFoundError
from reflect.fileio import TEMP_PREFIX, atomic_write, locked
from reflect.journal.model import Action, Entry
from reflect.journal.render import FILE_HEADER
from reflect.journal.store import JournalStore


def _entry(entry_id: str, when: datetime, body: str = "words", *actions: Action) -> Entry:
    return Entry(entry_id, when, body=body, actions=tuple(actions))


@pytest.fixture
def store(tmp_path: Path) -> JournalStore:
    return JournalStore(tmp_path / "home" / "journal")


def test_files_are_private_whatever_the_umask(store: JournalStore) -> None:
    old = os.umask(0)
    try:
        path = store.add_entry(_entry("aaaaaaaa", datetime(2026, 11, 29, 9, 0)))
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.folder.parent.stat().st_mode) == 0o700


def test_entries_go_to_their_month_file_in_order(store: JournalStore) -> None:
    store.add_entry(_entry("aaaaaaaa", datetime(2026, 10, 31, 23, 59)))
    store.add_entry(_entry("bbbbbbbb", datetime(2026, 11, 1, 0, 0)))
    store.add_entry(_entry("cccccccc", datetime(2026, 11, 2, 8, 30)))
    assert [p.name for p in store.month_files()] == ["2026-10.txt", "2026-11.txt"]
    assert [e.id for e in store.entries()] == ["aaaaaaaa", "bbbbbbbb", "cccccccc"]
    assert [e.id for e in store.entries(newest_first=True)] == ["cccccccc", "bbbbbbbb", "aaaaaaaa"]
    assert (store.folder / "2026-11.txt").read_text().startswith(FILE_HEADER + "\n")


def test_adding_never_changes_existing_bytes(store: JournalStore) -> None:
    path = store.add_entry(_entry("aaaaaaaa", datetime(2026, 11, 1, 9, 0)))
    hand_edited = path.read_text() + "    a hand-added line, no newline at end"
    path.write_text(hand_edited)
    store.add_entry(_entry("bbbbbbbb", datetime(2026, 11, 2, 9, 0)))
    assert path.read_text().startswith(hand_edited + "\n")


def test_update_action_rewrites_only_its_lines(store: JournalStore) -> None:
    action = Action("k3f9", "Phone Sam", due=date(2026, 12, 4))
    path = store.add_entry(_entry("aaaaaaaa", datetime(2026, 11, 1, 9, 0), "x", action))
    store.add_entry(_entry("bbbbbbbb", datetime(2026, 11, 2, 9, 0), "Second\n\n\nentry"))
    # A hand edit elsewhere in the file, in a form reflect would not write itself.
    before = path.read_text().replace("    Second", "\tSecond")
    path.write_text(before)

    store.update_action(
        "k3f9",
        lambda a: dataclasses.replace(a, status="done", changed_on=date(2026, 12, 1), note="Good"),
    )
    after = path.read_text()
    changed = [line for line in after.split("\n") if line not in before.split("\n")]
    assert changed == ["- [x] Phone Sam  (k3f9 · due 2026-12-04 · done 2026-12-01)", "    Good"]
    assert "\tSecond" in after
    assert store.find_action("k3f9").action.note == "Good"


def test_unknown_action_is_not_found(store: JournalStore) -> None:
    with pytest.raises(NotFoundError):
        store.update_action("zzzz", lambda a: a)


def test_a_broken_file_is_named_and_never_written(store: JournalStore) -> None:
    action = Action("k3f9", "Phone Sam")
    path = store.add_entry(_entry("aaaaaaaa", datetime(2026, 11, 1, 9, 0), "x", action))
    broken = path.read_text() + "\nthis line is not in the format (k3f9\n"
    path.write_text(broken)
    with pytest.raises(JournalError) as caught:
        store.update_action("k3f9", lambda a: dataclasses.replace(a, status="dropped"))
    assert caught.value.path == path
    assert caught.value.line is not None
    assert path.read_text() == broken


def test_invalid_utf8_is_reported_with_a_line(store: JournalStore) -> None:
    store.folder.mkdir(parents=True)
    path = store.folder / "2026-11.txt"
    path.write_bytes(FILE_HEADER.encode() + b"\n\n## 2026-11-01 09:00\nid: aaaaaaaa\n\n    \xff\n")
    with pytest.raises(JournalError) as caught:
        list(store.entries())
    assert caught.value.line == 6


def test_temp_files_are_ignored_and_cleaned(store: JournalStore) -> None:
    store.folder.mkdir(parents=True)
    stray = store.folder / f"{TEMP_PREFIX}2026-11.txt.123.abcd"
    stray.write_text("half a file")
    assert store.month_files() == []
    store.add_entry(_entry("aaaaaaaa", datetime(2026, 11, 1, 9, 0)))
    assert not stray.exists()


def test_atomic_write_does_not_follow_a_planted_symlink(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("keep me")
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "file.txt").symlink_to(target)
    atomic_write(folder / "file.txt", b"new")
    assert target.read_text() == "keep me"  # the link was replaced, not written through
    assert (folder / "file.txt").read_text() == "new"


def test_journal_folder_through_a_symlink_is_written_to_its_real_path(tmp_path: Path) -> None:
    real = tmp_path / "synced" / "journal"
    real.mkdir(parents=True)
    link = tmp_path / "journal-link"
    link.symlink_to(real, target_is_directory=True)
    JournalStore(link).add_entry(_entry("aaaaaaaa", datetime(2026, 11, 1, 9, 0)))
    assert (real / "2026-11.txt").is_file()
    assert link.is_symlink()


def test_lock_serialises_writers(tmp_path: Path) -> None:
    store = JournalStore(tmp_path / "journal")
    order: list[str] = []
    inside = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with locked(store.folder):
            order.append("holder in")
            inside.set()
            release.wait(5)
            order.append("holder out")

    thread = threading.Thread(target=holder)
    thread.start()
    inside.wait(5)

    def add() -> None:
        store.add_entry(_entry("aaaaaaaa", datetime(2026, 11, 1, 9)))
        order.append("added")

    waiter = threading.Thread(target=add)
    waiter.start()
    waiter.join(0.2)  # the writer must be blocked while the lock is held
    assert order == ["holder in"]
    release.set()
    thread.join(5)
    waiter.join(5)
    assert order == ["holder in", "holder out", "added"]
