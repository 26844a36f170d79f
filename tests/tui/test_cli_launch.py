"""The CLI opens the app: `reflect start [WORKBOOK]` and `reflect actions --interactive`.

The app runs headless here (an autopilot presses the keys) but everything
else is the real path: Typer, `launch_tui`, `make_app`, the draft on disk and
the line printed once the app has closed.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from typer.testing import CliRunner

from reflect.cli.main import app as cli
from reflect.tui.app import ReflectApp
from reflect.tui.screens.actions import ActionsScreen
from tests.tui.helpers import draft

# What App.run(auto_pilot=...) takes: a coroutine function of the pilot.
Script = Callable[[Pilot[object]], Coroutine[Any, Any, None]]


@pytest.fixture
def headless(monkeypatch: pytest.MonkeyPatch) -> Callable[[Script], list[ReflectApp]]:
    """Make the app run headless under `script`, as if at a terminal; returns the apps run."""
    ran: list[ReflectApp] = []
    real_run = ReflectApp.run

    def use(script: Script) -> list[ReflectApp]:
        def run(self: ReflectApp, **_: Any) -> Any:
            ran.append(self)
            return real_run(self, headless=True, size=(100, 30), auto_pilot=script)

        monkeypatch.setattr(ReflectApp, "run", run)
        monkeypatch.setattr("reflect.cli.start.is_interactive", lambda: True)
        return ran

    return use


@pytest.mark.usefixtures("note_seen")
def test_start_opens_the_app_and_says_how_to_carry_on(
    headless: Callable[[Script], list[ReflectApp]], data_dir: Path, reflect_home: Path
) -> None:
    async def script(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")  # begin
        await pilot.press("ctrl+n", "3")  # skip the text; 3 on the scale
        await pilot.press("ctrl+q")  # pause and quit

    ran = headless(script)
    workbook = data_dir / "workbooks" / "every-kind.toml"
    result = CliRunner().invoke(cli, ["start", str(workbook)])
    assert result.exit_code == 0, result.output
    assert len(ran) == 1
    assert "Run `reflect start every-kind` to carry on" in result.output
    saved = draft(reflect_home, "every-kind")
    assert saved is not None
    assert saved["answers"]["energy"]["value"] == 3  # chosen, not yet "next": kept on quit
    assert saved["workbook_path"] == str(workbook)  # started from a path: resumable from it


def test_an_unknown_workbook_is_reported_before_the_screen_clears(
    headless: Callable[[Script], list[ReflectApp]],
) -> None:
    async def script(pilot: Pilot[Any]) -> None:  # pragma: no cover - never runs
        await pilot.press("ctrl+q")

    ran = headless(script)
    result = CliRunner().invoke(cli, ["start", "no-such-workbook"])
    assert result.exit_code == 2
    assert "no-such-workbook" in result.output
    assert ran == []


@pytest.mark.usefixtures("note_seen")
def test_actions_interactive_opens_the_review(
    headless: Callable[[Script], list[ReflectApp]],
) -> None:
    seen: list[str] = []

    async def script(pilot: Pilot[Any]) -> None:
        seen.append(type(pilot.app.screen).__name__)
        await pilot.press("q")  # quit

    headless(script)
    result = CliRunner().invoke(cli, ["actions", "--interactive"])
    assert result.exit_code == 0, result.output
    assert seen == [ActionsScreen.__name__]
    assert "--interactive" in CliRunner().invoke(cli, ["actions", "--help"]).output


@pytest.mark.usefixtures("note_seen")
@pytest.mark.parametrize("opening", [["start"], ["start", "wellbeing-check-in"]])
def test_a_failed_background_sync_is_told_in_the_app_too(
    headless: Callable[[Script], list[ReflectApp]],
    reflect_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    opening: list[str],
) -> None:
    """The line printed as the command began is under the full-screen app: it says it
    again, once, as a notification."""
    monkeypatch.setattr("reflect.sync.auto.launch", lambda paths: None)  # no real sync
    (reflect_home / "config.toml").write_text("[sync]\nauto = true\n")
    (reflect_home / "state" / "sync-status.json").write_text(
        '{"failed": "git fetch failed: the remote is not there.", "told": false}'
    )
    seen: list[str] = []

    async def script(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        seen.extend(n.message for n in pilot.app._notifications)
        await pilot.press("ctrl+q")

    headless(script)
    result = CliRunner().invoke(cli, opening)
    assert result.exit_code == 0, result.output
    assert seen == [
        "The last background sync did not finish: git fetch failed: the remote is not there. "
        "It will be tried again."
    ]
    assert result.stderr.count("last background sync did not finish") == 1  # and not twice

    seen.clear()
    assert CliRunner().invoke(cli, opening).exit_code == 0
    assert seen == []  # told once
