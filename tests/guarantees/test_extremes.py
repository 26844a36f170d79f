"""Settings and dates at the edges: one message naming them, never a traceback
(docs/guarantees.md, 8).

- `workbook_dirs` entries that cannot be searched: a name too long (ENAMETOOLONG),
  a folder that cannot be entered (EACCES), a file on the way (ENOTDIR), a link
  loop (ELOOP). A missing folder is passed over, as a drive not plugged in is.
- `REFLECT_NOW` that is not a date, or within a year of the calendar's ends.
- Drafts started at the calendar's ends (year 1, year 9999).
- Journals holding dates at the calendar's ends, and a clock a day inside them.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from reflect.paths import bundled_workbooks_dir
from tests.guarantees.helpers import assert_no_traceback, cli, run_reflect, saved_state

LONG = "x" * 300


def _bad_folder(kind: str, tmp_path: Path) -> Path:
    """A folder reflect cannot search, of the given kind (each one root can hit too)."""
    if kind == "name too long":
        return tmp_path / LONG
    if kind == "a file on the way":
        (tmp_path / "a-file").write_text("", encoding="utf-8")
        return tmp_path / "a-file" / "workbooks"
    if kind == "a file, not a folder":
        (tmp_path / "a-file.toml.d").write_text("", encoding="utf-8")
        return tmp_path / "a-file.toml.d"
    if kind == "a link loop":
        (tmp_path / "loop").symlink_to(tmp_path / "loop")
        return tmp_path / "loop" / "workbooks"
    if kind == "a name too long deeper down":
        (tmp_path / "ok").mkdir()
        return tmp_path / "ok" / LONG / "workbooks"
    raise AssertionError(kind)


FOLDER_KINDS = [
    "name too long",
    "a file on the way",
    "a file, not a folder",
    "a link loop",
    "a name too long deeper down",
]


def _configure(home: Path, *folders: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    listed = ", ".join(f'"{folder}"' for folder in folders)
    (home / "config.toml").write_text(f"workbook_dirs = [{listed}]\n", encoding="utf-8")


@pytest.mark.parametrize("kind", FOLDER_KINDS)
def test_a_workbook_dir_that_cannot_be_searched_is_named(
    kind: str, tmp_path: Path, reflect_home: Path
) -> None:
    folder = _bad_folder(kind, tmp_path)
    _configure(reflect_home, folder)
    before = saved_state(reflect_home)

    listing = run_reflect("workbooks", timeout=60)
    assert_no_traceback(listing.stdout + listing.stderr)
    assert listing.returncode == 2, listing.stderr
    assert "weekly-review" in listing.stdout  # the others are still listed
    assert f"reflect: {folder}: Could not look for workbooks" in listing.stderr
    assert "workbook_dirs" in listing.stderr

    # A workbook found before the folder still starts; one that may be in it is named.
    assert cli("start", "weekly-review", "--plain", input=":pause\n").exit_code == 0
    missing = cli("start", "not-anywhere", "--plain", input="")
    assert_no_traceback(missing.output)
    assert missing.exit_code == 2 and str(folder) in missing.output

    checked = cli("workbook", "check", str(folder))
    assert_no_traceback(checked.output)
    assert checked.exit_code == 2 and str(folder) in checked.output
    assert saved_state(reflect_home).keys() - before.keys() <= {"drafts/weekly-review.toml"}


def test_a_missing_workbook_dir_is_passed_over(tmp_path: Path, reflect_home: Path) -> None:
    _configure(reflect_home, tmp_path / "not-plugged-in")
    listing = cli("workbooks")
    assert listing.exit_code == 0 and "weekly-review" in listing.output


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (errno.EACCES, "permission denied"),
        (errno.EPERM, "permission denied"),
        (errno.ENAMETOOLONG, "too long"),
        (errno.EIO, "input/output error"),
    ],
)
def test_a_workbook_dir_that_refuses_to_be_read_is_named(
    error: int, words: str, tmp_path: Path, reflect_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """EACCES as a person meets it (a folder they may not enter). Root may enter any
    folder, so the refusal is simulated here; the real chmod is tried below."""
    folder = tmp_path / "shared" / "workbooks"
    folder.mkdir(parents=True)
    _configure(reflect_home, folder)
    real_scandir = os.scandir

    def scandir(path: str) -> Iterator[os.DirEntry[str]]:
        if str(path) == str(folder):
            raise OSError(error, os.strerror(error), str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    listing = cli("workbooks")
    assert_no_traceback(listing.output)
    assert listing.exit_code == 2 and f"{folder}: Could not look" in listing.output
    assert words in listing.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root may enter any folder")
def test_a_workbook_dir_you_cannot_enter_is_named(tmp_path: Path, reflect_home: Path) -> None:
    locked_away = tmp_path / "locked"
    folder = locked_away / "workbooks"
    folder.mkdir(parents=True)
    _configure(reflect_home, folder)
    locked_away.chmod(0o000)
    try:
        listing = run_reflect("workbooks", timeout=60)
    finally:
        locked_away.chmod(0o700)
    assert_no_traceback(listing.stdout + listing.stderr)
    assert listing.returncode == 2 and "permission denied" in listing.stderr


# --------------------------------------------------------------------------- REFLECT_NOW

BAD_NOWS = [
    "garbage",
    "2026-02-29",
    "2026-13-01",
    "2026-11-31T09:00",
    "2026-11-29T25:00",
    "0001-01-05",
    "0001-01-01",
    "0001-12-31T23:59",
    "9999-01-01",
    "9999-12-31T23:59",
    "tomorrow",
    "2026/11/29",
    "\x1b]0;title\x07",
    "2026-11-29 " + "9" * 60,
]

COMMANDS: list[tuple[list[str], str]] = [
    (["write", "a few words"], ""),
    (["remind"], ""),
    (["remind", "--once-per-day"], ""),
    (["actions"], ""),
    (["actions", "add", "Phone Jo", "--due", "tomorrow"], ""),
    (["journal"], ""),
    (["export"], ""),
    (["export", "--format", "ics"], ""),
    (["workbooks"], ""),
    (["show", "abcdefgh"], ""),
    (["search", "words"], ""),
    (["import", "jrnl", str(bundled_workbooks_dir() / "weekly-review.toml")], ""),
    ([], ""),
    (["start", "weekly-review", "--plain"], "first\n\n"),
    (["workbook", "check", str(bundled_workbooks_dir() / "weekly-review.toml")], ""),
]


@pytest.mark.parametrize("now", BAD_NOWS)
def test_a_reflect_now_that_cannot_be_used_is_named(
    now: str, reflect_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFLECT_NOW", now)
    before = saved_state(reflect_home)
    for args, stdin in COMMANDS:
        result = cli(*args, input=stdin)
        assert_no_traceback(result.output)
        assert result.exit_code == 2, (args, result.output)
        assert result.output.startswith("reflect: REFLECT_NOW is set to"), result.output
        assert "\x1b" not in result.output  # a quoted setting is shown, never obeyed
    assert saved_state(reflect_home) == before


@pytest.mark.parametrize("now", ["garbage", "2026-02-29", "0001-01-05", "9999-12-31T23:59"])
def test_a_reflect_now_that_cannot_be_used_is_named_by_a_real_process(
    now: str, reflect_home: Path
) -> None:
    """Through `python -m reflect`, so the `remind` fast path (no Typer) is tried too."""
    env = {**os.environ, "REFLECT_NOW": now}
    for args in (["remind"], ["remind", "--once-per-day"], ["write", "words"], ["actions"]):
        ran = run_reflect(*args, input="", env=env, timeout=60)
        assert_no_traceback(ran.stdout + ran.stderr)
        assert ran.returncode == 2, (args, ran.stderr)
        assert ran.stderr.startswith(f"reflect: REFLECT_NOW is set to '{now}'"), ran.stderr
        assert ran.stderr.count("\n") == 1  # one line


EDGE_NOWS = ["0002-01-01T00:00", "9998-12-31T23:59", "9998-12-25", "2028-02-29T12:00"]
DUE_WORDS = ["tomorrow", "in 3 weeks", "next month", "next mon", "31 dec", "in 400 weeks"]


@pytest.mark.parametrize("now", EDGE_NOWS)
def test_the_first_and_last_usable_days_work_everywhere(
    now: str, reflect_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFLECT_NOW", now)
    for words in DUE_WORDS:
        added = cli("actions", "add", f"plan {words}", "--due", words)
        assert_no_traceback(added.output)
        assert added.exit_code in (0, 2), added.output  # 2: a date past the calendar's end
    for args, stdin in COMMANDS:
        result = cli(*args, input=stdin)
        assert_no_traceback(result.output)
        # 1: check's advice, no such entry, nothing found; import: not a jrnl journal
        assert result.exit_code in (0, 1), (args, result.output)


# --------------------------------------------------------------------------- drafts

EXTREME_STARTS = [
    "0001-01-01T00:00:00",
    "0001-01-31T23:59:00",
    "0001-12-31T23:59:59",
    "9999-01-01T00:00:00",
    "9999-12-31T23:59:59",
]


def _paused_draft(home: Path) -> Path:
    paused = cli("start", "weekly-review", "--plain", input="one good thing\n:pause\n")
    assert paused.exit_code == 0, paused.output
    return home / "drafts" / "weekly-review.toml"


@pytest.mark.parametrize("started", EXTREME_STARTS)
def test_a_draft_started_at_the_calendars_ends_is_named_and_kept(
    started: str, reflect_home: Path
) -> None:
    draft = _paused_draft(reflect_home)
    lines = draft.read_text(encoding="utf-8").splitlines()
    text = "\n".join(f"started = {started}" if x.startswith("started =") else x for x in lines)
    draft.write_text(text + "\n", encoding="utf-8")
    before = saved_state(reflect_home)

    ran = run_reflect("start", "weekly-review", "--plain", input="\n" * 20, timeout=60)
    assert_no_traceback(ran.stdout + ran.stderr)
    assert ran.returncode == 3 and f"{draft}:" in ran.stderr, ran.stderr
    assert started[:10] in ran.stderr  # says which date
    assert saved_state(reflect_home) == before  # the draft kept, nothing written
    listing = cli("workbooks")
    assert listing.exit_code == 0 and "weekly-review" in listing.output


@pytest.mark.parametrize("updated", EXTREME_STARTS)
def test_a_draft_saved_at_the_calendars_ends_still_lists_and_finishes(
    updated: str, reflect_home: Path
) -> None:
    """`updated` is only shown ("paused, 1 of 6 answered"): any date is fine there."""
    draft = _paused_draft(reflect_home)
    lines = draft.read_text(encoding="utf-8").splitlines()
    text = "\n".join(f"updated = {updated}" if x.startswith("updated =") else x for x in lines)
    draft.write_text(text + "\n", encoding="utf-8")
    assert "paused" in cli("workbooks").output
    finished = cli("start", "weekly-review", "--plain", input="\n" * 20)
    assert_no_traceback(finished.output)
    assert finished.exit_code == 0, finished.output


# --------------------------------------------------------------------------- journals

EDGE_JOURNAL = {
    "0001-01.txt": """\
