"""The workbook format as JSON Schema, for editors that check TOML as people type.

Generated from the pydantic model, so it can never disagree with what `reflect`
accepts about shape and types (checks that span fields, such as unique ids or
`min` below `max`, are only in `reflect workbook check`). The descriptions are
the Field descriptions in `reflect.workbook.models`: they are what an author
sees when hovering over a key in Taplo / Even Better TOML, so they are written
for authors, not programmers.

Two changes make it read better for TOML: TOML has no null, so pydantic's
"string or null" for optional fields becomes just "string"; and each prompt
gets a description saying that its `kind` decides the other fields.
"""

from __future__ import annotations

import json
from typing import Any

from reflect.kinds import names_in_words

SCHEMA_ID = "urn:reflect:workbook:1"
SCHEMA_FILE_NAME = "workbook.schema.json"
_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def workbook_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a workbook file."""
    # pydantic: imported here so commands that never need the schema do not pay for it.
    from reflect.workbook.models import Workbook

    generated = _without_null(Workbook.model_json_schema())
    prompts = generated["$defs"]["Section"]["properties"]["prompts"]
    prompts["items"]["description"] = (
        f"One prompt. Start with `id`, `kind` and `text`; the kind ({names_in_words()}) "
        "decides which other fields it takes."
    )
    schema: dict[str, Any] = {
        "$schema": _DRAFT,
        "$id": SCHEMA_ID,
        "title": "reflect workbook",
        "description": (
            "A guided workbook for reflect: ideas to consider, space to reflect, tips, "
            "and a plan. Check a file with `reflect workbook check FILE`."
        ),
    }
    schema.update({k: v for k, v in generated.items() if k not in ("title", "description")})
    return schema


def schema_json() -> str:
    """The schema as the text written to `workbook.schema.json` (stable key order)."""
    return json.dumps(workbook_schema(), indent=2, ensure_ascii=False) + "\n"


def _without_null(node: Any) -> Any:
    """Replace `anyOf: [X, {type: null}]` (and its `default: null`) with X, everywhere."""
    if isinstance(node, list):
        return [_without_null(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _without_null(value) for key, value in node.items()}
    options = out.get("anyOf")
    if isinstance(options, list):
        kept = [o for o in options if o != {"type": "null"}]
        if len(kept) == 1 and len(kept) < len(options):
            del out["anyOf"]
            if out.get("default", ...) is None:
                del out["default"]
            out = {**kept[0], **out}
    return out
