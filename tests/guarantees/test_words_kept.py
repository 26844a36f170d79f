"""Words a person typed are never lost once reflect has them (issue 12, "words lost").

Each test runs the installed `reflect` as a real process where the words were lost in
one: plain-mode walks stopped by Ctrl-C, SIGTERM, SIGHUP or the end of input in the
middle of every kind of prompt. The rule: every line typed is in the draft before the
next line is read, or is saved on the way out; "Your answers are saved" is said only
when they are, and then it is said however the walk stopped.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from reflect.drafts import DraftStore
from reflect.journal.model import Entry
from reflect.journal.render import render_entry
from reflect.journal.store import JournalStore
from tests.conftest import FROZEN_NOW
from tests.guarantees.helpers import (
    LiveWalk,
    all_entries,
    assert_no_traceback,
    cli,
    run_reflect,
    walk_input,
)

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
        assert "Your answers are saved" in out  # said after the draft was saved
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
        "Prompt 2 of ",
        "what-was-hard",
        {"value": "The hard part was\nthe second line of it"},
    ),
    (
        "wellbeing-check-in",
        TO_THE_ACTION + "call my sister\nin 3 days\n",
        "Due: ",
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
        TO_THE_ACTION + "call my sister\nfri\n\nwater the plants\n",  # no repeat
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
        TO_THE_ACTION + "call my sister\nfri\n",
        "Repeat?",
        "small-thing-for-you",
        {"actions": [{"text": "call my sister", "due": date(2026, 12, 4)}]},  # before its repeat
    ),
    (
        "wellbeing-check-in",
        TO_THE_ACTION + "call my sister\nnot a date at all\n",
        "When?",
        "small-thing-for-you",
        {"actions": [{"text": "call my sister"}]},  # the date asked again, the words kept
    ),
    ("wellbeing-check-in", "7\n", "Prompt 2 of ", "feeling-overall", {"value": 7}),  # scale
    (
        "wellbeing-check-in",
        "4\nwords\n\n1, 3\n",
        "Prompt 4 of ",
        "part-of-your-week",  # checklist
        {"value": ["Enough sleep, most nights", "Moving in a way I enjoyed"]},
    ),
    (
        "wellbeing-check-in",
        "4\nwords\n\n1\nenergy\n\n2\n",
        "Prompt 6 of ",
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


# --------------------------------------------------------------------------- finishing


DRAFT = Path("drafts") / "wellbeing-check-in.toml"
FIRST_HALF = "4\nbehind the number {tag}\n\n1, 3\n"  # then the end of input: paused
SECOND_HALF = "y\nenergy {tag}\n\n2\naction {tag}\nin 3 days\n\n\n"


def _pause_half_way(tag: str) -> None:
    result = cli("start", "wellbeing-check-in", "--plain", input=FIRST_HALF.format(tag=tag))
    assert result.exit_code == 0 and "Your answers are saved" in result.output, result.output


def _set_draft_id(home: Path, entry_id: str) -> None:
    """A hand edit (or a copy of an old draft): the draft now names an entry id that the
    journal already has."""
    path = home / DRAFT
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data["entry_id"] = entry_id
    path.write_bytes(tomli_w.dumps(data).encode("utf-8"))


def _words_in(entries: list[Entry], tag: str) -> list[str]:
    """Which entries hold the words tagged `tag`, by id."""
    return [e.id for e in entries if tag in render_entry(e)]


def _existing_entry(home: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """An entry already in the journal, of one kind or another; its id."""
    if kind == "free-form":
        assert cli("write", "Older words, already saved.").exit_code == 0
    elif kind == "free-form last year":
        monkeypatch.setenv("REFLECT_NOW", "2025-03-04T08:00")
        assert cli("write", "Older words, from last year.").exit_code == 0
        monkeypatch.setenv("REFLECT_NOW", FROZEN_NOW.isoformat())
    elif kind == "action added":
        assert cli("actions", "add", "Phone Sam").exit_code == 0
    else:  # the same workbook walked before, with other answers
        done = cli("start", "wellbeing-check-in", "--plain", input=walk_input("older walk"))
        assert done.exit_code == 0, done.output
    [entry] = all_entries(home)
    return entry.id


@pytest.mark.parametrize(
    "kind", ["free-form", "free-form last year", "action added", "an older walk"]
)
def test_a_draft_naming_an_entry_with_other_words_is_saved_as_a_new_entry(
    kind: str, reflect_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = _existing_entry(reflect_home, kind, monkeypatch)
    before = all_entries(reflect_home)
    _pause_half_way("mine")
    _set_draft_id(reflect_home, taken)

    finished = run_reflect(
        "start", "wellbeing-check-in", "--plain", input=SECOND_HALF.format(tag="mine")
    )
    assert finished.returncode == 0, finished.stderr
    entries = all_entries(reflect_home)  # every month still reads: no id twice
    assert [e for e in entries if e.id == taken] == [e for e in before if e.id == taken]
    [saved_id] = _words_in(entries, "behind the number mine")
    assert saved_id != taken
    assert _words_in(entries, "energy mine") == [saved_id]
    assert f"entry {saved_id}." in finished.stdout  # what is said is what was saved
    assert len(entries) == len(before) + 1
    assert not (reflect_home / DRAFT).exists()  # gone only now that its words are saved


def test_a_draft_whose_entry_holds_its_words_is_not_saved_twice(reflect_home: Path) -> None:
    """Left by a crash after the write: the entry holds the draft's words, even after its
    action was marked done, so finishing again saves nothing new and clears the draft."""
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(DraftStore, "clear", _killed)
        assert cli("start", "wellbeing-check-in", "--plain", input=walk_input("once")).exit_code
    [entry] = all_entries(reflect_home)
    [action] = [a for a, _, _ in entry.all_actions()]
    assert cli("actions", "done", action.id, "--note", "went well").exit_code == 0

    again = run_reflect("start", "wellbeing-check-in", "--plain", input="y\n")
    assert again.returncode == 0, again.stderr
    assert f"entry {entry.id}." in again.stdout
    assert [e.id for e in all_entries(reflect_home)] == [entry.id]
    assert not (reflect_home / DRAFT).exists()


@pytest.mark.parametrize("failure", ["not written", "written without the answers"])
def test_saved_is_said_only_when_the_words_read_back(
    failure: str, reflect_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The journal write returns, but the words are not there to read back (another
    process, a file system that lied): the walk says so and keeps its draft."""
    real_add = JournalStore.add_entry

    def add_entry(self: JournalStore, entry: Entry) -> Path:
        if failure == "written without the answers":
            real_add(self, dataclasses.replace(entry, sections=entry.sections[:1]))
        return self.path_for(entry)

    monkeypatch.setattr(JournalStore, "add_entry", add_entry)
    result = cli("start", "wellbeing-check-in", "--plain", input=walk_input("lost"))
    assert result.exit_code == 3, result.output
    assert "Saved to your journal" not in result.output
    assert "still in the draft" in result.stderr
    assert_no_traceback(result.output)
    kept = tomllib.loads((reflect_home / DRAFT).read_text(encoding="utf-8"))
    assert kept["answers"]["energy"]["value"] == "energy lost"


