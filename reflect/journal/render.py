"""Writing the journal: entries and month files as text (spec: docs/journal-format.md).

Single-line values (titles, prompts, options, list items, action text) sit after a
marker on their own line, which is why they may not contain a newline. Each answer's
lines are its kind's (`reflect.kinds`). parse(render(x)) == x for every valid entry
(tests/unit/test_journal_format.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from reflect.journal.lines import (
    CONFLICT_SINCE_FORMAT,
    LEFT_SINCE_FORMAT,
    REPEAT_SINCE_FORMAT,
    file_header,
    render_action,
    render_block,
    render_conflict,
    render_left,
)
from reflect.journal.model import Entry
from reflect.kinds import KINDS, kind_of

FORMAT_VERSION = max(
    LEFT_SINCE_FORMAT,
    REPEAT_SINCE_FORMAT,
    CONFLICT_SINCE_FORMAT,
    *(kind.since_format for kind in KINDS),
)
"""The newest journal format this reflect reads and writes."""
FILE_HEADER = file_header(1)
"""The first line of a file with nothing newer in it than format 1 (most files)."""


def format_needed(entries: Iterable[Entry]) -> int:
    """The lowest journal format that holds `entries`: 1, unless an answer is of a kind
    that came later (a `date` answer needs 2), an entry names prompts left for another
    day (3), an action repeats (4) or a sync merge left a conflict in an entry (5). A
    file says the highest its entries need, so an older reflect asks to be upgraded
    rather than stopping at a line it cannot read.
    """
    needed = 1
    for entry in entries:
        if entry.left:
            needed = max(needed, LEFT_SINCE_FORMAT)
        if any(action.repeat is not None for action, _, _ in entry.all_actions()):
            needed = max(needed, REPEAT_SINCE_FORMAT)
        if entry.conflicts:
            needed = max(needed, CONFLICT_SINCE_FORMAT)
        for section in entry.sections:
            for answer in section.answers:
                needed = max(needed, kind_of(answer).since_format)
    return needed


def render_file(entries: Iterable[Entry]) -> str:
    """A whole month file."""
    entries = list(entries)
    header = file_header(format_needed(entries))
    return header + "\n" + "".join("\n" + render_entry(entry) for entry in entries)


def render_entry(entry: Entry) -> str:
    """One entry, ending with a newline. Entries are separated by one blank line."""
    lines = [_entry_header(entry), f"id: {entry.id}"]
    if entry.workbook is not None:
        version = f" (version {entry.version})" if entry.version is not None else ""
        lines.append(f"workbook: {entry.workbook}{version}")
    if entry.starred:
        lines.append("starred: yes")
    lines += [render_left(item) for item in entry.left]
    if entry.body is not None:
        lines += ["", *render_block(entry.body)]
    # After the text (a block ends only at a line at column 0), before everything else,
    # so a conflict to settle is near the top where the person sees it.
    for conflict in entry.conflicts:
        lines += ["", *render_conflict(conflict)]
    if entry.actions:
        lines.append("")
        for action in entry.actions:
            lines += render_action(action)
    for section in entry.sections:
        lines += ["", f"### {section.title}  [{section.id}]"]
        for answer in section.answers:
            lines += [
                "",
                f"#### {answer.prompt}  [{answer.prompt_id}]",
                *kind_of(answer).journal_lines(answer),
            ]
    return "\n".join(lines) + "\n"


def _entry_header(entry: Entry) -> str:
    moment = entry.written
    clock = moment.strftime("%H:%M:%S" if moment.second else "%H:%M")
    header = f"## {moment.date().isoformat()} {clock}"
    return f"{header} · {entry.title}" if entry.title else header
