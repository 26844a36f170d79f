"""`reflect remind`: silence on a quiet day, a line or two otherwise; once a day; notify; hooks.

Today is frozen at Sun 29 Nov 2026 10:00 (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reflect.remind import SHELL_HOOKS, fast_remind
from tests.cli.helpers import reflect


def _add(text: str, due: str | None = None) -> str:
    result = reflect("actions", "add", *(["--due", due] if due else []), "--", text)
    assert result.exit_code == 0, result.output
    return result.stdout.split()[1].rstrip(":")


def _remind(*args: str) -> str:
    result = reflect("remind", *args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def _fast(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int | None, str, str]:
    capsys.readouterr()
    code = fast_remind(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_nothing_planned_is_silent() -> None:
    assert _remind() == ""


def test_nothing_due_yet_is_silent() -> None:
    _add("Clear the gutter", "in 3 days")
    _add("Learn to juggle")
    assert _remind() == ""


def test_due_today(monkeypatch: pytest.MonkeyPatch) -> None:
    walk = _add("Message Sam about a walk", "today 15:00")
    card = _add("Post the card", "today")
    assert _remind().splitlines() == [
        "2 actions due today: run `reflect actions`",
        f"  {card} Post the card (due today); {walk} Message Sam about a walk (due today at 15:00)",
    ]


def test_overdue_and_due_today(monkeypatch: pytest.MonkeyPatch) -> None:
    old = _add("Return the library book", "2026-11-30")
    older = _add("Ring the dentist", "tomorrow")
    reflect("actions", "move", older, "2026-11-29")
    today = _add("Water the plants", "2026-12-03")
    monkeypatch.setenv("REFLECT_NOW", "2026-12-03T08:00")
    assert _remind().splitlines() == [
        "1 action due today, 2 overdue: run `reflect actions`",
        f"  {today} Water the plants (due today); {old} Return the library book (3 days overdue);"
        " and 1 more",
    ]
    monkeypatch.setenv("REFLECT_NOW", "2026-12-04T08:00")
    assert _remind().splitlines()[0] == "3 actions overdue: run `reflect actions`"
    assert f"{today} Water the plants (1 day overdue)" in _remind()


def test_long_action_text_is_shortened_on_the_terminal() -> None:
    _add("Write to the council about the crossing on Elm Street near the school gates", "today")
    second = _remind().splitlines()[1]
    assert second.endswith("Write to the council about the crossing on Elm… (due today)")


def test_done_and_dropped_are_not_reminders() -> None:
    first = _add("Walk to the park", "today")
    second = _add("Bake bread", "today")
    reflect("actions", "done", first)
    reflect("actions", "drop", second)
    assert _remind() == ""


def test_once_per_day(monkeypatch: pytest.MonkeyPatch, reflect_home: Path) -> None:
    _add("Post the card", "today")
    assert _remind("--once-per-day").startswith("1 action due today")
    assert _remind("--once-per-day") == ""  # the same day: already said
    assert _remind().startswith("1 action due today")  # remind alone always answers
    assert stat.S_IMODE((reflect_home / "state" / "remind.json").stat().st_mode) == 0o600

    # Something new falls due the same day: that is news, said once.
    _add("Ring Jo", "today")
    assert _remind("--once-per-day").startswith("2 actions due today")
    assert _remind("--once-per-day") == ""

    # The next day the two are overdue: a new kind of news for a new day.
    monkeypatch.setenv("REFLECT_NOW", "2026-11-30T08:00")
    assert _remind("--once-per-day").startswith("2 actions overdue")
    assert _remind("--once-per-day") == ""
    # A due-today item the next morning is its own kind of news; overdue is not repeated.
    _add("Buy stamps", "today")
    assert _remind("--once-per-day").splitlines()[0] == (
        "1 action due today: run `reflect actions`"
    )


def test_once_per_day_survives_a_damaged_state_file(reflect_home: Path) -> None:
    _add("Post the card", "today")
    (reflect_home / "state").mkdir(parents=True)
    (reflect_home / "state" / "remind.json").write_text("{not json")
    assert _remind("--once-per-day").startswith("1 action due today")
    assert _remind("--once-per-day") == ""


@pytest.mark.parametrize(
    "args",
    [[], ["--once-per-day"], ["--shell", "bash"], ["--shell=zsh"], ["--shell", "fish"]],
)
def test_fast_path_and_typer_print_the_same(
    args: list[str],
    capsys: pytest.CaptureFixture[str],
    reflect_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _add("Post the card", "today")
    _add("Return the library book", "tomorrow")
    monkeypatch.setenv("REFLECT_NOW", "2026-12-01T08:00")
    code, fast_out, fast_err = _fast(args, capsys)
    (reflect_home / "state" / "remind.json").unlink(missing_ok=True)  # once-per-day starts afresh
    typer_result = reflect("remind", *args)
    assert (code, fast_out, fast_err) == (0, typer_result.stdout, typer_result.stderr)
    assert typer_result.exit_code == 0
    assert fast_out.strip()


def test_fast_path_and_typer_report_a_broken_journal_the_same(
    capsys: pytest.CaptureFixture[str], reflect_home: Path
) -> None:
    _add("Post the card", "today")
    month = reflect_home / "journal" / "2026-11.txt"
    month.write_text(month.read_text() + "\nnot the journal's format\n")
    code, out, err = _fast([], capsys)
    result = reflect("remind")
    assert (code, out, err) == (result.exit_code, result.stdout, result.stderr)
    assert code == 3 and f"{month}:" in err


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--shell"], ["--shell", "tcsh"], ["--once-per-day", "--once-per-day"], ["-x"]],
)
def test_fast_path_hands_anything_else_to_typer(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _fast(args, capsys) == (None, "", "")


def test_unknown_shell_is_a_typer_error() -> None:
    result = reflect("remind", "--shell", "tcsh")
    assert result.exit_code == 2
    assert "tcsh" in result.output


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_hooks_are_valid_and_quiet_by_default(shell: str) -> None:
    hook = _remind("--shell", shell)
    assert hook == SHELL_HOOKS[shell] + "\n"
    assert "reflect remind --once-per-day" in hook
    found = shutil.which(shell)
    if found is None:
        pytest.skip(f"{shell} is not installed here")
    check = subprocess.run([found, "-n"], input=hook, capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr


# --------------------------------------------------------------------------- --notify


@pytest.fixture
def fake_notify_send(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `notify-send` first on PATH that records its arguments, one per line."""
    folder = tmp_path / "bin"
    folder.mkdir()
    record = tmp_path / "notify-send.args"
    script = folder / "notify-send"
    script.write_text(
        f'#!/bin/sh\nfor arg in "$@"; do printf "%s\\n---\\n" "$arg"; done > {record}\n'
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    return record


def _arguments(record: Path) -> list[str]:
    return record.read_text().split("\n---\n")[:-1]


def test_notify_sends_counts_never_action_text(fake_notify_send: Path) -> None:
    _add("-v <b>Tea</b> & cake; $(rm -rf ~)", "today")
    _add("Ring Jo", "today 09:00")
    assert _remind("--notify") == ""  # for cron: nothing on stdout when it worked
    # Other users can read a process's arguments: only counts and the command go there.
    assert _arguments(fake_notify_send) == [
        "--app-name=reflect",
        "--",
        "reflect",
        "2 actions due today: run `reflect actions`",
    ]


def test_notify_says_nothing_on_a_quiet_day(fake_notify_send: Path) -> None:
    _add("Learn to juggle")
    assert _remind("--notify") == ""
    assert not fake_notify_send.exists()


def test_notify_once_per_day_is_separate_from_the_terminal(fake_notify_send: Path) -> None:
    _add("Post the card", "today")
    assert _remind("--once-per-day").startswith("1 action due today")
    assert _remind("--notify", "--once-per-day") == ""
    assert fake_notify_send.exists()  # the terminal saying it does not stop the notification
    fake_notify_send.unlink()
    assert _remind("--notify", "--once-per-day") == ""
    assert not fake_notify_send.exists()


def test_notify_without_notify_send(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    _add("Post the card", "today")
    result = reflect("remind", "--notify")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("reflect: Desktop notifications need `notify-send`")
    assert _fast(["--notify"], capsys) == (1, "", result.stderr)


def test_notify_send_that_fails_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "notify-send"
    script.write_text("#!/bin/sh\necho 'Cannot connect to the session bus' >&2\nexit 1\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    _add("Post the card", "today")
    result = reflect("remind", "--notify")
    assert result.exit_code == 1
    assert "could not show the reminder (Cannot connect to the session bus)" in result.stderr


# --------------------------------------------------------------------------- whole process


def _run_reflect(args: list[str], probe: bool = False) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys\n"
        f"sys.argv = ['reflect', *{args!r}]\n"
        "from reflect.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    code = exit.code\nelse:\n    code = 0\n"
    )
    if probe:
        code += "import json\nprint(json.dumps(sorted(sys.modules)))\n"
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=os.environ
    )


def test_the_reflect_script_answers_without_typer() -> None:
    _add("Post the card", "today")
    cold = _run_reflect(["remind"], probe=True)
    assert cold.returncode == 0, cold.stderr
    assert cold.stdout.startswith("1 action due today")
    warm = _run_reflect(["remind", "--once-per-day"], probe=True)
    assert warm.stdout.startswith("1 action due today")
    loaded = set(json.loads(warm.stdout.strip().splitlines()[-1]))
    for heavy in ("typer", "click", "rich", "pydantic", "textual", "platformdirs", "icalendar"):
        assert heavy not in loaded, heavy
    # With the index warm, the journal parser (and its dataclasses) is not even imported.
    assert "reflect.journal.parse" not in loaded
    assert "reflect.dates" not in loaded


def test_python_m_reflect_remind(monkeypatch: pytest.MonkeyPatch) -> None:
    _add("Post the card", "2026-11-30")
    monkeypatch.setenv("REFLECT_NOW", "2026-12-01T08:00")
    done = subprocess.run(
        [sys.executable, "-m", "reflect", "remind"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1 action overdue")


@pytest.mark.parametrize(
    ("every", "now", "said"),
    [
        ("mon", "2026-11-30T08:00", "due today, every Monday"),
        ("day", "2026-11-30T08:00", "due today, every day"),
        ("2 weeks", "2026-12-02T08:00", "2 days overdue, every 2 weeks"),
        ("weekday", "2026-11-30T08:00", "due today, every weekday"),
    ],
)
def test_remind_names_a_repeating_plan_with_its_repeat(
    monkeypatch: pytest.MonkeyPatch, every: str, now: str, said: str
) -> None:
    added = reflect("actions", "add", "Short walk", "--due", "tomorrow", "--every", every)
    assert added.exit_code == 0, added.output
    monkeypatch.setenv("REFLECT_NOW", now)
    lines = reflect("remind").stdout.splitlines()
    assert lines[1].endswith(f"Short walk ({said})")
    plan = added.stdout.split()[1].rstrip(":")
    assert reflect("actions", "done", plan).exit_code == 0
    assert reflect("remind", "--force").stdout == ""  # the next one is not due yet
