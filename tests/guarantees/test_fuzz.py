"""Fuzzing the readers of everything a person (or a sync tool) can hand reflect.

Workbook files, workbook data, journal month files and drafts: whatever goes in, only
two things may come out, a result or reflect's own error (which the CLI prints as one
short paragraph). Any other exception would be a traceback in front of someone.

Each test counts the examples it tried, for the figures in docs/guarantees.md.
"""

from __future__ import annotations

import copy
import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reflect.drafts import DraftStore, session_to_draft
from reflect.errors import DraftError, JournalError, ReflectError, WorkbookError
from reflect.journal.entry_parser import ParsedFile
from reflect.journal.parse import parse
from reflect.journal.render import render_file
from reflect.journal.store import JournalStore
from reflect.paths import bundled_workbooks_dir
from reflect.workbook.loader import load_workbook, validate_workbook
from reflect.workbook.models import Workbook
from tests.guarantees.helpers import Figures, cli, walk_input

FUZZ = settings(
    database=None,  # keep the checkout clean: no .hypothesis/ folder
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
WELLBEING_PATH = bundled_workbooks_dir() / "wellbeing-check-in.toml"
WELLBEING_TEXT = WELLBEING_PATH.read_text(encoding="utf-8")
WELLBEING = tomllib.loads(WELLBEING_TEXT)
SECRET = "SECRET-WORDS-7f3a"

# --------------------------------------------------------------------------- workbook bytes

TOML_PIECES = [
    "[[sections]]",
    "[[sections.prompts]]",
    "[sections]",
    'id = "x"',
    'id = "how-you-are"',
    'id = "../../x"',
    'kind = "text"',
    'kind = "scale"',
    'kind = "choice"',
    'kind = "essay"',
    'title = "T"',
    'text = "Q?"',
    'description = "d"',
    "minutes = 3",
    "minutes = -1",
    "min = 5",
    "max = 0",
    "support_below = 99",
    'options = ["a", "a"]',
    "options = []",
    "items = 0",
    "optional = 1",
    'tips = ["t", 3]',
    "a.b.c = 1",
    "x = 1979-05-27T07:32:00Z",
    "x = 07:32:00",
    "x = inf",
    "x = nan",
    "x = 0x1F",
    "x = 1e400",
    "x = 99999999999999999999999",
    'x = """',
    "x = '''",
    "x = {a = 1, b = [1, {c = 2}]}",
    '"\\u0000" = 1',
    '"\\ud800" = 1',
    "[",
    "]",
    "[[",
    "{",
    "=",
    "#",
    "\\",
    '"',
    "\ufeff",
    "\x00",
    "\r",
    "\t",
    "é",
    "🙂",
]


@st.composite
def toml_ish(draw: st.DrawFn) -> bytes:
    """Bytes that look like a workbook often enough to get past the TOML parser."""
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(st.binary(max_size=400))
    if kind == 1:
        text = WELLBEING_TEXT
        for _ in range(draw(st.integers(1, 4))):  # a few edits to a real workbook
            at = draw(st.integers(0, len(text)))
            cut = draw(st.integers(0, 40))
            text = (
                text[:at]
                + draw(st.sampled_from(TOML_PIECES) | st.text(max_size=8))
                + text[at + cut :]
            )
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
        return text.encode(encoding, "replace")
    lines = draw(
        st.lists(st.sampled_from(TOML_PIECES) | st.text(max_size=20), min_size=0, max_size=30)
    )
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return newline.join(lines).encode("utf-8", "surrogatepass")


def test_fuzz_workbook_files(tmp_path: Path, figures: Figures) -> None:
    path = tmp_path / "fuzz.toml"
    outcomes = {"loaded": 0, "refused": 0}

    @settings(FUZZ, max_examples=700)
    @given(toml_ish())
    def load(data: bytes) -> None:
        path.write_bytes(data)
        try:
            result = load_workbook(path)
        except WorkbookError as error:
            assert error.path == path
            outcomes["refused"] += 1
        else:
            assert isinstance(result, Workbook)
            outcomes["loaded"] += 1

    load()
    figures.add("fuzz examples: workbook files", sum(outcomes.values()))
    assert outcomes["refused"] > 100


# --------------------------------------------------------------------------- workbook data

SCALARS = (
    st.text(max_size=12)
    | st.just(SECRET)
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=True)
    | st.booleans()
    | st.datetimes()
    | st.dates()
    | st.times()
    | st.sampled_from(["text", "scale", "choice", "checklist", "list", "action", "x-y", ""])
)
KEYS = st.sampled_from(
    [
        "id",
        "title",
        "version",
        "description",
        "minutes",
        "intro",
        "support_note",
        "sections",
        "prompts",
        "kind",
        "text",
        "help",
        "optional",
        "min",
        "max",
        "min_label",
        "max_label",
        "support_below",
        "options",
        "items",
        "suggested_when",
        "ideas",
        "tips",
    ]
) | st.text(max_size=8)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=25,
)


