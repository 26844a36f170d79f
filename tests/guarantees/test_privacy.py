"""Privacy: files only you can read, errors that never repeat your words, no helper
process given your words on its command line, and no network, ever.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.guarantees.helpers import (
    Figures,
    all_entries,
    assert_no_traceback,
    cli,
    run_commands,
    run_reflect,
    walk_input,
)
from tests.guarantees.test_bad_input import READING_COMMANDS

SECRET = "I have never told anyone this"


def _modes(home: Path) -> dict[str, int]:
    return {
        str(p.relative_to(home)): stat.S_IMODE(p.lstat().st_mode) for p in [home, *home.rglob("*")]
    }


# The commands that create files: every kind of file reflect keeps.
MAIN_COMMANDS: list[tuple[list[str], str]] = [
    (["write", SECRET], ""),
    (["actions", "add", "Phone Sam", "--due", "today"], ""),
    (["start", "wellbeing-check-in", "--plain"], "6\nhalf a walk\n\n"),  # paused: a draft
    (["start", "weekly-review", "--plain", "--restart"], "\n" * 40),  # a finished walk
    (["remind", "--once-per-day"], ""),  # keeps state in the state folder
    (["actions"], ""),
    (["actions", "--json"], ""),
    (["workbooks"], ""),
]


def test_files_private_whatever_the_umask(reflect_home: Path, figures: Figures) -> None:
    """umask 0 would make new files 0666 and folders 0777; reflect's are 0600 and 0700."""
    assert run_commands(MAIN_COMMANDS, umask=0) == [0] * len(MAIN_COMMANDS)
    fast = subprocess.run(  # `reflect remind`'s fast path, as a shell start-up runs it
        [sys.executable, "-m", "reflect", "remind", "--once-per-day"], umask=0, capture_output=True
    )
    assert fast.returncode == 0, fast.stderr
    modes = _modes(reflect_home)
    assert "journal/2026-11.txt" in modes and "drafts/wellbeing-check-in.toml" in modes
    wrong = {
        name: oct(mode)
        for name, mode in modes.items()
        if mode != (0o700 if (reflect_home / name).is_dir() else 0o600)
    }
    assert wrong == {}
    figures.add("files checked for privacy", len(modes))


def test_too_open_files_and_folders_are_tightened(reflect_home: Path) -> None:
    """Someone copied their journal in with `cp -r` under a loose umask."""
    journal = reflect_home / "journal"
    journal.mkdir(parents=True)
    old = journal / "2026-10.txt"
    old.write_text("# reflect journal · format 1\n", encoding="utf-8")
    current = journal / "2026-11.txt"
    current.write_text("# reflect journal · format 1\n", encoding="utf-8")
    drafts = reflect_home / "drafts"
    drafts.mkdir()
    for path in (reflect_home, journal, drafts):
        path.chmod(0o755)
    for path in (old, current):
        path.chmod(0o644)

    assert cli("actions").exit_code == 0  # reading alone tightens what it reads
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    assert cli("write", "words").exit_code == 0
    assert cli("start", "wellbeing-check-in", "--plain", input="6\n").exit_code == 0
    modes = _modes(reflect_home)
    for name in ("journal", "drafts"):
        assert modes[name] == 0o700, name
    for name in ("journal/2026-10.txt", "journal/2026-11.txt", "drafts/wellbeing-check-in.toml"):
        assert modes[name] == 0o600, name


# --------------------------------------------------------------------------- errors


def _journal_with_secrets(home: Path) -> Path:
    walk = walk_input("s").replace("energy s", SECRET).replace("action s", f"{SECRET} action")
    assert cli("start", "wellbeing-check-in", "--plain", input=walk).exit_code == 0
    assert cli("write", f"{SECRET}\nand more").exit_code == 0
    return home / "journal" / "2026-11.txt"


BREAKAGES: dict[str, Callable[[str], str]] = {
    "answer lost its indent": lambda t: t.replace(f"    {SECRET}", SECRET, 1),
    "bad date on a heading": lambda t: t.replace(
        "## 2026-11-29 10:00 · Weekly", "## 2026-02-31 10:00 · Weekly", 1
    ),
    "unknown action status": lambda t: t.replace(f"- [ ] {SECRET}", f"- [?] {SECRET}", 1),
    "action lost its id": lambda t: _cut_action_id(t),
    "prompt heading broken": lambda t: t.replace(
        "#### What gave you energy", "####What gave you energy", 1
    ),
    "an answer lost under a prompt": lambda t: t.replace(f"    {SECRET}\n", "", 1),
    "not UTF-8 inside the secret": lambda t: t.replace(
        SECRET, SECRET[:5] + "\udcff" + SECRET[5:], 1
    ),
}


