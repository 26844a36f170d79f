"""One action id in two month files (an entry copied by hand, two devices synced).

The id alone does not say which action is meant, so `reflect actions done/drop/move ID`
refuses, naming every entry and file that has it, and changes nothing; `--entry
ENTRYID` says which, and only that one changes. `reflect actions` shows the clash
beside each action that has it, with the `--entry` to use.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import cast

import pytest

from reflect.journal.model import Action, Entry, Status
from reflect.journal.store import JournalStore
from tests.guarantees.helpers import all_entries, assert_no_traceback, cli, run_reflect, saved_state

# Each layout: (entry id, when written, status) for each entry holding action `74xb`.
LAYOUTS = {
    "two open, two months": [
        ("octentry", datetime(2026, 10, 3, 9, 0), "open"),
        ("noventry", datetime(2026, 11, 2, 9, 0), "open"),
    ],
    "one open, one done": [
        ("octentry", datetime(2026, 10, 3, 9, 0), "done"),
        ("noventry", datetime(2026, 11, 2, 9, 0), "open"),
    ],
    "three, years apart": [
        ("oldentry", datetime(2019, 2, 3, 9, 0), "open"),
        ("octentry", datetime(2026, 10, 3, 9, 0), "dropped"),
        ("noventry", datetime(2026, 11, 2, 9, 0), "open"),
    ],
}


def _journal(home: Path, layout: list[tuple[str, datetime, str]]) -> None:
    store = JournalStore(home / "journal")
    for number, (entry_id, written, word) in enumerate(layout):
        status = cast(Status, word)
        changed = date(2026, 10, 20) if status != "open" else None
        action = Action("74xb", f"Phone Sam, copy {number}", status, changed_on=changed)
        store.add_entry(Entry(entry_id, written, "Action added", actions=(action,)))
    assert cli("actions", "add", "Something else").exit_code == 0  # an id used once


def _copies(home: Path) -> dict[str, Action]:
    return {e.id: a for e in all_entries(home) for a, _, _ in e.all_actions() if a.id == "74xb"}


COMMANDS = {
    "done": ["actions", "done", "74xb"],
    "drop": ["actions", "drop", "74xb"],
    "move": ["actions", "move", "74xb", "fri"],
    "done, upper case": ["actions", "done", "74XB"],
}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_shared_id_is_refused_naming_every_entry(
    layout: str, command: str, reflect_home: Path
) -> None:
    _journal(reflect_home, LAYOUTS[layout])
    before = saved_state(reflect_home)
    result = cli(*COMMANDS[command])
    assert result.exit_code != 0, result.output
    assert_no_traceback(result.output)
    for entry_id, written, _ in LAYOUTS[layout]:
        assert f"entry {entry_id}" in result.stderr
        assert f"{written:%Y-%m}.txt" in result.stderr
    assert "--entry" in result.stderr
    assert "Nothing was changed" in result.stderr
    assert "Phone Sam" not in result.stderr  # names entries and files, never the words
    assert saved_state(reflect_home) == before


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("command", COMMANDS)
def test_entry_says_which_and_only_that_one_changes(
    layout: str, command: str, reflect_home: Path
) -> None:
    _journal(reflect_home, LAYOUTS[layout])
    before = _copies(reflect_home)
    chosen = LAYOUTS[layout][0][0]
    result = cli(*COMMANDS[command], "--entry", chosen)
    after = _copies(reflect_home)
    if command == "drop" and before[chosen].status == "done":
        # Drop after done is refused (the note on how it went must not become a reason
        # for dropping it), and the copy chosen stays as it was, like every other.
        assert result.exit_code == 1, result.output
        assert "so it can't be marked dropped as well" in result.stderr
        assert after == before
        return
    assert result.exit_code == 0, result.output
    assert {k: v for k, v in after.items() if k != chosen} == {
        k: v for k, v in before.items() if k != chosen
    }
    changed = after[chosen]
    if command.startswith("done"):
        assert changed.status == "done"
    elif command == "drop":
        assert changed.status == "dropped"
    else:
        assert changed.due == date(2026, 12, 4)


def test_an_entry_without_that_action_is_refused(reflect_home: Path) -> None:
    _journal(reflect_home, LAYOUTS["two open, two months"])
    before = saved_state(reflect_home)
    result = cli("actions", "done", "74xb", "--entry", "nosuchid")
    assert result.exit_code != 0
    assert "no action with id '74xb' in entry 'nosuchid'" in result.stderr
    assert saved_state(reflect_home) == before


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("listing", [["actions"], ["actions", "--all"]])
def test_the_listing_shows_the_clash(layout: str, listing: list[str], reflect_home: Path) -> None:
    _journal(reflect_home, LAYOUTS[layout])
    result = run_reflect(*listing)  # the real program, as a person runs it
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for entry_id, _, status in LAYOUTS[layout]:
        if status == "open" or "--all" in listing:
            assert any(f"--entry {entry_id}" in line for line in lines), result.stdout
    # The action whose id is its own carries no such note.
    assert result.stdout.count("--entry") == sum(
        1 for _, _, status in LAYOUTS[layout] if status == "open" or "--all" in listing
    )


def test_a_real_done_on_a_shared_id_says_which_to_choose(reflect_home: Path) -> None:
    _journal(reflect_home, LAYOUTS["two open, two months"])
    refused = run_reflect("actions", "done", "74xb")
    assert refused.returncode != 0 and "--entry" in refused.stderr
    assert_no_traceback(refused.stderr)
    for entry_id in ("octentry", "noventry"):
        chosen = run_reflect("actions", "done", "74xb", "--entry", entry_id)
        assert chosen.returncode == 0, chosen.stderr
    assert {a.status for a in _copies(reflect_home).values()} == {"done"}  # both can be closed
    assert "74xb" not in run_reflect("actions").stdout
