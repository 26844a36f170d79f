"""The merge of two month files by entry id (reflect.journal.merge).

Property tests: two devices start from one month and each changes it the way
people do (new entries, an action done or dropped or moved, a note, an answer
rewritten, a box ticked); the merge keeps every entry and every word of both,
is idempotent, and gives the same result whichever side comes first. Tables
check the field-by-field rules, with and without the common ancestor.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect.errors import JournalError
from reflect.journal.merge import UNKNOWN, merge_action, merge_entries, merge_month_texts
from reflect.journal.model import Action, Answer, Entry, LeftPrompt, SectionRecord, Status
from reflect.journal.parse import parse
from reflect.journal.render import FILE_HEADER, render_entry, render_file
from reflect.kinds.action import ActionAnswer
from reflect.kinds.checklist import ChecklistAnswer
from reflect.kinds.choice import ChoiceAnswer
from reflect.kinds.date import DateAnswer
from reflect.kinds.scale import ScaleAnswer
from reflect.kinds.short_list import ListAnswer
from reflect.kinds.text import TextAnswer
from reflect.repeats import parse_repeat
from tests.unit.test_journal_format import month_files as arbitrary_month

Sides = tuple[list[Entry], list[Entry], list[Entry]]  # the ancestor, ours, theirs
MERGES = settings(max_examples=80, database=None, deadline=None)

words = st.text(alphabet="abcdefgh ", min_size=1, max_size=12).map(str.strip).filter(bool)
lines = st.lists(words, min_size=1, max_size=3).map("\n".join)
days = st.dates(min_value=date(2026, 12, 1), max_value=date(2026, 12, 31))


def _entry(index: int, prefix: str, when: datetime, body: str, note: str | None) -> Entry:
    """A check-in shaped entry: text, a scale, a checklist, an action; ids by prefix."""
    action = Action(f"{prefix}{index:03d}", f"step {index}", due=when.date(), note=note)
    return Entry(
        id=f"{prefix}{index:07d}",
        written=when,
        title=f"Check-in {index}",
        workbook="wellbeing-check-in",
        version="1",
        sections=(
            SectionRecord(
                "how",
                "How you are",
                (
                    ScaleAnswer("feeling", "How are you feeling?", 5, 0, 10),
                    TextAnswer("behind", "What is behind that number?", body),
                    ChecklistAnswer("week", "Part of your week?", ("outdoors",)),
                ),
            ),
            SectionRecord(
                "step", "One step", (ActionAnswer("plan", "What will you do?", (action,)),)
            ),
        ),
    )


@st.composite
def a_month(draw: st.DrawFn, prefix: str = "c", size: int = 3) -> list[Entry]:
    count = draw(st.integers(min_value=0, max_value=size))
    moments = draw(
        st.lists(
            st.datetimes(min_value=datetime(2026, 12, 1), max_value=datetime(2026, 12, 31)),
            min_size=count,
            max_size=count,
        )
    )
    return [
        _entry(i, prefix, m.replace(microsecond=0), draw(lines), draw(st.none() | lines))
        for i, m in enumerate(moments)
    ]


def _change(entry: Entry, draw: st.DrawFn) -> Entry:
    """One device's edit of an entry: what people do between two syncs."""
    how, step = entry.sections
    scale, text, checklist = how.answers
    plan = step.answers[0]
    assert isinstance(plan, ActionAnswer) and isinstance(text, TextAnswer)
    assert isinstance(scale, ScaleAnswer) and isinstance(checklist, ChecklistAnswer)
    action = plan.actions[0]
    kind = draw(
        st.sampled_from(["done", "dropped", "move", "note", "answer", "add", "scale", "tick"])
    )
    if kind == "done" or kind == "dropped":
        status: Status = "done" if kind == "done" else "dropped"
        action = replace(action, status=status, changed_on=draw(days))
    elif kind == "move":
        action = replace(action, due=draw(days))
    elif kind == "note":
        action = replace(action, note=draw(lines))
    elif kind == "answer":
        text = replace(text, text=draw(lines))
    elif kind == "add":
        text = replace(text, text=text.text + "\n" + draw(lines))
    elif kind == "scale":
        scale = replace(scale, value=draw(st.integers(0, 10)))
    else:
        checklist = replace(checklist, ticked=(*checklist.ticked, draw(words)))
    return replace(
        entry,
        sections=(
            replace(how, answers=(scale, text, checklist)),
            replace(step, answers=(replace(plan, actions=(action,)),)),
        ),
    )


