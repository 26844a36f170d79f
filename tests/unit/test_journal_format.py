"""The journal grammar: what reflect writes it reads back exactly, and what a person
breaks by hand it reports by file and line, never with any other exception.

The spec these tests hold the code to is docs/journal-format.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reflect.errors import JournalError
from reflect.journal.entry_parser import ParsedFile
from reflect.journal.lines import render_action
from reflect.journal.model import (
    ACTION_ID_LENGTH,
    ENTRY_ID_LENGTH,
    ID_ALPHABET,
    STATUSES,
    Action,
    Answer,
    Conflict,
    Entry,
    LeftPrompt,
    SectionRecord,
)
from reflect.journal.parse import parse
from reflect.journal.render import FILE_HEADER, FORMAT_VERSION, render_entry, render_file
from reflect.kinds import NAMES
from reflect.kinds.action import ActionAnswer
from reflect.kinds.checklist import ChecklistAnswer
from reflect.kinds.choice import ChoiceAnswer
from reflect.kinds.date import DateAnswer
from reflect.kinds.scale import ScaleAnswer
from reflect.kinds.short_list import ListAnswer
from reflect.kinds.text import TextAnswer
from reflect.repeats import Repeat

PATH = Path("journal/2026-11.txt")

# Property tests: enough examples to find the odd corner, few enough that this file
# runs in seconds. No example database, so the checkout stays clean.
ROUND_TRIP = settings(max_examples=60, database=None, deadline=None)
FUZZ = settings(max_examples=100, database=None, deadline=None)
CHEAP_FUZZ = settings(max_examples=300, database=None, deadline=None)


# --------------------------------------------------------------------------- strategies

# Lines that look like the format's own structure, to hide inside what people write.
MARKER_LINES = [
    FILE_HEADER,
    "# reflect journal · format 2",
    "## 2026-01-01 10:00",
    "## 2026-01-01 10:00:05 · a title",
    "## 2026-02-30 10:00",
    "### x  [y]",
    "### x  [y]  [z]",
    "#### a  [b]",
    "- [ ] x  (abcd)",
    "- [x] x  (abcd · done 2026-01-01)",
    "- [-] x  (abcd · due 2026-01-01 09:30 · dropped 2026-01-02)",
    "- [?] x  (abcd)",
    "- a list",
    "id: x",
    "id: abcdefgh",
    "workbook: check-in (version 1)",
    "starred: yes",
    "left for another day: a prompt  [an-id]",
    "left for another day:",
    "conflict: x",
    "conflict:",
    "scale: 1 (0 to 10)",
    "chose: x",
    "chose:",
    "ticked: x",
    "item: x",
    "date: 2026-11-04",
    "date: tomorrow",
    "    indented",
    "        twice indented",
    "\tindented with a tab",
    "    ",
    "",
    " ",
    "  ",
    "\t",
    "\r",
    " trailing space ",
]

one_line_text = st.text(alphabet=st.characters(exclude_characters="\n"))
marker_line = st.sampled_from(MARKER_LINES)
# A line is free text, a marker, or a marker with free text around it.
a_line = st.one_of(
    one_line_text,
    marker_line,
    st.tuples(one_line_text, marker_line, one_line_text).map("".join),
)
# What a person writes at length: arbitrary Unicode, or lines mixed with markers.
long_text = st.one_of(st.text(), st.lists(a_line, max_size=8).map("\n".join))
# Titles, prompts, options, list items, action text: anything but a newline.
short_text = st.one_of(one_line_text, marker_line)
items = st.lists(short_text, min_size=1, max_size=3).map(tuple)

# Ids as the workbook schema and the model make them.
entry_id = st.text(alphabet=ID_ALPHABET, min_size=ENTRY_ID_LENGTH, max_size=ENTRY_ID_LENGTH)
action_id = st.text(alphabet=ID_ALPHABET, min_size=ACTION_ID_LENGTH, max_size=ACTION_ID_LENGTH)
workbook_id = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,15}", fullmatch=True)
maybe_workbook = st.none() | workbook_id
maybe_version = st.none() | st.from_regex(r"[A-Za-z0-9._-]{1,8}", fullmatch=True)

written = st.datetimes().map(lambda moment: moment.replace(microsecond=0))
maybe_day = st.none() | st.dates()
maybe_due_time = st.none() | st.times().map(lambda clock: clock.replace(second=0, microsecond=0))
maybe_text = st.none() | long_text
statuses = st.sampled_from(STATUSES)
answer_kinds = st.sampled_from(NAMES)
scale_numbers = st.tuples(st.integers(), st.integers(), st.integers())
up_to_two = st.integers(min_value=0, max_value=2)
up_to_three = st.integers(min_value=0, max_value=3)


def fresh(draw: st.DrawFn, ids: st.SearchStrategy[str], taken: set[str]) -> str:
    """An id not yet used in this file (a clash is one in 900,000: just try again)."""
    value = draw(ids)
    assume(value not in taken)
    taken.add(value)
    return value


# Every shape a repeat takes (tests/unit/test_repeats.py has their grammar).
repeats = st.one_of(
    st.builds(Repeat, st.integers(1, 999), st.sampled_from(["day", "week", "month"])),
    st.just(Repeat(1, "weekday")),
    st.builds(lambda day: Repeat(1, "week", weekday=day), st.integers(0, 6)),
    st.builds(lambda n, day: Repeat(n, "month", day=day), st.integers(1, 999), st.integers(29, 31)),
)


@st.composite
def an_action(draw: st.DrawFn, taken: set[str]) -> Action:
    status = draw(statuses)
    due = draw(maybe_day)
    return Action(
        id=fresh(draw, action_id, taken),
        text=draw(short_text),
        status=status,
        due=due,
        at=None if due is None else draw(maybe_due_time),
        changed_on=None if status == "open" else draw(maybe_day),
        note=draw(maybe_text),
        repeat=None if due is None else draw(st.none() | repeats),
    )


@st.composite
def an_answer(draw: st.DrawFn, taken: set[str]) -> Answer:
    prompt_id = draw(workbook_id)
    prompt = draw(short_text)
    kind = draw(answer_kinds)
    if kind == "text":
        return TextAnswer(prompt_id, prompt, draw(long_text))
    if kind == "scale":
        value, low, high = draw(scale_numbers)
        return ScaleAnswer(prompt_id, prompt, value, low, high)
    if kind == "choice":
        return ChoiceAnswer(prompt_id, prompt, draw(short_text))
    if kind == "checklist":
        return ChecklistAnswer(prompt_id, prompt, draw(items))
    if kind == "list":
        return ListAnswer(prompt_id, prompt, draw(items))
    if kind == "date":
        return DateAnswer(prompt_id, prompt, draw(st.dates()))
    count = draw(up_to_two) + 1
    return ActionAnswer(prompt_id, prompt, tuple(draw(an_action(taken)) for _ in range(count)))


@st.composite
def a_section(draw: st.DrawFn, taken: set[str]) -> SectionRecord:
    count = draw(up_to_three)
    return SectionRecord(
        id=draw(workbook_id),
        title=draw(short_text),
        answers=tuple(draw(an_answer(taken)) for _ in range(count)),
    )


# Prompts left for another day: ids unique within the entry, words anything one line.
left_prompts = st.lists(
    st.builds(LeftPrompt, workbook_id, short_text), max_size=3, unique_by=lambda p: p.prompt_id
).map(tuple)


@st.composite
def an_entry(
    draw: st.DrawFn, entry_ids: set[str], action_ids: set[str], free_form: bool = False
) -> Entry:
    """An entry; `free_form`: its text alone, with no actions or sections."""
    workbook = draw(maybe_workbook)
    action_count = 0 if free_form else draw(up_to_two)
    section_count = 0 if free_form else draw(up_to_two)
    return Entry(
        id=fresh(draw, entry_id, entry_ids),
        written=draw(written),
        title=draw(short_text),
        workbook=workbook,
        version=None if workbook is None else draw(maybe_version),
        starred=draw(st.booleans()),
        body=draw(maybe_text),
        actions=tuple(draw(an_action(action_ids)) for _ in range(action_count)),
        sections=tuple(draw(a_section(action_ids)) for _ in range(section_count)),
        left=() if free_form or workbook is None else draw(left_prompts),
        # What a sync merge keeps of another device's words (journal format 5).
        conflicts=()
        if free_form
        else tuple(Conflict(draw(short_text), draw(long_text)) for _ in range(draw(up_to_two))),
    )


@st.composite
def month_files(draw: st.DrawFn, free_form: bool = False) -> list[Entry]:
    """A valid file's worth of entries: entry and action ids unique within it."""
    entry_ids: set[str] = set()
    action_ids: set[str] = set()
    count = draw(up_to_three)
    return [draw(an_entry(entry_ids, action_ids, free_form)) for _ in range(count)]


