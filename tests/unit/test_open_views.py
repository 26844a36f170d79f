"""`reflect actions` lists open actions from the index: the same views as a full read."""

from __future__ import annotations

from pathlib import Path

from bench import generate
from reflect.actions import ActionView, grouped, open_views, views
from reflect.journal.store import JournalStore


def _shown(view: ActionView) -> tuple[object, ...]:
    """Everything a listing or `--json` shows of a view."""
    return (view.to_json(), view.origin, view.entry.written, view.entry.title)


def test_index_views_match_a_full_read_in_the_same_order(tmp_path: Path) -> None:
    generate.generate(tmp_path / "out", 0.05)
    journal = tmp_path / "out" / "reflect-home" / "journal"
    full = [v for v in views(JournalStore(journal).entries()) if v.action.status == "open"]
    assert len(full) > 3
    for _ in range(2):  # the first call builds the index, the second reads it
        fast = open_views(journal, tmp_path / "cache")
        assert [_shown(v) for v in fast] == [_shown(v) for v in full]
        by_index = grouped(fast, generate.TODAY)
        by_parse = grouped(full, generate.TODAY)
        assert {g: [_shown(v) for v in items] for g, items in by_index.items()} == {
            g: [_shown(v) for v in items] for g, items in by_parse.items()
        }
