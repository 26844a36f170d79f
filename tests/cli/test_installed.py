"""reflect as a person installs and runs it: the real script, in a real process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _script() -> str:
    found = shutil.which("reflect", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("the reflect script is not installed in this environment")
    return found


def test_installed_script_end_to_end(tmp_path: Path) -> None:
    env = {**os.environ, "REFLECT_HOME": str(tmp_path / "home"), "REFLECT_NOW": "2026-11-29T10:00"}

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [_script(), *args], input=stdin, capture_output=True, text=True, cwd=tmp_path, env=env
        )

    listed = run("workbooks")
    assert listed.returncode == 0, listed.stderr
    assert "getting-started" in listed.stdout and "wellbeing-check-in" in listed.stdout

    added = run("actions", "add", "Water the plants", "--due", "today")
    assert added.returncode == 0, added.stderr
    assert run("remind").stdout.startswith("1 action due today: run `reflect actions`\n")

    wrote = run("write", stdin="A quiet day.\n")
    assert wrote.returncode == 0, wrote.stderr
    journal = (tmp_path / "home" / "journal" / "2026-11.txt").read_text(encoding="utf-8")
    assert "    A quiet day." in journal and "Water the plants" in journal

    broken = run("actions", "done", "nope")
    assert broken.returncode == 1
    assert broken.stderr.startswith("reflect: ") and "Traceback" not in broken.stderr

    assert run("--version").stdout.startswith("reflect ")


@pytest.mark.slow
def test_wheel_ships_the_bundled_workbooks(tmp_path: Path) -> None:
    """A non-editable install (the built wheel, nothing from this checkout) finds its workbooks."""
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    if built.returncode != 0 and "No module named" in built.stderr:
        pytest.skip("hatchling is not installed for an offline build")
    assert built.returncode == 0, built.stderr[-2000:]
    [wheel] = (tmp_path / "dist").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "reflect/_bundled_workbooks/wellbeing-check-in.toml" in names
    assert "reflect/_docs/workbook-format.md" in names  # for `reflect workbook guide`

    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = (
        "import sys; sys.argv = ['reflect', 'workbooks']\n"
        f"import reflect; assert reflect.__file__.startswith({str(target)!r}), reflect.__file__\n"
        "from reflect.__main__ import main; main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target), "REFLECT_HOME": str(tmp_path / "home")}
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert shown.returncode == 0, shown.stderr
    assert "getting-started" in shown.stdout and "bundled" in shown.stdout
    guide = subprocess.run(
        [sys.executable, "-c", code.replace("'workbooks'", "'workbook', 'guide'")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert guide.returncode == 0, guide.stderr
    assert guide.stdout.startswith("# Writing a workbook")
