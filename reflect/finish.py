"""Finishing a walk: its draft becomes one journal entry, exactly once.

Beside the drafts (`reflect.drafts`) rather than in them: finishing is the journal's
side of a walk. It looks for an earlier copy of the entry in every month file (a
finish may have been cut off after writing), takes it only if it holds the draft's
words, and clears the draft only once the words read back from the journal.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reflect.drafts import DraftStore
from reflect.errors import JournalError
from reflect.journal.model import Entry, new_entry_id
from reflect.journal.store import JournalStore
from reflect.kinds.action import ActionAnswer
from reflect.session import Session


def finish_session(
    session: Session,
    store: JournalStore,
    drafts: DraftStore,
    now: datetime,
    *,
    workbook_path: str | None = None,
) -> tuple[Entry, Path]:
    """Write the session's journal entry once, then clear its draft.

    Both front ends finish through here. A crash between the write and clearing
    the draft leaves a draft whose entry (same id) is already in the journal:
    finishing it again returns that entry instead of writing it twice. An entry
    with the draft's id that does not hold the draft's words (a hand-edited draft,
    an id reused) is never taken for it: the words are saved as a new entry, under
    a new id. The draft is cleared only once its words are read back from the
    journal; otherwise a JournalError says so and the draft stays.

    Costs the same on ten years of journal as on a new one: the new actions' ids
    come from the store's action index (`JournalStore.action_ids`); the search for
    an earlier copy (`written_before`) reads every month file's bytes but parses
    only one that names the id.
    """
    found = written_before(session.entry_id, store)
    if found is not None and holds_words(found[0], session):
        drafts.clear(session.workbook.id)
        return found
    if found is not None:
        # The id is taken by other words: give this walk a new one, in the draft first,
        # so a crash after the write below is recognised when the walk is resumed.
        session.entry_id = _unused_entry_id(store)
        drafts.save(session, workbook_path, now)
    entry = session.to_entry(now, store.action_ids())
    path = store.add_entry(entry)
    written = next((e for e in store.read_file(path).entries if e.id == entry.id), None)
    if written is None or not holds_words(written, session):
        raise JournalError(
            f"Your answers could not be read back from the journal after saving (entry "
            f"{entry.id}), so they are still in the draft. Nothing was lost.",
            path=path,
        )
    drafts.clear(session.workbook.id)
    return written, path


def _unused_entry_id(store: JournalStore) -> str:
    while True:
        entry_id = new_entry_id()
        if written_before(entry_id, store) is None:
            return entry_id


def holds_words(entry: Entry, session: Session) -> bool:
    """Whether `entry` holds every answer of `session`, word for word.

    Actions are matched by their words alone: since the entry was written, its
    actions may have been done, dropped, moved to another day or given a note. Any
    other answer must be there exactly, in the same section and prompt.
    """
    have = _words(entry)
    return all(item in have for item in _words(session.to_entry(entry.written, set())))


def _words(entry: Entry) -> list[object]:
    words: list[object] = []
    for section in entry.sections:
        for answer in section.answers:
            if isinstance(answer, ActionAnswer):
                texts = tuple(a.text for a in answer.actions)
                words.append((section.id, answer.prompt_id, answer.prompt, texts))
            else:
                words.append((section.id, answer))
    return words


def written_before(entry_id: str, store: JournalStore) -> tuple[Entry, Path] | None:
    """The entry with this id, wherever it is in the journal, or None.

    An earlier finish may have dated its entry at any time, in any month file (a
    clock put back, a walk paused for a year), so every month file is looked in:
    through the entry-id cache when the store has a cache folder (a stat per month
    file: `reflect.journal.entry_index`), otherwise by a search of each file's
    bytes for the id line. Only a file that names the id is parsed.
    """
    if store.cache_dir is not None:
        from reflect.journal.entry_index import files_with_entry

        names = files_with_entry(store.folder, store.cache_dir, entry_id)
        candidates = [store.folder / name for name in names]
    else:
        marker = f"id: {entry_id}".encode()
        candidates = [p for p in reversed(store.month_files()) if marker in _bytes_of(p)]
    for path in candidates:
        for entry in store.read_file(path).entries:
            if entry.id == entry_id:
                return entry, path
    return None


def _bytes_of(path: Path) -> bytes:
    if path.name.endswith(".age"):
        from reflect.journal.months import read_month_text

        return read_month_text(path).encode("utf-8")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""
    except OSError as exc:
        raise JournalError(f"Could not read this file ({exc.strerror}).", path=path) from None
