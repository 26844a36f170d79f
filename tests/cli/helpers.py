"""Small helpers for CLI tests: run reflect the way a person would, through CliRunner."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from reflect.cli.main import app


def reflect(*args: str, input: str | None = None) -> Result:
    """Run `reflect ARGS...` in-process, with stdin from `input`."""
    return CliRunner().invoke(app, list(args), input=input)


def actions_json(*extra: str) -> list[dict[str, Any]]:
    result = reflect("actions", "--json", *extra)
    assert result.exit_code == 0, result.output
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


def journal_text(home: Path) -> str:
    files = sorted((home / "journal").glob("*.txt"))
    return "".join(path.read_text(encoding="utf-8") for path in files)


def use_fake_editor(folder: Path, saves: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """`reflect write` at a terminal, with an $EDITOR that saves `saves` and quits."""
    editor = folder / "fake-editor"
    editor.write_text(f"#!{sys.executable}\nimport sys\nopen(sys.argv[1], 'wb').write({saves!r})\n")
    editor.chmod(0o700)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.setattr("reflect.cli.common.stdin_is_terminal", lambda: True)
