"""`reflect journal`, `reflect show` and `reflect search`, run the way a person would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli.helpers import reflect
from tests.conftest import DATA


@pytest.fixture
def journal(reflect_home: Path) -> Path:
    """The fixture journal (Oct and Nov 2026) as this test's own journal."""
    folder = reflect_home / "journal"
    shutil.copytree(DATA / "journal", folder)
    return folder


def lines(output: str) -> list[str]:
    return output.strip("\n").split("\n")


# --------------------------------------------------------------------------- journal


def test_journal_lists_newest_first_with_date_id_workbook_and_first_line(journal: Path) -> None:
    result = reflect("journal")
    assert result.exit_code == 0, result.output
    assert lines(result.stdout) == [
        "Wed 25 Nov, 20:00      q4mz8vnb  free-form                Spent $20 on *good* coffee <3 and it was worth it.",
        "Sat 21 Nov, 22:05      t6hs9wqe  free-form                # Not a heading, just how I wrote it",
        "Mon 9 Nov, 18:30       r5dm2cxa  free-form                Book the dentist",
        "Thu 5 Nov, 08:02       w8nb4c2d  free-form                A quiet morning. Rain on the window.",
        "Tue 3 Nov, 21:14       k3f9q2mx  wellbeing-check-in       ★ Tired, but steadier than last week.",
        "Sun 18 Oct, 19:40      c7pq3mzt  communities-of-practice  Patience with newcomers, and a habit of writing things down.",
    ]


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["-n", "2"], ["q4mz8vnb", "t6hs9wqe"]),
        (["--since", "2026-11-05", "--until", "9 nov"], ["r5dm2cxa", "w8nb4c2d"]),
        (["--until", "31 oct"], ["c7pq3mzt"]),
        (["--since", "3 weeks ago"], ["q4mz8vnb", "t6hs9wqe", "r5dm2cxa"]),  # from Sun 8 Nov
        (["--workbook", "wellbeing-check-in"], ["k3f9q2mx"]),
        (["--workbook", "free-form", "-n", "1"], ["q4mz8vnb"]),
    ],
)
def test_journal_filters(journal: Path, args: list[str], ids: list[str]) -> None:
    result = reflect("journal", *args)
    assert result.exit_code == 0, result.output
    assert [line.split()[4] for line in lines(result.stdout)] == ids