def all_actions(entries: list[Entry]) -> list[Action]:
    return [action for entry in entries for action, _, _ in entry.all_actions()]


def parse_or_journal_error(text: str) -> ParsedFile | JournalError:
    """What parse gives: a ParsedFile, or a JournalError naming a line. Anything else fails."""
    try:
        return parse(text, PATH)
    except JournalError as error:
        assert error.path == PATH
        assert error.line is not None
        assert 1 <= error.line <= max(1, len(text.split("\n")))
        return error


# --------------------------------------------------------------------------- round trips


@ROUND_TRIP
@given(entries=month_files())
def test_what_is_written_reads_back_exactly(entries: list[Entry]) -> None:
    assert parse(render_file(entries), PATH).entries == entries


@ROUND_TRIP
@given(entries=month_files())
def test_a_rendered_file_is_rendered_again_byte_for_byte(entries: list[Entry]) -> None:
    text = render_file(entries)
    assert render_file(parse(text, PATH).entries) == text


@ROUND_TRIP
@given(entries=month_files())
def test_spans_hold_exactly_each_entry_and_each_action(entries: list[Entry]) -> None:
    text = render_file(entries)
    lines = text.split("\n")
    parsed = parse(text, PATH)
    assert set(parsed.entry_spans) == {entry.id for entry in entries}
    for entry in entries:
        span = parsed.entry_spans[entry.id]
        assert lines[span.start : span.end] == render_entry(entry).split("\n")[:-1]
    assert set(parsed.action_spans) == {action.id for action in all_actions(entries)}
    for action in all_actions(entries):
        span = parsed.action_spans[action.id]
        assert lines[span.start] == render_action(action)[0]
        assert lines[span.start : span.end] == render_action(action)


