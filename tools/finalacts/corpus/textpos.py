"""Where a character of a text value sits in its source file.

The model keeps the position where each value starts. Rules that point inside a text (a doubled
`;;`, a reference to a missing label) need the line and column of one character of it, which for a
folded `>-` scalar or a quoted string is not simply "start + offset". `locate` walks the source
from the value's start alongside the value, skipping what YAML folds away (line breaks and
indentation, block headers, quotes, escapes).

The walk costs time linear in the text however many characters of it are asked for: runs of
source characters that spell the value one for one are compared at once (only line breaks, tabs,
quotes and escapes are taken one at a time), and each value's walk is kept in its `Source` as the
segments it has found, so that an offset already walked past is found by bisection, with no walk
at all, and a later one resumes where the walk stopped (a text with thousands of findings is
walked once, whatever the order its characters are asked in).
"""

from __future__ import annotations

import bisect
import re
from array import array

from finalacts.corpus.model import NOWHERE, Pos

_ESCAPE_LEN = {"x": 4, "u": 6, "U": 10}
# Source characters that may spell something other than themselves, by the scalar's quote.
_SPECIAL = {"": re.compile(r"[\t\n\r]"), '"': re.compile(r'[\t\n\r"\\]'), "'": re.compile(r"[\t\n\r']")}
_BLANK = " \t\n\r"
_BLANKS = re.compile("[ \t\n\r]*")
# The longest run compared at once, so that segments are never long (a whole text may sit
# on one line).
_RUN = 256


class Source:
    """The text of one file, with its line starts for turning offsets into positions."""

    def __init__(self, text: str):
        self.text = text
        self._starts: list[int] | None = None
        self._walks: dict[tuple[int, str], _Walk] = {}

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

    def walk(self, j: int, value: str) -> _Walk:
        """The walk of `value` from source index `j`, kept for the next character asked of it."""
        key = (j, value)
        w = self._walks.get(key)
        if w is None:
            w = self._walks[key] = _Walk(self.text, j, value)
        return w


def locate(source: Source | None, start: Pos, value: str, offset: int) -> Pos:
    """Position of `value[offset]`, for a scalar whose source starts at `start`.

    Falls back to `start` when there is no source or the source does not match the value (a file
    edited since loading, an escape the walk does not know).
    """
    if source is None or not source.text or not value or start == NOWHERE:
        return start
    j = source.walk(source.index(start), value).to(max(0, min(offset, len(value) - 1)))
    return start if j is None else source.pos(j)


class _Walk:
    """One value's walk through its source, kept as segments: from ks[i] up to ks[i + 1] the value
    is spelt one for one by the source from js[i]. The segments cover the value from its start up
    to `k`, so an offset before `k` is a bisection and a sum, never a walk again; beyond it the walk
    goes on from (k, j), the next value character and the source index it is read at, up to
    `failed`, the first offset the source does not spell."""

    def __init__(self, s: str, j: int, value: str):
        self.s, self.value = s, value
        self.quote = ""
        self.failed = len(value)  # offsets from here on cannot be located
        if j >= len(s):
            self.failed = 0
        elif s[j] in ">|":
            nl = s.find("\n", j)
            if nl < 0:
                self.failed = 0
            j = nl + 1
            if value[0] not in _BLANK:  # the first line's indentation spells nothing
                j = _BLANKS.match(s, j).end()
        elif s[j] in "\"'":
            self.quote = s[j]
            j += 1
        self.k, self.j = 0, j
        self.ks, self.js = array("q"), array("q")

    def to(self, offset: int) -> int | None:
        """Source index of value[offset]; None when the source does not spell the value that far."""
        if offset >= self.failed:
            return None
        if offset < self.k:
            ks = self.ks
            i = bisect.bisect_right(ks, offset) - 1
            return self.js[i] + offset - ks[i]
        return self._walk(offset)

    def _walk(self, offset: int) -> int | None:
        s, value, quote = self.s, self.value, self.quote
        special = _SPECIAL[quote]
        n_s, n_v = len(s), len(value)
        k, j = self.k, self.j
        ks, js = self.ks, self.js
        while True:
            # A run of source characters that spell the value one for one.
            stop = min(n_s, j + _RUN)
            m = special.search(s, j, stop)
            n = min((m.start() if m else stop) - j, n_v - k)
            if n > 0 and not s.startswith(value[k:k + n], j):
                n = _common(s, j, value, k, n)
            if n > 0:
                ks.append(k)
                js.append(j)
                at = j + offset - k
                k += n
                j += n
                if k < n_v and value[k] == " " and j < n_s and s[j] == "\n":
                    # A line break folded into the space that follows the run: one for one, the
                    # same segment; the next line's indentation spells nothing.
                    k += 1
                    j += 1
                    if k < n_v and value[k] not in _BLANK:
                        j = _BLANKS.match(s, j).end()
                elif value[k - 1] == " ":
                    j = _fold(s, j, value, k)
            else:
                # One character the careful way: a line break for a space, an escape, a quote.
                ch = value[k]
                step = _match(s, j, ch, quote)
                while step == 0:
                    c = s[j] if j < n_s else ""
                    if c == "":
                        self.failed = k
                        return None
                    if quote == '"' and s.startswith("\\\n", j):
                        j += 2  # an escaped line break continues the line
                    elif c in _BLANK:
                        # Indentation and folded line breaks: no blank spells a character that
                        # is not one, so for such a character all of them are passed at once.
                        j = _BLANKS.match(s, j).end() if ch not in _BLANK else j + 1
                    else:
                        self.failed = k
                        return None
                    step = _match(s, j, ch, quote)
                ks.append(k)
                js.append(j)
                at = j
                j += step
                k += 1
                if ch == " ":
                    j = _fold(s, j, value, k)
            self.k, self.j = k, j
            if k > offset:
                return at


def _fold(s: str, j: int, value: str, k: int) -> int:
    """After a space of the value: one space in the value may be a whole line break plus
    indentation in the source, unless the value's next character is a space too."""
    if k < len(value) and value[k] == " ":
        return j
    return _BLANKS.match(s, j).end()


def _common(s: str, j: int, value: str, k: int, n: int) -> int:
    """The length of the longest common start of s[j:j+n] and value[k:k+n] (binary search, each
    probe one comparison in C)."""
    lo, hi = 0, n - 1  # value[k:k+n] itself is known not to match
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if s.startswith(value[k:k + mid], j):
            lo = mid
        else:
            hi = mid - 1
    return lo


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
