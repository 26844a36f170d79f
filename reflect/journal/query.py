"""The read side of the journal: listing entries with filters, and searching their text.

Used by `reflect journal`, `reflect search`, `reflect export` and the TUI's journal
screen, which all drive it the same way. Queries read only the month files they
need: a date range skips files by their names (`2026-11.txt` holds November 2026),
`limit` reads the newest files first and stops once it has enough, and a plain-text
search skips any file, then any entry, whose raw text cannot contain the words
before parsing it (so a damaged entry is reported by a search only when the words
may be in it; every other reading command reports it always).

Nothing here prints or reads the clock.
"""

from __future__ import annotations

import re
from calendar import isleap
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from reflect.errors import PatternError
from reflect.journal.model import Entry, month_key
from reflect.journal.parse import parse
from reflect.journal.prefilter import may_contain
from reflect.journal.store import JournalStore
from reflect.journal.tags import has_tags
from reflect.kinds import kind_of

FREE_FORM = "free-form"


@dataclass(frozen=True)
class Filters:
    """Which entries a query (or an export) is about. Every part is optional.

    `since` and `until` are inclusive days. `workbook` is a workbook id, or
    "free-form" for entries written without one. `entry_ids` keeps only those
    entries; `section_ids` keeps only those sections of each entry and drops
    everything else in it (its text, loose actions and the prompts it left for
    another day too), so sharing one section shares nothing more. `starred` keeps
    only starred entries; `tags` only those with every one of these tags (names, see
    reflect.journal.tags), or with any of them when `any_tag`. `on_this_day` keeps
    entries written on that day's date (day and month) in earlier years; on 28
    February of a year without a 29th, the 29ths of leap years too.
    """

    since: date | None = None
    until: date | None = None
    workbook: str | None = None
    entry_ids: frozenset[str] = field(default_factory=frozenset)
    section_ids: frozenset[str] = field(default_factory=frozenset)
    starred: bool = False
    tags: frozenset[str] = field(default_factory=frozenset)
    any_tag: bool = False
    on_this_day: date | None = None

    def month_wanted(self, key: str) -> bool:
        """Whether a month file ('2026-11') can hold an entry in the date range."""
        if self.since is not None and key < month_key(self.since):
            return False
        if self.on_this_day is not None and (
            key[5:] != f"{self.on_this_day.month:02d}" or key >= month_key(self.on_this_day)
        ):
            return False
        return not (self.until is not None and key > month_key(self.until))

    def _on_the_day(self, day: date) -> bool:
        target = self.on_this_day
        assert target is not None
        if day.year >= target.year or day.month != target.month:
            return False
        if day.day == target.day:
            return True
        # 28 Feb in a year without a 29th is also the day of the 29ths.
        return (target.month, target.day, day.day) == (2, 28, 29) and not isleap(target.year)

    def keep(self, entry: Entry) -> Entry | None:
        """The part of `entry` these filters let through, or None."""
        day = entry.written.date()
        if self.since is not None and day < self.since:
            return None
        if self.until is not None and day > self.until:
            return None
        if self.workbook is not None and (entry.workbook or FREE_FORM) != self.workbook:
            return None
        if self.entry_ids and entry.id not in self.entry_ids:
            return None
        if self.starred and not entry.starred:
            return None
        if self.on_this_day is not None and not self._on_the_day(day):
            return None
        if self.tags and not has_tags(entry, self.tags, any_of=self.any_tag):
            return None
        if self.section_ids:
            sections = tuple(s for s in entry.sections if s.id in self.section_ids)
            if not sections:
                return None
            return replace(entry, body=None, actions=(), sections=sections, left=())
        return entry


def month_files(store: JournalStore, filters: Filters, *, newest_first: bool) -> list[Path]:
    """The month files a query must read, named `YYYY-MM.txt` (`.txt.age`), in reading order."""
    from reflect.journal.months import month_of

    files = [path for path in store.month_files() if filters.month_wanted(month_of(path))]
    return files[::-1] if newest_first else files


def iter_entries(
    store: JournalStore,
    filters: Filters | None = None,
    *,
    newest_first: bool = True,
    files: Sequence[Path] | None = None,
) -> Iterator[Entry]:
    """Matching entries in date order, one month file in memory at a time.

    Within a file entries are sorted by when they were written (an import or a hand
    edit may have left them out of order). `files`: only these month files (in the
    order given), rather than every one the filters could want.
    """
    filters = filters or Filters()
    if files is None:
        files = month_files(store, filters, newest_first=newest_first)
    for path in files:
        entries = sorted(store.read_file(path).entries, key=lambda e: e.written)
        for entry in reversed(entries) if newest_first else entries:
            kept = filters.keep(entry)
            if kept is not None:
                yield kept