@st.composite
def a_device(draw: st.DrawFn, base: list[Entry], prefix: str) -> list[Entry]:
    """`base` as one device left it: some entries changed, some new ones added."""
    changed = [_change(e, draw) if draw(st.booleans()) else e for e in base]
    return changed + draw(a_month(prefix))


@st.composite
def two_devices(draw: st.DrawFn) -> tuple[list[Entry], list[Entry], list[Entry]]:
    base = draw(a_month("c"))
    return base, draw(a_device(base, "a")), draw(a_device(base, "b"))


def _user_words(entries: list[Entry]) -> set[str]:
    """Each line a person wrote: titles, texts, answers, action text and notes."""
    found: set[str] = set()
    for entry in entries:
        found.add(entry.title)
        for section in entry.sections:
            for answer in section.answers:
                if isinstance(answer, TextAnswer):
                    found.update(answer.text.split("\n"))
                if isinstance(answer, ChecklistAnswer):
                    found.update(answer.ticked)
        for action, _, _ in entry.all_actions():
            found.add(action.text)
            found.update((action.note or "").split("\n"))
    return found - {""}


# --------------------------------------------------------------------------- properties


@MERGES
@given(two_devices())
def test_every_entry_and_every_word_of_both_sides_is_kept(sides: Sides) -> None:
    _, ours, theirs = sides
    merged = merge_entries(ours, theirs)
    assert sorted(e.id for e in merged) == sorted({e.id for e in ours + theirs})
    text = render_file(merged)
    for line in _user_words(ours) | _user_words(theirs):
        assert line in text
    assert parse(text).entries == merged  # the documented format, read back exactly


@MERGES
@given(two_devices())
def test_the_merge_is_the_same_whichever_side_comes_first(sides: Sides) -> None:
    base, ours, theirs = sides
    assert merge_entries(ours, theirs) == merge_entries(theirs, ours)
    assert merge_entries(ours, theirs, base) == merge_entries(theirs, ours, base)


@MERGES
@given(two_devices())
def test_merging_again_changes_nothing(sides: Sides) -> None:
    base, ours, theirs = sides
    merged = merge_entries(ours, theirs)
    assert merge_entries(merged, merged) == merged
    assert merge_entries(merged, ours) == merged
    assert merge_entries(merged, theirs) == merged
    three_way = merge_entries(ours, theirs, base)
    assert merge_entries(three_way, three_way, base) == three_way


@MERGES
@given(two_devices())
def test_the_result_is_ordered_by_time(sides: Sides) -> None:
    _, ours, theirs = sides
    merged = merge_entries(ours, theirs)
    assert merged == sorted(merged, key=lambda e: (e.written, e.id))


@MERGES
@given(two_devices())
def test_with_the_ancestor_a_change_on_one_side_only_is_simply_taken(sides: Sides) -> None:
    base, ours, _ = sides
    merged = merge_entries(ours, base, base)
    assert merged == sorted(ours, key=lambda e: (e.written, e.id))
    assert all(not e.conflicts for e in merged)


# --------------------------------------------------------------------------- the rules

WHEN = datetime(2026, 12, 3, 9, 30)
OPEN = Action("k3f9", "Phone Sam", due=date(2026, 12, 4))


