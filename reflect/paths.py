"""Every location on disk, in one place.

With `REFLECT_HOME` set, everything (config, journal, drafts, the user's
workbooks, caches) lives under that one folder; tests point it at a tmp dir so
they never touch the real home. Otherwise the usual XDG locations on Linux, and
platformdirs' answer elsewhere. Nothing is created here: folders are made when
something is first written (see `reflect.fileio.ensure_private_dir`).

`reflect remind` imports this module on every shell start, so it stays cheap:
no dataclasses (~15 ms to import here) and no platformdirs on Linux (~30 ms).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_FIELDS = ("config_file", "journal_dir", "drafts_dir", "workbooks_dir", "cache_dir", "state_dir")


class Paths:
    """Where reflect keeps each kind of file.

    A plain class rather than a frozen dataclass only to keep `reflect remind`
    quick (see the module docstring); it compares and prints like one.
    """

    __slots__ = _FIELDS

    def __init__(
        self,
        *,
        config_file: Path,
        journal_dir: Path,
        drafts_dir: Path,
        workbooks_dir: Path,
        cache_dir: Path,
        state_dir: Path,
    ) -> None:
        self.config_file = config_file
        self.journal_dir = journal_dir
        self.drafts_dir = drafts_dir
        self.workbooks_dir = workbooks_dir
        self.cache_dir = cache_dir
        self.state_dir = state_dir

    def _values(self) -> tuple[Path, ...]:
        return tuple(getattr(self, name) for name in _FIELDS)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Paths) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _FIELDS)
        return f"Paths({shown})"


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
    if sys.platform.startswith("linux"):
        config, data, cache, state = (
            _xdg("XDG_CONFIG_HOME", "~/.config"),
            _xdg("XDG_DATA_HOME", "~/.local/share"),
            _xdg("XDG_CACHE_HOME", "~/.cache"),
            _xdg("XDG_STATE_HOME", "~/.local/state"),
        )
    else:
        # platformdirs costs ~30 ms to import; only macOS, Windows and the BSDs pay it.
        import platformdirs

        config, data, cache, state = (
            Path(platformdirs.user_config_dir("reflect", appauthor=False)),
            Path(platformdirs.user_data_dir("reflect", appauthor=False)),
            Path(platformdirs.user_cache_dir("reflect", appauthor=False)),
            Path(platformdirs.user_state_dir("reflect", appauthor=False)),
        )
    return Paths(
        config_file=config / "config.toml",
        journal_dir=data / "journal",
        drafts_dir=data / "drafts",
        workbooks_dir=data / "workbooks",
        cache_dir=cache,
        state_dir=state,
    )


def _xdg(variable: str, default: str) -> Path:
    """`$VARIABLE/reflect`, or `DEFAULT/reflect`, as the XDG Base Directory spec says
    (and as platformdirs does on Linux): a relative value is ignored."""
    value = os.environ.get(variable, "")
    base = value if os.path.isabs(value) else os.path.expanduser(default)
    return Path(base) / "reflect"


def workbook_guide() -> Path:
    """docs/workbook-format.md: inside the package in a wheel (`reflect/_docs`), at the
    top of a source checkout or editable install."""
    package_dir = Path(__file__).resolve().parent
    inside = package_dir / "_docs" / "workbook-format.md"
    if inside.is_file():
        return inside
    return package_dir.parent / "docs" / "workbook-format.md"


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
