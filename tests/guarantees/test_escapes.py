"""Escape sequences in files and typed text are shown, never obeyed, by every front end.

A hostile workbook (every text field of it), a hostile journal (entries, actions,
notes) and a hostile draft (earlier answers) are shown by: the CLI (on a pipe and
on a real terminal), plain mode, `workbook preview` (text and `--markdown`, into a
pipe too), `actions --ics` at a terminal, Click's usage errors, and the app (every
screen: home, the walk's intro, each prompt, the end page, the summary, the
support note, the actions review, the move dialog, notifications, the journal
browser). For the app, what Textual would write to the terminal is inspected
screen by screen, and then a real `reflect` runs on a pseudo-terminal and every
byte that reaches it is read. The journal keeps the exact text.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflect.drafts import DraftStore
from reflect.journal.store import JournalStore
from reflect.paths import get_paths
from reflect.terminal import is_obeyable, visible, visible_in_place
from reflect.tui.app import ReflectApp, make_app
from reflect.tui.context import SEEN_NOTE_MARKER
from reflect.tui.screens.walk import WalkScreen
from reflect.workbook.loader import WorkbookSource
from tests.conftest import FROZEN_NOW
from tests.guarantees.helpers import all_entries, assert_no_traceback, cli, run_reflect
from tests.tui.helpers import pilot_test

# One of each kind of thing a terminal would obey, each with a marker to find it by.
ESCAPES = {
    "OSC 0 window title": "\x1b]0;TITLE-MARK\x07",
    "OSC 52 clipboard": "\x1b]52;c;Q0xJUC1NQVJL\x07",
    "CSI clear screen": "\x1b[2JCLEAR-MARK",
    "C1 CSI": "\x9b31mC1-MARK",
    "bidi override": "\u202eBIDI-MARK\u202c",
    "bidi isolate": "\u2066ISO-MARK\u2069",
    "DEL, BS and CR": "DEL\x7f\x08\rCR-MARK",
    "NUL and VT": "\x00\x0bNUL-MARK",
}
HOSTILE = " ".join(ESCAPES.values())
LINE = HOSTILE.replace("\r", "")
# The only BEL-ended sequences Textual itself writes: the pointer's shape (OSC 22) and
# the questions about the terminal's colours (OSC 10/11/12).
TEXTUALS_OWN = re.compile(r"\x1b\]1[012];\?\x07|\x1b\]22;[a-z-]*\x07")
MARKERS = ["TITLE-MARK", "CLEAR-MARK", "C1-MARK", "BIDI-MARK", "ISO-MARK", "CR-MARK"]


def _toml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a TOML basic string (\\u escapes and all)


def hostile_workbook(folder: Path) -> Path:
    """A workbook with the escapes in every text a reader is shown."""
    h, line = _toml(HOSTILE), _toml(LINE)  # one-line fields refuse a CR
    path = folder / "hostile.toml"
    path.write_text(
        f"""id = "hostile"
title = {_toml("Hostile " + LINE)}
version = "1"
description = {h}
minutes = 5
intro = {_toml("INTRO " + HOSTILE)}
support_note = {_toml("NOTE " + HOSTILE)}

[[sections]]
id = "one"
title = {_toml("SECTION " + LINE)}
ideas = {_toml("IDEAS *" + HOSTILE + "*")}
tips = [{_toml("TIP " + HOSTILE)}]

[[sections.prompts]]
id = "words"
kind = "text"
text = {_toml("PROMPT " + LINE)}
help = {h}

[[sections.prompts]]
id = "score"
kind = "scale"
text = {line}
min = 0
max = 5
min_label = {h}
max_label = {h}

[[sections.prompts]]
id = "pick"
kind = "choice"
text = {line}
options = [{line}, "plain"]

[[sections.prompts]]
id = "ticks"
kind = "checklist"
text = {line}
options = [{line}, "plain"]

[[sections.prompts]]
id = "things"
kind = "list"
text = {line}
items = 2

