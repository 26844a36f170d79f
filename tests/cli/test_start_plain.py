"""A whole plain-mode walk, as a person (or a script) would type it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import actions_json, journal_text, reflect

# One line per thing the person types; comments say why.
WALK = "\n".join(
    [
        "6",  # how are you feeling overall (scale 0-10)
        "Busy but OK.",  # what's behind that number: a two-line answer…
        "  [bold]not markup[/] $(rm -rf ~)",
        "",  # …ended by an empty line
        ":back",  # at the checklist: go back one prompt
        "Busier than I hoped.",  # answer the text prompt again
        "",
        "1, 2",  # the checklist, by numbers
        ":skip",  # leave the rest of 'this week' for another day
        "2",  # the choice, by number
        "Phone Sam about the walking group",  # the action…
        "in 3 days",  # …and when
        "",  # no repeat
        "",  # no more actions
        "",
    ]
)


def test_walk_skip_back_action_then_done(reflect_home: Path) -> None:
    result = reflect("start", "wellbeing-check-in", "--plain", input=WALK)
    assert result.exit_code == 0, result.output
    assert (
        "Reflecting on your own is not always the right thing" in result.stdout
    )  # the support note comes first
    assert "Wed 2 Dec — in 3 days" in result.stdout  # the date is echoed back as a date
    assert "Saved to your journal" in result.stdout

    text = journal_text(reflect_home)
    assert "    Busier than I hoped." in text  # the second answer replaced the first
    assert "Busy but OK." not in text
    assert "#### How are you feeling, overall, this week?  [feeling-overall]" in text
    assert "scale: 6 (0 to 10)" in text
    assert "#### What gave you energy" not in text  # skipped with the rest of its section
    # ...and named as left for another day (so the next walk can offer it).
    assert (
        "\nleft for another day: What gave you energy this week, and what took it away?  [energy]\n"
        in text
    )
    assert not (reflect_home / "drafts" / "wellbeing-check-in.toml").exists()

    [action] = actions_json()
    assert action["text"] == "Phone Sam about the walking group"
    assert action["due"] == "2026-12-02"
    assert action["status"] == "open"
    assert action["workbook"] == "wellbeing-check-in"
    assert action["section"] == "one-small-step"

    listing = reflect("actions")
    assert "in 3 days" in listing.stdout
    assert "from Weekly wellbeing check-in › One small step" in listing.stdout

    done = reflect("actions", "done", action["id"], "--note", "We walk on Saturdays now.")
    assert done.exit_code == 0, done.output
    assert actions_json() == []
    [closed] = actions_json("--all")
    assert closed["status"] == "done"
    assert closed["changed_on"] == "2026-11-29"
    assert closed["note"] == "We walk on Saturdays now."


def test_markup_and_shell_text_is_saved_verbatim(reflect_home: Path) -> None:
    walk = "\n".join(["", "[bold]x[/] $(rm) \x1b[31mred", "", ":pause", ""])
    result = reflect("start", "wellbeing-check-in", "--plain", input=walk)
    assert result.exit_code == 0, result.output
    draft = (reflect_home / "drafts" / "wellbeing-check-in.toml").read_text(encoding="utf-8")
    assert "[bold]x[/] $(rm)" in draft


def test_pause_at_end_of_input_then_resume(reflect_home: Path) -> None:
    first = reflect("start", "wellbeing-check-in", "--plain", input="7\nA steady week.\n\n")
    assert first.exit_code == 0, first.output
    assert "Run `reflect start wellbeing-check-in` to carry on" in first.stdout
    assert (reflect_home / "drafts" / "wellbeing-check-in.toml").exists()
    assert journal_text(reflect_home) == ""  # nothing reaches the journal until the end

    listing = reflect("workbooks")
    assert "paused, 2 of" in listing.stdout

    rest = "\n".join(["y", "", "", "", "", "", ""])  # resume, then skip everything left
    second = reflect("start", "wellbeing-check-in", "--plain", input=rest)
    assert second.exit_code == 0, second.output
    assert "paused walk" in second.stdout and "(2 answers so far)" in second.stdout
    text = journal_text(reflect_home)
    assert "scale: 7 (0 to 10)" in text
    assert "    A steady week." in text
    assert not (reflect_home / "drafts" / "wellbeing-check-in.toml").exists()


def test_one_answer_so_far_is_said_in_the_singular(reflect_home: Path) -> None:
    reflect("start", "wellbeing-check-in", "--plain", input="7\n")
    again = reflect("start", "wellbeing-check-in", "--plain", input="y\n:pause\n")
    assert "(1 answer so far)" in again.stdout


def test_restart_discards_the_draft(reflect_home: Path) -> None:
    reflect("start", "wellbeing-check-in", "--plain", input="7\n")
    result = reflect("start", "wellbeing-check-in", "--plain", "--restart", input=":pause\n")
    assert result.exit_code == 0
    assert "paused walk" not in result.stdout
    draft = (reflect_home / "drafts" / "wellbeing-check-in.toml").read_text(encoding="utf-8")
    assert "[answers.feeling-overall]" not in draft


def test_low_score_shows_the_support_note(reflect_home: Path) -> None:
    result = reflect("start", "wellbeing-check-in", "--plain", input="1\n\n:pause\n")
    assert result.exit_code == 0
    assert (
        result.stdout.count("not always the right thing. If things feel heavy") == 2
    )  # at the start, and after the 1 (the intro, reflowed, says the first words too)


def test_bad_date_is_explained_and_asked_again(reflect_home: Path, data_dir: Path) -> None:
    book = data_dir / "workbooks" / "every-kind.toml"
    walk = "\n".join([":skip", ":skip", "Call Jo", "31 feb", "blorp", "tomorrow", "", "", ""])
    result = reflect("start", str(book), "--plain", input=walk)
    assert result.exit_code == 0, result.output
    assert "February" in result.stdout
    assert "couldn't read" in result.stdout
    [action] = actions_json()
    assert action["due"] == "2026-11-30"


def test_unknown_workbook_is_a_short_error() -> None:
    result = reflect("start", "no-such-book", "--plain")
    assert result.exit_code == 2
    assert "no workbook called 'no-such-book'" in result.stderr
    assert "Traceback" not in result.output


def test_escaping_name_is_refused() -> None:
    result = reflect("start", "../etc", "--plain")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_checklist_options_with_commas_can_be_named(reflect_home: Path) -> None:
    walk = "\n".join(["", "", "enough sleep, most nights, 3", ":pause", ""])
    assert reflect("start", "wellbeing-check-in", "--plain", input=walk).exit_code == 0
    draft = (reflect_home / "drafts" / "wellbeing-check-in.toml").read_text(encoding="utf-8")
    assert '"Enough sleep, most nights"' in draft


# Box drawing, block elements, arrows and bullets: read aloud symbol by symbol.
DECORATIVE = {chr(c) for c in [*range(0x2190, 0x2200), *range(0x2500, 0x25A0)]} | {"•"}
BUNDLED = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "workbooks").glob("*.toml"))


@pytest.mark.parametrize("workbook", BUNDLED)
def test_plain_mode_reads_as_sentences(reflect_home: Path, workbook: str) -> None:
    """Plain mode is the screen-reader mode: every section and prompt line a sentence,
    no rules or arrows to be spelled out, nothing redrawn (no escape sequences)."""
    result = reflect("start", workbook, "--plain", input="\n" * 200)  # skip to the end
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert not DECORATIVE & set(out), sorted(DECORATIVE & set(out))
    assert "\x1b" not in out and "\r" not in out
    sections = [line for line in out.splitlines() if line.startswith("Section ")]
    assert sections and all(line.endswith((".", "?", "!", ":", "…")) for line in sections)
    assert all(
        line.split(":", 1)[0].split()[1:3][1] == "of"
        for line in out.splitlines()
        if line.startswith("Prompt ")
    )


def test_plain_mode_dates_are_sentences(reflect_home: Path) -> None:
    to_the_plan = ["4", "behind it", "", "1", "energy from a walk", "", "2"]
    walk = "\n".join([*to_the_plan, "Phone Sam", "in 3 days", "", "Walk", "", "", "", ""])
    result = reflect("start", "wellbeing-check-in", "--plain", input=walk + "\n" * 50)
    assert result.exit_code == 0, result.output
    assert "Due: Wed 2 Dec — in 3 days." in result.stdout
    assert "No date." in result.stdout


@pytest.mark.parametrize(
    ("answer", "starred"),
    [("y\n", True), ("yes\n", True), ("Y\n", True), ("\n", False), ("no\n", False), ("", False)],
    ids=["y", "yes", "Y", "enter", "no", "end of input"],
)
def test_the_end_of_a_walk_offers_to_star_the_entry(
    reflect_home: Path, answer: str, starred: bool
) -> None:
    result = reflect("start", "wellbeing-check-in", "--plain", input=WALK + answer)
    assert result.exit_code == 0, result.output
    saved = result.stdout.index("Saved to your journal")
    offer = result.stdout.index("Star this entry")
    assert saved < offer  # asked only once the entry is safe in the journal
    assert ("Starred." in result.stdout) is starred
    assert ("starred: yes" in journal_text(reflect_home)) is starred
    listed = reflect("journal", "--starred", "--json")
    assert listed.exit_code == 0, listed.output
    assert len(json.loads(listed.stdout)) == (1 if starred else 0)


@pytest.mark.parametrize(
    ("when", "repeat", "said", "written"),
    [
        (
            "tomorrow",
            "mon",
            "Repeats every Monday, from Mon 30 Nov.",
            "due 2026-11-30 · every monday",
        ),
        (
            "in 3 days",
            "2 weeks",
            "Repeats every 2 weeks, from Wed 2 Dec.",
            "due 2026-12-02 · every 2 weeks",
        ),
        (
            "",
            "weekday",
            "Repeats every weekday, from Mon 30 Nov.",
            "due 2026-11-30 · every weekday",
        ),
        (
            "fri 9am",
            "every month",
            "Repeats every month, from Fri 4 Dec.",
            "due 2026-12-04 09:00 · every month",
        ),
    ],
)
def test_plain_mode_asks_for_a_repeat_after_the_date(
    reflect_home: Path, when: str, repeat: str, said: str, written: str
) -> None:
    to_the_plan = ["4", "behind it", "", "1", "energy from a walk", "", "2"]
    walk = "\n".join([*to_the_plan, "Short walk", when, "now and then", repeat, ""])
    result = reflect("start", "wellbeing-check-in", "--plain", input=walk + "\n" * 50)
    assert result.exit_code == 0, result.output
    assert "Repeat? (" in result.stdout and "Enter for no)" in result.stdout
    assert "I couldn't read 'now and then' as a repeat." in result.stdout
    assert said in result.stdout
    text = journal_text(reflect_home)
    assert "Short walk  (" in text and f" · {written})\n" in text
    assert text.startswith("# reflect journal · format 4\n")
    [action] = [a for a in actions_json() if a["text"] == "Short walk"]
    assert action["repeat"] == written.split(" · ")[1]
