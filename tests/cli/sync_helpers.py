"""Two devices, each with its own data folder, and a bare git repository between them.

No network: the "remote" is a bare repository in the test's tmp folder. git's
identity comes from the environment, and the developer's own git config (signing,
hooks, aliases) is kept out by pointing GIT_CONFIG_GLOBAL at an empty file.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from reflect.cli.main import app
from reflect.journal.parse import parse

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Sam Example",
    "GIT_AUTHOR_EMAIL": "sam@example.org",
    "GIT_COMMITTER_NAME": "Sam Example",
    "GIT_COMMITTER_EMAIL": "sam@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}
CONFLICT_MARKERS = re.compile(r"^(<<<<<<<|=======|>>>>>>>)", re.MULTILINE)


def isolate_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "gitconfig"
    config.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    for name, value in GIT_IDENTITY.items():
        monkeypatch.setenv(name, value)


def on(home: Path, *args: str, input: str | None = None, now: str | None = None) -> Result:
    """`reflect ARGS` on the device whose data folder is `home`."""
    env = {"REFLECT_HOME": str(home)}
    if now is not None:
        env["REFLECT_NOW"] = now
    return CliRunner().invoke(app, list(args), input=input, env=env)


def ok(home: Path, *args: str, input: str | None = None, now: str | None = None) -> Result:
    result = on(home, *args, input=input, now=now)
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout


def bare_remote(tmp_path: Path) -> Path:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    return remote


def month_texts(home: Path) -> dict[str, str]:
    folder = home / "journal"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("????-??.txt"))}


def entry_ids(home: Path) -> list[str]:
    """Every entry id in the device's journal, as often as it occurs."""
    return [
        entry.id
        for name, text in month_texts(home).items()
        for entry in parse(text, Path(name)).entries
    ]


def no_conflict_markers(home: Path) -> bool:
    return not any(CONFLICT_MARKERS.search(text) for text in month_texts(home).values())


def reflect_process(home: Path, *args: str) -> subprocess.Popen[str]:
    """A real `reflect` process (for kills), with this test's environment."""
    env = dict(os.environ, REFLECT_HOME=str(home))
    return subprocess.Popen(
        [sys.executable, "-m", "reflect", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
