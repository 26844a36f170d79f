"""`reflect --help`, `reflect remind` and `reflect actions` never pay for Textual.

Run as real subprocesses of `python -m reflect`, with `-X importtime`, which
lists every module the process imported: a module-level `import textual`
anywhere on these paths would show up here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def imported_modules(args: list[str], home: Path) -> set[str]:
    env = {**os.environ, "REFLECT_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "reflect", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # Lines look like "import time:   123 |   456 |   textual.app"
    return {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize("args", [["--help"], ["remind"], ["actions"], ["start", "--help"]])
def test_fast_paths_do_not_import_textual(args: list[str], reflect_home: Path) -> None:
    loaded = imported_modules(args, reflect_home)
    assert "reflect.paths" in loaded  # reflect itself ran, so the check can see imports
    assert not {name for name in loaded if name.split(".")[0] == "textual"}
    assert not {name for name in loaded if name.startswith("reflect.tui")}