[[sections.prompts]]
id = "plan"
kind = "action"
text = {line}
suggested_when = {h}
""",
        encoding="utf-8",
    )
    return path


def assert_nothing_obeyable(output: str | bytes, where: str = "") -> None:
    """Nothing in `output` that a terminal would obey came from the data: none of the
    planted sequences, and none of the characters only data could have brought
    (Textual's own output is ESC-led CSI for colour and cursor, nothing else)."""
    text = output.decode("utf-8", "surrogateescape") if isinstance(output, bytes) else output
    text = TEXTUALS_OWN.sub("", text)
    for name, payload in ESCAPES.items():
        assert payload not in text, f"{where}: {name} reached the terminal raw"
    for planted in ("\x1b]0;", "\x1b]52;", "\x1b[2JCLEAR", "\x07", "\x7f", "\x08", "\x00"):
        assert planted not in text, f"{where}: {planted!r} reached the terminal raw"
    obeyable = sorted({hex(ord(c)) for c in text if is_obeyable(ord(c)) and c not in "\x1b\r"})
    assert not obeyable, f"{where}: {obeyable} reached the terminal raw"


# --------------------------------------------------------------------------- the sanitiser

SHOWN_AS_THEY_ARE = (
    "line\n\ttabbed 🙂 שלום مرحبا \u200f\u200e\u061c e\u0301 👨‍👩‍👧 [b]x[/b] \\u001b"
)


def test_the_sanitiser_keeps_every_character_a_terminal_only_shows() -> None:
    assert visible(SHOWN_AS_THEY_ARE) == SHOWN_AS_THEY_ARE
    assert visible_in_place(SHOWN_AS_THEY_ARE) == SHOWN_AS_THEY_ARE


@pytest.mark.parametrize(
    ("char", "written"),
    [
        ("\x1b", "\\u001b"),  # C0: ESC
        ("\x00", "\\u0000"),
        ("\r", "\\u000d"),
        ("\x7f", "\\u007f"),  # DEL
        ("\x85", "\\u0085"),  # C1: NEL
        ("\x9b", "\\u009b"),  # C1: CSI
        ("\x9d", "\\u009d"),  # C1: OSC
        ("\u202e", "\\u202e"),  # bidi: right-to-left override
        ("\u202a", "\\u202a"),  # bidi: left-to-right embedding
        ("\u2066", "\\u2066"),  # bidi: isolate
        ("\u2069", "\\u2069"),  # bidi: pop isolate
        ("\udcff", "\\udcff"),  # a lone surrogate (a byte that was not UTF-8)
    ],
)
def test_the_sanitiser_writes_out_every_class(char: str, written: str) -> None:
    assert visible(f"a{char}b") == f"a{written}b"
    in_place = visible_in_place(f"a{char}b")
    assert len(in_place) == 3 and not is_obeyable(ord(in_place[1]))
    assert json.loads(f'"{visible(char)}"') == char  # JSON's own escape, meaning the same


# Every code point, lone surrogates included (hypothesis leaves those out by default).
@given(st.text(alphabet=st.characters(exclude_categories=()), max_size=60))
def test_nothing_unsafe_survives_the_sanitiser(text: str) -> None:
    assert not any(is_obeyable(ord(c)) for c in visible(text))
    in_place = visible_in_place(text)
    assert len(in_place) == len(text) and not any(is_obeyable(ord(c)) for c in in_place)


# --------------------------------------------------------------------------- CLI and plain mode


def _in_a_terminal(*args: str, code: int = 0) -> bytes:
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reflect", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "200"},
    )
    os.close(slave)
    seen = _read_all(master)
    os.close(master)
    assert proc.wait(timeout=60) == code, seen[-2000:]
    return seen


def _read_all(master: int) -> bytes:
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        assert ready, f"no output within 60 s: {seen[-300:]!r}"
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other end closed
            return seen
        if not chunk:
            return seen
        seen += chunk


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
def test_workbook_preview_shows_escapes_into_a_pipe_and_a_terminal(
    markdown: bool, tmp_path: Path
) -> None:
    book = hostile_workbook(tmp_path)
    args = ["workbook", "preview", str(book), *(["--markdown"] if markdown else [])]
    piped = run_reflect(*args)
    assert piped.returncode == 0, piped.stderr
    assert_nothing_obeyable(piped.stdout, "preview into a pipe")
    assert "\\u001b]0;TITLE-MARK\\u0007" in piped.stdout
    assert all(marker in piped.stdout for marker in MARKERS)
    assert_nothing_obeyable(_in_a_terminal(*args), "preview at a terminal")
    in_process = cli(*args)
    assert in_process.exit_code == 0
    assert_nothing_obeyable(in_process.stdout, "preview (CliRunner)")


