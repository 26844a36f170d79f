"""`reflect encrypt` and `reflect decrypt`: the journal private at rest, or plain again.

The work is `reflect.encryption`'s; this module gets the passphrase (a file, or asked
at the terminal without echo) and says what was done, including, once, how to keep
a recovery copy of the key.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from reflect.cli.common import echo, get_env, stdin_is_terminal

PASSPHRASE_FILE_HELP = (
    "Read the passphrase from the first line of this file instead of asking (for scripts)."
)
PassphraseFile = Annotated[
    Path | None,
    typer.Option("--passphrase-file", metavar="FILE", help=PASSPHRASE_FILE_HELP),
]

ENCRYPTED = (
    "Encrypted {months} month file{s} and {drafts} draft{ds}. Your journal is now age files."
)
ALREADY = "Your journal was already encrypted; nothing plain was left in it."
NEW_KEY = (
    "Your key is in {key}, locked with your passphrase.\n"
    "Keep a recovery copy now, somewhere safe and away from this computer:\n"
    "    reflect key export -o reflect-key.txt\n"
    "With that file, `age -d -i reflect-key.txt FILE.age` reads any month without reflect. "
    "Without it and your passphrase, nobody can read the journal, reflect included."
)
OWN_KEY = "Encrypted to {recipient}; reflect opens it with your key file {identity}."
REMIND_NOTE = (
    "`reflect remind` keeps working without your passphrase: it reads only the dates of "
    "what you planned."
)
ALREADY_PLAIN = "Your journal is plain text already; nothing to decrypt."
DECRYPTED = (
    "Decrypted {months} month file{s} and {drafts} draft{ds}. Your journal is plain text again."
)


def register(app: typer.Typer) -> None:
    app.command("encrypt")(encrypt)
    app.command("decrypt")(decrypt)


def encrypt(
    passphrase_file: PassphraseFile = None,
    recipient: Annotated[
        str | None,
        typer.Option(
            "--recipient",
            metavar="KEY",
            help="Encrypt to this age (age1...) or SSH public key instead of a passphrase.",
        ),
    ] = None,
    identity: Annotated[
        Path | None,
        typer.Option(
            "--identity",
            metavar="FILE",
            help="With --recipient: the private key file that opens it (age or SSH).",
        ),
    ] = None,
) -> None:
    """Encrypt the journal, its drafts and the caches that hold your words, as age files.

    Each file is checked to decrypt back to the very same bytes before its plain copy
    is removed; if this is stopped part way, run it again to finish. Month files stay
    readable without reflect: `age -d -i KEY 2026-12.txt.age`. See docs/encryption.md.
    """
    from reflect import crypt, encryption

    env = get_env()
    passphrase = None
    if recipient is None:
        already = crypt.is_encrypted(env.paths.journal_dir)
        new = not already and not (env.paths.config_file.parent / crypt.IDENTITY_NAME).exists()
        passphrase = get_passphrase(passphrase_file, confirm=new)
    done = encryption.encrypt(
        env.paths, passphrase=passphrase, recipient=recipient, identity_file=identity
    )
    if not done.months and not done.drafts and not done.new_key and recipient is None:
        echo(ALREADY)
        return
    echo(ENCRYPTED.format(**_counts(done.months, done.drafts)))
    if done.new_key:
        echo(NEW_KEY.format(key=env.paths.config_file.parent / crypt.IDENTITY_NAME))
    if recipient is not None and identity is not None:
        echo(OWN_KEY.format(recipient=recipient, identity=identity.resolve()))
    echo(REMIND_NOTE)


def decrypt(passphrase_file: PassphraseFile = None) -> None:
    """Turn encryption off: every month file and draft back to plain text, checked first.

    If this is stopped part way, run it again to finish.
    """
    from reflect import crypt, encryption

    env = get_env()
    passphrase = None
    bare = crypt.can_unlock_quietly() and not passphrase_file
    key = env.paths.config_file.parent / crypt.IDENTITY_NAME
    if not bare and key.exists() and crypt.is_encrypted(env.paths.journal_dir):
        passphrase = get_passphrase(passphrase_file)
    already = not crypt.is_encrypted(env.paths.journal_dir)
    done = encryption.decrypt(env.paths, passphrase=passphrase)
    echo(ALREADY_PLAIN if already else DECRYPTED.format(**_counts(done.months, done.drafts)))


def get_passphrase(
    passphrase_file: Path | None,
    *,
    confirm: bool = False,
    what: str = "your journal",
    from_env: bool = True,
) -> str:
    """From --passphrase-file, else `REFLECT_PASSPHRASE_FILE`, else asked at the terminal
    (never echoed; twice for a new one). Raises EncryptionError when none can be had."""
    from reflect import crypt
    from reflect.errors import EncryptionError

    if passphrase_file is not None:
        return crypt.read_passphrase_file(passphrase_file)
    from_env = from_env and bool(os.environ.get(crypt.PASSPHRASE_ENV))
    if from_env or not stdin_is_terminal() or not confirm:
        return crypt.ask_passphrase(prompt=f"Passphrase for {what}: ")
    import getpass

    first = getpass.getpass(f"New passphrase for {what}: ")
    if not first:
        raise EncryptionError("An empty passphrase would protect nothing. Nothing was changed.")
    if getpass.getpass("The same passphrase again: ") != first:
        raise EncryptionError("The two passphrases were not the same. Nothing was changed.")
    return first


def _counts(months: list[Path], drafts: list[Path]) -> dict[str, object]:
    return {
        "months": len(months),
        "s": "" if len(months) == 1 else "s",
        "drafts": len(drafts),
        "ds": "" if len(drafts) == 1 else "s",
    }