@ROUND_TRIP
@given(data=st.data(), entries=month_files().filter(all_actions))
def test_replacing_an_actions_lines_changes_only_that_action(
    data: st.DataObject, entries: list[Entry]
) -> None:
    """What the store does to mark an action done: splice its span, touch nothing else."""
    action = data.draw(st.sampled_from(all_actions(entries)))
    changed = dataclasses.replace(
        action, status="done", changed_on=date(2026, 11, 29), note=data.draw(long_text)
    )
    text = render_file(entries)
    lines = text.split("\n")
    span = parse(text, PATH).action_spans[action.id]
    lines[span.start : span.end] = render_action(changed)

    reread = parse("\n".join(lines), PATH)

    assert render_file(reread.entries) == "\n".join(lines)
    assert all_actions(reread.entries) == [
        changed if other.id == action.id else other for other in all_actions(entries)
    ]
    assert [entry.id for entry in reread.entries] == [entry.id for entry in entries]


TRICKY_TEXTS = [
    "",
    " ",
    "\n",
    "\n\n",
    "a\n",
    "\na",
    "a\n\nb",
    "a\n\n\n",
    "  leading and trailing spaces  ",
    "\ttab first",
    "\r",
    "windows\r\nline end\r",
    "    already indented",
    "## 2026-01-01 10:00\nid: abcdefgh",
    "### x  [y]\n#### a  [b]\nscale: 1 (0 to 10)\nchose: x",
    "- [ ] x  (abcd)\n    indented",
    "# reflect journal · format 1",
    "\u2028line separator\x85next line\x0cform feed",
]


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_tricky_texts_read_back_exactly_wherever_they_sit(text: str) -> None:
    one_line = text.replace("\n", " ")
    entries = [
        Entry(
            id="k3f9q2mx",
            written=datetime(2026, 11, 3, 21, 14, 9),
            title=one_line,
            body=text,
            actions=(Action("h7rt", one_line, note=text),),
            sections=(
                SectionRecord(
                    "s",
                    one_line,
                    (
                        TextAnswer("t", one_line, text),
                        ActionAnswer("a", one_line, (Action("p2wd", one_line, note=text),)),
                        ChoiceAnswer("c", one_line, one_line),
                    ),
                ),
            ),
        ),
        Entry(id="w8nb4c2d", written=datetime(2026, 11, 5, 8, 2), body=text),
    ]
    assert parse(render_file(entries), PATH).entries == entries


def test_an_empty_file_and_a_header_alone_have_no_entries() -> None:
    assert parse("", PATH).entries == []
    assert parse("\n\n", PATH).entries == []
    assert parse(render_file([]), PATH).entries == []
    assert render_file([]) == FILE_HEADER + "\n"


# --------------------------------------------------------------------------- hand edits that break

# A small canonical file; each broken variant below changes one thing in it.
GOOD_ENTRIES = [
    Entry(
        id="k3f9q2mx",
        written=datetime(2026, 11, 3, 21, 14),
        title="Evening check-in",
        workbook="check-in",
        version="1",
        sections=(
            SectionRecord(
                "mood",
                "How you are",
                (
                    ScaleAnswer("energy", "How is your energy?", 6, 0, 10),
                    TextAnswer("on-mind", "What is on your mind?", "Work, mostly.\n\nAnd sleep."),
                ),
            ),
            SectionRecord(
                "next",
                "Next steps",
                (
                    ActionAnswer(
                        "plan",
                        "One small thing?",
                        (
                            Action("h7rt", "Walk at lunch", due=date(2026, 11, 4)),
                            Action("p2wd", "Call Sam", "done", changed_on=date(2026, 11, 5)),
                        ),
                    ),
                ),
            ),
        ),
    ),
    Entry(id="w8nb4c2d", written=datetime(2026, 11, 5, 8, 2), body="A quiet morning."),
]
GOOD = render_file(GOOD_ENTRIES)


