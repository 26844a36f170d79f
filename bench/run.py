"""Time reflect against jrnl on the same generated journals, and print one table.

Whole processes are timed, as a person at a terminal meets them: the Python
start-up, the imports and the work. Each command runs a few times first (a
warm-up: the page cache holds the journal, and reflect's open-actions index
exists), then `--runs` times; the table shows the median. hyperfine is used
when it is on PATH (it is careful about timer resolution and outliers);
otherwise a small loop of subprocess runs does the same job.

Peak memory is each command's own maximum resident set size, read from
`getrusage(RUSAGE_CHILDREN)` in a small helper process that runs nothing else.

Nothing is installed at run time. jrnl comes from the `bench` extra
(`pip install -e '.[bench]'`, which pins jrnl 4.6); without it the jrnl column
says so. A command reflect does not have yet says "n/a (not built yet)".

Usage: python -m bench [--scale 0.1 --scale 1] [--x10] [--runs N] [--markdown FILE]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import generate

BIN = Path(sys.executable).parent
DEFAULT_DATA = Path(tempfile.gettempdir()) / "reflect-bench"
# Bump when the generator changes what it writes: old data is then regenerated.
DATA_VERSION = 2


@dataclass(frozen=True)
class Op:
    """One row: a reflect command, what it is compared with, and the target it must meet."""

    name: str
    reflect: list[str]
    other: list[str] | None  # jrnl's equivalent, or None when compared with `python -c pass`
    target: str  # shown in the table
    writes: bool = False


@dataclass
class Timing:
    median: float | None = None  # seconds
    peak_kb: int | None = None
    note: str = ""  # "n/a (not built yet)", "failed: ..."


@dataclass
class Row:
    op: Op
    scale: float
    reflect: Timing
    other: Timing
    floor: float  # python -c pass at the same time, seconds
    extra: dict[str, float] = field(default_factory=dict)


def operations(word: str) -> list[Op]:
    return [
        Op("python -c pass", [sys.executable, "-c", "pass"], None, "the floor"),
        Op("start-up (--version)", ["reflect", "--version"], ["jrnl", "--version"], "-"),
        Op(
            "list last 10 entries",
            ["reflect", "journal", "-n", "10"],
            ["jrnl", "-n", "10"],
            "≥2× ×1, ≥10× ×10",
        ),
        Op(
            f"search '{word}'",
            ["reflect", "search", word],
            ["jrnl", "-contains", word],
            "≥2× ×1, ≥3× ×10",
        ),
        Op(
            "export Markdown",
            ["reflect", "export", "--format", "markdown"],
            ["jrnl", "--format", "markdown"],
            "≥2× ×1, ≥3× ×10",
        ),
        *(
            [
                Op(
                    "export Markdown, one core",
                    ["taskset", "-c", "0", str(BIN / "reflect"), "export", "--format", "markdown"],
                    ["jrnl", "--format", "markdown"],
                    "(for comparison)",
                )
            ]
            # Export shares a long journal out between cores: the same on one, for honesty.
            if shutil.which("taskset")
            else []
        ),
        Op(
            "open actions",
            ["reflect", "actions"],
            ["jrnl", "-contains", "- [ ]"],
            "≥2× ×1, ≥10× ×10",
        ),
        Op("remind", ["reflect", "remind"], None, "≤4× python"),
        Op(
            "add one entry",
            ["reflect", "write", "A short note from the benchmark."],
            ["jrnl", "A short note from the benchmark."],
            "same at every scale",
            writes=True,
        ),
    ]


# --------------------------------------------------------------------------- data


def ensure_data(root: Path, scale: float, regenerate: bool) -> tuple[Path, dict[str, Any]]:
    """The generated journals for `scale`, made once and kept in `root` between runs."""
    folder = root / f"x{scale:g}"
    info_file = folder / "info.json"
    if not regenerate and info_file.exists():
        info = json.loads(info_file.read_text(encoding="utf-8"))
        if info.get("data_version") == DATA_VERSION and info.get("seed") == generate.SEED:
            return folder, info
    if folder.exists():
        shutil.rmtree(folder)
    started = time.perf_counter()
    print(f"Generating the ×{scale:g} journals in {folder} …", file=sys.stderr, flush=True)
    generate.generate(folder, scale)
    info = json.loads(info_file.read_text(encoding="utf-8"))
    info["data_version"] = DATA_VERSION
    info_file.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return folder, info


def scratch_copy(folder: Path) -> Path:
    """A throwaway copy for commands that write, so the kept journals never change."""
    copy = Path(tempfile.mkdtemp(prefix="write-", dir=folder.parent))
    for part in ("reflect-home", "jrnl", "xdg-config"):
        shutil.copytree(folder / part, copy / part, symlinks=True)
    config = copy / "xdg-config" / "jrnl" / "jrnl.yaml"
    config.write_text(generate.jrnl_config((copy / "jrnl" / "journal.txt").resolve()))
    return copy


def environment(folder: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("REFLECT_", "XDG_", "JRNL")) and key != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(
        REFLECT_HOME=str(folder / "reflect-home"),
        REFLECT_NOW=generate.NOW,
        XDG_CONFIG_HOME=str(folder / "xdg-config"),
        XDG_DATA_HOME=str(folder / "xdg-data"),
        XDG_CACHE_HOME=str(folder / "xdg-cache"),
        NO_COLOR="1",
        TERM="dumb",
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    return env


# --------------------------------------------------------------------------- timing


def resolve(command: list[str]) -> list[str] | None:
    """The command with its program found (in this venv first), or None if it is not there."""
    program = command[0]
    if os.path.isabs(program):
        return command
    found = BIN / program
    if found.exists():
        return [str(found), *command[1:]]
    which = shutil.which(program)
    return [which, *command[1:]] if which else None


def check(command: list[str], env: dict[str, str]) -> str:
    """'' when the command runs; otherwise what to show in its cell."""
    done = subprocess.run(
        command, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=600, check=False
    )
    if done.returncode == 0:
        return ""
    said = done.stderr.decode("utf-8", "replace")
    if "No such command" in said or "No module named" in said:
        return "n/a (not built yet)"
    last = said.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
    return f"failed: {last[0][:60]}"


def time_command(
    command: list[str], env: dict[str, str], runs: int, warmup: int, use_hyperfine: bool
) -> float:
    """The median wall time of `command`, in seconds."""
    if use_hyperfine:
        with tempfile.NamedTemporaryFile(suffix=".json") as report:
            subprocess.run(
                [
                    "hyperfine",
                    "--shell=none",
                    "--style=none",
                    f"--warmup={warmup}",
                    f"--runs={runs}",
                    "--output=null",
                    f"--export-json={report.name}",
                    shlex.join(command),
                ],
                env=env,
                check=True,
                stdin=subprocess.DEVNULL,  # hyperfine's commands inherit it
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,  # its warnings about a busy machine: see the medians
                timeout=3600,
            )
            result = json.loads(Path(report.name).read_text())["results"][0]
            return float(result["median"])
    times = []
    for number in range(warmup + runs):
        started = time.perf_counter()
        subprocess.run(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )
        if number >= warmup:
            times.append(time.perf_counter() - started)
    return statistics.median(times)


_PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,"
    " stderr=subprocess.DEVNULL, check=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def peak_kb(command: list[str], env: dict[str, str]) -> int:
    """The command's peak resident memory in KiB (a fresh helper, so nothing else counts)."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, *command],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
    )
    return int(done.stdout.strip())


