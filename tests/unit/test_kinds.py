"""The answer kinds: one registry, each kind complete, and the date kind end to end in
the domain (journal lines, format version, drafts, exports, reading what people type).

The front ends' side (plain walk, the app) is in tests/cli/test_start_dates.py and
tests/tui/test_walk_dates.py.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect.errors import DateError, InvalidAnswer, JournalError
from reflect.export.json import render_json, schema
from reflect.export.json_schema import SCHEMA_FILE, schema_text
from reflect.export.markdown import render_entry as markdown_entry
from reflect.journal.model import Action, Answer, Entry, SectionRecord
from reflect.journal.parse import parse
from reflect.journal.render import FILE_HEADER, FORMAT_VERSION, format_needed, render_file
from reflect.journal.store import JournalStore
from reflect.kinds import BY_NAME, KINDS, NAMES
from reflect.kinds.action import ActionAnswer
from reflect.kinds.checklist import ChecklistAnswer
from reflect.kinds.choice import ChoiceAnswer
from reflect.kinds.date import DateAnswer, echo_day, read_day
from reflect.kinds.scale import ScaleAnswer
from reflect.kinds.short_list import ListAnswer
from reflect.kinds.text import TextAnswer
from reflect.workbook.loader import load_workbook
from tests.conftest import DATA, FROZEN_NOW
from tests.export_reader import read_json
from tests.unit.test_journal_format import long_text, short_text

TODAY = FROZEN_NOW.date()  # Sun 29 Nov 2026
ROUND_TRIP = settings(max_examples=40, database=None, deadline=None)
WRITTEN = datetime(2026, 11, 29, 10, 0)

# --------------------------------------------------------------------------- the registry


def test_every_kind_has_one_name_one_marker_and_its_own_prompt_model() -> None:
    assert len(set(NAMES)) == len(KINDS)
    assert len({kind.reads for kind in KINDS}) == len(KINDS)
    for kind in KINDS:
        model = kind.prompt_model()
        assert get_args(model.model_fields["kind"].annotation) == (kind.name,)
        assert kind.answer_type.kind == kind.name
        assert kind.starter[0] in ("looking-back", "what-helps", "next-step")


def test_the_workbook_schema_and_loader_know_every_kind() -> None:
    from reflect.workbook.schema import workbook_schema

    text = json.dumps(workbook_schema())
    for name in NAMES:
        assert f'"const": "{name}"' in text or f'"enum": ["{name}"]' in text, name


def test_the_export_schema_file_is_what_the_kinds_generate() -> None:
    published = (Path(__file__).parents[2] / "reflect" / "export" / SCHEMA_FILE).read_text()
    assert published == schema_text(), "run: python -m reflect.export.json_schema"
    assert schema()["$defs"]["answer"]["properties"]["kind"]["enum"] == list(NAMES)


def test_the_docs_describe_every_kind() -> None:
    docs = Path(__file__).parents[2] / "docs"
    journal = (docs / "journal-format.md").read_text("utf-8")
    authors = (docs / "workbook-format.md").read_text("utf-8")
    for kind in KINDS:
        assert f"\n| {kind.name} |" in journal, kind.name
        assert f'kind = "{kind.name}"' in authors, kind.name


# --------------------------------------------------------------------------- every kind round trips

ANSWERS: dict[str, st.SearchStrategy[Answer]] = {
    "text": st.builds(TextAnswer, st.just("p"), short_text, long_text),
    "scale": st.builds(
        ScaleAnswer, st.just("p"), short_text, st.integers(), st.integers(), st.integers()
    ),
    "choice": st.builds(ChoiceAnswer, st.just("p"), short_text, short_text),
    "checklist": st.builds(
        ChecklistAnswer, st.just("p"), short_text, st.lists(short_text, min_size=1).map(tuple)
    ),
    "list": st.builds(
        ListAnswer, st.just("p"), short_text, st.lists(short_text, min_size=1).map(tuple)
    ),
    "action": st.builds(
        ActionAnswer,
        st.just("p"),
        short_text,
        st.builds(lambda t, d: (Action("ab2c", t, due=d),), short_text, st.none() | st.dates()),
    ),
    "date": st.builds(DateAnswer, st.just("p"), short_text, st.dates()),
}


def test_every_kind_has_a_strategy_here() -> None:
    assert set(ANSWERS) == set(NAMES)


def _entry(*answers: Answer) -> Entry:
    return Entry("k3f9q2mx", WRITTEN, "t", "wb", sections=(SectionRecord("s", "S", answers),))


@pytest.mark.parametrize("name", NAMES)
def test_each_kind_reads_back_what_it_writes(name: str) -> None:
    @ROUND_TRIP
    @given(ANSWERS[name])
    def check(answer: Answer) -> None:
        entry = _entry(answer)
        assert parse(render_file([entry])).entries == [entry]
        kind = BY_NAME[name]
        data = kind.to_json(answer)
        assert kind.from_json(answer.prompt_id, answer.prompt, data, _Fields(), "x") == answer
        assert kind.markdown(answer).endswith("\n")
        assert kind.view(answer, TODAY) is not None

    check()


class _Fields:
    """The JSON reader, as the kinds use it, without the error paths."""

    def field(self, data: dict[str, Any], key: str, kind: type, where: str) -> Any:
        assert isinstance(data[key], kind)
        return data[key]

    def strings(self, data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        return tuple(data[key])

    def action(self, raw: Any, where: str) -> Action:
        return Action(
            raw["id"], raw["text"], due=date.fromisoformat(raw["due"]) if raw["due"] else None
        )


# --------------------------------------------------------------------------- the date kind: reading


PAST = [  # (typed, the day it means on Sun 29 Nov 2026)
    ("yesterday", date(2026, 11, 28)),
    ("today", date(2026, 11, 29)),
    ("last monday", date(2026, 11, 23)),
    ("mon", date(2026, 11, 23)),
    ("3 days ago", date(2026, 11, 26)),
    ("2 weeks ago", date(2026, 11, 15)),
    ("4 nov", date(2026, 11, 4)),
    ("4 dec", date(2025, 12, 4)),  # no year: the last 4 Dec
    ("2026-01-31", date(2026, 1, 31)),
    ("  Last Week ", date(2026, 11, 16)),
]
FUTURE = [
    ("tomorrow", date(2026, 11, 30)),
    ("fri", date(2026, 12, 4)),
    ("in 3 days", date(2026, 12, 2)),
    ("next week", date(2026, 11, 30)),
    ("4 dec", date(2026, 12, 4)),
    ("4 nov", date(2027, 11, 4)),
    ("2027-01-02", date(2027, 1, 2)),
]
ANY = [
    ("yesterday", date(2026, 11, 28)),
    ("3 weeks ago", date(2026, 11, 8)),
    ("in 3 days", date(2026, 12, 2)),
    ("tomorrow", date(2026, 11, 30)),
    ("fri", date(2026, 12, 4)),  # 5 days on is nearer than 2 days back? no: see below
    ("4 nov", date(2026, 11, 4)),  # 25 days back is nearer than 340 ahead
    ("4 dec", date(2026, 12, 4)),
    ("2020-02-29", date(2020, 2, 29)),
]


@pytest.mark.parametrize(("typed", "day"), PAST)
def test_a_past_date_reads_as_people_say_it(typed: str, day: date) -> None:
    assert read_day(typed, TODAY, "past") == day


@pytest.mark.parametrize(("typed", "day"), FUTURE)
def test_a_future_date_reads_as_people_say_it(typed: str, day: date) -> None:
    assert read_day(typed, TODAY, "future") == day


@pytest.mark.parametrize(("typed", "day"), ANY)
def test_any_date_takes_the_nearer_day(typed: str, day: date) -> None:
    if typed == "fri":  # Fri 27 Nov (2 days back) is nearer than Fri 4 Dec
        day = date(2026, 11, 27)
    assert read_day(typed, TODAY, "any") == day


@pytest.mark.parametrize(
    ("typed", "allow", "words"),
    [
        ("tomorrow", "past", "still to come"),
        ("2027-01-01", "past", "still to come"),
        ("yesterday", "future", "already passed"),
        ("2 weeks ago", "future", "already passed"),
        ("in 3 days", "past", "still to come"),
        ("someday", "past", "couldn't read"),
        ("someday", "future", "couldn't read"),
        ("fri 9am", "future", "leave out the time"),
        ("someday", "any", "couldn't read"),
        ("30 feb", "any", "doesn't exist"),
        ("", "past", "no date"),
    ],
)
def test_a_day_that_does_not_fit_is_explained(typed: str, allow: str, words: str) -> None:
    with pytest.raises(DateError) as caught:
        read_day(typed, TODAY, allow)
    assert words in caught.value.message.lower()


def test_the_day_is_echoed_as_an_absolute_date() -> None:
    assert echo_day(date(2026, 11, 8), TODAY) == "Sun 8 Nov — 3 weeks ago"
    assert echo_day(date(2027, 1, 4), TODAY) == "Mon 4 Jan 2027 — in 5 weeks"


@pytest.mark.parametrize("value", ["2026-11-04", datetime(2026, 11, 4, 9), 20261104, ["x"]])
def test_only_a_day_is_a_date_answer(value: object) -> None:
    prompt = load_workbook(DATA / "workbooks" / "dates" / "dates.toml").sections[0].prompts[0]
    with pytest.raises(InvalidAnswer):
        BY_NAME["date"].check(prompt, value)
    assert BY_NAME["date"].check(prompt, None) is None  # nothing given: a skip


# --------------------------------------------------------------------------- the date kind: the journal


def test_a_date_answer_is_an_iso_date_in_a_format_2_file() -> None:
    entry = _entry(DateAnswer("started", "When did this start?", date(2026, 11, 4)))
    text = render_file([entry])
    assert text.startswith("# reflect journal · format 2\n")
    assert "#### When did this start?  [started]\ndate: 2026-11-04\n" in text
    assert format_needed([entry]) == 2 <= FORMAT_VERSION
    assert render_file([_entry(TextAnswer("p", "q", "x"))]).startswith(FILE_HEADER + "\n")


def test_adding_a_date_to_a_format_1_month_changes_only_its_first_line(tmp_path: Path) -> None:
    store = JournalStore(tmp_path / "journal")
    store.add_entry(_entry(TextAnswer("p", "q", "words")))
    path = store.month_files()[0]
    before = path.read_text()
    assert before.startswith(FILE_HEADER + "\n")
    later = Entry(
        "w8nb4c2d",
        WRITTEN.replace(hour=11),
        sections=_entry(DateAnswer("d", "When?", date(2026, 1, 2))).sections,
    )
    store.add_entry(later)
    after = path.read_text()
    assert after.startswith("# reflect journal · format 2\n")
    assert after[len("# reflect journal · format 2") :].startswith(before[len(FILE_HEADER) :])
    assert [e.id for e in store.read_file(path).entries] == ["k3f9q2mx", "w8nb4c2d"]
    store.add_entry(Entry("r5dm2cxa", WRITTEN.replace(hour=12), body="more"))
    assert path.read_text().startswith("# reflect journal · format 2\n")  # never goes back


def test_a_format_1_file_with_a_hand_written_date_line_still_reads() -> None:
    text = f"{FILE_HEADER}\n\n## 2026-11-03 21:14\nid: k3f9q2mx\n\n### S  [s]\n\n#### When?  [w]\ndate: 2026-11-01\n"
    [entry] = parse(text).entries
    assert entry.sections[0].answers == (DateAnswer("w", "When?", date(2026, 11, 1)),)


@pytest.mark.parametrize(
    ("lines", "line"),
    [
        (["date: tomorrow"], 9),
        (["date: 2026-02-30"], 9),
        (["date: 20261101"], 9),
        (["date: 2026-11-01", "date: 2026-11-02"], 8),
        (["date: 2026-11-01", "chose: x"], 8),
    ],
)
def test_a_broken_date_line_names_its_line(lines: list[str], line: int) -> None:
    text = "\n".join(
        [
            FILE_HEADER,
            "",
            "## 2026-11-03 21:14",
            "id: k3f9q2mx",
            "",
            "### S  [s]",
            "",
            "#### When?  [w]",
            *lines,
        ]
    )
    with pytest.raises(JournalError) as caught:
        parse(text, Path("2026-11.txt"))
    assert caught.value.line == line


def test_a_date_answer_in_markdown_json_and_show() -> None:
    from reflect.cli.entry_view import entry_lines

    answer = DateAnswer("started", "When did this start?", date(2026, 11, 4))
    entry = _entry(answer)
    assert markdown_entry(entry).endswith("#### When did this start?\n\nWed 4 Nov 2026\n")
    text = "".join(render_json([entry], exported=FROZEN_NOW))
    document = json.loads(text)
    jsonschema.Draft202012Validator(schema()).validate(document)
    assert document["entries"][0]["sections"][0]["answers"][0] == {
        "kind": "date",
        "prompt_id": "started",
        "prompt": "When did this start?",
        "date": "2026-11-04",
    }
    assert read_json(text) == [entry]
    bad = text.replace('"2026-11-04"', '"4 nov"')
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema()).validate(json.loads(bad))
    shown = ["".join(piece for piece, _ in line) for line in entry_lines(entry, TODAY)]
    assert "    Wed 4 Nov (3 weeks ago)" in shown


def test_a_date_answer_survives_a_draft(tmp_path: Path) -> None:
    from reflect.drafts import DraftStore
    from reflect.session import Session

    workbook = load_workbook(DATA / "workbooks" / "dates" / "dates.toml")
    session = Session(workbook, started=WRITTEN)
    session.answer(date(2026, 11, 4))
    drafts = DraftStore(tmp_path)
    drafts.save(session, None, WRITTEN)
    assert "value = 2026-11-04" in drafts.path("dates").read_text()  # a TOML date
    resumed = drafts.load(workbook)
    assert resumed is not None and resumed.answer_for("started") == date(2026, 11, 4)
    [section] = resumed.to_entry(WRITTEN, set()).sections
    assert section.answers == (DateAnswer("started", "When did this start?", date(2026, 11, 4)),)


@pytest.mark.parametrize("line", ["chose", "date", "item", "scale", "ticked", "scale: x", "date:"])
def test_a_marker_without_its_value_is_a_prompt_without_an_answer(line: str) -> None:
    text = "\n".join(
        [
            FILE_HEADER,
            "",
            "## 2026-11-03 21:14",
            "id: k3f9q2mx",
            "",
            "### S  [s]",
            "",
            "#### Q  [w]",
            line,
        ]
    )
    with pytest.raises(JournalError) as caught:
        parse(text, Path("2026-11.txt"))
    assert caught.value.line in (8, 9)
