"""One walk of a workbook at a time: each saves the whole draft as its person types,
so a second walk of the same workbook (another window) would save over the first's
answers. The second is refused, kindly, and nothing changes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reflect.drafts import ALREADY_WALKING, DraftStore
from reflect.errors import DraftError
from tests.cli.helpers import reflect
from tests.guarantees.helpers import saved_state


def test_a_claimed_workbook_cannot_be_claimed_again_until_let_go(tmp_path: Path) -> None:
    drafts = DraftStore(tmp_path / "drafts")
    first = drafts.claim("wellbeing-check-in")
    with pytest.raises(DraftError) as refused:
        drafts.claim("wellbeing-check-in")
    assert str(refused.value) == ALREADY_WALKING
    drafts.claim("weekly-review").release()  # another workbook is another draft
    first.release()
    first.release()  # twice is harmless
    with drafts.claim("wellbeing-check-in"):
        pass
    assert oct((tmp_path / "drafts" / "wellbeing-check-in.walking").stat().st_mode)[-3:] == "600"


def test_a_walk_that_was_killed_lets_go(tmp_path: Path) -> None:
    """The kernel lets go of a dead process's lock: no stale claim to clear by hand."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from reflect.drafts import DraftStore\n"
        "claim = DraftStore(Path(sys.argv[1])).claim('wellbeing-check-in')\n"
        "print('held', flush=True)\n"
        "time.sleep(60)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path / "drafts")], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(DraftError):
            DraftStore(tmp_path / "drafts").claim("wellbeing-check-in")
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    DraftStore(tmp_path / "drafts").claim("wellbeing-check-in").release()


def test_plain_mode_refuses_a_second_walk_and_changes_nothing(reflect_home: Path) -> None:
    drafts = DraftStore(reflect_home / "drafts")
    with drafts.claim("wellbeing-check-in"):  # the walk in the other window
        before = saved_state(reflect_home)
        second = reflect("start", "wellbeing-check-in", "--plain", input="7\n")
        assert second.exit_code == 3
        assert "open in another reflect window" in second.stderr
        assert saved_state(reflect_home) == before
    walked = reflect("start", "wellbeing-check-in", "--plain", input=":pause\n")
    assert walked.exit_code == 0, walked.output