LEFT = "left for another day: "


def edit(old: str, new: str, text: str = GOOD) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(fragment: str, text: str) -> int:
    """The 1-based number of the first line holding `fragment`."""
    for number, line in enumerate(text.split("\n"), start=1):
        if fragment in line:
            return number
    raise AssertionError(fragment)


def test_the_fixture_file_reads_as_it_should() -> None:
    assert GOOD.split("\n")[:8] == [
        "# reflect journal · format 1",
        "",
        "## 2026-11-03 21:14 · Evening check-in",
        "id: k3f9q2mx",
        "workbook: check-in (version 1)",
        "",
        "### How you are  [mood]",
        "",
    ]
    assert len(parse(GOOD, PATH).entries) == 2


BROKEN = [
    ("missing file header", GOOD.split("\n", 2)[2], 1),
    ("header misspelt", edit("# reflect journal", "# reflect jornal"), 1),
    ("header after blank lines", "\n\n" + edit("# reflect journal", "# journal"), 3),
    ("a newer format version", edit("format 1", f"format {FORMAT_VERSION + 1}"), 1),
    ("an absurdly long format version", edit("format 1", "format " + "9" * 5000), 1),
    ("text before the first entry", edit("\n\n## 2026-11-03", "\nmy notes\n\n## 2026-11-03"), 2),
    ("a heading with a bad date", edit("## 2026-11-03 21:14", "## 2026-02-30 10:00"), 3),
    ("a heading with a bad time", edit("## 2026-11-03 21:14", "## 2026-11-03 25:14"), 3),
    ("a heading without a time", edit("## 2026-11-03 21:14", "## 2026-11-03"), 3),
    ("a heading in another date style", edit("## 2026-11-03 21:14", "## 3 Nov 2026 21:14"), 3),
    ("a heading with a title but no dot", edit("21:14 · Evening", "21:14 Evening"), 3),
    ("missing id", edit("id: k3f9q2mx\n", ""), 3),
    ("an id that is not an id", edit("id: k3f9q2mx", "id: K3F9!"), 4),
    (
        "an id after the workbook line",
        edit(
            "id: k3f9q2mx\nworkbook: check-in (version 1)",
            "workbook: check-in (version 1)\nid: NOPE",
        ),
        5,
    ),
    ("a duplicate entry id", edit("id: w8nb4c2d", "id: k3f9q2mx"), line_of("id: w8nb4c2d", GOOD)),
    ("a meta line twice", edit("id: k3f9q2mx", "id: k3f9q2mx\nid: k3f9q2mx"), 5),
    ("a bad workbook line", edit("workbook: check-in (version 1)", "workbook: Check In"), 5),
    (
        "starred that is not yes",
        edit("id: w8nb4c2d", "id: w8nb4c2d\nstarred: no"),
        line_of("id: w8nb4c2d", GOOD) + 1,
    ),
    ("a duplicate action id", edit("(p2wd", "(h7rt"), line_of("(p2wd", GOOD)),
    ("an unknown status", edit("- [ ] Walk", "- [?] Walk"), line_of("Walk", GOOD)),
    (
        "open box with a done date",
        edit(
            "- [ ] Walk at lunch  (h7rt · due 2026-11-04)",
            "- [ ] Walk at lunch  (h7rt · due 2026-11-04 · done 2026-11-04)",
        ),
        line_of("Walk", GOOD),
    ),
    (
        "done box with a dropped date",
        edit("[x] Call Sam  (p2wd · done", "[x] Call Sam  (p2wd · dropped"),
        line_of("Call Sam", GOOD),
    ),
    ("a bad due date", edit("due 2026-11-04", "due 2026-11-31"), line_of("Walk", GOOD)),
    ("a due date in words", edit("due 2026-11-04", "due tomorrow"), line_of("Walk", GOOD)),
    ("a bad due time", edit("due 2026-11-04", "due 2026-11-04 25:00"), line_of("Walk", GOOD)),
    (
        "a due time with seconds",
        edit("due 2026-11-04", "due 2026-11-04 09:00:30"),
        line_of("Walk", GOOD),
    ),
    ("a bad done date", edit("done 2026-11-05", "done yesterday"), line_of("Call Sam", GOOD)),
    (
        "an unknown word in an action",
        edit("due 2026-11-04", "soon 2026-11-04"),
        line_of("Walk", GOOD),
    ),
    ("an action line without its id", edit("  (h7rt · due 2026-11-04)", ""), line_of("Walk", GOOD)),
    (
        "a prompt heading with nothing under it",
        edit("scale: 6 (0 to 10)\n", ""),
        line_of("[energy]", GOOD),
    ),
    (
        "a prompt heading with only a blank line under it",
        edit("    And sleep.\n", "    And sleep.\n\n#### Anything else?  [else]\n"),
        line_of("And sleep.", GOOD) + 2,
    ),
    (
        "a prompt heading last in the file",
        GOOD + "\n### More  [more]\n\n#### Anything else?  [else]\n",
        len(GOOD.split("\n")) + 3,
    ),
    (
        "a heading without its space",
        edit("## 2026-11-05", "##2026-11-05"),
        line_of("## 2026-11-05", GOOD),
    ),
    (
        "a deleted entry heading",
        edit("## 2026-11-05 08:02\n", ""),
        line_of("id: w8nb4c2d", GOOD) - 1,
    ),
    (
        "a prompt heading without its id",
        edit("#### How is your energy?  [energy]", "#### How is your energy?"),
        line_of("[energy]", GOOD),
    ),
    (
        "a section heading without its id",
        edit("### How you are  [mood]", "### How you are"),
        line_of("[mood]", GOOD),
    ),
    ("a dedented answer line", edit("    And sleep.", "And sleep."), line_of("And sleep.", GOOD)),
    (
        "an unrecognised line at column 0",
        edit("A quiet morning.\n", "A quiet morning.\nP.S. hi\n"),
        line_of("A quiet morning.", GOOD) + 1,
    ),
    (
        "a stray line under the meta lines",
        edit("workbook: check-in (version 1)\n", "workbook: check-in (version 1)\nmood: ok\n"),
        6,
    ),
    (
        "a second scale line",
        edit("scale: 6 (0 to 10)", "scale: 6 (0 to 10)\nscale: 7 (0 to 10)"),
        line_of("scale:", GOOD) + 1,
    ),
    (
        "a scale number too long to read",
        edit("scale: 6 (0", "scale: " + "6" * 5000 + " (0"),
        line_of("scale:", GOOD),
    ),
    (
        "a choice given twice",
        edit("scale: 6 (0 to 10)", "chose: a\nchose: b"),
        line_of("[energy]", GOOD),
    ),
    (
        "choice mixed with ticks",
        edit("scale: 6 (0 to 10)", "chose: a\nticked: b"),
        line_of("[energy]", GOOD),
    ),
    ("Windows line endings", GOOD.replace("\n", "\r\n"), 1),
    (
        "a left line without its prompt id",
        edit("workbook: check-in (version 1)", "workbook: check-in (version 1)\n" + LEFT + "Why?"),
        6,
    ),
    (
        "a left line with a bad prompt id",
        edit(
            "workbook: check-in (version 1)",
            "workbook: check-in (version 1)\n" + LEFT + "Why?  [W!]",
        ),
        6,
    ),
    (
        "a prompt left twice",
        edit(
            "workbook: check-in (version 1)",
            f"workbook: check-in (version 1)\n{LEFT}Why?  [why]\n{LEFT}Why again?  [why]",
        ),
        7,
    ),
    (
        "a left line in an entry without a workbook",
        edit("id: w8nb4c2d", f"id: w8nb4c2d\n{LEFT}Why?  [why]"),
        line_of("id: w8nb4c2d", GOOD) + 1,
    ),
    (
        "a left line after the sections",
        edit("scale: 6 (0 to 10)\n", f"scale: 6 (0 to 10)\n\n{LEFT}Why?  [why]\n"),
        line_of("scale:", GOOD) + 2,
    ),
]