@pytest.mark.parametrize(
    ("base", "ours", "theirs", "expected"),
    [
        # Done on one device, moved on the other: both changes, field by field.
        (
            OPEN,
            replace(OPEN, status="done", changed_on=date(2026, 12, 3)),
            replace(OPEN, due=date(2026, 12, 9)),
            replace(OPEN, status="done", changed_on=date(2026, 12, 3), due=date(2026, 12, 9)),
        ),
        # Closed on both: the later change wins, whichever it was.
        (
            OPEN,
            replace(OPEN, status="done", changed_on=date(2026, 12, 3)),
            replace(OPEN, status="dropped", changed_on=date(2026, 12, 5)),
            replace(OPEN, status="dropped", changed_on=date(2026, 12, 5)),
        ),
        (
            UNKNOWN,
            replace(OPEN, status="done", changed_on=date(2026, 12, 8)),
            replace(OPEN, status="dropped", changed_on=date(2026, 12, 5)),
            replace(OPEN, status="done", changed_on=date(2026, 12, 8)),
        ),
        # Without the ancestor, a closed action is the change (actions start open).
        (
            UNKNOWN,
            OPEN,
            replace(OPEN, status="done", changed_on=date(2026, 12, 3)),
            replace(OPEN, status="done", changed_on=date(2026, 12, 3)),
        ),
        # Reopened on one side only (ancestor known): the reopening is the change.
        (
            replace(OPEN, status="done", changed_on=date(2026, 12, 3)),
            OPEN,
            replace(OPEN, status="done", changed_on=date(2026, 12, 3)),
            OPEN,
        ),
        # Moved on both: the later date.
        (
            OPEN,
            replace(OPEN, due=date(2026, 12, 6)),
            replace(OPEN, due=date(2026, 12, 10)),
            replace(OPEN, due=date(2026, 12, 10)),
        ),
        # Notes written on both: both kept; one that holds the other stands for both.
        (
            OPEN,
            replace(OPEN, note="Went well."),
            replace(OPEN, note="Sam was out."),
            replace(OPEN, note="Sam was out.\n\nWent well."),
        ),
        (
            UNKNOWN,
            replace(OPEN, note="Went well."),
            replace(OPEN, note="Went well.\nMore."),
            replace(OPEN, note="Went well.\nMore."),
        ),
    ],
)
def test_an_action_changed_on_two_devices(
    base: Action, ours: Action, theirs: Action, expected: Action
) -> None:
    assert merge_action(base, ours, theirs) == expected
    assert merge_action(base, theirs, ours) == expected


def _answer_entry(text: str, *, entry_id: str = "k3f9q2mx") -> Entry:
    return Entry(
        entry_id,
        WHEN,
        title="Weekly wellbeing check-in",
        sections=(
            SectionRecord("how", "How", (TextAnswer("behind", "What is behind it?", text),)),
        ),
    )


@pytest.mark.parametrize("base", [None, [_answer_entry("Tired.")]])
def test_an_answer_rewritten_on_both_keeps_both_texts_and_marks_the_second(
    base: list[Entry] | None,
) -> None:
    ours, theirs = _answer_entry("Tired, but steadier."), _answer_entry("Rested at last.")
    (merged,) = merge_entries([ours], [theirs], base)
    answer = merged.sections[0].answers[0]
    assert isinstance(answer, TextAnswer) and answer.text == "Rested at last."
    (conflict,) = merged.conflicts
    assert conflict.text == "Tired, but steadier."
    assert "[behind] was answered differently on two devices" in conflict.note
    rendered = render_entry(merged)
    assert "\nconflict: “What is behind it?” [behind] was answered" in rendered
    assert parse(FILE_HEADER + "\n\n" + rendered).entries == [merged]


def test_a_conflict_settled_on_one_device_stays_settled() -> None:
    (marked,) = merge_entries([_answer_entry("One.")], [_answer_entry("Two.")])
    settled = replace(marked, conflicts=())
    touched = replace(marked, starred=True)  # the other device changed the entry too
    (merged,) = merge_entries([settled], [touched], [marked])
    assert merged.conflicts == () and merged.starred


