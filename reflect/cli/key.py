"""`reflect key ...`: the encrypted journal's key, exported for recovery or re-locked.

Only the wrapping of the key changes here (`reflect.encryption.change_passphrase`):
no month file is touched, so a change of passphrase costs one small write.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reflect.cli.common import echo, get_env, stdin_is_terminal
from reflect.cli.encryption import PassphraseFile, get_passphrase

app = typer.Typer(
    help="Your encrypted journal's key: a recovery copy, or a new passphrase.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

EXPORTED = (
    "Wrote your key to {path} (readable by you alone). Keep it somewhere safe and away "
    "from this computer: with it, `age -d -i {path} FILE.age` reads your journal."
)
CHANGED = "Your key is locked with the new passphrase now ({path}). No journal file changed."


@app.command("export")
def export(
    passphrase_file: PassphraseFile = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the key here (a new file, 0600)."
        ),
    ] = None,
) -> None:
    """Print (or write to a new file) the bare age identity, for a safe place.

    With it you, or anyone who has it, can read the journal with `age -d -i FILE`, and
    reflect can too when the passphrase is lost (`REFLECT_IDENTITY_FILE=FILE`).
    """
    from reflect.encryption import export_key
    from reflect.errors import ReflectError
    from reflect.output import write_output

    env = get_env()
    text = export_key(env.paths, get_passphrase(passphrase_file))
    if output is None:
        echo(text.rstrip("\n"))
        return
    try:
        write_output(output, [text], replace=False)
    except FileExistsError:
        raise ReflectError(
            "There is already a file here; reflect will not write a key over it.", path=output
        ) from None
    echo(EXPORTED.format(path=output))


@app.command("passphrase")
def passphrase(
    passphrase_file: PassphraseFile = None,
    new_passphrase_file: Annotated[
        Path | None,
        typer.Option(
            "--new-passphrase-file",
            metavar="FILE",
            help="Read the new passphrase from this file instead of asking.",
        ),
    ] = None,
) -> None:
    """Change the passphrase that locks your key. Only the key file is rewritten."""
    from reflect import crypt
    from reflect.encryption import change_passphrase
    from reflect.errors import EncryptionError

    env = get_env()
    old = get_passphrase(passphrase_file, what="your journal (the current one)")
    if new_passphrase_file is not None:
        new = crypt.read_passphrase_file(new_passphrase_file)
    elif stdin_is_terminal():
        new = get_passphrase(None, confirm=True, from_env=False)
    else:
        raise EncryptionError(
            "Give the new passphrase with --new-passphrase-file (or run this at a terminal). "
            "Nothing was changed."
        )
    path = change_passphrase(env.paths, old, new)
    echo(CHANGED.format(path=path))
