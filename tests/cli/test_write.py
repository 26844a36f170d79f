"""`reflect write`: free-form entries from an argument, a pipe, or the editor."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.cli.helpers import journal_text, reflect, use_fake_editor


def test_from_argument(reflect_home: Path) -> None:
    result = reflect("write", "Saw a heron by the canal.")
    assert result.exit_code == 0, result.output
    assert "## 2026-11-29 10:00\n" in journal_text(reflect_home)
    assert "    Saw a heron by the canal.\n" in journal_text(reflect_home)


def test_from_a_pipe_keeps_every_line(reflect_home: Path) -> None:
    text = "First line\n\n## looks like a heading\n    indented\n- [ ] not an action  (abcd)\n"
    assert reflect("write", input=text).exit_code == 0
    from reflect.journal.store import JournalStore

    [entry] = JournalStore(reflect_home / "journal").entries()
    assert entry.body == text.removesuffix("\n")


def test_from_the_editor(
    reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fake_editor(tmp_path, b"From the editor\n", monkeypatch)
    result = reflect("write")
    assert result.exit_code == 0, result.output
    assert "    From the editor" in journal_text(reflect_home)
    assert list((reflect_home / "drafts").glob("write-*")) == []  # the temp file is gone


def test_nothing_written_saves_nothing(reflect_home: Path) -> None:
    result = reflect("write", input="   \n")
    assert result.exit_code == 1
    assert journal_text(reflect_home) == ""


def test_journal_is_private(reflect_home: Path) -> None:
    reflect("write", "private words")
    path = reflect_home / "journal" / "2026-11.txt"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
