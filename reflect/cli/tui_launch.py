"""Opening the Textual app from the CLI. Kept apart so only this path imports Textual."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from reflect import clock
from reflect.cli.common import Env, echo
from reflect.workbook.loader import find_workbook

if TYPE_CHECKING:
    from reflect.tui.app import StartOn


def launch_tui(
    env: Env, workbook: str | None, *, restart: bool, start_on: StartOn = "home"
) -> None:
    """Run the full-screen app; afterwards, print what it has to say (how to carry on)."""
    # A workbook that cannot be found or read is reported before the screen clears.
    found = find_workbook(workbook, env.sources) if workbook is not None else None
    env.unlock()  # an encrypted journal's passphrase is asked here, not under the app
    # Textual and the app cost ~150 ms to import: only `reflect start` pays for them.
    from reflect.sync.auto import told_as_it_began
    from reflect.tui.app import make_app

    app = make_app(
        found,
        store=env.store,
        drafts=env.drafts,
        now=clock.now,
        state_dir=env.paths.state_dir,
        cache_dir=env.paths.cache_dir,
        sources=env.sources,
        support_note=env.config.support_note,
        show_last_answers=env.config.show_last_answers,
        restart=restart,
        start_on=start_on,
        notice=told_as_it_began(),
    )
    outcome = app.run()
    if outcome is not None and outcome.message:
        echo(outcome.message)
    if app.return_code:
        raise typer.Exit(app.return_code)


def launch_review(env: Env) -> None:
    """`reflect actions --interactive`: the app, opened on the actions review."""
    launch_tui(env, None, restart=False, start_on="review")