def _killed(self: DraftStore, workbook_id: str) -> None:
    raise SystemExit(137)  # the process dies here, as far as this walk can tell


# (the walk paused at, the clock when it was finished and died before clearing its draft,
# the clock when it was carried on again)
CLOCKS = [
    ("2026-11-29T10:00", "2026-06-10T09:00", "2026-12-05T09:00"),  # months back
    ("2026-11-29T10:00", "2025-01-15T09:00", "2026-11-30T09:00"),  # a year back
    ("2026-11-01T00:05", "2026-10-31T23:59", "2026-11-02T09:00"),  # over a month's end
    ("2026-03-01T09:00", "2026-01-05T09:00", "2026-03-02T09:00"),  # two months back
    ("2026-11-29T10:00", "2027-02-01T09:00", "2026-11-29T11:00"),  # forward, then back
]


@pytest.mark.parametrize(("paused", "crashed", "resumed"), CLOCKS)
def test_a_walk_finished_under_another_clock_is_saved_once(
    paused: str, crashed: str, resumed: str, reflect_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFLECT_NOW", paused)
    _pause_half_way("clock")
    monkeypatch.setenv("REFLECT_NOW", crashed)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(DraftStore, "clear", _killed)
        died = cli("start", "wellbeing-check-in", "--plain", input=SECOND_HALF.format(tag="clock"))
    assert died.exit_code == 137
    [first] = all_entries(reflect_home)

    again = run_reflect(
        "start",
        "wellbeing-check-in",
        "--plain",
        input="y\n",
        env={**os.environ, "REFLECT_NOW": resumed},
    )
    assert again.returncode == 0, again.stderr
    assert f"entry {first.id}." in again.stdout
    entries = all_entries(reflect_home)
    assert [e.id for e in entries] == [first.id]  # once, in the month it was first dated
    assert (reflect_home / "journal" / f"{crashed[:7]}.txt").is_file()
    assert not (reflect_home / DRAFT).exists()


@pytest.mark.parametrize(
    ("workbook", "typed", "answer_id", "expected"),
    [
        ("weekly-review", "one\ntwo\n:pause\n", "three-good-things", {"value": ["one", "two"]}),
        (
            "wellbeing-check-in",
            TO_THE_ACTION + "call my sister\n:pause\n",
            "small-thing-for-you",
            {"actions": [{"text": "call my sister"}]},
        ),
        (
            "wellbeing-check-in",
            TO_THE_ACTION + "call my sister\nin 3 days\n:pause\n",
            "small-thing-for-you",
            {"actions": [{"text": "call my sister", "due": date(2026, 12, 2)}]},
        ),
    ],
)
def test_pause_mid_prompt_keeps_every_line_typed(
    workbook: str, typed: str, answer_id: str, expected: dict[str, Any], reflect_home: Path
) -> None:
    result = cli("start", workbook, "--plain", input=typed)
    assert result.exit_code == 0, result.output
    assert "Your answers are saved" in result.output
    saved = draft(reflect_home, workbook)["answers"][answer_id]
    for key, value in expected.items():
        if key == "actions":
            assert [{k: a[k] for k in ("text", "due") if k in a} for a in saved[key]] == value
        else:
            assert saved[key] == value


@pytest.mark.parametrize(
    "typed",
    ["one\ntwo\n", "one\ntwo\n:pause\n", "\n\n\n\n\nx\n\n"],
    ids=["end of input", ":pause", "after answers"],
)
def test_saved_is_never_said_when_the_draft_could_not_be_saved(
    typed: str, reflect_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflect.errors import JournalError

    def full(self: DraftStore, *args: object) -> Path:
        raise JournalError("Could not write this (the disk is full).", path=self.folder)

    monkeypatch.setattr(DraftStore, "save", full)
    result = cli("start", "weekly-review", "--plain", input=typed)
    assert result.exit_code == 3, result.output
    assert "the disk is full" in result.stderr
    assert "Your answers are saved" not in result.output
    assert_no_traceback(result.output)
