"""Plain mode: "Last time" one line before a prompt, and a checklist of your own open
plans, each one ticked kept, moved or dropped there and then."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli.helpers import actions_json, journal_text, reflect
from tests.conftest import DATA

BOOK = str(DATA / "recall" / "wellbeing-check-in.toml")
WALK = "\n".join(
    [
        "7",  # the scale
        "",  # skip the text prompt
        "1",  # the choice
        "1, 2, 3",  # tick three of the open plans
        "m",  # the walking group: move it…
        "fri",  # …to Friday
        "x",  # the dentist: drop it
        "",  # the desk: keep it as it is
        "",
    ]
)


@pytest.fixture
def journal(reflect_home: Path) -> Path:
    folder = reflect_home / "journal"
    shutil.copytree(DATA / "insights" / "journal", folder)
    return folder


def test_last_time_is_one_line_before_the_prompt(journal: Path) -> None:
    result = reflect("start", BOOK, "--plain", input=WALK)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "\nLast time (Sat 28 Nov): 4 (on a scale of 1 to 5)\nPrompt 1 of 4: How are you" in out
    assert out.count("Last time") == 1  # not for the text prompt, nor help-most (show_last = false)


def test_open_plans_are_the_options_and_each_ticked_is_kept_moved_or_dropped(journal: Path) -> None:
    result = reflect("start", BOOK, "--plain", input=WALK)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "  1. Phone Sam about the walking group (b2b2)\n" in out  # overdue first
    assert '  2. Book the <dentist> & "check-up" (e2e2)\n' in out
    assert "  3. Tidy the desk (g2g2)\n  4. Return the library books (f2f2)\n" in out
    assert "Fri 4 Dec — in 5 days" in out
    by_id = {a["id"]: a for a in actions_json("--all")}
    assert by_id["b2b2"]["status"] == "open" and by_id["b2b2"]["due"] == "2026-12-04"
    assert by_id["e2e2"]["status"] == "dropped" and by_id["e2e2"]["changed_on"] == "2026-11-29"
    assert by_id["g2g2"]["status"] == "open" and by_id["g2g2"]["due"] == "2026-11-30"
    assert by_id["f2f2"]["status"] == "open"  # not ticked: left alone
    text = journal_text(journal.parent)
    assert "ticked: Phone Sam about the walking group (b2b2)\n" in text
    assert "ticked: Tidy the desk (g2g2)\n" in text


def test_with_no_open_plans_the_prompt_is_not_asked(reflect_home: Path) -> None:
    result = reflect("start", BOOK, "--plain", input="7\n\n1\n")
    assert result.exit_code == 0, result.output
    assert "Which of your plans" not in result.stdout
    assert "Last time" not in result.stdout  # nothing written before
    assert "Saved to your journal" in result.stdout


def test_the_config_turns_last_time_off(journal: Path, reflect_home: Path) -> None:
    config = reflect_home / "config" / "config.toml"
    from reflect.paths import get_paths

    config = get_paths().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("show_last_answers = false\n")
    result = reflect("start", BOOK, "--plain", input=WALK)
    assert result.exit_code == 0, result.output
    assert "Last time" not in result.stdout
    assert "(b2b2)" in result.stdout  # plans as options still come


def test_the_bundled_weekly_review_offers_your_plans(journal: Path) -> None:
    walk = "\n".join(["", "", "", "", "2", "x", "", "", ""])
    result = reflect("start", "weekly-review", "--plain", input=walk)
    assert result.exit_code == 0, result.output
    assert "Which of your plans will you carry into next week?" in result.stdout
    assert "  2. Book the <dentist>" in result.stdout
    [dropped] = [a for a in actions_json("--all") if a["id"] == "e2e2"]
    assert dropped["status"] == "dropped"
