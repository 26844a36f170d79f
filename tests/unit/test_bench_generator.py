"""The benchmark's journal generator writes journals reflect reads back, the same every time.

The timings in docs/performance.md are only worth something if the journal they
were taken on is a valid one, so this runs the generator at a tiny scale (about
forty days) and reads every month file back with the journal's own parser.
"""

from __future__ import annotations

import re
from pathlib import Path

from bench import generate
from reflect.journal.store import JournalStore

SCALE = 0.01


def test_month_files_parse_and_hold_what_the_summary_says(tmp_path: Path) -> None:
    summary = generate.generate(tmp_path / "out", SCALE)
    store = JournalStore(tmp_path / "out" / "reflect-home" / "journal")
    files = store.month_files()
    assert len(files) == summary.month_files >= 2
    entries = list(store.entries())  # raises JournalError, naming the line, if one doesn't parse
    assert len(entries) == summary.entries == summary.free_form + summary.sessions
    assert summary.sessions >= 5
    assert [e.written for e in entries] == sorted(e.written for e in entries)
    statuses: list[str] = [a.status for e in entries for a, _, _ in e.all_actions()]
    assert {status: statuses.count(status) for status in summary.actions} == summary.actions
    assert summary.actions["open"] > 0 and summary.actions["done"] > 0
    assert all(e.written.date() < generate.TODAY for e in entries)
    for entry in entries:
        if entry.workbook is None:
            assert entry.body is not None and 50 <= len(entry.body.split()) <= 340


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    generate.generate(tmp_path / "a", SCALE)
    generate.generate(tmp_path / "b", SCALE)
    for name in ("reflect-home/journal", "jrnl"):
        first = {p.name: p.read_bytes() for p in (tmp_path / "a" / name).iterdir()}
        second = {p.name: p.read_bytes() for p in (tmp_path / "b" / name).iterdir()}
        assert first == second


def test_jrnl_file_has_one_header_per_entry_in_jrnl_time_format(tmp_path: Path) -> None:
    summary = generate.generate(tmp_path / "out", SCALE)
    text = (tmp_path / "out" / "jrnl" / "journal.txt").read_text(encoding="utf-8")
    headers = re.findall(
        r"^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [AP]M\] ", text, flags=re.MULTILINE
    )
    assert len(headers) == summary.entries
    assert "\n\n[" in text  # a blank line between entries, as jrnl writes them
    config = (tmp_path / "out" / "xdg-config" / "jrnl" / "jrnl.yaml").read_text(encoding="utf-8")
    assert "encrypt: false" in config
    assert str((tmp_path / "out" / "jrnl" / "journal.txt").resolve()) in config
