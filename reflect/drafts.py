"""Paused walks: drafts saved on every answer, so nothing typed is ever lost.

A draft is a small TOML file per workbook (`drafts/<id>.toml`), private and
written atomically like the journal. It names the step the walk stopped at by
section and prompt id (not by number), so a draft survives a new version of
its workbook: answers whose prompt still exists are kept in place, the others
are carried into the finished entry rather than dropped.
"""

from __future__ import annotations

import os
import tomllib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import tomli_w

from reflect.errors import DraftError, JournalError, ReflectError, could_not
from reflect.fileio import atomic_write, locked, remove_stale_temp_files, try_lock
from reflect.journal.format import parse, render_file
from reflect.journal.model import Entry, at_second, month_key
from reflect.journal.months import MONTH_FILE
from reflect.journal.store import JournalStore
from reflect.messages import NOT_UTF8
from reflect.session import (
    AnswerValue,
    InvalidAnswer,
    PlannedAction,
    Session,
    StoredAnswer,
    check_answer,
)
from reflect.workbook.models import Prompt, Workbook

DRAFT_FORMAT = 1


def session_to_draft(session: Session, workbook_path: str | None, now: datetime) -> dict[str, Any]:
    """Plain data for tomli-w: everything needed to carry on exactly where the walk stopped."""
    step = session.current
    return {
        "format": DRAFT_FORMAT,
        "workbook": session.workbook.id,
        "version": session.workbook.version,
        "workbook_path": workbook_path or "",
        "entry_id": session.entry_id,
        "started": at_second(session.started),
        "updated": at_second(now),
        "at": step.key if step else "end",
        "history": [session.step_at(i).key for i in session.history],
        "skipped_sections": list(session.skipped_sections),
        "answers": {pid: _stored_to_data(stored) for pid, stored in session.answers.items()},
        # Kept apart from `answers`: after a kind change an orphan and a new answer share
        # a prompt id, and one table keyed by id would silently lose the orphan.
        "orphans": {pid: _stored_to_data(stored) for pid, stored in session.orphans.items()},
    }


def _stored_to_data(stored: StoredAnswer) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": stored.kind,
        "prompt": stored.prompt,
        "section": stored.section_id,
        "section_title": stored.section_title,
    }
    if stored.kind == "scale":
        data["low"], data["high"] = stored.low, stored.high
    if stored.kind == "action" and isinstance(stored.value, list):
        data["actions"] = [
            _planned_to_data(p) for p in stored.value if isinstance(p, PlannedAction)
        ]
    else:
        data["value"] = stored.value
    return data


def _planned_to_data(planned: PlannedAction) -> dict[str, Any]:
    data: dict[str, Any] = {"text": planned.text}
    if planned.due is not None:
        data["due"] = planned.due
    if planned.at is not None:
        data["at"] = planned.at
    return data


def session_from_draft(workbook: Workbook, data: dict[str, Any]) -> Session:
    """Rebuild a session. Answers whose prompt no longer exists (the workbook changed) are kept
    as orphans, shown in the finished entry rather than dropped. Raises KeyError/TypeError/
    ValueError on a damaged draft (the caller turns that into a DraftError)."""
    session = Session(
        workbook=workbook,
        started=data["started"],
        entry_id=str(data["entry_id"]),
        skipped_sections=[str(s) for s in data.get("skipped_sections", [])],
    )
    prompts = {p.id: p for _, _, p in session.steps if p is not None}
    # Answers first, then earlier orphans: an orphan whose prompt is back (same id and
    # kind, answer still valid, not answered anew) returns to its place.
    saved = [*dict(data.get("answers", {})).items(), *dict(data.get("orphans", {})).items()]
    for prompt_id, raw in saved:
        stored = _stored_from_data(raw)
        prompt = prompts.get(prompt_id)
        if prompt_id not in session.answers and _still_fits(prompt, stored):
            session.answers[prompt_id] = stored
        else:
            session.orphans[prompt_id] = stored
    keys = [session.step_at(i).key for i in range(len(session.steps))]
    at = str(data.get("at", ""))
    if at in keys:
        session.position = keys.index(at)
    elif at == "end":
        session.position = len(keys)
    else:
        # The step it paused at is gone (a new version): carry on at the first prompt
        # still unanswered rather than walking every answered one again.
        session.position = next(
            (i for i, (_, _, p) in enumerate(session.steps) if p and p.id not in session.answers),
            len(keys),
        )
    session.history = [keys.index(k) for k in data.get("history", []) if k in keys]
    return session


