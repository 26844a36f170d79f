"""Every message about a failed file operation reads as a whole sentence.

The operating system's reasons (ENOTDIR, EROFS, ENOSPC, …) are worded by one table
(`reflect.messages.OS_REASONS`) into one set of sentences (`messages.COULD_NOT`).
Each template is rendered here with each reason, and then each place that turns an
OSError into words is made to meet each errno for real, and the result is read
back: it names the path, has no hole ("the folder this (Not a directory)"), no
doubled word, no Python-ese (`[Errno 20]`, `FileNotFoundError`), and ends a sentence.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reflect import fileio, messages, output
from reflect.config import load_config
from reflect.drafts import DraftStore
from reflect.errors import ReflectError, could_not, os_reason
from reflect.journal.store import JournalStore
from reflect.paths import get_paths
from reflect.workbook.loader import read_toml
from tests.guarantees.helpers import assert_no_traceback, run_reflect

ERRNOS = [
    errno.ENOTDIR,
    errno.EROFS,
    errno.EACCES,
    errno.EPERM,
    errno.ENOSPC,
    errno.EDQUOT,
    errno.ENAMETOOLONG,
    errno.ELOOP,
    errno.EISDIR,
    errno.EEXIST,
    errno.EIO,
    errno.EMFILE,
    errno.ENFILE,
    errno.ENOENT,
    errno.EXDEV,
    errno.EBUSY,
    errno.EOVERFLOW,  # one the table does not word: the system's own words, lower-cased
]
PATH = Path("/home/sam/.local/share/reflect/journal")


def _oserror(code: int) -> OSError:
    return OSError(code, os.strerror(code), str(PATH))


def assert_reads_whole(message: str, path: Path | None = PATH) -> None:
    """One readable sentence (or a few) about `path`, with no hole in it."""
    assert_no_traceback(message)
    if path is not None:
        assert str(path) in message, message
    assert "this (" not in message and "the (" not in message, message
    assert "()" not in message and "( " not in message and " )" not in message, message
    assert message.count("(") == message.count(")"), message
    assert not re.search(r"\b(\w+) \1\b", message, re.IGNORECASE), f"doubled word: {message}"
    assert not re.search(r"\[Errno|Error\b|Errno|: '/", message), message
    for code in ERRNOS:  # the system's own capitalised words never sit inside a sentence
        assert f"({os.strerror(code)})" not in message or code == errno.EOVERFLOW, message
    assert message.rstrip().endswith("."), message


@pytest.mark.parametrize("code", ERRNOS, ids=errno.errorcode.get)
@pytest.mark.parametrize("doing", list(messages.COULD_NOT))
def test_every_template_reads_whole_with_every_reason(doing: str, code: int) -> None:
    message = str(ReflectError(could_not(doing, _oserror(code)), path=PATH))
    assert_reads_whole(message)
    reason = os_reason(_oserror(code))
    assert reason and reason[0].islower() and not reason.endswith("."), reason


def test_every_errno_the_issue_names_has_words_of_our_own() -> None:
    for code in ERRNOS[:-1]:
        assert errno.errorcode[code] in messages.OS_REASONS, errno.errorcode[code]


# Every place reflect turns an OSError into words, made to meet the errno for real.
# Each entry: (what to break, what to run); both get the folder to work in.
Breaker = Callable[[pytest.MonkeyPatch, int], None]


def _break(target: Any, name: str) -> Breaker:
    def install(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
        def refuse(*args: Any, **kwargs: Any) -> Any:
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(target, name, refuse)

    return install


def _mkdir(home: Path) -> None:
    fileio.ensure_private_dir(home / "journal" / "2026")


def _atomic_write(home: Path) -> None:
    fileio.atomic_write(home / "journal" / "2026-12.txt", b"x")


def _lock(home: Path) -> None:
    with fileio.locked(home / "journal"):
        pass


def _write_output(home: Path) -> None:
    output.write_output(home / "out.md", ["words"])


def _read_month(home: Path) -> None:
    month = home / "journal" / "2026-12.txt"
    month.parent.mkdir(parents=True, exist_ok=True)
    month.write_text("x")
    JournalStore(month.parent).read_text(month)


def _read_workbook(home: Path) -> None:
    book = home / "book.toml"
    book.write_text("id = 'x'\n")
    read_toml(book)


def _read_config(home: Path) -> None:
    paths = get_paths()
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text("support_note = 'x'\n")
    load_config(paths)


def _read_draft(home: Path) -> None:
    drafts = DraftStore(home / "drafts")
    (home / "drafts").mkdir(parents=True, exist_ok=True)
    drafts.path("x").write_text("workbook = 'x'\n")
    drafts.read("x")


PLACES: dict[str, tuple[Breaker, Callable[[Path], None]]] = {
    "create a folder": (_break(Path, "mkdir"), _mkdir),
    "write a journal file": (_break(os, "write"), _atomic_write),
    "open a temp file": (_break(os, "open"), _atomic_write),
    "rename into place": (_break(os, "replace"), _atomic_write),
    "lock": (_break(os, "open"), _lock),
    "write a named output": (_break(os, "fsync"), _write_output),
    "read a month file": (_break(os, "open"), _read_month),
    "read a workbook": (_break(os, "open"), _read_workbook),
    "read the config": (_break(os, "open"), _read_config),
    "read a draft": (_break(os, "open"), _read_draft),
}

MISSING_IS_EMPTY = {"read a month file", "read the config", "read a draft"}


@pytest.mark.parametrize("code", ERRNOS, ids=errno.errorcode.get)
@pytest.mark.parametrize("place", list(PLACES))
def test_every_os_error_becomes_a_whole_sentence(
    place: str, code: int, reflect_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reflect_home.mkdir(parents=True, exist_ok=True)
    breaker, run = PLACES[place]
    if code == errno.ENOENT and place in MISSING_IS_EMPTY:
        with monkeypatch.context() as patched:
            breaker(patched, code)
            run(reflect_home)  # no month, config or draft yet: nothing to say
        return
    with monkeypatch.context() as patched:
        breaker(patched, code)
        with pytest.raises(ReflectError) as raised:
            run(reflect_home)
    assert_reads_whole(str(raised.value), path=raised.value.path)
    assert raised.value.path is not None


def _beside_a_regular_file(home: Path) -> None:
    home.parent.mkdir(parents=True, exist_ok=True)
    (home.parent / "file").write_text("x")


HOMES: dict[str, Callable[[Path], object]] = {
    "a regular file": lambda home: home.write_text("not a folder\n"),
    "inside a regular file": _beside_a_regular_file,
}
COMMANDS = [
    ["write", "a note"],
    ["actions", "add", "call my sister"],
    ["start", "wellbeing-check-in", "--plain"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize("home_is", list(HOMES))
def test_reflect_home_that_is_a_file_is_named_in_a_whole_sentence(
    home_is: str, command: list[str], tmp_path: Path
) -> None:
    """The case seen in the issue, through the real process."""
    home = tmp_path / "home"
    HOMES[home_is](home)
    if home_is == "inside a regular file":
        home = tmp_path / "file" / "reflect"
    env = {**os.environ, "REFLECT_HOME": str(home)}
    ran = run_reflect(*command, input="6\n", env=env)
    assert ran.returncode != 0
    message = ran.stderr.strip()
    assert message.startswith("reflect: "), message
    assert_reads_whole(message, path=None)
    assert str(home) in message, message
    assert "a file is in the way where a folder should be" in message, message
