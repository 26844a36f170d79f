"""`reflect NAME ...` imports one command's module, and says exactly what the full app says.

reflect.cli.root builds a one-command app for the first word when it can (start-up
is ~40 ms quicker); these tests keep its table in step with reflect.cli.main and
check that a person cannot tell the two apart.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reflect.cli import root
from reflect.cli.main import app as full_app


def _full_names() -> set[str]:
    names = {c.name for c in full_app.registered_commands}
    names |= {g.name for g in full_app.registered_groups}
    return {name for name in names if name}


def test_the_table_names_every_command_of_the_full_app() -> None:
    assert set(root.COMMANDS) == _full_names()


def _subcommands(name: str) -> list[str]:
    for group in full_app.registered_groups:
        if group.name == name and group.typer_instance is not None:
            return [c.name for c in group.typer_instance.registered_commands if c.name]
    return []


CASES = [[name, "--help"] for name in root.COMMANDS] + [
    [name, sub, "--help"] for name in root.COMMANDS for sub in _subcommands(name)
]


@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_one_command_app_prints_the_same_help(args: list[str]) -> None:
    lazy = CliRunner().invoke(root.app_for(args), args)
    full = CliRunner().invoke(full_app, args)
    assert (lazy.exit_code, lazy.output) == (full.exit_code, full.output)


@pytest.mark.parametrize(
    "args",
    [["journal", "--number", "0"], ["export", "--format", "pdf"], ["search"], ["--version"]],
    ids=" ".join,
)
def test_one_command_app_refuses_the_same_way(args: list[str]) -> None:
    lazy = CliRunner().invoke(root.app_for(args), args)
    full = CliRunner().invoke(full_app, args)
    assert (lazy.exit_code, lazy.output) == (full.exit_code, full.output)


def test_a_command_imports_only_its_own_module(reflect_home: Path) -> None:
    env = {**os.environ, "REFLECT_HOME": str(reflect_home)}
    probe = (
        "import sys\n"
        "sys.argv = ['reflect', 'journal', '-n', '1']\n"
        "from reflect.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('reflect.cli.', 'pydantic'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    loaded = done.stdout.strip().splitlines()[-1]
    assert "reflect.cli.journal" in loaded
    for other in ("reflect.cli.actions", "reflect.cli.export", "reflect.cli.main", "pydantic"):
        assert f"'{other}'" not in loaded, loaded
