"""TOML that would take tomllib seconds or minutes is refused first (docs/guarantees.md, 8).

tomllib's cost grows with the square of the nesting: 20,000 dotted keys in 40 KB
took ~10 s to check, 100 KB ~50 s. Every TOML reflect reads (a workbook, a draft,
the config) is scanned once, in linear time, and refused past MAX_NESTING levels
or MAX_TOML_BYTES, naming the file and the line. Brackets and braces inside
strings and comments are not counted, so no real workbook is refused.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect.config import load_config
from reflect.drafts import DraftStore
from reflect.errors import ConfigError, DraftError, WorkbookError
from reflect.paths import bundled_workbooks_dir, get_paths
from reflect.toml_limits import MAX_NESTING, nesting_line
from reflect.workbook.loader import load_workbook, read_toml
from tests.guarantees.helpers import assert_no_traceback, run_reflect

DEEP = 20_000
# Each: the text, and the line its nesting passes the limit on.
NESTED: dict[str, tuple[str, int]] = {
    "dotted keys, 40 KB": ("a" + ".a" * DEEP + " = 1\n", 1),
    "dotted keys, 100 KB": ("a" + ".a" * 50_000 + " = 1\n", 1),
    "quoted dotted keys": ('"a".' * 1000 + '"b" = 1\n', 1),
    "dotted keys spaced out": ("a" + " . a" * 1000 + " = 1\n", 1),
    "a dotted table header": ("x = 1\n[" + "a." * DEEP + "a]\n", 2),
    "an array-of-tables header": ("x = 1\ny = 2\n[[" + "a." * DEEP + "a]]\n", 3),
    "nested arrays": ("a = " + "[" * DEEP + "]" * DEEP + "\n", 1),
    "nested arrays, never closed": ("a = " + "[" * DEEP + "\n", 1),
    "nested inline tables": ("a = " + "{a = " * DEEP + "1" + "}" * DEEP + "\n", 1),
    "arrays and tables mixed": ("a = " + "[{b = " * 5000 + "1" + "}]" * 5000 + "\n", 1),
    "arrays over many lines": ("a = [\n" + "[\n" * 100 + "]\n" * 100 + "]\n", MAX_NESTING + 1),
    "after a long valid part": ('t = "ok"\n' * 30 + "a = " + "[" * 60 + "]" * 60 + "\n", 31),
}


@pytest.mark.parametrize("name", list(NESTED))
def test_deep_nesting_is_found_on_its_line(name: str) -> None:
    text, line = NESTED[name]
    assert nesting_line(text) == line


@pytest.mark.parametrize("name", list(NESTED))
def test_deep_nesting_is_refused_everywhere_toml_is_read(
    name: str, tmp_path: Path, reflect_home: Path
) -> None:
    text, line = NESTED[name]
    workbook = tmp_path / "deep.toml"
    workbook.write_text(text, encoding="utf-8")
    with pytest.raises(WorkbookError, match="nests too deeply") as raised:
        read_toml(workbook)
    assert (raised.value.path, raised.value.line) == (workbook, line)

    reflect_home.mkdir(parents=True, exist_ok=True)
    paths = get_paths()
    paths.config_file.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="nests too deeply") as config_error:
        load_config(paths)
    assert config_error.value.line == line

    drafts = DraftStore(paths.drafts_dir)
    paths.drafts_dir.mkdir()
    (paths.drafts_dir / "deep.toml").write_text(text, encoding="utf-8")
    with pytest.raises(DraftError, match="nests too deeply"):
        drafts.read("deep")
    assert (paths.drafts_dir / "deep.toml").read_text(encoding="utf-8") == text  # kept


@pytest.mark.parametrize("size", ["40 KB", "100 KB"])
def test_a_deep_workbook_is_checked_at_once_by_a_real_process(size: str, tmp_path: Path) -> None:
    """The case from the issue, as a person runs it: `reflect workbook check` on 20,000
    (or 50,000) dotted keys. It took 10 s and 50 s; the timeout only guards a hang."""
    path = tmp_path / "deep.toml"
    path.write_text(NESTED[f"dotted keys, {size}"][0], encoding="utf-8")
    for args in (["workbook", "check", str(path)], ["start", str(path), "--plain"]):
        ran = run_reflect(*args, input="", timeout=60)
        assert_no_traceback(ran.stdout + ran.stderr)
        assert ran.returncode == 2 and "nests too deeply" in ran.stdout + ran.stderr


BRACKETS = "[[[[{{{{" * 40 + "]]]]}}}}" * 3


@pytest.mark.parametrize(
    "text",
    [
        f'a = "{BRACKETS}"\n',
        f"a = '{BRACKETS}'\n",
        f'a = """\n{BRACKETS}\n{BRACKETS}\n"""\n',
        f"a = '''\n{BRACKETS}\n'''\n",
        f'a = "escaped \\" quote {BRACKETS}"\n',
        f'a = "ends in a backslash \\\\"\n# {BRACKETS}\n',
        f'a = """two quotes at the end "" {BRACKETS}"""""\n',
        f'"{BRACKETS}" = 1\n',
        f"a = [1.5, 2.5, 3.5, {', '.join(['0.1'] * 200)}]\n",
        "a.b.c.d.e.f = 1\n[x.y.z]\nq.r.s = 2\n[[l.m]]\nn = [[1, [2, [3]]], {o = {p = 1}}]\n",
    ],
)
def test_brackets_in_strings_and_comments_are_not_counted(text: str) -> None:
    tomllib.loads(text)  # each is valid TOML
    assert nesting_line(text) is None


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.text(min_size=1, max_size=8),
        st.one_of(st.text(), st.lists(st.text(), max_size=4)),
        max_size=6,
    )
)
def test_any_text_in_strings_or_keys_is_never_counted(data: dict[str, Any]) -> None:
    """Whatever people write (quotes, backslashes, brackets, newlines), tomli-w quotes
    it, and the scan sees through the quoting: two levels at most here."""
    text = tomli_w.dumps(data)
    assert nesting_line(text, limit=2) is None


@pytest.mark.parametrize("depth", [1, 5, MAX_NESTING - 1, MAX_NESTING])
def test_nesting_up_to_the_limit_is_read(depth: int) -> None:
    text = "a = " + "[" * depth + "]" * depth + "\n"
    assert nesting_line(text) is None
    text = "a" + ".a" * (depth - 1) + " = 1\n"
    assert nesting_line(text) is None


def test_every_bundled_workbook_is_far_inside_the_limits() -> None:
    """Measured, so the limits can be judged: the deepest is a handful, the largest a few KB."""
    for path in sorted(bundled_workbooks_dir().glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        assert nesting_line(text, limit=6) is None, path
        assert len(text.encode()) < 20_000, path
        load_workbook(path)


@pytest.mark.parametrize("where", ["workbook", "config", "draft", "month"])
def test_a_huge_file_is_refused_by_its_size_without_being_read(
    where: str, tmp_path: Path, reflect_home: Path
) -> None:
    """A 64 GiB sparse file (no disk used) where a file is expected: refused from its
    size, before any of it is read (it would not fit in memory)."""
    paths = get_paths()
    path = {
        "workbook": paths.workbooks_dir / "huge.toml",
        "config": paths.config_file,
        "draft": paths.drafts_dir / "weekly-review.toml",
        "month": paths.journal_dir / "2026-11.txt",
    }[where]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        try:
            os.truncate(handle.fileno(), 64 << 30)
        except OSError:
            pytest.skip("this file system has no sparse files")
    args = {
        "workbook": ["workbook", "check", str(path)],
        "config": ["workbooks"],
        "draft": ["start", "weekly-review", "--plain"],
        "month": ["journal"],
    }[where]
    ran = run_reflect(*args, input="", timeout=60)
    assert_no_traceback(ran.stdout + ran.stderr)
    assert ran.returncode != 0 and str(path) in ran.stdout + ran.stderr
    assert "bytes" in ran.stdout + ran.stderr
    assert path.stat().st_size == 64 << 30  # left as it was
