"""`reflect import jrnl FILE`: a jrnl journal comes over in one command, and a second
run changes nothing."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from reflect.journal.render import FILE_HEADER
from reflect.journal.store import JournalStore
from tests.cli.helpers import actions_json, journal_text, reflect
from tests.conftest import DATA

JOURNAL = DATA / "jrnl" / "journal.txt"


def store(home: Path) -> JournalStore:
    return JournalStore(home / "journal")


def test_import_brings_every_entry_with_its_time_text_and_star(reflect_home: Path) -> None:
    result = reflect("import", "jrnl", str(JOURNAL))
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n")[:2] == [
        "Read 6 jrnl entries, imported 6, skipped 0 (already in your journal).",
        "3 '- [ ]' lines became open actions: `reflect actions` lists them.",
    ]
    entries = list(store(reflect_home).entries())
    assert [(e.written, e.starred, e.workbook) for e in entries] == [
        (datetime(2024, 2, 28, 21, 30), False, None),
        (datetime(2024, 3, 1, 8, 15), True, None),
        (datetime(2024, 3, 1, 8, 15, 42), False, None),
        (datetime(2024, 3, 1, 8, 15, 42), False, None),
        (datetime(2024, 3, 2, 10, 0), True, None),
        (datetime(2024, 3, 3, 19, 5, 9), False, None),
    ]
    assert entries[0].body == (
        "A long day at work, but a good one. @work\n"
        "Finished the quarterly report at last.\n\n"
        "Sam brought cake. @sam\n"
        "    (an indented line, kept as written)"
    )
    # One month file per month, each in reflect's own format.
    files = sorted(p.name for p in (reflect_home / "journal").glob("*.txt"))
    assert files == ["2024-02.txt", "2024-03.txt"]
    assert journal_text(reflect_home).startswith(FILE_HEADER)
    assert "## 2024-03-01 08:15:42\n" in journal_text(reflect_home)


def test_importing_twice_changes_nothing(reflect_home: Path) -> None:
    assert reflect("import", "jrnl", str(JOURNAL)).exit_code == 0
    before = journal_text(reflect_home)
    result = reflect("import", "jrnl", str(JOURNAL))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Read 6 jrnl entries, imported 0, skipped 6 (already in your journal).\n"
    )
    assert journal_text(reflect_home) == before


def test_a_grown_jrnl_journal_imports_only_the_new_entries(
    reflect_home: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "journal.txt"
    shutil.copy(JOURNAL, copy)
    assert reflect("import", "jrnl", str(copy)).exit_code == 0
    with copy.open("a", encoding="utf-8") as handle:
        handle.write("\n[2024-04-01 09:00:00 AM] Spring at last.\nBlossom everywhere.\n")
    result = reflect("import", "jrnl", str(copy))
    assert result.stdout.startswith("Read 7 jrnl entries, imported 1, skipped 6")
    assert next(e.first_line() for e in store(reflect_home).entries(newest_first=True)) == (
        "Spring at last."
    )


def test_tasks_become_open_actions_with_their_due_dates(reflect_home: Path) -> None:
    reflect("import", "jrnl", str(JOURNAL))
    found = sorted((a["text"], a["due"]) for a in actions_json())
    assert found == [
        ("Ask Priya about the walking group", None),
        ("Buy stamps", "2024-03-02"),
        ("Call the dentist", "2024-03-05"),
    ]


def test_no_actions_and_dry_run(reflect_home: Path) -> None:
    result = reflect("import", "jrnl", str(JOURNAL), "--dry-run")
    assert result.stdout.startswith("Read 6 jrnl entries: would import 6, skip 0")
    assert not (reflect_home / "journal").exists()
    assert reflect("import", "jrnl", str(JOURNAL), "--no-actions").exit_code == 0
    assert actions_json() == []


def test_imported_entries_read_search_and_export(reflect_home: Path) -> None:
    reflect("import", "jrnl", str(JOURNAL))
    assert "@nature" in reflect("search", "heron").stdout
    assert reflect("journal", "--since", "2024-03-02").stdout.count("\n") == 2
    exported = reflect("export", "--since", "2024-03-03").stdout
    assert "[Brackets] at the start" in exported.replace("\\", "")


def test_a_folder_journal_and_a_timeformat(reflect_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "jrnl-folder" / "2024" / "03"
    folder.mkdir(parents=True)
    (folder / "01.txt").write_text("[01.03.2024 20:15] Erster\nText\n", encoding="utf-8")
    (folder / "02.txt").write_text("[02.03.2024 07:00] Zweiter *\n", encoding="utf-8")
    result = reflect(
        "import", "jrnl", str(tmp_path / "jrnl-folder"), "--timeformat", "%d.%m.%Y %H:%M"
    )
    assert result.exit_code == 0, result.output
    assert [e.body for e in store(reflect_home).entries()] == ["Erster\nText", "Zweiter"]


def test_bad_files_get_a_short_error_and_change_nothing(reflect_home: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Some notes without any jrnl headers.\n")
    encrypted = tmp_path / "secret.txt"
    encrypted.write_bytes(b"gAAAAABl\xff\xfe\x00\x01")
    for path, words, code in [
        (notes, "I found no jrnl entries here", 1),
        (encrypted, "jrnl --decrypt", 1),
        (tmp_path / "missing.txt", "does not exist", 2),
    ]:
        result = reflect("import", "jrnl", str(path))
        assert result.exit_code == code, result.output
        assert words in result.stderr
        assert "Traceback" not in result.output
    assert not (reflect_home / "journal").exists()


def test_help_says_what_is_recognised() -> None:
    result = reflect("import", "jrnl", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    for words in ("[2024-03-01 08:15:00 AM] Title", "' *'", "- [ ]", "due:2024-03-05", "@due("):
        assert words in text


# --------------------------------------------------------------------------- issue 16


def jrnl_file(folder: Path, second: str = "It rained.") -> Path:
    path = folder / "jrnl.txt"
    path.write_text(
        "[2024-03-01 08:15] Walk *\nA long walk with @sam.\n\n"
        f"[2024-03-02 09:00] Rain\n{second}\n\n"
        "[2024-03-02 09:00] Same minute, another entry\nStill here.\n",
        encoding="utf-8",
    )
    return path


def test_a_jrnl_star_becomes_starred_and_tags_stay(reflect_home: Path, tmp_path: Path) -> None:
    assert reflect("import", "jrnl", str(jrnl_file(tmp_path))).exit_code == 0
    assert "starred: yes" in journal_text(reflect_home)
    assert reflect("journal", "--starred", "--tag", "sam").stdout.count("Walk") == 1


def test_an_entry_edited_in_jrnl_after_an_import_is_not_added_again_silently(
    reflect_home: Path, tmp_path: Path
) -> None:
    assert reflect("import", "jrnl", str(jrnl_file(tmp_path))).exit_code == 0
    before = journal_text(reflect_home)
    edited = jrnl_file(tmp_path, "It rained all day.")
    result = reflect("import", "jrnl", str(edited))  # no terminal, no flag: left out
    assert result.exit_code == 0, result.output
    assert "1 entry was edited in jrnl since the last import" in result.stdout
    assert "--update" in result.stdout and "--keep-both" in result.stdout
    assert journal_text(reflect_home) == before
    assert "would import 0" in reflect("import", "jrnl", str(edited), "--dry-run").stdout
    result = reflect("import", "jrnl", str(edited), "--update")
    assert "1 entry edited in jrnl since the last import now has jrnl's new text." in result.stdout
    text = journal_text(reflect_home)
    assert "It rained all day." in text and "It rained.\n" not in text
    assert text.count("## 2024-03-02 09:00") == 2  # the other entry of that minute is kept
    again = reflect("import", "jrnl", str(edited))
    assert "imported 0" in again.stdout and "edited" not in again.stdout


def test_keep_both_and_asking_at_a_terminal(
    reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert reflect("import", "jrnl", str(jrnl_file(tmp_path))).exit_code == 0
    edited = jrnl_file(tmp_path, "It rained all day.")
    monkeypatch.setattr("reflect.cli.importer._stdin_is_terminal", lambda: True)
    result = reflect("import", "jrnl", str(edited), input="s\n")
    assert "was edited since it was imported" in result.stdout
    assert "  in reflect: Rain" in result.stdout and "  in jrnl:    Rain" in result.stdout
    assert "It rained all day." not in journal_text(reflect_home)
    result = reflect("import", "jrnl", str(edited), input="b\n")
    assert "imported 1" in result.stdout
    text = journal_text(reflect_home)
    assert "It rained all day." in text and "It rained.\n" in text
    assert reflect("import", "jrnl", str(edited), "--update", "--keep-both").exit_code == 2


@pytest.mark.parametrize(
    "start",
    [b"JRNLv3" + b"gAAAAABl" * 8, b"gAAAAABlxyz" * 5, b"\n  gAAAAAB" * 3],
)
def test_an_encrypted_jrnl_journal_says_so_and_how_to_decrypt(
    reflect_home: Path, tmp_path: Path, start: bytes
) -> None:
    path = tmp_path / "secret.txt"
    path.write_bytes(start)
    result = reflect("import", "jrnl", str(path))
    assert result.exit_code == 1
    assert "This is an encrypted jrnl journal" in result.stderr
    assert "jrnl --export txt" in result.stderr and "jrnl --decrypt" in result.stderr
    assert "found no jrnl entries" not in result.stderr
