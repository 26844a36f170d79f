"""The journal grammar: render entries to text, and parse them back exactly.

The spec, with an example, is docs/journal-format.md. The one idea that makes
it safe: everything a person wrote at length sits in a block indented by four
spaces, and every structural line starts at column 0 with a fixed marker, so
no answer can ever be mistaken for structure. Single-line values (titles,
prompts, options, list items, action text) sit after a marker on their own
line, which is why they may not contain a newline.

parse(render(x)) == x for every valid entry (see tests/unit/test_journal_format.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from reflect.errors import JournalError
from reflect.journal.model import (
    Action,
    ActionAnswer,
    Answer,
    ChecklistAnswer,
    ChoiceAnswer,
    Entry,
    ListAnswer,
    ScaleAnswer,
    SectionRecord,
    Status,
    TextAnswer,
)

FORMAT_VERSION = 1
FILE_HEADER = f"# reflect journal · format {FORMAT_VERSION}"
INDENT = "    "

_BOX_OF: dict[Status, str] = {"open": " ", "done": "x", "dropped": "-"}
_STATUS_OF = {box: status for status, box in _BOX_OF.items()}

# A byte order mark is what some Windows editors put first; it is not the user's text.
_FILE_HEADER_RE = re.compile(r"^\ufeff?# reflect journal · format ([0-9]{1,9})\s*$")
_ENTRY_RE = re.compile(r"^## (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2})?)(?: · (.*))?$")
_META_RE = re.compile(r"^(id|workbook|starred): ?(.*)$")
_WORKBOOK_RE = re.compile(r"^([a-z0-9][a-z0-9_-]*)(?: \(version ([A-Za-z0-9._-]+)\))?$")
_SECTION_RE = re.compile(r"^### (.*)  \[([a-z0-9][a-z0-9_-]*)\]$")
_PROMPT_RE = re.compile(r"^#### (.*)  \[([a-z0-9][a-z0-9_-]*)\]$")
_ACTION_RE = re.compile(r"^- \[(.)\] (.*)  \(([a-z0-9]{3,12})((?: · [^()]*)?)\)$")
_SCALE_RE = re.compile(r"^scale: (-?[0-9]+) \((-?[0-9]+) to (-?[0-9]+)\)$")
_VALUE_RE = re.compile(r"^(chose|ticked|item): ?(.*)$")
_ID_RE = re.compile(r"^[a-z0-9]{3,16}$")


# --------------------------------------------------------------------------- render


def render_file(entries: Iterable[Entry]) -> str:
    """A whole month file."""
    return FILE_HEADER + "\n" + "".join("\n" + render_entry(entry) for entry in entries)


def render_entry(entry: Entry) -> str:
    """One entry, ending with a newline. Entries are separated by one blank line."""
    lines = [_entry_header(entry), f"id: {entry.id}"]
    if entry.workbook is not None:
        version = f" (version {entry.version})" if entry.version is not None else ""
        lines.append(f"workbook: {entry.workbook}{version}")
    if entry.starred:
        lines.append("starred: yes")
    if entry.body is not None:
        lines += ["", *render_block(entry.body)]
    if entry.actions:
        lines.append("")
        for action in entry.actions:
            lines += render_action(action)
    for section in entry.sections:
        lines += ["", f"### {section.title}  [{section.id}]"]
        for answer in section.answers:
            lines += ["", f"#### {answer.prompt}  [{answer.prompt_id}]", *_render_answer(answer)]
    return "\n".join(lines) + "\n"


def _entry_header(entry: Entry) -> str:
    moment = entry.written
    clock = moment.strftime("%H:%M:%S" if moment.second else "%H:%M")
    header = f"## {moment.date().isoformat()} {clock}"
    return f"{header} · {entry.title}" if entry.title else header


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


def render_action(action: Action) -> list[str]:
    """The action's line, then its follow-up note (if any) as a block."""
    meta = [action.id]
    if action.due is not None:
        due = action.due.isoformat()
        if action.at is not None:
            due += " " + action.at.strftime("%H:%M")
        meta.append(f"due {due}")
    if action.changed_on is not None:
        meta.append(f"{action.status} {action.changed_on.isoformat()}")
    line = f"- [{_BOX_OF[action.status]}] {action.text}  ({' · '.join(meta)})"
    return [line] if action.note is None else [line, *render_block(action.note)]


