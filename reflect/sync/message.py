"""Commit messages that say what changed, read from the journal itself.

`git log` on a synced journal should read like a diary's contents page:
"Weekly wellbeing check-in, 3 Dec", "Done: Phone Sam", not "update". The
subject names the first change (and how many more); the body lists each.
The message never quotes what someone wrote at length: only titles, action text
and an untitled note's first words, which `reflect journal` and `reflect actions`
show in a list anyway (and the repository holds the journal itself). Of an
encrypted month it says only that it changed: a commit message is plain text.
"""

from __future__ import annotations

from pathlib import Path

from reflect.dates import day_month
from reflect.errors import JournalError
from reflect.journal.model import Action, Entry
from reflect.journal.parse import parse

SUBJECT_WIDTH = 72


def describe(changes: list[tuple[str, str | None, str | None]]) -> str:
    """A commit message for changed files: (path in the repository, old text, new text),
    a text being None where the file did not exist."""
    lines: list[str] = []
    for name, old, new in sorted(changes):
        lines += _describe_file(name, old, new)
    if not lines:
        return "Journal changes"
    subject = lines[0]
    if len(lines) > 1:
        subject += f" (and {len(lines) - 1} more)"
    if len(subject) > SUBJECT_WIDTH:
        subject = subject[: SUBJECT_WIDTH - 1] + "…"
    body = "\n".join(f"- {line}" for line in lines) if len(lines) > 1 else ""
    return subject + ("\n\n" + body if body else "")


def _describe_file(name: str, old: str | None, new: str | None) -> list[str]:
    path = Path(name)
    if path.suffix == ".age" and _is_month(path.with_suffix("")):
        verb = "Removed" if new is None else "Added" if old is None else "Changed"
        return [f"{verb} {path.name} (encrypted, so not described)"]
    if not _is_month(path):
        verb = "Removed" if new is None else "Added" if old is None else "Changed"
        return [f"{verb} {name}"]
    try:
        before = {e.id: e for e in parse(old or "").entries}
        after = parse(new or "").entries
    except JournalError:
        return [f"Changed {path.name} (it does not read as a journal right now)"]
    lines = [_new_entry(e) for e in after if e.id not in before]
    for entry in after:
        if entry.id in before and before[entry.id] != entry:
            lines += _entry_changes(before[entry.id], entry)
    kept = {e.id for e in after}
    lines += [f"Removed: {_entry_name(e)}" for e in before.values() if e.id not in kept]
    return lines


def _is_month(path: Path) -> bool:
    stem = path.stem
    return (
        path.suffix == ".txt"
        and len(stem) == 7
        and stem[4] == "-"
        and stem.replace("-", "").isdigit()
    )


def _entry_name(entry: Entry) -> str:
    title = entry.title or _first_words(entry.first_line()) or "A note"
    return f"{title}, {day_month(entry.written.date())}"


def _new_entry(entry: Entry) -> str:
    """'Weekly wellbeing check-in, 3 Dec'; actions added on their own are named by the
    first action ('Planned: Phone Sam, 3 Dec')."""
    if entry.workbook is None and entry.body is None and entry.actions and not entry.sections:
        return f"Planned: {entry.actions[0].text}, {day_month(entry.written.date())}"
    return _entry_name(entry)


def _first_words(line: str, width: int = 40) -> str:
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def _entry_changes(before: Entry, after: Entry) -> list[str]:
    old = {a.id: a for a, _, _ in before.all_actions()}
    lines = []
    for action, _, _ in after.all_actions():
        was = old.get(action.id)
        if was is None:
            lines.append(f"Planned: {action.text}")
        elif was != action:
            lines.append(_action_change(was, action))
    if not lines:
        lines.append(f"Edited: {_entry_name(after)}")
    return lines


def _action_change(was: Action, now: Action) -> str:
    if now.status != was.status:
        return {"done": "Done", "dropped": "Dropped", "open": "Reopened"}[
            now.status
        ] + f": {now.text}"
    if (now.due, now.at) != (was.due, was.at):
        if now.due is None:
            return f"No date now: {now.text}"
        return f"Moved to {day_month(now.due)}: {now.text}"
    if now.note != was.note:
        return f"Noted how it went: {now.text}"
    return f"Edited: {now.text}"
