"""date: a day ("When did this start?", "When is the appointment?").

Typed with the same natural phrases as action dates (`reflect.dates`), in the
direction the prompt's `allow` says: 'yesterday', 'last mon', '3 weeks ago' for
the past, 'tomorrow', 'fri', 'in 3 days' for the future, '4 nov' and ISO dates for
either. It is always read back as an absolute day before it is kept, and the
journal stores it as an ISO date (`date: 2026-11-04`), which needs journal format 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from reflect.dates import format_day, parse_since, parse_when, relative
from reflect.errors import DateError, InvalidAnswer
from reflect.export.markdown_text import long_day
from reflect.journal.model import Answer
from reflect.kinds.base import AnswerLines, Facts, JsonFields, Kind, NewActionId, PlainAsk, Styled

if TYPE_CHECKING:
    from reflect.kinds.date.prompt import DatePrompt

# ---- What we say. ---------------------------------------------------------------------
EXAMPLES = {
    "past": "'yesterday', 'last mon', '3 weeks ago', '4 nov'",
    "future": "'tomorrow', 'fri', 'in 3 days', '4 dec'",
    "any": "'yesterday', '3 weeks ago', 'fri', 'in 3 days', '4 nov'",
}
ASK = "(A day, such as {examples}. Enter to skip.)\n"
NOT_YET = "{day} is still to come: this asks about a day on or before today."
PASSED = "{day} has already passed: this asks about a day from today on."
NO_TIME = "This asks for a day only; leave out the time."
UNREADABLE = "I couldn't read {text} as a date. Try {examples} or '2026-11-04'."
NOT_A_DATE = "This prompt takes a date."
ONE_LINE = "A date answer has one 'date:' line."
BAD_LINE = "'{text}' is not a date like 2026-11-04."
BLANK = "________________"

_ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass(frozen=True)
class DateAnswer(Answer):
    """A day (no time)."""

    kind: ClassVar[str] = "date"
    day: date

    def __post_init__(self) -> None:
        if isinstance(self.day, datetime) or not isinstance(self.day, date):
            raise ValueError("a date answer is a day")


def read_day(text: str, today: date, allow: str) -> date:
    """The day `text` names, as a prompt allowing `allow` reads it. Raises DateError
    with words to show the person (who then types it again).

    'past' reads as `--since` does ('mon' is the latest Monday, today included) and
    refuses days after today; 'future' reads as an action's due date does and refuses
    days before today; 'any' tries both and takes the day nearer today (on a tie, the
    coming one), so 'yesterday' and 'in 3 days' both work, and 'fri' is the nearest.
    A day that only the other direction reads ('tomorrow' when asked about the past)
    is named, with why it does not fit.
    """
    ahead = _ahead(text, today)
    back = _back(text, today)
    if allow == "past":
        if isinstance(back, date):
            day = back
        elif isinstance(ahead, date):
            day = ahead
        else:
            raise back
        if day > today:
            raise DateError(NOT_YET.format(day=format_day(day, today)))
        return day
    if allow == "future":
        if isinstance(ahead, date):
            return ahead
        if isinstance(back, date) and back < today:
            raise DateError(PASSED.format(day=format_day(back, today)))
        raise ahead
    days = [day for day in (ahead, back) if isinstance(day, date)]
    if days:
        return min(days, key=lambda day: (abs((day - today).days), day < today))
    assert isinstance(ahead, DateError) and isinstance(back, DateError)
    if ahead.message in (back.message, NO_TIME):
        raise ahead  # a problem both directions found ('30 feb'), or a time
    raise DateError(UNREADABLE.format(text=repr(text.strip()), examples=EXAMPLES["any"]))


def _ahead(text: str, today: date) -> date | DateError:
    try:
        when = parse_when(text, today)
    except DateError as problem:
        return problem
    return when.day if when.at is None else DateError(NO_TIME)


def _back(text: str, today: date) -> date | DateError:
    try:
        return parse_since(text, today)
    except DateError as problem:
        return problem


def echo_day(day: date, today: date) -> str:
    """What we say back before keeping it: 'Wed 4 Nov — 3 weeks ago'."""
    return f"{format_day(day, today)} — {relative(day, today)}"


class DateKind(Kind["DatePrompt", DateAnswer, date]):
    name = "date"
    about = "A day, typed the way people say it and read back as a date."
    plain_help = (
        "a date a day the way you would say it ('yesterday', '3 weeks ago', '4 nov'), "
        "echoed back as a date"
    )
    answer_type = DateAnswer
    reads = "date"
    since_format = 2
    starter = (
        "looking-back",
        """\
