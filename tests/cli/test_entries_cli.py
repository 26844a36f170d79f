"""`reflect star`, `unstar`, `tags`, `journal --starred/--tag`, `delete` and `edit`, run the
way a person would: CliRunner, and the real `reflect` with editor scripts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import reflect
from tests.conftest import DATA


@pytest.fixture
def journal(reflect_home: Path) -> Path:
    folder = reflect_home / "journal"
    shutil.copytree(DATA / "journal", folder)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.txt"))}


def listed(*args: str) -> list[str]:
    result = reflect("journal", "--json", *args)
    assert result.exit_code == 0, result.output
    return [entry["id"] for entry in json.loads(result.stdout)]


def editor(folder: Path, script: str, name: str = "editor") -> str:
    """An $EDITOR: a Python script given the file to edit as `path` (its text as `text`)."""
    path = folder / name
    path.write_text(
        f"#!{sys.executable}\nimport sys, pathlib\npath = pathlib.Path(sys.argv[1])\n"
        f"text = path.read_text(encoding='utf-8')\n{script}\n",
        encoding="utf-8",
    )
    path.chmod(0o700)
    return str(path)


def damage(journal: Path) -> bytes:
    month = journal / "2026-11.txt"
    month.write_bytes(month.read_bytes() + b"\nstray words at column 0\n")
    return month.read_bytes()


# --------------------------------------------------------------------------- star


def test_star_and_unstar(journal: Path) -> None:
    assert listed("--starred") == ["k3f9q2mx"]
    result = reflect("star", "w8nb")
    assert result.exit_code == 0, result.output
    assert (
        result.stdout
        == "Starred w8nb4c2d (2026-11-05 08:02, A quiet morning. Rain on the window.).\n"
    )
    assert listed("--starred") == ["w8nb4c2d", "k3f9q2mx"]
    assert (
        "starred: yes"
        in (journal / "2026-11.txt")
        .read_text(encoding="utf-8")
        .split("id: w8nb4c2d")[1]
        .split("\n")[1]
    )
    assert "already starred" in reflect("star", "w8nb4c2d").stdout
    assert reflect("unstar", "k3f9q2mx").exit_code == 0
    assert "was not starred" in reflect("unstar", "k3f9q2mx").stdout
    assert listed("--starred") == ["w8nb4c2d"]


def test_star_changes_only_that_entrys_lines(journal: Path) -> None:
    before = snapshot(journal)
    reflect("star", "c7pq3mzt")
    reflect("unstar", "c7pq3mzt")
    assert snapshot(journal) == before  # and back: byte for byte


# --------------------------------------------------------------------------- tags


def write(*words: str) -> None:
    assert reflect("write", *words).exit_code == 0


def test_tags_lists_them_with_counts_and_journal_filters_by_them(journal: Path) -> None:
    write("A long #walk with @sam")
    write("#Walk in the rain, mail me at jo@example.com")
    write("@sam phoned about https://example.com/#walk")
    write("# Not a tag, a heading\nand #garden")
    result = reflect("tags")
    assert result.exit_code == 0, result.output
    # Most used first, equals by name; shown as written most (lower case between equals).
    assert result.stdout == "@sam     2 entries\n#walk    2 entries\n#garden  1 entry\n"
    assert json.loads(reflect("tags", "--json").stdout)[1] == {
        "tag": "walk",
        "written": "#walk",
        "entries": 2,
    }
    walks = listed("--tag", "walk")
    assert len(walks) == 2
    assert listed("--tag", "#WALK") == walks
    assert len(listed("--tag", "walk", "--tag", "@sam")) == 1
    assert len(listed("--tag", "walk", "--tag", "sam", "--any")) == 3
    assert listed("--tag", "nothing") == []
    exported = json.loads(reflect("export", "-f", "json").stdout)["entries"]
    assert sorted(tuple(e["tags"]) for e in exported if e["tags"]) == [
        ("garden",),
        ("sam",),
        ("walk",),
        ("walk", "sam"),
    ]


def test_tags_when_there_are_none(reflect_home: Path) -> None:
    result = reflect("tags")
    assert (result.exit_code, result.stdout) == (0, "")
    assert "No tags yet" in result.stderr


def test_search_can_be_narrowed_by_tag_and_star(journal: Path) -> None:
    write("A #walk in the quiet")
    write("A quiet evening")
    found = json.loads(reflect("search", "quiet", "--tag", "walk", "--json").stdout)
    assert [m["entry"]["body"] for m in found] == ["A #walk in the quiet"]
    found = json.loads(reflect("search", "sam", "--starred", "--json").stdout)
    assert [m["entry"]["id"] for m in found] == ["k3f9q2mx"]


# --------------------------------------------------------------------------- delete


def test_delete_asks_first_and_says_what_it_removed(journal: Path) -> None:
    before = snapshot(journal)
    result = reflect("delete", "r5dm", input="n\n")
    assert result.exit_code == 1
    assert "r5dm2cxa  2026-11-09 18:30, Book the dentist" in result.stdout
    assert "(2 actions)" in result.stdout
    assert "Nothing deleted." in result.stdout
    assert snapshot(journal) == before
    result = reflect("delete", "r5dm", input="y\n")
    assert result.exit_code == 0, result.output
    assert "Deleted r5dm2cxa (2026-11-09 18:30, Book the dentist)" in result.stdout
    assert "r5dm2cxa" not in listed()
    assert "r5dm2cxa" not in (journal / "2026-11.txt").read_text(encoding="utf-8")


def test_delete_without_anyone_to_answer_needs_yes(journal: Path) -> None:
    before = snapshot(journal)
    result = reflect("delete", "r5dm2cxa", input="")
    assert result.exit_code == 1
    assert "Pass --yes" in result.stderr
    assert snapshot(journal) == before
    assert reflect("delete", "r5dm2cxa", "--yes").exit_code == 0
    assert "r5dm2cxa" not in listed()


def test_delete_leaves_every_other_entry_byte_for_byte(journal: Path) -> None:
    october = (journal / "2026-10.txt").read_bytes()
    text = (journal / "2026-11.txt").read_text(encoding="utf-8")
    start = text.index("## 2026-11-09 18:30")
    end = text.index("## ", start + 3)
    assert reflect("delete", "r5dm2cxa", "-y").exit_code == 0
    assert (journal / "2026-11.txt").read_text(encoding="utf-8") == text[:start] + text[end:]
    assert (journal / "2026-10.txt").read_bytes() == october


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "args",
    [
        ["star", "zzzzzz"],
        ["unstar", "zzzzzz"],
        ["delete", "zzzzzz", "-y"],
        ["edit", "zzzzzz"],
        ["show", "zzzzzz"],
    ],
)
def test_an_unknown_id_is_a_short_error(journal: Path, args: list[str]) -> None:
    before = snapshot(journal)
    result = reflect(*args)
    assert result.exit_code == 1
    assert result.stderr == (
        "reflect: There is no journal entry with id 'zzzzzz'.\n"
        "`reflect journal` lists your entries with their ids.\n"
    )
    assert snapshot(journal) == before


@pytest.mark.parametrize(
    "args",
    [
        ["star", "k3f9q2mx"],
        ["unstar", "k3f9q2mx"],
        ["delete", "k3f9q2mx", "-y"],
        ["edit", "k3f9q2mx"],
        ["tags"],
        ["journal", "--tag", "x"],
    ],
)
def test_a_damaged_month_file_is_named_and_nothing_is_written(
    journal: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", editor(journal.parent, "path.write_text(text + 'x')"))
    damaged = damage(journal)
    result = reflect(*args)
    assert result.exit_code == 3
    assert "2026-11.txt:" in result.stderr and "Traceback" not in result.output
    assert (journal / "2026-11.txt").read_bytes() == damaged


# --------------------------------------------------------------------------- edit


def test_edit_replaces_the_entry_and_sums_up_what_changed(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = (
        "text = text.replace('Tired, but steadier', 'Tired, and steadier')"
        ".replace('scale: 6 ', 'scale: 7 ')"
        ".replace('due 2026-11-08 10:00', 'due 2026-12-08 10:00')\n"
        "path.write_text(text, encoding='utf-8')"
    )
    monkeypatch.setenv("VISUAL", editor(journal.parent, script))
    october = (journal / "2026-10.txt").read_bytes()
    before = (journal / "2026-11.txt").read_text(encoding="utf-8")
    result = reflect("edit", "k3f9")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Saved k3f9q2mx: 2 answers changed, 1 action moved.\n"
    after = (journal / "2026-11.txt").read_text(encoding="utf-8")
    expected = (
        before.replace("Tired, but steadier", "Tired, and steadier")
        .replace("scale: 6 ", "scale: 7 ")
        .replace("due 2026-11-08 10:00", "due 2026-12-08 10:00")
    )
    assert after == expected  # every other byte as it was
    assert (journal / "2026-10.txt").read_bytes() == october


def test_edit_with_no_change_changes_nothing(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", editor(journal.parent, "pass"))
    before = snapshot(journal)
    result = reflect("edit", "w8nb4c2d")
    assert (result.exit_code, result.stdout) == (0, "No changes, so nothing was saved.\n")
    assert snapshot(journal) == before


@pytest.mark.parametrize(
    ("script", "says"),
    [
        ("path.write_text(text.replace('id: k3f9q2mx', 'id: zzzzzzzz'))", "id changed"),
        ("path.write_text(text.replace('(h7rt', '(h7zz'))", "which this entry did not have"),
        ("path.write_text(text.replace('    Tired', 'Tired'))", "Line 11 of your edit"),
        ("path.write_text(text.replace('2026-11-03', '2026-12-03'))", "another month"),
    ],
)
def test_a_refused_edit_keeps_the_words_in_drafts(
    journal: Path, reflect_home: Path, monkeypatch: pytest.MonkeyPatch, script: str, says: str
) -> None:
    monkeypatch.setenv("EDITOR", editor(journal.parent, script))
    before = snapshot(journal)
    result = reflect("edit", "k3f9q2mx")  # no terminal: not asked to edit again
    assert result.exit_code == 3
    assert says in result.stderr
    kept = reflect_home / "drafts" / "edit-k3f9q2mx.txt"
    assert f"Your edited text is kept in {kept}" in result.stderr
    assert oct(kept.stat().st_mode & 0o777) == "0o600"
    assert snapshot(journal) == before
    assert "## 2026-1" in kept.read_text(encoding="utf-8")  # the edited text, as saved


def test_at_a_terminal_a_bad_edit_can_be_edited_again(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first run breaks the text; the second (the same editor) mends it.
    script = (
        "marker = path.parent.parent / 'ran-once'\n"
        "if marker.exists():\n"
        "    path.write_text(text.replace('\\nA quiet', '\\n    A quiet').replace('Rain', 'Sun'))\n"
        "else:\n"
        "    marker.write_text('')\n"
        "    path.write_text(text.replace('    A quiet', 'A quiet'))"
    )
    monkeypatch.setenv("EDITOR", editor(journal.parent, script))
    monkeypatch.setattr("reflect.cli.entries._stdin_is_terminal", lambda: True)
    result = reflect("edit", "w8nb4c2d", input="e\n")
    assert result.exit_code == 0, result.output
    assert "Line 4 of your edit" in result.stderr
    assert "[e] edit again" in result.stdout
    assert "Saved w8nb4c2d: text changed." in result.stdout
    assert "Sun on the window" in (journal / "2026-11.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "script",
    [
        "path.write_text(text.replace('Rain', 'Snow'))\nsys.exit(1)",  # saved, then failed
        "sys.exit(2)",
    ],
)
def test_an_editor_that_fails_changes_nothing_and_keeps_the_words(
    journal: Path, reflect_home: Path, monkeypatch: pytest.MonkeyPatch, script: str
) -> None:
    monkeypatch.setenv("EDITOR", editor(journal.parent, script))
    before = snapshot(journal)
    result = reflect("edit", "w8nb4c2d")
    assert result.exit_code == 1
    assert "did not finish (it stopped with status" in result.stderr
    assert snapshot(journal) == before
    kept = reflect_home / "drafts" / "edit-w8nb4c2d.txt"
    if "Snow" in script:
        assert "Snow on the window" in kept.read_text(encoding="utf-8")
    else:
        assert not kept.exists()  # nothing was written, so nothing to keep
    assert [
        p.name for p in (reflect_home / "drafts").iterdir() if p.name.startswith("edit-w8")
    ] == (["edit-w8nb4c2d.txt"] if "Snow" in script else [])


def test_an_editor_that_cannot_run_is_a_short_error(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", str(journal.parent / "no-such-editor"))
    result = reflect("edit", "w8nb4c2d")
    assert result.exit_code == 1
    assert "did not finish" in result.stderr and "Traceback" not in result.output


# --------------------------------------------------------------------------- real processes


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reflect", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def test_edit_through_the_real_reflect_with_an_editor_script(journal: Path) -> None:
    script = "path.write_text(text.replace('Book the dentist', 'Book the dentist, #health'))"
    env = {**os.environ, "EDITOR": editor(journal.parent, script)}
    result = run("edit", "r5dm", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Saved r5dm2cxa: 1 action reworded.\n"
    tagged = json.loads(run("journal", "--tag", "health", "--json", env=env).stdout)
    assert [entry["id"] for entry in tagged] == ["r5dm2cxa"]


def test_an_edit_racing_with_actions_done_loses_neither(journal: Path, reflect_home: Path) -> None:
    """While the editor is open, another `reflect actions done` changes the same entry: the
    done is kept, the edit is refused with a clear message, and its text is in drafts."""
    script = (
        "import subprocess\n"
        f"subprocess.run([{sys.executable!r}, '-m', 'reflect', 'actions', 'done', 'p2wd', "
        "'--note', 'Walked on Saturday'], check=True)\n"
        "path.write_text(text.replace('Tired, but', 'Tired and yet'))"
    )
    env = {**os.environ, "EDITOR": editor(journal.parent, script)}
    result = run("edit", "k3f9q2mx", env=env)
    assert result.returncode == 3
    assert "changed in the journal while you were editing it" in result.stderr
    text = (journal / "2026-11.txt").read_text(encoding="utf-8")
    assert "(p2wd · due 2026-11-08 10:00 · done 2026-11-29)" in text
    assert "Walked on Saturday" in text
    assert "Tired and yet" not in text
    kept = reflect_home / "drafts" / "edit-k3f9q2mx.txt"
    assert "Tired and yet" in kept.read_text(encoding="utf-8")


def test_delete_through_the_real_reflect(journal: Path) -> None:
    env = dict(os.environ)
    result = run("delete", "c7pq", env=env)  # no one to answer: nothing deleted
    assert result.returncode == 1 and "Pass --yes" in result.stderr
    result = run("delete", "c7pq", "--yes", env=env)
    assert result.returncode == 0, result.stderr
    assert "Deleted c7pq3mzt" in result.stdout
    assert (journal / "2026-10.txt").read_text(encoding="utf-8") == "# reflect journal · format 1\n"
