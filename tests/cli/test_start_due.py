"""Plain mode starts with what is due: listed for scripts, offered for review at a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflect.cli import common
from tests.cli.helpers import actions_json, reflect


def _add(text: str, due: str | None = None) -> str:
    result = reflect("actions", "add", *(["--due", due] if due else []), "--", text)
    assert result.exit_code == 0, result.output
    return result.stdout.split()[1].rstrip(":")


@pytest.fixture
def due(monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """One action due today and one two days overdue (today is Sun 29 Nov)."""
    monkeypatch.setenv("REFLECT_NOW", "2026-11-27T09:00")
    late = _add("Return the library book", "today")
    monkeypatch.setenv("REFLECT_NOW", "2026-11-29T10:00")
    today = _add("Phone Sam about the walking group", "today")
    return today, late


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # CliRunner's stdin is never a terminal; pretend a person is typing.
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)


def _start(input: str) -> str:
    result = reflect("start", "wellbeing-check-in", "--plain", input=input)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_scripted_runs_list_them_and_read_nothing(due: tuple[str, str], reflect_home: Path) -> None:
    today, late = due
    out = _start("7\n:pause\n")  # the first line answers the first prompt, as before
    assert (
        "\n1 action due today, 1 overdue: run `reflect actions` to review.\n"
        f"  {today}  Phone Sam about the walking group — due today\n"
        f"  {late}  Return the library book — 2 days overdue\n"
    ) in out
    assert "Press Enter" not in out
    assert "value = 7" in (reflect_home / "drafts" / "wellbeing-check-in.toml").read_text()


def test_nothing_due_says_nothing(reflect_home: Path) -> None:
    _add("Learn to juggle")
    out = _start(":pause\n")
    assert "overdue" not in out and "due today" not in out


def test_a_long_list_is_cut_short(monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(7):
        _add(f"Thing {number}", "today")
    out = _start(":pause\n")
    assert out.count(" — due today\n") == 5
    assert "  and 2 more: `reflect actions` lists them all." in out


def test_enter_begins_the_walk(
    due: tuple[str, str], at_a_terminal: None, reflect_home: Path
) -> None:
    out = _start("\n7\n:pause\n")
    assert "1 action due today, 1 overdue:\n" in out
    assert "Press Enter to begin, or type a to review them first: " in out
    assert "For each one" not in out
    assert "value = 7" in (reflect_home / "drafts" / "wellbeing-check-in.toml").read_text()
    assert {a["status"] for a in actions_json()} == {"open"}


def test_review_then_walk(due: tuple[str, str], at_a_terminal: None, reflect_home: Path) -> None:
    today, late = due
    typed = [
        "a",  # review them first
        "d",  # Phone Sam: done…
        "We're walking on Saturday",  # …how did it go?
        "m",  # the library book: move it…
        "someday",  # …to a day I cannot read…
        "fri",  # …so, Friday
        "7",  # the walk begins: the first prompt
        ":pause",
    ]
    out = _start("\n".join(typed) + "\n")
    assert "For each one: d done, x drop, m move" in out
    assert "    Done. Well done." in out
    assert "I couldn't read 'someday' as a date" in out
    assert "    Moved to Fri 4 Dec (in 5 days)." in out
    closed = {a["id"]: a for a in actions_json("--all")}
    assert closed[today]["status"] == "done"
    assert closed[today]["note"] == "We're walking on Saturday"
    assert closed[late]["status"] == "open" and closed[late]["due"] == "2026-12-04"
    assert "value = 7" in (reflect_home / "drafts" / "wellbeing-check-in.toml").read_text()


def test_review_can_drop_and_stop(due: tuple[str, str], at_a_terminal: None) -> None:
    today, late = due
    out = _start("a\nx\n\nq\n:pause\n")
    assert "    Dropped." in out
    closed = {a["id"]: a for a in actions_json("--all")}
    assert closed[today]["status"] == "dropped" and closed[today]["note"] is None
    assert closed[late]["status"] == "open"
