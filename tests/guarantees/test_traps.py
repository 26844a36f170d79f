"""Known traps, each closed by a test.

- Words that look like Rich markup or ANSI escapes are shown literally, never obeyed.
- A crash never prints local variables (Typer's pretty exceptions), and pydantic
  errors never echo input values.
- Symlinks: a journal folder reached through one is written through to its real
  place; a temp file is never created through one.
- A UTF-8 BOM and CRLF line endings in a workbook are accepted; tomllib's
  RecursionError and UnicodeDecodeError become WorkbookError.
- Temp files left by a killed save are never read and are swept up by the next save.
"""

from __future__ import annotations

import json
import os
import pty
import select
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from reflect.cli.main import app
from reflect.errors import JournalError, WorkbookError
from reflect.fileio import TEMP_PREFIX, atomic_write, locked, remove_stale_temp_files
from reflect.journal.store import JournalStore
from reflect.kinds import KINDS
from reflect.kinds.text import TextAnswer
from reflect.paths import bundled_workbooks_dir
from reflect.terminal import visible
from reflect.workbook import models
from reflect.workbook.loader import load_workbook, read_toml
from tests.guarantees.helpers import all_entries, answer_to, assert_no_traceback, cli, walk_input

MARKUP = "[bold]loud[/] [link=https://example.com]click[/link] [red]x[/red] [/]"
ANSI = "\x1b[31mred\x1b[0m \x1b]0;retitled\x07 \x1b]52;c;Y2xpcGJvYXJk\x07 \x9b31m"
TRICKY = f"{MARKUP} {ANSI} \r hidden"


