"""Commit messages say what changed, in the words `reflect journal` and `actions` use."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from reflect.journal.model import Action, Entry
from reflect.journal.render import render_file
from reflect.sync.message import describe

SAM = Action("k3f9", "Phone Sam", due=date(2026, 12, 4))
CHECK_IN = Entry(
    "k3f9q2mx",
    datetime(2026, 12, 3, 21, 14),
    title="Weekly wellbeing check-in",
    workbook="wellbeing-check-in",
    version="1",
)
PLANNED = Entry("r5dm2cxa", datetime(2026, 12, 1, 18, 30), actions=(SAM,))
NOTE = Entry(
    "w8nb4c2d", datetime(2026, 12, 2, 8, 2), body="A quiet morning. Rain on the window, and more."
)


def _month(*entries: Entry) -> str:
    return render_file(entries)


@pytest.mark.parametrize(
    ("old", "new", "subject"),
    [
        (None, _month(CHECK_IN), "Weekly wellbeing check-in, 3 Dec"),
        (_month(), _month(PLANNED), "Planned: Phone Sam, 1 Dec"),
        (_month(), _month(NOTE), "A quiet morning. Rain on the window, an…, 2 Dec"),
        (
            _month(PLANNED),
            _month(
                replace(
                    PLANNED, actions=(replace(SAM, status="done", changed_on=date(2026, 12, 3)),)
                )
            ),
            "Done: Phone Sam",
        ),
        (
            _month(PLANNED),
            _month(
                replace(
                    PLANNED, actions=(replace(SAM, status="dropped", changed_on=date(2026, 12, 3)),)
                )
            ),
            "Dropped: Phone Sam",
        ),
        (
            _month(PLANNED),
            _month(replace(PLANNED, actions=(replace(SAM, due=date(2026, 12, 9)),))),
            "Moved to 9 Dec: Phone Sam",
        ),
        (
            _month(PLANNED),
            _month(replace(PLANNED, actions=(replace(SAM, note="Went well."),))),
            "Noted how it went: Phone Sam",
        ),
        (
            _month(CHECK_IN),
            _month(replace(CHECK_IN, starred=True)),
            "Edited: Weekly wellbeing check-in, 3 Dec",
        ),
        (
            _month(CHECK_IN, NOTE),
            _month(CHECK_IN),
            "Removed: A quiet morning. Rain on the window, an…, 2 Dec",
        ),
        (
            _month(),
            "not a journal\n",
            "Changed 2026-12.txt (it does not read as a journal right now)",
        ),
    ],
)
def test_one_change_is_the_subject(old: str | None, new: str, subject: str) -> None:
    assert describe([("journal/2026-12.txt", old, new)]) == subject


def test_several_changes_count_in_the_subject_and_list_in_the_body() -> None:
    message = describe(
        [
            ("journal/2026-12.txt", _month(), _month(PLANNED, CHECK_IN)),
            ("workbooks/my-group.toml", None, "x"),
        ]
    )
    subject, _, body = message.partition("\n\n")
    assert subject == "Planned: Phone Sam, 1 Dec (and 2 more)"
    assert body.splitlines() == [
        "- Planned: Phone Sam, 1 Dec",
        "- Weekly wellbeing check-in, 3 Dec",
        "- Added workbooks/my-group.toml",
    ]
