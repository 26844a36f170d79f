"""The journal as JSON for scripts: every field of every entry.

The shape is documented in docs/export-json.md and, formally, in the JSON Schema
next to this module (`journal-export.schema.json`). Times are local, as in the
journal: `written` is `YYYY-MM-DDTHH:MM:SS`, action due dates `YYYY-MM-DD` with an
optional `HH:MM` time. Output is streamed entry by entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from importlib import resources
from typing import Any, cast

from reflect.export.json_schema import SCHEMA_FILE
from reflect.journal.model import Answer, Entry
from reflect.journal.tags import entry_tags
from reflect.kinds import kind_of
from reflect.kinds.action import action_to_json

FORMAT = "reflect-journal-export"
VERSION = 1


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every export validates against."""
    text = resources.files("reflect.export").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return cast(dict[str, Any], json.loads(text))


# --------------------------------------------------------------------------- write


def render_json(
    entries: Iterable[Entry], *, exported: datetime, filters: dict[str, Any] | None = None
) -> Iterator[str]:
    """The export document, in pieces: one entry in memory at a time."""
    head = {
        "format": FORMAT,
        "version": VERSION,
        "exported": exported.replace(microsecond=0, tzinfo=None).isoformat(),
        "filters": filters or {},
    }
    opening = json.dumps(head, ensure_ascii=False, indent=2)
    yield opening[: opening.rindex("}")].rstrip() + ',\n  "entries": ['
    separator = "\n"
    for entry in entries:
        text = json.dumps(entry_to_json(entry), ensure_ascii=False, indent=2)
        yield separator + "\n".join("    " + line for line in text.split("\n"))
        separator = ",\n"
    yield ("\n  ]\n}\n" if separator != "\n" else "]\n}\n")


def entry_to_json(entry: Entry) -> dict[str, Any]:
    found = _entry_fields(entry)
    if entry.conflicts:  # only then: an export of a journal without any reads as before
        found["conflicts"] = [{"note": c.note, "text": c.text} for c in entry.conflicts]
    return found


def _entry_fields(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "written": entry.written.isoformat(),
        "title": entry.title,
        "workbook": entry.workbook,
        "workbook_version": entry.version,
        "starred": entry.starred,
        # Derived from the words (reflect.journal.tags); a reader back ignores it.
        "tags": entry_tags(entry),
        "body": entry.body,
        "actions": [action_to_json(action) for action in entry.actions],
        "sections": [
            {
                "id": section.id,
                "title": section.title,
                "answers": [answer_to_json(answer) for answer in section.answers],
            }
            for section in entry.sections
        ],
        "left": [{"prompt_id": item.prompt_id, "prompt": item.prompt} for item in entry.left],
    }


def answer_to_json(answer: Answer) -> dict[str, Any]:
    common = {"kind": answer.kind, "prompt_id": answer.prompt_id, "prompt": answer.prompt}
    return {**common, **kind_of(answer).to_json(answer)}
