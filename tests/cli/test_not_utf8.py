"""Words in bytes that are not UTF-8 (a terminal or file in another encoding).

Python hands such bytes on as lone surrogates, which a UTF-8 journal cannot hold.
reflect never changes someone's words to fit, so it turns them away with a clear
word and no traceback, keeps what it can byte for byte, and writes nothing else.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reflect import messages
from reflect.cli.root import app_for
from reflect.drafts import DraftStore
from reflect.errors import DraftError, JournalError
from reflect.journal.model import Entry
from reflect.journal.store import JournalStore
from reflect.paths import bundled_workbooks_dir
from reflect.session import Session
from reflect.workbook.loader import WorkbookSource, find_workbook
from tests.cli.helpers import reflect, use_fake_editor
from tests.guarantees.helpers import saved_state

NOT_UTF8 = "caf\udcff au lait"  # how Python hands on the bytes b"caf\xff au lait"


# Arguments and options of commands and of groups' subcommands, spelt every way an
# option can be: the refusal is the root group's, so no command is left out.
COMMAND_LINES = [
    ["write", NOT_UTF8],
    ["write", "--", NOT_UTF8],
    ["actions", "add", NOT_UTF8],
    ["actions", "add", "Call Sam", "--due", NOT_UTF8],
    ["search", NOT_UTF8],
    ["actions", "done", "abcd", "--note", NOT_UTF8],
    ["actions", "done", "abcd", f"--note={NOT_UTF8}"],
    ["export", "--workbook", NOT_UTF8],
    ["export", "-o", NOT_UTF8],
    ["journal", "--workbook", NOT_UTF8],
    ["workbook", "check", NOT_UTF8],
    ["start", NOT_UTF8],
    [NOT_UTF8],
]


@pytest.mark.parametrize("args", COMMAND_LINES, ids=lambda args: " ".join(args[:2]))
def test_a_command_line_in_another_encoding_is_refused_and_nothing_changes(
    args: list[str], reflect_home: Path
) -> None:
    assert reflect("write", "Already here.").exit_code == 0
    before = saved_state(reflect_home)
    for refused in (reflect(*args), CliRunner().invoke(app_for(args), args)):  # full, lazy
        assert refused.exit_code == 2, refused.output
        assert "not UTF-8 text" in refused.stderr and "Traceback" not in refused.output
        assert saved_state(reflect_home) == before


def test_a_real_command_line_in_another_encoding_is_refused(reflect_home: Path) -> None:
    """Bytes from a real argv (not a str a test made): the same refusal, nothing written."""
    env = {**os.environ, "REFLECT_HOME": str(reflect_home)}
    done = subprocess.run(
        [script().encode(), b"write", b"caf\xff au lait"], capture_output=True, env=env
    )
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert b"not UTF-8 text" in done.stderr
    assert not (reflect_home / "journal").exists()


def script() -> str:
    return str(Path(sys.executable).parent / "reflect")


def run(home: Path, *args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "REFLECT_HOME": str(home)}
    return subprocess.run([script(), *args], input=stdin, capture_output=True, env=env)


def test_piped_words_in_another_encoding_are_kept_byte_for_byte(reflect_home: Path) -> None:
    done = run(reflect_home, "write", stdin=b"caf\xff au lait\n")
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert messages.NOT_UTF8.encode() in done.stderr.replace(b"\n", b" ")
    [kept] = (reflect_home / "drafts").glob("write-*.txt")
    assert kept.read_bytes() == b"caf\xff au lait"  # exactly as piped
    assert str(kept).encode() in done.stderr
    assert not (reflect_home / "journal").exists() or not list(
        (reflect_home / "journal").glob("*.txt")
    )


def test_plain_mode_asks_again_for_a_line_in_another_encoding(reflect_home: Path) -> None:
    walk = b"7\ncaf\xff\nA good week, mostly.\n:pause\n"
    done = run(reflect_home, "start", "wellbeing-check-in", "--plain", stdin=walk)
    assert done.returncode == 0, done.stderr
    assert messages.NOT_UTF8_LINE.encode() in done.stderr.replace(b"\n", b" ")
    draft = (reflect_home / "drafts" / "wellbeing-check-in.toml").read_text(encoding="utf-8")
    assert "A good week, mostly." in draft and "caf" not in draft


def test_the_store_and_drafts_refuse_them_before_writing(tmp_path: Path) -> None:
    store = JournalStore(tmp_path / "journal")
    store.add_entry(Entry("aaaaaaa1", datetime(2026, 11, 28, 9, 0), body="Kept."))
    before = (tmp_path / "journal" / "2026-11.txt").read_bytes()
    with pytest.raises(JournalError, match="not UTF-8"):
        store.add_entry(Entry("aaaaaaa2", datetime(2026, 11, 29, 9, 0), body=NOT_UTF8))
    assert (tmp_path / "journal" / "2026-11.txt").read_bytes() == before

    bundled = [WorkbookSource("bundled", bundled_workbooks_dir())]
    found = find_workbook("wellbeing-check-in", bundled)
    session = Session(found.workbook, datetime(2026, 11, 29, 9, 0))
    session.skip_prompt()
    session.answer(NOT_UTF8)
    with pytest.raises(DraftError, match="not UTF-8"):
        DraftStore(tmp_path / "drafts").save(session, None, datetime(2026, 11, 29, 9, 0))
    assert not (tmp_path / "drafts" / "wellbeing-check-in.toml").exists()


def test_an_editor_saving_another_encoding_keeps_the_words(
    reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, the text was read as UTF-8, failed, and was lost with the temp file."""
    use_fake_editor(tmp_path, b"Caf\xe9 talk\n", monkeypatch)  # saved as Latin-1
    result = reflect("write")
    assert result.exit_code == 1 and "Traceback" not in result.output
    [kept] = (reflect_home / "drafts").glob("write-*.txt")
    assert kept.read_bytes() == b"Caf\xe9 talk"  # as the editor saved it (its newline aside)
    assert not list((reflect_home / "journal").glob("*.txt"))