@pytest.mark.parametrize(("text", "line"), [row[1:] for row in BROKEN], ids=[r[0] for r in BROKEN])
def test_a_broken_hand_edit_names_its_line(text: str, line: int) -> None:
    with pytest.raises(JournalError) as caught:
        parse(text, PATH)
    assert caught.value.path == PATH
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{PATH}:{line}: ")


def test_windows_line_endings_are_named_as_such() -> None:
    with pytest.raises(JournalError, match="line endings"):
        parse(GOOD.replace("\n", "\r\n"), PATH)


def test_a_newer_format_says_to_upgrade() -> None:
    with pytest.raises(JournalError, match="newer reflect"):
        parse(edit("format 1", f"format {FORMAT_VERSION + 1}"), PATH)


@FUZZ
@given(data=st.data(), entries=month_files())
def test_a_truncated_file_reads_as_its_prefix_or_names_a_line(
    data: st.DataObject, entries: list[Entry]
) -> None:
    """A file cut anywhere (a sync that stopped half way) never raises anything else."""
    text = render_file(entries)
    cut = data.draw(st.integers(min_value=0, max_value=len(text)))
    result = parse_or_journal_error(text[:cut])
    if isinstance(result, ParsedFile):
        # Every entry before the one that was cut is whole; the cut one may have lost its end.
        whole = max(len(result.entries) - 1, 0)
        assert len(result.entries) <= len(entries)
        assert result.entries[:whole] == entries[:whole]