def _hostile_journal() -> None:
    assert cli("write", f"ENTRY {HOSTILE}").exit_code == 0
    one_line = HOSTILE.replace("\r", " ")
    assert cli("actions", "add", f"ACTION {one_line}", "--due", "in 2 days").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["actions"],
        ["actions", "--all"],
        ["actions", "--json"],
        ["actions", "--ics"],
        ["journal"],
        ["export"],
        ["export", "-f", "ics"],
    ],
    ids=" ".join,
)
def test_cli_at_a_terminal_shows_escapes_from_the_journal(
    args: list[str], reflect_home: Path
) -> None:
    _hostile_journal()
    seen = _in_a_terminal(*args)
    assert_nothing_obeyable(seen, " ".join(args))
    assert b"TITLE-MARK" in seen or b"TITLE-MARK" in seen.replace(b"\r\n ", b"")


@pytest.mark.parametrize(
    "args",
    [
        ["actions", "add", "x", "--due", HOSTILE.replace("\x00", "")],
        ["actions", "--output", HOSTILE.replace("\x00", "")],
        ["export", "--format", HOSTILE.replace("\x00", "")],
        [HOSTILE.replace("\x00", "")],
        ["actions", HOSTILE.replace("\x00", "")],
    ],
    ids=["a date", "--output without --ics", "a format", "a command", "a subcommand"],
)
def test_usage_errors_show_what_was_typed_literally(args: list[str], reflect_home: Path) -> None:
    ran = run_reflect(*args)
    assert ran.returncode != 0
    assert_no_traceback(ran.stderr)
    assert_nothing_obeyable(ran.stderr + ran.stdout, "usage error")


def test_plain_walk_of_a_hostile_workbook_shows_escapes(tmp_path: Path, reflect_home: Path) -> None:
    book = hostile_workbook(tmp_path)
    answers = ["words one", "", "3", "1", "1", "a", "", "call", "", "", ""]
    ran = run_reflect("start", str(book), "--plain", input="\n".join(answers) + "\n")
    assert ran.returncode == 0, ran.stderr
    assert_nothing_obeyable(ran.stdout + ran.stderr, "plain walk")
    assert all(marker in ran.stdout for marker in MARKERS)


# --------------------------------------------------------------------------- the app


def _rendered(app: ReflectApp) -> str:
    """What Textual would write to the terminal for the whole screen now: the same
    `render_segments` the app's `_display` hands to the driver (headless skips it)."""
    update = app.screen._compositor.render_full_update()  # Textual's own renderer
    return update.render_segments(app.console)


def _build(sources: list[WorkbookSource], **options: Any) -> ReflectApp:
    paths = get_paths()
    return make_app(
        store=JournalStore(paths.journal_dir),
        drafts=DraftStore(paths.drafts_dir),
        now=lambda: FROZEN_NOW,
        state_dir=paths.state_dir,
        cache_dir=paths.cache_dir,
        sources=sources,
        support_note=f"CONFIG NOTE {HOSTILE}",
        cursor_blink=False,
        **options,
    )


def _hostile_draft(book: Path) -> None:
    """An earlier sitting's answers, full of escapes, paused at the list prompt: the
    app shows them again in the text box and the list's fields."""
    answers = [f"typed {ESCAPES['OSC 0 window title']} {ESCAPES['C1 CSI']}", "", "3", "1", "1"]
    answers += [f"item {ESCAPES['CSI clear screen']}", ":pause"]
    ran = cli("start", str(book), "--plain", input="\n".join(answers) + "\n")
    assert ran.exit_code == 0, ran.output


async def _check(pilot: Any, where: str, seen: list[str]) -> None:
    await pilot.pause()
    rendered = _rendered(pilot.app)
    assert_nothing_obeyable(rendered, where)
    seen.append(rendered)


