"""Support signposting in plain mode: a workbook's own support note, and the gentle note
after a low answer on a scale with `support_below`, with the choice to carry on or pause."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflect import messages
from tests.cli.helpers import journal_text, reflect

OWN_NOTE = "The Riverside group's volunteers are here for you"
AFTER_LOW = messages.SUPPORT_AFTER_LOW_SCORE.splitlines()[0]
DEFAULT_NOTE = messages.SUPPORT_NOTE.splitlines()[0]


@pytest.fixture
def book(data_dir: Path) -> str:
    return str(data_dir / "workbooks" / "good" / "own-support.toml")  # scale 1-5, support_below 2


@pytest.mark.parametrize(("answer", "shown"), [("1", True), ("2", True), ("3", False)])
def test_note_after_an_answer_at_or_below_the_threshold(
    book: str, answer: str, shown: bool, reflect_home: Path
) -> None:
    # The scale; Enter to carry on (after the note, if shown); a text answer and its end.
    walk = "\n".join([answer, *([""] if shown else []), "Fine.", "", ""])
    result = reflect("start", book, "--plain", input=walk)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index(OWN_NOTE) < out.index("How steady")  # the workbook's note comes first
    assert DEFAULT_NOTE not in out  # …and replaces the default one
    assert (AFTER_LOW in out) is shown
    assert out.count(OWN_NOTE) == (2 if shown else 1)
    assert "Saved to your journal" in out
    assert "    Fine." in journal_text(reflect_home)


def test_carry_on_after_the_note(book: str, reflect_home: Path) -> None:
    result = reflect("start", book, "--plain", input="1\n\nStill here.\n\n")
    assert result.exit_code == 0, result.output
    after = result.stdout.split(AFTER_LOW, 1)[1]
    assert "Press Enter to carry on, or type :pause to stop for now." in after
    assert "Anything you'd like to note?" in after  # Enter carried on to the next prompt
    text = journal_text(reflect_home)
    assert "scale: 1 (1 to 5)" in text and "    Still here." in text


def test_pause_after_the_note_keeps_the_answer(book: str, reflect_home: Path) -> None:
    result = reflect("start", book, "--plain", input="1\n:pause\n")
    assert result.exit_code == 0, result.output
    assert AFTER_LOW in result.stdout
    assert "Your answers are saved" in result.stdout
    assert "Anything you'd like to note?" not in result.stdout  # stopped, not carried on
    assert journal_text(reflect_home) == ""
    draft = (reflect_home / "drafts" / "own-support.toml").read_text(encoding="utf-8")
    assert "[answers.steady]" in draft and "value = 1" in draft

    resumed = reflect("start", book, "--plain", input="y\nBack again.\n\n")
    assert resumed.exit_code == 0, resumed.output
    assert "scale: 1 (1 to 5)" in journal_text(reflect_home)


def test_end_of_input_after_the_note_pauses(book: str, reflect_home: Path) -> None:
    result = reflect("start", book, "--plain", input="2\n")
    assert result.exit_code == 0, result.output
    assert "Your answers are saved" in result.stdout
    assert (reflect_home / "drafts" / "own-support.toml").is_file()


def test_the_readers_own_note_is_used_when_the_workbook_has_none(reflect_home: Path) -> None:
    reflect_home.mkdir(parents=True, exist_ok=True)
    (reflect_home / "config.toml").write_text(
        'support_note = "Call my sister Ana on 0161 496 0000."\n', encoding="utf-8"
    )
    result = reflect("start", "wellbeing-check-in", "--plain", input="0\n:pause\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Call my sister Ana") == 2  # at the start and after the 0
    assert DEFAULT_NOTE not in result.stdout
