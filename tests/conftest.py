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
    for name in (
        "NO_COLOR",
        "VISUAL",
        "EDITOR",
        "REFLECT_PASSPHRASE_FILE",
        "REFLECT_IDENTITY_FILE",
        "REFLECT_KEY_CACHE_MINUTES",
        "XDG_RUNTIME_DIR",  # the unlocked-key cache and the editor's file: never the real one
    ):
        monkeypatch.delenv(name, raising=False)
    yield home
    # Keys unwrapped in this process (reflect.crypt) belong to this test's home alone.
    from reflect import crypt

    crypt.forget()


@pytest.fixture
def today() -> date:
    return FROZEN_TODAY


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def encrypted_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A reflect home with words in it, encrypted with tests.encryption_helpers.PASSPHRASE,
    made once per worker (age's scrypt costs a second a wrapping, on purpose)."""
    from tests.encryption_helpers import encrypt_with_passphrase, write_words

    home = tmp_path_factory.mktemp("encrypted") / "reflect-home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REFLECT_HOME", str(home))
        patch.setenv("REFLECT_NOW", FROZEN_NOW.isoformat())
        for name in ("REFLECT_PASSPHRASE_FILE", "REFLECT_IDENTITY_FILE", "EDITOR", "VISUAL"):
            patch.delenv(name, raising=False)
        write_words(home)
        encrypt_with_passphrase(home)
    return home
