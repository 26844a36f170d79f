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
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from reflect.clock import in_range
from reflect.crypt import AGE, is_encrypted, seal, unseal
from reflect.errors import DraftError, InvalidAnswer, ReflectError, could_not
from reflect.fileio import atomic_write, locked, read_plain_file, remove_stale_temp_files, try_lock
from reflect.journal.model import at_second
from reflect.journal.parse import parse
from reflect.journal.render import render_file
from reflect.kinds import named
from reflect.messages import NOT_UTF8
from reflect.session import Session, StoredAnswer, check_answer
from reflect.toml_limits import MAX_NESTING, nesting_line
from reflect.workbook.models import Prompt, Workbook

DRAFT_FORMAT = 1
MAX_DRAFT_BYTES = 16 * 1024 * 1024
"""Far past any walk's answers (a long one is tens of KB); a bound so that a huge
file where a draft should be is refused, not read into memory."""
_LEFT_AS_IS = "It has been left exactly as it is."


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
        # The prompt being typed at, and its answer before (what a skip puts back).
        **({"typing": _typing_to_data(session.typing)} if session.typing else {}),
    }


def _typing_to_data(typing: tuple[str, StoredAnswer | None]) -> dict[str, Any]:
    prompt_id, before = typing
    return {"prompt": prompt_id, **({"before": _stored_to_data(before)} if before else {})}


def _stored_to_data(stored: StoredAnswer) -> dict[str, Any]:
    """One answer's table: what every answer has, its kind's facts (a scale's ends) and
    its value as the kind writes it."""
    kind = named(stored.kind)
    if kind is None:  # pragma: no cover (a session only holds answers of known kinds)
        raise DraftError(f"An answer of kind '{stored.kind}' cannot be saved.")
    return {
        "kind": stored.kind,
        "prompt": stored.prompt,
        "section": stored.section_id,
        "section_title": stored.section_title,
        **stored.facts,
        **kind.to_draft(stored.value),
    }


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
    typing = data.get("typing")
    step = session.current
    if (
        isinstance(typing, dict)
        and step is not None
        and step.prompt is not None
        and typing.get("prompt") == step.prompt.id
    ):
        raw = typing.get("before")
        before = _stored_from_data(raw) if raw else None
        # An earlier answer that no longer fits (a hand edit) is not put back by a skip.
        if before is None or _still_fits(step.prompt, before):
            session.typing = (step.prompt.id, before)
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
    kind_name = str(raw["kind"])
    kind = named(kind_name)
    if kind is None:
        raise ValueError("an answer of a kind this reflect does not know")
    return StoredAnswer(
        kind=kind_name,
        value=kind.from_draft(raw),
        prompt=str(raw["prompt"]),
        section_id=str(raw.get("section", "")),
        section_title=str(raw.get("section_title", "")),
        facts=kind.facts_from_draft(raw),
    )


def _check_usable(session: Session) -> None:
    """Save and finish a resumed session on paper now, so a hand-edited or damaged draft is
    refused when it is opened, not after someone has typed the rest of the walk. Raises
    what the real save or finish would (a bad start time, an id or a line the journal
    cannot hold, a start date at the calendar's ends)."""
    if not isinstance(session.started, datetime) or not in_range(session.started.date()):
        raise ValueError("started")
    tomli_w.dumps(session_to_draft(session, None, session.started))
    parse(render_file([session.to_entry(session.started, set())]))


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

    def __init__(self, folder: Path, journal: Path | None = None) -> None:
        self.folder = folder
        self.journal = journal

    @property
    def encrypted(self) -> bool:
        """Drafts hold answers: in an encrypted journal they are age files too (reflect.crypt)."""
        return self.journal is not None and is_encrypted(self.journal)

    def path(self, workbook_id: str) -> Path:
        return self.folder / f"{workbook_id}.toml{AGE if self.encrypted else ''}"

    def claim(self, workbook_id: str) -> WalkClaim:
        """Hold this workbook's draft for one walk, or raise DraftError when another
        walk (in another window) holds it: each saves the whole draft as its person
        types, so two at once would each save over the other's answers."""
        fd = try_lock(self.folder / f"{workbook_id}.walking")
        if fd is None:
            raise DraftError(ALREADY_WALKING)
        return WalkClaim(fd)

    def exists(self, workbook_id: str) -> bool:
        # lexists: a link or a pipe where the draft should be is "a draft" that `read`
        # then refuses by name, never a reason to start afresh over it.
        return os.path.lexists(self.path(workbook_id))

    def save(self, session: Session, workbook_path: str | None, now: datetime) -> Path:
        path = self.path(session.workbook.id)
        text = tomli_w.dumps(session_to_draft(session, workbook_path, now))
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # words in another encoding: the reader asks again
            raise DraftError(NOT_UTF8, path=path) from None
        if self.journal is not None and self.encrypted:
            data = seal(self.journal, data)  # before it touches the disk, temp file included
        with locked(self.folder):
            # A save killed half-way leaves a temp file holding someone's answers; sweep
            # them up here (under the lock, so none is another process's save in flight).
            remove_stale_temp_files(self.folder)
            atomic_write(path, data)
        return path

    def read(self, workbook_id: str) -> dict[str, Any] | None:
        """The raw draft data, or None when there is no draft.

        A draft that is a symbolic link, a named pipe or a device is refused (never
        followed, never waited on), as is one too big or too deeply nested to be
        one of ours: each names the file and leaves it exactly as it is.
        """
        path = self.path(workbook_id)
        try:
            raw = read_plain_file(path, follow_links=False, limit=MAX_DRAFT_BYTES)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise DraftError(f"{could_not('read draft', exc)} {_LEFT_AS_IS}", path=path) from None
        if path.name.endswith(AGE):
            raw = unseal(path, raw)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise DraftError(
                "Could not read this draft (it has bytes that are not UTF-8 text).", path=path
            ) from None
        line = nesting_line(text)
        if line is not None:
            raise DraftError(
                f"This draft nests too deeply: more than {MAX_NESTING} levels, which no "
                f"draft of reflect's does. {_LEFT_AS_IS}",
                path=path,
                line=line,
            )
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
        started = data.get("started")
        if isinstance(started, datetime) and not in_range(started.date()):
            # Year 1 or 9999 (a clock that was wrong, a hand edit): finishing would count
            # days past the calendar's end. Said plainly, and the draft left as it is.
            raise DraftError(
                f"This draft says it was started on {started.date().isoformat()}, a date reflect cannot "
                "work with. Correct `started` in a text editor, or move the draft aside to "
                "start afresh; the words in it are still there.",
                path=self.path(workbook.id),
            )
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
            if self.encrypted:  # and a plain one left from before encryption, if any
                (self.folder / f"{workbook_id}.toml").unlink(missing_ok=True)
