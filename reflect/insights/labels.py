"""The labelled ends of a scale ('Really low' … 'Really good'), from its workbook.

The journal keeps a scale answer's number and range, not its labels, so they come
from the workbook as it is now, and only when its prompt still has the same range:
labels of a 0 to 10 scale must never be put on the ends of an old 1 to 5 one. A
workbook that is gone or broken simply gives no labels (the numbers still show).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reflect.errors import ReflectError
from reflect.insights.stats import Labels

if TYPE_CHECKING:
    from reflect.workbook.loader import WorkbookSource


def workbook_labels(sources: list[WorkbookSource]) -> Labels:
    """A Labels lookup that reads each workbook once, when first asked about it."""
    # Only the workbooks of scales being shown are read (pydantic and one TOML file:
    # ~60 ms for the first), so a journal without scales pays nothing.
    books: dict[str, dict[str, tuple[int, int, str | None, str | None]] | None] = {}

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


def _scales_of(
    workbook: str, sources: list[WorkbookSource]
) -> dict[str, tuple[int, int, str | None, str | None]] | None:
    from reflect.workbook.loader import find_workbook
    from reflect.workbook.models import ScalePrompt

    try:
        found = find_workbook(workbook, sources).workbook
    except ReflectError:
        return None
    return {
        prompt.id: (prompt.min, prompt.max, prompt.min_label, prompt.max_label)
        for section in found.sections
        for prompt in section.prompts
        if isinstance(prompt, ScalePrompt)
    }
