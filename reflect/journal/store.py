"""The journal on disk: a private folder of month files, changed atomically under a lock.

Adding an entry appends it to its month's file (a rewrite of that one file,
atomically; the rest of the journal is never touched). Changing an action
replaces only that action's own lines, so every other byte of a hand-edited
file stays exactly as the person left it. Files that do not parse are never
written to by a change; the error names the file and line.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reflect.crypt import AGE, is_encrypted, seal, unseal
from reflect.errors import AmbiguousIdError, JournalError, NotFoundError, ReflectError
from reflect.fileio import atomic_write, locked, remove_stale_temp_files, tighten
from reflect.journal import months
from reflect.journal.entry_parser import ParsedFile
from reflect.journal.index import action_ids as indexed_action_ids
from reflect.journal.lines import REPEAT_SINCE_FORMAT, file_header, render_action
from reflect.journal.model import Action, Entry, derived_action_id, month_key
from reflect.journal.months import MONTH_FILE
from reflect.journal.parse import parse, with_format
from reflect.journal.render import format_needed, render_entry
from reflect.messages import NOT_UTF8

# A shorter prefix than this is never taken for an id: one letter would match too much.
MIN_PREFIX = 2
MAX_CANDIDATES = 10  # an ambiguous prefix lists at most this many


@dataclass(frozen=True)
class FoundAction:
    action: Action
    entry: Entry
    path: Path
    line: int = 0  # 1-based line of the action in `path` (0: not known)


class JournalStore:
    """All reads and writes of one journal folder.

    `cache_dir`, when given, is where the derived action index lives
    (`reflect.journal.index`): with it, `action_ids` costs a stat per month file
    instead of a parse of the whole journal. Without it, every month file is read.
    """

    def __init__(
        self,
        folder: Path,
        cache_dir: Path | None = None,
        *,
        on_conflict_copies: Callable[[list[Path]], None] | None = None,
        on_saved: Callable[[], None] | None = None,
    ) -> None:
        self.folder = folder
        self.cache_dir = cache_dir
        # Told once, the first time the month files are listed, of the conflict copies
        # a sync tool left (reflect.journal.copies): never read as entries, but the
        # person should know they are waiting for `reflect sync`.
        self._on_conflict_copies = on_conflict_copies
        # Called after every write (`sync.auto` commits and syncs after a save).
        self._on_saved = on_saved

    # ------------------------------------------------------------------ reading

    def month_files(self) -> list[Path]:
        """Month files, oldest first. Temp files and anything else in the folder are ignored.

        Everything named like a month file is listed, whatever it is: one that is a
        symbolic link, a pipe or a folder is then refused by name when it is read
        (`read_text`), never skipped in silence (a month of entries would vanish
        from every listing) and never followed or waited on.
        """
        try:
            listing = os.listdir(self.folder)
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as exc:
            raise JournalError(
                f"Could not read the journal folder ({exc.strerror}).", path=self.folder
            ) from None
        if self._on_conflict_copies is not None:
            copies = months.conflict_copies(listing)
            tell, self._on_conflict_copies = self._on_conflict_copies, None
            if copies:
                tell([self.folder / name for name in copies])
        names = [name for name in listing if MONTH_FILE.match(name)]
        months.check_names(self.folder, names)
        return [self.folder / name for name in sorted(names)]

    @property
    def encrypted(self) -> bool:
        """Whether the journal is marked encrypted (`reflect.crypt`): asked at every write."""
        return is_encrypted(self.folder)

    def path_for(self, entry: Entry) -> Path:
        suffix = ".txt" + (AGE if self.encrypted else "")
        return self.folder / f"{month_key(entry.written)}{suffix}"

    def read_text(self, path: Path) -> str:
        return months.read_month_text(path)

    def read_file(self, path: Path) -> ParsedFile:
        return months.read_month(path)

    def entries(self, *, newest_first: bool = False) -> Iterator[Entry]:
        """Every entry, file by file. Raises JournalError at the first file that does not parse."""
        files = self.month_files()
        for path in reversed(files) if newest_first else files:
            parsed = self.read_file(path).entries
            yield from reversed(parsed) if newest_first else parsed

    def find_entry(self, entry_id: str) -> tuple[Entry, Path]:
        """The entry with this id, or with the one id that starts with it (as git takes
        a short commit id). An ambiguous prefix lists the entries it could mean."""
        entry_id = entry_id.strip().lower()
        found = self._exact_entry(entry_id)
        if found is not None:
            return found
        if len(entry_id) >= MIN_PREFIX:
            matches = self._entry_ids_starting(entry_id)
            if len(matches) == 1:
                found = self._exact_entry(matches[0])
                if found is not None:
                    return found
            if len(matches) > 1:
                described = []
                for candidate in matches[:MAX_CANDIDATES]:
                    hit = self._exact_entry(candidate)
                    if hit is not None:
                        entry = hit[0]
                        summary = (entry.first_line() or entry.title)[:50]
                        described.append(f"  {entry.id}  {entry.written:%Y-%m-%d %H:%M}  {summary}")
                raise AmbiguousIdError(
                    f"More than one entry has an id starting '{entry_id}':\n"
                    + "\n".join(described),
                    hint="Type more of the id.",
                )
        raise NotFoundError(f"There is no journal entry with id '{entry_id}'.")

    def _exact_entry(self, entry_id: str) -> tuple[Entry, Path] | None:
        for path in reversed(self.month_files()):
            if f"id: {entry_id}" not in self.read_text(path):
                continue  # cheap pre-check before parsing
            for entry in self.read_file(path).entries:
                if entry.id == entry_id:
                    return entry, path
        return None

    def _entry_ids_starting(self, prefix: str) -> list[str]:
        """Entry ids that start with `prefix`, from the 'id:' lines of the raw files
        (only structure starts at column 0, so no answer text can pose as one)."""
        pattern = re.compile(rf"^id: ({re.escape(prefix)}[a-z0-9]*)$", re.MULTILINE)
        found: list[str] = []
        for path in reversed(self.month_files()):
            text = self.read_text(path)
            if f"id: {prefix}" in text:
                found += [m.group(1) for m in pattern.finditer(text) if m.group(1) not in found]
        return found

    def find_action(self, action_id: str, entry_id: str | None = None) -> FoundAction:
        """The action with this id (in entry `entry_id`, when given).

        Ids are unique across the journal when reflect makes them, but two month files
        can still share one (an entry copied by hand, two devices synced): then the
        id alone does not say which is meant, and this refuses (naming every entry
        that has it) rather than pick one. `entry_id` says which.
        """
        action_id = action_id.strip().lower()
        found = self.find_actions(action_id)
        if not found and len(action_id) >= MIN_PREFIX:
            found = self._actions_starting(action_id)
        if entry_id is not None:
            found = [f for f in found if f.entry.id == entry_id.strip().lower()]
            if not found:
                raise NotFoundError(
                    f"There is no action with id '{action_id}' in entry '{entry_id.strip()}'.",
                    hint="Run `reflect actions --all` to see every action, its id and its entry.",
                )
        if not found:
            raise NotFoundError(
                f"There is no action with id '{action_id}'.",
                hint="Run `reflect actions --all` to see every action and its id.",
            )
        if len(found) > 1:
            raise ReflectError(
                f"Two or more actions share the id '{action_id}', so it does not say which "
                "one you mean. Nothing was changed.",
                hint="\n".join(
                    [
                        *(
                            f"  entry {f.entry.id} ({f.entry.written:%Y-%m-%d %H:%M}) in "
                            f"{f.path}:{f.line}"
                            for f in found
                        ),
                        f"Say which with --entry, for example: --entry {found[0].entry.id}",
                    ]
                ),
            )
        return found[0]

    def find_actions(self, action_id: str) -> list[FoundAction]:
        """Every action with this id, newest month file first (usually one).

        Every month file is looked in, through the action index when the store has a
        cache folder (a stat per month file), otherwise by reading each file.
        """
        action_id = action_id.strip().lower()
        if self.cache_dir is not None:
            from reflect.journal.index import files_with_action

            paths = [
                self.folder / name for name in files_with_action(self, self.cache_dir, action_id)
            ]
        else:
            paths = list(reversed(self.month_files()))
        found: list[FoundAction] = []
        for path in paths:
            text = self.read_text(path)
            if f"({action_id}" not in text:
                continue  # cheap pre-check before parsing
            parsed = parse(text, path)
            for entry in parsed.entries:
                for action, _, _ in entry.all_actions():
                    if action.id == action_id:
                        line = parsed.action_spans[action.id].start + 1
                        found.append(FoundAction(action, entry, path, line))
        return found

    def _actions_starting(self, prefix: str) -> list[FoundAction]:
        """The actions of the one id that starts with `prefix` (as git takes a short
        commit id); an ambiguous prefix lists the actions it could mean."""
        matches = sorted(i for i in self.action_ids() if i.startswith(prefix))
        if len(matches) > 1:
            described = []
            for candidate in matches[:MAX_CANDIDATES]:
                for hit in self.find_actions(candidate)[:1]:
                    described.append(f"  {hit.action.id}  {hit.action.text[:60]}")
            raise AmbiguousIdError(
                f"More than one action has an id starting '{prefix}':\n" + "\n".join(described),
                hint="Type more of the id.",
            )
        return self.find_actions(matches[0]) if matches else []

    def action_ids(self) -> set[str]:
        """Every action id in the journal, which a new action's id must not repeat.

        Read through the action index when the store has a cache folder: the same
        answer as `read_action_ids`, but on ten years of journal it parses only the
        month files changed since the index was written, not all 1,200 (seconds).
        The index falls back to the month files when it is missing, damaged or
        cannot be written. Ids are unique across the journal, but `add_entry` is
        still the last word: it refuses an id another process took meanwhile.
        """
        if self.cache_dir is None:
            return self.read_action_ids()
        return indexed_action_ids(self.folder, self.cache_dir)

    def read_action_ids(self) -> set[str]:
        """Every action id, from a parse of every month file: the exact, slow path."""
        return {a.id for entry in self.entries() for a, _, _ in entry.all_actions()}

    # ------------------------------------------------------------------ writing

    def add_entry(self, entry: Entry) -> Path:
        """Append `entry` to its month's file. Costs one month file, whatever the journal's size.

        The month file is parsed first: one that does not parse is not written to (the
        error names its line), and an entry whose id is already there is not written
        again. That happens when a walk was killed after saving its entry but before
        deleting its draft, and is then resumed: a second copy would make the whole
        month unreadable (an id used twice).
        """
        path = self.path_for(entry)
        with locked(self.folder):
            remove_stale_temp_files(self.folder)
            self.month_files()  # a journal of mixed plain and age months is refused
            existing = self.read_text(path)
            parsed = parse(existing, path)
            if entry.id in parsed.entry_spans:
                return path
            taken = {a.id for a, _, _ in entry.all_actions()} & parsed.action_spans.keys()
            if taken:
                # Only two processes adding at the same instant can get here; refuse
                # rather than write a file whose action ids clash.
                raise JournalError(
                    f"The action id '{sorted(taken)[0]}' was just taken by another save. "
                    "Nothing was changed; please try again.",
                    path=path,
                )
            existing = _ready_for(existing, [entry])
            atomic_write(path, self._bytes(existing + "\n" + render_entry(entry), path))
        self.after_write()
        return path

    def add_entries(self, entries: Iterable[Entry]) -> list[Entry]:
        """Add many entries (an import), rewriting each month file once; returns those added.

        Every month file involved is read and parsed before any is written, so a file
        that does not parse stops the whole batch with nothing changed. Entries whose id
        is already in their month file are skipped, which makes a repeated import a
        no-op. Each month is one atomic write: a crash between two months leaves the
        months already written whole, and running the import again finishes the rest.
        """
        by_path: dict[Path, list[Entry]] = {}
        for entry in entries:
            by_path.setdefault(self.path_for(entry), []).append(entry)
        added: list[Entry] = []
        with locked(self.folder):
            remove_stale_temp_files(self.folder)
            self.month_files()  # a journal of mixed plain and age months is refused
            planned: list[tuple[Path, str, list[Entry]]] = []
            for path, group in sorted(by_path.items()):
                existing = self.read_text(path)
                parsed = parse(existing, path)
                entry_ids = set(parsed.entry_spans)
                action_ids = set(parsed.action_spans)
                new: list[Entry] = []
                for entry in group:
                    if entry.id in entry_ids:
                        continue
                    mine = [a.id for a, _, _ in entry.all_actions()]
                    if action_ids & set(mine) or len(set(mine)) != len(mine):
                        raise JournalError(
                            f"An action id in entry '{entry.id}' is already used in this "
                            "file. Nothing was changed; please try again.",
                            path=path,
                        )
                    entry_ids.add(entry.id)
                    action_ids.update(mine)
                    new.append(entry)
                if new:
                    planned.append((path, existing, new))
            for path, existing, new in planned:
                text = _ready_for(existing, new)
                text = text + "".join("\n" + render_entry(entry) for entry in new)
                atomic_write(path, self._bytes(text, path))
                added += new
        if added:
            self.after_write()
        return added

    def update_action(
        self, action_id: str, change: Callable[[Action], Action], entry_id: str | None = None
    ) -> FoundAction:
        """Apply `change` to one action, rewriting only its own lines in its own file.
        When the id is in more than one entry, `entry_id` must say which (`find_action`)."""
        return self.replace_action(action_id, lambda action, _: (change(action),), entry_id)[0]

    def replace_action(
        self,
        action_id: str,
        change: Callable[[Action, Callable[[str], str]], Sequence[Action]],
        entry_id: str | None = None,
    ) -> list[FoundAction]:
        """Put the actions `change` gives in place of one action's lines, under the lock:
        a repeating plan marked done becomes its closed occurrence and its next one.
        `change` is given a maker of ids for any new action it makes: free in the journal
        (read under the lock) and derived from the seed it is given (`derived_action_id`),
        so another device making the same action gives it the same id. The last action
        `change` gives is the one returned. The file's first line is raised to the format
        the new lines need; every other byte stays."""
        with locked(self.folder):
            remove_stale_temp_files(self.folder)
            self.month_files()  # a journal of mixed plain and age months is refused
            found = self.find_action(action_id, entry_id)
            text = self.read_text(found.path)
            parsed = parse(text, found.path)
            span = parsed.action_spans[found.action.id]

            def new_id(seed: str) -> str:
                return derived_action_id(seed, set(parsed.action_spans) | self.action_ids())

            replaced = list(change(found.action, new_id))
            lines = text.split("\n")
            lines[span.start : span.end] = [
                line for action in replaced for line in render_action(action)
            ]
            rewritten = "\n".join(lines)
            if any(action.repeat is not None for action in replaced):
                rewritten = with_format(rewritten, REPEAT_SINCE_FORMAT)
            atomic_write(found.path, self._bytes(rewritten, found.path))
            tighten(found.path)
        self.after_write()
        placed, line = [], found.line
        for action in replaced:
            placed.append(FoundAction(action, found.entry, found.path, line))
            line += len(render_action(action))
        return placed

    def write_month(self, path: Path, text: str) -> None:
        """Write a month file's whole new text, sealed when the journal is encrypted.
        For a caller that holds the lock and has checked `text` (reflect.journal.rewrite);
        it calls `after_write` once the lock is released."""
        atomic_write(path, self._bytes(text, path))
        tighten(path)

    def _bytes(self, text: str, path: Path) -> bytes:
        """What goes on disk for this month's text: its UTF-8, encrypted when the journal
        is (checked now, at the write, so a journal encrypted meanwhile, by another
        process or a synced machine, never gets a plain month). The ciphertext is
        decrypted again before it is written: a file that would not read back is
        never written in place of one that does."""
        data = _utf8(text, path)
        if path.name.endswith(AGE) != self.encrypted:
            raise JournalError(
                months.PLAIN_IN_ENCRYPTED if self.encrypted else months.SEALED_IN_PLAIN,
                path=path,
                hint=months.PLAIN_IN_ENCRYPTED_HINT
                if self.encrypted
                else months.SEALED_IN_PLAIN_HINT,
            )
        if not self.encrypted:
            return data
        sealed = seal(self.folder, data)
        if unseal(path, sealed) != data:  # pragma: no cover - age itself broken
            raise JournalError("Encryption did not read back. Nothing was changed.", path=path)
        return sealed

    def after_write(self) -> None:
        """After a save: tell `on_saved` (sync.auto commits it), and in an encrypted
        journal bring the action index (and so the counts `reflect remind` reads without
        a passphrase) up to date now, while the key is unlocked."""
        if self._on_saved is not None:
            self._on_saved()
        if self.cache_dir is None or not self.encrypted:
            return
        from reflect.journal.index import open_actions

        with contextlib.suppress(ReflectError):  # only caches: the next read makes them
            open_actions(self.folder, self.cache_dir)


def _ready_for(existing: str, entries: list[Entry]) -> str:
    """A month file's text, ready for `entries` to be added at its end: a header if it
    had none, saying the journal format they need (a `date` answer needs format 2,
    so an older reflect asks to be upgraded instead of stopping at it), and a final
    newline."""
    needed = format_needed(entries)
    if not existing.strip():
        return file_header(needed) + "\n"
    existing = with_format(existing, needed)
    return existing if existing.endswith("\n") else existing + "\n"


def _utf8(text: str, path: Path) -> bytes:
    """The file's bytes. Words with bytes that were not UTF-8 (which the command line
    and the plain reader already turn away) are refused here too, before any write:
    a month file that is not UTF-8 would stop every command reading the journal."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise JournalError(NOT_UTF8, path=path) from None
