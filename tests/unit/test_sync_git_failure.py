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


def _failed(stderr: str, stdout: str = "") -> subprocess.CompletedProcess[str]:
    args = ["git", "-C", "/home/sam/journal", "push", "origin", "main"]
    return subprocess.CompletedProcess(args, 128, stdout=stdout, stderr=stderr)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (
            NOT_A_REPO,
            "git push origin failed: '/media/usb/journal.git' does not appear to be a git"
            " repository. Could not read from remote repository.",
        ),
        (REJECTED, "git push origin failed: failed to push some refs to '/srv/journal.git'."),
        (
            NO_PREFIX,
            "git push origin failed: ssh: connect to host example.org port 22."
            " something else happened. and then this.",
        ),
        ("", "git push origin failed: (no message)"),
        ("  \n\n ", "git push origin failed: (no message)"),
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
        "git push origin failed: pathspec 'x' did not match any file(s) known to git."
    )
