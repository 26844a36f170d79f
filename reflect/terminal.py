"""What may reach a terminal: someone's words, shown exactly as they are, never obeyed.

A journal is plain text that other tools (an editor, git, a sync service, an import)
also write, so an action's text can hold an escape sequence. Printed raw, a terminal
would act on it: change colours, move the cursor to hide part of a line, retitle
the window, even write to the clipboard (OSC 52), at every shell start-up that runs
`reflect remind`. Click strips colour codes only when output is not a terminal, and
strips them silently, so neither is "shown literally". `visible` turns every control
character except newline and tab into a visible escape (`\\u001b`), the same on a
terminal and in a pipe. The escape is JSON's own, so JSON output (`--json`, where
json.dumps leaves DEL and the C1 controls raw) stays valid and means the same text.
The journal file itself keeps the exact text.

Kept tiny (no imports) because `reflect remind`'s fast path uses it.
"""

from __future__ import annotations

# C0 controls except \t and \n, DEL, and the C1 controls (U+0080-U+009F, which some
# terminals obey as escape sequences too).
_CONTROLS = [c for c in range(0x20) if c not in (0x09, 0x0A)] + [0x7F, *range(0x80, 0xA0)]
_VISIBLE = {c: f"\\u{c:04x}" for c in _CONTROLS}


def visible(text: str) -> str:
    """`text` with control characters written out (`\\u001b[31m`), so a terminal shows them."""
    return text.translate(_VISIBLE)


def is_utf8(text: str) -> bool:
    """Whether `text` can be saved as UTF-8 as it is. Bytes that were not UTF-8 (in a
    command line, a pipe, a file) reach Python as lone surrogates ('\udcff'), which
    UTF-8 cannot hold; reflect refuses them rather than change someone's words."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
