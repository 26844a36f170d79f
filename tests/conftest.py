"""Shared fixtures: every test gets its own REFLECT_HOME and a frozen 'now'.

The developer's real journal is never touched (all user data lives under
REFLECT_HOME), and date-dependent output is the same on every run.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

FROZEN_NOW = datetime(2026, 11, 29, 10, 0)  # a Sunday
FROZEN_TODAY = FROZEN_NOW.date()
DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def reflect_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "reflect-home"
    monkeypatch.setenv("REFLECT_HOME", str(home))
    monkeypatch.setenv("REFLECT_NOW", FROZEN_NOW.isoformat())
    for name in ("NO_COLOR", "VISUAL", "EDITOR"):
        monkeypatch.delenv(name, raising=False)
    yield home


@pytest.fixture
def today() -> date:
    return FROZEN_TODAY


@pytest.fixture
def data_dir() -> Path:
    return DATA
