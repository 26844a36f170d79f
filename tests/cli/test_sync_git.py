"""`reflect sync` through git: two devices, one bare repository, every entry once.

Each device keeps its own data folder (its own REFLECT_HOME). Both write
entries, one marks an action done while the other moves it, both finish the
same workbook walk; then they sync in turn, both ways and in both orders. Both
folders must end with every entry exactly once, no conflict markers anywhere,
and git's log saying what happened in reflect's words.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.sync_helpers import (
    bare_remote,
    entry_ids,
    git,
    isolate_git,
    month_texts,
    no_conflict_markers,
    ok,
    on,
)

WALK = "\n".join(
    [
        "6",
        "Steadier {who}.",
        "",
        "1, 2",
        "Sunshine {who}.",
        "",
        "2",
        "Walk {who}",
        "fri",
        "",
        "",
        "",
    ]
)


@pytest.fixture(autouse=True)
def _git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(tmp_path, monkeypatch)


def _action_id(home: Path, text: str) -> str:
    listed = json.loads(ok(home, "actions", "--all", "--json").stdout)
    return str(next(a["id"] for a in listed if a["text"] == text))


def _two_devices(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A laptop and a desktop that already share one journal through `remote`."""
    remote = bare_remote(tmp_path)
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    ok(laptop, "write", "First note, on the laptop.")
    ok(laptop, "actions", "add", "Book the dentist", "--due", "fri")
    ok(laptop, "sync", "init", "--remote", str(remote))
    ok(laptop, "sync")
    ok(desktop, "write", "A note the desktop had before it synced.")
    ok(desktop, "sync", "init", "--remote", str(remote))
    ok(desktop, "sync")  # an unrelated history: month files merged by the driver
    ok(laptop, "sync")
    return remote, laptop, desktop


def _diverge(laptop: Path, desktop: Path) -> None:
    dentist = _action_id(laptop, "Book the dentist")
    assert _action_id(desktop, "Book the dentist") == dentist
    ok(laptop, "actions", "done", dentist, "--note", "Booked for the 9th.")
    ok(desktop, "actions", "move", dentist, "in 5 days")
    for home, who in ((laptop, "laptop"), (desktop, "desktop")):
        ok(home, "start", "wellbeing-check-in", "--plain", input=WALK.format(who=who))
        ok(home, "write", f"Evening note on the {who}.", now="2026-11-29T21:30:00")


@pytest.mark.parametrize("first", ["laptop", "desktop"])
def test_two_devices_sync_both_ways_and_hold_every_entry_once(tmp_path: Path, first: str) -> None:
    _, laptop, desktop = _two_devices(tmp_path)
    _diverge(laptop, desktop)
    before = set(entry_ids(laptop)) | set(entry_ids(desktop))
    order = [laptop, desktop] if first == "laptop" else [desktop, laptop]
    for home in [*order, *order]:
        ok(home, "sync")

    for home in (laptop, desktop):
        ids = entry_ids(home)
        assert sorted(ids) == sorted(before)  # every entry, exactly once
        assert no_conflict_markers(home)
    assert month_texts(laptop) == month_texts(desktop)

    (dentist,) = [
        a
        for a in json.loads(ok(laptop, "actions", "--all", "--json").stdout)
        if a["text"] == "Book the dentist"
    ]
    assert dentist["status"] == "done"  # done on the laptop…
    assert dentist["due"] == "2026-12-04"  # …and moved on the desktop, both kept
    text = "".join(month_texts(laptop).values())
    for words in (
        "Steadier laptop.",
        "Steadier desktop.",
        "Evening note on the desktop.",
        "Booked for the 9th.",
    ):
        assert words in text

    log = git(laptop, "log", "--format=%s")
    assert "Weekly wellbeing check-in, 29 Nov" in log
    assert "Done: Book the dentist" in log or "Done: Book the dentist" in git(
        desktop, "log", "--format=%B"
    )
    assert "Merge the journal from another device" in log


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A umask that lets others read new files, as many systems have by default."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def _readable_by_others(home: Path) -> list[str]:
    return sorted(
        str(path.relative_to(home))
        for path in [home, *home.rglob("*")]
        if not path.is_symlink() and path.stat().st_mode & 0o077
    )


