"""What the last walk of a workbook left for another day, read from the journal: the
newest entry of that workbook decides, wherever and however it was written."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from reflect.journal.left import left_last_time, newest_entry_of
from reflect.journal.model import Entry, LeftPrompt
from reflect.journal.render import render_file
from reflect.journal.store import JournalStore

WHY = LeftPrompt("why", "What's behind that number?")
PLAN = LeftPrompt("plan", "One small step?")


def entry(
    entry_id: str, when: str, workbook: str | None, *left: LeftPrompt, body: str | None = None
) -> Entry:
    return Entry(
        id=entry_id,
        written=datetime.fromisoformat(when),
        workbook=workbook,
        body=body if workbook is None else None,
        left=left,
    )


# (entries, in the order they are added; what "check-in" left last time).
JOURNALS = {
    "none yet": ([], ()),
    "one entry": ([entry("aaaaaaaa", "2026-11-03 21:00", "check-in", WHY, PLAN)], (WHY, PLAN)),
    "the newest decides, even when it left nothing": (
        [
            entry("aaaaaaaa", "2026-10-03 21:00", "check-in", WHY),
            entry("bbbbbbbb", "2026-11-03 21:00", "check-in"),
        ],
        (),
    ),
    "a newer month wins over an older one": (
        [
            entry("aaaaaaaa", "2026-10-03 21:00", "check-in", WHY),
            entry("bbbbbbbb", "2026-12-01 08:00", "check-in", PLAN),
        ],
        (PLAN,),
    ),
    "within a month, the later time (not the later line)": (
        [
            entry("aaaaaaaa", "2026-11-20 21:00", "check-in", WHY),
            entry("bbbbbbbb", "2026-11-03 21:00", "check-in", PLAN),
        ],
        (WHY,),
    ),
    "other workbooks and notes since do not count": (
        [
            entry("aaaaaaaa", "2026-10-03 21:00", "check-in", WHY),
            entry("bbbbbbbb", "2026-11-03 21:00", "check-in-2", PLAN),
            entry("cccccccc", "2026-11-04 21:00", "check", PLAN),
            entry("dddddddd", "2026-12-04 21:00", None, body="workbook: check-in\n"),
        ],
        (WHY,),
    ),
}


@pytest.mark.parametrize(("entries", "left"), JOURNALS.values(), ids=JOURNALS)
def test_the_newest_entry_of_the_workbook_says_what_was_left(
    tmp_path: Path, entries: list[Entry], left: tuple[LeftPrompt, ...]
) -> None:
    store = JournalStore(tmp_path / "journal")
    for item in entries:
        store.add_entry(item)
    assert left_last_time(store, "check-in") == left
    newest = newest_entry_of(store, "check-in")
    mine = [e for e in entries if e.workbook == "check-in"]
    assert newest == (max(mine, key=lambda e: e.written) if mine else None)


@pytest.mark.parametrize(
    "text",
    [
        # the newest entry of the workbook is damaged
        "# reflect journal · format 3\n\n## 2026-11-03 21:00\nid: bbbbbbbb\n"
        "workbook: check-in\nnot a line reflect knows\n",
        # a month file that names the workbook, with no header at all
        "## 2026-11-03 21:00\nid: bbbbbbbb\nworkbook: check-in\n",
        # a newer format than this reflect reads
        "# reflect journal · format 99\n\n## 2026-11-03 21:00\nid: bbbbbbbb\nworkbook: check-in\n",
    ],
)
def test_a_journal_that_cannot_be_read_offers_nothing(tmp_path: Path, text: str) -> None:
    store = JournalStore(tmp_path / "journal")
    store.add_entry(entry("aaaaaaaa", "2026-10-03 21:00", "check-in", WHY))
    (store.folder / "2026-11.txt").write_text(text, encoding="utf-8")
    assert left_last_time(store, "check-in") == ()  # not October's: it may be stale


def test_a_damaged_entry_of_another_workbook_is_not_even_read(tmp_path: Path) -> None:
    store = JournalStore(tmp_path / "journal")
    good = render_file([entry("aaaaaaaa", "2026-11-03 21:00", "check-in", WHY)])
    damaged = "\n## 2026-11-04 21:00\nid: bbbbbbbb\nworkbook: other\nnot a line\n"
    (store.folder).mkdir(parents=True)
    (store.folder / "2026-11.txt").write_text(good + damaged, encoding="utf-8")
    assert left_last_time(store, "check-in") == (WHY,)
