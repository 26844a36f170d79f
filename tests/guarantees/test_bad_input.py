"""Bad input, everywhere a person can give it: a short message, a non-zero exit, no
traceback, and nothing that was saved changes.

Each case runs the real command (CliRunner on the Typer app; a few as real processes
to see exactly what reaches stderr) and checks the same four things: the exit code
is not 0; the message is a short `reflect: ...` paragraph naming the file and line
where there is one; no traceback; every file under REFLECT_HOME is byte-for-byte
as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from reflect.errors import JournalError
from reflect.journal.parse import parse
from reflect.kinds.text import TextAnswer
from reflect.paths import bundled_workbooks_dir
from tests.guarantees.helpers import (
    Figures,
    all_entries,
    answer_to,
    assert_no_traceback,
    cli,
    run_reflect,
    saved_state,
    walk_input,
)

WELLBEING = (bundled_workbooks_dir() / "wellbeing-check-in.toml").read_text(encoding="utf-8")


def refused(
    home: Path,
    *args: str,
    input: str | bytes | None = None,
    where: str | None = None,
    code: int | None = None,
    keep: Callable[[dict[str, bytes], dict[str, bytes]], None] | None = None,
) -> Result:
    """Run a command that must refuse, and check the four promises."""
    before = saved_state(home)
    result = cli(*args, input=input)
    assert result.exit_code != 0, result.output
    if code is not None:
        assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert_no_traceback(result.output)
    message = result.stderr
    assert message.startswith(("reflect: ", "Usage: ", "Nothing written", "Nothing in")), message
    assert len(message.splitlines()) <= 12, message
    if where is not None:
        assert where in message, message
    after = saved_state(home)
    if keep is None:
        assert after == before, "something saved changed"
    else:
        keep(before, after)
    return result


# --------------------------------------------------------------------------- workbooks


def _wb(old: str, new: str, text: str = WELLBEING) -> bytes:
    assert old in text, old
    return text.replace(old, new, 1).encode("utf-8")


def _line_of(data: bytes, needle: bytes) -> int:
    """The line `needle` is on; for a key that is missing (needle starts with '^'), the
    `[[sections.prompts]]` header of the table it is missing from."""
    if needle.startswith(b"^"):
        at = data.rindex(b"[[sections.prompts]]", 0, data.index(needle[1:]))
        return data[:at].count(b"\n") + 1
    return data[: data.index(needle)].count(b"\n") + 1


DEEP = b"id = " + b"[" * 5000 + b"]" * 5000 + b"\n"
WORKBOOKS: dict[str, tuple[bytes, bytes | int | None]] = {
    # name: (file content, the text on the line the message must name, or a line, or None)
    "toml syntax": (b'id = "x"\ntitle = \n', 2),
    "unclosed string": (b'id = "x\ntitle = "y"\n', 1),
    "duplicate key": (b'id = "a"\nid = "b"\n', 2),
    "wrong kind": (_wb('kind = "scale"', 'kind = "essay"'), b'kind = "essay"'),
    "no kind": (_wb('kind = "scale"\n', ""), b'^id = "feeling-overall"'),
    "missing prompt id": (_wb('id = "energy"\n', ""), b'^kind = "text"\ntext = "What gave'),
    "duplicate prompt id": (_wb('id = "energy"', 'id = "feeling-overall"'), None),
    "duplicate section id": (_wb('id = "this-week"', 'id = "how-you-are"'), None),
    "minutes wrong type": (_wb("minutes = 15", 'minutes = "fifteen"'), b'minutes = "fifteen"'),
    "options not a list": (
        _wb('options = [\n  "More rest"', 'options = "More rest"\nold = [\n  "More rest"'),
        None,
    ),
    "scale min above max": (_wb("min = 0", "min = 11"), None),
    "a typo in a key": (_wb("min_label =", "minlabel ="), b"minlabel ="),
    "id with ../": (_wb('id = "wellbeing-check-in"', 'id = "../../evil"'), 1),
    "absolute path as id": (_wb('id = "wellbeing-check-in"', 'id = "/tmp/evil"'), 1),
    "multi-line title": (_wb('title = "Weekly', 'title = """Weekly\n'), None),
    "no sections": (
        b'id = "x"\ntitle = "X"\ndescription = "d"\nminutes = 1\nsections = []\n',
        None,
    ),
    "sections not tables": (
        b'id = "x"\ntitle = "X"\ndescription = "d"\nminutes = 1\nsections = 3\n',
        None,
    ),
    "empty file": (b"", None),
    "only a comment": (b"# nothing here\n", None),
    "huge file": (b"# " + b"x" * 1_100_000 + b"\n", None),
    "binary file": (bytes(range(256)) * 4, None),
    "non-UTF-8 (latin-1)": (_wb("", "").replace(b"Weekly", "Séance".encode("latin-1")), 2),
    "CRLF and a syntax error": (b'id = "x"\r\ntitle = "t"\r\nminutes = = 3\r\n', 3),
    "nested too deep": (DEEP, None),
    "array of tables for the workbook": (b"[[id]]\nx = 1\n", None),
    "BOM then garbage": (b"\xef\xbb\xbf= = =\n", 1),
    "lone surrogate escape": (b'id = "\\ud800"\n', 1),
}


