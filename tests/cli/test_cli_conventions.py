"""What jrnl, taskwarrior and git users type without thinking (issue 16): -h, -V, several
search words, --json on the reading commands, short ids, unquoted words, dates echoed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reflect import __version__
from tests.cli.helpers import actions_json, reflect
from tests.conftest import DATA


@pytest.fixture
def journal(reflect_home: Path) -> Path:
    folder = reflect_home / "journal"
    shutil.copytree(DATA / "journal", folder)
    return folder


def ids_in(output: str) -> list[str]:
    return [line.split()[4] for line in output.strip("\n").split("\n") if line and line[0] != " "]


# --------------------------------------------------------------------------- -h, -V


@pytest.mark.parametrize(
    "args",
    [
        ["-h"],
        ["journal", "-h"],
        ["actions", "-h"],
        ["actions", "add", "-h"],
        ["import", "jrnl", "-h"],
    ],
)
def test_dash_h_is_help_everywhere(args: list[str]) -> None:
    result = reflect(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: ")
    assert reflect(*args[:-1], "--help").stdout == result.stdout


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_dash_v_is_the_version(flag: str) -> None:
    result = reflect(flag)
    assert (result.exit_code, result.stdout) == (0, f"reflect {__version__}\n")


# --------------------------------------------------------------------------- write


@pytest.mark.parametrize(
    ("words", "body"),
    [
        (["two", "words"], "two words"),
        (["A", "quiet", "day,", "#rain"], "A quiet day, #rain"),
        (["one argument,  spaces   kept"], "one argument,  spaces   kept"),
        (["line one\nline two", "and more"], "line one\nline two and more"),
    ],
)
def test_write_joins_its_words(words: list[str], body: str) -> None:
    result = reflect("write", *words)
    assert result.exit_code == 0, result.output
    shown = json.loads(reflect("journal", "--json").stdout)
    assert [entry["body"] for entry in shown] == [body]


# --------------------------------------------------------------------------- search


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["quiet", "rain"], ["w8nb4c2d"]),  # both words, anywhere in the entry
        (["rain", "quiet"], ["w8nb4c2d"]),  # any order
        (["QUIET", "Rain"], ["w8nb4c2d"]),
        (["quiet rain"], []),  # quoted: the exact phrase, which is not there
        (["quiet morning"], ["w8nb4c2d"]),
        (["quiet", "elephant"], []),  # every word must be there
        (["sam", "walk"], ["k3f9q2mx"]),
        (["sam"], ["q4mz8vnb", "w8nb4c2d", "k3f9q2mx"]),
        ([r"qu\w+t", r"r[a-z]in", "--regex"], ["w8nb4c2d"]),
    ],
)
def test_search_takes_several_words_and_quoted_phrases(
    journal: Path, args: list[str], ids: list[str]
) -> None:
    result = reflect("search", *args)
    assert result.exit_code == (0 if ids else 1), result.output
    assert ids_in(result.stdout) == ids


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["(unclosed", "--regex"], "as a regular expression"),
        (["fine", "[", "--regex"], "as a regular expression"),
        (["x*", "--regex"], "matches empty text"),
        ([""], "Give some words"),
    ],
)
def test_a_search_that_cannot_be_made_exits_2_not_1(
    journal: Path, args: list[str], says: str
) -> None:
    result = reflect("search", *args)
    assert result.exit_code == 2  # 1 means "nothing matched"
    assert says in result.stderr
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- --json


def test_journal_show_and_search_json_are_the_export_entries(journal: Path) -> None:
    exported = json.loads(reflect("export", "-f", "json").stdout)["entries"]
    by_id = {entry["id"]: entry for entry in exported}
    listed = json.loads(reflect("journal", "--json").stdout)
    assert [e["id"] for e in listed] == ids_in(reflect("journal").stdout)
    assert all(entry == by_id[entry["id"]] for entry in listed)
    shown = json.loads(reflect("show", "k3f9q2mx", "--json").stdout)
    assert shown == by_id["k3f9q2mx"]
    found = json.loads(reflect("search", "sam", "--until", "4 nov", "--json").stdout)
    assert [m["entry"] for m in found] == [by_id["k3f9q2mx"]]
    assert {"where": "Action", "line": "Message Sam about a walk", "spans": [[8, 11]]} in found[0][
        "hits"
    ]


def test_json_with_nothing_to_show_is_an_empty_list(journal: Path) -> None:
    assert reflect("journal", "--workbook", "nope", "--json").stdout == "[]\n"
    result = reflect("search", "elephant", "--json")
    assert (result.exit_code, result.stdout) == (1, "[]\n")


def test_workbooks_json(reflect_home: Path) -> None:
    result = reflect("workbooks", "--json")
    assert result.exit_code == 0, result.output
    books = {b["id"]: b for b in json.loads(result.stdout)}
    book = books["wellbeing-check-in"]
    assert book["source"] == "bundled" and book["paused"] is None
    assert set(book) == {"id", "title", "version", "minutes", "source", "path", "prompts", "paused"}


# --------------------------------------------------------------------------- short ids


@pytest.mark.parametrize("typed", ["k3", "k3f", "K3F9Q2", "k3f9q2mx"])
def test_a_unique_start_of_an_entry_id_is_enough(journal: Path, typed: str) -> None:
    result = reflect("show", typed)
    assert result.exit_code == 0, result.output
    assert "entry k3f9q2mx" in result.stdout
    exported = json.loads(reflect("export", "-f", "json", "--entry", typed).stdout)
    assert [e["id"] for e in exported["entries"]] == ["k3f9q2mx"]


def test_an_ambiguous_start_lists_the_candidates(journal: Path) -> None:
    reflect("write", "Another entry")  # a second entry whose id may share a start
    listed = [e["id"] for e in json.loads(reflect("journal", "--json").stdout)]
    # Find a prefix two ids share, or make the test's own.
    (journal / "2026-11.txt").write_text(
        (journal / "2026-11.txt").read_text(encoding="utf-8")
        + "\n## 2026-11-26 09:00\nid: k3f9aaaa\n\n    A twin start.\n",
        encoding="utf-8",
    )
    assert "k3f9q2mx" in listed
    result = reflect("show", "k3f9")
    assert result.exit_code == 1
    assert "More than one entry has an id starting 'k3f9'" in result.stderr
    assert "k3f9q2mx  2026-11-03 21:14" in result.stderr
    assert "k3f9aaaa  2026-11-26 09:00  A twin start." in result.stderr
    assert "Type more of the id." in result.stderr


@pytest.mark.parametrize("typed", ["p2", "P2W", "p2wd"])
def test_a_unique_start_of_an_action_id_is_enough(journal: Path, typed: str) -> None:
    result = reflect("actions", "done", typed, "--note", "Walked")
    assert result.exit_code == 0, result.output
    assert "Done: p2wd Message Sam about a walk." in result.stdout


def test_an_ambiguous_action_start_lists_them_and_changes_nothing(journal: Path) -> None:
    month = journal / "2026-11.txt"
    month.write_text(
        month.read_text(encoding="utf-8")
        + "\n## 2026-11-26 09:00 · Action added\nid: twinaaaa\n\n- [ ] Phone Priya  (p2aa)\n",
        encoding="utf-8",
    )
    before = month.read_text(encoding="utf-8")
    result = reflect("actions", "done", "p2", "--note", "x")
    assert result.exit_code == 1
    assert "More than one action has an id starting 'p2'" in result.stderr
    assert "p2aa  Phone Priya" in result.stderr and "p2wd  Message Sam" in result.stderr
    assert month.read_text(encoding="utf-8") == before
    assert reflect("actions", "done", "p2a", "--note", "x").exit_code == 0


# --------------------------------------------------------------------------- actions


@pytest.mark.parametrize(
    ("due", "said"),
    [
        ("fri 9am", "due Fri 4 Dec 09:00 (in 5 days)"),
        ("fri at 9", "due Fri 4 Dec 09:00 (in 5 days)"),
        ("tonight at 8", "due Sun 29 Nov 20:00 (due today)"),
        ("2026-12-25T09:00", "due Fri 25 Dec 09:00 (in 3 weeks)"),
        ("tomorrow", "due Mon 30 Nov (due tomorrow)"),
    ],
)
def test_actions_add_echoes_the_time_it_stored(reflect_home: Path, due: str, said: str) -> None:
    result = reflect("actions", "add", "Phone Sam", "--due", due)
    assert result.exit_code == 0, result.output
    assert said in result.stdout


def test_actions_move_echoes_the_time_it_stored(journal: Path) -> None:
    result = reflect("actions", "move", "p2wd", "fri 9:30am")
    assert result.exit_code == 0, result.output
    assert "— Fri 4 Dec 09:30 (in 5 days)." in result.stdout
    assert [a["time"] for a in actions_json() if a["id"] == "p2wd"] == ["09:30"]


def test_an_ambiguous_numeric_date_is_echoed_with_its_month(
    reflect_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    result = reflect("actions", "add", "Dentist", "--due", "4/5")
    assert "Read '4/5' as 4 May (day/month" in result.stderr
    assert "due Tue 4 May 2027" in result.stdout
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    result = reflect("actions", "add", "Dentist", "--due", "4/5")
    assert "Read '4/5' as 5 April (month/day" in result.stderr
    assert "due Mon 5 Apr 2027" in result.stdout


def test_done_twice_says_so_and_changes_nothing(journal: Path) -> None:
    text = (journal / "2026-11.txt").read_text(encoding="utf-8")
    result = reflect("actions", "done", "h7rt", "--note", "Again")
    assert result.exit_code == 0  # already what was asked: not a failure
    assert "h7rt (Go to bed by 22:30 on weeknights) is already done on 2026-11-07." in result.stderr
    assert (journal / "2026-11.txt").read_text(encoding="utf-8") == text


@pytest.mark.parametrize(("first", "then"), [("done", "drop"), ("drop", "done")])
def test_closing_a_closed_action_the_other_way_is_refused(
    journal: Path, first: str, then: str
) -> None:
    assert reflect("actions", first, "p2wd", "--note", "How it went").exit_code == 0
    text = (journal / "2026-11.txt").read_text(encoding="utf-8")
    result = reflect("actions", then, "p2wd", "--note", "Why")
    assert result.exit_code == 1
    assert "so it can't be marked" in result.stderr and "Nothing changed." in result.stderr
    assert (journal / "2026-11.txt").read_text(encoding="utf-8") == text


def test_several_ids_go_on_past_one_already_closed(journal: Path) -> None:
    result = reflect("actions", "done", "h7rt", "p2wd", "--note", "ok")
    assert result.exit_code == 0
    assert "already done" in result.stderr
    assert "Done: p2wd" in result.stdout


# --------------------------------------------------------------------------- journal dates


def test_on_this_day_shows_earlier_years_only(journal: Path) -> None:
    (journal / "2025-11.txt").write_text(
        "# reflect journal · format 1\n\n## 2025-11-29 08:00\nid: aaaa2025\n\n    A year ago.\n"
        "\n## 2025-11-28 08:00\nid: bbbb2025\n\n    The day before.\n",
        encoding="utf-8",
    )
    (journal / "2024-11.txt").write_text(
        "# reflect journal · format 1\n\n## 2024-11-29 08:00\nid: cccc2024\n\n    Two years.\n",
        encoding="utf-8",
    )
    reflect("write", "Today, not an earlier year")
    result = reflect("journal", "--on-this-day", "--json")
    assert result.exit_code == 0, result.output
    assert [e["id"] for e in json.loads(result.stdout)] == ["aaaa2025", "cccc2024"]
    assert "A year ago." in reflect("journal", "--on-this-day").stdout


def test_on_this_day_with_nothing_says_so(journal: Path) -> None:
    result = reflect("journal", "--on-this-day")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "Nothing written on 29 November in earlier years.\n"


@pytest.mark.parametrize("since", ["tomorrow", "next week", "in 3 days", "2027-01-01", "3 days"])
def test_since_after_today_is_refused_with_the_reason(journal: Path, since: str) -> None:
    result = reflect("journal", "--since", since)
    assert result.exit_code == 2
    assert "after today, so no" in result.stderr or "after today, so nothing" in result.stderr
    assert len(result.stderr.strip().split("\n")) == 1


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["--since", "nov"], ["q4mz8vnb", "t6hs9wqe", "r5dm2cxa", "w8nb4c2d", "k3f9q2mx"]),
        (["--until", "oct"], ["c7pq3mzt"]),  # through 31 October
        (["--since", "oct", "--until", "oct"], ["c7pq3mzt"]),
        (
            ["--since", "2026", "--until", "2026"],
            ["q4mz8vnb", "t6hs9wqe", "r5dm2cxa", "w8nb4c2d", "k3f9q2mx", "c7pq3mzt"],
        ),
        (["--since", "last year", "--until", "last year"], []),
        (
            ["--until", "last week"],
            ["t6hs9wqe", "r5dm2cxa", "w8nb4c2d", "k3f9q2mx", "c7pq3mzt"],
        ),  # to Sun 22 Nov
        (["--since", "3/11", "--until", "5/11"], ["w8nb4c2d", "k3f9q2mx"]),
    ],
)
def test_since_and_until_take_months_years_and_periods(
    journal: Path, args: list[str], ids: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    result = reflect("journal", *args)
    assert result.exit_code == 0, result.output
    assert ids_in(result.stdout) == ids