def _render_answer(answer: Answer) -> list[str]:
    match answer:
        case TextAnswer():
            return render_block(answer.text)
        case ScaleAnswer():
            return [f"scale: {answer.value} ({answer.low} to {answer.high})"]
        case ChoiceAnswer():
            return [f"chose: {answer.chosen}"]
        case ChecklistAnswer():
            return [f"ticked: {item}" for item in answer.ticked]
        case ListAnswer():
            return [f"item: {item}" for item in answer.items]
        case ActionAnswer():
            return [line for action in answer.actions for line in render_action(action)]


# --------------------------------------------------------------------------- parse


@dataclass(frozen=True)
class Span:
    """Lines [start, end) of a file, 0-based, end exclusive.

    The blank lines that separate it from what follows are not part of it.
    """

    start: int
    end: int


@dataclass
class ParsedFile:
    """A month file's entries, and where each entry and action sits in the text.

    The spans let the store change one action by replacing only its own lines,
    so every other byte of a hand-edited file is left exactly as it was.
    """

    entries: list[Entry] = field(default_factory=list)
    entry_spans: dict[str, Span] = field(default_factory=dict)
    action_spans: dict[str, Span] = field(default_factory=dict)


def parse(
    text: str,
    path: Path | None = None,
    *,
    quick: bool = True,
    wanted: Callable[[str], bool] | None = None,
) -> ParsedFile:
    """Parse a month file. Raises JournalError naming the line of the first problem.

    With `wanted`, only the entries whose text it accepts are read (and so only their
    problems reported): a search reads just the entries that may hold its words.

    Most entries are free-form notes exactly as reflect writes them, and those are
    read by `_quick_entry` in a few matches over the text. Anything else (a workbook
    session, a hand edit, a mistake) is read line by line by `_EntryParser`, which
    checks everything and names the line of a problem. The two agree on every text
    (tests/unit/test_journal_format.py compares them); `quick=False` reads every
    entry line by line, for those tests.
    """
    parsed = ParsedFile()
    header_at = _end_of_blank_lines(text, 0, len(text))
    if header_at == len(text):
        return parsed
    header_line = text.count("\n", 0, header_at)
    header_end = text.find("\n", header_at)
    first = text[header_at:] if header_end == -1 else text[header_at:header_end]
    if first.endswith("\r"):
        raise JournalError(
            "This file has Windows line endings (CRLF); reflect journals use plain LF. "
            "Convert it (for example with dos2unix) and tell git to keep LF for it.",
            path=path,
            line=header_line + 1,
        )
    match = _FILE_HEADER_RE.match(first)
    if not match:
        raise JournalError(
            f"The first line should be '{FILE_HEADER}'.", path=path, line=header_line + 1
        )
    if int(match.group(1)) > FORMAT_VERSION:
        raise JournalError(
            f"This file uses journal format {match.group(1)}, written by a newer reflect. "
            "Upgrade reflect to read it.",
            path=path,
            line=header_line + 1,
        )
    if header_end == -1:
        return parsed
    starts = _entry_starts(text, header_end, header_line)
    before_entries = starts[0][1] if starts else len(text)
    stray = _end_of_blank_lines(text, header_end + 1, before_entries)
    if stray < before_entries:
        raise JournalError(
            "Unexpected text before the first entry. Entries start with '## ' and a date.",
            path=path,
            line=text.count("\n", 0, stray) + 1,
        )
    for index, (start, offset) in enumerate(starts):
        if index + 1 < len(starts):
            end, stop = starts[index + 1]
        else:
            end, stop = start + text.count("\n", offset) + (not text.endswith("\n")), len(text)
        if wanted is not None and not wanted(text[offset:stop]):
            continue
        if quick and _quick_entry(text, offset, stop, start, end, parsed):
            continue
        lines = text[offset:stop].split("\n")[: end - start]
        _EntryParser(lines, start, path, parsed).parse()
    return parsed


# Lines that are empty or only whitespace (`\s` is what str.isspace() means, too).
_BLANK_LINES = re.compile(r"(?:[^\S\n]*(?:\n|\Z))*")


def _end_of_blank_lines(text: str, start: int, end: int) -> int:
    """Where the run of blank lines from `start` (a line's start) ends, before `end`."""
    found = _BLANK_LINES.match(text, start, end)
    assert found is not None  # the pattern matches no lines too
    return found.end()