@pytest.mark.parametrize(
    ("ours", "theirs", "kept"),
    [
        (
            ScaleAnswer("f", "Feeling?", 4, 0, 10),
            ScaleAnswer("f", "Feeling?", 7, 0, 10),
            "scale: 7",
        ),
        (TextAnswer("f", "Feeling?", "ok"), ScaleAnswer("f", "Feeling?", 7, 0, 10), "scale: 7"),
        (
            ChecklistAnswer("f", "Ticks?", ("a",)),
            ChecklistAnswer("f", "Ticks?", ("b",)),
            "ticked: b",
        ),
    ],
)
def test_other_answers_changed_on_both_sides_keep_both(
    ours: object, theirs: object, kept: str
) -> None:
    entries = [
        Entry("k3f9q2mx", WHEN, sections=(SectionRecord("s", "S", (answer,)),))  # type: ignore[arg-type]
        for answer in (ours, theirs)
    ]
    (merged,) = merge_entries(entries[:1], entries[1:])
    assert kept in render_entry(merged)
    assert "ticked: a" in render_entry(merged) or "ticked" not in kept


def test_the_same_action_id_in_two_new_entries_is_renamed_so_the_month_reads() -> None:
    first = Entry("aaaaaaaa", WHEN, actions=(Action("k3f9", "Phone Sam"),))
    second = Entry("bbbbbbbb", WHEN.replace(hour=11), actions=(Action("k3f9", "Book dentist"),))
    merged = merge_entries([first], [second])
    ids = [a.id for e in merged for a, _, _ in e.all_actions()]
    assert ids[0] == "k3f9" and len(set(ids)) == 2
    assert merge_entries([second], [first]) == merged
    assert merge_entries(merged, [second]) == merged == merge_entries([first], merged)
    assert parse(render_file(merged)).entries == merged


def _plan(prompt_id: str, *actions: Action) -> ActionAnswer:
    return ActionAnswer(prompt_id, "What will you do?", actions)


_CALL = Action("k3f9", "Phone Sam")
_BOOK = Action("k3f9", "Book dentist", due=date(2026, 12, 9))


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        # in the entry's own actions on one device, in a planned answer on the other
        ({"actions": (_CALL,)}, {"sections": (SectionRecord("s", "S", (_plan("p", _BOOK),)),)}),
        # in two answers of one section
        (
            {"sections": (SectionRecord("s", "S", (_plan("p", _CALL),)),)},
            {"sections": (SectionRecord("s", "S", (_plan("q", _BOOK),)),)},
        ),
        # in two sections
        (
            {"sections": (SectionRecord("s", "S", (_plan("p", _CALL),)),)},
            {"sections": (SectionRecord("t", "T", (_plan("p", _BOOK),)),)},
        ),
    ],
)
def test_the_same_action_id_twice_in_one_merged_entry_is_renamed(
    ours: dict[str, object], theirs: dict[str, object]
) -> None:
    """Each side's file is fine alone; the merge must not put one id in two places."""
    mine = [Entry("aaaaaaaa", WHEN, workbook="w", **ours)]  # type: ignore[arg-type]
    other = [Entry("aaaaaaaa", WHEN, workbook="w", **theirs)]  # type: ignore[arg-type]
    (merged,) = merge_entries(mine, other)
    actions = [a for a, _, _ in merged.all_actions()]
    assert sorted(a.text for a in actions) == ["Book dentist", "Phone Sam"]
    assert len({a.id for a in actions}) == len(actions) and "k3f9" in {a.id for a in actions}
    assert merge_entries(other, mine) == [merged]
    assert merge_entries([merged], other) == [merged]  # merging again changes nothing
    assert merge_entries(mine, [merged]) == [merged]
    assert parse(render_file([merged])).entries == [merged]


