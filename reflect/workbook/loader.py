"""Finding, reading and validating workbooks, with errors an author can act on.

A broken workbook gets one short message naming the file, the line (and column
for TOML syntax errors), the dotted path of the bad field
(`sections[2].prompts[0].kind`) and a plain reason. Never a traceback.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reflect.errors import (
    FileTooLargeError,
    WorkbookError,
    WorkbookFolderError,
    could_not,
    os_reason,
)
from reflect.fileio import read_plain_file
from reflect.kinds import NAMES
from reflect.toml_limits import MAX_NESTING, MAX_TOML_BYTES, nesting_line

if TYPE_CHECKING:
    from pydantic import ValidationError

    from reflect.workbook.models import Workbook

MAX_WORKBOOK_BYTES = MAX_TOML_BYTES
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class WorkbookSource:
    """A folder workbooks are found in, and what to call it in listings."""

    label: str  # "bundled", "yours", or the configured folder
    folder: Path


@dataclass(frozen=True)
class FoundWorkbook:
    workbook: Workbook
    path: Path
    source: str


def read_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file, turning every way it can fail into a WorkbookError."""
    try:
        # Links are followed (a workbook kept elsewhere); a pipe, a device or /dev/zero
        # is refused without waiting or reading forever, a huge file before it is read.
        raw = read_plain_file(path, limit=MAX_WORKBOOK_BYTES)
    except FileNotFoundError:
        raise WorkbookError("There is no workbook file here.", path=path) from None
    except IsADirectoryError:
        raise WorkbookError("This is a folder, not a workbook file.", path=path) from None
    except FileTooLargeError:
        raise WorkbookError(
            f"This file is more than {MAX_WORKBOOK_BYTES:,} bytes; a workbook can be at most "
            f"{MAX_WORKBOOK_BYTES:,}.",
            path=path,
        ) from None
    except OSError as exc:
        raise WorkbookError(could_not("read", exc), path=path) from None
    if b"\x00" in raw:
        raise WorkbookError("This looks like a binary file, not a TOML workbook.", path=path)
    try:
        # utf-8-sig: a byte-order mark left by some Windows editors is accepted.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise WorkbookError(
            "This file is not UTF-8 text. Save it as UTF-8 in your editor and try again.",
            path=path,
            line=line,
        ) from None
    deep = nesting_line(text)
    if deep is not None:
        raise WorkbookError(
            f"This file nests too deeply to be a workbook: more than {MAX_NESTING} levels "
            "of brackets, braces and dotted keys, where a workbook needs a handful.",
            path=path,
            line=deep,
        )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POS.search(message)
        reason = _TOML_POS.sub("", message).strip().rstrip(".")
        raise WorkbookError(
            f"This is not valid TOML: {reason}.",
            path=path,
            line=int(match.group(1)) if match else None,
            column=int(match.group(2)) if match else None,
        ) from None
    except RecursionError:
        raise WorkbookError("This file nests too deeply to be a workbook.", path=path) from None


def load_workbook(path: Path) -> Workbook:
    """Read and validate one workbook file."""
    data = read_toml(path)
    return validate_workbook(data, path, source_lines(path))


def validate_workbook(data: dict[str, Any], path: Path, lines: list[str]) -> Workbook:
    # pydantic costs ~60 ms to import; only paid when a workbook is validated.
    from pydantic import ValidationError

    from reflect.workbook.models import Workbook

    try:
        return Workbook.model_validate(data)
    except ValidationError as exc:
        raise _friendly(exc, path, lines) from None