@pilot_test
async def test_every_screen_of_the_app_shows_escapes(tmp_path: Path, reflect_home: Path) -> None:
    book = hostile_workbook(tmp_path)
    _hostile_journal()
    _hostile_draft(book)
    state = reflect_home / "state"
    state.mkdir(parents=True, exist_ok=True)
    (state / SEEN_NOTE_MARKER).write_text("seen\n")
    seen: list[str] = []
    app = _build([WorkbookSource("test", tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await _check(pilot, "home", seen)
        await pilot.press("s")  # the support note (from the config)
        await _check(pilot, "support note", seen)
        await pilot.press("escape")
        await pilot.press("a")  # review plans
        await _check(pilot, "actions review", seen)
        await pilot.press("m")  # move: the dialog quotes the action
        await _check(pilot, "move dialog", seen)
        await pilot.press("escape")
        await pilot.press("d")  # done: a notification quotes the action
        await _check(pilot, "done notification", seen)
        await pilot.press("escape")  # home
        await pilot.press("j")  # the journal browser
        await _check(pilot, "journal", seen)
        await pilot.press(*"MARK")  # a search: the line around the words
        await _check(pilot, "journal search", seen)
        await pilot.press("escape")  # home
        await pilot.press("enter")  # the workbook
        await _check(pilot, "resume dialog", seen)
        await pilot.press("y")  # carry on: after the list, whose item :pause kept
        await _check(pilot, "the prompt after the list", seen)
        await pilot.press("ctrl+b")  # the list, with its earlier item
        await _check(pilot, "a list with earlier items", seen)
        await pilot.press("ctrl+b", "ctrl+b", "ctrl+b", "ctrl+b")  # back to the text box
        await _check(pilot, "a text box with an earlier answer", seen)
        assert isinstance(app.screen, WalkScreen)
        for step in ("scale", "choice", "checklist", "list", "action"):
            await pilot.press("ctrl+n")
            await _check(pilot, step, seen)
        await pilot.press("ctrl+n")  # the end page
        await _check(pilot, "end page", seen)
        await pilot.press("enter")  # save
        await _check(pilot, "summary", seen)
    everything = "".join(seen)
    assert all(marker in everything for marker in MARKERS)
    assert "\\u001b]0;TITLE-MARK" in everything  # read: written out
    assert "␛]0;TITLE-MARK" in everything  # edited: one picture for one character
    # The journal keeps the exact text.
    texts = [e.body for e in all_entries(reflect_home)]
    assert f"ENTRY {HOSTILE}" in texts


def test_the_walk_intro_shows_escapes(tmp_path: Path, reflect_home: Path) -> None:
    """The first page of a walk (title, description, intro, the workbook's own note)."""
    hostile_workbook(tmp_path)

    @pilot_test
    async def run() -> None:
        seen: list[str] = []
        app = _build([WorkbookSource("test", tmp_path)])
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("enter")  # the workbook: its intro page
            await _check(pilot, "intro", seen)
            await pilot.press("enter")  # begin: the first prompt
            await _check(pilot, "first prompt", seen)
        assert "INTRO" in "".join(seen) and "NOTE" in "".join(seen)

    run()


def _app_in_a_terminal(args: list[str], keys: list[tuple[bytes, bytes]]) -> bytes:
    """A real `reflect ARGS` (the app) on a 120x40 pseudo-terminal: for each (wait for,
    press), read until `wait for` has been drawn, then press; return every byte."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "reflect", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "TERM": "xterm-256color"},
        start_new_session=True,
    )
    os.close(slave)
    seen = b""
    try:
        for wait_for, press in keys:
            while wait_for not in seen:
                ready, _, _ = select.select([master], [], [], 60)
                assert ready, f"{wait_for!r} not drawn within 60 s: {seen[-500:]!r}"
                seen += os.read(master, 65536)
            os.write(master, press)
        seen += _read_all(master)
        assert proc.wait(timeout=60) == 0, seen[-2000:]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    return seen


def test_real_app_in_a_terminal_never_receives_the_escapes(
    tmp_path: Path, reflect_home: Path
) -> None:
    book = hostile_workbook(tmp_path)
    _hostile_journal()
    state = reflect_home / "state"
    state.mkdir(parents=True, exist_ok=True)
    (state / SEEN_NOTE_MARKER).write_text("seen\n")
    review = _app_in_a_terminal(["actions", "-i"], [(b"CLEAR-MARK", b"q")])
    assert_nothing_obeyable(review, "real actions review")
    walk = _app_in_a_terminal(
        ["start", str(book)],
        [(b"INTRO", b"\r"), (b"PROMPT", b"ctrl-words"), (b"ctrl-words", b"\x11")],  # ^Q
    )
    assert_nothing_obeyable(walk, "real walk")
    assert b"\\u001b]0;TITLE-MARK" in walk
