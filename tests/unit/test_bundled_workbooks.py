"""Every workbook shipped in workbooks/ loads, and follows the house rules for bundled ones."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reflect.dates import parse_when
from reflect.kinds import NAMES
from reflect.kinds.action.prompt import ActionPrompt
from reflect.kinds.scale.prompt import ScalePrompt
from reflect.workbook.loader import load_workbook

WORKBOOKS_DIR = Path(__file__).resolve().parents[2] / "workbooks"
FILES = sorted(WORKBOOKS_DIR.glob("*.toml"))
ALL_KINDS = set(NAMES)
MAX_PROMPT_TEXT = 120

each_workbook = pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])


@each_workbook
def test_loads_and_is_named_after_its_id(path: Path) -> None:
    workbook = load_workbook(path)
    assert workbook.id == path.stem


@each_workbook
def test_ids_are_unique(path: Path) -> None:
    workbook = load_workbook(path)
    section_ids = [s.id for s in workbook.sections]
    prompt_ids = [p.id for s in workbook.sections for p in s.prompts]
    assert len(section_ids) == len(set(section_ids))
    assert len(prompt_ids) == len(set(prompt_ids))


@each_workbook
def test_every_section_has_a_prompt(path: Path) -> None:
    workbook = load_workbook(path)
    empty = [s.id for s in workbook.sections if not s.prompts]
    assert not empty, f"sections without prompts: {empty}"


@each_workbook
def test_every_action_suggests_a_readable_when(path: Path) -> None:
    workbook = load_workbook(path)
    actions = [p for s in workbook.sections for p in s.prompts if isinstance(p, ActionPrompt)]
    for prompt in actions:
        assert prompt.suggested_when, f"{prompt.id} has no suggested_when"
        # The suggestion must be something the date parser accepts, on any day.
        for day in (date(2026, 11, 29), date(2026, 12, 2), date(2026, 12, 31)):
            parse_when(prompt.suggested_when, day)


@each_workbook
def test_every_scale_has_labelled_ends(path: Path) -> None:
    workbook = load_workbook(path)
    for section in workbook.sections:
        for prompt in section.prompts:
            if isinstance(prompt, ScalePrompt):
                assert prompt.min_label, f"{prompt.id} has no min_label"
                assert prompt.max_label, f"{prompt.id} has no max_label"


@each_workbook
def test_house_style(path: Path) -> None:
    workbook = load_workbook(path)
    assert workbook.intro, "bundled workbooks open with an intro (pace and support)"
    for section in workbook.sections:
        assert section.ideas, f"{section.id} has no ideas to consider"
        assert 1 <= len(section.tips) <= 3, f"{section.id} should have 1-3 tips"
        for prompt in section.prompts:
            assert len(prompt.text) <= MAX_PROMPT_TEXT, f"{prompt.id}: prompt text is too long"


def test_library_uses_every_prompt_kind() -> None:
    assert FILES, f"no workbooks found in {WORKBOOKS_DIR}"
    used = {
        prompt.kind
        for file in FILES
        for section in load_workbook(file).sections
        for prompt in section.prompts
    }
    assert used == ALL_KINDS, f"missing prompt kinds: {sorted(ALL_KINDS - used)}"
