"""How `reflect show`, `reflect journal` and `reflect search` lay out entries, as
styled lines (see reflect.cli.reading): one layout, printed with colour at a
terminal or as plain text through a pipe."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from reflect.cli.reading import Line
from reflect.dates import format_day
from reflect.journal.model import Entry
from reflect.journal.query import FREE_FORM, Hit, Match
from reflect.kinds import kind_of
from reflect.kinds.action import view_action
from reflect.kinds.text import styled_block

HIGHLIGHT = "bold reverse"
LEFT = "Left for another day"


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
        lines += [[], *styled_block(entry.body, "")]
    for conflict in entry.conflicts:
        # What a merge of two devices could not place (docs/sync.md): shown, never hidden.
        lines += [
            [],
            [("conflict: " + conflict.note, "bold yellow")],
            *styled_block(conflict.text, "    "),
        ]
    if entry.actions:
        lines.append([])
        for action in entry.actions:
            lines += view_action(action, "", today)
    for section in entry.sections:
        # The id is what `reflect export --section ID` takes.
        lines += [[], [(section.title, "bold underline"), (f"  [{section.id}]", "dim")]]
        for answer in section.answers:
            answer_lines = kind_of(answer).view(answer, today)
            lines += [[], [("  " + answer.prompt, "italic cyan")], *answer_lines]
    if entry.left:
        lines += [[], [(LEFT, "bold underline")]]
        lines += [[("  " + item.prompt, "italic cyan")] for item in entry.left]
    return lines


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
