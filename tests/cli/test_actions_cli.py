"""`reflect actions`: listing, adding, marking and moving, as typed at a prompt."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import actions_json, journal_text, reflect


def _add(text: str, due: str | None = None) -> str:
    args = ["actions", "add", text] + (["--due", due] if due else [])
    result = reflect(*args)
    assert result.exit_code == 0, result.output
    return result.stdout.split()[1].rstrip(":")


def test_groups_and_wording() -> None:
    _add("Return the library book", "2026-11-29")
    overdue = _add("Ring the dentist", "today")
    reflect("actions", "move", overdue, "tomorrow")
    _add("Clear the gutter", "in 3 days")
    _add("Plan the allotment", "in 3 weeks")
    _add("Learn to juggle")
    listing = reflect("actions").stdout
    order = ["Today", "In the next 7 days", "Later", "No date"]
    assert [listing.index(title) for title in order] == sorted(listing.index(t) for t in order)
    assert "Return the library book — Sun 29 Nov, due today" in listing
    assert "Clear the gutter — Wed 2 Dec, in 3 days" in listing
    assert "Ring the dentist — Mon 30 Nov, due tomorrow" in listing


def test_overdue_wording(monkeypatch: pytest.MonkeyPatch) -> None:
    _add("Post the card", "2026-11-30")
    monkeypatch.setenv("REFLECT_NOW", "2026-12-02T09:00")
    listing = reflect("actions").stdout
    assert "Overdue" in listing and "2 days overdue" in listing
    assert reflect("remind").stdout.splitlines()[0] == "1 action overdue: run `reflect actions`"


def test_done_drop_and_all(reflect_home: Path) -> None:
    first = _add("Walk to the park", "tomorrow")
    second = _add("Bake bread")
    assert reflect("actions", "done", first).exit_code == 0
    assert reflect("actions", "drop", second, "--note", "Not this week").exit_code == 0
    assert actions_json() == []
    statuses = {a["id"]: (a["status"], a["changed_on"], a["note"]) for a in actions_json("--all")}
    assert statuses == {
        first: ("done", "2026-11-29", None),
        second: ("dropped", "2026-11-29", "Not this week"),
    }
    listing = reflect("actions", "--all").stdout
    assert "Done" in listing and "Dropped" in listing and "Not this week" in listing
    assert f"- [x] Walk to the park  ({first} · due 2026-11-30 · done 2026-11-29)" in journal_text(
        reflect_home
    )


def test_move_and_clear_a_date() -> None:
    action = _add("Fix the bike", "fri")
    assert actions_json()[0]["due"] == "2026-12-04"
    assert reflect("actions", "move", action, "next week").exit_code == 0
    assert actions_json()[0]["due"] == "2026-11-30"
    assert reflect("actions", "move", action, "none").exit_code == 0
    assert actions_json()[0]["due"] is None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["actions", "add", "Call", "--due", "31 feb"], "February"),
        (["actions", "add", "Call", "--due", "in -3 days"], ""),
        (["actions", "add", "Call", "--due", "2020-01-01"], "already passed"),
        (["actions", "add", "   "], "one line"),
        (["actions", "move", "zzzz", "fri"], "no action with id 'zzzz'"),
        (["actions", "done", "zzzz"], "no action with id 'zzzz'"),
    ],
)
def test_bad_input_is_a_short_error(args: list[str], words: str, reflect_home: Path) -> None:
    before = journal_text(reflect_home)
    result = reflect(*args)
    assert result.exit_code != 0
    assert words in result.output
    assert "Traceback" not in result.output
    assert journal_text(reflect_home) == before


def test_json_keys_are_stable() -> None:
    _add("Tidy the shed", "2026-12-04 14:30")
    [item] = actions_json()
    assert {"id", "text", "due", "status", "changed_on", "workbook", "entry"} <= set(item)
    assert item["due"] == "2026-12-04" and item["time"] == "14:30"
    assert item["workbook"] is None and item["changed_on"] is None


def test_empty_list_is_friendly() -> None:
    result = reflect("actions")
    assert result.exit_code == 0
    assert "Nothing planned" in result.stdout
