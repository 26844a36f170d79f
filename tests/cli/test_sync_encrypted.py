"""Sync of an encrypted journal: the merge driver and conflict copies work in memory.

Both devices open the journal with one bare age key (REFLECT_IDENTITY_FILE), which
costs nothing to unlock; the passphrase path is the same code after `unlock`. What
is checked beyond the plain sync: the month files stay age files on both devices,
git never holds a word of them in plain text (not in a blob, not in a commit
message), and a sync tool's copy of an age month is merged like a plain one.
"""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from reflect import crypt
from reflect.crypt import IDENTITY_ENV
from reflect.journal.model import Entry
from reflect.journal.render import render_file
from tests.cli.sync_helpers import bare_remote, git, isolate_git, ok, on
from tests.encryption_helpers import bare_key

WORDS = ["Heron on the towpath.", "Desktop: a quiet morning.", "Laptop: rain all day."]


@pytest.fixture(autouse=True)
def _key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    isolate_git(tmp_path, monkeypatch)
    key, public = bare_key(tmp_path / "key")
    monkeypatch.setenv(IDENTITY_ENV, str(key))
    crypt.forget()
    return public


def _encrypted(home: Path, public: str) -> None:
    ok(home, "encrypt", "--recipient", public, "--identity", str(Path(_identity())))


def _identity() -> str:
    import os

    return os.environ[IDENTITY_ENV]


def _bodies(home: Path) -> list[str]:
    """Every entry's text, read through reflect (which decrypts)."""
    exported = json.loads(ok(home, "export", "--format", "json").stdout)
    return [entry["body"] for entry in exported["entries"]]


def _all_git_text(home: Path) -> str:
    """Every commit message and every blob git holds, as text."""
    log = git(home, "log", "--all", "--format=%B")
    blobs = git(home, "rev-list", "--all", "--objects").split("\n")
    shown = [
        subprocess.run(
            ["git", "-C", str(home), "cat-file", "-p", line.split()[0]],
            capture_output=True,
            check=False,
        ).stdout.decode("utf-8", "replace")
        for line in blobs
        if line.strip()
    ]
    return log + "\n".join(shown)


def _two_devices(tmp_path: Path, public: str) -> tuple[Path, Path]:
    """A laptop with an encrypted journal, and a desktop that got it through `remote`."""
    remote = bare_remote(tmp_path)
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    ok(laptop, "write", WORDS[0])
    _encrypted(laptop, public)
    ok(laptop, "sync", "init", "--remote", str(remote))
    ok(laptop, "sync")
    ok(desktop, "sync", "init", "--remote", str(remote))
    ok(desktop, "sync")  # the encrypted journal arrives, marker and all
    assert (desktop / "journal" / "2026-11.txt.age").exists()
    return laptop, desktop


def test_two_devices_merge_an_encrypted_month_by_entry(tmp_path: Path, _key: str) -> None:
    laptop, desktop = _two_devices(tmp_path, _key)

    ok(desktop, "write", WORDS[1], now="2026-11-29T11:00:00")
    ok(laptop, "write", WORDS[2], now="2026-11-29T12:00:00")
    ok(desktop, "sync")
    assert "Merged what your other devices saved" in ok(laptop, "sync").stdout  # the driver
    ok(desktop, "sync")

    for home in (laptop, desktop):
        assert sorted(_bodies(home)) == sorted(WORDS)  # each entry once
        months = sorted(p.name for p in (home / "journal").glob("2026-*"))
        assert months == ["2026-11.txt.age"]  # still one age file, never a plain one
        stored = _all_git_text(home)
        assert not any(words in stored for words in WORDS)
        assert "2026-11.txt.age (encrypted, so not described)" in stored
    assert (laptop / "journal" / "2026-11.txt.age").read_bytes().startswith(b"age-encryption")


def test_a_merge_without_the_key_stops_and_changes_nothing(tmp_path: Path, _key: str) -> None:
    laptop, desktop = _two_devices(tmp_path, _key)
    ok(desktop, "write", WORDS[1], now="2026-11-29T11:00:00")
    ok(desktop, "sync")
    ok(laptop, "write", WORDS[2], now="2026-11-29T12:00:00")
    before = (laptop / "journal" / "2026-11.txt.age").read_bytes()
    key = Path(_identity())
    key.rename(key.with_name("put-away.txt"))  # this device has lost its key
    crypt.forget()
    result = on(laptop, "sync")
    assert result.exit_code != 0
    assert "reflect:" in result.stderr and "Traceback" not in result.output
    assert (laptop / "journal" / "2026-11.txt.age").read_bytes() == before
    assert not (laptop / ".git" / "MERGE_HEAD").exists()


@pytest.mark.parametrize(
    "name",
    [
        "2026-11.txt.sync-conflict-20261203-101010-ABCDEFG.age",  # Syncthing, before .age
        "2026-11 (conflicted copy 2026-12-03 101010).txt.age",
        "2026-11 2.txt.age",
    ],
)
def test_a_copy_of_an_encrypted_month_is_merged_in_memory(
    reflect_home: Path, _key: str, name: str
) -> None:
    ok(reflect_home, "write", WORDS[0])
    _encrypted(reflect_home, _key)
    journal = reflect_home / "journal"
    other = Entry("cccccccc", datetime(2026, 11, 4, 9, 0), body=WORDS[1])
    (journal / name).write_bytes(crypt.seal(journal, render_file([other]).encode()))
    result = ok(reflect_home, "sync")
    assert f"Merged {name} into 2026-11.txt.age: 1 entry added, 0 changed." in result.stdout
    month = journal / "2026-11.txt.age"
    assert month.read_bytes().startswith(b"age-encryption")
    assert WORDS[1].encode() not in month.read_bytes()
    assert sorted(_bodies(reflect_home)) == sorted(WORDS[:2])
    assert (journal / ".merged" / name).exists()