def source_lines(path: Path) -> list[str]:
    try:
        return read_plain_file(path, limit=MAX_WORKBOOK_BYTES).decode("utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return []


def validation_problems(
    exc: ValidationError, lines: list[str]
) -> list[tuple[str, str, int | None]]:
    """(dotted path, plain reason, line) for each thing pydantic found wrong."""
    problems: list[tuple[str, str, int | None]] = []
    for error in exc.errors():
        dotted = dotted_path(error["loc"])
        if error["type"] in {"union_tag_invalid", "union_tag_not_found"}:
            dotted += ".kind"  # the tag is the `kind` key the author wrote (or forgot)
        problems.append((dotted, plain_reason(error), line_for(dotted, lines)))
    return problems


def _friendly(exc: ValidationError, path: Path, lines: list[str]) -> WorkbookError:
    problems = validation_problems(exc, lines)
    first_line = problems[0][2]
    shown = [f"{dotted or 'the workbook'}: {reason}" for dotted, reason, _ in problems[:5]]
    if len(problems) > 5:
        shown.append(f"…and {len(problems) - 5} more.")
    noun = "problem" if len(problems) == 1 else "problems"
    message = f"This workbook has {len(problems)} {noun}:\n  " + "\n  ".join(shown)
    return WorkbookError(message, path=path, line=first_line)


_PROMPT_KINDS = set(NAMES)


def dotted_path(loc: tuple[int | str, ...]) -> str:
    """('sections', 2, 'prompts', 0, 'scale', 'min') -> 'sections[2].prompts[0].min'."""
    out = ""
    previous: int | str | None = None
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(previous, int) and part in _PROMPT_KINDS and out.endswith("]"):
            # The discriminated union adds the prompt kind as a path step; authors
            # never wrote it, so it is left out.
            pass
        else:
            out += f".{part}" if out else str(part)
        previous = part
    return out


def plain_reason(error: Any) -> str:
    kind = error["type"]
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a field workbooks have (a typo?)"
    if kind == "union_tag_invalid":
        return "must be one of: " + ", ".join(sorted(_PROMPT_KINDS))
    if kind == "union_tag_not_found":
        return "is required but missing; it is one of: " + ", ".join(sorted(_PROMPT_KINDS))
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return "must be a whole number, without quotes (for example: 10)"
    if kind in {"bool_parsing", "bool_type"}:
        return "must be true or false, without quotes"
    if kind == "string_type":
        return "must be text in quotes"
    if kind == "list_type":
        return 'must be a list in square brackets: ["…", "…"]'
    if kind == "string_pattern_mismatch":
        if str(error["loc"][-1]) in {"id"}:
            return "must be a short id: lower-case letters, digits, '-' or '_'"
        if str(error["loc"][-1]) == "version":
            return "must be a short version such as '1' or '2.1'"
        return "must be one line of text"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        return str(error["msg"]).replace("List", "list")
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"]).replace("Input should be", "should be")


def line_for(dotted: str, lines: list[str]) -> int | None:
    """Best-effort: the line a dotted path points at in the author's file.

    Walks the `[[sections]]` and `[[sections.prompts]]` headers in order; good
    enough for workbooks written the way the guide shows.
    """
    match = re.match(
        r"^(?:sections\[(\d+)\](?:\.prompts\[(\d+)\])?\.?)?([A-Za-z_][A-Za-z0-9_-]*)?", dotted
    )
    if not match or not lines:
        return None
    section = int(match.group(1)) if match.group(1) else None
    prompt = int(match.group(2)) if match.group(2) else None
    key = match.group(3)
    start, end = 0, len(lines)
    if section is not None:
        found = _nth_header(lines, "[[sections]]", section, 0, len(lines))
        if found is None:
            return None
        start = found
        end = _next_header(lines, "[[sections]]", start + 1)
        if prompt is not None:
            found = _nth_header(lines, "[[sections.prompts]]", prompt, start, end)
            if found is None:
                return start + 1
            start = found
            end = min(end, _next_header(lines, "[[sections.prompts]]", start + 1))
    if key:
        key_re = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(start, end):
            if key_re.match(lines[number]):
                return number + 1
    return start + 1 if section is not None else None


def _nth_header(lines: list[str], header: str, n: int, start: int, end: int) -> int | None:
    count = -1
    for number in range(start, end):
        if lines[number].strip() == header:
            count += 1
            if count == n:
                return number
    return None


def _next_header(lines: list[str], header: str, start: int) -> int:
    for number in range(start, len(lines)):
        stripped = lines[number].strip()
        if stripped == header or (header == "[[sections]]" and stripped.startswith("[[sections]]")):
            return number
    return len(lines)


def is_path_like(name: str) -> bool:
    return name.endswith(".toml") or "/" in name or "\\" in name


def workbook_files(
    sources: list[WorkbookSource], problems: list[WorkbookError] | None = None
) -> Iterator[tuple[WorkbookSource, Path]]:
    """Every `.toml` file in each source, in order. A folder that is missing is passed
    over (a drive not plugged in); one that cannot be searched (no permission, a name
    too long, a file or a link loop on the way) is added to `problems` and passed over."""
    for source in sources:
        try:
            names = toml_names(source.folder)
        except WorkbookFolderError as exc:
            if problems is not None:
                problems.append(exc)
            continue
        for name in names:
            yield source, source.folder / name


def toml_names(folder: Path) -> list[str]:
    """The `.toml` names directly in `folder`, sorted; [] when it does not exist.
    Raises WorkbookFolderError, naming the folder, when it cannot be searched."""
    try:
        with os.scandir(folder) as listing:
            return sorted(item.name for item in listing if item.name.endswith(".toml"))
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise WorkbookFolderError(
            f"Could not look for workbooks in this folder ({os_reason(exc)}).",
            path=folder,
            hint="If it is one of the `workbook_dirs` in your config file, correct or remove it.",
        ) from None


def _is_file(path: Path) -> bool:
    """`path.is_file()`, False rather than an exception for a path that cannot be looked at
    (a name too long, no permission): the search that follows says what is wrong."""
    try:
        return path.is_file()
    except OSError:
        return False


def find_workbook(name: str, sources: list[WorkbookSource]) -> FoundWorkbook:
    """A workbook by id (searching each source in order) or by path to a .toml file."""
    if is_path_like(name):
        path = Path(name).expanduser()
        return FoundWorkbook(load_workbook(path), path, "file")
    if not _ID_RE.match(name):
        raise WorkbookError(
            f"'{name}' is not a workbook id. Ids use lower-case letters, digits, '-' and '_'; "
            "to open a file, give its path ending in .toml."
        )
    for source in sources:
        candidate = source.folder / f"{name}.toml"
        if _is_file(candidate):
            return FoundWorkbook(load_workbook(candidate), candidate, source.label)
    problems: list[WorkbookError] = []
    for source, path in workbook_files(sources, problems):
        try:
            workbook = load_workbook(path)
        except WorkbookError:
            continue
        if workbook.id == name:
            return FoundWorkbook(workbook, path, source.label)
    if problems:
        raise problems[0]  # it may be in the folder that could not be searched
    raise WorkbookError(
        f"There is no workbook called '{name}'.", hint="Run `reflect workbooks` to see them all."
    )


def all_workbooks(sources: list[WorkbookSource]) -> tuple[list[FoundWorkbook], list[WorkbookError]]:
    """Every workbook on the search path; the first of each id wins. Broken files, and folders
    that could not be searched (WorkbookFolderError), are returned separately so a
    listing can mention them without failing."""
    found: dict[str, FoundWorkbook] = {}
    broken: list[WorkbookError] = []
    for source, path in workbook_files(sources, broken):
        try:
            workbook = load_workbook(path)
        except WorkbookError as exc:
            broken.append(exc)
            continue
        found.setdefault(workbook.id, FoundWorkbook(workbook, path, source.label))
    return list(found.values()), broken
