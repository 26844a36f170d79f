"""Last time: the most recent answer to each prompt of a workbook, found in the journal,
and the schema fields that say when it is shown and when plans are the options."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from reflect.config import load_config
from reflect.errors import ConfigError
from reflect.insights.last import LastAnswer, for_walk, last_answers, shows_last
from reflect.journal.model import Entry, SectionRecord
from reflect.journal.store import JournalStore
from reflect.kinds.base import fold
from reflect.kinds.checklist import ChecklistAnswer
from reflect.kinds.checklist.prompt import ChecklistPrompt
from reflect.kinds.scale import ScaleAnswer
from reflect.kinds.short_list import ListAnswer
from reflect.kinds.text import TextAnswer
from reflect.paths import get_paths
from reflect.workbook.loader import load_workbook
from reflect.workbook.models import Workbook
from reflect.workbook.plans import with_open_plans
from tests.conftest import DATA

FIXTURE = DATA / "insights" / "journal"
TODAY = date(2026, 11, 29)


@pytest.fixture
def store(tmp_path: Path) -> JournalStore:
    shutil.copytree(FIXTURE, tmp_path / "journal")
    return JournalStore(tmp_path / "journal")


def test_the_last_answer_of_each_kind_asked_for(store: JournalStore) -> None:
    found = last_answers(
        store,
        "wellbeing-check-in",
        [
            ("feeling-overall", "scale"),
            ("part-of-your-week", "checklist"),
            ("help-most", "choice"),
            ("behind-the-number", "text"),
            ("never-asked", "text"),
        ],
    )
    assert set(found) == {"feeling-overall", "part-of-your-week", "help-most", "behind-the-number"}
    scale = found["feeling-overall"]
    assert scale.day == date(2026, 11, 28)  # the newest, on the 1 to 5 scale of version 2
    assert (
        scale.line(TODAY, _prompt("scale", min=0, max=10))
        == "Last time (Sat 28 Nov): 4 (on a scale of 1 to 5)"
    )
    assert scale.line(TODAY, _prompt("scale", min=1, max=5)) == "Last time (Sat 28 Nov): 4"
    assert (
        found["part-of-your-week"].line(TODAY, _prompt("checklist", options=["a"]))
        == "Last time (Sun 22 Nov): Time with people I like"
    )
    assert (
        found["help-most"].line(TODAY, _prompt("choice", options=["a", "b"]))
        == "Last time (Sun 11 Oct): More rest"
    )  # an older month


def test_a_prompt_whose_kind_changed_shows_nothing(store: JournalStore) -> None:
    assert last_answers(store, "wellbeing-check-in", [("feeling-overall", "text")]) == {}


@pytest.mark.parametrize("workbook", ["wellbeing", "wellbeing-check", "weekly", "nope"])
def test_a_workbook_whose_id_is_a_prefix_of_another_finds_nothing(
    store: JournalStore, workbook: str
) -> None:
    assert last_answers(store, workbook, [("feeling-overall", "scale")]) == {}


def test_a_damaged_month_is_passed_over(store: JournalStore) -> None:
    broken = store.folder / "2026-11.txt"
    broken.write_text(broken.read_text().replace("scale: 8 (0 to 10)", "scale: eight"))
    found = last_answers(store, "wellbeing-check-in", [("feeling-overall", "scale")])
    assert found["feeling-overall"].day == date(2026, 10, 25)  # the newest readable one


@pytest.mark.parametrize(
    ("kind", "show_last", "shown"),
    [
        ("scale", None, True),
        ("choice", None, True),
        ("checklist", None, True),
        ("text", None, False),
        ("list", None, False),
        ("action", None, False),
        ("scale", False, False),
        ("text", True, True),
    ],
)
def test_which_prompts_show_their_last_answer(
    kind: str, show_last: bool | None, shown: bool
) -> None:
    assert shows_last(kind, show_last) is shown


def test_a_walk_asks_only_for_prompts_that_show(store: JournalStore) -> None:
    book = load_workbook(DATA / "recall" / "wellbeing-check-in.toml")
    # help-most has `show_last = false`; the text prompt is off by default.
    assert set(for_walk(store, book)) == {"feeling-overall"}


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (TextAnswer("t", "T", "One line."), "One line."),
        (TextAnswer("t", "T", "\n  First line.\nSecond line."), "First line. …"),
        (TextAnswer("t", "T", "word " * 30), ("word " * 12).strip() + "…"),
        (ListAnswer("l", "L", ("Lunch", "A walk")), "Lunch; A walk"),
        (ChecklistAnswer("c", "C", ("A, with a comma", "B")), "A, with a comma, B"),
        (ScaleAnswer("s", "S", 0, 0, 10), "0"),
    ],
)
def test_an_answer_in_one_short_line(answer: Any, said: str) -> None:
    fields: dict[str, Any] = {"scale": {"min": 0, "max": 10}, "checklist": {"options": ["a"]}}
    prompt = _prompt(answer.kind, **fields.get(answer.kind, {}))
    assert LastAnswer(TODAY, answer).said(prompt, TODAY) == said


@pytest.mark.parametrize("length", [0, 1, 59, 60, 61, 200])
def test_fold_keeps_short_text_and_marks_what_it_leaves_out(length: int) -> None:
    text = "x" * length
    folded = fold(text)
    assert folded == text if length <= 60 else folded == "x" * 60 + "…"


def test_the_newest_answer_wins_within_a_month(tmp_path: Path) -> None:
    store = JournalStore(tmp_path / "journal")

    def entry(eid: str, day: int, value: int) -> Entry:
        answer = ScaleAnswer("mood", "Mood?", value, 0, 10)
        return Entry(
            eid, datetime(2026, 11, day, 9), "", "w", sections=(SectionRecord("s", "S", (answer,)),)
        )

    store.add_entry(entry("later222", 20, 7))
    store.add_entry(entry("earlier2", 3, 2))  # written to the file after, but older
    found = last_answers(store, "w", [("mood", "scale")])["mood"]
    assert found.said(_prompt("scale"), TODAY) == "7"


def _prompt(kind: str, **fields: Any) -> Any:
    """A prompt of `kind` as a workbook gives it, validated by its kind's model."""
    from reflect.kinds import BY_NAME

    return (
        BY_NAME[kind]
        .prompt_model()
        .model_validate({"id": "p", "text": "P?", "kind": kind, **fields})
    )


