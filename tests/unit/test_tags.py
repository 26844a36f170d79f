"""The tag rule (docs/journal-format.md, Tags): what counts as a #tag or @tag, and what not."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect.journal.model import Action, Entry, SectionRecord
from reflect.journal.tags import count_tags, entry_tags, has_tags, tag_name, tags_in
from reflect.kinds.action import ActionAnswer
from reflect.kinds.choice import ChoiceAnswer
from reflect.kinds.short_list import ListAnswer
from reflect.kinds.text import TextAnswer

WHEN = datetime(2026, 11, 3, 9, 0)


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        # Tags: # or @ starting a word, then a name with a letter in it.
        ("A long #walk today", ["walk"]),
        ("Met @sam and @Priya", ["sam", "priya"]),
        ("#walk at the start", ["walk"]),
        ("line one\n#walk on the next line", ["walk"]),
        ("(#walk) and [#run] and '#swim' and \"@jo\"", ["walk", "run", "swim", "jo"]),
        ("Ends a sentence: #walk.", ["walk"]),
        ("#walk, #run; #swim!", ["walk", "run", "swim"]),
        ("#work-life balance", ["work-life"]),
        ("#work- in progress", ["work"]),  # a trailing dash is punctuation
        ("#walk_group", ["walk_group"]),
        ("#goals2026", ["goals2026"]),
        ("#Café au lait", ["café"]),
        ("#散歩 は楽しい", ["散歩"]),
        ("#Walk and #walk and @WALK", ["walk", "walk", "walk"]),
        # Not tags.
        ("mail sam@example.com today", []),
        ("https://example.com/#top and http://x.org/@me", []),
        ("see page#section", []),
        ("C# and F# are languages", []),
        ("# A Markdown heading", []),
        ("## Another heading", []),
        ("##double", []),
        ("Ticket #1 and #42, @3pm, #2026goals", []),  # a name starts with a letter
        ("# ", []),
        ("@ alone and # alone", []),
        ("#_private", []),
        ("", []),
    ],
)
def test_what_is_a_tag(text: str, tags: list[str]) -> None:
    assert [name for name, _ in tags_in(text)] == tags


@pytest.mark.parametrize(
    ("typed", "name"), [("walk", "walk"), ("#Walk", "walk"), ("@walk", "walk"), (" #x ", "x")]
)
def test_tag_names_as_typed_after_tag(typed: str, name: str) -> None:
    assert tag_name(typed) == name


def test_tags_come_from_the_persons_words_not_the_workbooks() -> None:
    entry = Entry(
        "k3f9q2mx",
        WHEN,
        title="A #title tag",
        workbook="wellbeing-check-in",
        sections=(
            SectionRecord(
                "s",
                "#not-from-a-section-title",
                (
                    TextAnswer("p", "A #prompt is the workbook's", "Felt #tired"),
                    ChoiceAnswer("c", "Pick", "#option-is-the-workbooks"),
                    ListAnswer("l", "Three things", ("#garden", "tea")),
                    ActionAnswer(
                        "a", "Plan", (Action("h7rt", "Walk with @sam", note="#done-well"),)
                    ),
                ),
            ),
        ),
    )
    assert entry_tags(entry) == ["title", "tired", "garden", "sam", "done-well"]


def test_counting_and_filtering_by_tags() -> None:
    entries = [
        Entry("aaaaaaaa", WHEN, body="#Walk with @sam, #walk again"),
        Entry("bbbbbbbb", WHEN, body="#walk alone"),
        Entry("cccccccc", WHEN, body="@sam phoned"),
        Entry("dddddddd", WHEN, body="no tags at all"),
    ]
    # Entries, not mentions; the spelling shown is the one written most.
    assert count_tags(entries) == [("@sam", 2), ("#walk", 2)]  # equal counts: by name
    wanted = frozenset({"walk", "sam"})
    assert [e.id for e in entries if has_tags(e, wanted, any_of=False)] == ["aaaaaaaa"]
    assert [e.id for e in entries if has_tags(e, wanted, any_of=True)] == [
        "aaaaaaaa",
        "bbbbbbbb",
        "cccccccc",
    ]


@settings(database=None)
@given(st.text(max_size=60))
def test_every_tag_found_is_written_in_the_text_and_is_a_name(text: str) -> None:
    for name, written in tags_in(text):
        assert written in text
        assert written[0] in "#@"
        assert name == written[1:].casefold()
        assert name and not any(c.isspace() or c in "#@" for c in name)