@ROUND_TRIP
@given(data=st.data(), entries=month_files())
def test_a_file_cut_between_entries_is_exactly_its_first_entries(
    data: st.DataObject, entries: list[Entry]
) -> None:
    keep = data.draw(st.integers(min_value=0, max_value=len(entries)))
    assert (
        parse(render_file(entries)[: len(render_file(entries[:keep]))], PATH).entries
        == (entries[:keep])
    )


# --------------------------------------------------------------------------- hand edits that are fine

LENIENT = [
    ("a tab instead of four spaces", edit("    And sleep.", "\tAnd sleep.")),
    ("a tab indenting a body", edit("    A quiet morning.", "\tA quiet morning.")),
    (
        "spaces on an empty line inside an answer",
        edit("Work, mostly.\n\n", "Work, mostly.\n    \n"),
    ),
    (
        "stray spaces on an empty line inside an answer",
        edit("Work, mostly.\n\n", "Work, mostly.\n  \n"),
    ),
    ("extra blank lines between entries", edit("\n\n## 2026-11-05", "\n\n\n\n## 2026-11-05")),
    ("extra blank lines after the header", edit(FILE_HEADER + "\n", FILE_HEADER + "\n\n\n")),
    ("blank lines before the header", "\n\n" + GOOD),
    ("no blank line after the header", edit(FILE_HEADER + "\n\n", FILE_HEADER + "\n")),
    ("extra blank lines between sections", edit("\n\n### Next steps", "\n\n\n\n### Next steps")),
    ("no blank line before a section", edit("\n\n### Next steps", "\n### Next steps")),
    ("extra blank lines between answers", edit("\n\n#### What is on", "\n\n\n#### What is on")),
    ("no blank line between answers", edit("\n\n#### What is on", "\n#### What is on")),
    ("a blank line between a prompt and its answer", edit("[energy]\n", "[energy]\n\n")),
    ("a blank line between a prompt and its text", edit("[on-mind]\n", "[on-mind]\n\n")),
    ("a blank line between two actions", edit("\n- [x] Call Sam", "\n\n- [x] Call Sam")),
    (
        "blank lines with spaces between parts",
        edit("\n\n### Next steps", "\n  \n \n### Next steps"),
    ),
    (
        "a blank line before the body",
        edit("\n\n    A quiet morning.", "\n\n\n    A quiet morning."),
    ),
    ("no blank line before the body", edit("\n\n    A quiet morning.", "\n    A quiet morning.")),
    ("no blank line at the end of the file", GOOD.rstrip("\n")),
    ("extra blank lines at the end of the file", GOOD + "\n\n\n"),
    ("spaces after the header", edit(FILE_HEADER, FILE_HEADER + "  ")),
    ("a byte order mark before the header", "\ufeff" + GOOD),
    ("no space after a colon", edit("id: w8nb4c2d", "id:w8nb4c2d")),
]


@pytest.mark.parametrize("text", [row[1] for row in LENIENT], ids=[row[0] for row in LENIENT])
def test_a_harmless_hand_edit_reads_as_the_same_entries(text: str) -> None:
    assert parse(text, PATH).entries == parse(GOOD, PATH).entries


def test_value_lines_without_their_space_still_read() -> None:
    text = render_file(
        [
            Entry(
                id="k3f9q2mx",
                written=datetime(2026, 11, 3, 21, 14),
                sections=(
                    SectionRecord(
                        "s",
                        "S",
                        (
                            ChoiceAnswer("c", "C", ""),
                            ChecklistAnswer("k", "K", ("a", "")),
                            ListAnswer("l", "L", ("b",)),
                        ),
                    ),
                ),
            )
        ]
    )
    hand_edited = text.replace("chose: ", "chose:").replace(": a", ":a").replace(": b", ":b")
    assert hand_edited != text
    assert parse(hand_edited, PATH).entries == parse(text, PATH).entries


def test_a_stripped_bare_indent_loses_only_the_empty_edge_line() -> None:
    """Editors that strip trailing spaces turn a bare indent into a blank separator."""
    entry = Entry(id="k3f9q2mx", written=datetime(2026, 11, 3, 21, 14), body="\nmiddle\n")
    stripped = "\n".join(line.rstrip() for line in render_file([entry]).split("\n"))
    assert parse(stripped, PATH).entries == [dataclasses.replace(entry, body="middle")]


# --------------------------------------------------------------------------- fuzz


@CHEAP_FUZZ
@given(text=st.text())
def test_any_text_reads_or_names_a_line(text: str) -> None:
    parse_or_journal_error(text)


@CHEAP_FUZZ
@given(lines=st.lists(a_line, max_size=30))
def test_any_text_after_a_header_reads_or_names_a_line(lines: list[str]) -> None:
    parse_or_journal_error("\n".join([FILE_HEADER, *lines]))


