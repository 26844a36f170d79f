"""What may reach a terminal: someone's words, shown exactly as they are, never obeyed.

A journal is plain text that other tools (an editor, git, a sync service, an import)
also write, so an action's text can hold an escape sequence. Printed raw, a terminal
would act on it: change colours, move the cursor to hide part of a line, retitle
the window, even write to the clipboard (OSC 52), at every shell start-up that runs
`reflect remind`. Click strips colour codes only when output is not a terminal, and
strips them silently, so neither is "shown literally". `visible` turns every control
character except newline and tab (and the bidi overrides, and lone surrogates: see
is_obeyable) into a visible escape (`\\u001b`), the same on a terminal and in a pipe.
The escape is JSON's own, so JSON output (`--json`, where json.dumps leaves DEL
and the C1 controls raw) stays valid and means the same text.
The journal file itself keeps the exact text.

Kept tiny (no imports) because `reflect remind`'s fast path uses it.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see reflect.journal.index
if TYPE_CHECKING:
    from collections.abc import Callable


# What a terminal may obey rather than show, and so is never handed to one as it is:
# - the C0 controls except tab and newline (ESC starts every escape sequence; CR, BS
#   and the like move the cursor back over what was printed), and DEL;
# - the C1 controls U+0080-U+009F (CSI, OSC and the rest in one character, which
#   some terminals obey too);
# - the bidi embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069,
#   which reorder everything after them on the line, so a line can read as other
#   words than it holds ("Trojan Source"). The marks U+200E/U+200F/U+061C are kept:
#   they steer only the character beside them, and right-to-left writing uses them;
# - lone surrogates U+D800-U+DFFF (bytes that were not UTF-8, decoded with
#   surrogateescape), which no terminal encoding can carry.
def is_obeyable(code: int) -> bool:
    """Whether the character `chr(code)` is one of those above."""
    return (
        (code < 0x20 and code not in (0x09, 0x0A))
        or 0x7F <= code <= 0x9F
        or 0x202A <= code <= 0x202E
        or 0x2066 <= code <= 0x2069
        or 0xD800 <= code <= 0xDFFF
    )


class _Table(dict[int, str]):
    """A `str.translate` table filled in as characters are met: nothing to build at
    import (`reflect remind` starts in a few ms; a table of every surrogate took 1 ms),
    and each character is looked at once (a 1 MB export: ~300 ms, 0.4 s before)."""

    def __init__(self, written: Callable[[int], str]) -> None:
        super().__init__()
        self.written = written

    def __missing__(self, code: int) -> str:
        shown = self.written(code) if is_obeyable(code) else chr(code)
        self[code] = shown
        return shown


# Written out as JSON's own escape (`\\u001b`): readable, and valid in JSON output.
_VISIBLE = _Table(lambda code: f"\\u{code:04x}")
# One character for one (so a text field's cursor stays on the character it is on):
# the C0 controls and DEL as their Control Pictures (ESC as ␛, DEL as ␡), the rest
# as the replacement character.
_IN_PLACE = _Table(
    lambda code: chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"
)


def visible(text: str) -> str:
    """`text` with every character a terminal might obey written out (`\\u001b[31m`),
    so it is shown, never obeyed: the one sanitiser for text from a file or a person,
    whatever shows it (the CLI, plain mode, the app, a workbook preview)."""
    return text.translate(_VISIBLE)


def visible_in_place(text: str) -> str:
    """Like `visible`, one character for each: for a text field being edited, where the
    cursor and selection count characters ("a\x1bb" shows as "a␛b")."""
    return text.translate(_IN_PLACE)


def is_utf8(text: str) -> bool:
    """Whether `text` can be saved as UTF-8 as it is. Bytes that were not UTF-8 (in a
    command line, a pipe, a file) reach Python as lone surrogates ('\udcff'), which
    UTF-8 cannot hold; reflect refuses them rather than change someone's words."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