@pytest.mark.parametrize("name", list(WORKBOOKS))
def test_bad_workbook_is_refused_with_file_and_line(
    name: str, tmp_path: Path, reflect_home: Path, figures: Figures
) -> None:
    content, at = WORKBOOKS[name]
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    where = str(path)
    if isinstance(at, int):
        where += f":{at}"
    elif isinstance(at, bytes):
        where += f":{_line_of(content, at)}"
    refused(reflect_home, "start", str(path), "--plain", input="", where=where, code=2)
    figures.add("bad inputs tried")


def test_bad_workbooks_in_the_search_path_do_not_break_listing(
    reflect_home: Path, figures: Figures
) -> None:
    """A broken file in the user's workbook folder is reported, never a crash."""
    folder = reflect_home / "workbooks"
    folder.mkdir(parents=True)
    for number, (content, _) in enumerate(WORKBOOKS.values()):
        (folder / f"bad-{number}.toml").write_bytes(content)
    listing = cli("workbooks")
    assert listing.exit_code == 0, listing.output
    assert_no_traceback(listing.output)
    assert "wellbeing-check-in" in listing.stdout
    # Asking for one by id still finds the bundled one; a bad one by id says why.
    refused(reflect_home, "start", "bad-0", "--plain", input="", code=2)
    figures.add("bad inputs tried", len(WORKBOOKS))


NAMES = [
    "../../etc/passwd",
    "../wellbeing-check-in",
    "/etc/passwd",
    "/etc/shadow",
    "/",
    "..",
    "~/nope.toml",
    "Wellbeing Check-in",
    "wellbeing-check-in/../../x",
    "a" * 5000,
    "\x00",
    "-",
    "🙂",
]


@pytest.mark.parametrize("name", NAMES)
def test_paths_and_odd_names_where_a_workbook_id_is_expected(
    name: str, reflect_home: Path, figures: Figures
) -> None:
    refused(reflect_home, "start", name, "--plain", input="")
    figures.add("bad inputs tried")


@pytest.mark.parametrize(
    "args",
    [
        ["actions", "done", "../../etc/passwd"],
        ["actions", "done", "/etc/passwd"],
        ["actions", "done", ""],
        ["actions", "done", "k3f9/../x"],
        ["actions", "drop", "../x", "--note", "secret words"],
        ["actions", "move", "../../x", "fri"],
        ["actions", "move", "/abs", "none"],
        ["actions", "done", "x" * 10_000],
    ],
)
def test_paths_where_an_action_id_is_expected(
    args: list[str], reflect_home: Path, figures: Figures
) -> None:
    assert cli("actions", "add", "Phone Sam").exit_code == 0
    refused(reflect_home, *args)
    figures.add("bad inputs tried")


