"""A JSON export read back into journal entries, for the tests that prove nothing is lost.

The export is for scripts in any language, checked by its JSON Schema
(reflect/export/journal-export.schema.json); reflect itself never reads one back.
The tests do: an export that reads back to the very entries it was made from has
every field of every entry. So this reader trusts the shape (the tests validate
each document against the schema first) and says nothing kind about bad input.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, cast

from reflect.export.json import FORMAT, VERSION
from reflect.journal.model import (
    Action,
    ActionAnswer,
    Answer,
    ChecklistAnswer,
    ChoiceAnswer,
    Entry,
    ListAnswer,
    ScaleAnswer,
    SectionRecord,
    Status,
    TextAnswer,
)


def read_json(text: str | bytes) -> list[Entry]:
    """The entries of a JSON export made by `reflect.export.json.render_json`."""
    import json

    document = json.loads(text)
    assert (document["format"], document["version"]) == (FORMAT, VERSION)
    return [_entry(raw) for raw in document["entries"]]


def _entry(raw: dict[str, Any]) -> Entry:
    return Entry(
        id=raw["id"],
        written=datetime.fromisoformat(raw["written"]),
        title=raw["title"],
        workbook=raw["workbook"],
        version=raw["workbook_version"],
        starred=raw["starred"],
        body=raw["body"],
        actions=tuple(_action(a) for a in raw["actions"]),
        sections=tuple(
            SectionRecord(s["id"], s["title"], tuple(_answer(a) for a in s["answers"]))
            for s in raw["sections"]
        ),
    )


def _answer(raw: dict[str, Any]) -> Answer:
    prompt_id, prompt = raw["prompt_id"], raw["prompt"]
    match raw["kind"]:
        case "text":
            return TextAnswer(prompt_id, prompt, raw["text"])
        case "scale":
            return ScaleAnswer(prompt_id, prompt, raw["value"], raw["low"], raw["high"])
        case "choice":
            return ChoiceAnswer(prompt_id, prompt, raw["chosen"])
        case "checklist":
            return ChecklistAnswer(prompt_id, prompt, tuple(raw["ticked"]))
        case "list":
            return ListAnswer(prompt_id, prompt, tuple(raw["items"]))
        case "action":
            return ActionAnswer(prompt_id, prompt, tuple(_action(a) for a in raw["actions"]))
    raise AssertionError(f"an answer of an unknown kind: {raw['kind']!r}")


def _action(raw: dict[str, Any]) -> Action:
    return Action(
        id=raw["id"],
        text=raw["text"],
        status=cast(Status, raw["status"]),
        due=date.fromisoformat(raw["due"]) if raw["due"] else None,
        at=time.fromisoformat(raw["time"]) if raw["time"] else None,
        changed_on=date.fromisoformat(raw["changed_on"]) if raw["changed_on"] else None,
        note=raw["note"],
    )
