"""The pieces every part of a journal entry is written with: text blocks, action lines
and the file's first line. Kinds (`reflect.kinds`) write their answers with these;
`render` and `parse` put whole entries and files together and take them apart.

The one idea that makes the grammar safe: everything a person wrote at length sits
in a block indented by four spaces, and every structural line starts at column 0
with a fixed marker, so no answer can ever be mistaken for structure. The spec is
docs/journal-format.md.
"""

from __future__ import annotations

from reflect.journal.model import Action, Conflict, LeftPrompt, Status

INDENT = "    "
HEADER_PREFIX = "# reflect journal · format "

# An entry's meta line naming a prompt left for another day (journal format 3).
LEFT_MARKER = "left for another day: "
LEFT_SINCE_FORMAT = 3
"""The journal format that added `left for another day:` lines: files holding one say
it, as files holding a `date` answer say format 2 (an older reflect would stop at the
line; told the file is newer, it asks to be upgraded instead)."""
REPEAT_SINCE_FORMAT = 4
"""The journal format that added a repeat (`every monday`) to action lines."""

# A part of an entry that a sync merge wrote: the other device's words (journal format 5).
CONFLICT_MARKER = "conflict: "
CONFLICT_SINCE_FORMAT = 5
"""The journal format that added `conflict:` parts (reflect.journal.merge)."""

BOX_OF: dict[Status, str] = {"open": " ", "done": "x", "dropped": "-"}
STATUS_OF = {box: status for status, box in BOX_OF.items()}


def file_header(version: int) -> str:
    """The first line of a month file in journal format `version`."""
    return f"{HEADER_PREFIX}{version}"


def render_block(text: str) -> list[str]:
    """Indent every line of `text`.

    Empty lines between written lines stay empty (so editors that strip
    trailing spaces change nothing there); empty lines at the very start or end
    are written as a bare indent, because blank lines around a block are
    separators, not content.
    """
    parts = text.split("\n")
    filled = [i for i, part in enumerate(parts) if part]
    first, last = (filled[0], filled[-1]) if filled else (0, -1)
    return [INDENT + part if part or not first < i < last else "" for i, part in enumerate(parts)]


def render_left(item: LeftPrompt) -> str:
    """'left for another day: What's behind that number?  [behind-the-number]': the
    prompt's words for whoever reads the file, its id in brackets as a prompt heading
    has it, for the next walk to offer it by."""
    return f"{LEFT_MARKER}{item.prompt}  [{item.prompt_id}]"


def render_conflict(conflict: Conflict) -> list[str]:
    """'conflict: ' and its note, then the other version's words as a block under it."""
    return [f"{CONFLICT_MARKER}{conflict.note}", *render_block(conflict.text)]


def render_action(action: Action) -> list[str]:
    """The action's line, then its follow-up note (if any) as a block."""
    meta = [action.id]
    if action.due is not None:
        due = action.due.isoformat()
        if action.at is not None:
            due += " " + action.at.strftime("%H:%M")
        meta.append(f"due {due}")
    if action.repeat is not None:
        meta.append(action.repeat.text())
    if action.changed_on is not None:
        meta.append(f"{action.status} {action.changed_on.isoformat()}")
    line = f"- [{BOX_OF[action.status]}] {action.text}  ({' · '.join(meta)})"
    return [line] if action.note is None else [line, *render_block(action.note)]


def is_block_line(line: str) -> bool:
    """Indented by four spaces, or by a tab (a hand edit)."""
    return line.startswith(INDENT) or line.startswith("\t")
