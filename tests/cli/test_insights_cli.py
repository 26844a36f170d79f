"""`reflect insights`, as a person runs it: tables into a pipe, charts at a terminal,
JSON against its schema, an HTML page a parser reads back, and a damaged month left out."""

from __future__ import annotations

import json
import shutil
import stat
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from reflect.insights.jsonout import SCHEMA_FILE
from reflect.insights.stats import look_back
from reflect.insights.text import report
from tests.cli.helpers import reflect
from tests.conftest import DATA, FROZEN_TODAY

SCHEMA = json.loads((Path("reflect/export") / SCHEMA_FILE).read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


@pytest.fixture
def journal(reflect_home: Path) -> Path:
    folder = reflect_home / "journal"
    shutil.copytree(DATA / "insights" / "journal", folder)
    return folder


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_json_follows_its_schema_and_holds_the_hand_worked_numbers(journal: Path) -> None:
    result = reflect("insights", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    VALIDATOR.validate(data)
    first = data["scales"][0]
    assert (first["workbook"], first["prompt"], first["low"], first["high"]) == (
        "wellbeing-check-in",
        "feeling-overall",
        0,
        10,
    )
    assert first["points"][0] == {"date": "2026-09-20", "value": 4, "entry": "e2aaaaa1"}
    assert first["low_label"] == "Really low"  # from the bundled workbook, same range
    assert data["scales"][1]["low_label"] is None  # 1 to 5: the workbook's labels are for 0 to 10
    assert first["trend"]["direction"] == "higher"
    assert data["options"][0]["counts"] == {
        "Time outdoors": 5,
        "Time with people I like": 4,
        "Something that made me laugh": 2,
    }
    actions = data["actions"]
    assert (actions["planned"], actions["done"], actions["dropped"], actions["open"]) == (
        7,
        2,
        1,
        4,
    )
    assert actions["by_month"][0] == {
        "month": "2026-09",
        "planned": 2,
        "done": 1,
        "dropped": 0,
        "open": 1,
    }
    assert data["weeks"][3] == {"week": "2026-W41", "monday": "2026-10-05", "entries": 3}
    assert data["left_out"] == []


@pytest.mark.parametrize(
    ("args", "entries"),
    [
        (["--since", "2026-11-01"], 9),
        (["--until", "2026-10-31"], 8),
        (["--since", "1 oct", "--until", "31 oct"], 6),
        (["--workbook", "weekly-review"], 1),
        (["--workbook", "free-form"], 4),
    ],
)
def test_filters(journal: Path, args: list[str], entries: int) -> None:
    result = reflect("insights", "--json", *args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    VALIDATOR.validate(data)
    assert data["entries"] == entries
    assert sum(w["entries"] for w in data["weeks"]) == entries


def test_piped_output_is_tables_in_plain_words(journal: Path) -> None:
    result = reflect("insights")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Looking back · 20 Sep 2026 to 29 Nov 2026 · 17 entries\n")
    assert "  2026-09-20      4  e2aaaaa1\n" in out
    assert "Higher in the last 4 weeks than in the 4 before (on average 7.0 against 5.5)." in out
    assert "also answered on a 1 to 5 scale" in out
    assert "averaged 6.4 (5 entries); without it, 5.0 (4 entries)." in out
    assert "does not mean one caused the other" in out
    assert "7 plans made: 2 done, 1 dropped, 4 still open." in out
    assert "b2b2  Phone Sam about the walking group" in out
    assert "  2026-W41  2026-10-05        3\n" in out
    assert "\x1b[" not in out and "█" not in out  # no colours or charts in a pipe
    for word in ("streak", "missed", "broke", "score"):
        assert word not in out.lower()


@pytest.mark.parametrize("width", [80, 100, 60])
def test_charts_fit_the_terminal(journal: Path, width: int) -> None:
    from reflect.insights.facts import read_journal
    from reflect.journal.query import Filters
    from reflect.journal.store import JournalStore

    read = read_journal(JournalStore(journal), Filters())
    found = look_back(read.entries, today=FROZEN_TODAY)
    lines = ["".join(text for text, _ in line) for line in report(found, width=width)]
    charts = [line for line in lines if "│" in line or "└" in line]
    assert charts and all(len(line) <= width for line in charts)
    assert any("█" in line for line in lines)
    calendar = [line for line in lines if line.startswith("  2026 ")]
    assert len(calendar) == 1 and len(calendar[0]) <= 80
    assert "· no entries   ░ 1 entry   ▒ 2 or 3   ▓ 4 to 6   █ 7 or more" in "\n".join(lines)


def test_charts_without_utf8_are_ascii(journal: Path) -> None:
    from reflect.insights.facts import read_journal
    from reflect.journal.query import Filters
    from reflect.journal.store import JournalStore

    found = look_back(read_journal(JournalStore(journal), Filters()).entries, today=FROZEN_TODAY)
    text = "\n".join("".join(t for t, _ in line) for line in report(found, utf8=False))
    chart = text[: text.index("What was part")]
    assert all(ord(c) < 128 for c in chart.replace("·", "").replace("“", "").replace("”", ""))


class _Page(HTMLParser):
    """Collects the tags and text of a page, to check what a browser would see."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [v or "" for k, v in attrs if k in ("href", "src")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_report_is_one_private_self_contained_page(journal: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = reflect("insights", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert f"Wrote your look back to {target}." in result.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    page = _Page()
    page.feed(target.read_text(encoding="utf-8"))
    assert "script" not in page.tags and "img" not in page.tags and "link" not in page.tags
    assert page.links == []  # nothing to fetch
    assert page.tags.count("svg") >= 3  # two scales and the calendar at least
    text = "".join(page.text)
    for words in (
        "Scales over time",
        "What was part of better weeks",
        "Plans kept",
        "How often you came back",
    ):
        assert words in text


def test_user_words_are_escaped_in_the_report(journal: Path, tmp_path: Path) -> None:
    stale = journal / "2026-09.txt"
    stale.write_text(
        stale.read_text().replace(
            "Phone Sam about the walking group", "<script>alert(1)</script> & <b>Sam</b>"
        )
    )
    target = tmp_path / "report.html"
    assert reflect("insights", "-o", str(target)).exit_code == 0
    raw = target.read_text(encoding="utf-8")
    assert "<script>" not in raw and "<b>Sam" not in raw
    page = _Page()
    page.feed(raw)
    assert "<script>alert(1)</script> & <b>Sam</b>" in "".join(page.text)


@pytest.mark.parametrize("name", ["report.md", "report", "report.html.txt"])
def test_the_report_must_be_an_html_file(journal: Path, tmp_path: Path, name: str) -> None:
    result = reflect("insights", "-o", str(tmp_path / name))
    assert result.exit_code == 2
    assert "ending in .html" in result.output
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize(
    ("damage", "line"),
    [
        (lambda t: t.replace("scale: 6 (0 to 10)", "scale: six"), 36),
        (lambda t: t.replace("- [-] Sort", "- [?] Sort"), None),
        (lambda t: t.replace("# reflect journal · format 1", "# reflect journal · format 9"), 1),
    ],
)
def test_a_damaged_month_is_named_and_the_rest_shown(
    journal: Path, damage: Callable[[str], str], line: int | None
) -> None:
    broken = journal / "2026-10.txt"
    before = broken.read_bytes()
    broken.write_text(damage(before.decode()))
    damaged = broken.read_bytes()
    result = reflect("insights")
    assert result.exit_code == 3
    assert "Left out, because it could not be read (see below): 2026-10.txt." in result.stdout
    assert "Looking back · 20 Sep 2026 to 29 Nov 2026 · 11 entries" in result.stdout
    where = f"{broken}:{line}:" if line is not None else f"{broken}:"
    assert f"reflect: {where}" in result.stderr
    assert broken.read_bytes() == damaged  # nothing rewritten
    as_json = reflect("insights", "--json")
    assert as_json.exit_code == 3
    data = json.loads(as_json.stdout)
    VALIDATOR.validate(data)
    assert [Path(item["file"]).name for item in data["left_out"]] == ["2026-10.txt"]


def test_an_empty_journal_says_so_calmly(reflect_home: Path) -> None:
    result = reflect("insights")
    assert result.exit_code == 0, result.output
    assert "nothing to look back on here yet" in result.stdout
    data = json.loads(reflect("insights", "--json").stdout)
    VALIDATOR.validate(data)
    assert data["scales"] == [] and data["weeks"] == []


def test_bad_dates_name_the_option(journal: Path) -> None:
    result = reflect("insights", "--since", "the day after never")
    assert result.exit_code == 2
    assert "--since" in result.stderr


def test_still_want_these_offers_the_review_at_a_terminal(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reflect.cli.insights.is_interactive", lambda: True)
    # a: go through them; d: the walking group is done; then no note.
    result = reflect("insights", input="a\nd\n\n")
    assert result.exit_code == 0, result.output
    assert "Still want these?" in result.stdout
    data = json.loads(reflect("insights", "--json").stdout)
    assert data["actions"]["still_open_after_4_weeks"] == []
    assert data["actions"]["done"] == 3
    assert (
        "- [x] Phone Sam about the walking group  (b2b2 · due 2026-10-01 · done 2026-11-29)"
        in (journal / "2026-09.txt").read_text()
    )


def test_still_want_these_is_left_alone_with_enter(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reflect.cli.insights.is_interactive", lambda: True)
    before = (journal / "2026-09.txt").read_bytes()
    result = reflect("insights", input="\n")
    assert result.exit_code == 0, result.output
    assert "`reflect actions` lets you" in result.stdout
    assert (journal / "2026-09.txt").read_bytes() == before
