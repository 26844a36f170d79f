"""`reflect remind`: one short line when something planned is due, silence otherwise.

This module is the fast path used straight from `reflect.__main__` for shell
start-up hooks: it imports only the standard library and the journal modules
(no Typer, rich, pydantic or Textual). The Typer command in
`reflect.cli.remind` calls the same `remind_text`, so both print the same.
"""

from __future__ import annotations

from datetime import date

from reflect.actions import due_counts, views
from reflect.journal.store import JournalStore
from reflect.messages import remind_line


def remind_text(store: JournalStore, today: date) -> str:
    """The reminder line for `today`, or '' when nothing is due or overdue."""
    open_views = [v for v in views(store.entries()) if v.action.status == "open"]
    due_today, overdue = due_counts(open_views, today)
    return remind_line(due_today, overdue)


def fast_remind(args: list[str]) -> int | None:
    """Answer `reflect remind` without Typer. None means 'not for me': let Typer handle it."""
    if args:
        return None
    import sys

    from reflect.clock import today
    from reflect.errors import ReflectError
    from reflect.paths import get_paths

    try:
        text = remind_text(JournalStore(get_paths().journal_dir), today())
    except ReflectError as exc:
        print(f"reflect: {exc}", file=sys.stderr)
        return exc.exit_code
    if text:
        print(text)
    return 0