@st.composite
def mutated_files(draw: st.DrawFn, free_form: bool = False) -> str:
    """A rendered file with lines deleted, duplicated, swapped, replaced or edited."""
    lines = render_file(draw(month_files(free_form))).split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        where = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        how = draw(st.sampled_from(["delete", "duplicate", "swap", "replace", "insert", "cut"]))
        if how == "delete":
            del lines[where]
        elif how == "duplicate":
            lines.insert(where, lines[where])
        elif how == "swap":
            lines[where], lines[other] = lines[other], lines[where]
        elif how == "replace":
            lines[where] = draw(a_line)
        elif how == "insert":
            lines.insert(where, draw(a_line))
        else:
            lines[where] = lines[where][: draw(st.integers(min_value=0, max_value=40))]
        if not lines:
            break
    return "\n".join(lines)


@FUZZ
@given(text=mutated_files())
def test_a_mangled_file_reads_or_names_a_line(text: str) -> None:
    parse_or_journal_error(text)


# --------------------------------------------------------------------------- the quick path
#
# Free-form entries exactly as reflect writes them are read by a quicker path than
# the line-by-line parser (see parse()). Whatever the text, the two must agree: the
# same entries and spans, or the same error on the same line.


def read_both_ways(text: str) -> None:
    def outcome(quick: bool) -> object:
        try:
            parsed = parse(text, PATH, quick=quick)
        except JournalError as error:
            return str(error), error.line
        return parsed.entries, parsed.entry_spans, parsed.action_spans

    assert outcome(quick=True) == outcome(quick=False)


@FUZZ
@given(entries=month_files(free_form=True), ending=st.sampled_from(["", "\n", "  \n", "\t\n"]))
def test_quick_and_line_by_line_agree_on_what_reflect_writes(
    entries: list[Entry], ending: str
) -> None:
    read_both_ways(render_file(entries) + ending)


@FUZZ
@given(text=mutated_files(free_form=True) | mutated_files())
def test_quick_and_line_by_line_agree_on_mangled_files(text: str) -> None:
    read_both_ways(text)


@CHEAP_FUZZ
@given(lines=st.lists(a_line, max_size=30))
def test_quick_and_line_by_line_agree_on_any_lines(lines: list[str]) -> None:
    read_both_ways("\n".join([FILE_HEADER, "", "## 2026-11-29 10:00", "id: abcdefgh", *lines]))


# --------------------------------------------------------------------------- the spec


def test_the_example_in_the_spec_is_a_canonical_file() -> None:
    """docs/journal-format.md shows a whole month file; it must be exactly what we write."""
    spec = (Path(__file__).parents[2] / "docs" / "journal-format.md").read_text("utf-8")
    blocks = spec.split("```\n")[1::2]
    example = next(block for block in blocks if block.startswith(FILE_HEADER + "\n\n## "))
    entries = parse(example, PATH).entries
    assert render_file(entries) == example
    assert [entry.id for entry in entries] == ["k3f9q2mx", "w8nb4c2d", "r5dm2cxa"]
    kinds = {answer.kind for section in entries[0].sections for answer in section.answers}
    assert kinds == {"text", "scale", "choice", "checklist", "list", "action"}
    assert {action.status for action in all_actions(entries)} == set(STATUSES)


# --------------------------------------------------------------------------- the model's guards


@pytest.mark.parametrize(
    "make",
    [
        lambda: Action("h7rt", "two\nlines"),
        lambda: Action("h7rt", "x", "open", changed_on=date(2026, 1, 1)),
        lambda: Action("h7rt", "x", at=time(9, 0)),
        lambda: Action("h7rt", "x", due=date(2026, 1, 1), at=time(9, 0, 30)),
        lambda: Action("h7rt", "x", due=date(2026, 1, 1), at=time(9, 0, tzinfo=UTC)),
        lambda: Entry("k3f9q2mx", datetime(2026, 1, 1, 9, 0, 0, 5)),
        lambda: Entry("k3f9q2mx", datetime(2026, 1, 1), version="1"),
        lambda: Entry("k3f9q2mx", datetime(2026, 1, 1), title="two\nlines"),
        lambda: SectionRecord("s", "two\nlines"),
        lambda: SectionRecord("s", "t", (ScaleAnswer("p", "two\nlines", 1, 0, 2),)),
        lambda: ChecklistAnswer("p", "q", ()),
        lambda: ListAnswer("p", "q", ("two\nlines",)),
        lambda: ChoiceAnswer("p", "q", "two\nlines"),
        lambda: ActionAnswer("p", "q", ()),
    ],
)
def test_the_model_refuses_what_the_format_could_not_hold(make: Callable[[], object]) -> None:
    with pytest.raises(ValueError):
        make()


# --------------------------------------------------------------------------- left for another day

WHY = LeftPrompt("why", "What's behind that number?")
THREE = LeftPrompt("three", "Three small things  [that went well]")  # brackets of its own


