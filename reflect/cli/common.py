"""What every command needs: where things live, the journal, the drafts, and the time.

Built once per command at the edge, from the environment; nothing below the
CLI reads the clock or the environment itself.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from reflect import clock
from reflect.journal.store import JournalStore
from reflect.paths import Paths, get_paths
from reflect.terminal import visible

if TYPE_CHECKING:
    from reflect.config import Config
    from reflect.drafts import DraftStore
    from reflect.workbook.loader import WorkbookSource


@dataclass
class Env:
    paths: Paths
    now: datetime

    @property
    def today(self) -> date:
        return self.now.date()

    @cached_property
    def store(self) -> JournalStore:
        # With the cache folder, a new action's id is checked against the action index
        # rather than a parse of every month file (reflect.journal.index).
        return JournalStore(
            self.paths.journal_dir,
            self.paths.cache_dir,
            on_conflict_copies=_tell_copies_waiting,
            on_saved=self._saved,
        )

    def _saved(self) -> None:
        from reflect.sync import auto

        auto.saved(self.paths)

    @cached_property
    def drafts(self) -> DraftStore:
        # Drafts bring in the session engine and pydantic (~60 ms): only for commands that
        # walk a workbook or list progress, never for `reflect actions`.
        from reflect.drafts import DraftStore

        return DraftStore(self.paths.drafts_dir, self.paths.journal_dir)

    @cached_property
    def config(self) -> Config:
        # The config and workbook modules (~7 ms) only for commands that read them.
        from reflect.config import load_config

        return load_config(self.paths)

    @property
    def sources(self) -> list[WorkbookSource]:
        from reflect.config import workbook_sources

        return workbook_sources(self.paths, self.config)

    def unlock(self) -> None:
        """For an encrypted journal, unlock its key now (asking for the passphrase at the
        terminal if need be): before a full-screen app or a walk starts, so the question
        never lands in the middle of either. Nothing for a plain journal."""
        from reflect import crypt

        if crypt.is_encrypted(self.paths.journal_dir):
            crypt.unlock()

    def support_note(self, workbook_note: str | None = None) -> str:
        from reflect.messages import SUPPORT_NOTE

        return workbook_note or self.config.support_note or SUPPORT_NOTE


def _tell_copies_waiting(copies: list[Path]) -> None:
    from reflect.messages import copies_waiting

    echo(copies_waiting(len(copies), copies[0].name), err=True)


def get_env() -> Env:
    return Env(paths=get_paths(), now=clock.now())


def echo(text: str = "", *, err: bool = False) -> None:
    """Print text literally (never as markup, control characters made visible), like every
    word a user wrote must be."""
    typer.echo(visible(text), err=err)


def stdin_is_terminal() -> bool:
    """Whether a person may be typing: questions are asked only then (a script or pipe
    is never held up). The one check, so a test can stand in for a terminal."""
    return sys.stdin.isatty()


def echo_json(data: object) -> None:
    """JSON for scripts, indented, with every character as it is (not \\u escapes)."""
    import json  # ~2 ms; only --json pays for it

    echo(json.dumps(data, ensure_ascii=False, indent=2))


def is_interactive() -> bool:
    return stdin_is_terminal() and sys.stdout.isatty()
