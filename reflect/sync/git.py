"""The user's git, run for them: finding or making the journal's repository.

Every call is a plain subprocess (a list of arguments, never a shell), with
`GIT_TERMINAL_PROMPT=0` so git fails rather than waits for a password nobody
will type, stdin closed, and a timeout: a remote that does not answer costs a
sync, never a hang. Credentials are git's business (its credential helper, ssh's
agent); reflect never sees or keeps them.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from reflect import messages
from reflect.errors import SyncError
from reflect.fileio import atomic_write, ensure_private_dir
from reflect.paths import Paths

LOCAL_TIMEOUT = 30.0  # seconds: commit, status, merge on this machine
NETWORK_TIMEOUT = 60.0  # fetch and push, which wait on a remote
DRIVER_NAME = "reflect"
DEFAULT_REMOTE = "origin"


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
        """What reflect commits: the journal and the user's workbooks. The lock, temp
        files and conflict copies are kept out by the journal's .gitignore (`init`)."""
        specs = [f"{self.journal}/" if self.journal else "."]
        if self.workbooks is not None and (self.root / self.workbooks).is_dir():
            specs.append(f"{self.workbooks}/")
        return specs + [n for n in (".gitattributes", ".gitignore") if (self.root / n).exists()]


def git_env() -> dict[str, str]:
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"  # fail, never wait for a password
    env.setdefault("GIT_MERGE_AUTOEDIT", "no")
    env["LC_ALL"] = "C"  # git's own messages are matched below; the user sees ours
    return env


def run_git(
    args: list[str], *, timeout: float = LOCAL_TIMEOUT, check: bool = True
) -> subprocess.CompletedProcess[str]:
    try:
        done = subprocess.run(
            ["git", *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=git_env(),
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
    last = said.splitlines()[-3:] if said else ["(no message)"]
    command = " ".join(done.args[3:5] if done.args[1:2] == ["-C"] else done.args[1:3])
    return f"git {command} failed: " + " ".join(line.strip() for line in last)


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


class InitReport:
    __slots__ = ("created", "remote", "repo")

    def __init__(self, repo: Repo, created: bool, remote: str | None) -> None:
        self.repo, self.created, self.remote = repo, created, remote


def init(paths: Paths, remote_url: str | None) -> InitReport:
    """Make the data folder a git repository (or use the one the journal is in), with
    reflect's merge driver registered for month files; commit what is there."""
    ensure_private_dir(paths.journal_dir)
    repo = find_repo(paths)
    created = repo is None
    if repo is None:
        root = paths.journal_dir.parent
        run_git(["init", "-q", "-b", "main", str(root)])
        repo = find_repo(paths)
        if repo is None:  # pragma: no cover - git init just made it
            raise SyncError("git init did not make a repository here.", path=root)
        _write_gitignore(repo)
    _write_gitattributes(repo)
    _ignore_in_journal(repo)
    repo.git("config", f"merge.{DRIVER_NAME}.name", "reflect: merge journal month files by entry")
    repo.git("config", f"merge.{DRIVER_NAME}.driver", driver_command())
    if remote_url is not None:
        known = repo.git("remote").stdout.split()
        verb = "set-url" if DEFAULT_REMOTE in known else "add"
        repo.git("remote", verb, DEFAULT_REMOTE, remote_url)
    from reflect.sync.run import commit_changes

    commit_changes(repo, first="Start syncing the journal with reflect")
    remotes = repo.git("remote").stdout.split()
    remote = None
    if remotes:
        remote = repo.git("remote", "get-url", remotes[0]).stdout.strip()
    return InitReport(repo, created, remote)


def _attributes_line(repo: Repo) -> str:
    journal = f"{repo.journal}/" if repo.journal else ""
    return f"{journal}[0-9][0-9][0-9][0-9]-[0-9][0-9].txt merge={DRIVER_NAME} text eol=lf"


def _write_gitattributes(repo: Repo) -> None:
    path = repo.root / ".gitattributes"
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    line = _attributes_line(repo)
    if line in existing.splitlines():
        return
    header = "# reflect: month files merge by entry (`reflect sync merge-driver`), kept LF\n"
    text = existing + ("\n" if existing and not existing.endswith("\n") else "")
    atomic_write(path, (text + header + line + "\n").encode("utf-8"))


def _write_gitignore(repo: Repo) -> None:
    """Only the journal and the user's workbooks are synced: drafts, caches, reflect's
    state and config stay on each device; so do locks, temp files and conflict copies."""
    lines = ["# reflect: only the journal and your own workbooks are synced", "/*"]
    lines += ["!/.gitattributes", "!/.gitignore", f"!/{repo.journal}/"]
    if repo.workbooks:
        lines.append(f"!/{repo.workbooks}/")
    atomic_write(repo.root / ".gitignore", ("\n".join(lines) + "\n").encode("utf-8"))


# reflect's bookkeeping in the journal folder, and what sync tools leave there: never
# journal data, never committed (docs/journal-format.md, docs/sync.md).
JOURNAL_IGNORES = (".lock", ".tmp-*", ".merged/", "*conflict*", ".stfolder", ".stversions/")


def _ignore_in_journal(repo: Repo) -> None:
    """Add what is missing of JOURNAL_IGNORES to the journal folder's own .gitignore
    (the user's lines, if any, are kept as they are)."""
    path = repo.root / repo.journal / ".gitignore"
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    missing = [line for line in JOURNAL_IGNORES if line not in existing.splitlines()]
    if not missing:
        return
    text = existing + ("\n" if existing and not existing.endswith("\n") else "")
    text += "# reflect: its lock and temp files, and sync tools' conflict copies\n"
    atomic_write(path, (text + "\n".join(missing) + "\n").encode("utf-8"))