def _entry_starts(text: str, after: int, line: int) -> list[tuple[int, int]]:
    """Each line after the newline at `after` (which ends line `line`) that starts with
    '## ', as its number and where it starts in the text: each starts an entry.

    Found with str.find on the text rather than a look at every line, which on a
    large month is a good part of the parse.
    """
    starts: list[tuple[int, int]] = []
    find, count = text.find, text.count
    position = after
    while (hit := find("\n## ", position)) != -1:
        line += count("\n", position, hit) + 1
        position = hit + 1
        starts.append((line, position))
    return starts


# A free-form entry as reflect writes it: its heading and 'key: value' lines, in
# order, each as _ENTRY_RE, _META_RE and _WORKBOOK_RE read them.
_QUICK_HEAD = re.compile(
    r"## (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2})?)(?: · ([^\n]*))?\n"
    r"id: ([a-z0-9]{3,16})\n"
    r"(?:workbook: ([a-z0-9][a-z0-9_-]*)(?: \(version ([A-Za-z0-9._-]+)\))?\n)?"
    r"(starred: yes\n)?"
)
# In a block of four-space-indented and empty lines, the first newline that starts
# anything else (or ends the text searched).
_OUTSIDE_BLOCK = re.compile(r"\n(?!    |\n)")


def _quick_entry(
    text: str, start: int, stop: int, line: int, end_line: int, parsed: ParsedFile
) -> bool:
    """Read the entry in text[start:stop] (lines [line, end_line)) into `parsed`, if it
    is a heading, its 'key: value' lines and perhaps a text block, exactly as reflect
    writes them. Returns False, having changed nothing, for anything else: then
    `_EntryParser` reads it, and reports what is wrong if something is.
    """
    head = _QUICK_HEAD.match(text, start, stop)
    if head is None:
        return False
    day, clock, title, entry_id, workbook, version, starred = head.groups()
    if entry_id in parsed.entry_spans:
        return False
    content_end = head.end() - 1  # where the newline ending the entry's last line is
    at = head.end()
    while at < stop and text[at] == "\n":
        at += 1
    body: str | None = None
    if at < stop:
        if not text.startswith(INDENT, at):
            return False
        outside = _OUTSIDE_BLOCK.search(text, at, stop)
        if outside is None or outside.end() != stop:
            return False  # something follows the block, or the text ends mid-line
        content_end = stop - 1
        while text[content_end - 1] == "\n":
            content_end -= 1
        body = text[at + len(INDENT) : content_end].replace("\n" + INDENT, "\n")
    try:
        entry = Entry(
            id=entry_id,
            written=datetime.fromisoformat(f"{day} {clock}"),
            title=title or "",
            workbook=workbook,
            version=version,
            starred=starred is not None,
            body=body,
        )
    except ValueError:
        return False
    parsed.entries.append(entry)
    # Each newline after the one ending the last line ends an empty separator line.
    parsed.entry_spans[entry_id] = Span(line, end_line - (stop - content_end - 1))
    return True


def plain_note(chunk: str) -> tuple[datetime, str] | None:
    """When `chunk` (one entry's text, from its '## ' heading to the next) was written,
    and its id, if it is a note with no workbook, actions or sections, exactly as
    reflect writes one, so `parse` would read it without a problem; None otherwise.

    For readers that need only such a note's time and not its words (looking back
    counts entries per week): the matches `_quick_entry` makes, without building the
    entry or copying its text.
    """
    head = _QUICK_HEAD.match(chunk)
    if head is None or head.group(5) is not None:
        return None
    at, stop = head.end(), len(chunk)
    while at < stop and chunk[at] == "\n":
        at += 1
    if at < stop:
        if not chunk.startswith(INDENT, at):
            return None
        outside = _OUTSIDE_BLOCK.search(chunk, at)
        if outside is None or outside.end() != stop:
            return None
    try:
        return datetime.fromisoformat(f"{head.group(1)} {head.group(2)}"), head.group(4)
    except ValueError:
        return None


