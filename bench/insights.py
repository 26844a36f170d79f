"""`reflect insights` beside `reflect export --format json`, on the same generated journal.

Both read every month file and parse the entries they need; insights then works its
numbers out and prints them (into a pipe: tables), export writes every entry as
JSON. Each run is a fresh process, timed from just before it starts to its exit;
the CPU time (user + system, the process and any it forked) is printed too,
because on a shared machine the wall clock also measures the neighbours.

Usage: python -m bench.insights [--scale 1] [--scale 10] [--runs 5] [--data DIR]
Targets (issue 14): insights ≤ 0.4 s at ×1 and ≤ 1.5 s at ×10.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import time
from pathlib import Path

from bench.run import BIN, DEFAULT_DATA, ensure_data, environment

COMMANDS = {
    "reflect insights": ["insights"],
    "reflect insights --json": ["insights", "--json"],
    "reflect export --format json": ["export", "--format", "json"],
}
TARGETS = {1.0: 0.4, 10.0: 1.5}


def one_run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of reflect ARGV, output thrown away."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(BIN / "reflect"), *argv], env=env, stdout=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, action="append")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args(argv)
    print(f"{'command':<30} {'scale':>5} {'wall (median)':>14} {'cpu (median)':>13} {'target':>8}")
    for scale in args.scale or [1.0, 10.0]:
        folder, _ = ensure_data(args.data, scale, args.regenerate)
        env = environment(folder)
        # As an installed reflect runs: compiled modules kept (the first run writes them)
        # and output buffered. A shell that sets either would time Python, not reflect.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("PYTHONUNBUFFERED", None)
        for name, command in COMMANDS.items():
            one_run(command, env)  # warm the page cache
            runs = [one_run(command, env) for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            target = (
                f"≤{TARGETS[scale]} s" if name == "reflect insights" and scale in TARGETS else ""
            )
            print(
                f"{name:<30} ×{scale:<4g} {wall * 1000:>11,.0f} ms {cpu * 1000:>10,.0f} ms {target:>8}"
            )
    print(f"(load average now: {', '.join(f'{x:.1f}' for x in os.getloadavg())})")


if __name__ == "__main__":
    main()
