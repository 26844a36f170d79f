"""A facilitator updates a workbook while a group member's walk through it is paused."""

from __future__ import annotations

from pathlib import Path

from reflect.session import KEPT_SECTION_TITLE
from tests.cli.helpers import journal_text, reflect


def test_resume_after_the_workbook_changed(tmp_path: Path, reflect_home: Path) -> None:
    book = tmp_path / "group.toml"
    assert reflect("workbook", "new", "group", "-o", str(book)).exit_code == 0
    assert reflect("workbook", "add", str(book)).exit_code == 0

    # Answer the first two prompts (a text, then the scale), then pause at the choice.
    first = reflect("start", "group", "--plain", input="A full week.\n\n6\n:pause\n")
    assert first.exit_code == 0, first.output
    assert "Your answers are saved" in first.stdout

    # The facilitator removes the scale, bumps the version, and shares it again.
    text = book.read_text(encoding="utf-8")
    start = text.index('[[sections.prompts]]\nid = "how-you-feel"')
    end = text.index("# choice: pick one option.")
    changed = (text[:start] + text[end:]).replace('version = "1"', 'version = "2"')
    book.write_text(changed, encoding="utf-8")
    assert reflect("workbook", "check", str(book)).exit_code == 0
    updated = reflect("workbook", "add", str(book), "--replace")
    assert updated.exit_code == 0, updated.output
    assert "paused walk" in updated.stdout

    # Resume: carry on at the choice, then skip everything else.
    second = reflect("start", "group", "--plain", input="y\n2\n\n\n\n\n\n")
    assert second.exit_code == 0, second.output
    assert "Which fits the last while best?" in second.stdout
    assert "How have things been since you last looked?" not in second.stdout.split("paused")[1]

    journal = journal_text(reflect_home)
    assert "workbook: group (version 2)" in journal
    assert "    A full week." in journal  # kept in place
    assert KEPT_SECTION_TITLE in journal  # the removed scale's answer, still visible
    assert "How are you feeling today?" in journal and "scale: 6 (0 to 10)" in journal
    assert "About right" in journal
