"""The journal as JSON for scripts: every field of every entry, and a reader back to entries.

The shape is documented in docs/export-json.md and, formally, in the JSON Schema
next to this module (`journal-export.schema.json`). Times are local, as in the
journal: `written` is `YYYY-MM-DDTHH:MM:SS`, action due dates `YYYY-MM-DD` with an
optional `HH:MM` time. Output is streamed entry by entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from importlib import resources
from typing import Any, cast

from reflect.errors import ReflectError
from reflect.export.json_schema import SCHEMA_FILE
from reflect.journal.model import STATUSES, Action, Answer, Entry, SectionRecord, Status
from reflect.kinds import kind_of, named
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
    return {
        "id": entry.id,
        "written": entry.written.isoformat(),
        "title": entry.title,
        "workbook": entry.workbook,
        "workbook_version": entry.version,
        "starred": entry.starred,
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
    }


def answer_to_json(answer: Answer) -> dict[str, Any]:
    common = {"kind": answer.kind, "prompt_id": answer.prompt_id, "prompt": answer.prompt}
    return {**common, **kind_of(answer).to_json(answer)}


# --------------------------------------------------------------------------- read


class ExportError(ReflectError):
    """A file that is not a reflect JSON export this version can read."""

    exit_code = 2


def read_json(text: str | bytes) -> list[Entry]:
    """The entries of a JSON export, exactly as they were exported.

    Raises ExportError naming the first field that is wrong (`entries[3].written`).
    """
    try:
        document = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ExportError(f"This is not JSON ({exc}).") from None
    reader = _Reader()
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExportError(f'This is not a reflect JSON export (no "format": "{FORMAT}").')
    version = document.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise ExportError(
            f"This export has version {version!r}; this reflect reads version {VERSION}."
        )
    raw_entries = reader.typed(document.get("entries"), list, "entries")
    return [reader.entry(raw, f"entries[{i}]") for i, raw in enumerate(raw_entries)]


class _Reader:
    """Turns parsed JSON into model objects, naming the path of anything wrong."""

    def typed(self, value: Any, kind: type | tuple[type, ...], where: str) -> Any:
        # bool is an int in Python; a JSON true is never a number here.
        if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _kinds(kind)):
            raise ExportError(f"{where}: expected {_name(kind)}, found {json.dumps(value)[:40]}.")
        return value

    def field(
        self, data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str
    ) -> Any:
        if key not in data:
            raise ExportError(f'{where}: the field "{key}" is missing.')
        return self.typed(data[key], kind, f"{where}.{key}")

    def optional(self, data: dict[str, Any], key: str, kind: type, where: str) -> Any:
        return self.field(data, key, (kind, type(None)), where)

    def strings(self, data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        values = self.field(data, key, list, where)
        return tuple(self.typed(v, str, f"{where}.{key}[{i}]") for i, v in enumerate(values))

    def build(self, make: Any, where: str) -> Any:
        try:
            return make()
        except ValueError as exc:
            raise ExportError(f"{where}: {exc}.") from None

    def entry(self, raw: Any, where: str) -> Entry:
        data = self.typed(raw, dict, where)
        written = self.field(data, "written", str, where)
        moment = self.build(lambda: datetime.fromisoformat(written), f"{where}.written")
        actions = self.field(data, "actions", list, where)
        sections = self.field(data, "sections", list, where)
        return cast(
            Entry,
            self.build(
                lambda: Entry(
                    id=self.field(data, "id", str, where),
                    written=moment,
                    title=self.field(data, "title", str, where),
                    workbook=self.optional(data, "workbook", str, where),
                    version=self.optional(data, "workbook_version", str, where),
                    starred=self.field(data, "starred", bool, where),
                    body=self.optional(data, "body", str, where),
                    actions=tuple(
                        self.action(a, f"{where}.actions[{i}]") for i, a in enumerate(actions)
                    ),
                    sections=tuple(
                        self.section(s, f"{where}.sections[{i}]") for i, s in enumerate(sections)
                    ),
                ),
                where,
            ),
        )

    def section(self, raw: Any, where: str) -> SectionRecord:
        data = self.typed(raw, dict, where)
        answers = self.field(data, "answers", list, where)
        return cast(
            SectionRecord,
            self.build(
                lambda: SectionRecord(
                    self.field(data, "id", str, where),
                    self.field(data, "title", str, where),
                    tuple(self.answer(a, f"{where}.answers[{i}]") for i, a in enumerate(answers)),
                ),
                where,
            ),
        )

    def answer(self, raw: Any, where: str) -> Answer:
        data = self.typed(raw, dict, where)
        kind = self.field(data, "kind", str, where)
        prompt_id = self.field(data, "prompt_id", str, where)
        prompt = self.field(data, "prompt", str, where)

        def make() -> Answer:
            kind_found = named(kind)
            if kind_found is None:
                raise ExportError(f"{where}.kind: '{kind}' is not a kind of answer.")
            answer: Answer = kind_found.from_json(prompt_id, prompt, data, self, where)
            return answer

        return cast(Answer, self.build(make, where))

    def action(self, raw: Any, where: str) -> Action:
        data = self.typed(raw, dict, where)
        status = self.field(data, "status", str, where)
        if status not in STATUSES:
            raise ExportError(f"{where}.status: '{status}' is not open, done or dropped.")
        due = self._day(self.optional(data, "due", str, where), f"{where}.due")
        changed = self._day(self.optional(data, "changed_on", str, where), f"{where}.changed_on")
        clock = self.optional(data, "time", str, where)
        at = self.build(lambda: time.fromisoformat(clock), f"{where}.time") if clock else None
        return cast(
            Action,
            self.build(
                lambda: Action(
                    id=self.field(data, "id", str, where),
                    text=self.field(data, "text", str, where),
                    status=cast(Status, status),
                    due=due,
                    at=at,
                    changed_on=changed,
                    note=self.optional(data, "note", str, where),
                ),
                where,
            ),
        )

    def _day(self, text: str | None, where: str) -> date | None:
        if text is None:
            return None
        return cast(date, self.build(lambda: date.fromisoformat(text), where))


def _kinds(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _name(kind: type | tuple[type, ...]) -> str:
    names = {str: "text", int: "a whole number", bool: "true or false", list: "a list"}
    names |= {dict: "an object", type(None): "null"}
    return " or ".join(names.get(k, k.__name__) for k in _kinds(kind))
