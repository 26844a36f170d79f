"""A plain-mode walk with date prompts, as a person (or a script) types it, and
`reflect workbook check` on date prompts an author got wrong."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import journal_text, reflect
from tests.conftest import DATA

DATES = str(DATA / "workbooks" / "dates" / "dates.toml")

# One line per thing the person types; comments say why. Today is Sun 29 Nov 2026.
WALK = "\n".join(
    [
        "tomorrow",  # "When did this start?" asks about the past: explained, asked again
        "someday",  # not a day at all: explained, asked again
        "2 weeks ago",  # read back as Sun 15 Nov
        "yesterday",  # "When is the appointment?" asks about the future: asked again
        "next fri",  # read back as Fri 4 Dec (in next week, Monday to Sunday)
        "",  # "Which day comes to mind?" is skipped
        "",
    ]
)


def _check_walk(stdout: str, journal: str) -> None:
    assert "Mon 30 Nov is still to come" in stdout
    assert "I couldn't read 'someday' as a date" in stdout
    assert "Date: Sun 15 Nov — 2 weeks ago." in stdout  # echoed back as an absolute date
    assert "Sat 28 Nov has already passed" in stdout
    assert "Date: Fri 4 Dec — in 5 days." in stdout
    assert journal.startswith("# reflect journal · format 2\n")
    assert "#### When did this start?  [started]\ndate: 2026-11-15\n" in journal
    assert "#### When is the appointment?  [appointment]\ndate: 2026-12-04\n" in journal
    assert "[either]" not in journal  # skipped


def test_a_plain_walk_with_date_prompts(reflect_home: Path) -> None:
    result = reflect("start", DATES, "--plain", input=WALK)
    assert result.exit_code == 0, result.output
    _check_walk(result.stdout, journal_text(reflect_home))
    shown = reflect("export", "--format", "markdown")
    assert "#### When did this start?\n\nSun 15 Nov 2026\n" in shown.stdout


def test_a_plain_walk_with_date_prompts_in_a_real_process(reflect_home: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reflect", "start", DATES, "--plain"],
        input=WALK + "\n",
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    _check_walk(done.stdout, journal_text(reflect_home))


def test_pausing_at_a_date_prompt_keeps_the_day(reflect_home: Path) -> None:
    paused = reflect("start", DATES, "--plain", input="4 nov\n:pause\n")
    assert paused.exit_code == 0, paused.output
    draft = (reflect_home / "drafts" / "dates.toml").read_text()
    assert "value = 2026-11-04" in draft
    resumed = reflect("start", DATES, "--plain", input="\n".join(["", "in 3 days", "", ""]))
    assert resumed.exit_code == 0, resumed.output
    text = journal_text(reflect_home)
    assert "date: 2026-11-04\n" in text and "date: 2026-12-02\n" in text


@pytest.mark.parametrize(
    ("lines", "where", "reason"),
    [
        (['allow = "sometimes"'], "sections[0].prompts[0].allow", "'past', 'future' or 'any'"),
        (["allow = 3"], "sections[0].prompts[0].allow", "'past', 'future' or 'any'"),
        (['earliest = "2026-01-01"'], "sections[0].prompts[0].earliest", "a typo?"),
        (['options = ["a", "b"]'], "sections[0].prompts[0].options", "a typo?"),
    ],
)
def test_check_names_a_date_prompts_bad_field(
    tmp_path: Path, lines: list[str], where: str, reason: str
) -> None:
    path = tmp_path / "when.toml"
    path.write_text(
        "\n".join(
            [
                'id = "when"',
                'title = "When"',
                'description = "A date prompt."',
                "minutes = 2",
                "",
                "[[sections]]",
                'id = "s"',
                'title = "S"',
                "",
                "[[sections.prompts]]",
                'id = "started"',
                'kind = "date"',
                'text = "When did this start?"',
                *lines,
                "",
            ]
        ),
        encoding="utf-8",
    )
    checked = reflect("workbook", "check", str(path))
    assert checked.exit_code == 2, checked.output
    output = checked.stdout + checked.stderr
    assert f"{path}:14:" in output  # the line of the bad field
    assert where in output and reason in output


def test_check_and_schema_know_the_date_kind(tmp_path: Path) -> None:
    checked = reflect("workbook", "check", DATES)
    assert checked.exit_code == 0, checked.output
    schema = reflect("workbook", "schema")
    assert '"const": "date"' in schema.stdout
    assert '"past"' in schema.stdout and '"future"' in schema.stdout
    shown = reflect("workbook", "preview", DATES)
    assert "(a day, such as 'yesterday', 'last mon', '3 weeks ago', '4 nov')" in shown.stdout
