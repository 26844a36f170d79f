"""JSON export: valid against its published schema, and read back to the same entries."""

from __future__ import annotations

import json
from datetime import date, datetime

import jsonschema
import pytest
from hypothesis import given, settings

from reflect.export.json import render_json, schema
from reflect.journal.model import Entry
from reflect.journal.query import Filters, iter_entries
from reflect.journal.store import JournalStore
from reflect.repeats import parse_repeat
from tests.conftest import DATA, FROZEN_NOW
from tests.export_reader import read_json
from tests.unit.test_journal_format import month_files

VALIDATOR = jsonschema.Draft202012Validator(schema())


def export(entries: list[Entry], filters: dict[str, object] | None = None) -> str:
    return "".join(render_json(entries, exported=FROZEN_NOW, filters=filters))


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())


def test_the_fixture_journal_exports_valid_json_that_reads_back() -> None:
    entries = list(iter_entries(JournalStore(DATA / "journal"), Filters(), newest_first=False))
    text = export(entries, {"since": "2026-10-01"})
    document = json.loads(text)
    VALIDATOR.validate(document)
    assert document["exported"] == "2026-11-29T10:00:00"
    assert [e["id"] for e in document["entries"]] == [e.id for e in entries]
    assert read_json(text) == entries
    action = document["entries"][1]["sections"][3]["answers"][0]["actions"][1]
    assert action == {
        "id": "p2wd",
        "text": "Message Sam about a walk",
        "status": "open",
        "due": "2026-11-08",
        "time": "10:00",
        "changed_on": None,
        "note": None,
        "repeat": None,
    }


def test_an_empty_export_is_valid() -> None:
    text = export([])
    VALIDATOR.validate(json.loads(text))
    assert read_json(text) == []


@settings(max_examples=80, database=None, deadline=None)
@given(month_files())
def test_any_entries_round_trip_through_json(entries: list[Entry]) -> None:
    text = export(entries)
    VALIDATOR.validate(json.loads(text))
    assert read_json(text) == entries


@pytest.mark.parametrize(
    "document",
    [
        [],
        {"format": "reflect-journal-export", "version": 99},
        {"format": "reflect-journal-export", "version": 1, "entries": [{"id": "abc"}]},
        {"format": "something-else", "version": 1, "exported": "x", "filters": {}, "entries": []},
    ],
)
def test_the_schema_refuses_what_is_not_an_export(document: object) -> None:
    """What a script can rely on: a document the schema accepts is a reflect export."""
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(document)


@pytest.mark.parametrize(
    ("field", "value"),
    [("status", "maybe"), ("due", "4 dec"), ("time", "10am"), ("id", 7), ("note", ["x"])],
)
def test_the_schema_names_a_bad_value_deep_inside_by_its_path(field: str, value: object) -> None:
    entry = Entry("abcdefgh", datetime(2026, 11, 1, 9, 0), body="x")
    document = json.loads(export([entry]))
    action: dict[str, object] = {"id": "k3f9", "text": "x", "status": "open", "due": None}
    action |= {"time": None, "changed_on": None, "note": None, field: value}
    document["entries"][0]["actions"] = [action]
    VALIDATOR.validate({**document, "entries": []})  # the rest of it is fine
    with pytest.raises(jsonschema.ValidationError) as refused:
        VALIDATOR.validate(document)
    assert list(refused.value.absolute_path)[:4] == ["entries", 0, "actions", 0]


@pytest.mark.parametrize("every", ["day", "weekday", "mon", "2 weeks", "month"])
def test_a_repeating_action_exports_its_repeat_in_json_and_markdown(every: str) -> None:
    from tests.cli.helpers import reflect

    assert (
        reflect("actions", "add", "Short walk", "--due", "2027-01-31", "--every", every).exit_code
        == 0
    )
    document = json.loads(reflect("export", "--format", "json").stdout)
    VALIDATOR.validate(document)
    [action] = document["entries"][0]["actions"]
    repeat = parse_repeat(every).anchored(date(2027, 1, 31))
    assert action["repeat"] == repeat.text()
    assert read_json(json.dumps(document))[0].actions[0].repeat == repeat
    markdown = reflect("export").stdout
    assert f"Short walk — due Sun 31 Jan 2027, {repeat.label()}" in markdown