def split_by_size(files: Sequence[Path], sizes: Sequence[int], parts: int) -> list[list[Path]]:
    """`files` (of `sizes` bytes) cut into at most `parts` runs that follow one another,
    each about as many bytes as the others (so as much work to read), none empty."""
    share = sum(sizes) / max(1, parts)
    runs: list[list[Path]] = [[]]
    filled = 0
    for path, size in zip(files, sizes, strict=True):
        if runs[-1] and filled + size / 2 > share * len(runs) and len(runs) < parts:
            runs.append([])
        runs[-1].append(path)
        filled += size
    return runs if runs[0] else []


def list_entries(
    store: JournalStore,
    *,
    since: date | None = None,
    until: date | None = None,
    workbook: str | None = None,
    limit: int | None = None,
    newest_first: bool = True,
    filters: Filters | None = None,
) -> list[Entry]:
    """Entries newest first (by default), at most `limit` of them.

    With a limit, newest first, only the newest month files are read. `filters`, when
    given, says everything else (`since`, `until` and `workbook` are then unused).
    """
    found: list[Entry] = []
    if limit is not None and limit <= 0:
        return found
    if filters is None:
        filters = Filters(since=since, until=until, workbook=workbook)
    for entry in iter_entries(store, filters, newest_first=newest_first):
        found.append(entry)
        if limit is not None and len(found) >= limit:
            break
    return found


# --------------------------------------------------------------------------- search


@dataclass(frozen=True)
class Hit:
    """One line of an entry that matched: where it sits, the line, and the matched spans.

    `where` is a short label for a person ("Text", "What's behind that number?",
    "Action"); `spans` are (start, end) character offsets into `line`, in order and
    never overlapping, ready for a highlight (rich's `Text.stylize`, a TUI widget).
    """

    where: str
    line: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Match:
    """An entry with at least one matching line."""

    entry: Entry
    hits: tuple[Hit, ...]


class _Term:
    """One thing to look for: case-insensitive words (Unicode casefolding, so 'STRASSE'
    finds 'Straße'), or a regular expression (case-insensitive)."""

    def __init__(self, text: str, *, regex: bool) -> None:
        if not text:
            raise PatternError("Give some words to search for.")
        self.text = text
        self.regex: re.Pattern[str] | None = None
        if regex:
            try:
                self.regex = re.compile(text, re.IGNORECASE)
            except re.error as exc:
                raise PatternError(
                    f"I couldn't read {text!r} as a regular expression ({exc}). "
                    "Leave out --regex to search for the words as they are."
                ) from None
            if self.regex.search("") is not None:
                raise PatternError(
                    f"The regular expression {text!r} matches empty text, so it would "
                    "match everything. Make it match at least one character."
                )
        self.folded = text.casefold()

    def might_be_in(self, raw: str) -> bool:
        """A cheap test on a month file or a field's text: False means no line in it can match.

        Every line of every searched field appears in the raw file verbatim (after a
        marker or an indent), and casefolding works character by character, so a
        literal phrase absent from the folded file text is absent from every field.
        A regular expression could be anchored to a field's start, so it always says
        maybe.
        """
        return self.regex is not None or may_contain(raw, self.folded)

    def spans(self, line: str) -> tuple[tuple[int, int], ...]:
        if self.regex is not None:
            return tuple(m.span() for m in self.regex.finditer(line) if m.end() > m.start())
        if self.folded not in line.casefold():
            return ()
        return _folded_spans(line, self.folded)


