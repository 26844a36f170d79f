"""One journal entry's lines into an `Entry`, checking everything, naming the line of
any problem (docs/journal-format.md is the grammar).

The lines under a prompt heading are read by the answer's kind (`reflect.kinds`),
through the small `AnswerLines` face of `EntryParser`: which kind reads them is told
by how they start (an indented block, action lines, or 'word:').
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from reflect.errors import DateError, JournalError
from reflect.journal.lines import CONFLICT_MARKER, INDENT, LEFT_MARKER, STATUS_OF, is_block_line
from reflect.journal.model import Action, Answer, Conflict, Entry, LeftPrompt, SectionRecord
from reflect.kinds import KINDS, Kind
from reflect.repeats import Repeat, parse_repeat

_ENTRY_RE = re.compile(r"^## (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2})?)(?: · (.*))?$")
_META_RE = re.compile(r"^(id|workbook|starred): ?(.*)$")
_WORKBOOK_RE = re.compile(r"^([a-z0-9][a-z0-9_-]*)(?: \(version ([A-Za-z0-9._-]+)\))?$")
_LEFT_WORD = LEFT_MARKER.rstrip()
_LEFT_RE = re.compile(rf"^{re.escape(_LEFT_WORD)} ?(.*)  \[([a-z0-9][a-z0-9_-]*)\]$")
_SECTION_RE = re.compile(r"^### (.*)  \[([a-z0-9][a-z0-9_-]*)\]$")
_PROMPT_RE = re.compile(r"^#### (.*)  \[([a-z0-9][a-z0-9_-]*)\]$")
_ACTION_RE = re.compile(r"^- \[(.)\] (.*)  \(([a-z0-9]{3,12})((?: · [^()]*)?)\)$")
_ID_RE = re.compile(r"^[a-z0-9]{3,16}$")
_CONFLICT_RE = re.compile(rf"^{re.escape(CONFLICT_MARKER.rstrip())} ?(.*)$")

# Which kind reads the lines under a prompt heading, by how they start.
BLOCK_KIND: Kind[Any, Any, Any] = next(k for k in KINDS if k.reads == "block")
ACTIONS_KIND: Kind[Any, Any, Any] = next(k for k in KINDS if k.reads == "actions")
BY_WORD: dict[str, Kind[Any, Any, Any]] = {
    k.reads: k for k in KINDS if k.reads not in ("block", "actions")
}
# 'word: value' lines of any kind (so a run that mixes two kinds' lines is named as such).
_VALUE_RE = re.compile(rf"^({'|'.join(map(re.escape, BY_WORD))}): ?(.*)$")
_NO_ANSWER = (
    "This prompt has no answer under it (an indented answer, "
    + ", ".join(f"'{word}:'" for word in BY_WORD)
    + " or '- [ ]' action lines)."
)


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
    format: int = 1  # what the file's first line says (1 for an empty file)
    entry_spans: dict[str, Span] = field(default_factory=dict)
    action_spans: dict[str, Span] = field(default_factory=dict)


class EntryParser:
    """Parses one entry's `lines` (the first on line `first` of the file) into `parsed`.

    Line numbers inside are the entry's own, from 0; errors and spans add `first`.
    """

    def __init__(
        self, lines: Sequence[str], first: int, path: Path | None, parsed: ParsedFile
    ) -> None:
        self.lines, self.first, self.path, self.parsed = lines, first, path, parsed
        self.end, self.at = len(lines), 0
        # The prompt whose answer is being read (see `_answer`), for kinds and errors.
        self.prompt, self.prompt_id, self.heading = "", "", 0

    def fail(self, message: str, line: int | None = None) -> JournalError:
        number = self.first + (self.at if line is None else line) + 1
        return JournalError(message, path=self.path, line=number)

    def parse(self) -> None:
        written, title = self._header()
        meta, left = self._meta()
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
        if left and workbook is None:
            raise self.fail(
                f"'{_LEFT_WORD}' names a workbook's prompt, but this entry has no "
                "'workbook:' line.",
                left[0][1],
            )

        body: str | None = None
        actions: list[Action] = []
        sections: list[SectionRecord] = []
        self._skip_blank()
        if self.at < self.end and is_block_line(self.lines[self.at]):
            body = self._block()
            self._skip_blank()
        conflicts = self._conflicts()
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
                left=tuple(item for item, _ in left),
                conflicts=conflicts,
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

    def _meta(self) -> tuple[dict[str, tuple[str, int]], list[tuple[LeftPrompt, int]]]:
        """The 'key: value' lines under the heading, each with the line it sits on, and
        the prompts left for another day (one line each, among them in any order)."""
        meta: dict[str, tuple[str, int]] = {}
        left: list[tuple[LeftPrompt, int]] = []
        while self.at < self.end:
            line = self.lines[self.at]
            if line.startswith(_LEFT_WORD):
                left.append((self._left(line, left), self.at))
                self.at += 1
                continue
            match = _META_RE.match(line)
            if not match:
                break
            if match.group(1) in meta:
                raise self.fail(f"'{match.group(1)}:' appears twice in this entry.")
            meta[match.group(1)] = (match.group(2), self.at)
            self.at += 1
        return meta, left

    def _left(self, line: str, before: list[tuple[LeftPrompt, int]]) -> LeftPrompt:
        match = _LEFT_RE.match(line)
        if not match:
            raise self.fail(
                f"A '{_LEFT_WORD}' line should read '{LEFT_MARKER}the prompt  [prompt-id]'."
            )
        prompt, prompt_id = match.groups()
        if any(item.prompt_id == prompt_id for item, _ in before):
            raise self.fail(f"The prompt '{prompt_id}' is left for another day twice.")
        return LeftPrompt(prompt_id, prompt)

    def _conflicts(self) -> tuple[Conflict, ...]:
        """The 'conflict:' parts a merge left near the top of the entry, each a line and
        the other version's words as a text block right under it."""
        found: list[Conflict] = []
        while self.at < self.end and (match := _CONFLICT_RE.match(self.lines[self.at])):
            self.at += 1
            if not (self.at < self.end and is_block_line(self.lines[self.at])):
                raise self.fail(
                    "A 'conflict:' line needs the other version's words indented under it; "
                    "if the conflict is settled, delete the line.",
                    self.at - 1,
                )
            found.append(Conflict(match.group(1), self._block()))
            self._skip_blank()
        return tuple(found)

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
        if box not in STATUS_OF:
            raise self.fail(
                f"'[{box}]' is not an action status: use '[ ]' open, '[x]' done or '[-]' dropped."
            )
        status = STATUS_OF[box]
        due: date | None = None
        at: time | None = None
        changed_on: date | None = None
        repeat: Repeat | None = None
        for part in filter(None, rest.split(" · ")):
            word, _, value = part.partition(" ")
            try:
                if word == "every":
                    repeat = self._repeat(part)
                elif word == "due":
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
        note = self._block() if self.at < self.end and is_block_line(self.lines[self.at]) else None
        try:
            action = Action(action_id, text, status, due, at, changed_on, note, repeat)
        except ValueError as exc:
            raise self.fail(f"This action is not valid: {exc}.", line_number) from None
        self.parsed.action_spans[action_id] = Span(
            self.first + line_number, self.first + self._content_end(self.at)
        )
        return action

    def _repeat(self, part: str) -> Repeat:
        """'every monday', in the words reflect writes (or any `--every` accepts)."""
        try:
            return parse_repeat(part)
        except DateError:
            raise self.fail(
                f"'{part}' is not a repeat like 'every day', 'every monday', "
                "'every 2 weeks' or 'every month'."
            ) from None

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
        match = _PROMPT_RE.match(self.lines[self.at])
        if not match:
            raise self.fail("A prompt heading should read '#### the prompt  [prompt-id]'.")
        self.prompt, self.prompt_id = match.groups()
        self.heading = self.at
        self.at += 1
        self._skip_blank()  # a blank line a person added under the prompt
        line = self.line()
        if is_block_line(line):
            kind = BLOCK_KIND
        elif line.startswith("- "):
            kind = ACTIONS_KIND
        else:
            word, colon, _ = line.partition(":")
            found = BY_WORD.get(word) if colon else None
            if found is None:
                raise self.no_answer()
            kind = found
        answer: Answer = kind.parse(self)
        return answer

    # ------------------------------------------------------------------ AnswerLines, for kinds

    def line(self) -> str:
        return self.lines[self.at] if self.at < self.end else ""

    def advance(self) -> None:
        self.at += 1

    def block(self) -> str:
        return self._block()

    def actions(self) -> tuple[Action, ...]:
        found = []
        while self.at < self.end and self.lines[self.at].startswith("- "):
            found.append(self._action())
            self._skip_blank()  # a blank line a person added between actions
        return tuple(found)

    def values(self, word: str) -> list[tuple[str, int]]:
        found: list[tuple[str, int]] = []
        words: list[str] = []
        while self.at < self.end and (value := _VALUE_RE.match(self.lines[self.at])):
            if value.group(1) not in words:
                words.append(value.group(1))
            found.append((value.group(2), self.at))
            self.at += 1
        if not words:
            raise self.no_answer()
        if words != [word]:
            named = [f"'{w}:'" for w in words]
            listed = ", ".join(named[:-1]) + " and " + named[-1]
            raise self.fail(f"A prompt's answer mixes {listed} lines.", self.heading)
        return found

    def no_answer(self) -> JournalError:
        return self.fail(_NO_ANSWER, self.heading)


def _is_separator(line: str) -> bool:
    """A blank line between parts (a bare indent is content, not a separator)."""
    return not line.strip() and not is_block_line(line)
