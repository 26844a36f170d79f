"""`reflect star`, `unstar`, `edit` and `delete`: changing one entry as a whole.

The changes themselves (under the lock, other entries byte for byte untouched) are
in reflect.journal.rewrite; here are the editor, the questions and the words.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from reflect.cli.common import Env, echo, get_env
from reflect.cli.reading import lookup_entry
from reflect.errors import ReflectError
from reflect.journal.model import Entry
from reflect.messages import NOT_UTF8
from reflect.terminal import is_utf8


def complete_entry_ids(incomplete: str) -> list[str]:
    """Entry ids for shell completion (imported only when Tab is pressed)."""
    from reflect.cli.completion import entry_ids

    return entry_ids(incomplete)


EntryId = Annotated[
    str,
    typer.Argument(
        metavar="ENTRY_ID",
        help="The entry's id, or enough of its start to be the only one.",
        autocompletion=complete_entry_ids,
    ),
]

STARRED = "Starred {id} ({what})."
UNSTARRED = "Unstarred {id} ({what})."
ALREADY_STARRED = "{id} ({what}) is already starred."
NOT_STARRED = "{id} ({what}) was not starred."
DELETE_ASK = "Delete this entry from your journal? It cannot be undone here. [y/N] "
DELETED = "Deleted {id} ({what}) from {path}."
NOT_DELETED = "Nothing deleted."
DELETE_NEEDS_YES = (
    "Nothing deleted: I ask before deleting, and there is no one here to answer. "
    "Pass --yes to delete without asking."
)
EDIT_UNCHANGED = "No changes, so nothing was saved."
EDIT_SAVED = "Saved {id}: {what}."
EDIT_AGAIN = "[e] edit again, [k] keep your text in drafts and stop? "
EDIT_KEPT = "Your edited text is kept in {path}; the entry in your journal is as it was."


def register(app: typer.Typer) -> None:
    app.command("star")(star)
    app.command("unstar")(unstar)
    app.command("edit")(edit)
    app.command("delete")(delete)


def _what(entry: Entry) -> str:
    """A few words that say which entry this is: its date and first line."""
    first = entry.first_line() or entry.title
    first = first if len(first) <= 40 else first[:39] + "…"
    return f"{entry.written:%Y-%m-%d %H:%M}" + (f", {first}" if first else "")


def star(entry_id: EntryId) -> None:
    """Star an entry, to find it again with `reflect journal --starred`."""
    _star(entry_id, starred=True)


def unstar(entry_id: EntryId) -> None:
    """Take the star off an entry."""
    _star(entry_id, starred=False)


def _star(entry_id: str, *, starred: bool) -> None:
    from reflect.journal.rewrite import set_starred

    env = get_env()
    entry, _ = lookup_entry(env.store, entry_id)
    updated, changed = set_starred(env.store, entry.id, starred)
    if changed:
        said = STARRED if starred else UNSTARRED
    else:
        said = ALREADY_STARRED if starred else NOT_STARRED
    echo(said.format(id=updated.id, what=_what(updated)))


def delete(
    entry_id: EntryId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")] = False,
) -> None:
    """Delete one entry from your journal, after asking (--yes for scripts).

    Deleted means gone from the journal's month file. A copy may still be in places
    reflect does not control: git history, a sync folder's other devices, a backup.
    """
    from reflect.journal.rewrite import delete_entry

    env = get_env()
    entry, _ = lookup_entry(env.store, entry_id)
    if not yes:
        echo(f"{entry.id}  {_what(entry)}")
        counts = _contents(entry)
        if counts:
            echo(f"  ({counts})")
        typer.echo(DELETE_ASK, nl=False)
        line = sys.stdin.readline()
        if not line:  # no one to answer (a script without --yes): never a yes
            echo()
            echo(DELETE_NEEDS_YES, err=True)
            raise typer.Exit(1)
        if line.strip().lower() not in ("y", "yes"):
            echo(NOT_DELETED)
            raise typer.Exit(1)
    removed, path = delete_entry(env.store, entry.id)
    echo(DELETED.format(id=removed.id, what=_what(removed), path=path))


def _contents(entry: Entry) -> str:
    answers = sum(len(s.answers) for s in entry.sections)
    actions = len(entry.all_actions())
    parts = []
    if answers:
        parts.append(f"{answers} answer{'s' if answers != 1 else ''}")
    if actions:
        parts.append(f"{actions} action{'s' if actions != 1 else ''}")
    return ", ".join(parts)


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


# --------------------------------------------------------------------------- edit


def edit(entry_id: EntryId) -> None:
    """Edit one entry in your $VISUAL or $EDITOR, as its text in the journal.

    When you save and quit, the text is read back: if it reads as an entry, it replaces
    the old one (every other entry is left exactly as it was) and what changed is
    summed up. If it does not, you can edit again, or keep your text in drafts. The
    entry's id and its actions' ids stay as they are.
    """
    from reflect.journal.rewrite import (
        EditError,
        describe_changes,
        raw_entry,
        read_edited,
        replace_entry,
    )

    env = get_env()
    entry, _ = lookup_entry(env.store, entry_id)
    before = raw_entry(env.store, entry.id)
    text = before.text
    while True:
        text = _run_editor(env, entry.id, text)
        if text == before.text:
            echo(EDIT_UNCHANGED)
            return
        try:
            if not is_utf8(text):
                raise EditError(NOT_UTF8)
            edited = read_edited(text, before.entry)
            replace_entry(env.store, before, text)
        except EditError as exc:
            echo(f"reflect: {exc}", err=True)
            if "changed in the journal" not in exc.message and _ask_edit_again():
                continue
            kept = _keep(env, entry.id, text)
            raise EditError(EDIT_KEPT.format(path=kept)) from None
        except ReflectError as exc:
            kept = _keep(env, entry.id, text)
            exc.hint = (exc.hint + "\n" if exc.hint else "") + EDIT_KEPT.format(path=kept)
            raise
        echo(EDIT_SAVED.format(id=entry.id, what=describe_changes(before.entry, edited)))
        return


def _ask_edit_again() -> bool:
    """At a terminal, ask; a script gets its text kept in drafts."""
    if not _stdin_is_terminal():
        return False
    typer.echo(EDIT_AGAIN, nl=False)
    line = sys.stdin.readline()
    if not line:  # the input ended: keep the text, never loop
        echo()
        return False
    return line.strip().lower() in ("e", "edit", "")


def _run_editor(env: Env, entry_id: str, text: str) -> str:
    """Open $VISUAL/$EDITOR on a private temp file holding `text`; return what was saved.

    The temp file sits in reflect's private drafts folder (0700), never /tmp. If the
    editor cannot run or fails, whatever was saved is kept in drafts (the words exist
    nowhere else) and the entry is left as it was.
    """
    # subprocess and tempfile (~5 ms, tempfile brings random): only `edit` needs them,
    # and `journal`/`show` import this module for their completion of ids.
    import shlex
    import subprocess
    import tempfile

    from reflect.cli.write import _edit_folder
    from reflect.fileio import ensure_private_dir

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "nano"
    # Encrypted journal: the plain text goes where it never reaches the disk, if it can.
    folder = _edit_folder(env.paths.drafts_dir, env.store.folder)
    ensure_private_dir(folder)
    fd, name = tempfile.mkstemp(prefix=f"edit-{entry_id}-", suffix=".txt", dir=folder)
    with os.fdopen(fd, "wb") as handle:
        handle.write(text.encode("utf-8"))
    try:
        try:
            subprocess.run([*shlex.split(editor), name], check=True)
        except (OSError, subprocess.CalledProcessError, ValueError) as exc:
            why = (
                f"it stopped with status {exc.returncode}"
                if isinstance(exc, subprocess.CalledProcessError)
                else str(exc)
            )
            saved = _read(Path(name))
            hint = None
            if saved is not None and saved != text:
                hint = EDIT_KEPT.format(path=_keep(env, entry_id, saved))
            raise ReflectError(
                f"Your editor '{editor}' did not finish ({why}). The entry was not changed. "
                "Set $VISUAL or $EDITOR to the editor you use.",
                hint=hint,
            ) from None
        saved = _read(Path(name))
        if saved is None:
            raise ReflectError("Your editor left no file behind, so nothing was changed.")
        return saved
    finally:
        Path(name).unlink(missing_ok=True)


def _read(path: Path) -> str | None:
    try:
        # surrogateescape: a file saved in another encoding is still kept byte for byte.
        return path.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return None


def _keep(env: Env, entry_id: str, text: str) -> Path:
    """Keep edited text in a private drafts file, never over an earlier one. In an
    encrypted journal it is kept sealed (`edit-ID.txt.age`, which needs only the
    journal's public key), as `reflect write` keeps its words."""
    from reflect import crypt
    from reflect.fileio import atomic_write, ensure_private_dir, locked

    folder = env.paths.drafts_dir
    data = text.encode("utf-8", "surrogateescape")
    suffix = ".txt"
    if crypt.is_encrypted(env.store.folder):
        data, suffix = crypt.seal(env.store.folder, data), ".txt" + crypt.AGE
    ensure_private_dir(folder)
    with locked(folder):
        path = folder / f"edit-{entry_id}{suffix}"
        number = 1
        while path.exists():
            number += 1
            path = folder / f"edit-{entry_id}-{number}{suffix}"
        atomic_write(path, data)
    return path
