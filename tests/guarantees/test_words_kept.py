"""Words a person typed are never lost once reflect has them (issue 12, "words lost").

Each test runs the installed `reflect` as a real process where the words were lost in
one: plain-mode walks stopped by Ctrl-C, SIGTERM, SIGHUP or the end of input in the
middle of every kind of prompt. The rule: every line typed is in the draft before the
next line is read, or is saved on the way out; "Your answers are saved" is said only
when they are.
"""

from __future__ import annotations

import signal
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.guarantees.helpers import LiveWalk, assert_no_traceback

STOPS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, None]  # None: the end of input


def stop_name(how: int | None) -> str:
    return "EOF" if how is None else signal.Signals(how).name


def draft(home: Path, workbook: str) -> dict[str, Any]:
    return tomllib.loads((home / "drafts" / f"{workbook}.toml").read_text(encoding="utf-8"))


def stopped(walk: LiveWalk, how: int | None) -> str:
    """Stop the walk while it waits for the next line; check how it said so."""
    walk.wait_blocked_reading()
    code, out, err = walk.stop(how)
    assert_no_traceback(out + err)
    if how is None:
        assert code == 0, err
        assert "Your answers are saved" in out
    else:
        assert code == 130, err
        assert "Stopped" in err
        assert "Your answers are saved" not in out
    return out


# Up to the action prompt of the wellbeing check-in: a scale, a text, a checklist, a
# text and a choice, each ended.
TO_THE_ACTION = "4\nbehind it\n\n1\nenergy from a walk\n\n2\n"


# Each case: (workbook, lines typed, marker printed once they are taken in, answer id,
# what the draft must hold for it). The last line typed is never followed by the line
# that would end the answer: the walk is stopped first.
CASES = [
    (
        "weekly-review",
        "first good thing\nsecond good thing\n",
        None,
        "three-good-things",
        {"value": ["first good thing", "second good thing"]},
    ),
    (
        "weekly-review",
        "just one good thing\n",
        None,
        "three-good-things",
        {"value": ["just one good thing"]},
    ),
    (
        "weekly-review",
        "a good thing\n\nThe hard part was\nthe second line of it\n",
        "[2/",
        "what-was-hard",
        {"value": "The hard part was\nthe second line of it"},
    ),
    (
        "wellbeing-check-in",
        TO_THE_ACTION + "call my sister\nin 3 days\n",
        "→ ",
        "small-thing-for-you",
        {"actions": [{"text": "call my sister", "due": date(2026, 12, 2)}]},
    ),
    (
        "wellbeing-check-in",
        TO_THE_ACTION + "call my sister\n",
        "When?",
        "small-thing-for-you",
        {"actions": [{"text": "call my sister"}]},  # kept, with no date yet
    ),
    (
        "wellbeing-check-in",
        TO_THE_ACTION + "call my sister\nfri\nwater the plants\n",
        "When?",
        "small-thing-for-you",
        {
            "actions": [
                {"text": "call my sister", "due": date(2026, 12, 4)},
                {"text": "water the plants"},
            ]
        },
    ),
    (
        "wellbeing-check-in",
        TO_THE_ACTION + "call my sister\nnot a date at all\n",
        "When?",
        "small-thing-for-you",
        {"actions": [{"text": "call my sister"}]},  # the date asked again, the words kept
    ),
    ("wellbeing-check-in", "7\n", "[2/", "feeling-overall", {"value": 7}),  # scale
    (
        "wellbeing-check-in",
        "4\nwords\n\n1, 3\n",
        "[4/",
        "part-of-your-week",  # checklist
        {"value": ["Enough sleep, most nights", "Moving in a way I enjoyed"]},
    ),
    (
        "wellbeing-check-in",
        "4\nwords\n\n1\nenergy\n\n2\n",
        "[6/",
        "help-most",  # choice, then the stop at the action prompt
        None,
    ),
]


@pytest.mark.parametrize("how", STOPS, ids=stop_name)
@pytest.mark.parametrize(
    ("workbook", "typed", "marker", "answer_id", "expected"),
    CASES,
    ids=[f"{c[0]}-{c[3]}-{i}" for i, c in enumerate(CASES)],
)
def test_a_stop_mid_prompt_keeps_every_line_typed(
    how: int | None,
    workbook: str,
    typed: str,
    marker: str | None,
    answer_id: str,
    expected: dict[str, Any] | None,
    reflect_home: Path,
) -> None:
    walk = LiveWalk(workbook)
    walk.type(typed)
    if marker is not None:
        walk.wait_for(marker)
    stopped(walk, how)
    saved = draft(reflect_home, workbook)["answers"][answer_id]
    if expected is None:
        assert saved["value"]  # given and kept
        return
    for key, value in expected.items():
        if key == "actions":
            assert [{k: a[k] for k in ("text", "due") if k in a} for a in saved[key]] == value
        else:
            assert saved[key] == value


@pytest.mark.parametrize("how", STOPS, ids=stop_name)
def test_the_walk_resumes_after_the_kept_words(how: int | None, reflect_home: Path) -> None:
    """The words kept at the stop are an answer like any other: carrying on starts at the
    next prompt, and finishing puts them in the journal."""
    walk = LiveWalk("weekly-review")
    walk.type("first good thing\nsecond good thing\n")
    stopped(walk, how)
    again = LiveWalk("weekly-review")
    again.type("y\n")
    again.wait_for("What was hard")
    code, out, err = again.stop(None)
    assert code == 0, err
    assert "Three things that went well" not in out.split("Carry on")[-1]
    journal = LiveWalk("weekly-review")
    journal.type("y\n" + "\n" * 12)
    code, out, err = journal.stop(None)
    assert code == 0 and "Saved to your journal" in out, out + err
    text = (reflect_home / "journal" / "2026-11.txt").read_text(encoding="utf-8")
    assert "first good thing" in text and "second good thing" in text
