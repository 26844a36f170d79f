"""Conflict copies from Syncthing, Nextcloud and Dropbox: merged by entry, then moved aside.

Each naming scheme is tried: the month holds entries A and B, the copy A (changed:
its action done) and C. After `reflect sync`, the month holds A (done), B and C
once each, the copy sits in journal/.merged/, and the report counts what came in.
A copy that does not parse is named by file and line and left exactly as it was.
Meanwhile every reading command says, in one line on stderr, that copies wait.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from reflect.export.json import schema
from reflect.journal.model import Action, Entry
from reflect.journal.months import COPY_NAMINGS
from reflect.journal.parse import parse
from reflect.journal.render import render_file
from tests.cli.sync_helpers import entry_ids, git, isolate_git, ok, on

COPY_NAMES = [
    *(example.replace("2026-12", "2026-11") for _, example, _ in COPY_NAMINGS),  # the docs' table
    "2026-11.sync-conflict-20261203-101010-ABCDEFG.txt",  # Syncthing
    "2026-11.sync-conflict-20261203-101010.txt",  # older Syncthing, no device id
    "2026-11 (conflicted copy 2026-12-03 101010).txt",  # Nextcloud
    "2026-11 (Sam's conflicted copy 2026-12-03).txt",  # Dropbox
    "2026-11 (conflicted copy).txt",
    "2026-11 (Case Conflict).txt",  # Dropbox, names differing only in case
    "2026-11 (Case Conflict 1).txt",
    "2026-11_conflict-20261203-101010.txt",  # ownCloud
    "2026-11-LAPTOP.txt",  # OneDrive: the other device's name
    "2026-11-Sams-MacBook-Air.txt",
    "2026-11 2.txt",  # iCloud Drive
    "2026-11 (1).txt",  # Google Drive, or a file manager's copy
    "2026-11 (Selective Sync Conflict).txt",  # Dropbox
    # A copy of a copy: two tools, or one tool twice, before anyone synced.
    "2026-11 (conflicted copy 2026-12-03 101010) (1).txt",
    "2026-11 (Sam's conflicted copy 2026-12-03) 2.txt",
    "2026-11.sync-conflict-20261203-101010-ABCDEFG.sync-conflict-20261204-080000-HIJKLMN.txt",
]
NOT_COPIES = [
    "2026-11.txt.bak",
    "2026-11 (notes).txt",
    "notes (conflicted copy).txt",
    "2026-11-03.txt",
    "2026-11.sync-conflict-20261203-101010-ABCDEFG.md",
    "2026-11 (1) notes.txt",
    "2026-11.txt (1)",
]

A = Entry(
    "aaaaaaaa", datetime(2026, 11, 3, 9, 0), body="Entry A.", actions=(Action("k3f9", "Phone Sam"),)
)
B = Entry("bbbbbbbb", datetime(2026, 11, 5, 9, 0), body="Entry B, only in the month.")
C = Entry("cccccccc", datetime(2026, 11, 4, 9, 0), body="Entry C, only in the copy.")
A_DONE = replace(A, actions=(Action("k3f9", "Phone Sam", "done", changed_on=date(2026, 11, 6)),))


def _written_differently(home: Path) -> Path:
    """Entry B's text written one way in the month, another way in a Syncthing copy."""
    journal = home / "journal"
    journal.mkdir(parents=True)
    (journal / "2026-11.txt").write_text(render_file([replace(B, body="Written here.")]))
    (journal / COPY_NAMES[0]).write_text(render_file([replace(B, body="Written there.")]))
    return journal


def _setup(home: Path, copy_name: str) -> tuple[Path, Path]:
    journal = home / "journal"
    journal.mkdir(parents=True)
    month = journal / "2026-11.txt"
    month.write_text(render_file([A, B]))
    copy = journal / copy_name
    copy.write_text(render_file([A_DONE, C]))
    return month, copy


