"""Checking a workbook file the way `reflect workbook check` reports it: every problem on
its own line, with file, line, dotted path and a plain reason.

Loading a workbook to walk it (`reflect.workbook.loader.load_workbook`) stops at the
first failure with one summary paragraph; an author fixing a file wants the whole
list at once, each entry pointing at a line their editor can jump to. Errors mean
the workbook cannot be used; advice (see `reflect.workbook.advice`) means it works
but a reader may trip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from reflect.errors import WorkbookError
from reflect.workbook.advice import advise
from reflect.workbook.loader import (
    line_for,
    read_toml,
    source_lines,
    toml_names,
    validation_problems,
)

if TYPE_CHECKING:
    from reflect.workbook.models import Workbook

Severity = Literal["error", "advice"]
_DUPLICATE = re.compile(r"^the (section|prompt) id '(.+)' is used more than once$")


@dataclass(frozen=True)
class Problem:
    severity: Severity
    file: Path
    line: int | None
    path: str  # dotted path inside the workbook; empty for the file as a whole
    message: str
    column: int | None = None

    def __str__(self) -> str:
        """`file:line: path: message`, the shape editors and CI logs understand."""
        where = str(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


@dataclass
class CheckResult:
    file: Path
    workbook: Workbook | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def advice(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "advice"]


def check_file(path: Path, today: date) -> CheckResult:
    """Errors (the file cannot be used) or, for a valid workbook, advice."""
    # pydantic costs ~60 ms to import; only paid when a workbook is checked.
    from pydantic import ValidationError

    from reflect.workbook.models import Workbook

    result = CheckResult(path)
    try:
        data = read_toml(path)
    except WorkbookError as exc:
        message = exc.message
        if exc.line is not None:
            message += _toml_hint(source_lines(path), exc.line)
        result.problems.append(Problem("error", path, exc.line, "", message, column=exc.column))
        return result
    lines = source_lines(path)
    try:
        workbook = Workbook.model_validate(data)
    except ValidationError as exc:
        for dotted, reason, line in validation_problems(exc, lines):
            duplicate = _DUPLICATE.match(reason)
            if duplicate and not dotted:
                dotted = _second_use(data, duplicate.group(1), duplicate.group(2))
                line = line_for(dotted, lines)
            if line is None and "[" not in dotted and lines:
                line = 1  # a missing top-level field: the top of the file is where it goes
            result.problems.append(Problem("error", path, line, dotted, reason))
        return result
    result.workbook = workbook
    found = advise(workbook, lines, today, file_stem=path.stem)
    for advice in sorted(found, key=lambda a: a.line or 0):  # in file order, for editors
        result.problems.append(Problem("advice", path, advice.line, advice.path, advice.message))
    return result


def _toml_hint(lines: list[str], line: int) -> str:
    """A nudge for the TOML mistake authors make most: a plain quote inside quoted text."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if text.count('"') > 2 and '"""' not in text:
        return (
            ' (A " inside "…" ends the text early: use an apostrophe or curly quotes “ ” instead.)'
        )
    return ""


def _second_use(data: dict[str, Any], what: str, value: str) -> str:
    """The dotted path of the second section or prompt using an id, so the error points at
    the copy rather than at the whole workbook ('' when it cannot be found)."""
    seen = False
    for s_index, section in enumerate(data.get("sections", [])):
        if not isinstance(section, dict):
            continue
        candidates: list[tuple[str, Any]]
        if what == "section":
            candidates = [(f"sections[{s_index}].id", section.get("id"))]
        else:
            prompts = section.get("prompts", [])
            candidates = [
                (f"sections[{s_index}].prompts[{p_index}].id", prompt.get("id"))
                for p_index, prompt in enumerate(prompts if isinstance(prompts, list) else [])
                if isinstance(prompt, dict)
            ]
        for dotted, found in candidates:
            if found == value:
                if seen:
                    return dotted
                seen = True
    return ""


def workbook_files_in(paths: list[Path]) -> list[Path]:
    """The files named, with folders opened up to the `.toml` files directly inside them.

    Raises WorkbookFolderError for a folder that cannot be searched. A path that cannot
    even be looked at (a name too long) is passed on as a file, for `check_file` to name.
    """
    files: list[Path] = []
    for path in paths:
        if _is_dir(path):
            # Not only plain files: a pipe or a device named *.toml is checked, and named
            # as what it is, rather than skipped in silence.
            files += [path / name for name in toml_names(path) if not _is_dir(path / name)]
        else:
            files.append(path)
    return files


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False
