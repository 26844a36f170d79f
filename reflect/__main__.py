"""The `reflect` entry point: tiny, with a fast path for `reflect remind`.

`reflect remind` runs in shell start-up hooks, so it must cost close to a bare
`python -c pass`. Typer and its imports (rich, click, and pydantic via Typer's
adapters) cost ~100 ms before any command runs; the remind fast path answers
with a small dependency-free module instead. Any other command line, or a
`remind` with flags the fast path does not know (such as --help), goes to the
Typer app. tests/cli/test_remind.py proves both paths print the same.
"""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["remind"]:
        from reflect.remind import fast_remind

        code = fast_remind(args[1:])
        if code is not None:
            sys.exit(code)
    if args[:1] == ["sync"]:
        # The same for a bare `reflect sync` (sync.auto runs it after every save).
        from reflect.sync.report import fast_sync

        code = fast_sync(args[1:])
        if code is not None:
            sys.exit(code)
    # One command's module, not all of them: see reflect.cli.root.
    from reflect.cli.root import run

    run()


if __name__ == "__main__":
    main()