@pytest.mark.usefixtures("loose_umask")
def test_what_git_writes_is_private_on_both_devices(tmp_path: Path) -> None:
    _, laptop, desktop = _two_devices(tmp_path)
    _diverge(laptop, desktop)
    for home in (laptop, desktop, laptop):
        ok(home, "sync")
    assert "2026-11.txt" in month_texts(desktop)  # brought in by a merge, as git wrote it
    git(desktop, "commit", "-q", "--allow-empty", "-m", "By hand.")  # git run by the person
    for home in (laptop, desktop):
        assert _readable_by_others(home) == []


def test_sync_with_nothing_to_do_says_so_and_commits_nothing(tmp_path: Path) -> None:
    _, laptop, _ = _two_devices(tmp_path)
    head = git(laptop, "rev-parse", "HEAD")
    result = ok(laptop, "sync")
    assert "up to date" in result.stdout
    assert git(laptop, "rev-parse", "HEAD") == head


def test_init_uses_a_repository_the_journal_is_already_in(
    tmp_path: Path, reflect_home: Path
) -> None:
    (reflect_home / "journal").mkdir(parents=True)
    git(reflect_home / "journal", "init", "-q")
    ok(reflect_home, "write", "Kept in my own repository.")
    ok(reflect_home, "sync", "init")
    assert not (reflect_home / ".git").exists()
    attributes = (reflect_home / "journal" / ".gitattributes").read_text()
    assert "[0-9][0-9][0-9][0-9]-[0-9][0-9].txt merge=reflect" in attributes
    assert "merge-driver %O %A %B" in git(
        reflect_home / "journal", "config", "merge.reflect.driver"
    )
    assert "2026-11.txt" in git(reflect_home / "journal", "ls-files")


def test_init_keeps_drafts_locks_and_caches_out_of_git(reflect_home: Path) -> None:
    ok(reflect_home, "write", "A note.")
    (reflect_home / "workbooks").mkdir()
    (reflect_home / "workbooks" / "mine.toml").write_text("# my workbook\n")
    (reflect_home / "journal" / "2026-11 (conflicted copy).txt").write_text("x\n")
    ok(reflect_home, "sync", "init")
    tracked = git(reflect_home, "ls-files").split()
    assert sorted(tracked) == [
        ".gitattributes",
        ".gitignore",
        "journal/.gitignore",
        "journal/2026-11.txt",
        "workbooks/mine.toml",
    ]


