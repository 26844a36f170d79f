"""What shell completion offers after a command: workbook, entry and action ids.

Each function runs only when someone presses Tab (the shell runs `reflect` with
`_REFLECT_COMPLETE` set), so nothing here is imported by an ordinary command. They
never fail: a journal that cannot be read completes nothing rather than printing
an error into the person's command line.
"""

from __future__ import annotations

import re

from reflect.errors import ReflectError

_ENTRY_ID_LINE = re.compile(r"^id: ([a-z0-9]{3,16})$", re.MULTILINE)


def entry_ids(incomplete: str) -> list[str]:
    """Entry ids starting with `incomplete`, newest first, read from the 'id:' lines of
    the month files (no parse: a Tab must answer at once)."""
    from reflect.cli.common import get_env

    try:
        store = get_env().store
        found: list[str] = []
        for path in reversed(store.month_files()):
            found += reversed(_ENTRY_ID_LINE.findall(store.read_text(path)))
    except (ReflectError, OSError):
        return []
    prefix = incomplete.strip().lower()
    return [entry_id for entry_id in found if entry_id.startswith(prefix)]


def open_action_ids(incomplete: str) -> list[tuple[str, str]]:
    """Open action ids starting with `incomplete`, with their text as the help a shell
    shows beside each (zsh, fish), from the open-actions index."""
    from reflect.cli.common import get_env
    from reflect.journal.index import open_actions

    try:
        paths = get_env().paths
        found = open_actions(paths.journal_dir, paths.cache_dir)
    except (ReflectError, OSError):
        return []
    prefix = incomplete.strip().lower()
    return [(item.id, item.text) for item in found if item.id.startswith(prefix)]


def workbook_ids(incomplete: str) -> list[tuple[str, str]]:
    """Workbook ids starting with `incomplete`, with their titles."""
    from reflect.cli.common import get_env
    from reflect.workbook.loader import all_workbooks

    try:
        found, _ = all_workbooks(get_env().sources)
    except (ReflectError, OSError):
        return []
    return [
        (item.workbook.id, item.workbook.title)
        for item in found
        if item.workbook.id.startswith(incomplete)
    ]
