"""`reflect sync init`: the journal's git repository, made or found, and set up for
reflect's merge driver. Apart from reflect.sync.git (running git) so that the first
commit can use the commit of every sync (reflect.sync.run) without a cycle.
"""

from __future__ import annotations

from reflect.errors import SyncError
from reflect.fileio import atomic_write, ensure_private_dir
from reflect.paths import Paths
from reflect.sync.git import DRIVER_NAME, Repo, driver_command, find_repo, run_git
from reflect.sync.run import commit_changes

DEFAULT_REMOTE = "origin"


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
        # Shared with no one: git keeps what it writes here private even when
        # the person runs git by hand with a looser umask.
        run_git(["init", "-q", "--shared=0600", "-b", "main", str(root)])
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
    commit_changes(repo, first="Start syncing the journal with reflect")
    remotes = repo.git("remote").stdout.split()
    remote = None
    if remotes:
        remote = repo.git("remote", "get-url", remotes[0]).stdout.strip()
    return InitReport(repo, created, remote)


def _attributes_lines(repo: Repo) -> list[str]:
    """Month files merge by entry: plain ones kept LF; encrypted ones (`.txt.age`) are
    binary to git (no line endings touched, no text diff), merged by the same driver."""
    month = f"{repo.journal}/" if repo.journal else ""
    month += "[0-9][0-9][0-9][0-9]-[0-9][0-9].txt"
    return [
        f"{month} merge={DRIVER_NAME} text eol=lf",
        f"{month}.age merge={DRIVER_NAME} -text -diff",
    ]


def _write_gitattributes(repo: Repo) -> None:
    path = repo.root / ".gitattributes"
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    missing = [line for line in _attributes_lines(repo) if line not in existing.splitlines()]
    if not missing:
        return
    header = "# reflect: month files merge by entry (`reflect sync merge-driver`)\n"
    text = existing + ("\n" if existing and not existing.endswith("\n") else "")
    atomic_write(path, (text + header + "\n".join(missing) + "\n").encode("utf-8"))


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
