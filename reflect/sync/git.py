"""The user's git, run for them: finding or making the journal's repository.

Every call is a plain subprocess (a list of arguments, never a shell), with
`GIT_TERMINAL_PROMPT=0` so git fails rather than waits for a password nobody
will type, stdin closed, and a timeout: a remote that does not answer costs a
sync, never a hang. Credentials are git's business (its credential helper, ssh's
agent); reflect never sees or keeps them.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from reflect import messages
from reflect.errors import SyncError
from reflect.paths import Paths

LOCAL_TIMEOUT = 30.0  # seconds: commit, status, merge on this machine
NETWORK_TIMEOUT = 60.0  # fetch and push, which wait on a remote
DRIVER_NAME = "reflect"
# What git makes for reflect (the month files a merge brings in, objects that hold the
# journal's words, the repository's own folders) is private, whatever the umask.
PRIVATE_UMASK = 0o077
_CAUSE = re.compile(r"^(?:fatal|error): *")  # how git starts a line naming what went wrong


class Repo:
    """A git work tree holding the journal, and where reflect's folders sit inside it.

    A plain class, not a dataclass: importing dataclasses (and the inspect and ast
    modules behind it) is a good part of a `reflect sync` with nothing to do.
    """

    __slots__ = ("git_dir", "journal", "root", "workbooks")

    def __init__(self, root: Path, git_dir: Path, journal: str, workbooks: str | None) -> None:
        self.root = root
        self.git_dir = git_dir
        self.journal = journal  # relative to the root ("journal", or "" if it is the root)
        self.workbooks = workbooks  # the user's workbooks, when inside the same work tree

    def git(
        self, *args: str, timeout: float = LOCAL_TIMEOUT, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        return run_git(["-C", str(self.root), *args], timeout=timeout, check=check)

    def pathspecs(self) -> list[str]:
        """What reflect commits: the journal and the user's workbooks. The lock and temp
        files are kept out by the journal's .gitignore (`init`); so are the conflict
        copies that say "conflict", and any copy still waiting (one that did not merge,
        `2026-12 2.txt`) is left out here by name: it is not journal data yet."""
        from reflect.journal.months import find_conflict_copies

        journal = self.root / self.journal
        specs = [f"{self.journal}/" if self.journal else "."]
        if self.workbooks is not None and (self.root / self.workbooks).is_dir():
            specs.append(f"{self.workbooks}/")
        specs += [n for n in (".gitattributes", ".gitignore") if (self.root / n).exists()]
        waiting = [copy.relative_to(self.root).as_posix() for copy in find_conflict_copies(journal)]
        if waiting:  # rare: only a copy that did not merge stays; git refuses to name an
            # ignored file even to leave it out, so only those not ignored are named
            ignored = run_git(
                ["-C", str(self.root), "check-ignore", "-z", "--stdin"],
                check=False,
                input="\0".join(waiting) + "\0",
            ).stdout
            kept_out = set(ignored.split("\0"))
            specs += [f":(exclude,literal){name}" for name in waiting if name not in kept_out]
        return specs


def git_env() -> dict[str, str]:
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"  # fail, never wait for a password
    env.setdefault("GIT_MERGE_AUTOEDIT", "no")
    env["LC_ALL"] = "C"  # git's own messages are matched below; the user sees ours
    return env


def run_git(
    args: list[str],
    *,
    timeout: float = LOCAL_TIMEOUT,
    check: bool = True,
    input: str | None = None,
) -> subprocess.CompletedProcess[str]:
    try:
        done = subprocess.run(
            ["git", *args],
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,  # never the terminal
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=git_env(),
            umask=PRIVATE_UMASK,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise SyncError(messages.GIT_MISSING) from None
    except subprocess.TimeoutExpired:
        raise SyncError(
            f"git {args[2] if args[:1] == ['-C'] else args[0]} did not finish within "
            f"{timeout:.0f} seconds (is the remote reachable?). Nothing was lost; "
            "`reflect sync` tries again."
        ) from None
    if check and done.returncode != 0:
        raise SyncError(git_failure(done))
    return done


def git_failure(done: subprocess.CompletedProcess[str]) -> str:
    said = (done.stderr or done.stdout).strip()
    if "Please tell me who you are" in said or "empty ident" in said:
        return messages.GIT_NO_IDENTITY
    return f"git {_command_named(done.args)} failed: " + " ".join(_what_git_said(said))


def _command_named(args: list[str]) -> str:
    """'push' for `git -C … push --quiet --set-upstream origin …`: the command alone,
    without the options reflect adds (no one typed them); what git says names the
    remote or the file."""
    words = args[3:] if args[1:2] == ["-C"] else args[1:]
    return words[0] if words else "(no command)"


def _what_git_said(said: str) -> list[str]:
    """The lines that say what went wrong: git's `fatal:` and `error:` lines when it
    gives any (its advice after them, "Please make sure you have the correct access
    rights", names no cause), else its last lines; three at most, prefixes dropped,
    each ending as a sentence so that they read as one line."""
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    causes = [_CAUSE.sub("", line) for line in lines if _CAUSE.match(line)]
    chosen = causes[:3] if causes else lines[-3:]
    if not chosen:
        return ["(no message)"]
    return [line if line.endswith((".", "!", "?", ":")) else f"{line}." for line in chosen]


def find_repo(paths: Paths) -> Repo | None:
    """The git work tree the journal is in, or None (no git, or not in a repository)."""
    folder = paths.journal_dir if paths.journal_dir.is_dir() else paths.journal_dir.parent
    if not folder.is_dir():
        return None
    try:
        done = run_git(
            ["-C", str(folder), "rev-parse", "--show-toplevel", "--absolute-git-dir"],
            check=False,
        )
    except SyncError:
        return None
    found = done.stdout.splitlines()
    if done.returncode != 0 or len(found) != 2:
        return None
    return _repo_at(Path(found[0]), Path(found[1]), paths)


def _repo_at(root: Path, git_dir: Path, paths: Paths) -> Repo:
    root = root.resolve()

    def inside(folder: Path) -> str | None:
        try:
            relative = folder.resolve().relative_to(root)
        except ValueError:
            return None
        return relative.as_posix() if relative.parts else ""

    journal = inside(paths.journal_dir)
    if journal is None:  # pragma: no cover - find_repo starts from inside the journal
        raise SyncError("The journal folder is not inside this git repository.", path=root)
    workbooks = inside(paths.workbooks_dir)
    return Repo(root=root, git_dir=git_dir, journal=journal, workbooks=workbooks or None)


def driver_command() -> str:
    """The merge driver git runs (through its shell, so quoted): this very reflect."""
    python = shlex.quote(sys.executable)
    return f"{python} -m reflect sync merge-driver %O %A %B %P"
