"""The JSON export's schema (`journal-export.schema.json`), with its answers from the kinds.

The file is published beside `reflect.export.json` and read by `schema()` there. Its
`answer` definition, the one part that lists the answer kinds, is generated from
`reflect.kinds` (each kind's `json_schema`); the rest is written by hand in the file.
tests/unit/test_export_json.py holds the file to `export_schema()`; after adding a
kind, write it again with:

    python -m reflect.export.json_schema
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, cast

from reflect.kinds import KINDS, NAMES

SCHEMA_FILE = "journal-export.schema.json"

COMMON = {
    "kind": {"enum": list(NAMES)},
    "prompt_id": {"$ref": "#/$defs/slug"},
    "prompt": {"$ref": "#/$defs/oneLine", "description": "The prompt as it was asked."},
}


def answer_schema() -> dict[str, Any]:
    """The `answer` definition: what every answer has, then one shape per kind."""
    shapes = []
    for kind in KINDS:
        properties, required = kind.json_schema()
        shapes.append(
            {
                "properties": {
                    "kind": {"const": kind.name},
                    "prompt_id": True,
                    "prompt": True,
                    **properties,
                },
                "required": required,
                "additionalProperties": False,
            }
        )
    return {
        "type": "object",
        "required": ["kind", "prompt_id", "prompt"],
        "properties": COMMON,
        "oneOf": shapes,
    }


def export_schema() -> dict[str, Any]:
    """The whole schema as the file should hold it."""
    text = resources.files("reflect.export").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema = cast(dict[str, Any], json.loads(text))
    schema["$defs"]["answer"] = answer_schema()
    return schema


def schema_text() -> str:
    return json.dumps(export_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> None:  # pragma: no cover (a developer's command; its output is tested)
    path = Path(str(resources.files("reflect.export").joinpath(SCHEMA_FILE)))
    path.write_text(schema_text(), encoding="utf-8")
    print(f"Wrote {path}")


if __name__ == "__main__":  # pragma: no cover - run by hand to write the schema file
    main()
