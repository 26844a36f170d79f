"""The read side and the exporters import no UI and nothing heavy: the TUI's journal
screen and scripts use them, and `reflect --help` must not pay for them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEADLESS = [
    "reflect.journal.query",
    "reflect.export.markdown",
    "reflect.export.json",
    "reflect.export.output",
    "reflect.importers.jrnl",
]


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", HEADLESS)
def test_reading_and_exporting_import_no_ui(module: str) -> None:
    loaded = _modules_after(f"import {module}")
    for heavy in ("textual", "rich", "typer", "pydantic", "icalendar"):
        assert heavy not in loaded, heavy
    assert not any(name.startswith("reflect.tui") for name in loaded)


def test_the_cli_loads_exporters_and_rich_only_when_a_command_needs_them() -> None:
    loaded = _modules_after("import reflect.cli.main")
    for lazy in ("reflect.export.markdown", "reflect.export.json", "reflect.importers.jrnl"):
        assert lazy not in loaded, lazy
