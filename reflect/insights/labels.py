"""The labelled ends of a scale ('Really low' … 'Really good'), from its workbook.

The journal keeps a scale answer's number and range, not its labels, so they come
from the workbook as it is now, and only when its prompt still has the same range:
labels of a 0 to 10 scale must never be put on the ends of an old 1 to 5 one. A
workbook that is gone or broken simply gives no labels (the numbers still show).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reflect.errors import ReflectError
from reflect.insights.stats import Labels

if TYPE_CHECKING:
    from reflect.kinds.base import Ends
    from reflect.workbook.loader import WorkbookSource


def workbook_labels(sources: list[WorkbookSource]) -> Labels:
    """A Labels lookup that reads each workbook once, when first asked about it."""
    # Only the workbooks of scales being shown are read (a TOML file each, ~1 ms), so a
    # journal without scales reads none.
    books: dict[str, dict[str, Ends] | None] = {}

    def labels(
        workbook: str, prompt: str, low: int, high: int
    ) -> tuple[str | None, str | None] | None:
        if workbook not in books:
            books[workbook] = _scales_of(workbook, sources)
        scales = books[workbook]
        if scales is None or prompt not in scales:
            return None
        its_low, its_high, low_label, high_label = scales[prompt]
        if (its_low, its_high) != (low, high):
            return None
        return low_label, high_label

    return labels


def _scales_of(workbook: str, sources: list[WorkbookSource]) -> dict[str, Ends] | None:
    """The scale prompts of the first workbook with this id on the search path (as
    `reflect start` finds it), read as TOML without pydantic's validation: labels are
    words to show, and validating would cost ~150 ms of import in a command that
    otherwise takes ~300. A value of the wrong type is simply not used."""
    from reflect.workbook.loader import read_toml, workbook_files

    named = [source.folder / f"{workbook}.toml" for source in sources]
    for path in [*(p for p in named if p.is_file()), *(p for _, p in workbook_files(sources))]:
        try:
            data = read_toml(path)
        except ReflectError:
            continue
        if data.get("id") == workbook:
            return _scales_in(data)
    return None


def _scales_in(data: dict[str, Any]) -> dict[str, Ends]:
    """Each prompt's labelled ends, as its kind reads them from the TOML (scales)."""
    from reflect.kinds import named

    found = {}
    for section in _tables(data.get("sections")):
        for prompt in _tables(section.get("prompts")):
            kind = named(prompt["kind"]) if isinstance(prompt.get("kind"), str) else None
            if kind is None or not isinstance(prompt.get("id"), str):
                continue
            if (ends := kind.labelled_ends(prompt)) is not None:
                found[prompt["id"]] = ends
    return found


def _tables(value: object) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
