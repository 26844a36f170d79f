"""The rules under the walk screen, without a screen: keep, move, finish once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reflect.drafts import DraftStore
from reflect.journal.store import JournalStore
from reflect.session import Session
from reflect.tui.walker import Walker
from reflect.workbook.loader import FoundWorkbook


def walker_for(found: FoundWorkbook, home: Path, now: datetime) -> Walker:
    return Walker(
        Session(found.workbook, now),
        drafts=DraftStore(home / "drafts"),
        store=JournalStore(home / "journal"),
        now=lambda: now,
        workbook_path=None,
    )


def test_keep_saves_without_moving(
    every_kind: FoundWorkbook, reflect_home: Path, now: datetime
) -> None:
    walker = walker_for(every_kind, reflect_home, now)
    walker.keep("first words")
    walker.keep("first words, and more")
    session = walker.session
    assert session.position == 0 and session.history == []
    assert session.answer_for("feeling") == "first words, and more"
    assert DraftStore(reflect_home / "drafts").load(every_kind.workbook) is not None


def test_keep_ignores_what_the_engine_would_refuse(
    every_kind: FoundWorkbook, reflect_home: Path, now: datetime
) -> None:
    walker = walker_for(every_kind, reflect_home, now)
    walker.answer("ok")
    walker.keep(99)  # off the 0-10 scale: not kept, no error while typing
    assert walker.session.answer_for("energy") is None
    assert walker.session.current is not None
    assert walker.session.current.prompt is not None
    assert walker.session.current.prompt.id == "energy"


def test_finish_writes_once_and_clears_the_draft(
    every_kind: FoundWorkbook, reflect_home: Path, now: datetime
) -> None:
    walker = walker_for(every_kind, reflect_home, now)
    walker.answer("words")
    while walker.current is not None:
        walker.skip_prompt()
    first = walker.finish()
    again = walker.finish()
    assert first is again
    assert len(list(JournalStore(reflect_home / "journal").entries())) == 1
    assert not DraftStore(reflect_home / "drafts").exists("every-kind")
    assert first.unanswered == 5


def test_a_draft_left_after_its_entry_was_written_is_not_written_again(
    every_kind: FoundWorkbook, reflect_home: Path, now: datetime
) -> None:
    walker = walker_for(every_kind, reflect_home, now)
    walker.answer("words")
    while walker.current is not None:
        walker.skip_prompt()
    drafts = DraftStore(reflect_home / "drafts")
    store = JournalStore(reflect_home / "journal")
    store.add_entry(walker.session.to_entry(now, set()))  # written, then a crash: draft stays
    resumed = drafts.load(every_kind.workbook)
    assert resumed is not None
    again = Walker(resumed, drafts=drafts, store=store, now=lambda: now, workbook_path=None)
    finished = again.finish()
    assert finished.entry.id == walker.session.entry_id
    assert len(list(store.entries())) == 1
    assert not drafts.exists("every-kind")


def test_clearing_the_field_forgets_the_answer(
    every_kind: FoundWorkbook, reflect_home: Path, now: datetime
) -> None:
    walker = walker_for(every_kind, reflect_home, now)
    walker.keep("words I will take back")
    walker.keep("")  # the field emptied again
    assert walker.session.answer_for("feeling") is None
    walker.answer("said")
    walker.back()  # back to the text prompt, which shows "said"
    walker.answer("   ")  # emptied, then moved on: no answer any more
    assert walker.session.answer_for("feeling") is None
    assert walker.session.current is not None
    assert walker.session.current.prompt is not None
    assert walker.session.current.prompt.id == "energy"
    walker.answer(None)  # no number chosen: moves on, nothing recorded
    assert walker.session.answer_for("energy") is None
    assert walker.session.current is not None
    assert walker.session.current.section.id == "second"


def test_support_note_reflows_but_keeps_lists() -> None:
    from reflect.tui.context import unwrap

    wrapped = (
        "Reflecting on your own is not always the right thing. If things feel heavy\n"
        "right now, it is fine to stop.\n"
        "(Your own contacts can go here.)\n"
        "\n"
        "Samaritans: 116 123\n"
        "Our group: Alex, 07700 900123"
    )
    assert unwrap(wrapped) == (
        "Reflecting on your own is not always the right thing. If things feel heavy "
        "right now, it is fine to stop.\n"
        "(Your own contacts can go here.)\n"
        "\n"
        "Samaritans: 116 123\n"
        "Our group: Alex, 07700 900123"
    )
