"""`sync.auto = true`: every save committed, and synced in the background.

A save never waits for the network, nor for git at all: the command saves, and
on its way out starts `reflect sync --background` as a detached process (its
own session, no terminal, stdin closed, prompts off). Any command but `sync`
and `remind` also starts one as it begins, so what other devices saved arrives
while the person reads or walks. Two at once simply queue on the sync lock.

The background sync cannot speak to anyone, so it leaves a note in reflect's
state folder when it fails (a push refused, a remote that is away); the next
command says so once, in one line on stderr, and the next sync tries again.
Nothing here imports git machinery or the config parser unless sync is on.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable

from reflect.errors import ReflectError
from reflect.paths import Paths

# json and subprocess are imported where used: this module is imported by every
# command, and most never launch a sync or read a status.

STATUS_NAME = "sync-status.json"
BACKGROUND_TIMEOUT = 20.0  # seconds for each fetch or push in the background
QUIET_COMMANDS = frozenset({"sync", "remind"})

_pending: set[Paths] = set()  # data folders saved to during this command
_told: list[str] = []  # what this command was told as it began (for the full-screen app)


def enabled(paths: Paths) -> bool:
    """Is `sync.auto` on? A config without the word `sync` is not even parsed."""
    from reflect.fileio import read_plain_file
    from reflect.toml_limits import MAX_TOML_BYTES

    try:
        # Never waiting on a pipe where the config goes, nor reading a huge file: the
        # command that reads the config says what is wrong with it.
        text = read_plain_file(paths.config_file, limit=MAX_TOML_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    if "sync" not in text:
        return False
    from reflect.config import load_config
    from reflect.errors import ConfigError

    try:
        return load_config(paths).sync_auto
    except ConfigError:
        return False  # the command that reads the config says what is wrong with it


def saved(paths: Paths) -> None:
    """Called after every write to the journal: a sync is due when the command ends."""
    _pending.add(paths)


def before_command(paths: Paths, command: str | None, tell: Callable[[str], None]) -> None:
    """Say once that the last background sync failed; start one if sync is on."""
    _told.clear()
    if command in QUIET_COMMANDS:
        return
    news = take_news(paths)
    if news is not None:
        tell(news)
        _told.append(news)
    if enabled(paths):
        launch(paths)


def told_as_it_began() -> str | None:
    """The failure this command was told of as it began, if any. The full-screen app
    shows it again: it covers the terminal line it was told on."""
    return _told[-1] if _told else None


def after_command() -> None:
    """Start a background sync for each data folder this command saved to."""
    while _pending:
        paths = _pending.pop()
        if enabled(paths):
            launch(paths)


def launch(paths: Paths) -> None:
    """Start `reflect sync --background`, detached. It never blocks this process; if it
    cannot even start, that is noted like any failed sync."""
    import subprocess

    env = dict(os.environ, GIT_TERMINAL_PROMPT="0")
    try:
        subprocess.Popen(
            [sys.executable, "-m", "reflect", "sync", "--background"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
            env=env,
        )
    except OSError as exc:
        from reflect.errors import os_reason

        record(paths, f"the background sync could not start ({os_reason(exc)}).")


def record(paths: Paths, failure: str | None) -> None:
    """Note how the last sync went: a failure to be told once, or nothing (success).

    The same failure again (a laptop offline for a day fails every sync alike) keeps
    the note that it was told, so the person hears of it once, not on every command;
    a new failure, or one after a sync that worked, is told afresh."""
    path = paths.state_dir / STATUS_NAME
    if failure is None:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    import json

    from reflect.fileio import atomic_write

    last = _read_status(paths)
    told = last is not None and last.get("failed") == failure and last.get("told") is True
    atomic_write(path, json.dumps({"failed": failure, "told": told}).encode("utf-8"))


def _read_status(paths: Paths) -> dict[str, object] | None:
    """The note the last failed sync left, or None (no note, or not one reflect wrote)."""
    path = paths.state_dir / STATUS_NAME
    if not path.exists():
        return None
    import json

    try:
        status = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return status if isinstance(status, dict) else None


def take_news(paths: Paths) -> str | None:
    """The failure of the last background sync, if nobody has been told of it yet."""
    status = _read_status(paths)
    if status is None or status.get("told") or not status.get("failed"):
        return None
    import json

    from reflect import messages
    from reflect.fileio import atomic_write

    status["told"] = True
    with contextlib.suppress(ReflectError):
        atomic_write(paths.state_dir / STATUS_NAME, json.dumps(status).encode("utf-8"))
    reason = " ".join(str(status["failed"]).split())  # one line, whatever git said
    return messages.SYNC_FAILED_BEFORE.format(reason=reason)
