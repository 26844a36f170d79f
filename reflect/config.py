"""The user's config file (`config.toml`): small, optional, plain TOML.

Keys:
    support_note   your own words and contacts, shown instead of the default note
    workbook_dirs  extra folders to look for workbooks in, after the bundled ones and yours
    show_last_answers  false: never show "Last time" beside a prompt while walking
    [sync] auto    true: commit after every save, and sync in the background when
                   reflect starts and after a save (docs/sync.md)
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reflect.errors import ConfigError, could_not
from reflect.fileio import read_plain_file
from reflect.paths import Paths, bundled_workbooks_dir
from reflect.toml_limits import MAX_NESTING, MAX_TOML_BYTES, nesting_line
from reflect.workbook.loader import WorkbookSource


@dataclass(frozen=True)
class Config:
    support_note: str | None = None
    workbook_dirs: list[Path] = field(default_factory=list)
    show_last_answers: bool = True
    sync_auto: bool = False


def load_config(paths: Paths) -> Config:
    path = paths.config_file
    try:
        # A link to the config (kept with dotfiles) is followed; a pipe or a device is
        # refused without waiting on it, and so is anything larger than a config can be.
        text = read_plain_file(path, limit=MAX_TOML_BYTES).decode("utf-8-sig")
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(could_not("read config", exc), path=path) from None
    except UnicodeDecodeError:
        raise ConfigError(
            "The config file has bytes that are not UTF-8 text; save it as UTF-8.", path=path
        ) from None
    line = nesting_line(text)
    if line is not None:
        raise ConfigError(
            f"The config file nests too deeply to be read: more than {MAX_NESTING} levels, "
            "where its two settings need one or two.",
            path=path,
            line=line,
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"The config file is not valid TOML: {exc}.", path=path) from None
    except RecursionError:  # tomllib recurses once per nested [ or {
        raise ConfigError("The config file nests too deeply to be read.", path=path) from None
    known = {"support_note", "workbook_dirs", "show_last_answers", "sync"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(
            f"Unknown setting '{unknown[0]}'. Known settings: {', '.join(sorted(known))}.",
            path=path,
        )
    note = data.get("support_note")
    dirs = data.get("workbook_dirs", [])
    if note is not None and not isinstance(note, str):
        raise ConfigError("`support_note` must be text.", path=path)
    if not isinstance(dirs, list) or not all(isinstance(d, str) for d in dirs):
        raise ConfigError("`workbook_dirs` must be a list of folder paths.", path=path)
    show_last = data.get("show_last_answers", True)
    if not isinstance(show_last, bool):
        raise ConfigError("`show_last_answers` must be true or false.", path=path)
    return Config(
        support_note=note,
        workbook_dirs=[Path(d).expanduser() for d in dirs],
        show_last_answers=show_last,
        sync_auto=_sync_auto(data.get("sync", {}), path),
    )


def _sync_auto(table: object, path: Path) -> bool:
    if not isinstance(table, dict):
        raise ConfigError("`sync` must be a table: `[sync]` and then `auto = true`.", path=path)
    unknown = sorted(set(table) - {"auto"})
    if unknown:
        raise ConfigError(f"Unknown setting 'sync.{unknown[0]}'. Known: sync.auto.", path=path)
    auto = table.get("auto", False)
    if not isinstance(auto, bool):
        raise ConfigError("`sync.auto` must be true or false.", path=path)
    return auto


def workbook_sources(paths: Paths, config: Config) -> list[WorkbookSource]:
    """Bundled workbooks first, then the user's folder, then configured folders."""
    sources = [
        WorkbookSource("bundled", bundled_workbooks_dir()),
        WorkbookSource("yours", paths.workbooks_dir),
    ]
    sources += [WorkbookSource(str(folder), folder) for folder in config.workbook_dirs]
    return sources
