"""The encrypted journal below the command line: round trips, drafts, the marker, the key.

A bare key (REFLECT_IDENTITY_FILE) stands in for the passphrase-wrapped one where the
wrapping is not what is tested: scrypt costs a second a time, on purpose.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pyrage
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect import crypt, encryption
from reflect.drafts import DraftStore
from reflect.errors import EncryptionError, JournalError
from reflect.journal.model import Entry, new_entry_id
from reflect.journal.render import render_entry
from reflect.journal.store import JournalStore
from reflect.paths import get_paths
from reflect.session import Session
from reflect.workbook.loader import load_workbook
from tests.encryption_helpers import bare_key

NOW = datetime(2026, 11, 29, 10, 0)


@pytest.fixture
def keyed(reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty journal encrypted to a bare key; returns the key file."""
    key, public = bare_key(tmp_path / "keys")
    monkeypatch.setenv(crypt.IDENTITY_ENV, str(key))
    encryption.encrypt(get_paths(), recipient=public, identity_file=key)
    return key


# Text a person may write: any Unicode but surrogates (which the command line refuses)
# and the characters the journal format never keeps (\r, \x0b...) are its own test's.
WORDS = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\r\x0b\x0c\x1c\x1d\x1e"),
    min_size=1,
    max_size=300,
).filter(lambda t: t.strip() != "" and t == t.rstrip("\n"))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(bodies=st.lists(WORDS, min_size=1, max_size=4))
def test_words_round_trip_through_an_encrypted_month(keyed: Path, bodies: list[str]) -> None:
    store = JournalStore(get_paths().journal_dir, get_paths().cache_dir)
    entries = [Entry(new_entry_id(), NOW, body=body) for body in bodies]
    before = list(store.entries())
    added = store.add_entries(entries)
    assert [e.body for e in store.entries()][len(before) :] == [e.body for e in added]
    [month] = store.month_files()
    assert month.name == "2026-11.txt.age"
    identities = crypt.parse_identities(keyed.read_bytes(), keyed)
    text = pyrage.decrypt(month.read_bytes(), identities).decode("utf-8")
    for entry in added:
        assert render_entry(entry) in text  # the same plain format, inside the age file


def test_a_store_made_before_encryption_never_writes_plain_after_it(
    reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = get_paths()
    store = JournalStore(paths.journal_dir, paths.cache_dir)
    store.add_entry(Entry(new_entry_id(), NOW, body="before"))
    key, public = bare_key(tmp_path / "keys")
    monkeypatch.setenv(crypt.IDENTITY_ENV, str(key))
    # Another process (or a synced machine) turns encryption on meanwhile.
    encryption.encrypt(paths, recipient=public, identity_file=key)
    store.add_entry(Entry(new_entry_id(), NOW, body="after"))
    names = sorted(p.name for p in paths.journal_dir.iterdir())
    assert names == [".lock", ".reflect-encrypted", "2026-11.txt.age"]
    assert [e.body for e in store.entries()] == ["before", "after"]


@pytest.mark.parametrize(
    "marker",
    ["", "recipient: \n", "recipient: age1notakey\n", "no recipients here\n"],
    ids=["empty", "blank recipient", "not a key", "no recipient line"],
)
def test_a_marker_that_names_no_key_stops_every_write(keyed: Path, marker: str) -> None:
    paths = get_paths()
    (paths.journal_dir / crypt.MARKER_NAME).write_text(marker)
    store = JournalStore(paths.journal_dir, paths.cache_dir)
    with pytest.raises(EncryptionError, match="names no key"):
        store.add_entry(Entry(new_entry_id(), NOW, body="words"))
    assert not list(paths.journal_dir.glob("2026-*"))


def test_drafts_are_age_files_and_resume(keyed: Path, data_dir: Path) -> None:
    workbook = load_workbook(data_dir / "workbooks" / "every-kind.toml")
    session = Session(workbook, started=NOW)
    session.answer("a private thought")
    paths = get_paths()
    drafts = DraftStore(paths.drafts_dir, paths.journal_dir)
    path = drafts.save(session, None, NOW)
    assert path.name == "every-kind.toml.age"
    assert b"private thought" not in path.read_bytes()
    resumed = drafts.load(workbook)
    assert resumed is not None and resumed.answers == session.answers
    drafts.clear("every-kind")
    assert not path.exists()


def test_decrypt_turns_drafts_back_into_the_same_toml(keyed: Path, data_dir: Path) -> None:
    workbook = load_workbook(data_dir / "workbooks" / "every-kind.toml")
    session = Session(workbook, started=NOW)
    session.answer("a private thought")
    paths = get_paths()
    DraftStore(paths.drafts_dir, paths.journal_dir).save(session, None, NOW)
    done = encryption.decrypt(paths)
    assert [p.name for p in done.drafts] == ["every-kind.toml"]
    resumed = DraftStore(paths.drafts_dir, paths.journal_dir).load(workbook)
    assert resumed is not None and resumed.answers == session.answers


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a key\n",
        b"AGE-SECRET-KEY-1NOPE\n",
        b"\xff\xfe",
        b"-----BEGIN OPENSSH PRIVATE KEY-----\nxx\n",
    ],
    ids=["empty", "words", "a bad secret key", "not text", "a broken ssh key"],
)
def test_an_identity_file_that_is_not_a_key_is_named(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "key.txt"
    path.write_bytes(content)
    with pytest.raises(EncryptionError) as caught:
        crypt.parse_identities(content, path)
    assert caught.value.path == path


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("one two\n", "one two"),
        ("trailing space \n", "trailing space "),
        ("no newline", "no newline"),
        ("first\nsecond\n", "first"),
        ("windows\r\n", "windows"),
        ("ünïcödé ✓\n", "ünïcödé ✓"),
    ],
)
def test_a_passphrase_file_is_its_first_line(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "pass"
    path.write_text(content, encoding="utf-8", newline="")
    assert crypt.read_passphrase_file(path) == expected


@pytest.mark.parametrize("content", [b"", b"\n", b"\xff\xfe\n"], ids=["empty", "blank", "not text"])
def test_an_unusable_passphrase_file_is_named(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "pass"
    path.write_bytes(content)
    with pytest.raises(EncryptionError) as caught:
        crypt.read_passphrase_file(path)
    assert caught.value.path == path


def test_two_different_copies_of_a_month_stop_encrypt(keyed: Path) -> None:
    paths = get_paths()
    store = JournalStore(paths.journal_dir, paths.cache_dir)
    store.add_entry(Entry(new_entry_id(), NOW, body="encrypted words"))
    plain = paths.journal_dir / "2026-11.txt"
    plain.write_text("# reflect journal · format 1\n\n## 2026-11-02 09:00\nid: other\n\n    x\n")
    sealed = (paths.journal_dir / "2026-11.txt.age").read_bytes()
    with pytest.raises(JournalError, match="different words"):
        encryption.encrypt(paths)
    assert plain.exists() and (paths.journal_dir / "2026-11.txt.age").read_bytes() == sealed
