"""How `reflect show`, `reflect journal` and `reflect search` lay out entries, as
styled lines (see reflect.cli.reading): one layout, printed with colour at a
terminal or as plain text through a pipe."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from reflect.cli.reading import Line
from reflect.dates import format_day
from reflect.journal.model import (
    Action,
    ActionAnswer,
    Answer,
    ChecklistAnswer,
    ChoiceAnswer,
    Entry,
    ListAnswer,
    ScaleAnswer,
    TextAnswer,
)
from reflect.journal.query import FREE_FORM, Hit, Match

BOX = {"open": "[ ]", "done": "[x]", "dropped": "[-]"}
STATUS_STYLE = {"open": None, "done": "green", "dropped": "dim"}
HIGHLIGHT = "bold reverse"


def when(entry: Entry, today: date) -> str:
    return f"{format_day(entry.written.date(), today)}, {entry.written:%H:%M}"


def entry_lines(entry: Entry, today: date) -> list[Line]:
    """The whole entry, for `reflect show`."""
    heading = when(entry, today) + (f" · {entry.title}" if entry.title else "")
    meta = [f"entry {entry.id}"]
    if entry.workbook is not None:
        version = f" (version {entry.version})" if entry.version else ""
        meta.append(f"workbook {entry.workbook}{version}")
    else:
        meta.append(FREE_FORM)
    if entry.starred:
        meta.append("★ starred")
    lines: list[Line] = [[(heading, "bold")], [(" · ".join(meta), "dim")]]
    if entry.body is not None:
        lines += [[], *_block(entry.body, "")]
    for conflict in entry.conflicts:
        # What a merge of two devices could not place (docs/sync.md): shown, never hidden.
        lines += [
            [],
            [("conflict: " + conflict.note, "bold yellow")],
            *_block(conflict.text, "    "),
        ]
    if entry.actions:
        lines.append([])
        for action in entry.actions:
            lines += _action(action, "", today)
    for section in entry.sections:
        # The id is what `reflect export --section ID` takes.
        lines += [[], [(section.title, "bold underline"), (f"  [{section.id}]", "dim")]]
        for answer in section.answers:
            lines += [[], [("  " + answer.prompt, "italic cyan")], *_answer(answer, today)]
    return lines


def _block(text: str, indent: str) -> list[Line]:
    return [[(indent + line, None)] if line else [] for line in text.split("\n")]


def _answer(answer: Answer, today: date) -> list[Line]:
    indent = "    "
    match answer:
        case TextAnswer():
            return _block(answer.text, indent)
        case ScaleAnswer():
            return [
                [(f"{indent}{answer.value}", "bold"), (f" ({answer.low} to {answer.high})", "dim")]
            ]
        case ChoiceAnswer():
            return [[(indent + answer.chosen, None)]]
        case ChecklistAnswer():
            return [[(indent + "✓ " + item, None)] for item in answer.ticked]
        case ListAnswer():
            return [[(f"{indent}{n}. {item}", None)] for n, item in enumerate(answer.items, 1)]
        case ActionAnswer():
            return [line for action in answer.actions for line in _action(action, indent, today)]


def _action(action: Action, indent: str, today: date) -> list[Line]:
    style = STATUS_STYLE[action.status]
    details = []
    if action.due is not None:
        clock = f" {action.at:%H:%M}" if action.at else ""
        details.append(f"due {format_day(action.due, today)}{clock}")
    if action.changed_on is not None:
        details.append(f"{action.status} {format_day(action.changed_on, today)}")
    line: Line = [
        (f"{indent}{BOX[action.status]} ", style),
        (action.id, "dim"),
        ("  " + action.text, style),
    ]
    if details:
        line.append((" — " + ", ".join(details), "dim"))
    note = _block(action.note, indent + "      ") if action.note else []
    return [line, *note]


# --------------------------------------------------------------------------- listing


def listing_lines(entries: list[Entry], today: date, width: int | None) -> Iterator[Line]:
    """`reflect journal`: date, id, workbook, first line (cut to `width`), in columns."""
    column = min(max(len(e.workbook or FREE_FORM) for e in entries), 30) if entries else 0
    for entry in entries:
        first = entry.first_line() or entry.title
        if entry.starred:
            first = "★ " + first
        head = f"{when(entry, today):<22} {entry.id}  {entry.workbook or FREE_FORM:<{column}}  "
        if width is not None and len(head) + len(first) > width:
            first = first[: max(width - len(head) - 1, 10)] + "…"
        yield [(head, "dim"), (first, None)]


# --------------------------------------------------------------------------- search


def match_lines(match: Match, today: date, width: int | None) -> list[Line]:
    """A search result: the entry's date, id and title, then each matching line."""
    entry = match.entry
    title = entry.title or ("" if entry.workbook else FREE_FORM)
    lines: list[Line] = [
        [(when(entry, today), "bold"), (f"  {entry.id}", "dim"), (f"  {title}", None)]
    ]
    for hit in match.hits:
        lines.append(_hit_line(hit, width))
    return lines


def _hit_line(hit: Hit, width: int | None) -> Line:
    label = f"  {hit.where} " if hit.where[-1:] in "?!.:" else f"  {hit.where}: "
    room = None if width is None else max(width - len(label), 20)
    text, spans = crop(hit.line, hit.spans, room)
    line: Line = [(label, "dim")]
    at = 0
    for start, end in spans:
        line += [(text[at:start], None), (text[start:end], HIGHLIGHT)]
        at = end
    line.append((text[at:], None))
    return [piece for piece in line if piece[0]]


def crop(
    line: str, spans: tuple[tuple[int, int], ...], room: int | None
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """`line` cut to `room` characters around its first match, spans moved to match."""
    line = line.replace("\t", " ")
    if room is None or len(line) <= room:
        return line, spans
    first_start = spans[0][0] if spans else 0
    start = max(0, min(first_start - room // 3, len(line) - room + 1))
    end = min(len(line), start + room - 2)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(line) else ""
    shift = start - len(prefix)
    kept = tuple(
        (max(s, start) - shift, min(e, end) - shift) for s, e in spans if s < end and e > start
    )
    return prefix + line[start:end] + suffix, kept
