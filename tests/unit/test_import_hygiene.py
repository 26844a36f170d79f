"""The domain imports no UI, and the fast commands stay fast.

Run in subprocesses so modules imported by other tests cannot hide a leak.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

DOMAIN = [
    "reflect.workbook.models",
    "reflect.workbook.loader",
    "reflect.session",
    "reflect.drafts",
    "reflect.journal.parse",
    "reflect.journal.render",
    "reflect.kinds",
    "reflect.journal.store",
    "reflect.actions",
    "reflect.dates",
    "reflect.plain",
    "reflect.insights.stats",
    "reflect.insights.facts",
    "reflect.insights.text",
    "reflect.insights.html",
    "reflect.insights.jsonout",
    "reflect.insights.labels",
]


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", DOMAIN)
def test_domain_modules_do_not_import_textual(module: str) -> None:
    loaded = _modules_after(f"import {module}")
    assert "textual" not in loaded
    assert not any(name.startswith("reflect.tui") for name in loaded)


def test_cli_module_does_not_import_textual_or_pydantic() -> None:
    loaded = _modules_after("import reflect.cli.main")
    assert "textual" not in loaded
    assert "pydantic" not in loaded  # only commands that read workbooks pay for it


def test_journal_and_remind_do_not_import_heavy_libraries() -> None:
    """The answer kinds' journal side too: their workbook fields (pydantic) load lazily."""
    loaded = _modules_after("import reflect.remind, reflect.journal.store, reflect.kinds")
    for heavy in ("textual", "pydantic", "rich", "typer"):
        assert heavy not in loaded, heavy


@pytest.mark.parametrize("argv", [["--help"], ["remind"], ["actions"], ["actions", "--json"]])
def test_fast_commands_do_not_import_textual(argv: list[str]) -> None:
    code = (
        "import sys\n"
        f"sys.argv = ['reflect', *{argv!r}]\n"
        "from reflect.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
    )
    assert "textual" not in _modules_after(code)


@pytest.mark.parametrize(
    "argv",
    [["journal"], ["search", "word"], ["export"], ["export", "--format", "markdown"], ["actions"]],
)
def test_reading_commands_do_not_import_pydantic(argv: list[str]) -> None:
    """Typer checks option values with pydantic (~60 ms to import) unless
    reflect.cli.coercion answers first: defaults included."""
    code = (
        "import sys\n"
        f"sys.argv = ['reflect', *{argv!r}]\n"
        "from reflect.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
    )
    assert "pydantic" not in _modules_after(code)


# Reading, exporting and importing: no UI, and loaded only by the commands that use them.
HEADLESS = [
    "reflect.journal.query",
    "reflect.export.markdown",
    "reflect.export.json",
    "reflect.importers.jrnl",
]


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
