"""Looking back from the journal in one call, for `reflect insights` and the app's
Looking back screen alike: read the month files, work the numbers out, label the
scales from their workbooks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from reflect.insights.facts import read_journal
from reflect.insights.labels import workbook_labels
from reflect.insights.stats import Insights, look_back
from reflect.journal.query import Filters
from reflect.journal.store import JournalStore

if TYPE_CHECKING:
    from reflect.workbook.loader import WorkbookSource

MOST_PROCESSES = 4


def gather(
    store: JournalStore,
    filters: Filters,
    *,
    today: date,
    sources: Sequence[WorkbookSource] | None,
    processes: int | None = None,
) -> Insights:
    """Everything looking back shows. `sources`: where the workbooks are, for the
    scales' labelled ends (None: numbers only). `processes`: how many to share a long
    journal between (default: as many cores as there are, where forking is safe)."""
    from reflect.export.parallel import processes_to_use

    read = read_journal(
        store,
        filters,
        processes=processes_to_use(MOST_PROCESSES) if processes is None else processes,
    )
    return look_back(
        read.entries,
        today=today,
        since=filters.since,
        until=filters.until,
        workbook=filters.workbook,
        labels=workbook_labels(list(sources)) if sources is not None else None,
        left_out=read.left_out,
    )