@pytest.mark.parametrize("name", COPY_NAMES)
def test_each_kind_of_conflict_copy_is_merged_by_entry_and_moved_aside(
    reflect_home: Path, name: str
) -> None:
    month, copy = _setup(reflect_home, name)
    result = ok(reflect_home, "sync")
    assert f"Merged {name} into 2026-11.txt: 1 entry added, 1 changed." in result.stdout
    entries = parse(month.read_text()).entries
    assert [e.id for e in entries] == ["aaaaaaaa", "cccccccc", "bbbbbbbb"]  # by time, once each
    assert entries[0] == A_DONE
    assert not copy.exists()
    assert (reflect_home / "journal" / ".merged" / name).read_text() == render_file([A_DONE, C])
    again = ok(reflect_home, "sync")
    assert "Merged" not in again.stdout


def test_several_copies_of_one_month_are_all_merged(reflect_home: Path) -> None:
    _setup(reflect_home, COPY_NAMES[0])
    d = Entry("dddddddd", datetime(2026, 11, 6, 9, 0), body="Entry D.")
    (reflect_home / "journal" / COPY_NAMES[2]).write_text(render_file([A, d]))
    ok(reflect_home, "sync")
    assert sorted(entry_ids(reflect_home)) == ["aaaaaaaa", "bbbbbbbb", "cccccccc", "dddddddd"]
    assert sorted(p.name for p in (reflect_home / "journal" / ".merged").iterdir()) == sorted(
        [COPY_NAMES[0], COPY_NAMES[2]]
    )


def test_a_copy_for_a_month_that_is_missing_becomes_the_month(reflect_home: Path) -> None:
    journal = reflect_home / "journal"
    journal.mkdir(parents=True)
    (journal / "2026-10 (conflicted copy).txt").write_text(
        render_file([replace(C, written=datetime(2026, 10, 1))])
    )
    ok(reflect_home, "sync")
    assert entry_ids(reflect_home) == ["cccccccc"]


def test_answers_changed_in_both_become_a_conflict_to_settle(reflect_home: Path) -> None:
    journal = _written_differently(reflect_home)
    result = ok(reflect_home, "sync")
    assert "1 conflict to settle" in result.stdout
    text = (journal / "2026-11.txt").read_text()
    assert "    Written here." in text and "    Written there." in text
    assert "\nconflict: The text of this entry was changed on two devices" in text
    shown = ok(reflect_home, "show", "bbbbbbbb")
    assert "Written there." in shown.stdout  # the person sees both versions


@pytest.mark.parametrize(
    ("bad", "line"),
    [
        ("# reflect journal · format 1\n\n## 2026-11-04 09:00\nid: cccccccc\n\nnot indented\n", 6),
        ("# reflect journal · format 1\n\n## 2026-11-04 09:00\n", 3),
        ("not a journal at all\n", 1),
    ],
)
def test_a_copy_that_does_not_parse_is_named_by_line_and_left_untouched(
    reflect_home: Path, bad: str, line: int
) -> None:
    month, copy = _setup(reflect_home, COPY_NAMES[3])
    broken = reflect_home / "journal" / COPY_NAMES[0]
    broken.write_bytes(bad.encode())
    month_before = month.read_bytes()
    result = on(reflect_home, "sync")
    assert result.exit_code == 3
    assert f"{broken}:{line}:" in result.stderr
    assert broken.read_bytes() == bad.encode()  # untouched, still where it was
    assert not copy.exists()  # the good copy was still merged
    assert month.read_bytes() != month_before and "Entry C" in month.read_text()


def test_a_copy_that_is_not_utf8_is_left_untouched(reflect_home: Path) -> None:
    _setup(reflect_home, COPY_NAMES[0])
    broken = reflect_home / "journal" / COPY_NAMES[4]
    broken.write_bytes(b"# reflect journal \xb7 format 1\n")
    result = on(reflect_home, "sync")
    assert result.exit_code == 3 and f"{broken}:1:" in result.stderr
    assert broken.read_bytes() == b"# reflect journal \xb7 format 1\n"


