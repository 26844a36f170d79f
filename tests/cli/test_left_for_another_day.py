"""Prompts left for another day, named in the journal entry by a plain-mode walk, and
shown wherever the entry is: `reflect show`, the Markdown export and the JSON export."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from reflect.export.json import schema
from tests.cli.helpers import journal_text, reflect
from tests.export_reader import read_json

LEFT = "left for another day: "
EVERY_PROMPT = {
    "feeling-overall": "How are you feeling, overall, this week?",
    "part-of-your-week": "Which of these were part of your week?",
    "energy": "What gave you energy this week, and what took it away?",
    "help-most": "What might help most in the coming week?",
    "small-thing-for-you": "What is one small thing you could do for yourself this week?",
}
# (what the person types, one line each; the prompts left, in the workbook's order).
WALKS = {
    "every prompt answered": (
        ["6", "Fine.", "", "1", "Sleep.", "", "2", "Walk", "tomorrow", "", ""],
        [],
    ),
    "one section left with :skip": (
        ["6", "", "", ":skip", "", "", ""],
        ["part-of-your-week", "energy", "help-most", "small-thing-for-you"],
    ),
    "one prompt skipped by Enter": (
        ["6", "", "1", "Sleep.", "", "", "Walk", "", "", ""],
        ["help-most"],
    ),
    "every section left": ([":skip", ":skip", ":skip", ":skip"], list(EVERY_PROMPT)),
}


def walk(lines: list[str]) -> str:
    """Walk the wellbeing check-in in plain mode; the new entry's id."""
    result = reflect("start", "wellbeing-check-in", "--plain", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert "Saved to your journal" in result.stdout
    return result.stdout.rsplit("entry ", 1)[1].split(".")[0]


@pytest.mark.parametrize(("typed", "left"), WALKS.values(), ids=WALKS)
def test_a_plain_walk_names_what_it_left_in_the_month_file(
    reflect_home: Path, typed: list[str], left: list[str]
) -> None:
    result = reflect("start", "wellbeing-check-in", "--plain", input="\n".join(typed) + "\n")
    assert result.exit_code == 0, result.output
    text = journal_text(reflect_home)
    lines = text.split("\n")
    assert [line for line in lines if line.startswith(LEFT)] == [
        f"{LEFT}{EVERY_PROMPT[prompt_id]}  [{prompt_id}]" for prompt_id in left
    ]
    assert lines[0] == f"# reflect journal · format {3 if left else 1}"
    if left:  # under the heading, after the workbook line, before any section
        at = lines.index("workbook: wellbeing-check-in (version 1)")
        assert lines[at + 1 : at + 1 + len(left)] == [
            line for line in lines if line.startswith(LEFT)
        ]
        said = f"You left {len(left)} prompt{'s' if len(left) > 1 else ''} for another day"
        assert said in result.stdout
        for prompt_id in left:  # named at the end, each on a line of its own
            assert f"\n  {EVERY_PROMPT[prompt_id]}\n" in result.stdout
    else:
        assert "You left" not in result.stdout
    assert "What's behind that number?" not in [
        line.removeprefix(LEFT) for line in lines
    ]  # optional


@pytest.mark.parametrize(("typed", "left"), WALKS.values(), ids=WALKS)
def test_show_and_both_exports_name_what_was_left(
    reflect_home: Path, typed: list[str], left: list[str]
) -> None:
    entry_id = walk(typed)

    shown = reflect("show", entry_id)
    assert shown.exit_code == 0, shown.output
    expected = ["Left for another day", *(f"  {EVERY_PROMPT[p]}" for p in left)]
    tail = shown.stdout.rstrip("\n").split("\n")[-len(expected) :]
    assert (tail == expected) == bool(left)
    assert ("Left for another day" in shown.stdout) == bool(left)

    markdown = reflect("export", "--entry", entry_id)
    assert markdown.exit_code == 0, markdown.output
    listed = "".join(f"- {EVERY_PROMPT[p]}\n" for p in left)
    assert (f"### Left for another day\n\n{listed}" in markdown.stdout) == bool(left)

    exported = reflect("export", "--entry", entry_id, "--format", "json")
    assert exported.exit_code == 0, exported.output
    jsonschema.validate(json.loads(exported.stdout), schema())
    [entry] = read_json(exported.stdout)
    assert [(item.prompt_id, item.prompt) for item in entry.left] == [
        (p, EVERY_PROMPT[p]) for p in left
    ]


def test_sharing_one_section_does_not_share_what_was_left(reflect_home: Path) -> None:
    entry_id = walk(WALKS["one section left with :skip"][0])
    exported = reflect(
        "export", "--entry", entry_id, "--section", "how-you-are", "--format", "json"
    )
    assert exported.exit_code == 0, exported.output
    [entry] = read_json(exported.stdout)
    assert entry.left == ()
    markdown = reflect("export", "--entry", entry_id, "--section", "how-you-are")
    assert "Left for another day" not in markdown.stdout
