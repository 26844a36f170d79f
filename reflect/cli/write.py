"""`reflect write`: a free-form entry, like a page in a notebook."""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from reflect import clock, messages
from reflect.cli import common
from reflect.cli.common import echo, get_env
from reflect.errors import ReflectError
from reflect.journal.model import Entry, at_second, new_entry_id
from reflect.terminal import is_utf8


def register(app: typer.Typer) -> None:
    app.command("write")(write)


def write(
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[TEXT]...",
            help="What to write (quoted or not: `reflect write a quiet day`). "
            "Without it: piped input, or your $EDITOR.",
        ),
    ] = None,
) -> None:
    """Write a free-form entry: from the arguments, from piped input, or in your $EDITOR."""
    env = get_env()
    # Several words are joined with a space, as jrnl does; one argument is kept exactly.
    text = " ".join(words) if words else None
    if text is None:
        text = (
            _from_editor(env.paths.drafts_dir, env.paths.journal_dir)
            if common.stdin_is_terminal()
            else sys.stdin.read()
        )
        text = (
            text.removesuffix("\n") if text.endswith("\n") and not text.endswith("\n\n") else text
        )
    if not text.strip():
        echo("Nothing written, so nothing saved.", err=True)
        raise typer.Exit(1)
    entry = Entry(new_entry_id(), at_second(env.now), body=text)
    if not is_utf8(text):  # piped or edited in another encoding: kept, not changed
        kept = _keep_words(env.paths.drafts_dir, entry, env.paths.journal_dir)
        hint = messages.NOT_UTF8_KEPT.format(path=kept) if kept is not None else None
        raise ReflectError(messages.NOT_UTF8, hint=hint)
    try:
        path = env.store.add_entry(entry)
    except ReflectError as exc:
        kept = _keep_words(env.paths.drafts_dir, entry, env.paths.journal_dir)
        if kept is not None:
            exc.hint = (exc.hint + "\n" if exc.hint else "") + f"Your words are kept in {kept}."
        raise
    echo(f"Saved to {path} (entry {entry.id}).")


def _keep_words(draft_folder: Path, entry: Entry, journal: Path | None = None) -> Path | None:
    """When the journal cannot take the entry (a damaged month file, a full disk), keep the
    words in a private file: typed in an editor or piped in, they exist nowhere else.

    In an encrypted journal they are kept as an age file (`write-ID.txt.age`), which needs
    only the public key in the journal's marker, not the passphrase: a wrong passphrase
    does not leave the words in plain text. Only when even that cannot be done (the
    marker itself damaged) are they kept plain: lost words would be worse.
    """
    from reflect import crypt
    from reflect.fileio import atomic_write, locked

    # surrogateescape: bytes that were not UTF-8 go back exactly as they came.
    data = (entry.body or "").encode("utf-8", "surrogateescape")
    path = draft_folder / f"write-{entry.id}.txt"
    if journal is not None and crypt.is_encrypted(journal):
        with contextlib.suppress(ReflectError):  # kept plain: see above
            data, path = crypt.seal(journal, data), path.with_name(path.name + crypt.AGE)
    try:
        with locked(draft_folder):
            atomic_write(path, data)
    except ReflectError:
        return None  # the same fault (a full disk): the error already says what happened
    return path


def _edit_folder(draft_folder: Path, journal: Path) -> Path:
    """Where the editor's file goes: the drafts folder, or for an encrypted journal
    `$XDG_RUNTIME_DIR/reflect` (memory-backed, 0700, emptied at log-out), so the words
    being typed never sit in plain text on the disk. Without it, says so first."""
    from reflect import crypt

    if not crypt.is_encrypted(journal):
        return draft_folder
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.path.isabs(runtime) and os.path.isdir(runtime):
        return Path(runtime) / "reflect"
    echo(messages.EDITOR_ON_DISK.format(folder=draft_folder), err=True)
    return draft_folder


def _from_editor(draft_folder: Path, journal: Path | None = None) -> str:
    """Open $VISUAL/$EDITOR on a private temp file; what is saved there becomes the entry.

    The temp file sits in reflect's own private drafts folder (0700), never /tmp,
    and its path is the only thing passed on the editor's command line. When the
    editor fails after words were saved in it (it exits with an error, is killed,
    or reflect is stopped with Ctrl-C meanwhile), the words are kept in the drafts
    folder and the message says where: they were typed once, and exist nowhere else.
    """
    from reflect.fileio import ensure_private_dir

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "nano"
    try:
        command = shlex.split(editor)
    except ValueError:  # an unclosed quote
        command = []
    if not command:
        raise ReflectError(messages.EDITOR_UNREADABLE.format(editor=editor))
    edit_folder = draft_folder if journal is None else _edit_folder(draft_folder, journal)
    ensure_private_dir(edit_folder)
    fd, name = tempfile.mkstemp(prefix="write-", suffix=".txt", dir=edit_folder)
    os.close(fd)
    temp = Path(name)
    try:
        try:
            done = subprocess.run([*command, name], check=False)
        except OSError as exc:  # not found, not a program: it never ran, so nothing to keep
            raise ReflectError(
                messages.EDITOR_NOT_RUN.format(editor=editor, reason=exc.strerror or exc)
            ) from None
        except KeyboardInterrupt:
            kept = _keep_edited(temp, draft_folder, journal)
            if kept is not None:
                echo(_kept_words(kept), err=True)
            raise
        if done.returncode != 0:
            how = (
                messages.EDITOR_KILLED.format(signal=_signal_name(-done.returncode))
                if done.returncode < 0
                else messages.EDITOR_EXIT.format(code=done.returncode)
            )
            kept = _keep_edited(temp, draft_folder, journal)
            raise ReflectError(
                messages.EDITOR_FAILED.format(editor=editor, how=how),
                hint=_kept_words(kept) if kept is not None else None,
            )
        return _read_edited(temp)
    finally:
        temp.unlink(missing_ok=True)


def _read_edited(temp: Path) -> str:
    """What the editor saved. surrogateescape: a file saved in another encoding still
    reads, and is kept byte for byte (not lost with the temp file) when it cannot be
    saved. An editor that removed the file saved nothing."""
    try:
        return temp.read_text(encoding="utf-8", errors="surrogateescape")
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise ReflectError(f"Could not read what your editor saved ({exc.strerror}).") from None


def _keep_edited(temp: Path, draft_folder: Path, journal: Path | None = None) -> Path | None:
    """Keep what a failed editor saved (as `_keep_words` keeps words the journal could not
    take); None when it saved nothing. If even that write fails, the temp file itself is
    left where it is, private in the drafts folder, and named instead."""
    try:
        text = _read_edited(temp)
    except ReflectError:
        text = ""
    if not text.strip():
        return None
    entry = Entry(new_entry_id(), at_second(clock.now()), body=text)
    kept = _keep_words(draft_folder, entry, journal)
    if kept is None:
        kept = temp.with_name(f"write-kept-{os.urandom(4).hex()}.txt")
        try:
            temp.rename(kept)
        except OSError:
            return None
    return kept


def _kept_words(path: Path) -> str:
    return messages.EDITOR_WORDS_KEPT.format(path=path, quoted=shlex.quote(str(path)))


def _signal_name(number: int) -> str:
    import signal

    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
