"""Crash safety of an encrypted journal: a kill -9 at every step of `encrypt`, `decrypt`,
a save and a change of passphrase leaves every entry readable with the old key or the
new one, never neither; running the command again finishes the job.

Exhaustive rather than random: a forked child (reflect already imported) SIGKILLs
itself just before its Nth call to the OS calls a save is made of (write, fsync,
replace, rename, unlink), for N = 1, 2, ... until a run completes; after each, the
parent reads what is on disk as a person with the key would.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pyrage
import pytest

from reflect import crypt, encryption
from reflect.journal.model import Entry, new_entry_id
from reflect.journal.parse import parse
from reflect.journal.store import JournalStore
from reflect.paths import get_paths
from tests.encryption_helpers import bare_key

CALLS = ("write", "fsync", "replace", "rename", "unlink")
MAX_POINTS = 400


def _killed_at(step: int, action: Callable[[], object]) -> bool:
    """Run `action` in a child that dies just before its `step`th OS call; True if it died."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child: counted, then killed or finished
        count = 0

        def counting(real: Callable[..., object]) -> Callable[..., object]:
            def call(*args: object, **kwargs: object) -> object:
                nonlocal count
                count += 1
                if count == step:
                    os.kill(os.getpid(), signal.SIGKILL)
                return real(*args, **kwargs)

            return call

        for name in CALLS:
            setattr(os, name, counting(getattr(os, name)))
        try:
            action()
        except BaseException:
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return True
    assert os.waitstatus_to_exitcode(status) == 0, "the command failed without a crash"
    return False


def _bodies(journal: Path, identities: list[pyrage.x25519.Identity]) -> dict[str, str]:
    """{entry id: body} of every month file, plain or age, as a person with the key reads
    them; raises (failing the test) if any file does not decrypt or parse."""
    found: dict[str, str] = {}
    for path in sorted(journal.iterdir()):
        if not path.name.startswith("20"):
            continue
        raw = path.read_bytes()
        if path.name.endswith(".age"):
            raw = pyrage.decrypt(raw, list(identities))
        for entry in parse(raw.decode("utf-8"), path).entries:
            found[entry.id] = entry.body or ""
    return found


@pytest.fixture
def journal_with_words(
    reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path, str, dict[str, str]]:
    """A plain journal of two months (a template to copy), a bare key, its public key
    and the entries."""
    key, public = bare_key(tmp_path / "keys")
    monkeypatch.setenv(crypt.IDENTITY_ENV, str(key))
    store = JournalStore(get_paths().journal_dir)
    for month in ("2026-10", "2026-11"):
        when = datetime.fromisoformat(f"{month}-03T09:00")
        store.add_entry(Entry(new_entry_id(), when, body=f"Words of {month}, kept whole."))
    template = tmp_path / "template"
    shutil.copytree(reflect_home, template)
    words = _bodies(get_paths().journal_dir, [])
    return template, key, public, words


def _fresh(template: Path, home: Path) -> None:
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(template, home)
    crypt.forget()


@pytest.mark.slow
def test_a_kill_anywhere_in_encrypt_or_decrypt_loses_no_entry(
    journal_with_words: tuple[Path, Path, str, dict[str, str]], reflect_home: Path
) -> None:
    template, key, public, words = journal_with_words
    identities = [pyrage.x25519.Identity.from_str(key.read_text().splitlines()[-1])]
    paths = get_paths()

    def encrypt() -> object:
        return encryption.encrypt(paths, recipient=public, identity_file=key)

    # Encrypted once, whole: the starting point for the kills in `decrypt`.
    _fresh(template, reflect_home)
    encrypt()
    encrypted = template.parent / "encrypted-template"
    shutil.copytree(reflect_home, encrypted)

    for start, action in ((template, encrypt), (encrypted, lambda: encryption.decrypt(paths))):
        step = 0
        while True:
            step += 1
            assert step < MAX_POINTS
            _fresh(start, reflect_home)
            if not _killed_at(step, action):
                break
            assert _bodies(paths.journal_dir, identities) == words, f"step {step}"
            action()  # run again: it finishes the job
            crypt.forget()
            assert _bodies(paths.journal_dir, identities) == words, f"step {step}, again"
            listed = JournalStore(paths.journal_dir).month_files()  # one kind of month only
            assert len(listed) == 2
        assert step > 10  # the kills really landed in the conversion


@pytest.mark.slow
def test_a_kill_anywhere_in_an_encrypted_save_keeps_the_month_readable(
    journal_with_words: tuple[Path, Path, str, dict[str, str]], reflect_home: Path
) -> None:
    template, key, public, words = journal_with_words
    identities = [pyrage.x25519.Identity.from_str(key.read_text().splitlines()[-1])]
    paths = get_paths()
    _fresh(template, reflect_home)
    encryption.encrypt(paths, recipient=public, identity_file=key)
    encrypted = template.parent / "encrypted-template"
    shutil.copytree(reflect_home, encrypted)
    entry = Entry(new_entry_id(), datetime(2026, 11, 29, 10), body="New")

    def save() -> object:
        return JournalStore(paths.journal_dir, paths.cache_dir).add_entry(entry)

    step = 0
    while True:
        step += 1
        assert step < MAX_POINTS
        _fresh(encrypted, reflect_home)
        if not _killed_at(step, save):
            break
        found = _bodies(paths.journal_dir, identities)
        assert found in (words, {**words, entry.id: "New"}), f"step {step}"
        assert not list(paths.journal_dir.glob("*.txt"))  # never a plain month
    assert _bodies(paths.journal_dir, identities) == {**words, entry.id: "New"}


@pytest.mark.slow
def test_a_kill_anywhere_in_a_passphrase_change_keeps_the_key(
    reflect_home: Path, tmp_path: Path
) -> None:
    paths = get_paths()
    store = JournalStore(paths.journal_dir)
    store.add_entry(Entry(new_entry_id(), datetime(2026, 11, 3, 9), body="x"))
    encryption.encrypt(paths, passphrase="old one")
    wrapped = reflect_home / crypt.IDENTITY_NAME
    identity = crypt.unwrap(wrapped.read_bytes(), "old one", wrapped)
    template = tmp_path / "template"
    shutil.copytree(reflect_home, template)

    step = 0
    while True:
        step += 1
        assert step < 50
        _fresh(template, reflect_home)
        if not _killed_at(step, lambda: encryption.change_passphrase(paths, "old one", "new one")):
            break
        raw = wrapped.read_bytes()
        opened = None
        for passphrase in ("old one", "new one"):  # the old wrapping, or the new one
            with contextlib.suppress(pyrage.DecryptError):
                opened = pyrage.passphrase.decrypt(raw, passphrase)
                break
        assert opened == identity, f"step {step}"
    assert crypt.unwrap(wrapped.read_bytes(), "new one", wrapped) == identity