@st.composite
def workbook_data(draw: st.DrawFn) -> Any:
    """Arbitrary data, or a real workbook with a few parts replaced or removed."""
    if draw(st.booleans()):
        return draw(st.dictionaries(KEYS, VALUES, max_size=8) | VALUES)
    data = copy.deepcopy(WELLBEING)
    for _ in range(draw(st.integers(1, 3))):
        node: Any = data
        while True:  # walk down to a random container
            children = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
            if not children:
                break
            key, child = draw(st.sampled_from(children))
            if isinstance(child, dict | list) and child and draw(st.booleans()):
                node = child
                continue
            if isinstance(node, dict) and draw(st.integers(0, 3)) == 0:
                del node[key]
            else:
                node[key] = draw(VALUES)
            break
    return data


def test_fuzz_workbook_data(tmp_path: Path, figures: Figures) -> None:
    lines = WELLBEING_TEXT.split("\n")
    outcomes = {"valid": 0, "refused": 0}

    @settings(FUZZ, max_examples=500)
    @given(workbook_data())
    @example(copy.deepcopy(WELLBEING))  # the untouched workbook, which must validate
    def validate(data: Any) -> None:
        try:
            result = validate_workbook(data, WELLBEING_PATH, lines)
        except WorkbookError as error:
            # Input values are never echoed (pydantic's hide_input_in_errors), except an
            # author's own duplicated option or id, named so it can be found.
            if "used more than once" not in str(error):
                assert SECRET not in str(error)
            outcomes["refused"] += 1
        else:
            assert isinstance(result, Workbook)
            outcomes["valid"] += 1

    validate()
    figures.add("fuzz examples: workbook data", sum(outcomes.values()))
    assert outcomes["refused"] > 100 and outcomes["valid"] > 0


# --------------------------------------------------------------------------- journal files


def _sample_journal_text() -> str:
    assert cli("write", "A page.\n\n    indented inside\n## not a heading").exit_code == 0
    assert cli("actions", "add", "Phone Sam", "--due", "fri").exit_code == 0
    assert cli("start", "wellbeing-check-in", "--plain", input=walk_input("f")).exit_code == 0
    [path] = JournalStore(Path(_home()) / "journal").month_files()
    return path.read_text(encoding="utf-8")


def _home() -> str:
    import os

    return os.environ["REFLECT_HOME"]


JOURNAL_LINES = [
    "# reflect journal · format 1",
    "# reflect journal · format 2",
    "\ufeff# reflect journal · format 1",
    "## 2026-11-29 10:00",
    "## 2026-11-29 10:00:59 · a title",
    "## 2026-02-30 10:00",
    "## 9999-12-31 23:59",
    "id: aaaaaaaa",
    "id: AAAA",
    "id: ",
    "workbook: wellbeing-check-in (version 1)",
    "workbook: x (version )",
    "starred: yes",
    "starred: no",
    "- [ ] Phone Sam  (k3f9 · due 2026-12-04)",
    "- [x] Done  (k3f9 · done 2026-12-01)",
    "- [-] Dropped  (zz22 · dropped 2026-12-01 · due 2026-12-04 09:30)",
    "- [?] what  (k3f9)",
    "- [ ] no id",
    "### Section  [sec]",
    "#### Prompt  [p]",
    "#### Prompt without id",
    "    an answer",
    "\tan answer with a tab",
    "scale: 5 (0 to 10)",
    "scale: 99999999999999999999 (0 to 1)",
    "chose: x",
    "ticked: a",
    "item: b",
    "",
    "   ",
    "\r",
]


