"""Every action id in use, read through the action index.

A new action's id must not repeat any id in the journal, open or closed, in any
month file. The index must give exactly what a full read gives, however the
journal changed and however the cache was left; and saving (finishing a walk,
`reflect actions add`, a jrnl import) must not read month files it does not touch.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from reflect.actions import add_action, mark
from reflect.drafts import DraftStore
from reflect.errors import JournalError
from reflect.finish import finish_session
from reflect.importers.jrnl import import_jrnl
from reflect.journal import index, months
from reflect.journal import model as journal_model
from reflect.journal import parse as journal_parse
from reflect.journal import store as journal_store
from reflect.journal.entry_parser import ParsedFile
from reflect.journal.index import CACHE_NAME, action_ids
from reflect.journal.model import Action, Entry, SectionRecord, Status
from reflect.journal.store import JournalStore
from reflect.kinds.action import ActionAnswer, PlannedAction
from reflect.session import Session
from reflect.workbook.loader import load_workbook
from tests.conftest import DATA, FROZEN_NOW

TODAY = FROZEN_NOW.date()
# Months of the varied journal: years apart, with the current month last.
MONTHS = [(2019, 3), (2021, 12), (2024, 7), (2025, 1), (2026, 10), (2026, 11)]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "journal"


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def _varied(folder: Path, seed: int) -> JournalStore:
    """A journal of free-form entries, loose actions and workbook sessions whose actions
    are open, done and dropped, spread over years; every id made by `seed`."""
    rng = random.Random(seed)
    store = JournalStore(folder)
    used: set[str] = set()

    def fresh(length: int) -> str:
        while True:
            made = "".join(rng.choice(journal_model.ID_ALPHABET) for _ in range(length))
            if made not in used:
                used.add(made)
                return made

    def actions(count: int) -> tuple[Action, ...]:
        made = []
        for n in range(count):
            status: Status = rng.choice(["open", "open", "done", "dropped"])
            due = date(2026, 12, rng.randint(1, 28)) if rng.random() < 0.5 else None
            closed = date(2026, 11, 20) if status != "open" else None
            made.append(Action(fresh(4), f"Step {n}", status, due, None, closed))
        return tuple(made)

    for year, month in MONTHS:
        for day in sorted(rng.sample(range(1, 28), rng.randint(1, 4))):
            written = datetime(year, month, day, rng.randint(6, 22), 0)
            kind = rng.choice(["free", "loose", "walk"])
            if kind == "free":
                entry = Entry(fresh(8), written, body="A quiet day.")
            elif kind == "loose":
                entry = Entry(fresh(8), written, "Action added", actions=actions(1))
            else:
                plan = ActionAnswer("step", "What will you do?", actions(rng.randint(1, 3)))
                entry = Entry(
                    fresh(8),
                    written,
                    "Weekly review",
                    "weekly-review",
                    "1",
                    sections=(SectionRecord("next", "Next steps", (plan,)),),
                    actions=actions(rng.randint(0, 2)),
                )
            store.add_entry(entry)
    return store


def _add_loose(store: JournalStore, written: datetime, *found: Action) -> None:
    entry_id = ("e" + "".join(a.id for a in found))[:16]
    store.add_entry(Entry(entry_id, written, "Action added", actions=found))


def _same_as_a_full_read(folder: Path, cache: Path) -> set[str]:
    ids = action_ids(folder, cache)
    assert ids == JournalStore(folder).read_action_ids()
    return ids


# --------------------------------------------------------------------------- the same ids


@pytest.mark.parametrize("seed", range(6))
def test_the_index_gives_every_id_a_full_read_gives(seed: int, folder: Path, cache: Path) -> None:
    _varied(folder, seed)
    cold = _same_as_a_full_read(folder, cache)
    assert (cache / CACHE_NAME).is_file()
    assert _same_as_a_full_read(folder, cache) == cold  # warm: from the cache
    # The store with a cache folder answers through the index, and the same.
    assert JournalStore(folder, cache).action_ids() == cold


def test_closed_actions_ids_are_taken_too(folder: Path, cache: Path) -> None:
    store = JournalStore(folder)
    _add_loose(
        store,
        datetime(2019, 3, 2, 9, 0),
        Action("d0n3", "Done long ago", "done", changed_on=date(2019, 3, 3)),
        Action("dr0p", "Dropped", "dropped", changed_on=date(2019, 3, 3)),
        Action("0pen", "Still open"),
    )
    assert _same_as_a_full_read(folder, cache) == {"d0n3", "dr0p", "0pen"}
    mark(store, "0pen", "done", TODAY)  # from open to closed: the id stays taken
    assert _same_as_a_full_read(folder, cache) == {"d0n3", "dr0p", "0pen"}


def test_the_ids_follow_every_change_to_the_journal(folder: Path, cache: Path) -> None:
    store = _varied(folder, 7)
    _same_as_a_full_read(folder, cache)
    # A new month, a new action in an existing month, a closed one opened again.
    _add_loose(store, datetime(2023, 5, 1, 8, 0), Action("n3wm", "New month"))
    _add_loose(store, datetime(2019, 3, 28, 8, 0), Action("0ldm", "Old month", "done"))
    assert {"n3wm", "0ldm"} <= _same_as_a_full_read(folder, cache)
    mark(store, "0ldm", "open", TODAY)
    _same_as_a_full_read(folder, cache)
    # A hand edit in place (same inode) that renames an id.
    path = folder / "2023-05.txt"
    path.write_text(path.read_text().replace("(n3wm)", "(h4nd)"))
    ids = _same_as_a_full_read(folder, cache)
    assert "h4nd" in ids and "n3wm" not in ids
    # A month file removed: its ids are free again.
    path.unlink()
    assert "h4nd" not in _same_as_a_full_read(folder, cache)
    (folder / "2019-03.txt").unlink()
    assert "0ldm" not in _same_as_a_full_read(folder, cache)


def test_only_changed_month_files_are_read_again(
    folder: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _varied(folder, 8)
    action_ids(folder, cache)
    read: list[str] = []
    real = index._read_month

    def counting(folder: Path, name: str) -> index.Month:
        read.append(name)
        return real(folder, name)

    monkeypatch.setattr(index, "_read_month", counting)
    action_ids(folder, cache)
    assert read == []
    _add_loose(store, datetime(2024, 7, 28, 8, 0), Action("j7ly", "July"))
    assert "j7ly" in action_ids(folder, cache)
    assert read == ["2024-07.txt"]


def _rewrite(cache: Path, change: Callable[[dict[str, object]], object]) -> None:
    data = json.loads((cache / CACHE_NAME).read_bytes())
    for month in data["files"].values():
        change(month)
    (cache / CACHE_NAME).write_text(json.dumps(data))


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00\xff not json",
        b'{"format": 2, "journal": "/somewhere/else", "files": {}}',
        "format 1",  # the index before closed ids: it would miss them
        "no closed",
        "closed is text",
        "closed holds numbers",
        "closed holds lists",
        "records of numbers",
        "empty records",
        "records are text",
    ],
)
def test_a_damaged_old_or_foreign_cache_still_gives_every_id(
    damage: bytes | str, folder: Path, cache: Path
) -> None:
    _varied(folder, 9)
    expected = _same_as_a_full_read(folder, cache)
    changes: dict[str, Callable[[dict[str, object]], object]] = {
        "no closed": lambda m: m.pop("closed"),
        "closed is text": lambda m: m.update(closed="x"),
        "closed holds numbers": lambda m: m.update(closed=[1, 2]),
        "closed holds lists": lambda m: m.update(closed=[["x"]]),
        "records of numbers": lambda m: m.update(actions=[[1, 2, 3]]),
        "empty records": lambda m: m.update(actions=[[]]),
        "records are text": lambda m: m.update(actions=["abcd"]),
    }
    if damage == "format 1":
        data = json.loads((cache / CACHE_NAME).read_bytes())
        data["format"] = 1
        for month in data["files"].values():
            del month["closed"]
        (cache / CACHE_NAME).write_text(json.dumps(data))
    elif isinstance(damage, str):
        _rewrite(cache, changes[damage])
    else:
        (cache / CACHE_NAME).write_bytes(damage)
    assert action_ids(folder, cache) == expected
    # ...and the cache is whole again.
    assert json.loads((cache / CACHE_NAME).read_bytes())["format"] == index.INDEX_FORMAT
    assert action_ids(folder, cache) == expected
    assert [a.id for a in index.open_actions(folder, cache)] == [
        a.id
        for e in JournalStore(folder).entries()
        for a, _, _ in e.all_actions()
        if a.status == "open"
    ]


def test_a_cache_that_cannot_be_written_still_gives_every_id(folder: Path, tmp_path: Path) -> None:
    _varied(folder, 10)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go")
    assert action_ids(folder, blocked) == JournalStore(folder).read_action_ids()
    assert JournalStore(folder, blocked).action_ids() == JournalStore(folder).read_action_ids()


def test_no_journal_yet(folder: Path, cache: Path) -> None:
    assert action_ids(folder, cache) == set()
    assert JournalStore(folder, cache).action_ids() == set()


def test_a_broken_month_file_is_an_error_as_for_a_full_read(folder: Path, cache: Path) -> None:
    _varied(folder, 11)
    action_ids(folder, cache)
    path = folder / "2024-07.txt"
    path.write_text(path.read_text() + "\nthis line is not part of the format\n")
    with pytest.raises(JournalError) as caught:
        action_ids(folder, cache)
    assert caught.value.path == path


# --------------------------------------------------------------------------- saving new actions


@pytest.fixture
def store(folder: Path, cache: Path) -> JournalStore:
    """A varied journal, its index warm, then one more action written since (as by another
    process): the index must notice it, as well as the ids years back."""
    _varied(folder, 12)
    _add_loose(
        JournalStore(folder),
        datetime(2019, 3, 1, 8, 0),
        Action("0ld1", "Years ago, done", "done", changed_on=date(2019, 3, 2)),
        Action("0ld2", "Years ago, open"),
    )
    with_cache = JournalStore(folder, cache)
    with_cache.action_ids()
    _add_loose(JournalStore(folder), datetime(2026, 11, 28, 8, 0), Action("l4te", "Just now"))
    return with_cache


TAKEN = ["0ld1", "0ld2", "l4te"]


@pytest.fixture
def proposed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make new action ids come from a script: every id already taken, then a fresh one,
    and so on; entry ids (8 characters) are made as ever."""
    script = iter([*TAKEN, "fr51", *TAKEN, "fr52", *TAKEN, "fr53"])
    given: list[str] = []
    real = journal_model.new_id

    def next_id(length: int) -> str:
        if length != journal_model.ACTION_ID_LENGTH:
            return real(length)
        given.append(next(script))
        return given[-1]

    monkeypatch.setattr(journal_model, "new_id", next_id)
    return given