# date: a day, typed the way people say it ('yesterday', '3 weeks ago', 'fri',
# '4 nov') and read back as a date. `allow` is "past", "future" or "any".
[[sections.prompts]]
id = "last-rest"
kind = "date"
text = "When did you last have a proper rest?"
allow = "past"
optional = true
""",
    )

    def prompt_model(self) -> type[DatePrompt]:
        from reflect.kinds.date.prompt import DatePrompt

        return DatePrompt

    def preview_markdown(self, prompt: DatePrompt) -> list[str]:
        return [f"Date: {BLANK}"]

    def preview_text(self, prompt: DatePrompt) -> list[str]:
        return [f"(a day, such as {EXAMPLES[prompt.allow]})"]

    def check(self, prompt: DatePrompt, value: object) -> date | None:
        if value is None or value == "":
            return None
        if isinstance(value, datetime) or not isinstance(value, date):
            raise InvalidAnswer(NOT_A_DATE)
        return value

    def to_answer(
        self, prompt_id: str, prompt: str, value: date, facts: Facts, new_action_id: NewActionId
    ) -> DateAnswer:
        return DateAnswer(prompt_id, prompt, value)

    def from_draft(self, raw: dict[str, Any]) -> date:
        value = raw["value"]
        if isinstance(value, datetime) or not isinstance(value, date):
            raise TypeError("not a date")
        return value

    def read_plain(self, prompt: DatePrompt, ask: PlainAsk) -> date | None:
        ask.write(ASK.format(examples=EXAMPLES[prompt.allow]))
        while True:
            text = ask.line().strip()
            if not text:
                return None
            try:
                day = read_day(text, ask.today, prompt.allow)
            except DateError as problem:
                ask.write(f"{problem.message}\n")
                continue
            ask.write(f"Date: {echo_day(day, ask.today)}.\n")  # a sentence, for screen readers
            return day

    def journal_lines(self, answer: DateAnswer) -> list[str]:
        return [f"date: {answer.day.isoformat()}"]

    def parse(self, lines: AnswerLines) -> DateAnswer:
        values = lines.values("date")
        if len(values) > 1:
            raise lines.fail(ONE_LINE, lines.heading)
        text, line = values[0]
        try:
            if not _ISO.match(text):
                raise ValueError(text)
            day = date.fromisoformat(text)
        except ValueError:
            raise lines.fail(BAD_LINE.format(text=text), line) from None
        return DateAnswer(lines.prompt_id, lines.prompt, day)

    def markdown(self, answer: DateAnswer) -> str:
        return long_day(answer.day) + "\n"

    def to_json(self, answer: DateAnswer) -> dict[str, Any]:
        return {"date": answer.day.isoformat()}

    def json_schema(self) -> tuple[dict[str, Any], list[str]]:
        day = {"$ref": "#/$defs/date", "description": "The day given, YYYY-MM-DD."}
        return {"date": day}, ["date"]

    def from_json(
        self, prompt_id: str, prompt: str, data: dict[str, Any], read: JsonFields, where: str
    ) -> DateAnswer:
        text = read.field(data, "date", str, where)
        if not _ISO.match(text):
            raise ValueError(f"'{text}' is not a date like 2026-11-04")
        return DateAnswer(prompt_id, prompt, date.fromisoformat(text))

    def view(self, answer: DateAnswer, today: date) -> list[Styled]:
        shown = format_day(answer.day, today)
        return [[(f"    {shown}", "bold"), (f" ({relative(answer.day, today)})", "dim")]]

    def summary_lines(self, answer: DateAnswer, today: date) -> list[str]:
        return [echo_day(answer.day, today)]


DATE = DateKind()