@st.composite
def journal_text(draw: st.DrawFn, sample: str) -> str:
    if draw(st.booleans()):
        lines = sample.split("\n")
        for _ in range(draw(st.integers(1, 5))):  # hand edits: replace, delete, insert
            at = draw(st.integers(0, len(lines)))
            op = draw(st.integers(0, 2))
            new = draw(st.sampled_from(JOURNAL_LINES) | st.text(max_size=30))
            if op == 0 and at < len(lines):
                lines[at] = new
            elif op == 1 and at < len(lines):
                del lines[at]
            else:
                lines.insert(at, new)
        text = "\n".join(lines)
        at = draw(st.integers(0, len(text)))
        return text[:at] if draw(st.booleans()) else text  # sometimes cut off too
    lines = draw(st.lists(st.sampled_from(JOURNAL_LINES) | st.text(max_size=30), max_size=40))
    return "\n".join(["# reflect journal · format 1", *lines])


def test_fuzz_journal_parser(figures: Figures) -> None:
    sample = _sample_journal_text()
    outcomes = {"parsed": 0, "refused": 0}

    @settings(FUZZ, max_examples=1500)
    @given(journal_text(sample))
    def read(text: str) -> None:
        try:
            result = parse(text, Path("2026-11.txt"))
        except JournalError as error:
            assert error.line is not None and error.line >= 1
            outcomes["refused"] += 1
        else:
            assert isinstance(result, ParsedFile)
            outcomes["parsed"] += 1

    read()
    figures.add("fuzz examples: journal text", sum(outcomes.values()))
    assert outcomes["refused"] > 200 and outcomes["parsed"] > 20


def test_fuzz_journal_files_through_the_store(tmp_path: Path, figures: Figures) -> None:
    """Raw bytes in a month file (not UTF-8, NULs, BOMs) through the store's reader."""
    store = JournalStore(tmp_path / "journal")
    store.folder.mkdir()
    path = store.folder / "2026-11.txt"
    count = 0

    @settings(FUZZ, max_examples=600)
    @given(
        st.binary(max_size=300)
        | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))
    )
    def read(data: bytes) -> None:
        nonlocal count
        count += 1
        path.write_bytes(b"# reflect journal \xc2\xb7 format 1\n" + data)
        try:
            list(store.entries())
            store.action_ids()
        except JournalError as error:
            assert error.path == path

    read()
    figures.add("fuzz examples: journal bytes", count)


# --------------------------------------------------------------------------- drafts

DRAFT_SCALARS = (
    st.text(max_size=10)
    | st.integers(-(10**6), 10**6)
    | st.booleans()
    | st.datetimes(min_value=datetime(2000, 1, 1))
    | st.dates()
    | st.times()
)
DRAFT_VALUES = st.recursive(
    DRAFT_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=15,
)


@st.composite
def draft_data(draw: st.DrawFn) -> dict[str, Any]:
    """A real draft with parts replaced, or arbitrary TOML data."""
    base: dict[str, Any] = {
        "format": 1,
        "workbook": "wellbeing-check-in",
        "version": "1",
        "workbook_path": "",
        "entry_id": "abcdefgh",
        "started": datetime(2026, 11, 29, 9, 0),
        "updated": datetime(2026, 11, 29, 9, 5),
        "at": "this-week/energy",
        "history": ["how-you-are/feeling-overall"],
        "skipped_sections": [],
        "answers": {
            "feeling-overall": {
                "kind": "scale",
                "prompt": "How are you feeling?",
                "section": "how-you-are",
                "section_title": "How you are",
                "low": 0,
                "high": 10,
                "value": 6,
            },
            "small-thing-for-you": {
                "kind": "action",
                "prompt": "One small thing",
                "actions": [{"text": "walk", "due": date(2026, 12, 1), "at": time(9, 0)}],
            },
        },
    }
    if not draw(st.booleans()):
        return draw(
            st.dictionaries(st.sampled_from(list(base)) | st.text(max_size=5), DRAFT_VALUES)
        )
    for _ in range(draw(st.integers(1, 3))):
        node: Any = base
        while True:
            children = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
            if not children:
                break
            key, child = draw(st.sampled_from(children))
            if isinstance(child, dict | list) and child and draw(st.booleans()):
                node = child
                continue
            if isinstance(node, dict) and draw(st.booleans()):
                del node[key]
            else:
                node[key] = draw(DRAFT_VALUES)
            break
    return base


