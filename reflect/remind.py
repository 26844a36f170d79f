"""`reflect remind`: a line or two when something you planned is due, silence otherwise.

This is the fast path: `reflect.__main__` sends `reflect remind [flags]` here
before Typer is imported, because the command runs in shell start-up files and
Typer alone (with click, rich and pydantic behind it) costs ~100 ms. So this
module imports only the standard library, `reflect.paths`, `reflect.clock`,
`reflect.messages` and the open-actions index (`reflect.journal.index`); the
journal parser is imported only when a month file changed since the last call.
The Typer command (`reflect.cli.remind`) parses the same flags and calls the
same `run`, so both print exactly the same (tests/cli/test_remind.py).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, time
from pathlib import Path  # already imported by reflect.paths: free here

from reflect import messages
from reflect.crypt import is_encrypted
from reflect.errors import ReflectError
from reflect.journal.cache_files import read_cache_file
from reflect.journal.index import open_actions, signatures
from reflect.journal.indexed_action import IndexedAction

TYPE_CHECKING = False  # not typing's: see reflect.journal.index
if TYPE_CHECKING:
    from reflect.journal.store import JournalStore
    from reflect.paths import Paths

SHELLS = ("bash", "zsh", "fish")
STATE_NAME = "remind.json"
SHOWN_IN_LINE = 2  # actions named on the terminal's second line
TEXT_WIDTH = 50

_HOOK_COMMENT = (
    "# reflect: what you planned, when it is due; at most once a day for each kind of news.\n"
)
SHELL_HOOKS = {
    "bash": _HOOK_COMMENT
    + "# Add to ~/.bashrc:  reflect remind --shell bash >> ~/.bashrc\n"
    + "if [[ $- == *i* ]] && command -v reflect >/dev/null 2>&1; then\n"
    + "    reflect remind --once-per-day\n"
    + "fi",
    "zsh": _HOOK_COMMENT
    + "# Add to ~/.zshrc:  reflect remind --shell zsh >> ~/.zshrc\n"
    + "if [[ -o interactive ]] && (( $+commands[reflect] )); then\n"
    + "    reflect remind --once-per-day\n"
    + "fi",
    "fish": _HOOK_COMMENT
    + "# Add to ~/.config/fish/config.fish:  reflect remind --shell fish >> ~/.config/fish/config.fish\n"
    + "if status is-interactive; and command -q reflect\n"
    + "    reflect remind --once-per-day\n"
    + "end",
}


# --------------------------------------------------------------------------- what is due


def due_actions(
    journal: JournalStore | Path, cache_dir: Path, today: date
) -> tuple[list[IndexedAction], list[IndexedAction]]:
    """(due today, overdue) open actions: today's by time, overdue most recent first.

    Read through the open-actions index, so it costs a stat per month file
    rather than a parse of the whole journal. The TUI home uses it too.
    """
    folder = journal if isinstance(journal, Path) else journal.folder
    actions = _dated(folder, cache_dir) if is_encrypted(folder) else open_actions(folder, cache_dir)
    due_today = [a for a in actions if a.due == today]
    overdue = [a for a in actions if a.due is not None and a.due < today]
    due_today.sort(key=lambda a: a.at or time.min)
    overdue.sort(key=lambda a: (a.due, a.at or time.min), reverse=True)
    return due_today, overdue


def _dated(folder: Path, cache_dir: Path) -> list[IndexedAction]:
    """An encrypted journal's open actions, as far as remind may know them without a
    passphrase: id, due date and time, and no text (`reflect.journal.due_dates`).

    When a month changed since the file was written (a synced machine) and the key can
    be had without asking anyone, the index is brought up to date first (which writes
    the file again); otherwise remind says nothing rather than old news.
    """
    from datetime import datetime

    from reflect.crypt import can_unlock_quietly
    from reflect.journal.due_dates import DATES_NAME, due_dates

    file = cache_dir / DATES_NAME
    found = due_dates(read_cache_file(file), folder, signatures(folder))
    if found is None and can_unlock_quietly():
        open_actions(folder, cache_dir)
        found = due_dates(read_cache_file(file), folder, signatures(folder))
    return [
        IndexedAction(
            action_id, "", due, at, None, "", datetime.min, "", None, None, None, None, None, ""
        )
        for action_id, due, at in found or []
    ]


def wording(action: IndexedAction, today: date) -> str:
    """'due today', 'due today at 15:00', '1 day overdue', '3 days overdue', and a
    repeating plan's repeat after it ('due today, every Monday').

    The same words as `reflect.dates.due_wording` (a test keeps them equal),
    written out here because importing `reflect.dates` costs `remind` ~15 ms.
    """
    assert action.due is not None
    repeat = f", {action.repeat_label}" if action.repeat_label else ""
    if action.due >= today:
        return (f"due today at {action.at:%H:%M}" if action.at else "due today") + repeat
    days = (today - action.due).days
    return f"{days} day{'s' if days != 1 else ''} overdue{repeat}"


def reminder_lines(
    due_today: list[IndexedAction], overdue: list[IndexedAction], today: date
) -> list[str]:
    """What the terminal shows: the counts, then the most pressing one or two by name."""
    summary = messages.remind_line(len(due_today), len(overdue))
    if not summary:
        return []
    pressing = (due_today + overdue)[:SHOWN_IN_LINE]
    if not any(a.text for a in pressing):
        return [summary]  # an encrypted journal: counts only, its words stay locked
    named = [f"{a.id} {_short(a.text)} ({wording(a, today)})" for a in pressing]
    more = len(due_today) + len(overdue) - len(pressing)
    if more > 0:
        named.append(messages.REMIND_MORE.format(count=more))
    return [summary, "  " + "; ".join(named)]


def _short(text: str) -> str:
    """At most TEXT_WIDTH characters, cut at a space when there is one not too far back."""
    if len(text) <= TEXT_WIDTH:
        return text
    cut = text[: TEXT_WIDTH - 1]
    words = cut.rsplit(" ", 1)[0]
    return (words if len(words) > TEXT_WIDTH // 2 else cut).rstrip() + "…"


# --------------------------------------------------------------------------- the command


def run(
    paths: Paths,
    today: date,
    *,
    once_per_day: bool = False,
    notify: bool = False,
    shell: str | None = None,
    write: Callable[[str], None],
) -> int:
    """`reflect remind` with its flags; `write` prints one line. Raises ReflectError."""
    if shell is not None:
        write(SHELL_HOOKS[shell])
        return 0
    notify_send = _find_notify_send() if notify else None
    due_today, overdue = due_actions(paths.journal_dir, paths.cache_dir, today)
    channel = "notify" if notify else "terminal"
    state: dict[str, object] = {}
    if once_per_day:
        state = _load_state(paths.state_dir, today)
        said = state.get(channel)
        said = said if isinstance(said, dict) else {}
        if not _is_news(due_today, said.get("today")):
            due_today = []
        if not _is_news(overdue, said.get("overdue")):
            overdue = []
    if not due_today and not overdue:
        return 0
    if notify_send is not None:
        _send(notify_send, len(due_today), len(overdue))
    else:
        for line in reminder_lines(due_today, overdue, today):
            write(line)
    if once_per_day:
        _remember(paths.state_dir, state, channel, today, due_today, overdue)
    return 0


def fast_remind(args: list[str]) -> int | None:
    """Answer `reflect remind ...` without Typer; None means 'not for me' (--help, a typo,
    anything unusual): then Typer handles it, with its usual messages."""
    options = _fast_options(args)
    if options is None:
        return None
    from reflect.clock import today
    from reflect.paths import get_paths
    from reflect.terminal import visible

    once_per_day, notify, shell = options
    try:
        return run(
            get_paths(),
            today(),
            once_per_day=once_per_day,
            notify=notify,
            shell=shell,
            write=lambda line: print(visible(line)),
        )
    except ReflectError as exc:
        print(visible(f"reflect: {exc}"), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130  # Ctrl-C while a shell starts: no traceback, and nothing was changed


def _fast_options(args: list[str]) -> tuple[bool, bool, str | None] | None:
    """(once_per_day, notify, shell) when `args` are flags the fast path knows, each once."""
    seen: set[str] = set()
    shell: str | None = None
    rest = list(args)
    while rest:
        name, has_value, value = rest.pop(0).partition("=")
        if name in seen or name not in ("--once-per-day", "--notify", "--shell"):
            return None
        seen.add(name)
        if name == "--shell":
            if not has_value:
                if not rest:
                    return None
                value = rest.pop(0)
            if value not in SHELLS:
                return None
            shell = value
        elif has_value:
            return None
    return "--once-per-day" in seen, "--notify" in seen, shell


# --------------------------------------------------------------------------- once a day


def _load_state(folder: Path, today: date) -> dict[str, object]:
    """What was said today, per channel and kind; {} on another day or a broken file."""
    import json  # ~4 ms, so only for --once-per-day

    # Read like a cache: a link, a pipe or a device there is no state, never waited on.
    raw = read_cache_file(folder / STATE_NAME)
    try:
        state = json.loads(raw) if raw is not None else {}
    except ValueError:
        return {}
    if not isinstance(state, dict) or state.get("day") != today.isoformat():
        return {}
    return state


def _is_news(actions: list[IndexedAction], said: object) -> bool:
    known = set(said) if isinstance(said, list) else set()
    return any(action.id not in known for action in actions)


def _remember(
    folder: Path,
    state: dict[str, object],
    channel: str,
    today: date,
    due_today: list[IndexedAction],
    overdue: list[IndexedAction],
) -> None:
    import contextlib
    import json

    from reflect.fileio import atomic_write

    said = state.get(channel)
    said = dict(said) if isinstance(said, dict) else {}
    for kind, actions in (("today", due_today), ("overdue", overdue)):
        ids = [action.id for action in actions]
        if ids:
            before = said.get(kind)
            known = set(before) if isinstance(before, list) else set()
            said[kind] = sorted(known | set(ids))
    state = {**state, "day": today.isoformat(), channel: said}
    # The reminder was shown; failing to remember that only means it may be shown again.
    with contextlib.suppress(ReflectError):
        atomic_write(folder / STATE_NAME, json.dumps(state).encode("utf-8"))


# --------------------------------------------------------------------------- notifications


def _find_notify_send() -> str:
    import shutil

    found = shutil.which("notify-send")
    if found is None:
        raise ReflectError(messages.NOTIFY_MISSING)
    return found


def _send(notify_send: str, due_today: int, overdue: int) -> None:
    """One desktop notification holding only counts and the command to run.

    A process's arguments can be read by every local user (/proc/PID/cmdline) for as
    long as it runs, so action texts never go there: the summary is "reflect" and the
    body the same line the terminal's first line is ("2 actions due today, 1 overdue:
    run `reflect actions`"). Arguments, never a shell; after `--` for good measure.
    """
    import subprocess

    body = messages.remind_line(due_today, overdue)
    command = [notify_send, "--app-name=reflect", "--", "reflect", body]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except subprocess.TimeoutExpired:
        raise ReflectError(messages.NOTIFY_FAILED.format(reason="it took too long")) from None
    except OSError as exc:
        from reflect.errors import os_reason

        raise ReflectError(messages.NOTIFY_FAILED.format(reason=os_reason(exc))) from None
    if done.returncode != 0:
        said = (done.stderr or "").strip().splitlines()
        reason = said[0] if said else f"exit status {done.returncode}"
        raise ReflectError(messages.NOTIFY_FAILED.format(reason=reason))