def measure(
    command: list[str] | None,
    env: dict[str, str],
    args: argparse.Namespace,
    use_hyperfine: bool,
    *,
    runs: int | None = None,
) -> Timing:
    if command is None:
        return Timing(note="not installed")
    found = resolve(command)
    if found is None:
        return Timing(note=f"{command[0]} not installed")
    problem = check(found, env)
    if problem:
        return Timing(note=problem)
    return Timing(
        median=time_command(found, env, runs or args.runs, args.warmup, use_hyperfine),
        peak_kb=peak_kb(found, env),
    )


def run_scale(
    scale: float, args: argparse.Namespace, use_hyperfine: bool
) -> tuple[list[Row], dict[str, Any]]:
    folder, info = ensure_data(args.data, scale, args.regenerate)
    word = str(info["search_word"])
    env = environment(folder)
    rows: list[Row] = []
    floor = 0.0
    for op in operations(word):
        print(f"  ×{scale:g} {op.name} …", file=sys.stderr, flush=True)
        if op.reflect[0] == sys.executable:  # the floor itself
            timing = measure(op.reflect, env, args, use_hyperfine)
            floor = timing.median or 0.0
            rows.append(Row(op, scale, timing, Timing(), floor))
            continue
        where = scratch_copy(folder) if op.writes else folder
        try:
            here = environment(where)
            # jrnl at ×10 takes seconds a run: fewer runs keep the whole table in minutes.
            slow_runs = max(3, args.runs // 3) if scale >= 10 else None
            mine = measure(op.reflect, here, args, use_hyperfine)
            theirs = (
                Timing()
                if op.other is None
                else measure(op.other, here, args, use_hyperfine, runs=slow_runs)
            )
        finally:
            if op.writes:
                shutil.rmtree(where, ignore_errors=True)
        rows.append(Row(op, scale, mine, theirs, floor))
    return rows, info


# --------------------------------------------------------------------------- the table

HEADERS = ["operation", "scale", "reflect", "jrnl", "ratio", "reflect peak", "jrnl peak", "target"]


def _ms(seconds: float | None, note: str) -> str:
    if seconds is None:
        return note
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def _mb(kb: int | None) -> str:
    return "" if kb is None else f"{kb / 1024:.0f} MB"


def cells(row: Row) -> list[str]:
    mine, theirs = row.reflect, row.other
    ratio = other = ""
    if row.op.reflect[0] == sys.executable:
        pass  # the floor: nothing to compare
    elif row.op.other is None:
        other = f"python -c pass {_ms(row.floor, '')}"
        ratio = f"{mine.median / row.floor:.1f}× python" if mine.median and row.floor else ""
    else:
        other = _ms(theirs.median, theirs.note)
        if mine.median and theirs.median:
            faster = theirs.median >= mine.median
            times = theirs.median / mine.median if faster else mine.median / theirs.median
            ratio = f"{times:.1f}× {'faster' if faster else 'slower'}"
    return [
        row.op.name,
        f"×{row.scale:g}",
        _ms(mine.median, mine.note),
        other,
        ratio,
        _mb(mine.peak_kb),
        _mb(theirs.peak_kb),
        row.op.target,
    ]


def table(rows: Sequence[Row], *, markdown: bool) -> str:
    body = [cells(row) for row in rows]
    if markdown:
        lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in r) + " |" for r in body]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [HEADERS, *body]) for i in range(len(HEADERS))]
    out = ["  ".join(h.ljust(w) for h, w in zip(HEADERS, widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in body]
    return "\n".join(line.rstrip() for line in out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--scale",
        type=float,
        action="append",
        help="a journal size to measure (repeatable; default: 0.1 and 1)",
    )
    parser.add_argument("--x10", action="store_true", help="also measure ×10 (≈43,000 entries)")
    parser.add_argument("--runs", type=int, default=10, help="timed runs per command (10)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs first (2)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="where journals are kept")
    parser.add_argument("--regenerate", action="store_true", help="write the journals again")
    parser.add_argument("--no-hyperfine", action="store_true", help="use the built-in loop")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    args = parser.parse_args(argv)
    scales = args.scale or [0.1, 1.0]
    if args.x10 and 10.0 not in scales:
        scales.append(10.0)
    use_hyperfine = not args.no_hyperfine and shutil.which("hyperfine") is not None
    args.data.mkdir(parents=True, exist_ok=True)
    print(
        f"Timing with {'hyperfine' if use_hyperfine else 'a subprocess loop'}: "
        f"{args.warmup} warm-up runs, then the median of {args.runs}.",
        file=sys.stderr,
    )
    # Programs people install run from byte-compiled modules (pip compiles them); a
    # module without its .pyc (new since the checkout was installed, or a shell with
    # PYTHONDONTWRITEBYTECODE) would be compiled again in every timed run.
    compileall.compile_dir(Path(__file__).resolve().parents[1] / "reflect", quiet=1)
    rows: list[Row] = []
    infos: dict[str, dict[str, Any]] = {}
    for scale in scales:
        found, info = run_scale(scale, args, use_hyperfine)
        rows += found
        infos[f"{scale:g}"] = info
    print(table(rows, markdown=False))
    for scale, info in infos.items():
        print(
            f"×{scale}: {info['entries']:,} entries, {info['month_files']} month files, "
            f"{int(info['reflect_bytes']) / 1e6:.1f} MB (jrnl file {int(info['jrnl_bytes']) / 1e6:.1f} MB)"
        )
    if args.markdown:
        args.markdown.write_text(table(rows, markdown=True) + "\n", encoding="utf-8")
    raw = args.data / "last-run.json"
    raw.write_text(json.dumps([_raw(row) for row in rows], indent=2) + "\n", encoding="utf-8")


def _raw(row: Row) -> dict[str, object]:
    return {
        "operation": row.op.name,
        "scale": row.scale,
        "reflect": row.reflect.__dict__,
        "other": row.other.__dict__,
        "floor": row.floor,
    }


if __name__ == "__main__":
    main()