def _walk(*plans: str, started: datetime = FROZEN_NOW) -> Session:
    """A walk of the every-kind workbook that answers only its action prompt."""
    session = Session(load_workbook(DATA / "workbooks" / "every-kind.toml"), started=started)
    for _ in range(5):
        session.skip_prompt()
    session.answer([PlannedAction(text, date(2026, 12, 2)) for text in plans])
    assert session.at_end
    return session


def test_actions_add_never_picks_a_taken_id(
    store: JournalStore, cache: Path, proposed: list[str]
) -> None:
    action, path = add_action(store, "Call Sam", date(2026, 11, 30), None, FROZEN_NOW)
    assert action.id == "fr51"
    assert proposed == [*TAKEN, "fr51"]
    assert path.name == "2026-11.txt"
    assert "fr51" in _same_as_a_full_read(store.folder, cache)


def test_finishing_a_walk_never_picks_a_taken_id(
    store: JournalStore, proposed: list[str], tmp_path: Path
) -> None:
    session = _walk("Phone Sam", "Book the dentist")
    entry, _ = finish_session(session, store, DraftStore(tmp_path / "drafts"), FROZEN_NOW)
    assert [a.id for a, _, _ in entry.all_actions()] == ["fr51", "fr52"]
    JournalStore(store.folder).read_action_ids()  # the journal still reads: no id twice


