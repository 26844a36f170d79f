"""A realistic journal for benchmarks, the same words in reflect's format and in jrnl's.

Deterministic: the same seed and scale give byte-identical files on every
machine, so timings from different runs compare like with like. Written
through reflect's own model and renderer (`reflect.journal.render.render_file`),
so what is measured is what reflect itself writes.

×1 is ten years of a person's journaling: one free-form entry a day (50 to 300
words of Unicode text with some Markdown) and a weekly wellbeing check-in (a
scale, a text answer, a checklist, a choice, a short list and one to three
actions). Actions are mostly done or dropped a few days after they were due;
a few are left open for years, and the last weeks' are open, due over the
coming weeks. `--scale` stretches the span of time (×0.1 is one year, ×10 a
hundred), which is how a journal grows: every month file has about the same
size at every scale, and only their number changes.

Layout of the output folder:

    reflect-home/journal/YYYY-MM.txt   REFLECT_HOME for reflect
    jrnl/journal.txt                    the same entries as one jrnl 4.x file
    xdg-config/jrnl/jrnl.yaml           XDG_CONFIG_HOME for jrnl
    info.json                           what was generated (counts, sizes, seed)

Usage: python -m bench.generate OUT [--scale 0.1|1|10] [--seed N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from reflect.journal.model import ID_ALPHABET, Action, Entry, SectionRecord, Status, month_key
from reflect.journal.render import render_file
from reflect.kinds.action import ActionAnswer
from reflect.kinds.checklist import ChecklistAnswer
from reflect.kinds.choice import ChoiceAnswer
from reflect.kinds.scale import ScaleAnswer
from reflect.kinds.short_list import ListAnswer
from reflect.kinds.text import TextAnswer

# "Today" for every generated journal and every timed command (REFLECT_NOW).
TODAY = date(2026, 11, 29)  # a Sunday, as in the test suite
NOW = "2026-11-29T10:00"
SEED = 20261129
DAYS_AT_X1 = 3650
# A word in about one entry in forty: what `search` looks for.
SEARCH_WORD = "lighthouse"
JRNL_TIMEFORMAT = "%Y-%m-%d %I:%M:%S %p"

WORKBOOK = "wellbeing-check-in"
WORKBOOK_TITLE = "Weekly wellbeing check-in"

_WORD_LIST = """
the a and to of in it that was for on with as at by from this but not so about
today morning evening afternoon night week weekend walk walked talked quiet rain
sun wind cold warm tea coffee bread garden window kitchen train bus work meeting
friend friends family mother father sister brother neighbour colleague child
children dog cat river hill park library book books letter phone call message
felt feel feeling tired calm anxious hopeful glad grateful restless steady slow
busy easy hard small little long short early late again still just really quite
thought think thinking noticed remember remembered wondered decided tried made
cooked read wrote slept woke worked rested laughed listened waited watched
lunch dinner breakfast soup apples bike run swim music song film news plan
plans list question answer idea ideas reason reasons time day days hours minutes
light dark green grey blue yellow autumn winter spring summer snow frost fog
kind gentle patient careful honest clear open closed new old first last next
better worse enough more less much many few some every each other own same
house home office street shop market station bridge road path field sea coast
because while although when where after before until since though perhaps maybe
conversation silence energy rest sleep walk breath shoulders head hands heart
project deadline draft email report review team community group circle practice
"""
_WORDS = _WORD_LIST.split()
_UNICODE_WORDS = [
    "café",
    "naïve",
    "Zürich",
    "São Paulo",
    "Łódź",
    "crème brûlée",
    "jalapeño",
    "Ærø",
    "façade",
    "smörgåsbord",
    "Ελλάδα",
    "Москва",
    "東京",
    "こんにちは",
    "☕",
    "🌧️",
    "🙂",
    "—",
    "“quoted”",
    "‘so’",
]
_NAMES = ["Sam", "Priya", "Jonas", "Amara", "Wen", "Kofi", "Inès", "Mateo", "Siobhán", "Yusuf"]
_ACTIONS = [
    "Message {name} about a walk",
    "Go to bed by 22:30 on weeknights",
    "Book the dentist",
    "Phone {name} on Sunday",
    "Take a lunch break away from the desk",
    "Walk to the {place} before work",
    "Cook something new with {name}",
    "Return the library books",
    "Ten minutes of stretching in the morning",
    "Write to {name} — a real letter",
    "Turn the phone off after 21:00",
    "Sit in the park at lunchtime",
]
_PLACES = ["river", "park", "market", "library", "station", "coast", "hill"]
_CHECKLIST = [
    "Enough sleep, most nights",
    "Time outdoors",
    "Moving in a way I enjoyed",
    "Time with people I like",
    "Some quiet time to myself",
    "Regular meals",
    "Something that made me laugh",
    "Doing something just for fun",
]
_CHOICES = [
    "More rest",
    "More time with other people",
    "More time outside",
    "A bit more structure to my days",
    "Less on my plate",
]


@dataclass
class Summary:
    """What was generated, as written to info.json."""

    scale: float
    seed: int
    today: str
    now: str
    search_word: str
    free_form: int = 0
    sessions: int = 0
    actions: dict[str, int] = field(default_factory=lambda: {"open": 0, "done": 0, "dropped": 0})
    month_files: int = 0
    reflect_bytes: int = 0
    jrnl_bytes: int = 0
    first_day: str = ""
    last_day: str = ""

    @property
    def entries(self) -> int:
        return self.free_form + self.sessions


class _Writer:
    """Seeded choices for one journal: ids, words, sentences, entries."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.entry_ids: set[str] = set()
        self.action_ids: set[str] = set()

    def _id(self, length: int, taken: set[str]) -> str:
        while True:
            candidate = "".join(self.rng.choice(ID_ALPHABET) for _ in range(length))
            if candidate not in taken:
                taken.add(candidate)
                return candidate
            length += len(taken) > len(ID_ALPHABET) ** length // 4  # crowded: grow

    def entry_id(self) -> str:
        return self._id(8, self.entry_ids)

    def action_id(self) -> str:
        return self._id(4, self.action_ids)

    def word(self) -> str:
        roll = self.rng.random()
        if roll < 0.03:
            return self.rng.choice(_UNICODE_WORDS)
        if roll < 0.05:
            return self.rng.choice(_NAMES)
        return self.rng.choice(_WORDS)

    def sentence(self, low: int = 5, high: int = 16, *, search: bool = False) -> str:
        words = [self.word() for _ in range(self.rng.randint(low, high))]
        if search:
            words.insert(self.rng.randrange(len(words) + 1), SEARCH_WORD)
        if self.rng.random() < 0.3 and len(words) > 6:
            words[self.rng.randrange(2, len(words) - 2)] += ","
        text = " ".join(words)
        end = self.rng.choices([".", "!", "?", "…"], weights=[80, 6, 10, 4])[0]
        return text[0].upper() + text[1:] + end

    def paragraph(self, words: int, *, search: bool = False) -> tuple[str, int]:
        sentences: list[str] = []
        count = 0
        while count < words:
            sentence = self.sentence(search=search and not sentences)
            sentences.append(sentence)
            count += len(sentence.split())
        return " ".join(sentences), count

    def markdown(self, text: str) -> str:
        """Some Markdown a person might type: bold, italics, a code span."""
        words = text.split(" ")
        if len(words) > 8:
            i = self.rng.randrange(1, len(words) - 3)
            style = self.rng.choice(["**{}**", "*{}*", "`{}`", "_{}_"])
            words[i] = style.format(words[i].strip(",.!?…"))
        return " ".join(words)

    def free_text(self, *, search: bool) -> str:
        """50 to 300 words: a first line (jrnl's title), paragraphs, maybe a list or quote."""
        target = self.rng.randint(50, 300)
        title = self.sentence(3, 8)
        parts = [title]
        count = len(title.split())
        search_at = self.rng.randrange(3) if search else -1
        index = 0
        while count < target:
            roll = self.rng.random()
            if roll < 0.12:
                items = [self.sentence(2, 6) for _ in range(self.rng.randint(2, 4))]
                parts.append("\n".join(f"- {item}" for item in items))
                count += sum(len(item.split()) for item in items)
            elif roll < 0.18:
                quote, words = self.paragraph(12)
                parts.append(f"> {quote}")
                count += words
            elif roll < 0.22:
                parts.append(f"## {self.sentence(2, 4).rstrip('.!?…')}")
                count += 3
            else:
                text, words = self.paragraph(
                    min(self.rng.randint(30, 90), target - count + 5), search=index == search_at
                )
                if index == search_at:
                    search_at = -1
                parts.append(self.markdown(text) if self.rng.random() < 0.3 else text)
                count += words
                index += 1
        if search_at >= 0:  # a short entry: the word goes in its last paragraph
            parts.append(self.sentence(search=True))
        return "\n\n".join(parts)

    def moment(self, day: date, first_hour: int, last_hour: int) -> datetime:
        clock = time(
            self.rng.randint(first_hour, last_hour),
            self.rng.randrange(60),
            self.rng.randrange(60),
        )
        return datetime.combine(day, clock)

    def action(self, planned: date, today: date) -> Action:
        text = self.rng.choice(_ACTIONS).format(
            name=self.rng.choice(_NAMES), place=self.rng.choice(_PLACES)
        )
        due: date | None = None
        at: time | None = None
        if self.rng.random() < 0.9 and planned >= today - timedelta(days=28):
            # The last few sessions plan for the days around today and the coming weeks.
            due = max(planned + timedelta(days=1), today + timedelta(self.rng.randint(-3, 21)))
        elif self.rng.random() < 0.9:
            due = planned + timedelta(days=self.rng.choice([1, 2, 3, 4, 5, 6, 7, 10, 14, 21, 30]))
            if self.rng.random() < 0.3:
                at = time(self.rng.randint(7, 20), self.rng.choice([0, 15, 30, 45]))
        settles = (due or planned + timedelta(days=7)) + timedelta(days=self.rng.randint(-2, 4))
        status: Status = "open"
        changed_on: date | None = None
        note: str | None = None
        if settles < today - timedelta(days=1):
            roll = self.rng.random()
            if roll < 0.08:
                status = "open"  # forgotten: overdue for years, as some are
            else:
                status = "done" if roll < 0.82 else "dropped"
                changed_on = max(planned, min(settles, today - timedelta(days=1)))
                if self.rng.random() < 0.25:
                    note = self.sentence(4, 12)
        return Action(self.action_id(), text, status, due, at, changed_on, note)

    def session(self, day: date, today: date) -> Entry:
        feeling = self.rng.randint(2, 9)
        behind, _ = self.paragraph(self.rng.randint(15, 60))
        energy, _ = self.paragraph(self.rng.randint(10, 40))
        ticked = tuple(sorted(self.rng.sample(_CHECKLIST, self.rng.randint(1, 4))))
        went_well = tuple(self.sentence(2, 6) for _ in range(3))
        actions = tuple(self.action(day, today) for _ in range(self.rng.randint(1, 3)))
        return Entry(
            id=self.entry_id(),
            written=self.moment(day, 18, 21),
            title=WORKBOOK_TITLE,
            workbook=WORKBOOK,
            version="1",
            sections=(
                SectionRecord(
                    "how-you-are",
                    "How you are right now",
                    (
                        ScaleAnswer(
                            "feeling-overall",
                            "How are you feeling, overall, this week?",
                            feeling,
                            0,
                            10,
                        ),
                        TextAnswer("behind-the-number", "What's behind that number?", behind),
                    ),
                ),
                SectionRecord(
                    "this-week",
                    "Looking back over the week",
                    (
                        ChecklistAnswer(
                            "part-of-your-week", "Which of these were part of your week?", ticked
                        ),
                        TextAnswer(
                            "energy",
                            "What gave you energy this week, and what took it away?",
                            energy,
                        ),
                        ListAnswer("went-well", "Three small things that went well", went_well),
                    ),
                ),
                SectionRecord(
                    "what-you-need",
                    "What you need next",
                    (
                        ChoiceAnswer(
                            "help-most",
                            "What might help most in the coming week?",
                            self.rng.choice(_CHOICES),
                        ),
                    ),
                ),
                SectionRecord(
                    "one-small-step",
                    "One small step",
                    (
                        ActionAnswer(
                            "small-thing-for-you",
                            "What is one small thing you could do for yourself this week?",
                            actions,
                        ),
                    ),
                ),
            ),
        )


