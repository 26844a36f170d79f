"""`reflect write` in $EDITOR: words saved in an editor that then fails are never lost.

Each test runs the installed `reflect write` as a real process at a terminal (a pty for
its stdin, as a person has), with a small program as $EDITOR that saves some words and
then fails in one way or another. Whatever the editor saved is kept, privately, in the
drafts folder (`drafts/write-ID.txt`) and the message says where; an editor that saved
nothing leaves nothing behind; no failure prints a traceback or saves to the journal.
"""

from __future__ import annotations

import os
import pty
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.guarantees.helpers import REFLECT_SCRIPT, assert_no_traceback

WORDS = "Words I typed in my editor,\nand a second line.\n"


def editor_program(folder: Path, body: str) -> str:
    """$EDITOR: a Python program whose first argument is the file to edit."""
    script = folder / "editor.py"
    script.write_text(
        "import os, signal, sys\npath = sys.argv[1]\n" + body,
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


def write_at_a_terminal(editor: str) -> tuple[subprocess.Popen[bytes], int]:
    main, replica = pty.openpty()
    proc = subprocess.Popen(
        [str(REFLECT_SCRIPT), "write"],
        stdin=replica,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "EDITOR": editor, "PYTHONUNBUFFERED": "1"},
    )
    os.close(replica)
    return proc, main


def run_write(editor: str) -> tuple[int, str]:
    proc, main = write_at_a_terminal(editor)
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(main)
    text = (out + err).decode("utf-8", "replace")
    assert_no_traceback(text)
    return proc.returncode, text


def kept_files(home: Path) -> list[Path]:
    return sorted((home / "drafts").glob("write-*.txt"))


def journal_is_empty(home: Path) -> bool:
    folder = home / "journal"
    return not folder.is_dir() or not list(folder.glob("*.txt"))


SAVE = f"open(path, 'w', encoding='utf-8').write({WORDS!r})\n"

FAILING_AFTER_SAVING = {
    "exit 1": SAVE + "sys.exit(1)\n",
    "exit 3": SAVE + "sys.exit(3)\n",
    "exit 255": SAVE + "sys.exit(255)\n",
    "killed (SIGKILL)": SAVE + "os.kill(os.getpid(), signal.SIGKILL)\n",
    "terminated (SIGTERM)": SAVE + "os.kill(os.getpid(), signal.SIGTERM)\n",
    "aborted (SIGABRT)": SAVE + "os.abort()\n",
    "saved as a new file (rename), then exit 1": (
        f"open(path + '.new', 'w').write({WORDS!r})\nos.replace(path + '.new', path)\nsys.exit(1)\n"
    ),
}


@pytest.mark.parametrize("failure", FAILING_AFTER_SAVING)
def test_words_saved_in_a_failing_editor_are_kept(
    failure: str, reflect_home: Path, tmp_path: Path
) -> None:
    code, said = run_write(editor_program(tmp_path, FAILING_AFTER_SAVING[failure]))
    assert code != 0
    [kept] = kept_files(reflect_home)
    assert kept.read_text(encoding="utf-8") == WORDS
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert str(kept) in said  # says where
    assert "nothing was saved to your journal" in said
    assert journal_is_empty(reflect_home)

    # ...and the way the message gives to save them works.
    with kept.open("rb") as words:
        saved = subprocess.run(
            [str(REFLECT_SCRIPT), "write"], stdin=words, capture_output=True, timeout=60
        )
    assert saved.returncode == 0, saved.stderr
    assert "and a second line." in (reflect_home / "journal" / "2026-11.txt").read_text("utf-8")


def test_words_in_another_encoding_are_kept_byte_for_byte(
    reflect_home: Path, tmp_path: Path
) -> None:
    body = "open(path, 'wb').write('Café crème'.encode('latin-1'))\nsys.exit(1)\n"
    code, said = run_write(editor_program(tmp_path, body))
    assert code != 0
    [kept] = kept_files(reflect_home)
    assert str(kept) in said
    assert kept.read_bytes() == "Café crème".encode("latin-1")
    assert journal_is_empty(reflect_home)


NOTHING_SAVED = {
    "exit 1, nothing saved": "sys.exit(1)\n",
    "exit 1, only blank lines": "open(path, 'w').write('\\n  \\n')\nsys.exit(1)\n",
    "killed, nothing saved": "os.kill(os.getpid(), signal.SIGKILL)\n",
    "removed the file, exit 1": "os.remove(path)\nsys.exit(1)\n",
}


@pytest.mark.parametrize("failure", NOTHING_SAVED)
def test_a_failing_editor_that_saved_nothing_leaves_nothing(
    failure: str, reflect_home: Path, tmp_path: Path
) -> None:
    code, said = run_write(editor_program(tmp_path, NOTHING_SAVED[failure]))
    assert code != 0
    assert "did not finish cleanly" in said
    assert kept_files(reflect_home) == []  # no temp file, nothing to keep
    assert "kept in" not in said
    assert journal_is_empty(reflect_home)


@pytest.mark.parametrize(
    ("editor", "said"),
    [
        ("/nowhere/no-such-editor", "Could not start your editor"),
        ("no-such-editor-on-the-path --wait", "Could not start your editor"),
        ("vim 'unclosed", "not a command reflect can run"),
        ("   ", "not a command reflect can run"),
    ],
)
def test_an_editor_that_cannot_be_run_is_named(editor: str, said: str, reflect_home: Path) -> None:
    code, text = run_write(editor)
    assert code != 0
    assert said in text
    assert kept_files(reflect_home) == []
    assert journal_is_empty(reflect_home)


def test_a_stop_while_the_editor_is_open_keeps_what_it_saved(
    reflect_home: Path, tmp_path: Path
) -> None:
    """Ctrl-C reaches reflect (not the editor) after the editor saved: the words are kept."""
    body = SAVE + "print('saved', flush=True)\nsys.stdin.readline()\n"  # then waits
    proc, main = write_at_a_terminal(editor_program(tmp_path, body))
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"saved"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(main)
    text = (out + err).decode("utf-8", "replace")
    assert_no_traceback(text)
    assert proc.returncode == 130
    [kept] = kept_files(reflect_home)
    assert kept.read_text(encoding="utf-8") == WORDS
    assert str(kept) in text


def test_an_editor_that_finishes_cleanly_saves_to_the_journal(
    reflect_home: Path, tmp_path: Path
) -> None:
    code, said = run_write(editor_program(tmp_path, SAVE))
    assert code == 0, said
    assert "Saved to" in said
    assert kept_files(reflect_home) == []
    assert "and a second line." in (reflect_home / "journal" / "2026-11.txt").read_text("utf-8")
