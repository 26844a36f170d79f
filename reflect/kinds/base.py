"""What every answer kind says about itself, in one class per kind.

A kind (text, scale, choice, ...) is everything reflect knows about one shape of
answer: the fields its prompts take in a workbook, the value a person gives, how
that value is checked, saved in a draft, written into the journal and read back,
and how it reads in Markdown, JSON, `reflect show`, the plain walk and a preview.
Each kind is one subclass of `Kind`, in a folder of its own
(`reflect/kinds/<name>/`), and `reflect.kinds` lists them: every list of kinds
anywhere (the loader's, both JSON Schemas, `reflect start --help`) is computed
from that list.

A base class rather than a Protocol: most kinds share the quiet defaults below (no
authoring advice, nothing searchable, no support note), and mypy checks each
override against the generic signature, so a kind that forgets a part fails the
type check, not a reader.

Import cost: this module and each kind's `__init__` are read by every command that
reads the journal (`reflect actions` included), so they import no pydantic. A
kind's workbook fields are its `prompt.py`, loaded by `prompt_model()` only when a
workbook is validated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from reflect.journal.model import Action, Answer

if TYPE_CHECKING:
    from reflect.errors import JournalError
    from reflect.workbook.base import PromptBase

P = TypeVar("P", bound="PromptBase")
A = TypeVar("A", bound=Answer)
V = TypeVar("V")

Piece = tuple[str, str | None]
"""Text and a style name (None: plain), as `reflect show` prints it. Text is literal."""
Styled = list[Piece]

Facts = dict[str, int]
"""What an answer keeps of its prompt, so it still means something if the prompt
changes: a scale's ends. Saved in the draft beside the value."""


class AnswerLines(Protocol):
    """The journal parser, as a kind sees it while reading the lines under a prompt
    heading (`reflect.journal.parse`). Line numbers are the parser's own."""

    prompt_id: str
    prompt: str
    heading: int  # the line of the prompt heading

    def line(self) -> str:
        """The current line ('' at the end of the entry)."""
        ...

    def advance(self) -> None: ...

    def block(self) -> str:
        """The text block starting at the current line."""
        ...

    def actions(self) -> tuple[Action, ...]:
        """The run of action lines (and their notes) starting at the current line."""
        ...

    def values(self, word: str) -> list[tuple[str, int]]:
        """The run of 'word: value' lines, each with its line; raises if other words mix in."""
        ...

    def fail(self, message: str, line: int | None = None) -> JournalError:
        """The error to raise, naming `line` (the current one when None)."""
        ...

    def no_answer(self) -> JournalError:
        """The error for a prompt heading with nothing it can read under it."""
        ...


class JsonFields(Protocol):
    """A reader of JSON exports, as a kind sees it. reflect itself never reads an export
    back; the tests do (tests/export_reader.py), to prove an export keeps every field
    of every answer, and each kind reads its own fields so that a new kind is read too."""

    def field(self, data: dict[str, Any], key: str, kind: type, where: str) -> Any: ...
    def strings(self, data: dict[str, Any], key: str, where: str) -> tuple[str, ...]: ...
    def action(self, raw: Any, where: str) -> Action: ...


class PlainAsk(Protocol):
    """The plain walk (`reflect.plain`), as a kind sees it while asking for an answer.

    `line` raises when the person typed a command (`:skip`, `:back`, `:pause`) or the
    input ended; the walk handles those, so a kind only reads answers."""

    @property
    def today(self) -> date: ...

    def write(self, text: str) -> None: ...
    def line(self) -> str: ...
    def lines_until_blank(self) -> str: ...
    def options(self, options: list[str]) -> None: ...

    def keep(self, so_far: Any) -> None:
        """The answer so far, as each line of it is taken in: given as the answer if the
        walk is stopped or paused before the kind returns (`lines_until_blank` keeps its
        own lines)."""
        ...