def test_an_id_used_three_times_in_a_month_is_renamed_twice_differently() -> None:
    earlier = Entry("0aaaaaaa", WHEN.replace(hour=8), actions=(Action("k3f9", "Water plants"),))
    mine = [earlier, Entry("aaaaaaaa", WHEN, actions=(_CALL,))]
    other = [
        Entry(
            "aaaaaaaa",
            WHEN,
            workbook="w",
            sections=(SectionRecord("s", "S", (_plan("p", _BOOK),)),),
        )
    ]
    merged = merge_entries(mine, other)
    ids = [a.id for e in merged for a, _, _ in e.all_actions()]
    assert ids[0] == "k3f9" and len(set(ids)) == 3
    assert merge_entries(other, mine) == merged
    assert merge_entries(merged, other) == merged == merge_entries(mine, merged)
    assert parse(render_file(merged)).entries == merged


def test_a_side_that_does_not_parse_is_reported_by_line() -> None:
    good = render_file([_answer_entry("x")])
    with pytest.raises(JournalError) as caught:
        merge_month_texts(good, good + "\nstray text\n")
    assert caught.value.line is not None


def test_when_one_side_has_everything_its_bytes_are_kept() -> None:
    ours = render_file([_answer_entry("x")]) + "\n\n\n"  # a hand edit's extra blank lines
    assert merge_month_texts(ours, FILE_HEADER + "\n") == ours
    assert merge_month_texts(FILE_HEADER + "\n", ours) == ours


def test_the_conflict_example_in_the_spec_reads_back_exactly() -> None:
    spec = (Path(__file__).parents[2] / "docs" / "journal-format.md").read_text("utf-8")
    blocks = spec.split("```\n")[1::2]
    example = next(block for block in blocks if "\nconflict: " in block)
    (entry,) = parse(FILE_HEADER + "\n\n" + example).entries
    assert render_entry(entry) == example
    (conflict,) = entry.conflicts
    assert conflict.text == "Tired, and the project deadline moved."


@settings(max_examples=60, database=None, deadline=None)
@given(arbitrary_month(), arbitrary_month())
def test_any_two_month_files_merge_into_one_that_reads_back(
    ours: list[Entry], theirs: list[Entry]
) -> None:
    """Whatever the two files hold (any Unicode, marker-like lines, the same ids meaning
    different things), the merge keeps every entry once and writes a file that reads."""
    # The same entry ids on both sides, with anything at all in them.
    theirs = [replace(t, id=o.id) for t, o in zip(theirs, ours, strict=False)] + theirs[len(ours) :]
    if len({e.id for e in theirs}) != len(theirs):
        theirs = theirs[: len(ours)]
    merged = merge_entries(ours, theirs)
    assert sorted(e.id for e in merged) == sorted({e.id for e in ours + theirs})
    assert parse(render_file(merged)).entries == merged
    assert merge_entries(theirs, ours) == merged
    assert merge_entries(merged, theirs) == merged == merge_entries(ours, merged)


# --------------------------------------------------------------------------- each kind's join


def _one(answer: Answer, **fields: object) -> Entry:
    section = SectionRecord("s", "S", (answer,))
    return Entry("k3f9q2mx", WHEN, workbook="w", sections=(section,), **fields)  # type: ignore[arg-type]


def _merged_answer(base: Answer | None, ours: Answer, theirs: Answer) -> tuple[Answer, Entry]:
    ancestor = None if base is None else [_one(base)]
    (merged,) = merge_entries([_one(ours)], [_one(theirs)], ancestor)
    (again,) = merge_entries([_one(theirs)], [_one(ours)], ancestor)
    assert again == merged  # whichever side comes first
    return merged.sections[0].answers[0], merged