def _cut_action_id(text: str) -> str:
    start = text.index(f"- [ ] {SECRET}")
    end = text.index("\n", start)
    return text[:start] + f"- [ ] {SECRET} (oops)" + text[end:]


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_errors_name_the_line_never_the_words(
    name: str, reflect_home: Path, figures: Figures
) -> None:
    path = _journal_with_secrets(reflect_home)
    text = BREAKAGES[name](path.read_text(encoding="utf-8"))
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    for args in (
        ["actions"],
        ["actions", "--json"],
        ["write", "x"],
        ["actions", "add", "y"],
        *READING_COMMANDS,
    ):
        result = cli(*args)
        assert result.exit_code == 3, (args, result.output)
        assert f"{path}:" in result.stderr  # file:line
        assert "I have never" not in result.output, result.output
        assert "told anyone" not in result.output
    real = run_reflect("actions")
    assert real.returncode == 3
    assert_no_traceback(real.stderr)
    assert "told anyone" not in real.stderr + real.stdout
    figures.add("bad inputs tried", 5)


def test_draft_errors_never_quote_the_draft(reflect_home: Path) -> None:
    assert cli("start", "wellbeing-check-in", "--plain", input=f"6\n{SECRET}\n\n").exit_code == 0
    draft = reflect_home / "drafts" / "wellbeing-check-in.toml"
    text = draft.read_text(encoding="utf-8")
    for broken in (
        text.replace("value = 6", f'value = "{SECRET}"'),  # a scale answer that is text
        text.replace(f'value = "{SECRET}"', f'value = ["{SECRET}"]'),
        text.replace('kind = "text"', f'kind = "{SECRET}"'),
        text + f"\n{SECRET}",
        text.replace("started =", "started = 3 #"),
    ):
        draft.write_text(broken, encoding="utf-8")
        result = cli("start", "wellbeing-check-in", "--plain", input="")
        assert result.exit_code == 3, result.output
        assert str(draft) in result.stderr
        assert "told anyone" not in result.output


# --------------------------------------------------------------------------- helper processes