def _in_a_terminal(*args: str, stdin: bytes | None = None, code: int = 0) -> bytes:
    """Run `python -m reflect ARGS` with stdout on a pseudo-terminal (what a person sees:
    click does not strip anything there) and return every byte it wrote."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reflect", *args],
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "200"},
    )
    os.close(slave)
    if stdin is not None:
        assert proc.stdin is not None
        proc.stdin.write(stdin)
        proc.stdin.close()
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        assert ready, f"no output within 30 s: {seen[-300:]!r}"
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other end closed
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.wait(timeout=30) == code, seen[-2000:]
    return seen


def _assert_shown_literally(output: bytes) -> None:
    text = output.decode("utf-8", "replace")
    assert_no_traceback(text)
    for piece in ("[bold]loud[/]", "[link=https://example.com]click[/link]", "[red]x[/red]"):
        assert piece in text, text
    assert "\\u001b[31mred\\u001b[0m" in text  # the escape, written out
    assert "\\u001b]52;c;" in text and "\\u009b31m" in text and "\\u000d hidden" in text
    user_part = output.split(b"[bold]loud", 1)[1].split(b"hidden", 1)[0]
    assert b"\x1b" not in user_part and b"\x07" not in user_part and b"\r" not in user_part
    assert "\u009b".encode() not in user_part


def test_markup_and_escapes_in_actions_are_shown_literally(reflect_home: Path) -> None:
    added = cli("actions", "add", TRICKY.replace("\r", " "), "--due", "today")
    assert added.exit_code == 0, added.output
    # The control characters are kept exactly in the journal (it is the person's text)…
    [action] = [a for e in all_entries(reflect_home) for a, _, _ in e.all_actions()]
    assert action.text == TRICKY.replace("\r", " ")
    # …and written out, never obeyed, wherever they are shown.
    path = reflect_home / "journal" / "2026-11.txt"
    path.write_text(
        path.read_text(encoding="utf-8").replace(TRICKY.replace("\r", " "), TRICKY),
        encoding="utf-8",
    )
    for args in (["actions"], ["actions", "--all"]):
        _assert_shown_literally(_in_a_terminal(*args))
    # `reflect remind` (run at every shell start) shortens long texts; escapes first, then.
    assert cli("actions", "add", "\x1b]52;c;Y2xp\x07\x1b[8m hid", "--due", "today").exit_code == 0
    reminded = _in_a_terminal("remind")
    assert b"\\u001b]52;c;Y2xp\\u0007\\u001b[8m hid" in reminded
    assert b"\x1b" not in reminded and b"\x07" not in reminded
    listed = cli("actions")  # and the same through a pipe (CliRunner is not a terminal)
    assert "\\u001b[31mred" in listed.stdout and "[bold]loud[/]" in listed.stdout
    # JSON output escapes control characters itself, and loads back to the exact text.
    texts = [item["text"] for item in json.loads(cli("actions", "--json").stdout)]
    assert TRICKY in texts


def test_markup_and_escapes_in_a_walk_are_shown_literally(reflect_home: Path) -> None:
    walk = walk_input("t").replace("action t", TRICKY.replace("\r", " ") + " hidden")
    output = _in_a_terminal("start", "wellbeing-check-in", "--plain", stdin=walk.encode())
    assert b"You planned" in output
    text = output.decode("utf-8", "replace")
    assert "[bold]loud[/]" in text and "\\u001b[31mred" in text
    planned = output.split(b"You planned", 1)[1]
    assert b"\x1b" not in planned and b"\x07" not in planned


def test_markup_and_escapes_in_journal_reading_are_shown_literally(reflect_home: Path) -> None:
    """`reflect journal`, `show` and `search` colour their own parts at a terminal; what
    the person wrote is still shown, never obeyed."""
    if "journal" not in _command_names():
        pytest.skip("`reflect journal` does not exist yet")
    wrote = cli("write", f"loud words: {TRICKY}")
    assert wrote.exit_code == 0, wrote.output
    entry_id = all_entries(reflect_home)[0].id
    for args in (["journal"], ["show", entry_id], ["search", "words"]):
        output = _in_a_terminal(*args)
        text = output.decode("utf-8", "replace")
        assert "[bold]loud[/]" in text and "\\u001b]52;c;" in text, (args, text)
        for raw in (b"\x1b]52", b"\x1b]0;retitled", b"\x1b[31mred", b"\x07", "\u009b".encode()):
            assert raw not in output, (args, raw)
        piped = cli(*args)
        assert piped.exit_code == 0 and "\\u001b[31mred" in piped.stdout, (args, piped.output)


def _command_names() -> set[str]:
    names = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    return {n for n in names if n}


def test_escapes_quoted_in_an_error_are_shown_literally(reflect_home: Path) -> None:
    """An error may quote a bit of a hand-edited file (an id it cannot read)."""
    assert cli("write", "words").exit_code == 0
    path = reflect_home / "journal" / "2026-11.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("id: ", "id: \x1b]0;pwned\x07\x1b[2J", 1), encoding="utf-8")
    for args in (["actions"], ["remind"]):
        output = _in_a_terminal(*args, code=3)
        assert b"\\u001b]0;pwned\\u0007\\u001b[2J" in output, output
        assert b"\x1b" not in output and b"\x07" not in output


def test_visible_keeps_newlines_tabs_and_every_printable_character() -> None:
    text = "line\n\ttabbed 🙂 שלום e\u0301 [b]x[/b] \u200fRTL mark"
    assert visible(text) == text
    # A bidi override reorders the rest of the line: written out (see test_escapes.py).
    assert visible("\u202eRTL") == "\\u202eRTL"
    assert visible("\x1b\x00\x7f\x85\r") == "\\u001b\\u0000\\u007f\\u0085\\u000d"


# --------------------------------------------------------------------------- no locals, no inputs


def test_pretty_exceptions_never_show_locals() -> None:
    from reflect.cli.root import COMMANDS, app_for

    assert app.pretty_exceptions_show_locals is False
    for name in COMMANDS:  # the one-command apps `python -m reflect NAME` builds
        assert app_for([name]).pretty_exceptions_show_locals is False, name


def test_an_unexpected_crash_does_not_print_the_words(reflect_home: Path, tmp_path: Path) -> None:
    """Even a bug (an exception reflect did not expect) prints no local variables: here
    `reflect write SECRET` fails deep inside, with the words in several frames' locals."""
    script = tmp_path / "crash.py"
    script.write_text(
        "import sys\n"
        "import reflect.journal.store as store\n"
        "def broken(self, entry):\n"
        "    words = entry.body\n"
        "    raise RuntimeError('a bug')\n"
        "store.JournalStore.add_entry = broken\n"
        "from reflect.cli.main import app\n"
        "app(sys.argv[1:], prog_name='reflect')  # the words arrive as an argument\n",
        encoding="utf-8",
    )
    ran = subprocess.run(
        [sys.executable, str(script), "write", "my most private words"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert ran.returncode != 0
    assert "RuntimeError" in ran.stderr  # it did crash, loudly…
    assert "most private" not in ran.stderr + ran.stdout  # …but without the words


def test_pydantic_models_hide_input_values() -> None:
    classes = [
        obj
        for obj in vars(models).values()
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel
    ] + [kind.prompt_model() for kind in KINDS]  # each kind's workbook fields
    assert len(classes) >= 8
    for cls in classes:
        assert cls.model_config.get("hide_input_in_errors") is True, cls.__name__
    secret = "my private words"
    data = {
        "id": "x",
        "title": secret,
        "description": secret,
        "minutes": secret,
        "sections": secret,
    }
    with pytest.raises(ValidationError) as raised:
        models.Workbook.model_validate(data)
    assert secret not in str(raised.value)


def test_workbook_errors_never_echo_values(tmp_path: Path) -> None:
    path = tmp_path / "w.toml"
    path.write_text(
        'id = "x"\ntitle = "t"\ndescription = "d"\nminutes = "my private words"\n'
        '[[sections]]\nid = "s"\ntitle = "S"\n[[sections.prompts]]\nid = "p"\n'
        'kind = "scale"\ntext = "T"\nmin = "more private words"\n',
        encoding="utf-8",
    )
    with pytest.raises(WorkbookError) as raised:
        load_workbook(path)
    assert "private" not in str(raised.value)
    assert f"{path}:4" in str(raised.value)


# --------------------------------------------------------------------------- symlinks


def test_journal_folder_through_a_symlink_is_written_through(
    reflect_home: Path, tmp_path: Path
) -> None:
    real = tmp_path / "synced" / "journal"
    real.mkdir(parents=True)
    real.chmod(0o750)  # the synced folder's own mode, the user's to choose
    reflect_home.mkdir()
    (reflect_home / "journal").symlink_to(real, target_is_directory=True)

    assert cli("write", "Through the link.").exit_code == 0
    assert cli("actions", "add", "Phone Sam").exit_code == 0
    assert (reflect_home / "journal").is_symlink()  # the link is left as it was
    month = real / "2026-11.txt"
    assert month.is_file() and not month.is_symlink()
    assert "Through the link." in month.read_text(encoding="utf-8")
    assert stat.S_IMODE(month.stat().st_mode) == 0o600
    # What the link points at is outside reflect's folders: never chmodded through
    # the link (docs/guarantees.md, 8); the files reflect writes in it are private.
    assert stat.S_IMODE(real.stat().st_mode) == 0o750
    [action] = [a for e in all_entries(reflect_home) for a, _, _ in e.all_actions()]
    assert cli("actions", "done", action.id).exit_code == 0
    assert "- [x] Phone Sam" in month.read_text(encoding="utf-8")


def test_temp_file_is_never_created_through_a_symlink(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone plants a symlink where the next temp file will go, pointing at a file of
    yours: the save refuses, and the file the link points to is untouched."""
    folder = tmp_path / "journal"
    folder.mkdir(mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    monkeypatch.setattr(os, "urandom", lambda n: b"\xab" * n)  # a predictable temp name
    target = folder / "2026-11.txt"
    planted = folder / f"{TEMP_PREFIX}2026-11.txt.{os.getpid()}.abababab"
    planted.symlink_to(victim)

    with pytest.raises(JournalError) as raised:
        atomic_write(target, b"new data")
    assert "in the way" in str(raised.value)
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not target.exists()

    # A symlink where the lock file goes is refused too, not followed.
    (folder / ".lock").symlink_to(victim)
    with pytest.raises(JournalError), locked(folder):
        pass
    assert victim.read_text(encoding="utf-8") == "precious"

    # Sweeping stray temp files removes the link, never what it points at.
    remove_stale_temp_files(folder)
    assert not planted.is_symlink() and victim.read_text(encoding="utf-8") == "precious"


# --------------------------------------------------------------------------- workbook encodings

WELLBEING = bundled_workbooks_dir() / "wellbeing-check-in.toml"


@pytest.mark.parametrize(
    ("name", "convert"),
    [
        ("BOM", lambda b: b"\xef\xbb\xbf" + b),
        ("CRLF", lambda b: b.replace(b"\n", b"\r\n")),
        ("BOM and CRLF", lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n")),
    ],
)
def test_windows_saved_workbooks_are_accepted(
    name: str, convert: Callable[[bytes], bytes], tmp_path: Path, reflect_home: Path
) -> None:
    path = tmp_path / "wellbeing.toml"
    path.write_bytes(convert(WELLBEING.read_bytes()))
    assert load_workbook(path) == load_workbook(WELLBEING)
    walked = cli("start", str(path), "--plain", input=walk_input("w"))
    assert walked.exit_code == 0, walked.output
    [entry] = all_entries(reflect_home)
    assert answer_to(entry, "energy", TextAnswer).text == "energy w"


def test_tomllib_failures_become_workbook_errors(tmp_path: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_bytes(b"x = " + b"[" * 10_000 + b"]" * 10_000)
    with pytest.raises(WorkbookError, match="nests too deeply"):
        read_toml(deep)
    inline = tmp_path / "inline.toml"
    inline.write_bytes(b"x = " + b"{a = " * 3000 + b"1" + b"}" * 3000)
    with pytest.raises(WorkbookError):
        read_toml(inline)
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b'id = "x"\ntitle = "caf\xe9"\n')
    with pytest.raises(WorkbookError) as raised:
        read_toml(latin)
    assert raised.value.line == 2


# --------------------------------------------------------------------------- stray temp files


def test_stray_temp_files_are_never_read_and_are_swept_up(reflect_home: Path) -> None:
    assert cli("write", "Real entry.").exit_code == 0
    journal = reflect_home / "journal"
    real = (journal / "2026-11.txt").read_text(encoding="utf-8")
    # What a save killed between writing its temp file and renaming it leaves behind:
    # a whole, valid-looking month, with an entry that was never saved.
    ghost = real + "\n## 2026-11-29 10:00\nid: ghostghost\n\n    never saved\n"
    for name in (f"{TEMP_PREFIX}2026-11.txt.123.abcd", f"{TEMP_PREFIX}2026-12.txt.9.ffff"):
        (journal / name).write_text(ghost, encoding="utf-8")
    drafts = reflect_home / "drafts"
    drafts.mkdir()
    (drafts / f"{TEMP_PREFIX}wellbeing-check-in.toml.1.aaaa").write_text("x", encoding="utf-8")

    assert [e.body for e in all_entries(reflect_home)] == ["Real entry."]
    listed = cli("actions", "--json")
    assert listed.exit_code == 0 and "ghost" not in listed.stdout
    assert [p.name for p in JournalStore(journal).month_files()] == ["2026-11.txt"]

    assert cli("write", "Next entry.").exit_code == 0  # the next save sweeps them up
    assert not list(journal.glob(TEMP_PREFIX + "*"))
    assert cli("start", "wellbeing-check-in", "--plain", input="6\n").exit_code == 0
    assert not list(drafts.glob(TEMP_PREFIX + "*"))
    assert [e.body for e in all_entries(reflect_home)] == ["Real entry.", "Next entry."]
