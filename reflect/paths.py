"""Every location on disk, in one place.

With `REFLECT_HOME` set, everything (config, journal, drafts, the user's
workbooks, caches) lives under that one folder; tests point it at a tmp dir so
they never touch the real home. Otherwise platformdirs gives the usual XDG
locations. Nothing is created here: folders are made when something is first
written (see `reflect.fileio.ensure_private_dir`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Paths:
    """Where reflect keeps each kind of file."""

    config_file: Path
    journal_dir: Path
    drafts_dir: Path
    workbooks_dir: Path
    cache_dir: Path
    state_dir: Path


def _from_home(home: Path) -> Paths:
    return Paths(
        config_file=home / "config.toml",
        journal_dir=home / "journal",
        drafts_dir=home / "drafts",
        workbooks_dir=home / "workbooks",
        cache_dir=home / "cache",
        state_dir=home / "state",
    )


def get_paths() -> Paths:
    """The paths for this process, honouring `REFLECT_HOME`."""
    home = os.environ.get("REFLECT_HOME")
    if home:
        return _from_home(Path(home).expanduser())
    # platformdirs is small and pure Python; imported here so `reflect remind`
    # pays for it only when REFLECT_HOME is not set.
    import platformdirs

    data = Path(platformdirs.user_data_dir("reflect", appauthor=False))
    return Paths(
        config_file=Path(platformdirs.user_config_dir("reflect", appauthor=False)) / "config.toml",
        journal_dir=data / "journal",
        drafts_dir=data / "drafts",
        workbooks_dir=data / "workbooks",
        cache_dir=Path(platformdirs.user_cache_dir("reflect", appauthor=False)),
        state_dir=Path(platformdirs.user_state_dir("reflect", appauthor=False)),
    )


def bundled_workbooks_dir() -> Path:
    """The workbooks shipped with reflect.

    In a wheel they sit inside the package (`reflect/_bundled_workbooks`); in a
    source checkout or editable install they are the top-level `workbooks/`.
    """
    package_dir = Path(__file__).resolve().parent
    inside = package_dir / "_bundled_workbooks"
    if inside.is_dir():
        return inside
    return package_dir.parent / "workbooks"