def test_editor_gets_a_private_path_not_the_words(
    reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`reflect write` with no text opens $EDITOR: its command line is the editor and a
    file path in reflect's private drafts folder. The words travel in the file."""
    assert cli("write", f"An older entry: {SECRET}").exit_code == 0
    log = tmp_path / "argv.log"
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import json, os, sys, stat\n"
        f"open({str(log)!r}, 'w').write(json.dumps(sys.argv) + '\\n' + oct(stat.S_IMODE("
        "os.stat(os.path.dirname(sys.argv[1])).st_mode)) + ' ' + oct(stat.S_IMODE("
        "os.stat(sys.argv[1]).st_mode)))\n"
        "open(sys.argv[1], 'w').write('Typed in my editor: ' + 'a second secret')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.setattr("reflect.cli.common.stdin_is_terminal", lambda: True)
    calls = _record_processes(monkeypatch)

    result = cli("write")
    assert result.exit_code == 0, result.output
    argv_text, modes = log.read_text(encoding="utf-8").split("\n")
    argv = json.loads(argv_text)
    assert argv[0] == str(editor) and len(argv) == 2
    assert Path(argv[1]).parent == reflect_home / "drafts"
    assert modes == "0o700 0o600"
    assert not Path(argv[1]).exists()  # the temp file is gone once saved
    assert all_entries(reflect_home)[-1].body == "Typed in my editor: a second secret"
    [call] = calls
    assert "secret" not in " ".join(call) and "told anyone" not in " ".join(call)


def _record_processes(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    calls: list[list[str]] = []
    real_init = subprocess.Popen.__init__

    def recording(self: Any, args: Any, *rest: Any, **kwargs: Any) -> None:
        calls.append([str(a) for a in args] if isinstance(args, list | tuple) else [str(args)])
        real_init(self, args, *rest, **kwargs)

    monkeypatch.setattr(subprocess.Popen, "__init__", recording)
    return calls


def test_no_helper_process_sees_the_words(
    reflect_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every other command starts no other program (a long export may fork copies of
    itself, which run no other program and get no new command line)."""
    calls = _record_processes(monkeypatch)
    walk = walk_input("p").replace("energy p", SECRET)
    runs: list[tuple[list[str], str | None]] = [
        (["write", SECRET], None),
        (["write"], SECRET),
        (["start", "wellbeing-check-in", "--plain"], walk),
        (["actions", "add", SECRET], None),
        (["actions"], None),
        (["actions", "--json"], None),
        (["remind"], None),
        (["workbooks"], None),
        *[(args, None) for args in READING_COMMANDS],
    ]
    for args, stdin in runs:
        result = cli(*args, input=stdin)
        assert result.exit_code == 0, (args, result.output)
    assert calls == []


# --------------------------------------------------------------------------- network

SITECUSTOMIZE = '''
"""Loaded first by every Python process started with this folder on PYTHONPATH:
any attempt to reach the network is logged, then refused."""
import os
import socket

_LOG = os.environ["NO_NETWORK_LOG"]


def _refuse(what):
    with open(_LOG, "a", encoding="utf-8") as handle:
        handle.write(what + "\\n")
    raise OSError(101, "network blocked by the reflect test: " + what)


_real_init = socket.socket.__init__


def _init(self, family=-1, type=-1, proto=-1, fileno=None):
    if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
        _refuse("socket.socket(%r)" % (family,))
    _real_init(self, family, type, proto, fileno)


socket.socket.__init__ = _init
socket.socket.connect = lambda self, *a: _refuse("connect")
socket.socket.connect_ex = lambda self, *a: _refuse("connect_ex")
socket.socket.sendto = lambda self, *a: _refuse("sendto")
socket.create_connection = lambda *a, **k: _refuse("create_connection")
socket.getaddrinfo = lambda *a, **k: _refuse("getaddrinfo")
socket.gethostbyname = lambda *a, **k: _refuse("gethostbyname")
'''


def test_reflect_never_touches_the_network(
    reflect_home: Path, tmp_path: Path, figures: Figures
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "network.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])),
        "NO_NETWORK_LOG": str(log),
    }
    # The block is really in place: a plain connection attempt is refused and logged.
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert probe.returncode != 0 and "network blocked" in probe.stderr
    log.unlink()

    assert cli("actions", "add", "Water plants").exit_code == 0
    action_id = _an_action_id(reflect_home)
    commands = [
        *MAIN_COMMANDS,
        (["--help"], ""),
        (["--version"], ""),
        (["actions", "done", action_id], ""),
        (["start", "wellbeing-check-in", "--plain"], "y\n" + walk_input("net")),
        *[([name, "--help"], "") for name in _other_commands()],
        *[(args, "") for args in READING_COMMANDS],
    ]
    assert run_commands(commands, env) == [0] * len(commands)
    fast = run_reflect("remind", env=env)  # the fast path, outside Typer
    assert fast.returncode == 0, fast.stderr
    assert not log.exists(), log.read_text(encoding="utf-8")
    assert "net" in "".join(str(e.sections) for e in all_entries(reflect_home))  # it all ran
    figures.add("commands run with the network blocked", len(commands) + 1)


def _an_action_id(home: Path) -> str:
    return next(
        a.id for e in all_entries(home) for a, _, _ in e.all_actions() if a.status == "open"
    )


def _other_commands() -> list[str]:
    from reflect.cli.main import app

    names = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    return sorted(n for n in names if n)


def test_notification_helper_gets_no_action_text(
    reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desktop notification helper is the one other process reflect may start."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "notify.log"
    fake = bin_dir / "notify-send"
    fake.write_text(
        f"#!{sys.executable}\nimport json, sys\n"
        f"open({str(log)!r}, 'a').write(json.dumps(sys.argv) + '\\n')\n",
        encoding="utf-8",
    )
    fake.chmod(0o700)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    assert cli("actions", "add", SECRET, "--due", "today").exit_code == 0
    result = cli("remind", "--notify")
    assert result.exit_code == 0, result.output
    argv = log.read_text(encoding="utf-8")
    assert "told anyone" not in argv
