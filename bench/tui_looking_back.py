"""How soon the TUI's Looking back screen is on screen, on a generated journal.

Like bench/tui.py (a fresh process each time, Textual's headless terminal at 80×24),
but the app is started straight on Looking back, as pressing `l` on home opens it:
the times are from just before the process started to the screen's first frame
("Reading your journal…"), and to the moment its four parts are filled in (the
journal is read in a worker, so the first frame does not wait for it).

Usage: python -m bench.tui_looking_back [--scale 1] [--runs 5]
Target (issue 14): first frame ≤ 0.6 s at ×1.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import generate
from bench.run import DEFAULT_DATA, ensure_data, environment

_CHILD = """
import asyncio, json, time

async def main():
    from reflect import clock
    from reflect.config import load_config, workbook_sources
    from reflect.drafts import DraftStore
    from reflect.journal.store import JournalStore
    from reflect.paths import get_paths
    from reflect.tui.app import make_app
    from reflect.tui.context import SEEN_NOTE_MARKER

    paths = get_paths()
    paths.state_dir.mkdir(parents=True, exist_ok=True)
    (paths.state_dir / SEEN_NOTE_MARKER).write_text("seen\\n")  # a returning user
    app = make_app(
        store=JournalStore(paths.journal_dir),
        drafts=DraftStore(paths.drafts_dir),
        now=clock.now,
        state_dir=paths.state_dir,
        cache_dir=paths.cache_dir,
        sources=workbook_sources(paths, load_config(paths)),
        cursor_blink=False,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_looking_back()
        # The first frame: the screen mounted and laid out, still saying it is reading
        # (pilot.pause() would wait for the worker's result too).
        while not (
            type(app.screen).__name__ == "LookingBackScreen"
            and app.screen.is_mounted
            and app.screen.query("#lb-heading")
            and app.screen.query_one("#lb-heading").region.height
        ):
            await asyncio.sleep(0.002)
        first = time.time()
        screen = type(app.screen).__name__
        await app.workers.wait_for_complete()
        await pilot.pause()
        filled = time.time()
        shown = str(app.screen.query_one("#lb-heading").render())
    print(json.dumps({"first": first, "filled": filled, "screen": screen, "shown": shown}))

asyncio.run(main())
"""


def one_start(folder: Path) -> dict[str, float | str]:
    env = environment(folder)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled modules kept
    env.pop("PYTHONUNBUFFERED", None)
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD], env=env, capture_output=True, text=True, check=True
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "first": found["first"] - started,
        "filled": found["filled"] - started,
        "screen": found["screen"],
        "shown": found["shown"],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.tui_looking_back", description=__doc__)
    parser.add_argument("--scale", type=float, action="append", help="default: 1")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    for scale in args.scale or [1.0]:
        folder, info = ensure_data(args.data, scale, False)
        one_start(folder)  # warm-up
        runs = [one_start(folder) for _ in range(args.runs)]
        assert {r["screen"] for r in runs} == {"LookingBackScreen"}, runs
        first = statistics.median(float(r["first"]) for r in runs)
        filled = statistics.median(float(r["filled"]) for r in runs)
        print(
            f"TUI Looking back ×{scale:g} ({info['entries']:,} entries, today {generate.TODAY}): "
            f"first frame {first * 1000:.0f} ms, filled in {filled * 1000:.0f} ms: "
            f"{runs[-1]['shown']!r}"
        )


if __name__ == "__main__":
    main()
