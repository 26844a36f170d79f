"""Looking back counts plain notes from their heading alone (`plain_note`), without
parsing their words; these tests hold it to never hiding a problem the parser would
report, and to agreeing with the parser on every note it does read."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings

from reflect.insights.facts import read_files
from reflect.journal.model import Entry
from reflect.journal.parse import parse, plain_note
from reflect.journal.query import Filters
from reflect.journal.render import FILE_HEADER, render_file
from reflect.journal.store import JournalStore
from reflect.terminal import is_utf8
from tests.unit.test_journal_format import BROKEN, month_files

# The journal format's own strategies draw whole month files: slow to generate on a
# busy machine, which is not what these tests are about.
NOTES = settings(
    max_examples=60, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@NOTES
@given(entries=month_files())
def test_a_note_read_from_its_heading_is_what_the_parser_reads(entries: list[Entry]) -> None:
    text = render_file(entries)
    parsed = {e.id: e for e in parse(text).entries}
    chunks = text.split("\n## ")[1:]
    assert len(chunks) == len(entries)
    for chunk in chunks:
        chunk = "## " + chunk + ("\n" if not chunk.endswith("\n") else "")
        note = plain_note(chunk)
        if note is None:
            continue
        written, entry_id = note
        entry = parsed[entry_id]
        assert entry.written == written
        assert entry.workbook is None and entry.actions == () and entry.sections == ()


@NOTES
@given(entries=month_files(free_form=True))
def test_looking_back_counts_every_note_the_parser_reads(entries: list[Entry]) -> None:
    import tempfile

    text = render_file(entries)
    # The format's strategies draw lone surrogates too (for the parser's own tests); no
    # month file on disk holds one, since reflect saves only what UTF-8 can hold.
    assume(is_utf8(text))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "2026-11.txt"
        path.write_text(text, encoding="utf-8")
        read = read_files(JournalStore(Path(folder)), Filters(), [path])
    assert read.left_out == []
    assert sorted(f.id for f in read.entries) == sorted(e.id for e in entries)
    days = {e.id: e.written.date() for e in entries}
    assert all(f.day == days[f.id] for f in read.entries)


@pytest.mark.parametrize(("text", "line"), [row[1:] for row in BROKEN], ids=[r[0] for r in BROKEN])
def test_every_damage_the_parser_names_is_named_by_looking_back(
    text: str, line: int, tmp_path: Path
) -> None:
    path = tmp_path / "2026-11.txt"
    path.write_bytes(text.encode("utf-8"))
    read = read_files(JournalStore(tmp_path), Filters(), [path])
    assert [(item.path, item.line) for item in read.left_out] == [(path, line)]
    assert read.entries == []


@pytest.mark.parametrize(
    "note",
    [
        "## 2026-11-05 08:02 · A note\nid: abcd2345\n\n    Words.\nNot indented.\n",
        "## 2026-11-05 08:02 · A note\nid: abcd2345\nmood: fine\n\n    Words.\n",
        "## 2026-13-05 08:02 · A note\nid: abcd2345\n\n    Words.\n",
        "## 2026-11-05 25:02 · A note\nid: abcd2345\n\n    Words.\n",
        "## 2026-11-05 08:02 · A note\nid: ABCD\n\n    Words.\n",
        "## 2026-11-05 08:02 · A note\n\n    Words.\n",
    ],
)
def test_a_damaged_note_is_parsed_and_reported(note: str, tmp_path: Path) -> None:
    assert plain_note(note) is None
    path = tmp_path / "2026-11.txt"
    path.write_text(f"{FILE_HEADER}\n\n{note}", encoding="utf-8")
    read = read_files(JournalStore(tmp_path), Filters(), [path])
    assert len(read.left_out) == 1 and read.left_out[0].line is not None