@pytest.mark.parametrize(
    ("base", "ours", "theirs", "items"),
    [
        # no ancestor: every item of both, each repeat of an item its own
        (None, ("walk", "tea"), ("walk", "call Mum"), {"walk", "tea", "call Mum"}),
        (None, ("walk", "walk"), ("walk",), {"walk"}),
        # with the ancestor: added on one side kept, removed on one side stays removed
        (("walk",), ("walk", "tea"), ("walk", "bath"), {"walk", "tea", "bath"}),
        (("walk", "tea"), ("walk",), ("walk", "tea", "bath"), {"walk", "bath"}),
    ],
)
def test_list_answers_join_their_items(
    base: tuple[str, ...] | None, ours: tuple[str, ...], theirs: tuple[str, ...], items: set[str]
) -> None:
    def answer(values: tuple[str, ...]) -> ListAnswer:
        return ListAnswer("good", "Three good things", values)

    merged, entry = _merged_answer(
        None if base is None else answer(base), answer(ours), answer(theirs)
    )
    assert isinstance(merged, ListAnswer) and set(merged.items) == items
    assert entry.conflicts == ()
    if base is None:
        most = max(ours.count("walk"), theirs.count("walk"))
        assert merged.items.count("walk") == most  # no repeat of an item is lost


@pytest.mark.parametrize(
    ("ours", "theirs", "other_words"),
    [
        (
            ChoiceAnswer("c", "Which?", "More rest"),
            ChoiceAnswer("c", "Which?", "Less on my plate"),
            "chose: ",
        ),
        (
            DateAnswer("d", "When?", date(2026, 11, 4)),
            DateAnswer("d", "When?", date(2026, 11, 9)),
            "date: 2026-11-",
        ),
        (ScaleAnswer("f", "Feeling?", 3, 0, 10), ScaleAnswer("f", "Feeling?", 8, 1, 10), "scale: "),
    ],
)
def test_picks_changed_on_both_keep_one_and_the_other_as_a_conflict(
    ours: Answer, theirs: Answer, other_words: str
) -> None:
    kept, entry = _merged_answer(None, ours, theirs)
    assert kept in (ours, theirs)
    (conflict,) = entry.conflicts
    assert conflict.text.startswith(other_words) and conflict.note.startswith(f"“{ours.prompt}”")
    parse(render_file([entry]))  # and the month still reads


def test_a_pick_changed_on_one_side_only_takes_that_change() -> None:
    before = ChoiceAnswer("c", "Which?", "More rest")
    after = ChoiceAnswer("c", "Which?", "More time outside")
    kept, entry = _merged_answer(before, before, after)
    assert kept == after and entry.conflicts == ()


def test_prompts_left_for_another_day_stay_left_unless_the_merge_answers_them() -> None:
    text = TextAnswer("why", "Why?", "Because.")
    left = (LeftPrompt("why", "Why?"), LeftPrompt("went-well", "What went well?"))
    ours = _one(text, left=left[1:])  # answered here, one still left
    theirs = replace(_one(text), sections=(), left=left)  # nothing answered there
    (merged,) = merge_entries([ours], [theirs])
    assert merged.left == (LeftPrompt("went-well", "What went well?"),)
    assert merged.sections[0].answers == (text,)


def test_a_repeating_plan_keeps_its_repeat_and_loses_it_with_its_date() -> None:
    weekly = Action("k3f9", "Walk", due=date(2026, 12, 7), repeat=parse_repeat("every monday"))
    moved = replace(weekly, due=date(2026, 12, 14))
    assert merge_action(weekly, weekly, moved).repeat == weekly.repeat
    undated = replace(weekly, due=None, repeat=None)
    assert merge_action(weekly, undated, weekly).repeat is None


def test_a_conflict_makes_the_month_say_format_5() -> None:
    ours, theirs = (_one(TextAnswer("t", "T?", words)) for words in ("rain", "sun"))
    (merged,) = merge_entries([ours], [theirs])
    text = merge_month_texts(render_file([ours]), render_file([theirs]))
    assert merged.conflicts and text.startswith("# reflect journal · format 5\n")
    assert parse(text).entries == [merged]
