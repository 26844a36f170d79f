"""Read plain command-line values without pydantic: ~80 ms off every command.

Typer 0.2x checks each option's value with a pydantic TypeAdapter, built the first
time the option is used. Importing pydantic and building the adapters costs about
80 ms, more than everything `reflect journal -n 10` does with ten years of journal.
Almost every value people type is plain: a word (`str`), a whole number within
its bounds (`int`), one of an Enum's values. For those the answer is obvious, so
this module gives it straight away; anything else (a number out of range, a
path, a typo in a choice) goes to Typer's own adapter, which says what is wrong
in Typer's usual words. The value a command receives is the same either way:
tests/unit/test_cli_coercion.py checks every option of every command both ways.

`install()` swaps the one function Typer builds its coercions with
(`typer.core.build_runtime_param`, a private name: Typer's public API has no hook
that skips the adapters, since even a `parser=` is wrapped in one). So
pyproject.toml pins Typer to the minor version this is tested against, at both
ends (.ci/run runs the CLI tests at the lowest pinned Typer too), and
reflect.cli.root.new_app() installs it when an app is built, not when a module is
imported. Should a Typer outside the pin lack the name, nothing is swapped and
everything still works, only slower.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from enum import Enum
from typing import Any, Union, get_args, get_origin

_INT = re.compile(r"-?[0-9]{1,18}")
_MISSING = object()


def quick_value(annotation: Any, info: Any, value: Any) -> Any:
    """The coerced value when it is obvious, else `_MISSING` (Typer then decides)."""
    if getattr(info, "parser", None) is not None or getattr(info, "click_type", None) is not None:
        return _MISSING
    annotation = _without_none(annotation)
    if get_origin(annotation) is list:
        (inner,) = get_args(annotation) or (Any,)
        if inner is str and isinstance(value, list | tuple) and _all_str(value):
            return list(value)
        return _MISSING
    if annotation is str and type(value) is str:
        return value
    if annotation is int and type(value) is str and _INT.fullmatch(value):
        number = int(value)
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        if (low is not None and number < low) or (high is not None and number > high):
            return _MISSING  # Typer says what the bounds are
        return number
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        if isinstance(value, annotation):
            return value  # the default, given as a member (`reflect export` alone)
        if type(value) is str:
            for member in annotation:
                if member.value == value:
                    return member
    return _MISSING


def _all_str(values: list[Any] | tuple[Any, ...]) -> bool:
    return all(type(item) is str for item in values)


def _without_none(annotation: Any) -> Any:
    """`X` for `X | None` or `Optional[X]`."""
    if get_origin(annotation) in (Union, types.UnionType):
        rest = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation


def install() -> None:
    """Make Typer try `quick_value` before building a pydantic adapter."""
    try:
        import typer.core as core
        from typer._coercion import RuntimeParam
    except ImportError:  # pragma: no cover - a Typer without adapters needs nothing
        return
    found: Callable[[Any], Any] | None = getattr(core, "build_runtime_param", None)
    if found is None or getattr(found, "reflect_quick", False):
        return
    real_build: Callable[[Any], Any] = found

    class QuickRuntimeParam(RuntimeParam):
        """Typer's coercion contract, answering the obvious cases itself."""

        descriptor: Any
        real: Any

        def __init__(self, descriptor: Any) -> None:
            super().__init__(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )
            object.__setattr__(self, "descriptor", descriptor)
            object.__setattr__(self, "real", None)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            quick = quick_value(self.annotation, self.parameter_info, value)
            if quick is not _MISSING:
                return quick
            if self.real is None:
                object.__setattr__(self, "real", real_build(self.descriptor))
            return self.real._coerce_value(value, param=param, ctx=ctx)

    def build(descriptor: Any) -> Any:
        if descriptor.file_annotation is not None:
            return real_build(descriptor)
        return QuickRuntimeParam(descriptor)

    build.reflect_quick = True  # type: ignore[attr-defined]  # marks it installed
    core.build_runtime_param = build  # type: ignore[attr-defined]  # Typer's private name
