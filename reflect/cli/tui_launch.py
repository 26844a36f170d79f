"""Opening the Textual app from the CLI. Kept apart so only this path imports Textual."""

from __future__ import annotations

from reflect.cli.common import Env


def launch_tui(env: Env, workbook: str | None, *, restart: bool) -> None:
    """The full-screen app. Until the TUI lands, the plain mode serves in its place."""
    from reflect.cli.start import _choose_workbook, run_plain

    found = _choose_workbook(env, workbook)
    run_plain(env, found, restart=restart)