def entries(scale: float, seed: int = SEED, today: date = TODAY) -> Iterator[Entry]:
    """Every entry, oldest first: a free-form entry each day before `today`, a session
    each Sunday evening (the last one a week before `today`)."""
    writer = _Writer(seed)
    days = max(1, round(DAYS_AT_X1 * scale))
    first = today - timedelta(days=days)
    for offset in range(days):
        day = first + timedelta(days=offset)
        daily = Entry(
            id=writer.entry_id(),
            written=writer.moment(day, 6, 17),
            starred=writer.rng.random() < 0.04,
            body=writer.free_text(search=writer.rng.random() < 0.025),
        )
        yield daily
        if day.weekday() == 6:
            yield writer.session(day, today)


def jrnl_entry(entry: Entry) -> str:
    """The same words as jrnl 4.x writes an entry: `[time] title`, then the body."""
    if entry.workbook is None:
        title, _, body = (entry.body or "").partition("\n")
    else:
        title, body = entry.title, _session_text(entry)
    header = f"[{entry.written.strftime(JRNL_TIMEFORMAT)}] {title}"
    if entry.starred:
        header += " *"
    return header + ("\n" + body.strip("\n") if body.strip() else "") + "\n"


def _session_text(entry: Entry) -> str:
    """A workbook session as a person would type it into jrnl: prompts and answers."""
    lines: list[str] = []
    for section in entry.sections:
        lines += ["", f"## {section.title}"]
        for answer in section.answers:
            lines += ["", f"### {answer.prompt}"]
            match answer:
                case TextAnswer():
                    lines.append(answer.text)
                case ScaleAnswer():
                    lines.append(f"{answer.value} ({answer.low} to {answer.high})")
                case ChoiceAnswer():
                    lines.append(answer.chosen)
                case ChecklistAnswer():
                    lines += [f"- {item}" for item in answer.ticked]
                case ListAnswer():
                    lines += [f"- {item}" for item in answer.items]
                case ActionAnswer():
                    for action in answer.actions:
                        box = {"open": " ", "done": "x", "dropped": "-"}[action.status]
                        due = f" (due {action.due.isoformat()})" if action.due else ""
                        lines.append(f"- [{box}] {action.text}{due}")
                        if action.note:
                            lines.append(f"  {action.note}")
    return "\n".join(lines)


