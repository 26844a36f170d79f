"""`reflect write`: a free-form entry, like a page in a notebook."""

from __future__ import annotations

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
    text: Annotated[
        str | None,
        typer.Argument(help="What to write. Without it: piped input, or your $EDITOR."),
    ] = None,
) -> None:
    """Write a free-form entry: from the argument, from piped input, or in your $EDITOR."""
    env = get_env()
    if text is None:
        text = (
            _from_editor(env.paths.drafts_dir) if common.stdin_is_terminal() else sys.stdin.read()
        )
        text = (
            text.removesuffix("\n") if text.endswith("\n") and not text.endswith("\n\n") else text
        )
    if not text.strip():
        echo("Nothing written, so nothing saved.", err=True)
        raise typer.Exit(1)
    entry = Entry(new_entry_id(), at_second(env.now), body=text)
    if not is_utf8(text):  # piped or edited in another encoding: kept, not changed
        kept = _keep_words(env.paths.drafts_dir, entry)
        hint = messages.NOT_UTF8_KEPT.format(path=kept) if kept is not None else None
        raise ReflectError(messages.NOT_UTF8, hint=hint)
    try:
        path = env.store.add_entry(entry)
    except ReflectError as exc:
        kept = _keep_words(env.paths.drafts_dir, entry)
        if kept is not None:
            exc.hint = (exc.hint + "\n" if exc.hint else "") + f"Your words are kept in {kept}."
        raise
    echo(f"Saved to {path} (entry {entry.id}).")


def _keep_words(draft_folder: Path, entry: Entry) -> Path | None:
    """When the journal cannot take the entry (a damaged month file, a full disk), keep the
    words in a private file: typed in an editor or piped in, they exist nowhere else."""
    from reflect.fileio import atomic_write, locked

    path = draft_folder / f"write-{entry.id}.txt"
    try:
        with locked(draft_folder):
            # surrogateescape: bytes that were not UTF-8 go back exactly as they came.
            atomic_write(path, (entry.body or "").encode("utf-8", "surrogateescape"))
    except ReflectError:
        return None  # the same fault (a full disk): the error already says what happened
    return path


def _from_editor(draft_folder: Path) -> str:
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
    ensure_private_dir(draft_folder)
    fd, name = tempfile.mkstemp(prefix="write-", suffix=".txt", dir=draft_folder)
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
            kept = _keep_edited(temp, draft_folder)
            if kept is not None:
                echo(_kept_words(kept), err=True)
            raise
        if done.returncode != 0:
            how = (
                messages.EDITOR_KILLED.format(signal=_signal_name(-done.returncode))
                if done.returncode < 0
                else messages.EDITOR_EXIT.format(code=done.returncode)
            )
            kept = _keep_edited(temp, draft_folder)
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


def _keep_edited(temp: Path, draft_folder: Path) -> Path | None:
    """Keep what a failed editor saved (as `_keep_words` keeps words the journal could not
    take); None when it saved nothing. If even that write fails, the temp file itself is
    left where it is, private in the drafts folder, and named instead."""
    try:
        text = _read_edited(temp)
    except ReflectError:
        text = ""
    if not text.strip():
        return None
    kept = _keep_words(draft_folder, Entry(new_entry_id(), at_second(clock.now()), body=text))
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
