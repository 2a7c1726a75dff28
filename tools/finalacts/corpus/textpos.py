"""Where a character of a text value sits in its source file.

The model keeps the position where each value starts. Rules that point inside a text (a doubled
`;;`, a reference to a missing label) need the line and column of one character of it, which for a
folded `>-` scalar or a quoted string is not simply "start + offset". `locate` walks the source
from the value's start alongside the value, skipping what YAML folds away (line breaks and
indentation, block headers, quotes, escapes).
"""

from __future__ import annotations

import bisect
import re

from finalacts.corpus.model import NOWHERE, Pos

_ESCAPE_LEN = {"x": 4, "u": 6, "U": 10}


class Source:
    """The text of one file, with its line starts for turning offsets into positions."""

    def __init__(self, text: str):
        self.text = text
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        # Built on first use: most files produce no finding that points inside a text.
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return self._starts

    def index(self, pos: Pos) -> int:
        line = min(max(pos.line, 1), len(self.starts))
        return self.starts[line - 1] + pos.col - 1

    def pos(self, index: int) -> Pos:
        line = bisect.bisect_right(self.starts, index)
        return Pos(line, index - self.starts[line - 1] + 1)


def locate(source: Source | None, start: Pos, value: str, offset: int) -> Pos:
    """Position of `value[offset]`, for a scalar whose source starts at `start`.

    Falls back to `start` when there is no source or the source does not match the value (a file
    edited since loading, an escape the walk does not know).
    """
    if source is None or not source.text or not value or start == NOWHERE:
        return start
    s = source.text
    j = source.index(start)
    if j >= len(s):
        return start
    quote = ""
    if s[j] in ">|":
        nl = s.find("\n", j)
        if nl < 0:
            return start
        j = nl + 1
    elif s[j] in "\"'":
        quote = s[j]
        j += 1
    offset = max(0, min(offset, len(value) - 1))
    for k in range(offset + 1):
        ch = value[k]
        step = _match(s, j, ch, quote)
        while step == 0:
            c = s[j] if j < len(s) else ""
            if c == "":
                return start
            if quote == '"' and s.startswith("\\\n", j):
                j += 2  # an escaped line break continues the line
            elif c in " \t\n\r":
                j += 1  # indentation and folded line breaks
            else:
                return start
            step = _match(s, j, ch, quote)
        if k == offset:
            return source.pos(j)
        j += step
        if ch == " ":
            # One space in the value may be a whole line break plus indentation in the source.
            while j < len(s) and s[j] in " \t\n\r" and (k + 1 >= len(value) or value[k + 1] != " "):
                j += 1
    return source.pos(j)


def _match(s: str, j: int, ch: str, quote: str) -> int:
    """How many source characters at `j` spell value character `ch` (0: they do not)."""
    c = s[j] if j < len(s) else ""
    if not c:
        return 0
    if quote == '"' and c == "\\" and j + 1 < len(s) and s[j + 1] != "\n":
        return _ESCAPE_LEN.get(s[j + 1], 2)
    if quote == '"' and c == '"':
        return 0
    if quote == "'" and c == "'":
        return 2 if ch == "'" and s.startswith("''", j) else 0
    if c == ch:
        return 1
    if ch == " " and c in "\n\r":
        return 1
    return 0