@pytest.mark.parametrize(
    "command",
    [["journal"], ["actions", "--all"], ["search", "Entry"], ["show", "aaaaaaaa"], ["export"]],
)
def test_reading_commands_ignore_copies_but_say_once_that_they_wait(
    reflect_home: Path, command: list[str]
) -> None:
    _setup(reflect_home, COPY_NAMES[0])
    (reflect_home / "journal" / COPY_NAMES[2]).write_text(render_file([C]))
    result = ok(reflect_home, *command)
    assert result.stderr.count("conflict copies are waiting") == 1
    assert "`reflect sync` merges them in" in result.stderr
    assert "Entry C" not in result.stdout  # the copy's entries are not read as entries


def test_remind_stays_quiet_about_copies(reflect_home: Path) -> None:
    _setup(reflect_home, COPY_NAMES[0])
    result = ok(reflect_home, "remind")
    assert "conflict" not in result.output


@pytest.mark.parametrize("name", NOT_COPIES)
def test_other_files_are_not_taken_for_conflict_copies(reflect_home: Path, name: str) -> None:
    journal = reflect_home / "journal"
    journal.mkdir(parents=True)
    (journal / "2026-11.txt").write_text(render_file([A]))
    (journal / name).write_text("my own file\n")
    result = ok(reflect_home, "journal")
    assert "conflict" not in result.stderr
    ok(reflect_home, "sync")
    assert (journal / name).read_text() == "my own file\n"


def test_words_kept_in_a_conflict_are_found_by_search(reflect_home: Path) -> None:
    _written_differently(reflect_home)
    ok(reflect_home, "sync")
    found = ok(reflect_home, "search", "there")
    assert "Conflict: Written there." in found.stdout


def test_words_kept_in_a_conflict_are_in_the_markdown_export(reflect_home: Path) -> None:
    _written_differently(reflect_home)
    ok(reflect_home, "sync")
    exported = ok(reflect_home, "export", "--format", "markdown").stdout
    assert "**Conflict:** The text of this entry was changed on two devices" in exported
    assert "Written there." in exported and "Written here." in exported


def test_the_table_in_the_docs_is_the_list_of_namings_in_the_code() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "sync.md").read_text("utf-8")
    table = docs.split("| Left by | Example |\n|---|---|\n")[1].split("\n\n")[0]
    rows = [line.strip("|").split(" | ") for line in table.splitlines()]
    assert [(who.strip(), example.strip().strip("`")) for who, example in rows] == [
        (who, example) for who, example, _ in COPY_NAMINGS
    ]


def test_conflicts_are_in_the_json_export_and_it_is_valid(reflect_home: Path) -> None:
    import json

    import jsonschema

    journal = _written_differently(reflect_home)
    ok(reflect_home, "sync")
    assert (journal / "2026-11.txt").read_text().startswith("# reflect journal · format 5\n")
    exported = json.loads(ok(reflect_home, "export", "--format", "json").stdout)
    jsonschema.validate(exported, schema())
    (entry,) = exported["entries"]
    (conflict,) = entry["conflicts"]
    assert conflict["text"] == "Written there." and entry["body"] == "Written here."
    assert conflict["note"].startswith("The text of this entry was changed on two devices")


def test_a_copy_that_did_not_merge_is_never_committed(
    reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(tmp_path, monkeypatch)
    journal = reflect_home / "journal"
    journal.mkdir(parents=True)
    (journal / "2026-11.txt").write_text(render_file([A]))
    ok(reflect_home, "sync", "init")
    waiting = ["2026-11 2.txt", "2026-11-LAPTOP.txt", "2026-11 (conflicted copy).txt"]
    for name in waiting:
        (journal / name).write_text("not a journal at all\n")  # so it stays, unmerged
    (journal / "2026-11.txt").write_text(render_file([A, B]))
    done = on(reflect_home, "sync")
    assert done.exit_code == 3, done.output
    tracked = git(reflect_home, "ls-files", "journal").split("\n")
    assert not any(name in line for name in waiting for line in tracked)
    assert "journal/2026-11.txt" in tracked
    assert "Entry B" in git(reflect_home, "show", "HEAD:journal/2026-11.txt")  # committed
