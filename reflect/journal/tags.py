"""Tags: words starting with `#` or `@` in what a person wrote, as jrnl has them.

The rule (docs/journal-format.md, "Tags"), chosen so that ordinary writing is not
mistaken for tags:

- a tag is `#` or `@` followed by a name that starts with a letter and goes on with
  letters, digits, `_` and `-`: `#walk`, `@sam`, `#work-life`, `#goals2026`, `#散歩`,
  but not `#1`, `#42` or `@3pm` (numbers and times);
- it starts a word: at the start of a line, or after a space or an opening bracket
  or quote. So `sam@example.com`, `https://example.com/#top`, `C#` and `a@b` hold no
  tag, and neither does a Markdown heading (`# Title`, `## Title`: the `#`s are
  followed by a space);
- the name ends at the first other character: `#walk.` and `(#walk)` are `walk`;
- case does not matter: `#Walk` and `@walk` are the same tag, `walk`.

Tags are read from the person's own words (the entry's title and text, text answers,
list items, action texts and their notes), never from a workbook's prompts or
options. Nothing is stored: the words are the tags, so editing the text edits them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from reflect.journal.model import Entry
from reflect.kinds import kind_of

_TAG = re.compile(r"""(?:(?<=[\s(\[{"'])|^)[#@]([^\W\d_][\w-]*)""", re.MULTILINE)


def tag_name(text: str) -> str:
    """What a person types after `--tag`, as the tag it means: `#Walk`, `@walk` -> `walk`."""
    return text.strip().lstrip("#@").casefold()


def tags_in(text: str) -> Iterator[tuple[str, str]]:
    """Each tag in `text`, in order: (name, as written), e.g. ('walk', '#Walk')."""
    if "#" not in text and "@" not in text:
        return  # nearly every line: no regular expression needed
    for match in _TAG.finditer(text):
        name = match.group(1).rstrip("-")
        yield name.casefold(), match.group(0)[0] + name


def written_words(entry: Entry) -> Iterator[str]:
    """The texts of `entry` that are the person's own words (where tags may be)."""
    if entry.title:
        yield entry.title
    if entry.body:
        yield entry.body
    for section in entry.sections:
        for answer in section.answers:
            yield from kind_of(answer).own_words(answer)
    for action, _, _ in entry.all_actions():
        yield action.text
        if action.note:
            yield action.note


def entry_tags(entry: Entry) -> list[str]:
    """The entry's tags (names), each once, in the order first written."""
    seen: dict[str, None] = {}
    for text in written_words(entry):
        for name, _ in tags_in(text):
            seen.setdefault(name, None)
    return list(seen)


def written_tags(entry: Entry) -> list[str]:
    """The entry's tags as first written (`#Walk`, `@sam`), each once, in order."""
    seen: dict[str, str] = {}
    for text in written_words(entry):
        for name, written in tags_in(text):
            seen.setdefault(name, written)
    return list(seen.values())


def count_tags(entries: Iterable[Entry]) -> list[tuple[str, int]]:
    """(tag as most often written, number of entries with it), most used first, then by name."""
    entries_with: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for entry in entries:
        names: set[str] = set()
        for text in written_words(entry):
            for name, written in tags_in(text):
                names.add(name)
                spellings.setdefault(name, Counter())[written] += 1
        entries_with.update(names)
    ordered = sorted(entries_with.items(), key=lambda item: (-item[1], item[0]))
    return [(_shown(spellings[name]), count) for name, count in ordered]


def _shown(spellings: Counter[str]) -> str:
    """The spelling written most; between equals, lower case, then the first in order."""
    return min(spellings, key=lambda written: (-spellings[written], written != written.lower()))


def has_tags(entry: Entry, wanted: frozenset[str], *, any_of: bool) -> bool:
    """Whether `entry` has every tag in `wanted` (or, with `any_of`, at least one)."""
    mine = set(entry_tags(entry))
    return bool(mine & wanted) if any_of else wanted <= mine
