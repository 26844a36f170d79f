"""Time the same journal plain and encrypted, and print one table.

`python -m bench.encrypted [--scale 1] [--runs 5]`: the generated journal of
bench/run.py (made once, kept in its data folder) is copied twice: one copy stays
plain, the other is encrypted with `reflect encrypt --passphrase-file`. Each
reading command is then timed, whole processes as a person meets them, against:

- plain: the journal as it is;
- passphrase: every process unwraps the key (age's scrypt, ~0.7 s on purpose), as
  with REFLECT_KEY_CACHE_MINUTES=0 or no runtime folder;
- session cache: the default (10 minutes) with a runtime folder, so only the first
  process pays the scrypt (the case of a person at a terminal);
- bare key: REFLECT_IDENTITY_FILE, the exported key (the floor of decryption).

The target (issue 17): at ×1, `journal -n 10`, `actions`, `search`, `export` within
2× plain with the key unlocked, and `remind` unchanged.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.run import BIN, DEFAULT_DATA, ensure_data, environment, time_command

PASSPHRASE = "a passphrase for the benchmark"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.encrypted")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    folder, info = ensure_data(args.data, args.scale, regenerate=False)
    word = str(info["search_word"])
    work = Path(tempfile.mkdtemp(prefix="encrypted-", dir=folder.parent))
    try:
        plain, sealed = work / "plain", work / "sealed"
        for copy in (plain, sealed):
            shutil.copytree(folder, copy, symlinks=True)
        secret = work / "passphrase"
        secret.write_text(PASSPHRASE + "\n")
        key = work / "key.txt"
        runtime = work / "run"
        runtime.mkdir(mode=0o700)
        reflect = str(BIN / "reflect")
        env = environment(sealed)
        for step in (
            [reflect, "encrypt", "--passphrase-file", str(secret)],
            [reflect, "key", "export", "--passphrase-file", str(secret), "-o", str(key)],
        ):
            subprocess.run(step, env=env, check=True, stdin=subprocess.DEVNULL, capture_output=True)
        ways = {
            "plain": environment(plain),
            "passphrase": {
                **env,
                "REFLECT_PASSPHRASE_FILE": str(secret),
                "REFLECT_KEY_CACHE_MINUTES": "0",
            },
            "session cache": {
                **env,
                "REFLECT_PASSPHRASE_FILE": str(secret),
                "XDG_RUNTIME_DIR": str(runtime),
            },
            "bare key": {**env, "REFLECT_IDENTITY_FILE": str(key)},
        }
        commands = {
            "journal -n 10": ["journal", "-n", "10"],
            "actions": ["actions"],
            f"search '{word}'": ["search", word],
            "export": ["export", "--format", "markdown"],
            "remind": ["remind"],
        }
        print(f"×{args.scale:g}, median of {args.runs} runs (ms); ratio to plain in brackets")
        print(f"{'command':<22}" + "".join(f"{w:>20}" for w in ways))
        for name, command in commands.items():
            cells, base = [], 0.0
            for way, way_env in ways.items():
                if way == "session cache":  # the first command of a session unwraps the key
                    subprocess.run([reflect, "journal", "-n", "1"], env=way_env, check=True,
                                   stdin=subprocess.DEVNULL, capture_output=True)  # fmt: skip
                    way_env = {k: v for k, v in way_env.items() if k != "REFLECT_PASSPHRASE_FILE"}
                seconds = time_command(
                    [reflect, *command], way_env, args.runs, args.warmup, use_hyperfine=False
                )
                base = base or seconds
                cells.append(f"{seconds * 1000:9.0f} ({seconds / base:4.1f}×)")
            print(f"{name:<22}" + "".join(f"{c:>20}" for c in cells), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