def test_journal_says_when_nothing_matches_or_nothing_is_written(journal: Path) -> None:
    result = reflect("journal", "--workbook", "no-such-workbook")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "No entries match these filters.\n",
    )
    shutil.rmtree(journal)
    assert "Your journal is empty" in reflect("journal").stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--since", "someday"], "reflect: --since: I couldn't read 'someday' as a date."),
        (["--until", ""], "reflect: --until: There's no date here."),
        (["--since", "9 nov", "--until", "1 nov"], "reflect: --since is after --until"),
    ],
)
def test_bad_dates_get_a_short_error(journal: Path, args: list[str], words: str) -> None:
    result = reflect("journal", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(words)
    assert len(lines(result.stderr)) == 1
    assert "Traceback" not in result.output


def test_n_must_be_positive(journal: Path) -> None:
    result = reflect("journal", "-n", "0")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- show


def test_show_prints_the_whole_entry_as_plain_text_when_piped(journal: Path) -> None:
    result = reflect("show", "k3f9q2mx")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "\x1b[" not in out  # no colour codes in a pipe
    assert lines(out)[:2] == [
        "Tue 3 Nov, 21:14 · Weekly wellbeing check-in",
        "entry k3f9q2mx · workbook wellbeing-check-in (version 1) · ★ starred",
    ]
    assert "    Tired, but steadier than last week.\n\n    The project deadline moved" in out
    assert "    6 (0 to 10)" in out
    assert "    [x] h7rt  Go to bed by 22:30 on weeknights — due Fri 6 Nov, done Sat 7 Nov" in out
    assert "          Mornings felt easier." in out
    assert "    [ ] p2wd  Message Sam about a walk — due Sun 8 Nov 10:00" in out


def test_show_at_a_terminal_uses_colour_but_prints_text_literally(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reflect.cli.journal.stdout_is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = reflect("show", "t6hs9wqe")
    assert result.exit_code == 0, result.output
    assert "\x1b[1m" in result.stdout  # the heading is bold
    # What looks like rich markup or Markdown in someone's words is printed as written.
    assert "<b>rest</b> & time | space" in result.stdout
    assert "# Not a heading" in result.stdout


def test_show_an_unknown_id_is_a_short_error(journal: Path) -> None:
    result = reflect("show", "zzzzzzzz")
    assert result.exit_code == 1
    assert result.stderr == (
        "reflect: There is no journal entry with id 'zzzzzzzz'.\n"
        "`reflect journal` lists your entries with their ids.\n"
    )


def test_show_accepts_an_id_typed_in_capitals(journal: Path) -> None:
    assert reflect("show", " W8NB4C2D ").exit_code == 0


# --------------------------------------------------------------------------- search


def test_search_shows_each_matching_line_with_its_date(journal: Path) -> None:
    result = reflect("search", "THE")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Mon 9 Nov, 18:30  r5dm2cxa  free-form\n  Action: Book the dentist\n")
    assert "Tue 3 Nov, 21:14  k3f9q2mx  Weekly wellbeing check-in\n" in out
    assert "  What's behind that number? The project deadline moved, which helped.\n" in out
    assert "  Note: Someone else already has one; I'll add to theirs.\n" in out
    assert "\x1b[" not in out


def test_search_highlights_the_match_at_a_terminal(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reflect.cli.journal.stdout_is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = reflect("search", "*REALLY*")
    assert result.exit_code == 0, result.output
    # The match is a style span; the brackets and stars in the text stay text.
    assert "\x1b[1;7m*really*\x1b[0m want: <b>rest</b>" in result.stdout
    assert "1 entry matches." in result.stdout


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["sam"], ["q4mz8vnb", "w8nb4c2d", "k3f9q2mx"]),
        (["SAM", "-n", "2"], ["q4mz8vnb", "w8nb4c2d"]),
        (["sam", "--until", "4 nov"], ["k3f9q2mx"]),
        (["notes", "--workbook", "communities-of-practice"], ["c7pq3mzt"]),
        (["went well"], []),  # a prompt, not something the person wrote
        (["  bed by"], []),  # the words exactly, spaces and all
        (["bed  by"], []),
        ([r"\d{2}:\d{2}", "--regex"], ["k3f9q2mx"]),
    ],
)
def test_search_filters(journal: Path, args: list[str], ids: list[str]) -> None:
    result = reflect("search", *args)
    assert result.exit_code == (0 if ids else 1), result.output
    found = [line.split()[4] for line in lines(result.stdout) if line and line[0] != " "]
    assert found == ids


def test_search_finds_nothing_kindly(journal: Path) -> None:
    result = reflect("search", "elephant")
    assert result.exit_code == 1
    assert result.stderr == "Nothing in your journal matches 'elephant'.\n"


def test_search_a_bad_regex_is_a_short_error(journal: Path) -> None:
    result = reflect("search", "(unclosed", "--regex")
    assert result.exit_code == 2  # not 1, which says "nothing matched"
    assert result.stderr.startswith("reflect: I couldn't read '(unclosed' as a regular expression")
    assert "Traceback" not in result.output


def test_a_broken_month_file_is_named_not_a_traceback(journal: Path) -> None:
    (journal / "2026-11.txt").write_text("# reflect journal · format 1\n\nstray\n")
    for args in (["journal"], ["search", "stray"], ["export"], ["export", "-f", "json"]):
        result = reflect(*args)
        assert result.exit_code == 3, args
        assert "2026-11.txt:3:" in result.stderr
        assert "Traceback" not in result.output


def test_a_pipe_closed_early_ends_quietly(reflect_home: Path) -> None:
    """`reflect journal | head -1`: no BrokenPipeError, no traceback, status 0."""
    import subprocess
    import sys
    from datetime import datetime, timedelta

    from reflect.journal.model import Entry
    from reflect.journal.store import JournalStore

    start = datetime(2020, 1, 1, 9, 0)
    JournalStore(reflect_home / "journal").add_entries(
        Entry(f"{n:08d}", start + timedelta(hours=7 * n), body=f"Entry number {n} " + "x" * 60)
        for n in range(3000)  # far more than a pipe's buffer holds
    )
    for command in (["journal"], ["export"], ["search", "entry"]):
        with subprocess.Popen(
            [sys.executable, "-m", "reflect", *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as process:
            assert process.stdout is not None and process.stderr is not None
            assert process.stdout.readline()
            process.stdout.close()
            stderr = process.stderr.read()
            assert process.wait(timeout=60) == 0, stderr
        assert stderr == b"", command