def _check_in(*, left: tuple[LeftPrompt, ...] = (), answers: tuple[Answer, ...] = ()) -> Entry:
    return Entry(
        id="t6hq8wze",
        written=datetime(2026, 12, 3, 21, 40),
        title="Check-in",
        workbook="check-in",
        version="1",
        starred=True,
        sections=(SectionRecord("s", "S", answers),) if answers else (),
        left=left,
    )


@pytest.mark.parametrize(
    ("left", "lines"),
    [
        ((WHY,), [f"{LEFT}What's behind that number?  [why]"]),
        (
            (WHY, THREE),
            [
                f"{LEFT}What's behind that number?  [why]",
                f"{LEFT}Three small things  [that went well]  [three]",
            ],
        ),
        ((LeftPrompt("p", ""),), [f"{LEFT}  [p]"]),  # the prompt's words are the workbook's
        ((LeftPrompt("p", "### x  [y]"),), [f"{LEFT}### x  [y]  [p]"]),
    ],
)
def test_prompts_left_are_meta_lines_under_the_heading(
    left: tuple[LeftPrompt, ...], lines: list[str]
) -> None:
    text = render_entry(_check_in(left=left))
    assert text.split("\n")[1 : 5 + len(lines)] == [
        "id: t6hq8wze",
        "workbook: check-in (version 1)",
        "starred: yes",
        *lines,
        "",
    ]
    assert parse(render_file([_check_in(left=left)]), PATH).entries == [_check_in(left=left)]


@pytest.mark.parametrize(
    ("entries", "format_line"),
    [
        ([], "format 1"),
        ([_check_in()], "format 1"),
        ([_check_in(left=(WHY,))], "format 3"),
        ([_check_in(answers=(DateAnswer("d", "When?", date(2026, 12, 1)),))], "format 2"),
        (
            [_check_in(left=(WHY,), answers=(DateAnswer("d", "When?", date(2026, 12, 1)),))],
            "format 3",
        ),
        ([GOOD_ENTRIES[0], _check_in(left=(THREE,))], "format 3"),
    ],
)
def test_only_a_file_that_names_left_prompts_says_format_3(
    entries: list[Entry], format_line: str
) -> None:
    assert render_file(entries).split("\n")[0] == f"# reflect journal · {format_line}"
    assert FORMAT_VERSION >= 3


@pytest.mark.parametrize("header", [FILE_HEADER, "# reflect journal · format 2"])
def test_files_from_before_format_3_still_read_and_say_nothing_was_left(header: str) -> None:
    old = header + GOOD[len(FILE_HEADER) :]
    entries = parse(old, PATH).entries
    assert [entry.id for entry in entries] == ["k3f9q2mx", "w8nb4c2d"]
    assert all(entry.left == () for entry in entries)
    assert render_file(entries) == GOOD  # written again, they still say format 1


@pytest.mark.parametrize("header", [FILE_HEADER, "# reflect journal · format 2"])
def test_a_left_line_typed_into_an_older_file_is_read(header: str) -> None:
    text = (
        header
        + edit(
            "workbook: check-in (version 1)",
            f"{LEFT}Why?  [why]\nworkbook: check-in (version 1)\n{LEFT}Anything else?  [else]",
        )[len(FILE_HEADER) :]
    )
    [entry, _] = parse(text, PATH).entries
    assert entry.left == (LeftPrompt("why", "Why?"), LeftPrompt("else", "Anything else?"))
    assert entry.workbook == "check-in"


def test_adding_an_entry_that_left_prompts_changes_only_the_first_line(tmp_path: Path) -> None:
    from reflect.journal.store import JournalStore

    store = JournalStore(tmp_path / "journal")
    store.add_entry(GOOD_ENTRIES[0])
    [path] = store.month_files()
    before = path.read_text("utf-8")
    later = dataclasses.replace(_check_in(left=(WHY,)), written=datetime(2026, 11, 30, 9, 0))
    store.add_entry(later)
    after = path.read_text("utf-8")
    assert after.startswith("# reflect journal · format 3\n")
    assert after[len("# reflect journal · format 3") :].startswith(before[len(FILE_HEADER) :])
    assert store.read_file(path).entries == [GOOD_ENTRIES[0], later]


@pytest.mark.parametrize(
    "make",
    [
        lambda: LeftPrompt("p", "two\nlines"),
        lambda: Entry("k3f9q2mx", datetime(2026, 1, 1), left=(WHY,)),  # no workbook
        lambda: Entry("k3f9q2mx", datetime(2026, 1, 1), workbook="w", left=(WHY, WHY)),
    ],
)
def test_the_model_refuses_left_prompts_the_format_could_not_hold(
    make: Callable[[], object],
) -> None:
    with pytest.raises(ValueError):
        make()
