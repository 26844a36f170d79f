"""One `reflect sync`: merge conflict copies, commit, pull through the merge driver, push.

Each step leaves the journal readable if the process is killed right after it
(or during it: git finishes what it started, the copies' merge is idempotent,
and every month file is written atomically). The next `reflect sync` finishes
the job: it concludes or undoes a merge git was left in, commits what is not
committed and pushes what is not pushed.
"""

from __future__ import annotations

from reflect.errors import SyncError
from reflect.fileio import locked
from reflect.journal.months import find_conflict_copies
from reflect.paths import Paths
from reflect.sync.git import DRIVER_NAME, NETWORK_TIMEOUT, Repo, driver_command, find_repo

TYPE_CHECKING = False  # not typing's (~10 ms to import): see reflect.journal.index
if TYPE_CHECKING:
    # The merge and the parser behind it are imported only when there are copies.
    from reflect.journal.copies import CopyReport

LOCK_NAME = "sync.lock"


class SyncReport:
    """What one sync did. (Plain classes here, not dataclasses: see reflect.sync.git.Repo.)"""

    def __init__(self) -> None:
        self.copies: CopyReport | None = None  # None: there were no conflict copies
        self.in_git = False
        self.committed: str | None = None  # the commit message's subject
        self.remote: str | None = None
        self.pulled = False
        self.conflicts: list[str] = []  # the merge driver's "N conflicts to settle" lines
        self.pushed = False


def sync(paths: Paths, *, network_timeout: float = NETWORK_TIMEOUT, ask: bool = True) -> SyncReport:
    """Everything `reflect sync` does, under one lock so two syncs never interleave.

    With nothing to do it costs three git calls without a remote (find the repository,
    one `status` for both "anything to commit?" and "which branch, which upstream?",
    and a look at the remotes) and two more with one (fetch, and one count of commits
    ahead and behind): bench/sync.py measures it against a bare `git status`.

    In an encrypted journal the key is unlocked (asking at the terminal when `ask`
    and it must) only when there is something to merge: the merge driver, which git
    runs with no terminal, then finds it in the session cache (reflect.sync.driver).
    """
    with locked(paths.state_dir, LOCK_NAME):
        report = SyncReport()
        if find_conflict_copies(paths.journal_dir):
            from reflect.journal.copies import merge_conflict_copies

            _unlock(paths, ask)
            report.copies = merge_conflict_copies(paths.journal_dir)
        repo = find_repo(paths)
        if repo is None:
            return report
        report.in_git = True
        with locked(paths.journal_dir):
            _finish_interrupted_merge(repo)
        state = _status(repo)
        if state.dirty:
            report.committed = commit_changes(repo)
        remote, branch = _remote_and_branch(repo, state)
        if remote is None:
            return report
        report.remote = remote
        repo.git("fetch", "--quiet", remote, timeout=network_timeout)
        theirs = f"refs/remotes/{remote}/{branch}"
        ahead, behind = _ahead_behind(repo, theirs)
        if behind:
            _unlock(paths, ask)
            # Under the journal's lock: git rewrites month files in place as it merges,
            # and a save at that moment would write over the merge (or the merge over it).
            with locked(paths.journal_dir):
                report.conflicts = _merge(repo, theirs)
            report.pulled = True
            ahead, behind = _ahead_behind(repo, theirs)
        if ahead:
            repo.git(
                "push",
                "--quiet",
                "--set-upstream",
                remote,
                f"HEAD:refs/heads/{branch}",
                timeout=network_timeout,
            )
            report.pushed = True
        return report


def _unlock(paths: Paths, ask: bool) -> None:
    from reflect import crypt

    if crypt.is_encrypted(paths.journal_dir):
        crypt.unlock(ask=ask)


class _State:
    __slots__ = ("branch", "dirty", "upstream")

    def __init__(self, dirty: bool, branch: str | None, upstream: str | None) -> None:
        self.dirty = dirty  # something in the journal or workbooks to commit
        self.branch = branch  # None: a detached HEAD
        self.upstream = upstream  # 'origin/main' when the branch tracks one


def _status(repo: Repo) -> _State:
    out = repo.git(
        "status", "--porcelain=v2", "--branch", "--untracked-files=all", "--", *repo.pathspecs()
    ).stdout
    branch = upstream = None
    dirty = False
    for line in out.splitlines():
        if line.startswith("# branch.head "):
            branch = line.removeprefix("# branch.head ")
        elif line.startswith("# branch.upstream "):
            upstream = line.removeprefix("# branch.upstream ")
        elif not line.startswith("#"):
            dirty = True
    return _State(dirty, None if branch == "(detached)" else branch, upstream)


