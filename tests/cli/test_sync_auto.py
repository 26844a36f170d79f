"""`sync.auto = true`: a background sync after every save and as reflect starts; a
failed one is told once, on the next command, and tried again by the next sync."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reflect.paths import get_paths
from tests.cli.sync_helpers import bare_remote, git, isolate_git, ok, on

AUTO = "[sync]\nauto = true\n"


@pytest.fixture(autouse=True)
def _git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(tmp_path, monkeypatch)


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The background syncs commands start (recorded, not run: they are detached)."""
    started: list[Path] = []
    monkeypatch.setattr("reflect.sync.auto.launch", lambda paths: started.append(paths.journal_dir))
    return started


def _config(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["write", "A note."], 2),  # as it starts, and after the save
        (["actions", "add", "Phone Sam"], 2),
        (["journal"], 1),  # as it starts only: nothing was saved
        (["remind"], 0),  # a shell start-up line never starts a sync
    ],
)
def test_with_sync_auto_commands_start_a_background_sync(
    reflect_home: Path, launched: list[Path], command: list[str], expected: int
) -> None:
    _config(reflect_home, AUTO)
    ok(reflect_home, *command)
    assert launched == [reflect_home / "journal"] * expected


@pytest.mark.parametrize(
    "config", [None, "", "[sync]\nauto = false\n", 'support_note = "Call Jo"\n']
)
def test_without_sync_auto_nothing_is_started(
    reflect_home: Path, launched: list[Path], config: str | None
) -> None:
    if config is not None:
        _config(reflect_home, config)
    ok(reflect_home, "write", "A note.")
    assert launched == []


@pytest.mark.parametrize(
    ("config", "words"),
    [
        ("sync = true\n", "`sync` must be a table"),
        ("[sync]\nauto = 'yes'\n", "`sync.auto` must be true or false"),
        ("[sync]\nautomatic = true\n", "Unknown setting 'sync.automatic'"),
    ],
)
def test_a_wrong_sync_setting_is_named(reflect_home: Path, config: str, words: str) -> None:
    _config(reflect_home, config)
    result = on(reflect_home, "start", "--plain", "wellbeing-check-in", input="")
    assert result.exit_code == 2 and words in result.output


def _background(home: Path) -> subprocess.CompletedProcess[str]:
    """What a launched background sync runs (here waited for, to look at what it left)."""
    return subprocess.run(
        [sys.executable, "-m", "reflect", "sync", "--background"],
        env={**__import__("os").environ, "REFLECT_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_failed_background_push_is_told_once_then_retried(
    tmp_path: Path, reflect_home: Path, launched: list[Path]
) -> None:
    ok(reflect_home, "write", "Before syncing.")
    missing = tmp_path / "not-there-yet.git"
    ok(reflect_home, "sync", "init", "--remote", str(missing))
    ok(reflect_home, "write", "Saved while the remote is away.")

    done = _background(reflect_home)
    assert done.returncode == 4 and done.stdout == "" and done.stderr == ""  # it speaks to no one
    first = ok(reflect_home, "journal")
    assert first.stderr.count("the last background sync did not finish") == 1
    assert "It will be tried again." in first.stderr
    assert "last background sync" not in ok(reflect_home, "journal").stderr  # told once
    assert _background(reflect_home).returncode == 4  # fails again, for the same reason
    assert "last background sync" not in ok(reflect_home, "journal").stderr  # not told again

    subprocess.run(["git", "init", "-q", "--bare", str(missing)], check=True)
    assert _background(reflect_home).returncode == 0  # the retry sends everything
    assert "Saved while the remote is away" in git(missing, "log", "--format=%s", "main")
    assert not (get_paths().state_dir / "sync-status.json").exists()


def test_background_sync_commits_each_save_with_a_message_saying_what(
    tmp_path: Path, reflect_home: Path
) -> None:
    remote = bare_remote(tmp_path)
    ok(reflect_home, "sync", "init", "--remote", str(remote))
    ok(reflect_home, "actions", "add", "Phone Sam", "--due", "fri")
    assert _background(reflect_home).returncode == 0
    assert git(remote, "log", "-1", "--format=%s", "main").strip() == "Planned: Phone Sam, 29 Nov"


@pytest.mark.parametrize(
    ("failures", "told"),
    [
        (["offline."], [True]),
        (["offline.", "offline."], [True, False]),  # the same failure is told once
        (["offline.", "offline.", "offline."], [True, False, False]),
        (["offline.", "no such remote."], [True, True]),  # a new failure is news
        (["offline.", None, "offline."], [True, None, True]),  # after a sync that worked
    ],
)
def test_a_failure_is_told_once_until_it_changes_or_a_sync_works(
    reflect_home: Path, failures: list[str | None], told: list[bool | None]
) -> None:
    from reflect.sync import auto

    reflect_home.mkdir(parents=True, exist_ok=True)
    heard: list[bool | None] = []
    for failure in failures:
        auto.record(get_paths(), failure)
        news = auto.take_news(get_paths())
        heard.append(None if failure is None else news is not None)
        if news is not None:
            assert failure is not None and failure in news
    assert heard == told