class _EntryParser:
    """Parses one entry's `lines` (the first on line `first` of the file) into `parsed`.

    Line numbers inside are the entry's own, from 0; errors and spans add `first`.
    """

    def __init__(
        self, lines: Sequence[str], first: int, path: Path | None, parsed: ParsedFile
    ) -> None:
        self.lines, self.first, self.path, self.parsed = lines, first, path, parsed
        self.end, self.at = len(lines), 0

    def fail(self, message: str, line: int | None = None) -> JournalError:
        number = self.first + (self.at if line is None else line) + 1
        return JournalError(message, path=self.path, line=number)

    def parse(self) -> None:
        written, title = self._header()
        meta = self._meta()
        if "id" not in meta:
            raise self.fail("This entry has no 'id:' line under its heading.", 0)
        entry_id, line = meta["id"]
        if not _ID_RE.match(entry_id):
            raise self.fail(f"'{entry_id}' is not an entry id.", line)
        if entry_id in self.parsed.entry_spans:
            raise self.fail(f"The entry id '{entry_id}' is used twice in this file.", line)
        workbook, version = None, None
        if "workbook" in meta:
            value, line = meta["workbook"]
            match = _WORKBOOK_RE.match(value)
            if not match:
                raise self.fail(
                    "The 'workbook:' line should read 'workbook: ID (version V)'.", line
                )
            workbook, version = match.group(1), match.group(2)
        starred = "starred" in meta
        if starred and meta["starred"][0] != "yes":
            raise self.fail("The 'starred:' line can only say 'yes'.", meta["starred"][1])

        body: str | None = None
        actions: list[Action] = []
        sections: list[SectionRecord] = []
        self._skip_blank()
        if self.at < self.end and _is_block_line(self.lines[self.at]):
            body = self._block()
            self._skip_blank()
        while self.at < self.end and self.lines[self.at].startswith("- "):
            actions.append(self._action())
            self._skip_blank()
        while self.at < self.end:
            sections.append(self._section())
        try:
            entry = Entry(
                id=entry_id,
                written=written,
                title=title,
                workbook=workbook,
                version=version,
                starred=starred,
                body=body,
                actions=tuple(actions),
                sections=tuple(sections),
            )
        except ValueError as exc:
            raise self.fail(f"This entry is not valid: {exc}.", 0) from None
        self.parsed.entries.append(entry)
        self.parsed.entry_spans[entry_id] = Span(
            self.first, self.first + self._content_end(self.end)
        )

    def _header(self) -> tuple[datetime, str]:
        line = self.lines[self.at]
        match = _ENTRY_RE.match(line)
        if not match:
            raise self.fail("An entry heading should read '## YYYY-MM-DD HH:MM · title'.")
        day, clock, title = match.groups()
        try:
            # One call for both: the pattern has already checked their shape.
            written = datetime.fromisoformat(f"{day} {clock}")
        except ValueError:
            raise self.fail(f"'{day} {clock}' is not a real date and time.") from None
        self.at += 1
        return written, title or ""

    def _meta(self) -> dict[str, tuple[str, int]]:
        """The 'key: value' lines under the heading, each with the line it sits on."""
        meta: dict[str, tuple[str, int]] = {}
        while self.at < self.end:
            match = _META_RE.match(self.lines[self.at])
            if not match:
                break
            if match.group(1) in meta:
                raise self.fail(f"'{match.group(1)}:' appears twice in this entry.")
            meta[match.group(1)] = (match.group(2), self.at)
            self.at += 1
        return meta

    def _skip_blank(self) -> None:
        lines, at, end = self.lines, self.at, self.end
        # _is_separator, inlined: this runs between every two parts of every entry.
        while at < end and (
            not (line := lines[at])
            or (line.isspace() and not line.startswith(INDENT) and line[0] != "\t")
        ):
            at += 1
        self.at = at

    def _block(self) -> str:
        """A maximal run of indented and empty lines; trailing empty lines are separators.

        Written for speed (every answer and every free-form entry is a block): one pass
        finds where the run ends and where its last indented line is, then one
        comprehension takes the text. Lines indented with four spaces lose them; a
        tab (a hand edit) loses the tab; empty lines, or stray spaces left by a hand
        edit, are empty.
        """
        lines, at, end = self.lines, self.at, self.end
        start = last = at  # `last`: just after the last indented line
        while at < end:
            line = lines[at]
            if line.startswith(INDENT) or line.startswith("\t"):
                at += 1
                last = at
            elif not line or line.isspace():
                at += 1
            else:
                break
        self.at = at
        return "\n".join(
            [
                line[4:] if line.startswith(INDENT) else line[1:] if line[:1] == "\t" else ""
                for line in lines[start:last]
            ]
        )

    def _action(self) -> Action:
        line_number = self.at
        line = self.lines[self.at]
        match = _ACTION_RE.match(line)
        if not match:
            raise self.fail(
                "An action line should read '- [ ] what you will do  (id · due YYYY-MM-DD)'."
            )
        box, text, action_id, rest = match.groups()
        if box not in _STATUS_OF:
            raise self.fail(
                f"'[{box}]' is not an action status: use '[ ]' open, '[x]' done or '[-]' dropped."
            )
        status = _STATUS_OF[box]
        due: date | None = None
        at: time | None = None
        changed_on: date | None = None
        for part in filter(None, rest.split(" · ")):
            word, _, value = part.partition(" ")
            try:
                if word == "due":
                    day_text, _, clock = value.partition(" ")
                    due = date.fromisoformat(day_text)
                    at = time.fromisoformat(clock) if clock else None
                elif word in ("done", "dropped"):
                    if word != status:
                        raise self.fail(
                            f"This action's box says {status} but its date says '{word}'."
                        )
                    changed_on = date.fromisoformat(value)
                else:
                    raise self.fail(f"'{word}' is not something an action line can say.")
            except ValueError:
                raise self.fail(
                    f"'{value}' is not a date like 2026-11-04 (or 2026-11-04 09:30 when due)."
                ) from None
        if action_id in self.parsed.action_spans:
            raise self.fail(f"The action id '{action_id}' is used twice in this file.")
        self.at += 1
        note = self._block() if self.at < self.end and _is_block_line(self.lines[self.at]) else None
        try:
            action = Action(action_id, text, status, due, at, changed_on, note)
        except ValueError as exc:
            raise self.fail(f"This action is not valid: {exc}.", line_number) from None
        self.parsed.action_spans[action_id] = Span(
            self.first + line_number, self.first + self._content_end(self.at)
        )
        return action

    def _content_end(self, end: int) -> int:
        """`end` moved back over blank separator lines, so a span holds only its own text."""
        while end > 0 and _is_separator(self.lines[end - 1]):
            end -= 1
        return end

    def _section(self) -> SectionRecord:
        match = _SECTION_RE.match(self.lines[self.at])
        if not match:
            raise self.fail(
                "I don't recognise this line. Answers are indented by four spaces; "
                "sections start with '### ' and prompts with '#### '."
            )
        title, section_id = match.groups()
        self.at += 1
        self._skip_blank()
        answers: list[Answer] = []
        while self.at < self.end and self.lines[self.at].startswith("#### "):
            answers.append(self._answer())
            self._skip_blank()
        return SectionRecord(section_id, title, tuple(answers))

    def _answer(self) -> Answer:
        header = self.at
        match = _PROMPT_RE.match(self.lines[self.at])
        if not match:
            raise self.fail("A prompt heading should read '#### the prompt  [prompt-id]'.")
        prompt, prompt_id = match.groups()
        self.at += 1
        self._skip_blank()  # a blank line a person added under the prompt
        line = self.lines[self.at] if self.at < self.end else ""
        if _is_block_line(line):
            return TextAnswer(prompt_id, prompt, self._block())
        if line.startswith("- "):
            actions = []
            while self.at < self.end and self.lines[self.at].startswith("- "):
                actions.append(self._action())
                self._skip_blank()  # a blank line a person added between actions
            return ActionAnswer(prompt_id, prompt, tuple(actions))
        scale = _SCALE_RE.match(line)
        if scale:
            try:
                value, low, high = (int(group) for group in scale.groups())
            except ValueError:  # past int()'s 4,300-digit limit
                raise self.fail("This scale has a number too long to read.") from None
            self.at += 1
            return ScaleAnswer(prompt_id, prompt, value, low, high)
        values: dict[str, list[str]] = {}
        while self.at < self.end and (found := _VALUE_RE.match(self.lines[self.at])):
            values.setdefault(found.group(1), []).append(found.group(2))
            self.at += 1
        if len(values) > 1:
            raise self.fail(
                "A prompt's answer mixes 'chose:', 'ticked:' and 'item:' lines.", header
            )
        if "chose" in values:
            if len(values["chose"]) > 1:
                raise self.fail("A choice has one 'chose:' line.", header)
            return ChoiceAnswer(prompt_id, prompt, values["chose"][0])
        if "ticked" in values:
            return ChecklistAnswer(prompt_id, prompt, tuple(values["ticked"]))
        if "item" in values:
            return ListAnswer(prompt_id, prompt, tuple(values["item"]))
        raise self.fail(
            "This prompt has no answer under it (an indented answer, 'scale:', 'chose:', "
            "'ticked:', 'item:' or '- [ ]' action lines).",
            header,
        )


def _is_block_line(line: str) -> bool:
    return line.startswith(INDENT) or line.startswith("\t")


def _is_separator(line: str) -> bool:
    """A blank line between parts (a bare indent is content, not a separator)."""
    return not line.strip() and not _is_block_line(line)
