"""Closing the loop: one optional question after done/drop, asked only at a terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from reflect.cli import common
from tests.cli.helpers import actions_json, journal_text, reflect


def _add(text: str, due: str | None = None) -> str:
    result = reflect("actions", "add", *(["--due", due] if due else []), "--", text)
    assert result.exit_code == 0, result.output
    return result.stdout.split()[1].rstrip(":")


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # CliRunner's stdin is never a terminal; pretend a person is typing.
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)


def _notes() -> dict[str, str | None]:
    return {a["id"]: a["note"] for a in actions_json("--all")}


def test_done_asks_how_it_went(at_a_terminal: None, reflect_home: Path) -> None:
    action = _add("Walk to the park", "today")
    result = reflect("actions", "done", action, input="Lovely, the leaves were turning\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Done: {action} Walk to the park. Well done.\n"
        "How did it go? (Enter to skip) "
        f"Noted, with {action}.\n"
    )
    assert _notes() == {action: "Lovely, the leaves were turning"}
    assert "    Lovely, the leaves were turning" in journal_text(reflect_home)
    listing = reflect("actions", "--all").stdout
    assert "Lovely, the leaves were turning" in listing
    [todo] = Calendar.from_ical(reflect("actions", "--all", "--ics").stdout_bytes).walk("VTODO")
    assert "Lovely, the leaves were turning" in str(todo["DESCRIPTION"])


def test_drop_asks_why(at_a_terminal: None) -> None:
    action = _add("Bake bread")
    result = reflect("actions", "drop", action, input="No oven this month\n")
    assert "Want to note why? (Enter to skip) " in result.stdout
    assert _notes() == {action: "No oven this month"}


@pytest.mark.parametrize("answer", ["\n", "   \n", ""])
def test_enter_or_end_of_input_skips(at_a_terminal: None, answer: str) -> None:
    action = _add("Walk to the park")
    result = reflect("actions", "done", action, input=answer)
    assert result.exit_code == 0
    assert "Noted" not in result.stdout
    assert actions_json("--all")[0]["status"] == "done"
    assert _notes() == {action: None}


def test_one_question_per_action(at_a_terminal: None) -> None:
    first, second = _add("Walk"), _add("Read")
    result = reflect("actions", "done", first, second, input="Good\n\n")
    assert result.stdout.count("How did it go?") == 2
    assert _notes() == {first: "Good", second: None}


def test_note_option_asks_nothing(at_a_terminal: None) -> None:
    action = _add("Walk")
    result = reflect("actions", "done", action, "--note", "Short one", input="ignored\n")
    assert "How did it go?" not in result.stdout
    assert _notes() == {action: "Short one"}


def test_scripts_are_never_asked() -> None:
    action = _add("Walk")
    result = reflect("actions", "done", action, input="would be read by mistake\n")
    assert result.stdout == f"Done: {action} Walk. Well done.\n"
    assert _notes() == {action: None}


@pytest.mark.parametrize("every", ["day", "weekday", "2 weeks"])
def test_the_review_before_a_walk_keeps_the_note_on_the_occurrence_done(
    at_a_terminal: None, every: str
) -> None:
    """A repeating plan marked done in the review `reflect start` offers: the note on how
    it went goes with the occurrence kept as history, and the plan's next date starts
    without one (it used to land on the next date, which the id now names)."""
    added = reflect("actions", "add", "--due", "today", "--every", every, "--", "Short walk")
    assert added.exit_code == 0, added.output
    plan = added.stdout.split()[1].rstrip(":")
    result = reflect("start", "wellbeing-check-in", "--plain", input="a\nd\nSunny and slow\nq\n")
    assert "Sunny and slow" not in result.stderr
    done: list[dict[str, Any]] = []
    still_open: list[dict[str, Any]] = []
    for action in actions_json("--all"):
        (done if action["status"] == "done" else still_open).append(action)
    assert [(a["text"], a["note"], a["repeat"]) for a in done] == [
        ("Short walk", "Sunny and slow", None)
    ]
    assert [(a["id"], a["note"]) for a in still_open] == [(plan, None)]
