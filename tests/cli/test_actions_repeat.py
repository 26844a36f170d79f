"""Repeating actions from the command line: `actions add --every`, done, skip, stop,
in a plain and an encrypted journal, and through the real `reflect` script."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import actions_json, journal_text, reflect
from tests.encryption_helpers import copy_home, files_under, passphrase_file

# tests/conftest.py freezes today at Sunday 29 Nov 2026.


def _add(text: str, *args: str) -> str:
    result = reflect("actions", "add", text, *args)
    assert result.exit_code == 0, result.output
    return result.stdout.split()[1].rstrip(":")


@pytest.mark.parametrize(
    ("due", "every", "first", "written", "said"),
    [
        ("tomorrow", "day", "2026-11-30", "every day", "every day"),
        ("tomorrow", "weekday", "2026-11-30", "every weekday", "every weekday"),
        ("tomorrow", "mon", "2026-11-30", "every monday", "every Monday"),
        ("tomorrow", "every monday", "2026-11-30", "every monday", "every Monday"),
        ("tue", "tue", "2026-12-01", "every tuesday", "every Tuesday"),
        ("tomorrow", "2 weeks", "2026-11-30", "every 2 weeks", "every 2 weeks"),
        ("tomorrow", "3 days", "2026-11-30", "every 3 days", "every 3 days"),
        ("today", "week", "2026-11-29", "every week", "every week"),
        ("2026-12-31", "month", "2026-12-31", "every month on the 31st", "every month on the 31st"),
        (None, "wed", "2026-12-02", "every wednesday", "every Wednesday"),
        (None, "weekday", "2026-11-30", "every weekday", "every weekday"),
    ],
)
def test_add_every_writes_the_repeat_in_the_action_line(
    reflect_home: Path, due: str | None, every: str, first: str, written: str, said: str
) -> None:
    args = (["--due", due] if due else []) + ["--every", every]
    result = reflect("actions", "add", "Short walk", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith(f", {said}.")
    [action] = actions_json()
    assert (action["due"], action["repeat"]) == (first, written)
    assert f"(#{action['id']} · due {first} · {written})"[2:] in journal_text(reflect_home)
    assert journal_text(reflect_home).startswith("# reflect journal · format 4\n")
    assert f", {said}" in reflect("actions").stdout


@pytest.mark.parametrize("every", ["sometimes", "0 days", "2 weekdays", "", "every", "3 years"])
def test_a_repeat_that_cannot_be_read_is_refused_and_nothing_written(
    reflect_home: Path, every: str
) -> None:
    result = reflect("actions", "add", "Short walk", "--due", "tomorrow", "--every", every)
    assert result.exit_code == 2
    assert "repeat" in result.output and "Traceback" not in result.output
    assert not (reflect_home / "journal").exists() or journal_text(reflect_home) == ""


def test_done_keeps_the_occurrence_and_opens_the_next(reflect_home: Path) -> None:
    plan = _add("Short walk", "--due", "tomorrow", "--every", "mon")
    result = reflect("actions", "done", plan, "--note", "Windy but good")
    assert result.exit_code == 0, result.output
    assert "It comes round again Mon 7 Dec (in 8 days), every Monday." in result.stdout
    [open_one] = actions_json()
    assert (open_one["id"], open_one["due"], open_one["note"]) == (plan, "2026-12-07", None)
    history = [a for a in actions_json("--all") if a["status"] == "done"]
    assert [(h["due"], h["changed_on"], h["note"], h["repeat"]) for h in history] == [
        ("2026-11-30", "2026-11-29", "Windy but good", None)
    ]
    assert history[0]["id"] != plan
    text = journal_text(reflect_home)
    assert f"- [x] Short walk  ({history[0]['id']} · due 2026-11-30 · done 2026-11-29)\n" in text
    assert "    Windy but good\n" in text
    assert f"- [ ] Short walk  ({plan} · due 2026-12-07 · every monday)\n" in text


def test_done_late_goes_to_the_next_future_occurrence(
    reflect_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _add("Short walk", "--due", "tomorrow", "--every", "mon")
    monkeypatch.setenv("REFLECT_NOW", "2026-12-16T09:00")  # a Wednesday, two Mondays late
    assert reflect("actions", "done", plan).exit_code == 0
    [open_one] = actions_json()
    assert open_one["due"] == "2026-12-21"
    assert reflect("actions", "done", plan).exit_code == 0  # early: past its own date
    assert actions_json()[0]["due"] == "2026-12-28"
    assert len([a for a in actions_json("--all") if a["status"] == "done"]) == 2


def test_skip_moves_on_without_keeping_anything(reflect_home: Path) -> None:
    plan = _add("Stretch", "--due", "tomorrow", "--every", "weekday")
    before = journal_text(reflect_home)
    result = reflect("actions", "skip", plan)
    assert result.exit_code == 0, result.output
    assert "Skipped. Next: Tue 1 Dec" in result.stdout
    assert [a["due"] for a in actions_json("--all")] == ["2026-12-01"]
    assert journal_text(reflect_home) == before.replace("due 2026-11-30", "due 2026-12-01")


def test_stop_ends_the_repeat_and_keeps_the_action_open(reflect_home: Path) -> None:
    plan = _add("Stretch", "--due", "tomorrow", "--every", "day")
    result = reflect("actions", "stop", plan)
    assert result.exit_code == 0, result.output
    assert "no longer repeats" in result.stdout
    [action] = actions_json()
    assert (action["status"], action["due"], action["repeat"]) == ("open", "2026-11-30", None)
    assert reflect("actions", "done", plan).exit_code == 0
    assert actions_json() == []  # no next occurrence once stopped


@pytest.mark.parametrize("verb", ["skip", "stop"])
def test_skip_and_stop_refuse_an_action_that_does_not_repeat(reflect_home: Path, verb: str) -> None:
    plain = _add("Ring the dentist", "--due", "tomorrow")
    before = journal_text(reflect_home)
    result = reflect("actions", verb, plain)
    assert result.exit_code == 2
    assert "doesn't repeat" in result.output and "Traceback" not in result.output
    assert journal_text(reflect_home) == before


@pytest.mark.parametrize("verb", ["skip", "stop"])
def test_skip_and_stop_refuse_a_closed_plan_and_an_unknown_id(
    reflect_home: Path, verb: str
) -> None:
    plan = _add("Short walk", "--due", "tomorrow", "--every", "day")
    assert reflect("actions", "drop", plan).exit_code == 0
    before = journal_text(reflect_home)
    refused = reflect("actions", verb, plan)
    assert refused.exit_code == 2 and "dropped" in refused.output
    unknown = reflect("actions", verb, "zzzz")
    assert unknown.exit_code == 1 and "Traceback" not in unknown.output
    assert journal_text(reflect_home) == before


def test_a_file_of_format_1_says_format_4_once_a_repeat_is_written(reflect_home: Path) -> None:
    plain = _add("Ring the dentist", "--due", "tomorrow")
    month = reflect_home / "journal" / "2026-11.txt"
    before = month.read_text(encoding="utf-8")
    assert before.startswith("# reflect journal · format 1\n")
    _add("Short walk", "--due", "tomorrow", "--every", "day")
    after = month.read_text(encoding="utf-8")
    assert after.startswith("# reflect journal · format 4\n")
    assert after[len("# reflect journal · format 4") :].startswith(
        before[len("# reflect journal · format 1") :]
    )
    assert reflect("actions", "done", plain).exit_code == 0


def test_repeats_in_an_encrypted_journal(
    encrypted_template: Path, reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_home(encrypted_template, reflect_home)
    monkeypatch.setenv("REFLECT_PASSPHRASE_FILE", str(passphrase_file(tmp_path)))
    plan = _add("Short walk", "--due", "tomorrow", "--every", "mon")
    assert reflect("actions", "done", plan).exit_code == 0
    assert reflect("actions", "skip", plan).exit_code == 0
    mine = [a for a in actions_json() if a["id"] == plan]
    assert [(a["due"], a["repeat"]) for a in mine] == [("2026-12-14", "every monday")]
    assert reflect("actions", "stop", plan).exit_code == 0
    assert [a["repeat"] for a in actions_json() if a["id"] == plan] == [None]
    on_disk = b"".join(files_under(reflect_home).values())
    assert b"Short walk" not in on_disk and b"every monday" not in on_disk
    assert not list((reflect_home / "journal").glob("*.txt"))


def test_through_the_real_script(tmp_path: Path) -> None:
    script = shutil.which("reflect", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the reflect script is not installed in this environment")
    env = {**os.environ, "REFLECT_HOME": str(tmp_path / "home"), "REFLECT_NOW": "2026-11-29T10:00"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [script, *args], capture_output=True, text=True, env=env, cwd=tmp_path
        )

    added = run("actions", "add", "Short walk", "--due", "today", "--every", "2 weeks")
    assert added.returncode == 0, added.stderr
    plan = added.stdout.split()[1].rstrip(":")
    assert run("remind").stdout.startswith("1 action due today")
    done = run("actions", "done", plan)
    assert (
        done.returncode == 0
        and "It comes round again Sun 13 Dec (in 2 weeks), every 2 weeks." in done.stdout
    )
    bad = run("actions", "add", "Walk", "--every", "now and then")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "every 2 weeks" in run("actions").stdout


def test_the_occurrence_kept_has_an_id_from_its_plan_and_date(
    reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two devices marking the same occurrence done give its record the same id (so a
    sync merges the two into one); another occurrence, or another plan, gets another."""
    walk = _add("Short walk", "--due", "tomorrow", "--every", "mon")
    _add("Call Sam", "--due", "tomorrow", "--every", "day")
    other_device = tmp_path / "other-device"
    shutil.copytree(reflect_home, other_device)

    def done_ids() -> dict[tuple[str, str], str]:
        return {
            (a["text"], a["due"]): a["id"] for a in actions_json("--all") if a["status"] == "done"
        }

    assert reflect("actions", "done", walk, "--note", "Windy").exit_code == 0
    here = done_ids()
    monkeypatch.setenv("REFLECT_HOME", str(other_device))
    monkeypatch.setenv("REFLECT_NOW", "2026-11-30T18:00")  # a day later, another note
    assert reflect("actions", "done", walk, "--note", "Sunny").exit_code == 0
    assert done_ids() == here
    (record,) = here.values()
    assert record != walk and len(record) == len(walk) + 1  # never meets a new id

    assert reflect("actions", "done", walk).exit_code == 0  # the next Monday's
    plans = {a["text"]: a["id"] for a in actions_json() if a["status"] == "open"}
    assert reflect("actions", "done", plans["Call Sam"]).exit_code == 0
    assert len(set(done_ids().values())) == 3
