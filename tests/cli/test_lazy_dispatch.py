"""`reflect NAME ...` imports one command's module, and says exactly what the full app says.

reflect.cli.root builds a one-command app for the first word when it can (start-up
is ~40 ms quicker); both that app and the full one (reflect.cli.main) are built
from root.COMMANDS. These tests check that no module adds a command the table does
not name (it would be missing from the one-command start-up), and that a person
cannot tell the two apps apart.
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


@pytest.mark.parametrize("name", list(root.COMMANDS))
def test_each_one_command_app_has_the_command_it_is_for(name: str) -> None:
    app = root.app_for([name])
    names = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    assert name in names and names <= set(root.COMMANDS)


def test_the_full_app_lists_commands_in_the_tables_order() -> None:
    """`reflect --help` shows the commands in the table's order (Typer puts the groups,
    such as `actions`, after the single commands)."""
    singles = [name for name, (_, is_group) in root.COMMANDS.items() if not is_group]
    groups = [name for name, (_, is_group) in root.COMMANDS.items() if is_group]
    help_text = CliRunner().invoke(full_app, ["--help"]).output
    lines = help_text.split("Commands:\n")[1].splitlines()
    assert [line.split()[0] for line in lines if line.strip()] == [*singles, *groups]


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
