"""Cheap tests that let a rule skip a text: most texts hold nothing a given pattern could match.

Scanning every text with every rule's regular expression is most of the time `check` spends. A
plain substring test is many times faster than a regex scan, so a pattern is run on a text only
when the text holds a string the pattern cannot match without. Each such string must be truly
necessary, or a finding is lost; tests run the rules with and without these shortcuts.
"""

from __future__ import annotations

import bisect

# The only characters beyond ASCII that Python's re.IGNORECASE matches to ASCII letters.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
IGNORECASE_LETTERS = tuple(chr(c) for c in _FOLD)


def folded(text: str) -> str:
    """`text` in lowercase, such that a case-insensitive match of an ASCII word in `text` is a
    plain substring of the result."""
    if text.isascii() or not holds(text, IGNORECASE_LETTERS):
        return text.lower()
    return text.translate(_FOLD).lower()


def holds(text, needles) -> bool:
    """Whether any of `needles` occurs in `text` (a loop: faster than any() on a generator)."""
    for n in needles:
        if n in text:
            return True
    return False


class Joined:
    """Texts joined by line breaks, so that one substring search through all of them tells which
    texts hold a string (none of the strings searched for holds a line break)."""

    def __init__(self, texts: list[str]):
        self.text = "\n".join(texts)
        self.starts = [0]
        for t in texts:
            self.starts.append(self.starts[-1] + len(t) + 1)

    def text_at(self, offset: int) -> int:
        """The index of the text that `offset` in the joined text falls in."""
        return bisect.bisect_right(self.starts, offset) - 1

    def holding(self, needles, view: str | None = None) -> set[int]:
        """Indices of the texts holding any of `needles`, searched in `view`: the joined text, or a
        copy of it mapped character for character (normalized, folded)."""
        hay = self.text if view is None else view
        found: set[int] = set()
        for needle in needles:
            i = hay.find(needle)
            while i >= 0:
                k = self.text_at(i)
                found.add(k)
                i = hay.find(needle, self.starts[k + 1])  # once per text is enough
        return found
