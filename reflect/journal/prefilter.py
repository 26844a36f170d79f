"""A quick, exact "might this text contain these words?" for case-insensitive search.

Search compares casefolded text ('STRASSE' finds 'Straße'). Casefolding a whole
journal costs more than everything else a search does (~40 ms for ten years),
because text with any non-ASCII character takes Python's slow path. But when the
folded words are ASCII, only ASCII letters and the 19 characters in `_FOLD_TO_ASCII`
can fold into them: every other character folds to text with no ASCII in it (and
never to nothing). So for text without those 19, lowering its ASCII letters is
enough, and on UTF-8 bytes that takes a few milliseconds. Text that has one of
them, or words that are not ASCII, get the full casefold. Never a false "no":
tests/unit/test_prefilter.py checks it against casefold.
"""

from __future__ import annotations

import re

# Every character above U+007F whose casefold has an ASCII character in it
# (computed over all of Unicode: see the test), e.g. 'ß' -> 'ss', 'ﬁ' -> 'fi', 'K' -> 'k'.
_FOLD_TO_ASCII = re.compile(
    "[\u00df\u0130\u0149\u017f\u01f0\u1e96-\u1e9a\u1e9e\u212a\ufb00-\ufb06]"
)


def may_contain(text: str, folded: str) -> bool:
    """False only when `folded` (casefolded words) is not in `text.casefold()`."""
    if folded.isascii():
        # surrogatepass: a word typed as bytes that are not UTF-8 reaches Python as
        # lone surrogates, which plain encoding refuses (they match only themselves).
        if folded.encode() in text.encode("utf-8", "surrogatepass").lower():
            return True  # a "yes" may be generous: the caller looks closer
        if text.isascii() or not _FOLD_TO_ASCII.search(text):
            return False
    return folded in text.casefold()
