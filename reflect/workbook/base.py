"""What every part of a workbook is made of: strict pydantic models, ids and one-line
text, and the fields every prompt has. Each kind's prompt model
(`reflect/kinds/<name>/prompt.py`) adds its own fields to `PromptBase`.

The schema is the documentation: every field carries a description, which
becomes the JSON Schema text an author sees in their editor. Unknown keys are
errors (a typo in a workbook must not be silently ignored) and input values are
never echoed in errors (a workbook may hold someone's words).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(
        description=(
            "A short, stable name: lower-case letters, digits, '-' or '_'. "
            "Keep it the same when you edit the text, so paused drafts and journal "
            "entries still point at the right place."
        )
    ),
]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[^\n\r]*$")]
Text = Annotated[str, StringConstraints(min_length=1)]


class Strict(BaseModel):
    # strict: TOML already has numbers, booleans and lists, so "10" in quotes is a mistake to
    # point out (as the JSON Schema does in editors), not something to quietly convert.
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, frozen=True, strict=True)


class PromptBase(Strict):
    """What every prompt has. Each kind's model adds `kind` (its name) and its fields."""

    if TYPE_CHECKING:
        # Declared for the type checker only: each kind's model declares the field
        # itself, after these, which keeps the schema's order of keys as authors read it.
        kind: str

    id: Id
    text: Line = Field(
        description=(
            "The question or invitation, in one short line (under 200 characters). "
            "Put examples and longer words in `help`."
        )
    )
    help: str | None = Field(
        default=None,
        description="Optional extra words under the prompt: an example, a gentle nudge.",
    )
    optional: bool = Field(
        default=False,
        description=(
            "Marks the prompt as optional in the interface. Every prompt can be skipped; "
            "skipped prompts that are not optional are listed at the end as ones to come back to."
        ),
    )
    show_last: bool | None = Field(
        default=None,
        description=(
            "Show the last answer to this prompt (and its date) beside it, when it was "
            "answered before in this workbook. By default on for scale, choice and checklist "
            "prompts and off for the others; `false` turns it off, `true` on (a text shows "
            "its first line)."
        ),
    )


def require_unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"the {what} '{value}' is used more than once")
        seen.add(value)
