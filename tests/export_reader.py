"""A JSON export read back into journal entries, for the tests that prove nothing is lost.

The export is for scripts in any language, checked by its JSON Schema
(reflect/export/journal-export.schema.json); reflect itself never reads one back.
The tests do: an export that reads back to the very entries it was made from has
every field of every entry. So this reader trusts the shape (the tests validate
each document against the schema first) and says nothing kind about bad input.
Each answer is read by its own kind (`Kind.from_json`), so a new kind needs
nothing here.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any, cast

from reflect.export.json import FORMAT, VERSION
from reflect.journal.model import (
    Action,
    Answer,
    Conflict,
    Entry,
    LeftPrompt,
    SectionRecord,
    Status,
)
from reflect.kinds import named
from reflect.repeats import parse_repeat


def read_json(text: str | bytes) -> list[Entry]:
    """The entries of a JSON export made by `reflect.export.json.render_json`."""
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
        actions=tuple(_Fields().action(a, "") for a in raw["actions"]),
        sections=tuple(
            SectionRecord(s["id"], s["title"], tuple(_answer(a) for a in s["answers"]))
            for s in raw["sections"]
        ),
        left=tuple(LeftPrompt(item["prompt_id"], item["prompt"]) for item in raw["left"]),
        conflicts=tuple(Conflict(c["note"], c["text"]) for c in raw.get("conflicts", [])),
    )


def _answer(raw: dict[str, Any]) -> Answer:
    kind = named(raw["kind"])
    assert kind is not None, f"an answer of an unknown kind: {raw['kind']!r}"
    answer: Answer = kind.from_json(raw["prompt_id"], raw["prompt"], raw, _Fields(), "")
    return answer


class _Fields:
    """`reflect.kinds.base.JsonFields`, trusting the shape the schema has checked."""

    def field(self, data: dict[str, Any], key: str, kind: type, where: str) -> Any:
        value = data[key]
        assert isinstance(value, kind), f"{where}.{key}: {value!r} is not {kind.__name__}"
        return value

    def strings(self, data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        return tuple(self.field(data, key, list, where))

    def action(self, raw: Any, where: str) -> Action:
        return Action(
            id=raw["id"],
            text=raw["text"],
            status=cast(Status, raw["status"]),
            due=date.fromisoformat(raw["due"]) if raw["due"] else None,
            at=time.fromisoformat(raw["time"]) if raw["time"] else None,
            changed_on=date.fromisoformat(raw["changed_on"]) if raw["changed_on"] else None,
            note=raw["note"],
            repeat=parse_repeat(raw["repeat"]) if raw["repeat"] else None,
        )
