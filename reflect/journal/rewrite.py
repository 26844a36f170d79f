"""Changing or removing one whole entry: star, unstar, edit, delete.

Each change is made under the journal's lock on a fresh read of the entry's month
file, replaces only that entry's own lines (its span: header to last line, not the
blank lines around it), and is checked before it is written: the new file must parse,
every other entry in it must read exactly as before, and the changed entry must be
what was asked. So no edit can damage the journal: other entries stay byte for
byte, and a file that does not parse is never written to (the error names its line).

Nothing here prints, prompts or reads the clock.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reflect.errors import JournalError, ReflectError
from reflect.fileio import locked, remove_stale_temp_files
from reflect.journal.entry_parser import ParsedFile
from reflect.journal.lines import file_header
from reflect.journal.model import Action, Answer, Entry, month_key
from reflect.journal.parse import parse, with_format
from reflect.journal.render import FILE_HEADER, FORMAT_VERSION, format_needed
from reflect.journal.store import JournalStore
from reflect.kinds import kind_of


class EditError(ReflectError):
    """An edited entry that cannot replace the one in the journal (it does not parse,
    changes an id, or the entry changed meanwhile). The text is never lost: the
    command keeps it."""

    exit_code = 3


@dataclass(frozen=True)
class RawEntry:
    """One entry as it stands in its month file: the parsed entry and its exact text."""

    entry: Entry
    path: Path
    text: str  # its lines, exactly as in the file, ending with a newline


def raw_entry(store: JournalStore, entry_id: str) -> RawEntry:
    """The entry with this id (or unique prefix) and its text, as in the file."""
    entry, path = store.find_entry(entry_id)
    text = store.read_text(path)
    return RawEntry(entry, path, _span_text(text, parse(text, path), entry.id))


def _span_text(text: str, parsed: ParsedFile, entry_id: str) -> str:
    span = parsed.entry_spans[entry_id]
    return "\n".join(text.split("\n")[span.start : span.end]) + "\n"


def _rewrite(
    store: JournalStore,
    entry_id: str,
    new_lines: Callable[[RawEntry, list[str]], list[str]],
    expect: Callable[[Entry], Entry | None],
) -> tuple[Entry, Path]:
    """Replace the lines of entry `entry_id` (an exact id) with `new_lines(raw, lines)`,
    under the lock, and write the file only if it then reads as `expect(old)` says
    (None: the entry is gone) with every other entry unchanged."""
    with locked(store.folder):
        remove_stale_temp_files(store.folder)
        entry, path = store.find_entry(entry_id)
        text = store.read_text(path)
        parsed = parse(text, path)
        span = parsed.entry_spans[entry.id]
        lines = text.split("\n")
        raw = RawEntry(entry, path, "\n".join(lines[span.start : span.end]) + "\n")
        lines[span.start : span.end] = new_lines(raw, lines[span.start : span.end])
        wanted = expect(entry)
        new_text = "\n".join(lines)
        if wanted is not None:  # an edit may add what only a newer format holds
            new_text = with_format(new_text, format_needed([wanted]))
        _check(parsed, parse(new_text, path), entry.id, wanted, path)
        store.write_month(path, new_text)
    store.after_write()
    return (wanted or entry), path


def _check(
    before: ParsedFile, after: ParsedFile, entry_id: str, wanted: Entry | None, path: Path
) -> None:
    """The safety check before any write: a bug here must refuse, never damage."""
    others_before = [e for e in before.entries if e.id != entry_id]
    others_after = [e for e in after.entries if e.id != entry_id]
    changed = [e for e in after.entries if e.id == entry_id]
    if others_before != others_after or changed != ([wanted] if wanted else []):
        raise JournalError(  # pragma: no cover - a guard, not a path
            "reflect could not make this change safely, so nothing was changed.", path=path
        )


# --------------------------------------------------------------------------- star


def set_starred(store: JournalStore, entry_id: str, starred: bool) -> tuple[Entry, bool]:
    """Star or unstar an entry: only its `starred: yes` line is added or removed.

    Returns the entry and whether anything changed (starring a starred entry does not).
    """
    entry, _ = store.find_entry(entry_id)
    if entry.starred == starred:
        return entry, False

    def lines(raw: RawEntry, own: list[str]) -> list[str]:
        meta_end = 1
        while meta_end < len(own) and own[meta_end].split(":", 1)[0] in ("id", "workbook"):
            meta_end += 1
        if starred:
            return [*own[:meta_end], "starred: yes", *own[meta_end:]]
        return [line for i, line in enumerate(own) if not (i and line.startswith("starred:"))]

    updated, _ = _rewrite(
        store, entry.id, lines, lambda old: dataclasses.replace(old, starred=starred)
    )
    return updated, True


# --------------------------------------------------------------------------- delete


def delete_entry(store: JournalStore, entry_id: str) -> tuple[Entry, Path]:
    """Remove an entry from its month file, with the blank lines that separated it
    (after it, or before it for the last entry), so the file reads as if it had never
    been there. Checked as `_rewrite` checks before anything is written."""
    with locked(store.folder):
        remove_stale_temp_files(store.folder)
        entry, path = store.find_entry(entry_id)
        text = store.read_text(path)
        parsed = parse(text, path)
        span = parsed.entry_spans[entry.id]
        all_lines = text.split("\n")
        end = span.end
        while end < len(all_lines) and not all_lines[end].strip():
            end += 1
        start = span.start
        if end == len(all_lines):  # the last entry: take the blank lines before it instead
            # ... but only those between the entries: a line of spaces inside the one
            # before (an empty text is written as one) is that entry's, and stays.
            floor = max((s.end for s in parsed.entry_spans.values() if s.end <= start), default=0)
            while start > floor and not all_lines[start - 1].strip():
                start -= 1
            kept = [*all_lines[:start], ""]
        else:
            kept = [*all_lines[:start], *all_lines[end:]]
        new_text = "\n".join(kept) if len(parsed.entries) > 1 else FILE_HEADER + "\n"
        _check(parsed, parse(new_text, path), entry.id, None, path)
        store.write_month(path, new_text)
    store.after_write()
    return entry, path


# --------------------------------------------------------------------------- edit


def read_edited(text: str, original: Entry) -> Entry:
    """The entry an edited text describes, or EditError saying what is wrong, with the
    line of the edited text (counted from 1).

    Refused: text that does not parse, that holds no entry or more than one, that
    changes the entry's id, that gives an action an id the entry did not have (a
    changed id, or a new action: those are added with `reflect actions add`), or that
    moves the entry to another month (each entry lives in its month's file).
    """
    if not text.strip():
        raise EditError("The edited text is empty. To remove the entry, use `reflect delete`.")
    # Read as the newest format reads: the person may write anything any kind holds.
    document = file_header(FORMAT_VERSION) + "\n\n" + text
    try:
        parsed = parse(document)
    except JournalError as exc:
        line = f"Line {exc.line - 2} of your edit: " if exc.line else ""
        raise EditError(f"{line}{exc.message}") from None
    if len(parsed.entries) != 1:
        raise EditError(
            f"The edited text holds {len(parsed.entries)} entries; an edit changes one. "
            "Keep one '## date' heading."
        )
    edited = parsed.entries[0]
    if edited.id != original.id:
        raise EditError(
            f"The entry's id changed from '{original.id}' to '{edited.id}'. Ids are how "
            f"reflect finds an entry, so they stay: put back 'id: {original.id}'."
        )
    before = {a.id for a, _, _ in original.all_actions()}
    for action, _, _ in edited.all_actions():
        if action.id not in before:
            raise EditError(
                f"The action '{action.text}' has the id '{action.id}', which this entry did "
                "not have. Action ids stay as they are (put the old one back); a new action "
                "is added with `reflect actions add`."
            )
    if month_key(edited.written) != month_key(original.written):
        raise EditError(
            f"The date moved to another month ({edited.written:%Y-%m}). Each entry is kept "
            f"in its month's file, so keep the date in {original.written:%B %Y}."
        )
    return edited


def replace_entry(store: JournalStore, before: RawEntry, edited_text: str) -> tuple[Entry, Path]:
    """Put `edited_text` in place of the entry's lines, as the person wrote it.

    Refused (EditError) when the entry's text in the file is no longer `before.text`:
    it changed while the editor was open (an `actions done`, another edit), and
    writing now would lose that change.
    """
    edited = read_edited(edited_text, before.entry)
    new_own = edited_text.rstrip("\n").split("\n")

    def lines(raw: RawEntry, own: list[str]) -> list[str]:
        if raw.text != before.text:
            raise EditError(
                "This entry changed in the journal while you were editing it (perhaps an "
                "action was marked done), so your edit was not saved over it."
            )
        return new_own

    return _rewrite(store, before.entry.id, lines, lambda old: edited)


def describe_changes(old: Entry, new: Entry) -> str:
    """What an edit changed, in a few words: '2 answers changed, 1 action moved'."""
    parts: list[str] = []
    if old.written != new.written:
        parts.append("date changed")
    if old.title != new.title:
        parts.append("title changed")
    if old.starred != new.starred:
        parts.append("starred" if new.starred else "unstarred")
    if old.body != new.body:
        parts.append("text changed")
    # An action answer's actions are counted as actions, below: here only its prompt.
    old_answers = {(s.id, a.prompt_id): _comparable(a) for s in old.sections for a in s.answers}
    new_answers = {(s.id, a.prompt_id): _comparable(a) for s in new.sections for a in s.answers}
    _count(
        parts,
        "answer",
        "changed",
        sum(
            1
            for key, answer in new_answers.items()
            if key in old_answers and old_answers[key] != answer
        ),
    )
    _count(parts, "answer", "removed", len(old_answers.keys() - new_answers.keys()))
    _count(parts, "answer", "added", len(new_answers.keys() - old_answers.keys()))
    old_actions = {a.id: a for a, _, _ in old.all_actions()}
    new_actions = {a.id: a for a, _, _ in new.all_actions()}
    kinds: dict[str, int] = {}
    for action_id, action in new_actions.items():
        for what in _action_changes(old_actions[action_id], action):
            kinds[what] = kinds.get(what, 0) + 1
    for what, count in kinds.items():
        _count(parts, "action", what, count)
    _count(parts, "action", "removed", len(old_actions.keys() - new_actions.keys()))
    if not parts and old != new:
        parts.append("layout changed")
    return ", ".join(parts)


def _comparable(answer: Answer) -> object:
    """What counts as the answer changing: its actions are counted on their own."""
    return kind_of(answer).without_actions(answer)


def _action_changes(old: Action, new: Action) -> list[str]:
    found = []
    if old.text != new.text:
        found.append("reworded")
    if (old.due, old.at) != (new.due, new.at):
        found.append("moved")
    if old.status != new.status:
        found.append({"open": "reopened", "done": "marked done", "dropped": "dropped"}[new.status])
    elif old.changed_on != new.changed_on:
        found.append("redated")
    if old.note != new.note:
        found.append("with a changed note")
    return found


def _count(parts: list[str], noun: str, what: str, count: int) -> None:
    if count:
        parts.append(f"{count} {noun}{'' if count == 1 else 's'} {what}")
