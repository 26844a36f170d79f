"""`reflect workbook`: the author's path (new, check, preview, schema, add, remove), run the
way an author or a group's CI would run it."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import jsonschema
import pytest

from reflect.kinds import NAMES
from reflect.workbook.schema import SCHEMA_FILE_NAME
from tests.cli.helpers import reflect

WORKBOOKS = Path(__file__).resolve().parents[2] / "workbooks"
BUNDLED = sorted(WORKBOOKS.glob("*.toml"))
EXPECTED_BUNDLED = {
    "getting-started",
    "wellbeing-check-in",
    "weekly-review",
    "communities-of-practice",
    "climate-action-without-despair",
}


@pytest.fixture
def fixtures(data_dir: Path) -> Path:
    return data_dir / "workbooks"


def _lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


# ---------------------------------------------------------------------- new


def test_new_writes_a_starter_that_checks_clean(tmp_path: Path) -> None:
    target = tmp_path / "team-check-in.toml"
    made = reflect("workbook", "new", "team-check-in", "--output", str(target))
    assert made.exit_code == 0, made.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith(f"#:schema ./{SCHEMA_FILE_NAME}\n")
    assert 'id = "team-check-in"' in text
    kinds = {p["kind"] for s in tomllib.loads(text)["sections"] for p in s["prompts"]}
    assert kinds == set(NAMES)  # every kind, once

    checked = reflect("workbook", "check", str(target))
    assert checked.exit_code == 0, checked.output
    assert _lines(checked.stdout) == [
        f"{target}: fine (Team check in: 3 sections, {len(NAMES)} prompts, about 15 minutes)"
    ]


def test_guide_shows_the_authors_guide_the_starter_points_to(tmp_path: Path) -> None:
    shown = reflect("workbook", "guide")
    assert shown.exit_code == 0, shown.output
    guide = Path(__file__).parents[2] / "docs" / "workbook-format.md"
    assert shown.stdout == guide.read_text(encoding="utf-8")
    assert (
        reflect("workbook", "new", "my-group", "-o", "-").stdout.count("`reflect workbook guide`")
        == 1
    )


def test_new_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "mine.toml"
    target.write_text("my own words\n", encoding="utf-8")
    result = reflect("workbook", "new", "mine", "-o", str(target))
    assert result.exit_code == 2
    assert "already a file here" in result.stderr
    assert target.read_text(encoding="utf-8") == "my own words\n"


def test_new_into_a_folder_and_to_stdout(tmp_path: Path) -> None:
    into = reflect("workbook", "new", "walk-group", "-o", str(tmp_path))
    assert into.exit_code == 0, into.output
    assert (tmp_path / "walk-group.toml").is_file()
    printed = reflect("workbook", "new", "walk-group", "-o", "-")
    assert printed.exit_code == 0
    assert printed.stdout == (tmp_path / "walk-group.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["Team Check", "_x", "team/../x", "a" * 65])
def test_new_refuses_a_bad_id(bad: str, tmp_path: Path) -> None:
    result = reflect("workbook", "new", bad, "-o", str(tmp_path / "x.toml"))
    assert result.exit_code == 2
    assert "lower-case letters" in result.output
    assert not (tmp_path / "x.toml").exists()


# ---------------------------------------------------------------------- check


def test_every_bundled_workbook_checks_clean() -> None:
    assert {p.stem for p in BUNDLED} == EXPECTED_BUNDLED
    result = reflect("workbook", "check", *map(str, BUNDLED))
    assert result.exit_code == 0, result.output
    assert all(": fine (" in line for line in _lines(result.stdout)), result.stdout


def test_check_a_folder(fixtures: Path) -> None:
    result = reflect("workbook", "check", str(WORKBOOKS))
    assert result.exit_code == 0, result.output
    assert len(_lines(result.stdout)) == len(BUNDLED)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bad-toml", ["bad-toml.toml:8:22: This is not valid TOML"]),
        (
            "wrong-kind",
            ["wrong-kind.toml:17: sections[0].prompts[1].kind: must be one of: action, checklist"],
        ),
        ("missing-id", ["missing-id.toml:15: sections[0].prompts[1].id: is required but missing"]),
        (
            "duplicate-ids",
            ["duplicate-ids.toml:25: sections[1].prompts[1].id: the prompt id 'same' is used"],
        ),
        (
            "wrong-types",
            [
                "wrong-types.toml:4: minutes: must be a whole number",
                "wrong-types.toml:14: sections[0].prompts[0].optional: must be true or false",
                "wrong-types.toml:22: sections[0].prompts[1].colour: is not a field",
            ],
        ),
        (
            "crlf",  # CRLF line endings: the line numbers are still the author's lines
            [
                "crlf.toml:10: sections[0].prompts[0].text: is required but missing",
                "crlf.toml:13: sections[0].prompts[0].txet: is not a field",
            ],
        ),
        ("not-utf8", ["not-utf8.toml:3: This file is not UTF-8 text"]),
    ],
)
def test_check_reports_each_error_with_file_and_line(
    fixtures: Path, name: str, expected: list[str]
) -> None:
    path = fixtures / "broken" / f"{name}.toml"
    result = reflect("workbook", "check", str(path))
    assert result.exit_code == 2, result.output
    lines = _lines(result.stdout)
    problems = lines[:-1]
    assert len(problems) == len(expected), result.stdout
    for line, start in zip(problems, expected, strict=True):
        assert line.startswith(str(path.parent / start)), line
    assert lines[-1].startswith(f"{path}: ") and "fix and check again" in lines[-1]
    assert "Traceback" not in result.output


ADVICE = [
    (1, "id", "the file is called 'advice-all.toml' but the id is 'every-advice'"),
    (4, "minutes", "2 minutes for 5 prompts"),
    (5, "intro", "does not mention pace"),
    (5, "intro", "does not mention support"),
    (7, "sections[0]", "this section has no prompts"),
    (15, "sections[1].ideas", "is empty"),
    (16, "sections[1].tips[1]", "this tip is empty"),
    (21, "sections[1].prompts[0].text", "the prompt is 233 characters long"),
    (22, "sections[1].prompts[0].help", "is empty"),
    (24, "sections[1].prompts[1]", "this scale has no labels"),
    (29, "sections[1].prompts[2]", "this action has no `suggested_when`"),
    (38, "sections[1].prompts[3].suggested_when", "can't read 'when the moon is blue'"),
    (44, "sections[1].prompts[4].suggested_when", "this stops working on 2026-12-05"),
]


def test_check_gives_each_kind_of_advice_with_exit_1(fixtures: Path) -> None:
    path = fixtures / "advice" / "advice-all.toml"
    result = reflect("workbook", "check", str(path))
    assert result.exit_code == 1, result.output
    lines = _lines(result.stdout)
    assert lines[-1] == f"{path}: works, with {len(ADVICE)} suggestions worth a look"
    got = lines[:-1]
    assert len(got) == len(ADVICE), result.stdout
    for line, (number, dotted, words) in zip(got, ADVICE, strict=True):
        assert line.startswith(f"{path}:{number}: {dotted}: "), line
        assert words in line, line


def test_check_advises_an_intro(fixtures: Path) -> None:
    path = fixtures / "advice" / "no-intro.toml"
    result = reflect("workbook", "check", str(path))
    assert result.exit_code == 1
    assert _lines(result.stdout)[0].startswith(f"{path}:1: intro: there is no intro")


def test_a_byte_order_mark_and_crlf_are_fine(fixtures: Path) -> None:
    path = fixtures / "good" / "bom-crlf.toml"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in path.read_bytes()
    result = reflect("workbook", "check", str(path))
    assert result.exit_code == 0, result.output


def test_check_exit_code_is_the_worst_of_all_files(fixtures: Path) -> None:
    good = str(fixtures / "good" / "bom-crlf.toml")
    advice = str(fixtures / "advice" / "no-intro.toml")
    broken = str(fixtures / "broken" / "wrong-kind.toml")
    assert reflect("workbook", "check", good, advice).exit_code == 1
    assert reflect("workbook", "check", advice, broken, good).exit_code == 2
    assert reflect("workbook", "check", str(fixtures / "broken")).exit_code == 2


def test_check_missing_file_and_empty_folder(tmp_path: Path) -> None:
    missing = reflect("workbook", "check", str(tmp_path / "nope.toml"))
    assert missing.exit_code == 2
    assert "nope.toml: There is no workbook file here." in missing.stdout
    empty = reflect("workbook", "check", str(tmp_path))
    assert empty.exit_code == 2
    assert "no .toml files" in empty.stdout


# ---------------------------------------------------------------------- preview


def test_preview_markdown_of_a_fixture(fixtures: Path) -> None:
    result = reflect("workbook", "preview", str(fixtures / "every-kind.toml"), "--markdown")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# Every kind of prompt\n\n*A small workbook")
    assert "About 5 minutes · 3 sections · 6 prompts" in text
    assert "> Reflecting on your own is not always" in text  # the default support note, quoted
    assert "## 1. First things" in text and "## 3. Planning" in text
    assert "**Ideas to consider**\n\nSome *ideas* to consider." in text
    assert "- Go gently." in text
    assert "### 2. How much energy do you have?" in text
    assert "Circle one: 0 (none) · 1 · 2" in text and "10 (lots)" in text
    assert "If your answer is 1 or lower" in text
    assert "- ( ) Wobbly" in text  # choice
    assert "- [ ] Sleep" in text  # checklist
    assert "3. ________________" in text  # list of three
    assert "When (for example: in 3 days)" in text  # action


def test_preview_in_the_terminal_by_id_with_the_workbooks_own_note(tmp_path: Path) -> None:
    book = (WORKBOOKS / "wellbeing-check-in.toml").read_text(encoding="utf-8")
    book = book.replace("minutes = 15\n", 'minutes = 15\nsupport_note = "Ring Jo on 0123."\n')
    path = tmp_path / "wellbeing-check-in.toml"
    path.write_text(book, encoding="utf-8")
    result = reflect("workbook", "preview", str(path))
    assert result.exit_code == 0, result.output
    assert "Ring Jo on 0123." in result.stdout
    assert "your GP, or a local support" not in result.stdout  # the workbook's own note wins
    assert "Prompt 1 of 6: How are you feeling, overall, this week?" in result.stdout
    by_id = reflect("workbook", "preview", "weekly-review")
    assert by_id.exit_code == 0 and "Weekly review" in by_id.stdout


# ---------------------------------------------------------------------- schema


@pytest.fixture
def validator() -> jsonschema.Draft202012Validator:
    result = reflect("workbook", "schema")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_schema_accepts_every_bundled_workbook(
    validator: jsonschema.Draft202012Validator, path: Path
) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []


def test_schema_accepts_the_starter(validator: jsonschema.Draft202012Validator) -> None:
    printed = reflect("workbook", "new", "x", "-o", "-")
    assert list(validator.iter_errors(tomllib.loads(printed.stdout))) == []


@pytest.mark.parametrize("name", ["wrong-kind", "missing-id", "wrong-types"], ids=lambda name: name)
def test_schema_rejects_broken_workbooks(
    validator: jsonschema.Draft202012Validator, fixtures: Path, name: str
) -> None:
    data = tomllib.loads((fixtures / "broken" / f"{name}.toml").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) != []


def test_schema_describes_fields_for_editors(tmp_path: Path) -> None:
    target = tmp_path / SCHEMA_FILE_NAME
    result = reflect("workbook", "schema", "-o", str(target))
    assert result.exit_code == 0, result.output
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert schema["$id"] and schema["title"] == "reflect workbook"
    assert schema["properties"]["intro"]["type"] == "string"  # TOML has no null
    scale = schema["$defs"]["ScalePrompt"]["properties"]
    assert "support note" in scale["support_below"]["description"]
    for name, prop in schema["properties"].items():
        assert prop.get("description"), f"{name} has no description"


# ---------------------------------------------------------------------- add / remove


def test_add_then_start_then_remove(tmp_path: Path, reflect_home: Path) -> None:
    source = tmp_path / "share" / "team-check-in.toml"
    source.parent.mkdir()
    assert reflect("workbook", "new", "team-check-in", "-o", str(source)).exit_code == 0

    added = reflect("workbook", "add", str(source))
    assert added.exit_code == 0, added.output
    assert "reflect start team-check-in" in added.stdout
    copy = reflect_home / "workbooks" / "team-check-in.toml"
    assert copy.read_bytes() == source.read_bytes()  # comments and all
    assert "team-check-in" in reflect("workbooks").stdout

    walk = reflect("start", "team-check-in", "--plain", input=":pause\n")
    assert walk.exit_code == 0, walk.output
    assert "Team check in" in walk.stdout

    removed = reflect("workbook", "remove", "team-check-in")
    assert removed.exit_code == 0, removed.output
    assert not copy.exists()
    assert "team-check-in" not in reflect("workbooks").stdout
    again = reflect("workbook", "remove", "team-check-in")
    assert again.exit_code == 1
    assert "no added workbook called 'team-check-in'" in again.stderr


def test_add_refuses_a_clash_unless_replace(tmp_path: Path, reflect_home: Path) -> None:
    first = tmp_path / "one" / "group.toml"
    second = tmp_path / "two" / "group.toml"
    for path, title in ((first, "Group"), (second, "Group, revised")):
        path.parent.mkdir()
        reflect("workbook", "new", "group", "-o", str(path))
        path.write_text(
            path.read_text(encoding="utf-8").replace('title = "Group"', f'title = "{title}"'),
            encoding="utf-8",
        )
    assert reflect("workbook", "add", str(first)).exit_code == 0
    clash = reflect("workbook", "add", str(second))
    assert clash.exit_code == 2
    assert "already have a workbook with the id 'group'" in clash.stderr
    assert "--replace" in clash.stderr
    copy = reflect_home / "workbooks" / "group.toml"
    assert 'title = "Group"\n' in copy.read_text(encoding="utf-8")

    replaced = reflect("workbook", "add", str(second), "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert "Replaced 'Group, revised'" in replaced.stdout
    assert 'title = "Group, revised"' in copy.read_text(encoding="utf-8")


def test_add_refuses_a_bundled_id_even_with_replace(tmp_path: Path, reflect_home: Path) -> None:
    copy = tmp_path / "weekly-review.toml"
    shutil.copy(WORKBOOKS / "weekly-review.toml", copy)
    for extra in ([], ["--replace"]):
        result = reflect("workbook", "add", str(copy), *extra)
        assert result.exit_code == 2
        assert "comes with reflect already has the id 'weekly-review'" in result.stderr
    assert not (reflect_home / "workbooks" / "weekly-review.toml").exists()


def test_add_a_folder_adds_the_good_and_refuses_the_broken(
    fixtures: Path, tmp_path: Path, reflect_home: Path
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    reflect("workbook", "new", "walk-group", "-o", str(folder))
    shutil.copy(fixtures / "broken" / "wrong-kind.toml", folder)
    (folder / "notes.txt").write_text("not a workbook\n", encoding="utf-8")
    result = reflect("workbook", "add", str(folder))
    assert result.exit_code == 2
    assert "Added 'Walk group' (walk-group)" in result.stdout
    assert "Not added:" in result.stderr and "wrong-kind.toml:17" in result.stderr
    assert sorted(p.name for p in (reflect_home / "workbooks").glob("*.toml")) == [
        "walk-group.toml"
    ]


def test_add_names_the_copy_after_its_id(fixtures: Path, reflect_home: Path) -> None:
    result = reflect("workbook", "add", str(fixtures / "good" / "bom-crlf.toml"))
    assert result.exit_code == 0, result.output
    assert (reflect_home / "workbooks" / "bom-crlf.toml").is_file()
    assert reflect("start", "bom-crlf", "--plain", input=":pause\n").exit_code == 0


def test_add_missing_path(tmp_path: Path) -> None:
    result = reflect("workbook", "add", str(tmp_path / "nothing-here"))
    assert result.exit_code == 2
    assert "no file or folder here" in result.stderr


def test_bundled_workbooks_cannot_be_removed() -> None:
    result = reflect("workbook", "remove", "wellbeing-check-in")
    assert result.exit_code == 1
    assert "comes with reflect, so it can't be removed" in result.stderr
    assert (WORKBOOKS / "wellbeing-check-in.toml").is_file()