def test_fuzz_drafts(tmp_path: Path, figures: Figures) -> None:
    workbook = load_workbook(WELLBEING_PATH)
    drafts = DraftStore(tmp_path / "drafts")
    drafts.folder.mkdir()
    outcomes = {"resumed": 0, "refused": 0}

    @settings(FUZZ, max_examples=300)
    @given(draft_data())
    def resume(data: dict[str, Any]) -> None:
        drafts.path(workbook.id).write_text(tomli_w.dumps(data), encoding="utf-8")
        try:
            session = drafts.load(workbook)
        except DraftError:
            outcomes["refused"] += 1
            return
        outcomes["resumed"] += 1
        assert session is not None
        # A draft that loads must be usable to the end, not fail later in front of someone:
        # the step shows, the next save works, and the finished entry renders and reads back.
        session.current  # noqa: B018 — reading the step must not fail
        tomli_w.dumps(session_to_draft(session, None, datetime(2026, 11, 29, 10, 0)))
        entry = session.to_entry(datetime(2026, 11, 29, 10, 0), set())
        [again] = parse(render_file([entry])).entries
        assert again == entry
        drafts.progress(workbook.id)

    resume()
    figures.add("fuzz examples: drafts", sum(outcomes.values()))
    assert outcomes["refused"] > 20 and outcomes["resumed"] > 20


def test_only_reflect_errors_escape(figures: Figures) -> None:
    """The error types the fuzzers accept are all the CLI's own (printed, never a traceback)."""
    for kind in (WorkbookError, JournalError, DraftError):
        assert issubclass(kind, ReflectError)


# --------------------------------------------------------------------------- imports

JRNL_LINES = [
    "[2024-03-01 08:15:00 AM] A title",
    "[2024-03-01 08:15 PM] Starred *",
    "[2024-03-01 20:15:00] *",
    "[2024-02-30 20:15] Not a day",
    "[2024-03-01 20:15]",
    "- [ ] Call the dentist due:2024-03-05",
    "* [ ] @due(2024-13-45) odd",
    "- [ ]   ",
    "- [x] done already",
    "## 2026-11-29 10:00",
    "    indented",
    "\t",
    "\r",
    "",
]


def test_fuzz_jrnl_import(tmp_path: Path, figures: Figures) -> None:
    """A jrnl file turns into entries the journal can hold (they render and read back),
    or into reflect's own error: an import never writes a month reflect cannot read."""
    from reflect.importers.jrnl import decode, parse_jrnl, to_entry

    path = tmp_path / "jrnl.txt"
    outcomes = {"imported": 0, "refused": 0}

    @settings(FUZZ, max_examples=400)
    @given(
        st.lists(st.sampled_from(JRNL_LINES) | st.text(max_size=40), max_size=25).map(
            lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")
        )
        | st.binary(max_size=200)
    )
    def read(raw: bytes) -> None:
        try:
            items = parse_jrnl(decode(raw, path), path)
        except ReflectError:
            outcomes["refused"] += 1
            return
        taken: set[str] = set()
        entries = [to_entry(item, taken) for item in items]
        unique = list({e.id: e for e in entries}.values())
        back = parse(render_file(unique)).entries  # readable, whatever was imported
        assert [e.id for e in back] == [e.id for e in unique]
        outcomes["imported"] += 1

    read()
    figures.add("fuzz examples: jrnl imports", sum(outcomes.values()))
    assert outcomes["imported"] > 20 and outcomes["refused"] > 20, outcomes