def jrnl_config(journal_file: Path) -> str:
    """jrnl 4.6's config (its real keys), set so it never prompts, colours or wraps."""
    return "\n".join(
        [
            "version: '4.6'",
            "journals:",
            "  default:",
            f"    journal: {json.dumps(str(journal_file))}",
            "editor: ''",
            "encrypt: false",
            "template: false",
            "default_hour: 9",
            "default_minute: 0",
            f"timeformat: '{JRNL_TIMEFORMAT}'",
            "tagsymbols: '#@'",
            "highlight: false",
            "linewrap: false",
            "indent_character: '|'",
            "display_format: text",
            "colors:",
            "  body: none",
            "  date: none",
            "  tags: none",
            "  title: none",
            "",
        ]
    )


def generate(out: Path, scale: float, seed: int = SEED, today: date = TODAY) -> Summary:
    """Write both journals under `out` (which should be empty or missing)."""
    summary = Summary(scale, seed, today.isoformat(), NOW, SEARCH_WORD)
    journal = out / "reflect-home" / "journal"
    jrnl_file = out / "jrnl" / "journal.txt"
    config = out / "xdg-config" / "jrnl" / "jrnl.yaml"
    for folder in (journal, jrnl_file.parent, config.parent):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    month: list[Entry] = []
    with jrnl_file.open("w", encoding="utf-8", newline="\n") as jrnl:
        for entry in entries(scale, seed, today):
            if month and month_key(month[0].written) != month_key(entry.written):
                summary.reflect_bytes += _write_month(journal, month)
                summary.month_files += 1
                month = []
            month.append(entry)
            if entry.workbook is None:
                summary.free_form += 1
            else:
                summary.sessions += 1
            for action, _, _ in entry.all_actions():
                summary.actions[action.status] += 1
            summary.first_day = summary.first_day or entry.written.date().isoformat()
            summary.last_day = entry.written.date().isoformat()
            jrnl.write(("\n" if summary.entries > 1 else "") + jrnl_entry(entry))
    if month:
        summary.reflect_bytes += _write_month(journal, month)
        summary.month_files += 1
    summary.jrnl_bytes = jrnl_file.stat().st_size
    config.write_text(jrnl_config(jrnl_file.resolve()), encoding="utf-8")
    info = {**summary.__dict__, "entries": summary.entries}
    (out / "info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return summary


def _write_month(folder: Path, month: list[Entry]) -> int:
    data = render_file(month).encode("utf-8")
    path = folder / f"{month_key(month[0].written)}.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return len(data)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("out", type=Path, help="an empty folder to write into")
    parser.add_argument("--scale", type=float, default=1.0, help="0.1, 1 or 10 (default 1)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    summary = generate(args.out, args.scale, args.seed)
    print(
        f"{summary.entries:,} entries ({summary.free_form:,} free-form, {summary.sessions:,} "
        f"sessions; actions {summary.actions}) from {summary.first_day} to {summary.last_day}: "
        f"{summary.month_files} month files, {summary.reflect_bytes / 1e6:.1f} MB; "
        f"jrnl {summary.jrnl_bytes / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
