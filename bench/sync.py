"""Time `reflect sync` with nothing to do against a bare `git status`, on the ×1 journal.

The target (issue 18): a sync that finds nothing to do costs at most twice what
`git status` costs on the same repository, so running it often (or from
`sync.auto` after every save) is cheap. Two rows are measured:

- no remote: the merge of conflict copies (none), the commit check, and nothing more;
- a remote (a bare repository on this disk, so no network is involved): the same,
  plus git's fetch and the ahead/behind checks a real sync makes.

Each is compared with `git status` on the same repository; the ratio is printed.
The repository is made once in a scratch copy of the ×1 journal, so the kept
journals never change.

Usage: python -m bench.sync [--scale 1] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.run import DEFAULT_DATA, ensure_data, environment, resolve

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}


def measure(command: list[str], env: dict[str, str], runs: int, warmup: int) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds) of `command`. CPU time (user + system,
    of the command and every git it runs) is the steadier figure on a shared machine."""
    walls, cpus = [], []
    for number in range(warmup + runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, env=env, stdin=subprocess.DEVNULL, capture_output=True, check=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if number >= warmup:
            walls.append(wall)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.sync", description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="journal size (1)")
    parser.add_argument("--runs", type=int, default=10, help="timed runs per command (10)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs first (2)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="where journals are kept")
    args = parser.parse_args(argv)
    kept, info = ensure_data(args.data, args.scale, regenerate=False)
    scratch = Path(tempfile.mkdtemp(prefix="sync-", dir=args.data))
    try:
        rows = []
        for with_remote in (False, True):
            home = scratch / ("with-remote" if with_remote else "local") / "reflect-home"
            shutil.copytree(kept / "reflect-home", home, symlinks=True)
            env = environment(home.parent) | GIT_IDENTITY
            env.pop("PYTHONDONTWRITEBYTECODE", None)  # a real install has its .pyc files
            env["REFLECT_HOME"] = str(home)
            env["GIT_CONFIG_GLOBAL"] = str(scratch / "gitconfig")
            (scratch / "gitconfig").touch()
            reflect = resolve(["reflect"])
            assert reflect is not None
            init = [*reflect, "sync", "init"]
            if with_remote:
                remote = scratch / "remote.git"
                subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
                init += ["--remote", str(remote)]
            for command in (init, [*reflect, "sync"]):
                subprocess.run(command, env=env, check=True, capture_output=True)
            sync = measure([*reflect, "sync"], env, args.runs, args.warmup)
            status = measure(["git", "-C", str(home), "status"], env, args.runs, args.warmup)
            floor = measure([sys.executable, "-c", "pass"], env, args.runs, args.warmup)
            name = "with a remote (local bare)" if with_remote else "no remote"
            rows.append((name, sync, status, floor))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(
        f"×{args.scale:g} journal: {info['entries']:,} entries, {info['month_files']} month "
        f"files; median of {args.runs} runs, load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{'reflect sync, nothing to do':<28} {'':>5} {'sync':>9} {'git status':>11} {'ratio':>6} "
        f"{'python -c pass':>15}   target ≤ 2×"
    )
    for name, sync, status, floor in rows:
        for index, what in ((0, "wall"), (1, "cpu")):
            print(
                f"{name:<28} {what:>5} {sync[index] * 1000:>7.1f}ms {status[index] * 1000:>9.1f}ms "
                f"{sync[index] / max(status[index], 1e-6):>5.1f}× {floor[index] * 1000:>13.1f}ms"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
