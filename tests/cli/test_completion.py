"""Shell completion through the real `reflect`, as bash, zsh and fish ask for it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import reflect
from tests.conftest import DATA


def complete(shell: str, words: str, home: Path) -> list[str]:
    """What `reflect` offers when `words` (ending where the cursor is) are completed."""
    env = {**os.environ, "_REFLECT_COMPLETE": f"complete_{shell}", "REFLECT_HOME": str(home)}
    if shell == "bash":
        parts = words.split(" ")
        env |= {"COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": words}
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    result = subprocess.run(
        [sys.executable, "-m", "reflect"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\n")


@pytest.fixture
def journal(reflect_home: Path) -> Path:
    shutil.copytree(DATA / "journal", reflect_home / "journal")
    return reflect_home


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_commands_options_and_ids_complete(journal: Path, shell: str) -> None:
    def values(words: str) -> str:
        return "\n".join(complete(shell, words, journal))

    assert "star" in values("reflect st") and "start" in values("reflect st")
    assert "--starred" in values("reflect journal --st")
    assert "k3f9q2mx" in values("reflect show k3")
    assert "w8nb4c2d" not in values("reflect show k3")
    assert "c7pq3mzt" in values("reflect edit c")
    assert "p2wd" in values("reflect actions done p")
    assert "h7rt" not in values("reflect actions done h")  # done already: not offered
    assert "wellbeing-check-in" in values("reflect start well")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_a_script_for_each_shell(shell: str) -> None:
    result = reflect("--show-completion", shell)
    assert result.exit_code == 0, result.output
    assert "_REFLECT_COMPLETE" in result.stdout


def test_a_damaged_journal_completes_nothing_rather_than_an_error(journal: Path) -> None:
    (journal / "journal" / "2026-11.txt").write_bytes(b"\xff\xfe not text")
    assert [v for v in complete("bash", "reflect show k", journal) if v] == []
