"""Journal entries with actions at fixed ids and dates, written through the real store."""

from __future__ import annotations

from datetime import date, datetime

from reflect.journal.model import Action, Entry, SectionRecord
from reflect.journal.store import JournalStore
from reflect.kinds.action import ActionAnswer


def write_plans(store: JournalStore) -> None:
    """Four open actions (overdue, today, next week, no date) and one already done."""
    planned = ActionAnswer(
        "next",
        "What will you do, and by when?",
        (
            Action("k3f9", "Phone Sam about the walking group", due=date(2026, 11, 27)),
            Action("m4p2", "Water the [green] plants $(now)", due=date(2026, 11, 29)),
            Action("q7r8", "Book the community room", due=date(2026, 12, 3)),
        ),
    )
    store.add_entry(
        Entry(
            "abcd2345",
            datetime(2026, 11, 22, 9, 30),
            "Weekly wellbeing check-in",
            workbook="wellbeing-check-in",
            version="1",
            sections=(SectionRecord("next-steps", "Next steps", (planned,)),),
        )
    )
    store.add_entry(
        Entry(
            "efgh6789",
            datetime(2026, 11, 24, 18, 0),
            "Action added",
            actions=(
                Action("t5v6", "Read the chapter on rest"),
                Action("w8x9", "Already done", status="done", changed_on=date(2026, 11, 25)),
            ),
        )
    )