def _still_fits(prompt: Prompt | None, stored: StoredAnswer) -> bool:
    """Whether a saved answer still belongs to this prompt: same kind, and still a valid
    answer (a scale's range or a choice's options may have changed)."""
    if prompt is None or prompt.kind != stored.kind:
        return False
    try:
        check_answer(prompt, stored.value)
    except InvalidAnswer:
        return False
    return True


def _stored_from_data(raw: dict[str, Any]) -> StoredAnswer:
    kind = str(raw["kind"])
    value: AnswerValue
    if kind == "action":
        value = [
            PlannedAction(str(a["text"]), a.get("due"), a.get("at")) for a in raw.get("actions", [])
        ]
    elif kind == "scale":
        value = int(raw["value"])
    elif kind in ("checklist", "list"):
        value = [_text(v) for v in raw["value"]]
    else:
        value = _text(raw["value"])
    return StoredAnswer(
        kind=kind,
        value=value,
        prompt=str(raw["prompt"]),
        section_id=str(raw.get("section", "")),
        section_title=str(raw.get("section_title", "")),
        low=int(raw.get("low", 0)),
        high=int(raw.get("high", 10)),
    )


def _check_usable(session: Session) -> None:
    """Save and finish a resumed session on paper now, so a hand-edited or damaged draft is
    refused when it is opened, not after someone has typed the rest of the walk. Raises
    what the real save or finish would (a bad start time, an id or a line the journal
    cannot hold)."""
    tomli_w.dumps(session_to_draft(session, None, session.started))
    parse(render_file([session.to_entry(session.started, set())]))


def _text(value: object) -> str:
    """A saved string, refused (not turned into "['words']") when a hand edit changed its type."""
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


ALREADY_WALKING = (
    "You have this workbook open in another reflect window. Carry on there, or pause "
    "it there (ctrl+q, or :pause) and start it again here: two walks of one workbook "
    "would save over each other's answers."
)


