"""The session engine, driven directly: no UI, no disk."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from reflect.drafts import DraftStore, session_from_draft, session_to_draft
from reflect.errors import InvalidAnswer
from reflect.kinds.action import ActionAnswer, PlannedAction
from reflect.kinds.checklist import ChecklistAnswer
from reflect.kinds.scale import ScaleAnswer
from reflect.kinds.text import TextAnswer
from reflect.session import Session
from reflect.workbook.loader import load_workbook
from reflect.workbook.models import Workbook

NOW = datetime(2026, 11, 29, 10, 0)


@pytest.fixture
def workbook(data_dir: Path) -> Workbook:
    return load_workbook(data_dir / "workbooks" / "every-kind.toml")


def test_walk_every_kind_to_an_entry(workbook: Workbook) -> None:
    session = Session(workbook, started=NOW)
    assert session.current is not None and session.current.first_in_section
    session.answer("Tired but OK.\n")
    session.answer(7)
    session.answer("Wobbly")
    session.answer(["Sleep", "A walk"])
    session.answer(["Tea", "  ", "The cat"])
    session.answer([PlannedAction("Phone Sam", date(2026, 12, 2))])
    assert session.at_end and session.current is None
    entry = session.to_entry(NOW, taken_action_ids=set())
    answers = [a for s in entry.sections for a in s.answers]
    assert answers[0] == TextAnswer("feeling", "How are you today?", "Tired but OK.\n")
    assert answers[1] == ScaleAnswer("energy", "How much energy do you have?", 7, 0, 10)
    assert answers[3] == ChecklistAnswer("helped", "What helped?", ("A walk", "Sleep"))
    assert isinstance(answers[5], ActionAnswer)
    assert answers[5].actions[0].due == date(2026, 12, 2)
    assert entry.workbook == "every-kind" and entry.written == NOW


@pytest.mark.parametrize(
    ("skips", "value"),
    [(0, "   "), (1, None), (2, ""), (3, []), (4, ["", " "]), (5, [PlannedAction("  ")])],
)
def test_empty_answers_skip(workbook: Workbook, skips: int, value: object) -> None:
    session = Session(workbook, started=NOW)
    for _ in range(skips):
        session.skip_prompt()
    step = session.current
    assert step is not None
    if value is None:
        session.skip_prompt()
    else:
        session.answer(value)  # the table mixes kinds on purpose
    assert session.answers == {}
    assert session.position == step.index + 1


@pytest.mark.parametrize(
    ("skips", "value", "message"),
    [
        (1, 11, "from 0 to 10"),
        (1, "7", "whole number"),
        (2, "Grumpy", "one of the options"),
        (3, ["Cake"], "Tick options"),
        (4, ["two\nlines"], "one line"),
    ],
)
def test_answers_that_do_not_fit_are_refused(
    workbook: Workbook, skips: int, value: object, message: str
) -> None:
    session = Session(workbook, started=NOW)
    for _ in range(skips):
        session.skip_prompt()
    with pytest.raises(InvalidAnswer, match=message):
        session.answer(value)  # values of the wrong type, on purpose
    assert session.current is not None and session.current.index == skips  # still here


def test_skip_section_and_back(workbook: Workbook) -> None:
    session = Session(workbook, started=NOW)
    session.answer("hello")
    session.skip_section()
    assert session.current is not None and session.current.section.id == "second"
    assert session.skipped_sections == ["first"]
    assert session.back()
    assert session.current is not None and session.current.prompt is not None
    assert session.current.prompt.id == "energy"
    assert session.skipped_sections == []
    assert session.back() and not session.back()  # at the start there is nowhere to go


def test_record_keeps_an_answer_in_place_and_clear_answer_forgets_it(
    workbook: Workbook,
) -> None:
    """What the app does as someone types: keep the answer, stay on the prompt, with
    the same checks as answering; and forget it when they empty the field."""
    session = Session(workbook, started=NOW)
    session.answer("hello")
    before = (session.position, list(session.history), list(session.skipped_sections))
    assert session.record(1) is True  # the support note is due, as `answer` would say
    assert session.answer_for("energy") == 1
    assert (session.position, session.history, session.skipped_sections) == before
    session.record(5)
    assert session.answer_for("energy") == 5
    with pytest.raises(InvalidAnswer):
        session.record(99)
    session.clear_answer()
    assert session.answer_for("energy") is None and session.position == before[0]
    assert session.answer_for("feeling") == "hello"  # only the current prompt's


def test_support_is_suggested_at_or_below_the_threshold(workbook: Workbook) -> None:
    session = Session(workbook, started=NOW)
    session.skip_prompt()
    assert session.answer(1) is True
    session.back()
    assert session.answer(2) is False


def test_draft_round_trip_resumes_at_the_same_prompt(workbook: Workbook, tmp_path: Path) -> None:
    session = Session(workbook, started=NOW)
    session.answer("line one\n\nline three")
    session.answer(3)
    session.skip_section()  # leaves 'second' for another day
    session.answer([PlannedAction("Walk", date(2026, 12, 4))])
    drafts = DraftStore(tmp_path / "drafts")
    drafts.save(session, None, NOW)
    resumed = drafts.load(workbook)
    assert resumed is not None
    assert resumed.answers == session.answers
    assert resumed.position == session.position
    assert resumed.history == session.history
    assert resumed.entry_id == session.entry_id
    assert drafts.progress("every-kind") == (3, NOW)
    drafts.clear("every-kind")
    assert drafts.load(workbook) is None


def test_action_dates_survive_the_draft(workbook: Workbook) -> None:
    session = Session(workbook, started=NOW)
    for _ in range(5):
        session.skip_prompt()
    session.answer([PlannedAction("Walk", date(2026, 12, 4)), PlannedAction("Rest")])
    resumed = session_from_draft(workbook, session_to_draft(session, None, NOW))
    assert resumed.planned_actions() == session.planned_actions()


def test_finishing_uses_fresh_action_ids(workbook: Workbook) -> None:
    session = Session(workbook, started=NOW)
    for _ in range(5):
        session.skip_prompt()
    session.answer([PlannedAction("A"), PlannedAction("B")])
    entry = session.to_entry(NOW, taken_action_ids={"aaaa"})
    ids = [a.id for a, _, _ in entry.all_actions()]
    assert len(set(ids)) == 2 and "aaaa" not in ids
