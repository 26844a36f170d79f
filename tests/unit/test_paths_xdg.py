"""On Linux, reflect finds its folders without platformdirs (a ~30 ms import on every
`reflect remind`); these tests keep its answer equal to platformdirs'."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from reflect.paths import Paths, get_paths

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG is Linux's")


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"XDG_DATA_HOME": "/x/data", "XDG_CACHE_HOME": "/x/cache"},
        {"XDG_CONFIG_HOME": "/x/config", "XDG_STATE_HOME": "/x/state"},
        {"XDG_DATA_HOME": "relative/is/ignored", "XDG_STATE_HOME": ""},
    ],
)
def test_xdg_folders_match_platformdirs(
    environ: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REFLECT_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    paths = get_paths()

    def theirs(find: object) -> Path:
        return Path(find("reflect", appauthor=False))  # type: ignore[operator]  # a platformdirs function

    assert paths.config_file == theirs(platformdirs.user_config_dir) / "config.toml"
    assert paths.journal_dir == theirs(platformdirs.user_data_dir) / "journal"
    assert paths.cache_dir == theirs(platformdirs.user_cache_dir)
    assert paths.state_dir == theirs(platformdirs.user_state_dir)


def test_paths_compare_and_print_like_values(reflect_home: Path) -> None:
    assert get_paths() == get_paths()
    assert hash(get_paths()) == hash(get_paths())
    assert "journal_dir=" in repr(get_paths())
    assert isinstance(get_paths(), Paths)