# reflect journal · format 1

## 0001-01-01 00:00
id: aaaaaaaa

    The first day there is.

## 0001-01-01 00:00 · Action added
id: bbbbbbbb

- [ ] Ancient plan  (a1b2 · due 0001-01-01)
- [ ] Far plan  (c3d4 · due 9999-12-31 23:59)
- [ ] Far day  (e5f6 · due 9999-12-31)
""",
    "9999-12.txt": """\
# reflect journal · format 1

## 9999-12-31 23:59 · Action added
id: cccccccc

- [ ] Last plan  (g7h8 · due 9999-12-31 23:59)
""",
}


@pytest.mark.parametrize("now", ["2026-11-29T10:00", *EDGE_NOWS])
def test_a_journal_dated_at_the_calendars_ends_reads_everywhere(
    now: str, reflect_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("REFLECT_NOW", now)
    (reflect_home / "journal").mkdir(parents=True)
    for name, text in EDGE_JOURNAL.items():
        (reflect_home / "journal" / name).write_text(text, encoding="utf-8")
    for args in (
        ["journal"],
        ["journal", "--since", "0001-01-01"],
        ["show", "aaaaaaaa"],
        ["search", "plan"],
        ["actions", "--all"],
        ["actions", "--json"],
        ["actions", "--ics", "-o", str(tmp_path / "plans.ics")],
        ["remind"],
        ["export"],
        ["export", "--format", "json"],
        ["export", "--format", "ics"],
        ["export", "--since", "0001-01-01", "--until", "9999-12-31"],
        ["actions", "move", "c3d4", "tomorrow"],
        ["actions", "done", "a1b2"],
        ["write", "one more"],
    ):
        result = cli(*args)
        assert_no_traceback(result.output)
        assert result.exit_code == 0, (args, result.output)


@pytest.mark.parametrize(
    "args",
    [
        ["workbook", "new", "abc", "-o"],
        ["workbook", "schema", "-o"],
        ["export", "-o"],
        ["actions", "--ics", "-o"],
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("kind", ["name too long", "a file on the way", "a link loop"])
def test_an_output_path_that_cannot_be_written_is_named(
    args: list[str], kind: str, tmp_path: Path, reflect_home: Path
) -> None:
    target = _bad_folder(kind, tmp_path) / "out.txt" if kind != "name too long" else tmp_path / LONG
    assert cli("actions", "add", "Something to export", "--due", "tomorrow").exit_code == 0
    result = cli(*args, str(target))
    assert_no_traceback(result.output)
    assert result.exit_code != 0 and str(target) in result.output, result.output
