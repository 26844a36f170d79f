"""docs/workbook-format.md cannot drift: its complete example and every snippet are real."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

from reflect.kinds import NAMES
from reflect.kinds.action.prompt import ActionPrompt
from reflect.workbook.check import check_file
from reflect.workbook.models import Workbook

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "workbook-format.md"
BLOCKS = re.findall(r"```toml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


def test_the_complete_example_checks_clean(tmp_path: Path, today: date) -> None:
    example = BLOCKS[0]
    assert example.startswith("#:schema ./workbook.schema.json\n")
    path = tmp_path / "walking-group.toml"
    path.write_text(example, encoding="utf-8")
    result = check_file(path, today)
    assert result.problems == []
    assert result.workbook is not None
    kinds = {p.kind for s in result.workbook.sections for p in s.prompts}
    assert kinds == {"text", "scale", "choice", "checklist", "list", "action"}


def test_every_prompt_snippet_is_a_valid_prompt() -> None:
    snippets = [b for b in BLOCKS[1:] if b.startswith("[[sections.prompts]]")]
    kinds = [tomllib.loads(s)["sections"]["prompts"][0]["kind"] for s in snippets]
    assert set(kinds) == set(NAMES)  # each kind shown (a checklist twice: with options_from)
    for snippet in snippets:
        data = tomllib.loads(snippet)
        book = Workbook.model_validate(
            {
                "id": "x",
                "title": "x",
                "description": "x",
                "minutes": 5,
                "sections": [{"id": "s", "title": "s", "prompts": data["sections"]["prompts"]}],
            }
        )
        prompt = book.sections[0].prompts[0]
        if isinstance(prompt, ActionPrompt):
            assert prompt.suggested_when


def test_the_error_shown_in_the_guide_is_what_check_says(tmp_path: Path, today: date) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    shown = re.search(r"^walking-group\.toml:\d+: .*$", text, re.M)
    assert shown is not None
    path = tmp_path / "walking-group.toml"
    path.write_text(BLOCKS[0].replace('kind = "scale"', 'kind = "slider"', 1), encoding="utf-8")
    [problem] = check_file(path, today).problems
    assert str(problem).replace(str(tmp_path) + "/", "") == shown.group(0)