class WalkClaim:
    """A workbook's draft, held by one walk until `release` (or the process ends)."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing lets go of the lock
            self._fd = None

    def __enter__(self) -> WalkClaim:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


class DraftStore:
    """The drafts folder: one file per workbook with a walk in progress."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, workbook_id: str) -> Path:
        return self.folder / f"{workbook_id}.toml"

    def claim(self, workbook_id: str) -> WalkClaim:
        """Hold this workbook's draft for one walk, or raise DraftError when another
        walk (in another window) holds it: each saves the whole draft as its person
        types, so two at once would each save over the other's answers."""
        fd = try_lock(self.folder / f"{workbook_id}.walking")
        if fd is None:
            raise DraftError(ALREADY_WALKING)
        return WalkClaim(fd)

    def exists(self, workbook_id: str) -> bool:
        return self.path(workbook_id).is_file()

    def save(self, session: Session, workbook_path: str | None, now: datetime) -> Path:
        path = self.path(session.workbook.id)
        text = tomli_w.dumps(session_to_draft(session, workbook_path, now))
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # words in another encoding: the reader asks again
            raise DraftError(NOT_UTF8, path=path) from None
        with locked(self.folder):
            # A save killed half-way leaves a temp file holding someone's answers; sweep
            # them up here (under the lock, so none is another process's save in flight).
            remove_stale_temp_files(self.folder)
            atomic_write(path, data)
        return path

    def read(self, workbook_id: str) -> dict[str, Any] | None:
        """The raw draft data, or None when there is no draft."""
        path = self.path(workbook_id)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise DraftError(could_not("read draft", exc), path=path) from None
        except UnicodeDecodeError:
            raise DraftError(
                "Could not read this draft (it has bytes that are not UTF-8 text).", path=path
            ) from None
        try:
            return tomllib.loads(text)
        except (tomllib.TOMLDecodeError, RecursionError) as exc:
            reason = str(exc) if isinstance(exc, tomllib.TOMLDecodeError) else "it nests too deeply"
            raise DraftError(
                f"This draft is damaged ({reason}). Move it aside to start afresh; "
                "the words in it are still readable in a text editor.",
                path=path,
            ) from None

    def load(self, workbook: Workbook) -> Session | None:
        data = self.read(workbook.id)
        if data is None:
            return None
        try:
            session = session_from_draft(workbook, data)
            _check_usable(session)
            return session
        except (KeyError, TypeError, ValueError, AttributeError, ReflectError) as exc:
            # Name a missing key, but never quote a bad value: it may be someone's words
            # (int("my words") puts them in its message).
            problem = (
                f"is missing its '{exc.args[0]}' field"
                if isinstance(exc, KeyError)
                else "has a value reflect cannot read"
            )
            raise DraftError(
                f"This draft {problem}. Move it aside to start afresh; the words in it are "
                "still readable in a text editor.",
                path=self.path(workbook.id),
            ) from None

    def progress(self, workbook_id: str) -> tuple[int, datetime | None] | None:
        """(answers given, last saved) for listings, without needing the workbook."""
        try:
            data = self.read(workbook_id)
        except DraftError:
            return None
        if data is None:
            return None
        updated = data.get("updated")
        return len(data.get("answers", {})), updated if isinstance(updated, datetime) else None

    def clear(self, workbook_id: str) -> None:
        with locked(self.folder):
            self.path(workbook_id).unlink(missing_ok=True)


def finish_session(
    session: Session, store: JournalStore, drafts: DraftStore, now: datetime
) -> tuple[Entry, Path]:
    """Write the session's journal entry once, then clear its draft.

    Both front ends finish through here. A crash between the write and clearing
    the draft leaves a draft whose entry (same id) is already in the journal:
    finishing it again returns that entry instead of writing it twice.

    Costs the same on ten years of journal as on a new one: the new actions' ids
    come from the store's action index (`JournalStore.action_ids`), and an earlier
    copy of the entry is looked for only where it can be (`_written_before`).
    """
    found = _written_before(session, store)
    if found is not None:
        entry, path = found
    else:
        entry = session.to_entry(now, store.action_ids())
        path = store.add_entry(entry)
    drafts.clear(session.workbook.id)
    return entry, path


def _written_before(session: Session, store: JournalStore) -> tuple[Entry, Path] | None:
    """The entry an earlier finish of this session wrote, if a crash kept its draft.

    An entry is dated when it is finished, so that copy is in the month the walk
    started or a later one: only those month files are read (with one month more
    before, should the clock have been put back over a month's end), not every
    file of a ten-year journal, which `store.find_entry` would read (~70-190 ms).
    """
    earliest = f"{month_key(session.started.replace(day=1) - timedelta(days=1))}.txt"
    try:
        names = sorted(os.listdir(store.folder), reverse=True)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise JournalError(could_not("read folder", exc), path=store.folder) from None
    for name in names:
        if not MONTH_FILE.match(name):
            continue
        if name < earliest:
            break  # newest first: every month file after this one is older still
        path = store.folder / name
        if not path.is_file() or f"id: {session.entry_id}" not in store.read_text(path):
            continue  # cheap pre-check before parsing, as find_entry does
        for entry in store.read_file(path).entries:
            if entry.id == session.entry_id:
                return entry, path
    return None
