"""How soon the TUI's home screen is on screen, on a generated journal.

Each measurement is a fresh process (Python, Textual and reflect imported from
cold, as when someone types `reflect start`). The process notes the wall-clock
time when Textual has drawn the home screen's first frame (`App.run_test`'s
headless terminal, 80×24, after the first refresh), and again once the due
banner has been filled in (the home screen counts due actions in a worker, from
the open-actions index, so that it can draw first). Times are from just before
the process was started, so they include the interpreter's own start-up.

Usage: python -m bench.tui [--scale 10] [--runs 5]
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
import asyncio, json, sys, time
from pathlib import Path

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
    config = load_config(paths)
    app = make_app(
        store=JournalStore(paths.journal_dir),
        drafts=DraftStore(paths.drafts_dir),
        now=clock.now,
        state_dir=paths.state_dir,
        cache_dir=paths.cache_dir,
        sources=workbook_sources(paths, config),
        cursor_blink=False,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = time.time()
        await app.workers.wait_for_complete()
        await pilot.pause()
        banner = time.time()
        shown = str(app.screen.query_one("#due-banner").render())
        screen = type(app.screen).__name__
    print(json.dumps({"first": first, "banner": banner, "screen": screen, "shown": shown}))

asyncio.run(main())
"""


def first_frame(folder: Path) -> dict[str, float | str]:
    """One cold start: seconds to the first frame and to the filled-in due banner."""
    env = environment(folder)
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "first": found["first"] - started,
        "banner": found["banner"] - started,
        "screen": found["screen"],
        "shown": found["shown"],
    }


def measure(folder: Path, runs: int) -> tuple[float, float, str]:
    """Medians of `runs` cold starts after one warm-up (which also builds the index)."""
    first_frame(folder)
    results = [first_frame(folder) for _ in range(runs)]
    screens = {str(r["screen"]) for r in results}
    assert screens == {"HomeScreen"}, screens
    return (
        statistics.median(float(r["first"]) for r in results),
        statistics.median(float(r["banner"]) for r in results),
        str(results[-1]["shown"]),
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.tui", description=__doc__)
    parser.add_argument("--scale", type=float, action="append", help="default: 0.1, 1 and 10")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    for scale in args.scale or [0.1, 1.0, 10.0]:
        folder, info = ensure_data(args.data, scale, False)
        first, banner, shown = measure(folder, args.runs)
        print(
            f"TUI home ×{scale:g} ({info['entries']:,} entries, today {generate.TODAY}): "
            f"first frame {first * 1000:.0f} ms, due banner {banner * 1000:.0f} ms: {shown!r}"
        )


if __name__ == "__main__":
    main()
