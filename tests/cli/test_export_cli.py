"""`reflect export`: Markdown, JSON and iCalendar, to the screen or a private file, of
the whole journal or only the part chosen, and nothing more."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import jsonschema
import pytest
from icalendar import Calendar

from reflect.export.json import schema
from tests.cli.helpers import reflect
from tests.conftest import DATA
from tests.export_reader import read_json


@pytest.fixture
def journal(reflect_home: Path) -> Path:
    folder = reflect_home / "journal"
    shutil.copytree(DATA / "journal", folder)
    return folder


def test_markdown_to_the_screen_is_the_reviewed_document(journal: Path) -> None:
    result = reflect("export")
    assert result.exit_code == 0, result.output
    assert result.stdout == (DATA / "export" / "journal.md").read_text(encoding="utf-8")


def test_markdown_to_a_file_is_private_and_says_where(journal: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    target = shared / "journal.md"
    result = reflect("export", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote 6 entries to {target}.\n"
    assert target.read_text(encoding="utf-8") == (DATA / "export" / "journal.md").read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755  # the person's folder is left alone


def test_one_entry_exports_that_entry_only(journal: Path) -> None:
    result = reflect("export", "--entry", "w8nb4c2d")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("# Journal\n\n1 entry, Thu 5 Nov 2026. Exported from reflect on Sun")
    assert "## Contents" not in out  # one entry needs no contents list
    assert "small is the point" in out
    assert out.count("<a id=") == 1


def test_one_section_shares_that_section_and_nothing_else(journal: Path) -> None:
    result = reflect("export", "--entry", "k3f9q2mx", "--section", "one-small-step", "-f", "json")
    assert result.exit_code == 0, result.output
    [entry] = read_json(result.stdout)
    assert [s.id for s in entry.sections] == ["one-small-step"]
    assert entry.body is None and entry.actions == ()
    markdown = reflect("export", "--entry", "k3f9q2mx", "--section", "one-small-step").stdout
    assert "Go to bed by 22:30" in markdown
    assert "Only the chosen sections of each entry are included." in markdown
    for private in ("Tired", "Priya", "More rest", "Time outdoors", "scale"):
        assert private not in markdown


def test_a_section_across_entries(journal: Path) -> None:
    result = reflect("export", "--section", "next-steps", "--section", "how-you-are", "-f", "json")
    document = json.loads(result.stdout)
    assert [e["id"] for e in document["entries"]] == ["c7pq3mzt", "k3f9q2mx"]
    assert document["filters"] == {"sections": ["how-you-are", "next-steps"]}


def test_json_export_validates_against_its_schema(journal: Path) -> None:
    result = reflect("export", "--format", "json", "--since", "1 nov", "--workbook", "free-form")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema())
    assert [e["id"] for e in document["entries"]] == [
        "w8nb4c2d",
        "r5dm2cxa",
        "t6hs9wqe",
        "q4mz8vnb",
    ]
    assert document["filters"] == {"since": "2026-11-01", "workbook": "free-form"}


def test_json_to_a_file_reads_back(journal: Path, tmp_path: Path) -> None:
    target = tmp_path / "journal.json"
    assert reflect("export", "-f", "json", "-o", str(target)).exit_code == 0
    assert len(read_json(target.read_bytes())) == 6


def test_ics_exports_the_open_actions_of_the_chosen_entries(journal: Path) -> None:
    result = reflect("export", "--format", "ics", "--since", "2026-11-01")
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(result.stdout_bytes)
    summaries = sorted(str(todo["summary"]) for todo in calendar.walk("VTODO"))
    assert summaries == ["Book the dentist", "Message Sam about a walk"]


def test_ics_with_no_open_actions_says_so(journal: Path) -> None:
    result = reflect("export", "-f", "ics", "--entry", "c7pq3mzt")
    assert result.exit_code == 1
    assert "no open actions" in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--entry", "zzzzzzzz"], 1, "reflect: There is no journal entry with id 'zzzzzzzz'."),
        (["--section", "nope"], 1, "reflect: Nothing to export: no entries match"),
        (
            ["--since", "next tuesday"],
            2,
            "reflect: --since: 'next tuesday' is Tue 1 Dec 2026, after today",
        ),
        (["--workbook", "nope"], 1, "reflect: Nothing to export"),
        (["--format", "pdf"], 2, "Invalid value for '--format'"),
    ],
)
def test_bad_input_gets_a_short_error_and_writes_nothing(
    journal: Path, tmp_path: Path, args: list[str], code: int, words: str
) -> None:
    target = tmp_path / "out.md"
    result = reflect("export", *args, "-o", str(target))
    assert result.exit_code == code
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert not target.exists()


def test_export_to_a_folder_is_a_short_error(journal: Path, tmp_path: Path) -> None:
    result = reflect("export", "-o", str(tmp_path))
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_an_empty_journal_exports_nothing(reflect_home: Path) -> None:
    result = reflect("export")
    assert result.exit_code == 1
    assert "Nothing to export" in result.stderr


def test_dash_means_the_screen(journal: Path) -> None:
    result = reflect("export", "-o", "-", "--entry", "r5dm2cxa")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Journal") and "Wrote" not in result.stdout


def test_escape_sequences_are_shown_at_a_terminal_and_kept_in_a_file(
    reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime

    from reflect.journal.model import Entry
    from reflect.journal.store import JournalStore

    JournalStore(reflect_home / "journal").add_entry(
        Entry("aaaaaaaa", datetime(2026, 11, 1, 9, 0), body="red \x1b[31mtext\x1b]0;title\x07")
    )
    target = tmp_path / "out.md"
    assert reflect("export", "-o", str(target)).exit_code == 0
    assert "\x1b" in target.read_text(encoding="utf-8")  # the file keeps the words
    monkeypatch.setattr("reflect.cli.reading.stdout_is_terminal", lambda: True)
    for fmt in ("markdown", "json"):
        shown = reflect("export", "-f", fmt).stdout
        assert "\x1b" not in shown and "\x07" not in shown
        assert "\\u001b" in shown


def _journal_with_escapes(home: Path) -> None:
    from datetime import datetime

    from reflect.journal.model import Entry
    from reflect.journal.store import JournalStore

    JournalStore(home / "journal").add_entries(
        [
            Entry("aaaaaaaa", datetime(2026, 11, 1, 9, 0), body="red \x1b[31mtext\x1b[0m ☕"),
            Entry("bbbbbbbb", datetime(2026, 11, 2, 9, 0), title="Café", body="ß 東京 🙂"),
        ]
    )


def test_markdown_into_a_pipe_is_the_same_bytes_as_the_file(
    reflect_home: Path, tmp_path: Path
) -> None:
    """`reflect export > journal.md` and `-o journal.md` write the same document: UTF-8
    whatever Python's own output encoding, escape characters someone wrote kept."""
    import os
    import subprocess
    import sys

    _journal_with_escapes(reflect_home)
    target = tmp_path / "journal.md"
    assert reflect("export", "-o", str(target)).exit_code == 0
    piped = subprocess.run(
        [sys.executable, "-m", "reflect", "export"],
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},  # the bytes go round the encoding
    )
    assert piped.stderr == b""
    assert piped.stdout == target.read_bytes()
    assert b"\x1b" in piped.stdout and "☕".encode() in piped.stdout
    assert reflect("export").stdout_bytes == target.read_bytes()  # CliRunner's stdout too


def test_a_text_only_stdout_gets_the_document_decoded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Some harnesses put a text stream without `.buffer` in sys.stdout: the export
    still arrives whole, a character cut between two pieces included."""
    import io
    import sys

    from reflect.cli.reading import document_to_screen

    screen = io.StringIO()
    monkeypatch.setattr(sys, "stdout", screen)
    document_to_screen([b"caf\xc3", b"\xa9 \xe2\x98", b"\x95\n"])
    assert screen.getvalue() == "café ☕\n"