def test_a_jrnl_import_never_picks_a_taken_id(store: JournalStore, proposed: list[str]) -> None:
    report = import_jrnl(store, DATA / "jrnl" / "journal.txt")
    assert report.actions == 3
    assert proposed == [*TAKEN, "fr51", *TAKEN, "fr52", *TAKEN, "fr53"]
    JournalStore(store.folder).read_action_ids()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[list[str], list[str]]]:
    """(month files read, month files parsed) from here on, by name."""
    read: list[str] = []
    parsed: list[str] = []
    real_read, real_parse = months.read_month_text, journal_parse.parse

    def read_text(path: Path) -> str:
        read.append(path.name)
        return real_read(path)

    def parse(text: str, path: Path | None = None) -> ParsedFile:
        parsed.append(path.name if path else "?")
        return real_parse(text, path)

    # Every read of a month file is months.read_month_text's; the parser is called from
    # reflect.journal.months (reading) and from the store (before a write).
    monkeypatch.setattr(months, "read_month_text", read_text)
    monkeypatch.setattr(journal_parse, "parse", parse)
    monkeypatch.setattr(journal_store, "parse", parse)
    yield read, parsed


def test_actions_add_reads_only_the_month_it_writes(
    store: JournalStore, reads: tuple[list[str], list[str]]
) -> None:
    add_action(store, "Call Sam", None, None, FROZEN_NOW)
    read, parsed = reads
    assert set(read) == set(parsed) == {"2026-11.txt"}


