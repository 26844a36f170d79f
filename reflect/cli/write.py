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

from reflect import messages
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
        text = _from_editor(env.paths.drafts_dir) if _stdin_is_terminal() else sys.stdin.read()
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


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _from_editor(draft_folder: Path) -> str:
    """Open $VISUAL/$EDITOR on a private temp file; what is saved there becomes the entry.

    The temp file sits in reflect's own private drafts folder (0700), never /tmp,
    and its path is the only thing passed on the editor's command line.
    """
    from reflect.fileio import ensure_private_dir

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "nano"
    ensure_private_dir(draft_folder)
    fd, name = tempfile.mkstemp(prefix="write-", suffix=".txt", dir=draft_folder)
    os.close(fd)
    try:
        try:
            subprocess.run([*shlex.split(editor), name], check=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            raise ReflectError(
                f"Could not run your editor '{editor}' ({exc}). Set $EDITOR, or pass the text "
                "as an argument or through a pipe."
            ) from None
        # surrogateescape: a file saved in another encoding still reads, and is kept
        # byte for byte (not lost with the temp file) when it cannot be saved.
        return Path(name).read_text(encoding="utf-8", errors="surrogateescape")
    finally:
        Path(name).unlink(missing_ok=True)