def test_a_real_git_merge_of_two_branches_goes_through_the_merge_driver(reflect_home: Path) -> None:
    ok(reflect_home, "write", "Before the branches.")
    ok(reflect_home, "sync", "init")
    git(reflect_home, "switch", "-q", "-c", "other")
    ok(reflect_home, "write", "On the other branch.", now="2026-11-29T11:00:00")
    ok(reflect_home, "sync")
    git(reflect_home, "switch", "-q", "main")
    ok(reflect_home, "write", "On main.", now="2026-11-29T12:00:00")
    ok(reflect_home, "sync")
    done = subprocess.run(
        ["git", "-C", str(reflect_home), "merge", "--no-edit", "other"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    text = (reflect_home / "journal" / "2026-11.txt").read_text()
    assert no_conflict_markers(reflect_home)
    for words in ("Before the branches.", "On the other branch.", "On main."):
        assert text.count(words) == 1
    assert len(entry_ids(reflect_home)) == 3
    # The same merge without the driver conflicts: it was the driver that merged.
    git(reflect_home, "reset", "-q", "--hard", "HEAD~1")
    git(reflect_home, "config", "--unset", "merge.reflect.driver")
    plain = subprocess.run(
        ["git", "-C", str(reflect_home), "merge", "--no-edit", "other"],
        capture_output=True,
        text=True,
    )
    assert plain.returncode != 0


def test_a_month_that_does_not_parse_stops_the_merge_and_changes_nothing(tmp_path: Path) -> None:
    _, laptop, desktop = _two_devices(tmp_path)
    ok(laptop, "write", "Laptop news.", now="2026-11-29T11:00:00")
    ok(laptop, "sync")
    month = desktop / "journal" / "2026-11.txt"
    month.write_text(month.read_text() + "not indented, not the format\n")
    before = month.read_bytes()
    result = on(desktop, "sync")
    assert result.exit_code == 4
    assert "2026-11.txt:" in result.output  # the driver names the file and line
    assert month.read_bytes() == before
    assert not (
        Path(git(desktop, "rev-parse", "--absolute-git-dir").strip()) / "MERGE_HEAD"
    ).exists()


def test_without_a_remote_sync_commits_on_this_device(reflect_home: Path) -> None:
    ok(reflect_home, "sync", "init")
    ok(reflect_home, "write", "Just here.")
    result = ok(reflect_home, "sync")
    assert "Saved to git: Just here., 29 Nov" in result.stdout
    assert "no remote" in result.stdout


def test_sync_without_git_or_copies_says_how_to_set_it_up(reflect_home: Path) -> None:
    ok(reflect_home, "write", "A note.")
    result = ok(reflect_home, "sync")
    assert "reflect sync init" in result.stdout


@pytest.mark.parametrize("remote", [False, True])
def test_the_fast_path_says_what_typer_says(
    tmp_path: Path, reflect_home: Path, remote: bool
) -> None:
    init = ["sync", "init"] + (["--remote", str(bare_remote(tmp_path))] if remote else [])
    ok(reflect_home, *init)
    ok(reflect_home, "sync")
    through_typer = ok(reflect_home, "sync")
    fast = subprocess.run(
        [sys.executable, "-m", "reflect", "sync"], capture_output=True, text=True, check=False
    )
    assert (fast.returncode, fast.stdout, fast.stderr) == (0, through_typer.stdout, "")
    shown = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "reflect", "sync"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert " typer" not in shown.stderr  # Typer (~100 ms) is not imported for a bare sync


def test_a_pull_that_marks_a_conflict_says_so_and_keeps_both_texts(tmp_path: Path) -> None:
    _, laptop, desktop = _two_devices(tmp_path)
    for home, words in ((laptop, "Rain all day."), (desktop, "Sun after lunch.")):
        month = home / "journal" / "2026-11.txt"
        month.write_text(month.read_text().replace("First note, on the laptop.", words))
    ok(laptop, "sync")
    result = ok(desktop, "sync")
    assert "1 conflict to settle in 2026-11.txt (search for 'conflict:' in the file)." in (
        result.stdout
    )
    text = month_texts(desktop)["2026-11.txt"]
    assert "    Rain all day." in text and "    Sun after lunch." in text
    assert "\nconflict: The text of this entry was changed on two devices" in text
    ok(laptop, "sync")
    assert month_texts(laptop) == month_texts(desktop)


def test_a_repeating_plan_done_on_both_devices_keeps_one_record_with_both_notes(
    tmp_path: Path,
) -> None:
    _, laptop, desktop = _two_devices(tmp_path)
    ok(laptop, "actions", "add", "Short walk", "--due", "tomorrow", "--every", "mon")
    ok(laptop, "sync")
    ok(desktop, "sync")
    walk = _action_id(desktop, "Short walk")
    ok(laptop, "actions", "done", walk, "--note", "Windy but good.")
    ok(desktop, "actions", "done", walk, "--note", "Went with Sam.", now="2026-11-30T18:00:00")
    for home in (laptop, desktop, laptop):
        ok(home, "sync")

    assert month_texts(laptop) == month_texts(desktop)
    walks = [
        a
        for a in json.loads(ok(laptop, "actions", "--all", "--json").stdout)
        if a["text"] == "Short walk"
    ]
    assert sorted((a["status"], a["due"]) for a in walks) == [
        ("done", "2026-11-30"),  # the occurrence, once
        ("open", "2026-12-07"),  # the plan on its next date, once
    ]
    (record,) = (a for a in walks if a["status"] == "done")
    assert record["changed_on"] == "2026-11-30"  # the later of the two
    assert "Windy but good." in record["note"] and "Went with Sam." in record["note"]


def test_init_says_where_the_journal_is_kept_and_what_to_run_next(
    tmp_path: Path, reflect_home: Path
) -> None:
    remote = bare_remote(tmp_path)
    said = ok(reflect_home, "sync", "init", "--remote", str(remote)).stdout
    assert f"now kept in git, in {reflect_home}." in said
    assert "merge of month files by entry is set up" in said
    assert f"Remote: {remote}. Run `reflect sync` to send your journal there" in said
    assert "bring in what your other devices saved" in said


def test_init_without_a_remote_says_how_to_add_one(reflect_home: Path) -> None:
    said = ok(reflect_home, "sync", "init").stdout
    assert "now kept in git" in said
    assert "`reflect sync init --remote URL`" in said and "Remote:" not in said