# ---------------------------------------------------------------------- the schema


def _book(prompt: dict[str, Any]) -> Workbook:
    return Workbook.model_validate(
        {
            "id": "x",
            "title": "x",
            "description": "x",
            "minutes": 5,
            "sections": [
                {"id": "s", "title": "s", "prompts": [{"id": "p", "text": "P?", **prompt}]}
            ],
        }
    )


@pytest.mark.parametrize(
    "prompt",
    [
        {"kind": "checklist", "options": ["a"]},
        {"kind": "checklist", "options_from": "open-actions"},
        {"kind": "scale", "show_last": False},
        {"kind": "text", "show_last": True},
    ],
)
def test_good_prompts(prompt: dict[str, Any]) -> None:
    _book(prompt)


@pytest.mark.parametrize(
    ("prompt", "says"),
    [
        ({"kind": "checklist"}, "options_from"),
        ({"kind": "checklist", "options": ["a"], "options_from": "open-actions"}, "not both"),
        ({"kind": "checklist", "options_from": "closed-actions"}, "open-actions"),
        ({"kind": "choice", "options": ["a", "b"], "options_from": "open-actions"}, "options_from"),
        ({"kind": "scale", "show_last": "no"}, "show_last"),
    ],
)
def test_bad_prompts(prompt: dict[str, Any], says: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _book(prompt)
    assert says in str(caught.value)


def test_plans_become_the_options_and_nothing_open_leaves_the_prompt_out() -> None:
    book = load_workbook(DATA / "recall" / "wellbeing-check-in.toml")
    given = with_open_plans(book, [("b2b2", "Phone Sam"), ("e2e2", "Phone Sam")])
    [prompt] = given.workbook.sections[1].prompts
    assert isinstance(prompt, ChecklistPrompt)
    assert prompt.options == ["Phone Sam (b2b2)", "Phone Sam (e2e2)"]  # the same words, two plans
    assert given.ticked_plans("carry-plans", ["Phone Sam (e2e2)"]) == [("e2e2", "Phone Sam (e2e2)")]
    assert given.ticked_plans("feeling-overall", ["6"]) == []
    none_open = with_open_plans(book, [])
    assert [s.id for s in none_open.workbook.sections] == ["how-you-are"]  # nothing else on it
    assert book.sections[1].prompts  # the workbook itself is unchanged


@pytest.mark.parametrize(
    ("text", "value"),
    [("", True), ("show_last_answers = false\n", False), ("show_last_answers = true\n", True)],
)
def test_the_config_can_turn_last_time_off(text: str, value: bool) -> None:
    paths = get_paths()
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text(text)
    assert load_config(paths).show_last_answers is value


@pytest.mark.parametrize("text", ['show_last_answers = "no"\n', "show_last_answers = 0\n"])
def test_a_config_value_that_is_not_true_or_false_is_named(text: str) -> None:
    paths = get_paths()
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text(text)
    with pytest.raises(ConfigError, match="show_last_answers"):
        load_config(paths)
