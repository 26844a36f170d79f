"""Helpers for the encrypted-journal tests: a journal with words in it, encrypted.

scrypt (age's passphrase wrapping) costs about a second each time by design, so the
tests that need a passphrase-wrapped key copy one journal encrypted once per worker
(`encrypted_template`), and the tests that only need age files use a bare key
(`bare_key`), which costs nothing to open.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyrage
from typer.testing import CliRunner, Result

from reflect import crypt
from reflect.cli.main import app

PASSPHRASE = "a long walk by the canal"
WORDS = ("Saw a heron by the canal.", "Phone Sam about the walking group")


def reflect(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input)


def passphrase_file(folder: Path, passphrase: str = PASSPHRASE, name: str = "pass") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(passphrase + "\n", encoding="utf-8")
    return path


def write_words(home: Path) -> None:
    """A free-form entry and an action due today, as a person would leave them."""
    assert reflect("write", WORDS[0]).exit_code == 0
    added = reflect("actions", "add", WORDS[1], "--due", "today")
    assert added.exit_code == 0, added.output


def encrypt_with_passphrase(home: Path) -> Path:
    """Encrypt `home`'s journal with PASSPHRASE; returns the passphrase file."""
    secret = passphrase_file(home.parent / "secrets")
    result = reflect("encrypt", "--passphrase-file", str(secret))
    assert result.exit_code == 0, result.output
    crypt.forget()
    return secret


def copy_home(template: Path, home: Path) -> None:
    shutil.copytree(template, home, symlinks=True)


def bare_key(folder: Path) -> tuple[Path, str]:
    """A bare age identity file (as `age-keygen` writes one) and its public key."""
    identity = pyrage.x25519.Identity.generate()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "key.txt"
    public = str(identity.to_public())
    path.write_text(f"# public key: {public}\n{identity}\n", encoding="ascii")
    return path, public


def files_under(home: Path) -> dict[str, bytes]:
    """Every file reflect keeps but the derived caches and lock files, by relative path."""
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and p.name != ".lock" and p.relative_to(home).parts[0] != "cache"
    }
