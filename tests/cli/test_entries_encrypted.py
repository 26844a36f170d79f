"""`reflect star`, `unstar`, `delete` and `edit` on an ENCRYPTED journal: each works as on a
plain one, month files stay age files, and no word of the journal (old or newly typed)
is ever left in plain text under reflect's folders or in the editor's folder."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reflect import crypt
from tests.encryption_helpers import WORDS, copy_home, passphrase_file, reflect

NEW_WORDS = "A kingfisher, blue as anything"


@pytest.fixture
def home(
    encrypted_template: Path, reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    copy_home(encrypted_template, reflect_home)
    monkeypatch.setenv("REFLECT_PASSPHRASE_FILE", str(passphrase_file(tmp_path / "secret")))
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    yield reflect_home
    crypt.forget()


def _entries() -> list[dict[str, object]]:
    result = reflect("journal", "--json")
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def _free_form_id() -> str:
    return next(str(e["id"]) for e in _entries() if e["body"] and WORDS[0] in str(e["body"]))


def _plain_anywhere(*folders: Path) -> list[str]:
    """Files under `folders` holding a journal word (or the new one) in plain text."""
    needles = [w.encode() for w in (*WORDS, "heron", NEW_WORDS, "starred: yes")]
    return [
        str(p)
        for folder in folders
        for p in folder.rglob("*")
        if p.is_file() and any(n in p.read_bytes() for n in needles)
    ]


def _month_files(home: Path) -> list[str]:
    return sorted(p.name for p in (home / "journal").iterdir() if p.name[:1].isdigit())


def _editor(folder: Path, script: str) -> str:
    path = folder / "editor"
    path.write_text(
        f"#!{sys.executable}\nimport sys, pathlib\npath = pathlib.Path(sys.argv[1])\n"
        f"text = path.read_text(encoding='utf-8')\n{script}\n",
        encoding="utf-8",
    )
    path.chmod(0o700)
    return str(path)


@pytest.mark.parametrize("command", ["star", "unstar"])
def test_star_and_unstar_keep_the_journal_sealed(home: Path, tmp_path: Path, command: str) -> None:
    entry_id = _free_form_id()
    months = _month_files(home)
    if command == "unstar":
        assert reflect("star", entry_id).exit_code == 0
    result = reflect(command, entry_id)
    assert result.exit_code == 0, result.output
    starred = next(e["starred"] for e in _entries() if e["id"] == entry_id)
    assert starred is (command == "star")
    assert _month_files(home) == months
    assert all(name.endswith(".txt.age") for name in months)
    assert _plain_anywhere(home, tmp_path / "run") == []


def test_delete_keeps_the_journal_sealed(home: Path, tmp_path: Path) -> None:
    entry_id = _free_form_id()
    result = reflect("delete", entry_id, "--yes")
    assert result.exit_code == 0, result.output
    assert entry_id not in [e["id"] for e in _entries()]
    assert all(name.endswith(".txt.age") for name in _month_files(home))
    assert _plain_anywhere(home, tmp_path / "run") == []


def test_edit_keeps_the_journal_sealed_and_edits_outside_the_disk(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry_id = _free_form_id()
    log = tmp_path / "where.txt"
    script = (
        f"open({str(log)!r}, 'w').write(str(path))\n"
        f"path.write_text(text.replace({WORDS[0]!r}, {NEW_WORDS!r}), encoding='utf-8')"
    )
    monkeypatch.setenv("VISUAL", _editor(tmp_path, script))
    result = reflect("edit", entry_id)
    assert result.exit_code == 0, result.output
    assert "text changed" in result.stdout
    body = next(str(e["body"]) for e in _entries() if e["id"] == entry_id)
    assert NEW_WORDS in body
    where = Path(log.read_text(encoding="utf-8"))
    assert where.parent == tmp_path / "run" / "reflect"  # memory-backed, not the disk
    assert not where.exists()
    assert all(name.endswith(".txt.age") for name in _month_files(home))
    assert _plain_anywhere(home, tmp_path / "run") == []


def test_a_refused_edit_is_kept_sealed(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry_id = _free_form_id()
    before = {p.name: p.read_bytes() for p in (home / "journal").iterdir() if p.is_file()}
    script = (
        f"text = text.replace({WORDS[0]!r}, {NEW_WORDS!r})\n"
        f"path.write_text(text.replace('id: {entry_id}', 'id: zzzzzzzz'), encoding='utf-8')"
    )
    monkeypatch.setenv("VISUAL", _editor(tmp_path, script))
    result = reflect("edit", entry_id)  # no terminal: kept, not asked again
    assert result.exit_code == 3
    kept = home / "drafts" / f"edit-{entry_id}.txt.age"
    assert str(kept) in result.stderr
    assert NEW_WORDS in crypt.unseal(kept, kept.read_bytes()).decode("utf-8")
    after = {p.name: p.read_bytes() for p in (home / "journal").iterdir() if p.is_file()}
    assert after == before
    assert _plain_anywhere(home, tmp_path / "run") == []
