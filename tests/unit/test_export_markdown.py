"""Markdown export: a reviewed document for a fixture journal, and answers that would be
Markdown (headings, fences, HTML, tables, trailing spaces…) shown exactly as written.

The document is checked by parsing it with a CommonMark parser (markdown-it-py, which
rich brings with it), the way a reader's viewer would: the headings are only ours, no
HTML gets through but our anchors, and each answer reads back as it was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from reflect.export.markdown import render_markdown
from reflect.export.markdown_text import as_prose, inline
from reflect.journal.model import Action, Entry, SectionRecord
from reflect.journal.query import Filters, iter_entries
from reflect.journal.store import JournalStore
from reflect.kinds.text import TextAnswer
from tests.conftest import DATA, FROZEN_TODAY

PARSER = MarkdownIt("commonmark").enable("table").enable("strikethrough")
ANCHOR = re.compile(r'^<a id="entry-[a-z0-9]+">$|^</a>$')

HOSTILE = [
    "# A heading\nand text",
    "## 2026-01-01 10:00 · looks like the journal",
    "```\ncode\n```\nafter the fence",
    "~~~\ntilde fence",
    "````` five backticks `` and two",
    "<script>alert('hi')</script>",
    "<!-- a comment that never ends",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "a | b\n--- | ---\n1 | 2",
    "trailing spaces   \nnext line",
    "    indented like code",
    "- a list\n- of things\n\n1. numbered\n2) other",
    "> a quote",
    "---",
    "Setext\n===",
    "Setext\n---",
    "&amp; &copy; &#169;",
    "[a link](https://example.org) ![an image](x.png) <https://example.org>",
    "*emphasis* _this_ **strong** ~~struck~~ $x^2$",
    "back\\slash at the end\\",
    "a\rcarriage return\r# heading after CR",
    "line one\nline two\n\n\nafter three blank lines",
    "- [ ] a task in my text  (abcd)",
    "ordinary words, nothing else",
    "\n\nblank lines around\n\n",
    "   ",
    "\t\ttabs",
]


def parse(markdown: str) -> list[Token]:
    return PARSER.parse(markdown)


def plain(inline_token: Token) -> str:
    """What a reader sees of an inline run: text, code, and line breaks."""
    parts = []
    for child in inline_token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("hardbreak", "softbreak"):
            parts.append("\n")
        elif child.type not in (
            "s_open",
            "s_close",
            "strong_open",
            "strong_close",
            "em_open",
            "em_close",
        ):
            raise AssertionError(f"unexpected {child.type} in {inline_token.content!r}")
    return "".join(parts)


def headings(tokens: list[Token]) -> list[tuple[str, str]]:
    return [
        (tokens[i].tag, plain(tokens[i + 1]))
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def html(tokens: list[Token]) -> list[str]:
    found = [t.content for t in tokens if t.type == "html_block"]
    for token in tokens:
        found += [c.content for c in token.children or [] if c.type == "html_inline"]
    return found


def shown(text: str) -> str:
    """What a Markdown viewer can show of `text` at best: CR is a line ending to it (and a
    CR at the very end makes one line ending with the newline written after the text)."""
    text = (text + "\n").replace("\r\n", "\n").replace("\r", "\n")[:-1]
    return text.replace("\0", "\ufffd")


def export(*entries: Entry, some_sections: bool = False) -> str:
    return "".join(
        render_markdown(lambda: entries, exported=FROZEN_TODAY, some_sections=some_sections)
    )


def answer_as_read(tokens: list[Token], after_heading: str) -> str:
    """The text a reader sees under the heading whose text is `after_heading`."""
    start = next(
        i + 3
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and plain(tokens[i + 1]) == after_heading
    )
    paragraphs = []
    for token in tokens[start:]:
        if token.type in ("heading_open", "hr"):
            break
        if token.type == "fence":
            return token.content.removesuffix("\n")
        if token.type == "inline":
            paragraphs.append(plain(token))
    return "\n\n".join(paragraphs)


def note_as_read(tokens: list[Token]) -> str:
    """What a reader sees under the one task list item, after its first line."""
    start = next(i for i, t in enumerate(tokens) if t.type == "list_item_open")
    end = next(i for i, t in enumerate(tokens) if t.type == "list_item_close")
    inside = tokens[start:end]
    assert not any(t.type == "list_item_open" for t in inside[1:])
    parts = []
    for token in inside:
        if token.type == "fence":
            parts.append(token.content.removesuffix("\n"))
        elif token.type == "inline":
            parts.append(plain(token))
    return "\n\n".join(parts[1:])


# --------------------------------------------------------------------------- fixture


def test_the_fixture_journal_exports_to_the_reviewed_document() -> None:
    store = JournalStore(DATA / "journal")
    document = "".join(
        render_markdown(
            lambda: iter_entries(store, Filters(), newest_first=False), exported=FROZEN_TODAY
        )
    )
    expected = (DATA / "export" / "journal.md").read_text(encoding="utf-8")
    assert document == expected


def test_the_fixture_document_has_only_our_headings_and_anchors() -> None:
    tokens = parse((DATA / "export" / "journal.md").read_text(encoding="utf-8"))
    assert [tag for tag, _ in headings(tokens)].count("h2") == 7  # contents + 6 entries
    assert all(ANCHOR.match(fragment) for fragment in html(tokens))
    assert ("h4", "What's behind that number?") in headings(tokens)


# --------------------------------------------------------------------------- hostile


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_survives_as_written(text: str) -> None:
    title = text.split("\n")[0].replace("\r", " ")
    entry = Entry(
        "aaaaaaaa",
        datetime(2026, 11, 21, 22, 5),
        title=title,
        sections=(
            SectionRecord(
                "s", title if title.strip() else "Section", (TextAnswer("p", "The prompt", text),)
            ),
        ),
        actions=(Action("k3f9", title or "act", "done", changed_on=date(2026, 11, 22), note=text),),
    )
    tokens = parse(export(entry))
    expected_title = title.strip() or ""
    assert headings(tokens) == [
        ("h1", "Journal"),
        ("h2", f"Sat 21 Nov 2026 · {expected_title}" if title.strip() else "Sat 21 Nov 2026"),
        ("h3", expected_title or "Section"),
        ("h4", "The prompt"),
    ]
    assert all(ANCHOR.match(fragment) for fragment in html(tokens))
    read = answer_as_read(tokens, "The prompt")
    if as_prose(text) is not None:
        assert read == shown(re.sub(r"\n{3,}", "\n\n", text))
    else:
        assert read == shown(text) or (not text and read == "(left empty)")
    # The follow-up note sits inside its task list item, and reads back too.
    note = note_as_read(tokens)
    if not text:
        assert note == "How it went: (left empty)"
    elif as_prose(text) is not None:
        assert note == "How it went: " + re.sub(r"\n{3,}", "\n\n", text)
    else:
        assert note == "How it went:\n\n" + shown(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain words, (even) these: fine!", "plain words, (even) these: fine!"),
        ("# hash", "\\# hash"),
        ("week #3 ##", "week \\#3 \\#\\#"),
        ("1. first", "1\\. first"),
        ("2024) year", "2024\\) year"),
        ("- dash", "\\- dash"),
        ("> quote", "\\> quote"),
        ("<b>bold</b>", "\\<b>bold\\</b>"),
        ("a & b &amp; c", "a & b \\&amp; c"),
        (
            "$20 ~5pm *yes* _no_ [x] `c` a|b \\",
            "\\$20 \\~5pm \\*yes\\* \\_no\\_ \\[x] \\`c\\` a\\|b \\\\",
        ),
        ("x\ry", "x y"),
    ],
)
def test_one_line_values_are_escaped_only_where_needed(value: str, expected: str) -> None:
    assert inline(value) == expected


def test_prose_is_escaped_and_keeps_line_breaks_with_a_backslash() -> None:
    assert as_prose("one\ntwo\n\nthree") == "one\\\ntwo\n\nthree"
    assert as_prose("I spent $20 on *good* coffee <3") == (
        "I spent \\$20 on \\*good\\* coffee \\<3"
    )
    assert as_prose("# not a heading\n- nor a list") == "\\# not a heading\\\n\\- nor a list"


@pytest.mark.parametrize("text", ["trailing ", "  indented", "a\rb", "\nleading blank", "   "])
def test_whitespace_that_matters_goes_in_a_fence(text: str) -> None:
    assert as_prose(text) is None


# Lines that are Markdown, mixed with ordinary words, for the property below.
markdownish_line = st.sampled_from(
    [line for text in HOSTILE for line in text.split("\n")] + ["", "words", "more words"]
)
answer_text = st.one_of(st.text(), st.lists(markdownish_line, max_size=8).map("\n".join))


@settings(max_examples=150, database=None, deadline=None)
@given(answer_text)
def test_any_answer_reads_back_as_written(text: str) -> None:
    entry = Entry(
        "aaaaaaaa",
        datetime(2026, 11, 21, 22, 5),
        sections=(SectionRecord("s", "Section", (TextAnswer("p", "The prompt", text),)),),
    )
    tokens = parse(export(entry))
    assert [tag for tag, _ in headings(tokens)] == ["h1", "h2", "h3", "h4"]
    assert all(ANCHOR.match(fragment) for fragment in html(tokens))
    read = answer_as_read(tokens, "The prompt")
    if not text:
        assert read == "(left empty)"
    elif as_prose(text) is not None:
        assert read == shown(re.sub(r"\n{3,}", "\n\n", text))
    else:
        assert read == shown(text)


def test_the_section_filter_says_the_document_is_partial() -> None:
    entry = Entry("aaaaaaaa", datetime(2026, 11, 21, 22, 5), sections=(SectionRecord("s", "S"),))
    assert "Only the chosen sections" in export(entry, some_sections=True)


def test_an_export_to_a_file_never_changes_the_folder(tmp_path: Path) -> None:
    from reflect.output import write_output

    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    target = folder / "plan.md"
    write_output(target, ["# Plan\n", "text\n"])
    assert target.read_text() == "# Plan\ntext\n"
    assert target.stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o755
    assert [p.name for p in folder.iterdir()] == ["plan.md"]


def test_a_failed_export_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    from reflect.output import write_output

    target = tmp_path / "plan.md"
    target.write_text("old")

    def chunks() -> Iterator[str]:
        yield "new"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_output(target, chunks())
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


@settings(max_examples=150, database=None, deadline=None)
@given(
    st.text(alphabet=st.characters(exclude_characters="\n", exclude_categories=["Cs"])).filter(
        str.strip
    )
)
def test_any_title_prompt_and_item_reads_back_as_written(value: str) -> None:
    entry = Entry(
        "aaaaaaaa",
        datetime(2026, 11, 21, 22, 5),
        title=value,
        sections=(SectionRecord("s", value, (TextAnswer("p", value, "x"),)),),
        actions=(Action("k3f9", value),),
    )
    tokens = parse(export(entry))
    expected = shown(value.replace("\r", " ").strip())
    assert headings(tokens)[1:] == [
        ("h2", f"Sat 21 Nov 2026 · {expected}"),
        ("h3", expected),
        ("h4", expected),
    ]
    [item] = [plain(t) for t in tokens if t.type == "inline" and t.content.startswith("[ ]")]
    assert item == "[ ] " + expected
    assert all(ANCHOR.match(fragment) for fragment in html(tokens))


def test_one_entry_without_its_anchor_is_pure_markdown() -> None:
    from reflect.export.markdown import render_entry

    entry = Entry("aaaaaaaa", datetime(2026, 11, 21, 22, 5), "A <title>", body="x")
    text = render_entry(entry, anchor_line=False)
    assert text.startswith("## Sat 21 Nov 2026 · A \\<title>\n")
    assert html(parse(text)) == []


def test_a_long_journal_counts_its_entries_readably() -> None:
    start = datetime(2020, 1, 1, 8, 0)
    entries = [
        Entry(f"e{n:07d}", start.replace(year=2020 + n // 365), body="x") for n in range(1001)
    ]
    document = "".join(render_markdown(lambda: entries, exported=FROZEN_TODAY))
    assert "\n1,001 entries, " in document
