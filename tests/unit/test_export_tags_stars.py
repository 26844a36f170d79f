"""Stars and tags in the Markdown and JSON exports (issue 16): shown as the person
wrote them, only where they are tags (docs/journal-format.md, Tags), and the JSON
still valid against its schema."""

from __future__ import annotations

import json
from datetime import datetime

import jsonschema
import pytest

from reflect.export.json import entry_to_json, render_json, schema
from reflect.export.markdown import render_entry
from reflect.journal.model import Entry

WRITTEN = datetime(2026, 11, 1, 9, 5)


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("A #Walk with @sam, then #walk again.", r"*Tags: \#Walk @sam*"),
        ("(#work-life) and [@Ana]", r"*Tags: \#work-life @Ana*"),
        ("Tired.\n\n#sleep", r"*Tags: \#sleep*"),
    ],
)
def test_markdown_names_the_tags_as_first_written(body: str, line: str) -> None:
    text = render_entry(Entry("k3f9q2mx", WRITTEN, body=body))
    assert line in text.split("\n")
    assert text.count("*Tags:") == 1


@pytest.mark.parametrize(
    "body",
    [
        "mail sam@example.com",
        "see https://example.com/#top",
        "# A heading",
        "C# and #1 at @3pm",
        "",
    ],
)
def test_markdown_has_no_tags_line_without_tags(body: str) -> None:
    assert "Tags:" not in render_entry(Entry("k3f9q2mx", WRITTEN, body=body))


@pytest.mark.parametrize("starred", [True, False])
def test_markdown_and_json_show_the_star(starred: bool) -> None:
    entry = Entry("k3f9q2mx", WRITTEN, body="A #walk.", starred=starred)
    assert ("★ starred" in render_entry(entry)) is starred
    assert entry_to_json(entry)["starred"] is starred


@pytest.mark.parametrize(
    ("body", "tags"),
    [("A #Walk with @sam, #walk again.", ["walk", "sam"]), ("no tags, sam@x.com", [])],
)
def test_json_has_tags_and_stays_valid(body: str, tags: list[str]) -> None:
    entries = [Entry("k3f9q2mx", WRITTEN, body=body, starred=True)]
    document = json.loads("".join(render_json(entries, exported=WRITTEN)))
    jsonschema.validate(document, schema())
    assert document["entries"][0]["tags"] == tags
    assert document["entries"][0]["starred"] is True