class Pattern:
    """What to look for: one or more terms, every one of which must appear in an entry
    (anywhere in it, in any order), as `reflect search quiet day` means.

    A term is one argument as the shell passed it, so `reflect search "quiet day"`
    is one term, the exact phrase. Each term is case-insensitive words (Unicode
    casefolding) or, with `regex`, a regular expression.
    """

    def __init__(self, text: str | Sequence[str], *, regex: bool = False) -> None:
        texts = [text] if isinstance(text, str) else list(text)
        if not texts:
            raise PatternError("Give some words to search for.")
        self.terms = [_Term(part, regex=regex) for part in texts]
        self.text = " ".join(texts)

    def might_be_in(self, raw: str) -> bool:
        """False means no line of `raw` (a field's text) can match any term."""
        return any(term.might_be_in(raw) for term in self.terms)

    def may_hold_all(self, raw: str) -> bool:
        """False means `raw` (a month file, an entry) cannot hold every term."""
        return all(term.might_be_in(raw) for term in self.terms)

    def spans(self, line: str) -> tuple[tuple[int, int], ...]:
        """Where any term matches in `line`, in order, overlapping matches merged."""
        if len(self.terms) == 1:
            return self.terms[0].spans(line)
        found = sorted(span for term in self.terms for span in term.spans(line))
        merged: list[tuple[int, int]] = []
        for start, end in found:
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return tuple(merged)

    def all_found(self, lines: Iterable[str]) -> bool:
        """Whether every term matches somewhere in `lines`."""
        missing = set(range(len(self.terms)))
        for line in lines:
            missing -= {i for i in missing if self.terms[i].spans(line)}
            if not missing:
                return True
        return not missing


def _folded_spans(line: str, needle: str) -> tuple[tuple[int, int], ...]:
    """Where the casefolded `needle` occurs in `line`, as spans of the original line.

    Casefolding can change a string's length ('ß' folds to 'ss'), so each folded
    character remembers which original character it came from. When the length does
    not change (nearly always), every character folded to exactly one, and offsets in
    the folded line are offsets in the line: the quick path.
    """
    whole = line.casefold()
    if len(whole) == len(line):
        quick: list[tuple[int, int]] = []
        start = whole.find(needle)
        while start != -1:
            quick.append((start, start + len(needle)))
            start = whole.find(needle, start + len(needle))
        return tuple(quick)
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(line):
        for part in char.casefold():
            folded.append(part)
            origin.append(index)
    haystack = "".join(folded)
    spans: list[tuple[int, int]] = []
    start = haystack.find(needle)
    while start != -1:
        begin, end = origin[start], origin[start + len(needle) - 1] + 1
        if not spans or begin >= spans[-1][1]:
            spans.append((begin, end))
        start = haystack.find(needle, start + len(needle))
    return tuple(spans)


def searchable(entry: Entry) -> Iterator[tuple[str, str]]:
    """(label, text) for everything a person wrote in `entry`.

    Prompts and section titles are the workbook's words, not the person's, so they
    are not searched: 'feeling' should find what someone felt, not every check-in.
    """
    if entry.title:
        yield "Title", entry.title
    if entry.body:
        yield "Text", entry.body
    for conflict in entry.conflicts:
        yield "Conflict", conflict.text  # words a merge kept from another device
    for section in entry.sections:
        for answer in section.answers:
            for text in kind_of(answer).searchable(answer):
                yield answer.prompt, text
    for action, _, _ in entry.all_actions():
        yield "Action", action.text
        if action.note:
            yield "Note", action.note


def match_entry(entry: Entry, pattern: Pattern) -> Match | None:
    """The entry's matching lines, or None."""
    hits = [
        Hit(label, line, spans)
        for label, text in searchable(entry)
        if pattern.might_be_in(text)  # most fields are passed over without a look at a line
        for line in text.split("\n")
        if (spans := pattern.spans(line))
    ]
    if not hits:
        return None
    if len(pattern.terms) > 1 and not pattern.all_found(hit.line for hit in hits):
        return None
    return Match(entry, tuple(hits))


def search(
    store: JournalStore,
    pattern: str | Sequence[str] | Pattern,
    *,
    regex: bool = False,
    filters: Filters | None = None,
    limit: int | None = None,
) -> Iterator[Match]:
    """Entries whose words match, newest first, lazily: stop iterating to stop reading.

    Raises PatternError for an empty or unreadable pattern before reading anything.
    """
    if not isinstance(pattern, Pattern):
        pattern = Pattern(pattern, regex=regex)
    filters = filters or Filters()
    found = 0
    for path in month_files(store, filters, newest_first=True):
        raw = store.read_text(path)
        if not pattern.may_hold_all(raw):
            continue
        # Only the entries that may hold the words are read: in ten years of daily
        # notes a word is in a few dozen, and reading is nearly all of a search.
        read = parse(raw, path, wanted=pattern.may_hold_all)
        entries = sorted(read.entries, key=lambda e: e.written, reverse=True)
        for entry in entries:
            kept = filters.keep(entry)
            if kept is None:
                continue
            match = match_entry(kept, pattern)
            if match is not None:
                yield match
                found += 1
                if limit is not None and found >= limit:
                    return
