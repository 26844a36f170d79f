"""One `reflect sync`: merge conflict copies, commit, pull through the merge driver, push.

Each step leaves the journal readable if the process is killed right after it
(or during it: git finishes what it started, the copies' merge is idempotent,
and every month file is written atomically). The next `reflect sync` finishes
the job: it concludes or undoes a merge git was left in, commits what is not
committed and pushes what is not pushed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reflect.errors import SyncError
from reflect.fileio import locked
from reflect.journal.copies import CopyReport, merge_conflict_copies
from reflect.paths import Paths
from reflect.sync.git import DRIVER_NAME, NETWORK_TIMEOUT, Repo, driver_command, find_repo
from reflect.sync.message import describe

LOCK_NAME = "sync.lock"


@dataclass
class SyncReport:
    copies: CopyReport = field(default_factory=CopyReport)
    in_git: bool = False
    committed: str | None = None  # the commit message's subject
    remote: str | None = None
    pulled: bool = False
    pushed: bool = False


def sync(paths: Paths, *, network_timeout: float = NETWORK_TIMEOUT) -> SyncReport:
    """Everything `reflect sync` does, under one lock so two syncs never interleave."""
    with locked(paths.state_dir, LOCK_NAME):
        report = SyncReport(copies=merge_conflict_copies(paths.journal_dir))
        repo = find_repo(paths)
        if repo is None:
            return report
        report.in_git = True
        _finish_interrupted_merge(repo)
        report.committed = commit_changes(repo)
        remote, branch = _remote_and_branch(repo)
        if remote is None or branch is None:
            return report
        report.remote = remote
        repo.git("fetch", "--quiet", remote, timeout=network_timeout)
        theirs = f"refs/remotes/{remote}/{branch}"
        has_theirs = _resolves(repo, theirs)
        has_ours = _resolves(repo, "HEAD")
        if has_theirs and not (has_ours and _is_ancestor(repo, theirs, "HEAD")):
            _merge(repo, theirs)
            report.pulled = True
        if _resolves(repo, "HEAD") and (not has_theirs or not _is_ancestor(repo, "HEAD", theirs)):
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


def _remote_and_branch(repo: Repo) -> tuple[str | None, str | None]:
    branch_done = repo.git("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    if branch_done.returncode != 0:
        raise SyncError(
            "The journal's git repository is not on a branch (a detached HEAD), so reflect "
            "will not pull or push. `git switch main` in it, then run `reflect sync` again.",
            path=repo.root,
        )
    branch = branch_done.stdout.strip()
    upstream = repo.git("config", f"branch.{branch}.remote", check=False).stdout.strip()
    if upstream:
        merge_ref = repo.git("config", f"branch.{branch}.merge", check=False).stdout.strip()
        return upstream, merge_ref.removeprefix("refs/heads/") or branch
    remotes = repo.git("remote").stdout.split()
    if not remotes:
        return None, branch
    return ("origin" if "origin" in remotes else remotes[0]), branch


def _resolves(repo: Repo, ref: str) -> bool:
    return repo.git("rev-parse", "--verify", "--quiet", ref, check=False).returncode == 0


def _is_ancestor(repo: Repo, older: str, newer: str) -> bool:
    return repo.git("merge-base", "--is-ancestor", older, newer, check=False).returncode == 0


def _merge(repo: Repo, theirs: str) -> None:
    """Merge the other devices' history; month files go through reflect's merge driver.

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
    if done.returncode == 0:
        return
    stuck = repo.git("diff", "--name-only", "--diff-filter=U").stdout.split()
    repo.git("merge", "--abort", check=False)
    said = [line for line in done.stderr.splitlines() if line.startswith("reflect:")]
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