def _ahead_behind(repo: Repo, theirs: str) -> tuple[int, int]:
    """Commits here and not there, and there and not here (no branch there: all ours)."""
    done = repo.git("rev-list", "--left-right", "--count", f"HEAD...{theirs}", check=False)
    if done.returncode == 0:
        ahead, behind = (int(n) for n in done.stdout.split())
        return ahead, behind
    has_ours = _resolves(repo, "HEAD")
    has_theirs = _resolves(repo, theirs)
    return int(has_ours), int(has_theirs)  # one side has no commits yet: push or merge


def commit_changes(repo: Repo, *, first: str | None = None) -> str | None:
    """Commit what changed in the journal and workbooks; the subject, or None if nothing."""
    repo.git("add", "-A", "--", *repo.pathspecs())
    listing = repo.git("diff", "--cached", "--name-status", "--no-renames", "-z").stdout
    parts = listing.split("\0")
    changed = [(parts[i], parts[i + 1]) for i in range(0, len(parts) - 1, 2)]
    if not changed:
        return None
    if first is not None:
        message = first
    else:
        from reflect.sync.message import describe  # the journal parser: only when committing

        has_head = _resolves(repo, "HEAD")
        message = describe(
            [
                (
                    name,
                    _show(repo, f"HEAD:{name}") if has_head and status != "A" else None,
                    None if status == "D" else _show(repo, f":{name}"),
                )
                for status, name in changed
            ]
        )
    repo.git("commit", "--quiet", "-m", message)
    return message.split("\n")[0]


def _show(repo: Repo, spec: str) -> str | None:
    done = repo.git("show", spec, check=False)
    return done.stdout if done.returncode == 0 else None


def _remote_and_branch(repo: Repo, state: _State) -> tuple[str | None, str]:
    if state.branch is None:
        raise SyncError(
            "The journal's git repository is not on a branch (a detached HEAD), so reflect "
            "will not pull or push. `git switch main` in it, then run `reflect sync` again.",
            path=repo.root,
        )
    if state.upstream:
        remote, _, branch = state.upstream.partition("/")
        return remote, branch or state.branch
    remotes = repo.git("remote").stdout.split()
    if not remotes:
        return None, state.branch
    return ("origin" if "origin" in remotes else remotes[0]), state.branch


def _resolves(repo: Repo, ref: str) -> bool:
    return repo.git("rev-parse", "--verify", "--quiet", ref, check=False).returncode == 0


def _merge(repo: Repo, theirs: str) -> list[str]:
    """Merge the other devices' history; month files go through reflect's merge driver.
    Returns what the driver said of conflicts it marked (one line per month).

    If git still cannot merge (a file that is not a month file changed on both sides,
    or a month file that does not parse), the merge is undone, so the folder is left
    exactly as it was, and the message names the files.
    """
    if repo.git("config", f"merge.{DRIVER_NAME}.driver", check=False).stdout.strip() != (
        driver_command()
    ):
        repo.git("config", f"merge.{DRIVER_NAME}.driver", driver_command())
    done = repo.git(
        "merge",
        "--no-edit",
        "--allow-unrelated-histories",
        "-m",
        "Merge the journal from another device",
        theirs,
        check=False,
    )
    said = [line for line in done.stderr.splitlines() if line.startswith("reflect:")]
    if done.returncode == 0:
        return said
    stuck = repo.git("diff", "--name-only", "--diff-filter=U").stdout.split()
    repo.git("merge", "--abort", check=False)
    files = ", ".join(stuck) or "(git did not say which)"
    raise SyncError(
        f"git could not merge what another device saved; nothing here was changed. "
        f"Files: {files}." + ("\n" + "\n".join(said) if said else ""),
        path=repo.root,
        hint="Fix what the lines above name, then run `reflect sync` again (docs/sync.md).",
    )


def _finish_interrupted_merge(repo: Repo) -> None:
    """A merge git was left in (a sync killed mid-way, or by hand): conclude it when
    nothing is left unmerged, otherwise undo it so this sync can merge afresh."""
    if not (repo.git_dir / "MERGE_HEAD").exists():
        return
    if repo.git("diff", "--name-only", "--diff-filter=U").stdout.strip():
        repo.git("merge", "--abort", check=False)
    else:
        repo.git("commit", "--quiet", "--no-edit")
