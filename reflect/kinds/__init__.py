"""The answer kinds, in the order authors meet them: the one list every other list of
kinds is computed from (the workbook loader's, both JSON Schemas, `reflect start
--help`, the journal parser's markers).

Each kind lives in `reflect/kinds/<name>/` (see `reflect.kinds.base`): its
`__init__.py` says everything the domain knows about it but its workbook fields,
which are its `prompt.py` (pydantic, loaded only when a workbook is read). To add a
kind, add its folder and one line below; front ends add a widget (the app's is
`reflect.tui.widgets.fields.FIELDS`, which a test holds to this list).
"""

from __future__ import annotations

from typing import Any

from reflect.journal.model import Answer
from reflect.kinds.action import ACTION
from reflect.kinds.base import Kind
from reflect.kinds.checklist import CHECKLIST
from reflect.kinds.choice import CHOICE
from reflect.kinds.date import DATE
from reflect.kinds.scale import SCALE
from reflect.kinds.short_list import SHORT_LIST
from reflect.kinds.text import TEXT

AnyKind = Kind[Any, Any, Any]

KINDS: tuple[AnyKind, ...] = (TEXT, SCALE, CHOICE, CHECKLIST, SHORT_LIST, ACTION, DATE)
BY_NAME: dict[str, AnyKind] = {kind.name: kind for kind in KINDS}
NAMES: tuple[str, ...] = tuple(BY_NAME)


def kind_of(answer: Answer) -> AnyKind:
    """The kind that wrote `answer`, and knows how to show it."""
    return BY_NAME[answer.kind]


def named(name: str) -> AnyKind | None:
    """The kind called `name` (as a workbook, a draft or an export says it), if any."""
    return BY_NAME.get(name)


def names_in_words(last: str = "or") -> str:
    """'text, scale, choice, checklist, list, action or date', for help and errors."""
    return ", ".join(NAMES[:-1]) + f" {last} " + NAMES[-1]


__all__ = ["BY_NAME", "KINDS", "NAMES", "AnyKind", "Kind", "kind_of", "named", "names_in_words"]
