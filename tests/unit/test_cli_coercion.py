"""Every option of every command reads the same with the quick coercion as with Typer's.

reflect.cli.coercion answers the obvious values (a word, a whole number in range,
an Enum value) without building Typer's pydantic adapters. Here each parameter of
the real command tree gets sample values both ways; where the quick path answers,
its answer must equal Typer's, and where Typer refuses a value, the quick path must
have left it to Typer.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.core
from packaging.requirements import Requirement
from typer._click import Command, Context
from typer._coercion import build_runtime_param

from reflect.cli import coercion
from reflect.cli.main import app

SAMPLES = ["hello", "", " spaced ", "Straße ünï", "10", "1", "0", "-3", "007", "1e3", "x1", "99999"]


def _parameters() -> Iterator[tuple[str, Command, Any]]:
    def walk(command: Command, path: str) -> Iterator[tuple[str, Command, Any]]:
        for param in command.params:
            if hasattr(param, "type_descriptor"):
                yield f"{path} {param.name}", command, param
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, f"{path} {name}")

    yield from walk(typer.main.get_command(app), "reflect")


PARAMETERS = list(_parameters())


def _values(param: Any) -> list[Any]:
    annotation = coercion._without_none(param.type_descriptor.annotation)
    values: list[Any] = list(SAMPLES)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        values += [member.value for member in annotation] + ["MARKDOWN"]
    return [*values, tuple(SAMPLES[:3]), ("a",)]


def test_the_quick_path_is_installed() -> None:
    """Within the pinned Typer the private name is there and swapped: a Typer that
    moved it fails here rather than quietly costing every command ~80 ms."""
    swapped = vars(typer.core)["build_runtime_param"]  # a name typer.core does not export
    assert getattr(swapped, "reflect_quick", False)
    assert len(PARAMETERS) > 20


def test_the_installed_typer_is_one_the_pin_allows() -> None:
    """The suite runs at the Typer installed (.ci/run: the highest, then the lowest
    pinned); a run outside the pin would prove nothing about it."""
    pyproject = Path(__file__).parents[2] / "pyproject.toml"
    with pyproject.open("rb") as file:
        dependencies = tomllib.load(file)["project"]["dependencies"]
    [pin] = [Requirement(d) for d in dependencies if Requirement(d).name == "typer"]
    assert pin.specifier.contains(typer.__version__), (typer.__version__, str(pin.specifier))
    assert any(spec.operator == "<" for spec in pin.specifier)  # an upper bound


def test_importing_reflect_changes_nothing_in_typer_until_an_app_is_built() -> None:
    probe = (
        "import typer.core\n"
        "import reflect.cli.root as root\n"
        "import reflect.cli.start\n"
        "before = getattr(typer.core.build_runtime_param, 'reflect_quick', False)\n"
        "root.new_app()\n"
        "after = getattr(typer.core.build_runtime_param, 'reflect_quick', False)\n"
        "print(before, after)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


@pytest.mark.parametrize(("where", "command", "param"), PARAMETERS, ids=[p[0] for p in PARAMETERS])
def test_quick_values_equal_typers(where: str, command: Command, param: Any) -> None:
    descriptor = param.type_descriptor
    real = build_runtime_param(descriptor)  # Typer's own, pydantic and all
    ctx = Context(command)
    for value in _values(param):
        quick = coercion.quick_value(descriptor.annotation, descriptor.parameter_info, value)
        try:
            expected = real._coerce_value(value, param=param, ctx=ctx)
        except typer.BadParameter:
            assert quick is coercion._MISSING, (where, value)
            continue
        if quick is not coercion._MISSING:
            assert quick == expected and type(quick) is type(expected), (where, value)
