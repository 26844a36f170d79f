"""A failed git command is told in git's own words for the cause, not its advice."""

from __future__ import annotations

import subprocess

import pytest

from reflect import messages
from reflect.sync.git import git_failure

NOT_A_REPO = """fatal: '/media/usb/journal.git' does not appear to be a git repository
fatal: Could not read from remote repository.

Please make sure you have the correct access rights
and the repository exists.
"""
REJECTED = """To /srv/journal.git
 ! [rejected]        main -> main (fetch first)
error: failed to push some refs to '/srv/journal.git'
hint: Updates were rejected because the remote contains work that you do not
hint: have locally.
"""
NO_PREFIX = """Connection timed out
ssh: connect to host example.org port 22
something else happened
and then this
"""


PUSH = ["git", "-C", "/home/sam/journal", "push", "--quiet", "--set-upstream", "origin", "main"]


def _failed(
    stderr: str, stdout: str = "", args: list[str] = PUSH
) -> subprocess.CompletedProcess[str]:
    return subprocess.CompletedProcess(args, 128, stdout=stdout, stderr=stderr)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (
            NOT_A_REPO,
            "git push failed: '/media/usb/journal.git' does not appear to be a git"
            " repository. Could not read from remote repository.",
        ),
        (REJECTED, "git push failed: failed to push some refs to '/srv/journal.git'."),
        (
            NO_PREFIX,
            "git push failed: ssh: connect to host example.org port 22."
            " something else happened. and then this.",
        ),
        ("", "git push failed: (no message)"),
        ("  \n\n ", "git push failed: (no message)"),
    ],
)
def test_the_cause_is_kept_and_the_advice_left_out(said: str, expected: str) -> None:
    assert git_failure(_failed(said)) == expected


def test_git_without_a_name_is_told_how_to_give_one() -> None:
    said = "Author identity unknown\n\n*** Please tell me who you are.\n"
    assert git_failure(_failed(said)) == messages.GIT_NO_IDENTITY


def test_what_git_printed_on_stdout_is_used_when_stderr_is_empty() -> None:
    done = _failed("", stdout="error: pathspec 'x' did not match any file(s) known to git\n")
    assert git_failure(done) == (
        "git push failed: pathspec 'x' did not match any file(s) known to git."
    )


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (PUSH, "git push failed"),
        (["git", "-C", "/j", "commit", "--quiet", "-m", "Done: Phone Sam"], "git commit failed"),
        (["git", "-C", "/j", "fetch", "--quiet", "origin"], "git fetch failed"),
        (["git", "init", "-q", "--shared=0600", "-b", "main", "/j"], "git init failed"),
    ],
)
def test_the_command_is_named_without_the_options_reflect_added(
    args: list[str], named: str
) -> None:
    assert git_failure(_failed("fatal: it went wrong\n", args=args)) == f"{named}: it went wrong."
