"""Authoring advice: things that are not errors, but that a reader would trip over.

A workbook that validates can still leave someone stuck: a section with nothing
to answer, an action with no timeframe to suggest, a scale whose ends mean
nothing, a prompt too long to read at a glance. `reflect workbook check` shows
these as advice (exit 1) so an author, or a group's CI, can catch them before a
reader does. Each piece of advice names the dotted path and, where it can be
found, the line in the author's file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from reflect.kinds import BY_NAME
from reflect.workbook.loader import line_for
from reflect.workbook.models import Section, Workbook

MAX_PROMPT_CHARS = 200
"""Longer than this, a prompt stops being a question read at a glance."""

# Words that show an intro speaks about pace and about support. Deliberately loose:
# advice is a nudge, and any honest wording should pass.
_PACE = re.compile(
    r"\b(pace|skip|pause|stop|break|rush|your own time|take your time|slowly|gently)", re.I
)
_SUPPORT = re.compile(
    r"\b(support|someone you trust|talk to|helpline|contact|reach out|ask for help)", re.I
)


@dataclass(frozen=True)
class Advice:
    """One suggestion: where (dotted path and line, when known) and what to consider."""

    path: str
    line: int | None
    message: str


def advise(
    workbook: Workbook, lines: list[str], today: date, *, file_stem: str | None = None
) -> list[Advice]:
    """Every piece of advice for a valid workbook, in file order.

    `lines` are the file's lines (for line numbers); `today` is when
    `suggested_when` must be readable (checked over the coming year, so a fixed
    date that will soon pass is caught); `file_stem` is the file's name without
    `.toml`, compared with the id.
    """
    found: list[Advice] = []

    def add(path: str, message: str, *, line: int | None = None) -> None:
        found.append(Advice(path, line if line is not None else line_for(path, lines), message))

    if file_stem is not None and file_stem != workbook.id:
        add(
            "id",
            f"the file is called '{file_stem}.toml' but the id is '{workbook.id}'; "
            "naming the file after the id makes it easier to find and share",
        )
    _advise_opening(workbook, add)
    if workbook.minutes < workbook.prompt_count():
        add(
            "minutes",
            f"{workbook.minutes} minutes for {workbook.prompt_count()} prompts is under a "
            "minute each; an honest estimate helps people choose a good time",
        )
    for index, section in enumerate(workbook.sections):
        _advise_section(f"sections[{index}]", section, today, add)
    return found


class _Add(Protocol):
    """The shape of `add` in `advise`: record one piece of advice."""

    def __call__(self, path: str, message: str, *, line: int | None = None) -> None: ...


def _advise_opening(workbook: Workbook, add: _Add) -> None:
    if _blank(workbook.description):
        add("description", "is empty; one or two sentences help people choose this workbook")
    if workbook.intro is None or _blank(workbook.intro):
        add(
            "intro",
            "there is no intro; open with a short note on pace (people can skip, pause, "
            "go slowly) and on support (who to talk to if it gets hard)",
            line=1,
        )
        return
    if not _PACE.search(workbook.intro):
        add(
            "intro",
            "the intro does not mention pace; say that people can skip, pause or go slowly",
        )
    own_note = workbook.support_note is not None and not _blank(workbook.support_note)
    # A workbook's own support note is shown first, before the intro: that is the mention.
    if not own_note and not _SUPPORT.search(workbook.intro):
        add(
            "intro",
            "the intro does not mention support; say who people can talk to if it gets "
            "hard (or set `support_note` with your community's contacts)",
        )
    if workbook.support_note is not None and _blank(workbook.support_note):
        add("support_note", "is empty; remove it to use the default note, or write your own")


def _advise_section(where: str, section: Section, today: date, add: _Add) -> None:
    if not section.prompts:
        add(
            where,
            "this section has no prompts, so there is nothing to answer; add one, "
            "or move its ideas into another section",
        )
    if section.ideas is not None and _blank(section.ideas):
        add(f"{where}.ideas", "is empty; remove it or write some ideas to consider")
    for number, tip in enumerate(section.tips):
        if _blank(tip):
            add(f"{where}.tips[{number}]", "this tip is empty; remove it or write the tip")
    for number, prompt in enumerate(section.prompts):
        at = f"{where}.prompts[{number}]"
        if len(prompt.text) > MAX_PROMPT_CHARS:
            add(
                f"{at}.text",
                f"the prompt is {len(prompt.text)} characters long; keep it to one short "
                f"question (under {MAX_PROMPT_CHARS}) and put the rest in `help`",
            )
        if prompt.help is not None and _blank(prompt.help):
            add(f"{at}.help", "is empty; remove it or write a few helpful words")
        BY_NAME[prompt.kind].advise(prompt, today, _under(at, add))


def _under(at: str, add: _Add) -> Callable[[str, str], None]:
    """A kind's advice (`Kind.advise`) about a part of the prompt at `at`."""

    def advise(part: str, message: str) -> None:
        add(f"{at}.{part}" if part else at, message)

    return advise


def _blank(text: str) -> bool:
    return not text.strip()