# --------------------------------------------------------------------------- journal files


def _sample_journal(home: Path) -> Path:
    assert cli("write", "A first page.\n\nWith two paragraphs.").exit_code == 0
    assert cli("actions", "add", "Phone Sam", "--due", "fri").exit_code == 0
    assert cli("start", "wellbeing-check-in", "--plain", input=walk_input("j")).exit_code == 0
    return home / "journal" / "2026-11.txt"


def _corrupt(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


CORRUPTIONS: dict[str, Callable[[str], bytes]] = {
    "truncated mid-heading": lambda t: t[: t.index("## 2026-11-29", 40) + 9].encode(),
    "truncated mid-action": lambda t: t[: t.index("- [ ] Phone Sam") + 20].encode(),
    "invalid UTF-8": lambda t: t.encode().replace(b"A first page", b"A first \xff\xfe page"),
    "heading with a bad date": lambda t: _corrupt(t, "## 2026-11-29", "## 2026-02-31").encode(),
    "heading with a bad time": lambda t: _corrupt(
        t, "## 2026-11-29 10:00", "## 2026-11-29 25:61"
    ).encode(),
    "unknown action status": lambda t: _corrupt(t, "- [ ] Phone Sam", "- [?] Phone Sam").encode(),
    "action with a bad due date": lambda t: _corrupt(
        t, "due 2026-12-04", "due 2026-12-45"
    ).encode(),
    "action done but box open": lambda t: _corrupt(t, "due 2026-12-04", "done 2026-12-01").encode(),
    "an answer lost its indent": lambda t: _corrupt(
        t, "    A first page.", "A first page."
    ).encode(),
    "CRLF line endings": lambda t: t.replace("\n", "\r\n").encode(),
    "no file header": lambda t: t.split("\n", 1)[1].encode(),
    "a newer format": lambda t: _corrupt(t, "format 1", "format 9").encode(),
    "an entry id used twice": lambda t: _twice(t).encode(),
    "NUL bytes": lambda t: (
        _corrupt(t, "A first page", "A first\x00page").replace("## ", "##\x00", 1).encode()
    ),
    "a scale with a huge number": lambda t: _corrupt(
        t, "scale: 6", "scale: " + "9" * 5000
    ).encode(),
}


def _twice(text: str) -> str:
    first = text.index("id: ") + 4
    entry_id = text[first : text.index("\n", first)]
    second = text.index("id: ", first) + 4
    other = text[second : text.index("\n", second)]
    return text.replace(f"id: {other}", f"id: {entry_id}", 1)


@pytest.mark.parametrize("name", list(CORRUPTIONS))
def test_hand_corrupted_journal_is_named_and_never_changed(
    name: str, reflect_home: Path, figures: Figures
) -> None:
    path = _sample_journal(reflect_home)
    broken = CORRUPTIONS[name](path.read_text(encoding="utf-8"))
    path.write_bytes(broken)
    with pytest.raises(JournalError) as raised:
        all_entries(reflect_home)
    where = f"{path}:{raised.value.line}"
    assert raised.value.line is not None

    refused(reflect_home, "actions", where=where, code=3)
    refused(reflect_home, "actions", "--json", where=where, code=3)
    for reading in READING_COMMANDS:
        if reading[0] == "search":
            # A search reads only the entries that may hold its words: it finds them in
            # the healthy entries, finds none (the damage cut them off), or names the
            # damaged entry that may hold them. Whichever, nothing changes.
            before = saved_state(reflect_home)
            searched = cli(*reading)
            assert searched.exit_code in (0, 1) or where in searched.stderr, searched.output
            assert_no_traceback(searched.output)
            assert saved_state(reflect_home) == before
        else:
            refused(reflect_home, *reading, where=where, code=3)
    refused(reflect_home, "actions", "add", "Something new", where=where, code=3)
    refused(reflect_home, "write", "New words", where=where, code=3, keep=_words_kept)
    refused(reflect_home, "write", input="Piped words\n", where=where, code=3, keep=_words_kept)

    # A walk finished while the journal is broken keeps every answer in its draft.
    draft = reflect_home / "drafts" / "wellbeing-check-in.toml"
    result = cli("start", "wellbeing-check-in", "--plain", input=walk_input("kept"))
    assert result.exit_code == 3, result.output
    assert_no_traceback(result.output)
    assert where in result.stderr
    assert path.read_bytes() == broken
    assert "energy kept" in draft.read_text(encoding="utf-8")
    figures.add("bad inputs tried", 6 + len(READING_COMMANDS))


def _reading_commands() -> list[list[str]]:
    """The journal's reading commands, once they exist (another issue builds them)."""
    from reflect.cli.main import app

    names = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    wanted = [["journal"], ["search", "behind"], ["export"], ["export", "--format", "json"]]
    return [args for args in wanted if args[0] in names]


READING_COMMANDS = _reading_commands()


def _words_kept(before: dict[str, bytes], after: dict[str, bytes]) -> None:
    """Only a new private copy of the words in drafts/ may appear; nothing else changes."""
    new = {name: data for name, data in after.items() if name not in before}
    assert {name: after[name] for name in before} == before
    assert all(name.startswith("drafts/") for name in new), new
    assert any(b"words" in data for data in new.values()), new


def test_every_truncation_of_a_journal_parses_or_names_its_line(
    reflect_home: Path, figures: Figures
) -> None:
    """A file cut off at any byte (a sync tool stopped half-way, a full disk elsewhere):
    either it still reads, or the error names a line inside it. Never anything else."""
    text = _sample_journal(reflect_home).read_text(encoding="utf-8")
    lines = text.count("\n") + 1
    for end in range(len(text)):
        try:
            parse(text[:end])
        except JournalError as error:
            assert error.line is not None and 1 <= error.line <= lines
    figures.add("bad inputs tried", len(text))


# --------------------------------------------------------------------------- dates

BAD_DATES = [
    "31 feb",
    "feb 30",
    "30 feb 2027",
    "in -3 days",
    "-3 days",
    "yesterday",
    "last week",
    "2026-11-28",
    "2026-13-01",
    "2026-00-10",
    "32 dec",
    "0 dec",
    "in 0.5 days",
    "in 99999999 days",
    "in 99999999999999999999999999 days",
    "9" * 5000,
    "tomorrow 25:00",
    "fri 9:75",
    "next blursday",
    "🙂",
    "\x00",
    "\u202etomorrow",
]


@pytest.mark.parametrize("when", BAD_DATES)
def test_impossible_dates_are_refused(when: str, reflect_home: Path, figures: Figures) -> None:
    added = cli("actions", "add", "Phone Sam")
    action_id = added.stdout.split()[1].rstrip(":")
    result = refused(reflect_home, "actions", "add", "Water plants", "--due", when, code=2)
    assert "Invalid value" in result.stderr
    refused(reflect_home, "actions", "move", action_id, when, code=2)
    figures.add("bad inputs tried", 2)


def test_impossible_dates_in_plain_mode_ask_again(reflect_home: Path, figures: Figures) -> None:
    """In a walk a bad date is explained and asked again; the walk carries on."""
    answers = [
        "6",  # scale
        "",  # skip: behind the number
        "",  # skip: checklist
        "",  # skip: energy
        "",  # skip: choice
        "Phone Sam",  # the action, then one bad date after another
        *BAD_DATES[:-1],
        "fri",
        "",  # Repeat? no
        "",  # anything else? no
    ]
    result = cli("start", "wellbeing-check-in", "--plain", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "31 February doesn't exist" in result.stdout
    [action] = [a for e in all_entries(reflect_home) for a, _, _ in e.all_actions()]
    assert action.text == "Phone Sam" and str(action.due) == "2026-12-04"
    figures.add("bad inputs tried", len(BAD_DATES) - 1)


# --------------------------------------------------------------------------- answers

ODD_TEXTS = {
    "emoji": "Feeling 🙂 then 😢, then 👨‍👩‍👧‍👦 came round 🎉",
    "right-to-left": "שלום עולם — مرحبا بالعالم",
    "bidi override": "abc\u202edcba\u202c end",
    "combining": "e\u0301 a\u0308 n\u0303 Z\u0351\u0325\u0354a\u0350\u0324l\u0352\u0331g\u0357o",
    "zero-width": "a\u200bb\u200dc\ufeffd",
    "looks like the format": "## 2026-01-01 10:00\nid: aaaaaaaa\n- [ ] not an action  (k3f9)\n#### [x]",
    "lone CR and tabs": "one\rtwo\tthree",
}


@pytest.mark.parametrize("name", list(ODD_TEXTS))
def test_unusual_text_is_kept_exactly(name: str, reflect_home: Path, figures: Figures) -> None:
    text = ODD_TEXTS[name]
    wrote = cli("write", text)
    assert wrote.exit_code == 0, wrote.output
    one_line = text.replace("\n", " ").replace("\r", " ")
    added = cli("actions", "add", one_line)
    assert added.exit_code == 0, added.output
    walked = cli(
        "start", "wellbeing-check-in", "--plain", input=walk_input("u").replace("energy u", text)
    )
    assert walked.exit_code == 0, walked.output

    entries = all_entries(reflect_home)
    assert entries[0].body == text
    assert entries[1].actions[0].text == one_line
    # Plain mode reads lines, and a lone CR ends a line there (as Enter does in a terminal).
    assert answer_to(entries[2], "energy", TextAnswer).text == text.replace("\r", "\n")
    listed = json.loads(cli("actions", "--json").stdout)
    assert one_line in [item["text"] for item in listed]
    figures.add("bad inputs tried", 3)


def test_empty_answers_save_nothing(reflect_home: Path, figures: Figures) -> None:
    refused(reflect_home, "write", "")
    refused(reflect_home, "write", "   \n\t  ")
    refused(reflect_home, "write", input="")
    refused(reflect_home, "write", input="\n\n\n")
    refused(reflect_home, "actions", "add", "")
    refused(reflect_home, "actions", "add", "   ")
    refused(reflect_home, "actions", "add", "two\nlines")
    # An empty walk: every prompt skipped; the walk ends gently and saves an empty entry
    # only when the person got to the end; stopping at once saves just a draft.
    stopped = cli("start", "wellbeing-check-in", "--plain", input="")
    assert stopped.exit_code == 0, stopped.output
    assert all_entries(reflect_home) == []
    figures.add("bad inputs tried", 8)


MEGABYTE = ("Dear diary, " * 90 + "\n") * 1000  # ~1 MB over 1,000 lines
ONE_LINE_MEGABYTE = "x" * 1_000_000


def test_a_megabyte_through_write(reflect_home: Path, figures: Figures) -> None:
    for text in (MEGABYTE.rstrip("\n"), ONE_LINE_MEGABYTE):
        assert cli("write", text).exit_code == 0
    piped = run_reflect("write", input=MEGABYTE)
    assert piped.returncode == 0, piped.stderr[-2000:]
    assert_no_traceback(piped.stderr)
    bodies = [e.body for e in all_entries(reflect_home)]
    assert bodies == [MEGABYTE.rstrip("\n"), ONE_LINE_MEGABYTE, MEGABYTE.rstrip("\n")]
    figures.add("bad inputs tried", 3)


def test_a_megabyte_through_plain_mode(reflect_home: Path, figures: Figures) -> None:
    big = MEGABYTE.replace("\n\n", "\n").rstrip("\n")  # a text answer ends at an empty line
    walk = walk_input("m").replace("energy m", big).replace("behind m", ONE_LINE_MEGABYTE)
    result = run_reflect("start", "wellbeing-check-in", "--plain", input=walk)
    assert result.returncode == 0, result.stderr[-2000:]
    assert_no_traceback(result.stderr)
    [entry] = all_entries(reflect_home)
    assert answer_to(entry, "energy", TextAnswer).text == big
    assert answer_to(entry, "behind-the-number", TextAnswer).text == ONE_LINE_MEGABYTE
    figures.add("bad inputs tried", 2)


# --------------------------------------------------------------------------- config and drafts

CONFIGS = {
    "toml syntax": b"support_note = \n",
    "nested too deep": b"support_note = " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "non-UTF-8": "support_note = 'Appelez Séverine'\n".encode("latin-1"),
    "unknown key": b'colour = "blue"\n',
    "wrong type": b"support_note = 3\n",
    "workbook_dirs not a list": b'workbook_dirs = "/tmp"\n',
    "binary": bytes(range(256)),
}


@pytest.mark.parametrize("name", list(CONFIGS))
def test_broken_config_is_named(name: str, reflect_home: Path, figures: Figures) -> None:
    reflect_home.mkdir(parents=True, exist_ok=True)
    config = reflect_home / "config.toml"
    config.write_bytes(CONFIGS[name])
    refused(reflect_home, "start", "wellbeing-check-in", "--plain", input="", where=str(config))
    refused(reflect_home, "workbooks", where=str(config))
    figures.add("bad inputs tried", 2)


DRAFTS = {
    "garbage": b"\x00\x01 not toml at all ===",
    "not UTF-8": b'format = 1\nworkbook = "caf\xe9"\n',
    "missing fields": b"format = 1\n",
    "wrong types": (
        b'format = 1\nworkbook = "wellbeing-check-in"\nentry_id = "abcdefgh"\n'
        b"started = 2026-11-29T09:00:00\n"
        b'[answers.feeling-overall]\nkind = "scale"\nprompt = "p"\n'
        b'value = "my secret words"\n'
    ),
    "nested too deep": b"format = " + b"[" * 5000 + b"]" * 5000 + b"\n",
}


@pytest.mark.parametrize("name", list(DRAFTS))
def test_damaged_draft_is_named_and_kept(name: str, reflect_home: Path, figures: Figures) -> None:
    folder = reflect_home / "drafts"
    folder.mkdir(parents=True)
    draft = folder / "wellbeing-check-in.toml"
    draft.write_bytes(DRAFTS[name])
    result = refused(
        reflect_home, "start", "wellbeing-check-in", "--plain", input="", where=str(draft)
    )
    assert "my secret words" not in result.output  # the draft's words are never echoed
    figures.add("bad inputs tried")


# --------------------------------------------------------------------------- real processes


def test_no_traceback_reaches_stderr_of_a_real_process(
    tmp_path: Path, reflect_home: Path, figures: Figures
) -> None:
    """The same refusals as a person sees them: stderr of a real `python -m reflect`."""
    bad = tmp_path / "bad.toml"
    bad.write_bytes(WORKBOOKS["binary file"][0])
    deep = tmp_path / "deep.toml"
    deep.write_bytes(DEEP)
    path = _sample_journal(reflect_home)
    runs = [
        (["start", str(bad), "--plain"], None),
        (["start", str(deep), "--plain"], None),
        (["start", "../../etc/passwd", "--plain"], None),
        (["actions", "add", "x", "--due", "31 feb"], None),
        (["actions", "done", "nope"], None),
        (["write"], ""),
        (["no-such-command"], None),
    ]
    for args, stdin in runs:
        ran = run_reflect(*args, input=stdin)
        assert ran.returncode != 0, args
        assert_no_traceback(ran.stderr)
        assert ran.stderr.strip(), args
    path.write_bytes(CORRUPTIONS["invalid UTF-8"](path.read_text(encoding="utf-8")))
    for args in (["actions"], ["write", "more"], ["remind"]):
        ran = run_reflect(*args)
        assert_no_traceback(ran.stderr)
    (reflect_home / "config.toml").write_bytes(CONFIGS["nested too deep"])
    ran = run_reflect("workbooks")
    assert ran.returncode == 2
    assert_no_traceback(ran.stderr)
    figures.add("bad inputs tried", len(runs) + 4)
    figures.add("real processes checked for tracebacks", len(runs) + 4)
