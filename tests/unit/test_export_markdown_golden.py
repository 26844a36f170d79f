"""The Markdown export of a varied, awkward journal, pinned byte for byte.

The renderer is tuned for speed (caches, fast paths, whole-text passes), and every
such shortcut is a chance to change a byte somewhere rare. This journal reaches
each path at least once: every kind of answer, every action status with and
without dates, times and notes, loose and tight task lists, prose that needs
escapes, text that must be fenced (with backtick runs inside), carriage returns,
entries sharing a day, titles taken from the text, and the contents list. The
expected documents in tests/data/export/ were rendered before the tuning and
reviewed; a change here needs a reason, not a regenerated file.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from reflect.export.markdown import render_entry, render_markdown
from reflect.journal.model import STATUSES, Action, Entry, SectionRecord, Status
from reflect.kinds.action import ActionAnswer
from reflect.kinds.checklist import ChecklistAnswer
from reflect.kinds.choice import ChoiceAnswer
from reflect.kinds.scale import ScaleAnswer
from reflect.kinds.short_list import ListAnswer
from reflect.kinds.text import TextAnswer
from tests.conftest import DATA, FROZEN_TODAY

AWKWARD = [
    "Ordinary words, nothing to escape.",
    "I spent $20 on *good* coffee <3 & a_b `code` [link] a|b ~x \\ &amp; &#169;",
    "# not a heading\n- nor a list\n+ nor this\n> nor a quote\n1. nor a number\n2024) nor this",
    "one\ntwo\n\nthree\n\n\n\nafter blank lines",
    "Setext\n===\nand\n---",
    "trailing spaces   \nnext line",
    "    indented like code",
    "```\na fence\n```\n```` and four",
    "a\rcarriage return\r# heading after CR",
    "\n\nblank lines around\n\n",
    "   ",
    "\t\ttabs",
    "",
    "ß 東京 🙂 \x1b[31m red \x07",
]


ONE_LINE = ["Call Sam", "Book the *dentist* #2", "- [ ] 1. <b>&amp;</b> $5 ~x |", "  a \r b  "]


def _action(n: int, status: Status, **fields: Any) -> Action:
    return Action(f"a{n:03d}", ONE_LINE[n % len(ONE_LINE)], status, **fields)


def varied_journal() -> list[Entry]:
    day = date(2026, 3, 14)
    entries = [
        Entry("free0001", datetime(2025, 12, 31, 23, 59, 59), body=AWKWARD[0]),
        Entry("free0002", datetime(2026, 1, 1, 0, 0), title="New *year* #1", body=AWKWARD[1]),
        Entry("free0003", datetime(2026, 1, 1, 8, 30), starred=True, body=AWKWARD[2]),
        Entry(
            "free0004",
            datetime(2026, 1, 1, 8, 30, 1),
            body="A first line far longer than sixty characters, so the contents cut it short",
        ),
        Entry("free0005", datetime(2026, 2, 2, 7, 0), body=""),
        Entry("free0006", datetime(2026, 2, 3, 7, 0), body=None),
    ]
    for n, text in enumerate(AWKWARD[3:], start=7):
        entries.append(Entry(f"free{n:04d}", datetime(2026, 2, n, 21, 15), body=text))
    entries.append(
        Entry(
            "acts0001",
            datetime(2026, 3, 1, 9, 0),
            title="Loose actions",
            actions=(
                _action(1, "open"),
                _action(2, "open", due=day),
                _action(3, "open", due=day, at=time(9, 30)),
                _action(4, "done", due=day, changed_on=date(2026, 3, 13)),
                _action(5, "dropped", changed_on=date(2026, 3, 15), note=AWKWARD[1]),
                _action(6, "done", note="It went well.\nReally."),
            ),
        )
    )
    entries.append(
        Entry(
            "acts0002",
            datetime(2026, 3, 2, 9, 0),
            body="Tight list: no notes.",
            actions=(_action(7, "open", due=date(2027, 1, 1)), _action(8, "done")),
        )
    )
    for n, note in enumerate(AWKWARD[4:], start=1):
        entries.append(
            Entry(
                f"note{n:04d}",
                datetime(2026, 3, 3, 9, n),
                actions=(_action(n, STATUSES[n % 3], note=note),),
            )
        )
    for n, version in enumerate((None, "1", "2 *beta*")):
        entries.append(
            Entry(
                f"book{n:04d}",
                datetime(2026, 4, 5, 18, n),
                title="Weekly wellbeing check-in" if n else "",
                workbook="wellbeing-check-in",
                version=version,
                starred=n == 2,
                body=AWKWARD[0] if n == 2 else None,
                sections=(
                    SectionRecord(
                        "how",
                        "How you are | *right* now #",
                        (
                            ScaleAnswer("feel", "How are you feeling?", 3 + n, 0, 10),
                            TextAnswer("why", "What's behind that number?", AWKWARD[n]),
                            TextAnswer("fenced", "# What else?", AWKWARD[6 + n]),
                            ChoiceAnswer("help", "What might help?", "More *rest*"),
                            ChecklistAnswer("part", "Part of your week?", ("Time outdoors", "#1")),
                            ListAnswer(
                                "three",
                                "Ten small things",
                                tuple(f"Thing {i}. a_b" for i in range(1, 11)),
                            ),
                        ),
                    ),
                    SectionRecord("empty", "Nothing answered"),
                    SectionRecord(
                        "step",
                        "One small step",
                        (
                            ActionAnswer(
                                "plan",
                                "What will you do?",
                                (_action(10 + n, "open", due=day), _action(11, "done", note="ok")),
                            ),
                        ),
                    ),
                ),
            )
        )
    return entries


def test_a_varied_journal_exports_exactly_as_reviewed() -> None:
    entries = varied_journal()
    document = "".join(render_markdown(lambda: entries, exported=FROZEN_TODAY))
    expected = (DATA / "export" / "varied.md").read_bytes().decode("utf-8")
    assert document == expected


def test_a_filtered_single_entry_export_is_pinned_too() -> None:
    [entry] = varied_journal()[-1:]
    document = "".join(
        render_markdown(
            lambda: [entry],
            exported=FROZEN_TODAY,
            since=date(2026, 4, 1),
            until=date(2026, 4, 30),
            some_sections=True,
            title="Plans & #steps",
        )
    )
    expected = (DATA / "export" / "varied-one.md").read_bytes().decode("utf-8")
    assert document == expected


def test_entries_shown_alone_match_the_document() -> None:
    entries = varied_journal()
    document = "".join(render_markdown(lambda: entries, exported=FROZEN_TODAY))
    for entry in entries:
        assert render_entry(entry) in document
        assert render_entry(entry).endswith(render_entry(entry, anchor_line=False))