def test_finishing_a_walk_reads_only_this_months_files(
    store: JournalStore, reads: tuple[list[str], list[str]], tmp_path: Path
) -> None:
    finish_session(_walk("Phone Sam"), store, DraftStore(tmp_path / "drafts"), FROZEN_NOW)
    read, parsed = reads
    # The month before the walk started is looked in for an earlier copy, not parsed.
    assert set(read) <= {"2026-10.txt", "2026-11.txt"}
    assert set(parsed) == {"2026-11.txt"}


def test_a_jrnl_import_parses_only_the_months_it_writes(
    store: JournalStore, reads: tuple[list[str], list[str]]
) -> None:
    import_jrnl(store, DATA / "jrnl" / "journal.txt")
    read, parsed = reads
    # The months it writes, and the one written since the index was (by `store`).
    assert set(read) == set(parsed) == {"2024-02.txt", "2024-03.txt", "2026-11.txt"}


def test_a_store_without_a_cache_still_reads_everything(
    folder: Path, reads: tuple[list[str], list[str]]
) -> None:
    _varied(folder, 13)
    reads[0].clear()
    add_action(JournalStore(folder), "Call Sam", None, None, FROZEN_NOW)
    assert {f"{y:04d}-{m:02d}.txt" for y, m in MONTHS} <= set(reads[0])


def test_two_saves_at_once_still_cannot_share_an_id(
    store: JournalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ids were read, then another process saved `r4ce` before this save took the lock:
    the month file's own check refuses, and nothing is written."""
    taken_before = store.action_ids()
    _add_loose(JournalStore(store.folder), datetime(2026, 11, 29, 9, 0), Action("r4ce", "Theirs"))
    monkeypatch.setattr(store, "action_ids", lambda: taken_before)
    real = journal_model.new_id
    monkeypatch.setattr(journal_model, "new_id", lambda n: "r4ce" if n == 4 else real(n))
    before = (store.folder / "2026-11.txt").read_bytes()
    with pytest.raises(JournalError, match="just taken by another save"):
        add_action(store, "Mine", None, None, FROZEN_NOW)
    assert (store.folder / "2026-11.txt").read_bytes() == before


# --------------------------------------------------------------------------- an earlier finish


@pytest.mark.parametrize(
    ("started", "first_finish"),
    [
        (datetime(2026, 11, 29, 9, 0), datetime(2026, 11, 29, 9, 30)),
        (datetime(2026, 10, 31, 23, 50), datetime(2026, 11, 1, 0, 10)),  # over a month's end
        (datetime(2026, 11, 1, 0, 5), datetime(2026, 10, 31, 23, 59)),  # the clock put back
        (datetime(2025, 6, 1, 9, 0), datetime(2026, 11, 29, 9, 30)),  # resumed long after
    ],
)
def test_a_walk_finished_before_a_crash_is_not_written_twice(
    started: datetime, first_finish: datetime, store: JournalStore, tmp_path: Path
) -> None:
    session = _walk("Phone Sam", started=started)
    first = session.to_entry(first_finish, store.action_ids())
    store.add_entry(first)  # ...and then the process died before clearing the draft
    entry, path = finish_session(session, store, DraftStore(tmp_path / "drafts"), FROZEN_NOW)
    assert entry == first
    assert path.name == f"{first_finish:%Y-%m}.txt"
    copies = [e for e in JournalStore(store.folder).entries() if e.id == session.entry_id]
    assert len(copies) == 1


def test_an_unfinished_walk_in_an_empty_journal(tmp_path: Path, cache: Path) -> None:
    store = JournalStore(tmp_path / "journal", cache)
    entry, path = finish_session(
        _walk("Phone Sam"), store, DraftStore(tmp_path / "drafts"), FROZEN_NOW
    )
    assert path.name == "2026-11.txt"
    assert JournalStore(store.folder).read_action_ids() == {a.id for a, _, _ in entry.all_actions()}