class Join(Protocol):
    """The merge of two devices' versions of an answer (reflect.journal.merge), as a kind
    sees it. `base` is the common ancestor's value, or None when there is none: then
    every difference counts as changed on both sides. A value changed on one side only
    takes that side's change; what happens when both changed is each method's rule."""

    def words(self, base: str | None, ours: str, theirs: str) -> str:
        """One version in place: the one that holds the other (added to on one device),
        or else one of them, the other kept word for word as a conflict in the entry."""
        ...

    def items(
        self, base: tuple[str, ...] | None, ours: tuple[str, ...], theirs: tuple[str, ...]
    ) -> tuple[str, ...]:
        """Items as a set (each repeat of an item counted): on either side, kept; with an
        ancestor, one removed on one side stays removed."""
        ...

    def actions(
        self,
        base: tuple[Action, ...] | None,
        ours: tuple[Action, ...],
        theirs: tuple[Action, ...],
    ) -> tuple[Action, ...]:
        """Actions matched by id, each field by its rule (`merge_action`)."""
        ...


Advise = Callable[[str, str], None]
"""Called with (a dotted path under the prompt, or '' for the prompt itself; the advice)."""

NewActionId = Callable[[], str]


class Kind(Generic[P, A, V]):
    """One kind of answer. Subclasses set the class attributes and implement the methods
    that raise NotImplementedError; the rest have defaults most kinds keep.

    P is the kind's prompt model (pydantic, in its `prompt.py`), A its journal answer
    (a frozen dataclass), V the value a front end hands the session engine.
    """

    name: ClassVar[str]
    """What authors write as `kind`, and what the journal's JSON calls it."""
    about: ClassVar[str]
    """One line for authors (the JSON Schema and `reflect workbook guide`)."""
    plain_help: ClassVar[str]
    """How the plain walk takes it, for `reflect start --help`: 'a scale takes a number'."""
    answer_type: ClassVar[type[Answer]]
    reads: ClassVar[str]
    """What starts its answer in the journal: 'block' (an indented text block),
    'actions' (action lines), or the word before a colon ('scale', 'chose', ...)."""
    since_format: ClassVar[int] = 1
    """The journal format that first had this kind: a file holding one says at least this."""
    starter: ClassVar[tuple[str, str]]
    """(section id, commented TOML) of its example in `reflect workbook new`."""

    # ------------------------------------------------------------------ the workbook

    def prompt_model(self) -> type[P]:
        """The pydantic model of its prompts (imported here: pydantic costs ~60 ms)."""
        raise NotImplementedError

    def preview_markdown(self, prompt: P) -> list[str]:
        """The answer's shape on paper, under the prompt (`reflect workbook preview --markdown`)."""
        raise NotImplementedError

    def preview_text(self, prompt: P) -> list[str]:
        """The answer's shape in the terminal preview, as the plain walk will ask it."""
        raise NotImplementedError

    def advise(self, prompt: P, today: date, add: Advise) -> None:
        """Authoring advice beyond what the schema checks (`reflect workbook check`)."""

    # ------------------------------------------------------------------ the walk

    def check(self, prompt: P, value: object) -> V | None:
        """The value as kept, or None for 'nothing given' (a skip). Raises InvalidAnswer."""
        raise NotImplementedError

    def facts(self, prompt: P) -> Facts:
        return {}

    def wants_support(self, prompt: P, value: V) -> bool:
        """Whether this answer calls for the support note now."""
        return False

    def to_answer(
        self, prompt_id: str, prompt: str, value: V, facts: Facts, new_action_id: NewActionId
    ) -> A:
        raise NotImplementedError

    def to_draft(self, value: V) -> dict[str, Any]:
        """The value as TOML data, merged into the answer's table in the draft."""
        return {"value": value}

    def facts_from_draft(self, raw: dict[str, Any]) -> Facts:
        """The facts `facts` gave, back from the draft (they are saved beside the value)."""
        return {}

    def from_draft(self, raw: dict[str, Any]) -> V:
        """The value back from a draft. Raises TypeError/ValueError/KeyError when damaged."""
        raise NotImplementedError

    def read_plain(self, prompt: P, ask: PlainAsk) -> V | None:
        """Ask for the answer in the plain walk; None when the person skipped it."""
        raise NotImplementedError

    # ------------------------------------------------------------------ the journal

    def journal_lines(self, answer: A) -> list[str]:
        """The lines under the prompt heading (docs/journal-format.md)."""
        raise NotImplementedError

    def parse(self, lines: AnswerLines) -> A:
        """Read the lines `journal_lines` wrote: parse(render(x)) == x."""
        raise NotImplementedError

    # ------------------------------------------------------------------ reading back

    def markdown(self, answer: A) -> str:
        """The answer in the Markdown export, ending with a newline."""
        raise NotImplementedError

    def to_json(self, answer: A) -> dict[str, Any]:
        """Its own fields in the JSON export (beside kind, prompt_id and prompt)."""
        raise NotImplementedError

    def json_schema(self) -> tuple[dict[str, Any], list[str]]:
        """(properties, required) of `to_json`, for the export's JSON Schema."""
        raise NotImplementedError

    def from_json(
        self, prompt_id: str, prompt: str, data: dict[str, Any], read: JsonFields, where: str
    ) -> A:
        """The answer `to_json` made, read back (the export round-trip tests use it)."""
        raise NotImplementedError

    def view(self, answer: A, today: date) -> list[Styled]:
        """The answer in `reflect show`, as styled lines indented under the prompt."""
        raise NotImplementedError

    def summary_lines(self, answer: A, today: date) -> list[str]:
        """The answer as plain lines, in the app's end-of-walk summary."""
        raise NotImplementedError

    def searchable(self, answer: A) -> Iterable[str]:
        """What the person wrote in it, for `reflect search` (not the workbook's words)."""
        return ()

    def without_actions(self, answer: A) -> object:
        """The answer with any actions it holds left out, to compare two versions of it
        (`reflect edit` counts changed actions apart from changed answers)."""
        return answer

    def merge(self, base: A | None, ours: A, theirs: A, join: Join) -> A | None:
        """The same answer changed on two devices, joined (reflect.journal.merge): words
        with `join.words`, items with `join.items`, actions with `join.actions`. Called
        with two answers of this kind to the same prompt; `base` is the ancestor's
        answer when it was of this kind too. None (the default: a scale's two numbers, two
        choices) when the two cannot be joined: one is kept and the other is a conflict."""
        return None

    def own_words(self, answer: A) -> Iterable[str]:
        """The person's own free words in it, where #tags may be (reflect.journal.tags).
        Not an option they picked: a workbook's options are its words, not theirs."""
        return ()

    # ------------------------------------------------------------------ looking back

    shows_last: ClassVar[bool] = False
    """Whether a walk shows this kind's last answer beside its prompt unless the
    workbook says `show_last = false` (otherwise only with `show_last = true`): a number
    or a pick is a reminder; last week's page of words beside the prompt would be more."""

    def last_said(self, answer: A, prompt: P, today: date) -> str:
        """The answer in one short line, beside the same prompt the next time it is
        walked ("Last time (Sun 22 Nov): 6"). Only for showing: the journal keeps it all."""
        return fold("; ".join(line for line in self.summary_lines(answer, today) if line))

    def labelled_ends(self, raw: dict[str, Any]) -> Ends | None:
        """(low, high, low label, high label) of a prompt of this kind as a workbook's
        TOML gives it, for the ends of a chart; None for kinds without a scale."""
        return None


Ends = tuple[int, int, str | None, str | None]

FOLD_AT = 60
"""A line shown from an earlier answer is folded to about this many characters."""


def fold(text: str, *, more: bool = False) -> str:
    """`text` cut at a word near FOLD_AT characters, with '…' where anything was left
    out (`more`: something after it was left out already). Only for showing."""
    if len(text) <= FOLD_AT:
        return text + " …" if more else text
    cut = text[:FOLD_AT].rsplit(" ", 1)[0] or text[:FOLD_AT]
    return cut.rstrip() + "…"
