"""A workbook changes while someone's walk through it is paused.

The promise: resuming keeps every answer whose prompt id still exists (in its
place, even if the prompt moved section), and keeps every other answer visible
in the finished journal entry, in a last section of its own. Nothing typed is
ever dropped, however many times the walk is paused and the workbook changed.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from reflect.drafts import DraftStore, session_from_draft, session_to_draft
from reflect.journal.model import Answer, SectionRecord
from reflect.journal.parse import parse
from reflect.journal.render import render_file
from reflect.kinds.action import ActionAnswer, PlannedAction
from reflect.kinds.choice import ChoiceAnswer
from reflect.kinds.scale import ScaleAnswer
from reflect.kinds.text import TextAnswer
from reflect.session import KEPT_SECTION_TITLE, Session
from reflect.workbook.models import Workbook

NOW = datetime(2026, 11, 29, 10, 0)
LATER = datetime(2026, 12, 3, 19, 30)


def _book(version: str, sections: list[dict[str, object]]) -> Workbook:
    return Workbook.model_validate(
        {
            "id": "changing",
            "title": "A changing workbook",
            "version": version,
            "description": "It changes between sittings.",
            "minutes": 10,
            "sections": sections,
        }
    )


V1 = _book(
    "1",
    [
        {
            "id": "looking-back",
            "title": "Looking back",
            "prompts": [
                {"id": "how", "kind": "text", "text": "How has it been?"},
                {"id": "mood", "kind": "scale", "text": "How do you feel?"},
                {"id": "word", "kind": "choice", "text": "One word?", "options": ["Calm", "Busy"]},
            ],
        },
        {
            "id": "ahead",
            "title": "Looking ahead",
            "prompts": [
                {"id": "step", "kind": "action", "text": "What will you do?"},
                {"id": "notes", "kind": "text", "text": "Anything else?"},
            ],
        },
    ],
)

# Version 2: 'mood' is gone, 'word' lost the option that was chosen, 'how' moved to a new
# first section with new wording, and a prompt was added.
V2 = _book(
    "2",
    [
        {
            "id": "arriving",
            "title": "Arriving",
            "prompts": [
                {"id": "how", "kind": "text", "text": "How have things been, lately?"},
                {"id": "new", "kind": "text", "text": "A new question"},
            ],
        },
        {
            "id": "looking-back",
            "title": "Looking back",
            "prompts": [
                {"id": "word", "kind": "choice", "text": "One word?", "options": ["Calm", "Full"]},
            ],
        },
        {
            "id": "ahead",
            "title": "Looking ahead",
            "prompts": [
                {"id": "step", "kind": "action", "text": "What will you do?"},
                {"id": "notes", "kind": "text", "text": "Anything else?"},
            ],
        },
    ],
)


def _paused_in_v1(*, answer_step: bool = True) -> dict[str, object]:
    """A v1 walk: three answers (and an action), paused before 'notes'."""
    session = Session(V1, started=NOW)
    session.answer("Full of small things.")
    session.answer(3)
    session.answer("Busy")
    if answer_step:
        session.answer([PlannedAction("Book the hall", date(2026, 12, 4))])
    return session_to_draft(session, None, NOW)


def _answers(entry_sections: tuple[SectionRecord, ...]) -> dict[str, Answer]:
    return {a.prompt_id: a for s in entry_sections for a in s.answers}


def test_answers_whose_prompt_still_exists_are_kept_in_place() -> None:
    session = session_from_draft(V2, _paused_in_v1())
    assert set(session.answers) == {"how", "step"}
    assert session.answer_for("how") == "Full of small things."
    # The walk carries on at 'notes', where it was paused: the same id in the new version.
    assert session.current is not None and session.current.prompt is not None
    assert session.current.prompt.id == "notes"


def test_the_others_are_kept_as_orphans_not_dropped() -> None:
    session = session_from_draft(V2, _paused_in_v1())
    assert set(session.orphans) == {"mood", "word"}  # prompt gone; chosen option gone
    assert session.orphans["mood"].value == 3
    assert session.orphans["word"].value == "Busy"
    assert session.orphans["mood"].prompt == "How do you feel?"  # the words they answered


def test_finished_entry_shows_kept_answers_in_a_last_section_and_round_trips() -> None:
    session = session_from_draft(V2, _paused_in_v1())
    session.answer("Nothing more.")
    entry = session.to_entry(LATER, taken_action_ids=set())

    assert entry.version == "2"
    assert [s.title for s in entry.sections] == ["Arriving", "Looking ahead", KEPT_SECTION_TITLE]
    answers = _answers(entry.sections)
    assert answers["how"] == TextAnswer("how", "How has it been?", "Full of small things.")
    kept = entry.sections[-1]
    assert {a.prompt_id for a in kept.answers} == {"mood", "word"}
    assert ScaleAnswer("mood", "How do you feel?", 3, 0, 10) in kept.answers
    assert ChoiceAnswer("word", "One word?", "Busy") in kept.answers
    step = answers["step"]
    assert isinstance(step, ActionAnswer) and step.actions[0].text == "Book the hall"

    text = render_file([entry])
    assert "Full of small things." in text and "Busy" in text
    assert parse(text).entries == [entry]


def test_resume_point_that_no_longer_exists_goes_to_the_first_unanswered_prompt() -> None:
    data = _paused_in_v1(answer_step=False)  # paused at 'step'…
    data["at"] = "looking-back/mood"  # …or rather, at a prompt that v2 removed
    session = session_from_draft(V2, data)
    # Not back to the very start: 'how' is answered, 'new' is the first one still open.
    assert session.current is not None and session.current.prompt is not None
    assert session.current.prompt.id == "new"


def test_resume_point_gone_and_everything_answered_goes_to_the_end() -> None:
    session = Session(V1, started=NOW)
    for value in ("a", 5, "Calm", [PlannedAction("b")], "c"):
        session.answer(value)
    data = session_to_draft(session, None, NOW)
    data["at"] = "gone/gone"
    shorter = _book("3", [V1.sections[0].model_dump()])
    resumed = session_from_draft(shorter, data)
    assert resumed.at_end
    assert set(resumed.orphans) == {"step", "notes"}


def test_kind_change_keeps_the_old_answer_through_another_pause(tmp_path: Path) -> None:
    """'how' becomes a scale in v3. The old text answer is kept aside; answering the new
    scale and pausing again must not overwrite it in the draft (they share an id)."""
    v3 = _book(
        "3",
        [
            {
                "id": "looking-back",
                "title": "Looking back",
                "prompts": [
                    {"id": "how", "kind": "scale", "text": "How has it been, 0 to 10?"},
                    {"id": "notes", "kind": "text", "text": "Anything else?"},
                ],
            }
        ],
    )
    drafts = DraftStore(tmp_path / "drafts")
    first = Session(V1, started=NOW)
    first.answer("Full of small things.")
    drafts.save(first, None, NOW)

    resumed = drafts.load(v3)
    assert resumed is not None
    assert resumed.orphans["how"].value == "Full of small things."
    resumed.go_to(0)
    resumed.answer(6)  # the new scale, same id
    drafts.save(resumed, None, LATER)

    again = drafts.load(v3)
    assert again is not None
    assert again.answer_for("how") == 6
    assert again.orphans["how"].value == "Full of small things."  # still there
    entry = again.to_entry(LATER, taken_action_ids=set())
    assert ScaleAnswer("how", "How has it been, 0 to 10?", 6, 0, 10) in entry.sections[0].answers
    assert TextAnswer("how", "How has it been?", "Full of small things.") in (
        entry.sections[-1].answers
    )
    assert parse(render_file([entry])).entries == [entry]


def test_a_prompt_that_comes_back_gets_its_answer_back(tmp_path: Path) -> None:
    """v1 → v2 drops 'mood' (kept aside); v1 again (say the change was undone) restores it."""
    drafts = DraftStore(tmp_path / "drafts")
    session = Session(V1, started=NOW)
    session.answer("Full of small things.")
    session.answer(3)
    drafts.save(session, None, NOW)

    in_v2 = drafts.load(V2)
    assert in_v2 is not None and "mood" in in_v2.orphans
    drafts.save(in_v2, None, LATER)

    back_in_v1 = drafts.load(V1)
    assert back_in_v1 is not None
    assert back_in_v1.answer_for("mood") == 3
    assert back_in_v1.orphans == {}


def test_same_version_resume_changes_nothing(tmp_path: Path) -> None:
    drafts = DraftStore(tmp_path / "drafts")
    session = Session(V1, started=NOW)
    session.answer("Full of small things.")
    session.answer(3)
    drafts.save(session, None, NOW)
    resumed = drafts.load(V1)
    assert resumed is not None
    assert resumed.answers == session.answers
    assert resumed.orphans == {}
    assert resumed.position == session.position
    assert resumed.history == session.history
