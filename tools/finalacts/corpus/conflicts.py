"""The merge conflicts `finalacts merge-driver` leaves inside a text, where they stand.

A conflict is written in the text whose words both sides changed, in one line of words, with the
three versions of those words:

    that the Union <<<<<<< ours shall ||||||| base should ======= may >>>>>>> theirs hold

so the file stays a valid resolution (every other text merged, every rule still run), `check`
points at the conflict (`merge-conflict`), `compare` shows the two sides, and the person resolving
it keeps the words meant and deletes the rest. A side that deleted the whole item, section, block
or proposal where the other changed it says so in place of words (DELETED).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

OURS, BASE, THEIRS = "ours", "base", "theirs"
OPEN, MIDDLE, SPLIT, CLOSE = "<" * 7 + " ours", "|" * 7 + " base", "=" * 7, ">" * 7 + " theirs"
# What a side that deleted the whole element holding the text has instead of words.
DELETED = "(deleted)"
# The start of a conflict, as a cheap test on a whole file before any text is looked at.
START = "<" * 7

_CONFLICT = re.compile(r"<{7} ours(?: (?P<ours>.*?))? \|{7} base(?: (?P<base>.*?))? ={7}"
                       r"(?: (?P<theirs>.*?))? >{7} theirs", re.S)


@dataclass(frozen=True)
class Conflict:
    """One conflict in a text: where it stands, and what each version had there."""

    start: int
    end: int
    ours: str
    base: str
    theirs: str

    def side(self, name: str) -> str:
        return {OURS: self.ours, BASE: self.base, THEIRS: self.theirs}[name]

    @property
    def deletes(self) -> str | None:
        """The side that deleted the element this text belongs to, if one did."""
        return OURS if self.ours == DELETED else THEIRS if self.theirs == DELETED else None


def mark(ours: str, base: str, theirs: str) -> str:
    """The conflict of three versions of some words, as it is written in the text."""
    def part(head: str, words: str) -> str:
        return f"{head} {words}" if words else head

    return " ".join([part(OPEN, ours), part(MIDDLE, base), part(SPLIT, theirs), CLOSE])


def find(text: str) -> list[Conflict]:
    """The conflicts in `text`, in order."""
    if START not in text:
        return []
    return [Conflict(m.start(), m.end(), m.group("ours") or "", m.group("base") or "", m.group("theirs") or "")
            for m in _CONFLICT.finditer(text)]


def has(text: str) -> bool:
    """Whether `text` holds the start of a conflict (a cheap test, for whole files)."""
    return START in text


_J = "\x00"  # the junction of a conflict's words with the text around it, while resolving
_EMPTY_BEFORE_MARK = re.compile(" *" + _J * 2 + r" *(?=[,;:.)\]]|$)|^ *" + _J * 2 + " *")
_EMPTY = re.compile(" *" + _J * 2 + " *")


def resolve(text: str, side: str) -> str | None:
    """`text` with each conflict replaced by the words of `side` (ours, base or theirs); None when
    that side deleted the element holding the text."""
    out, last = [], 0
    for c in find(text):
        words = c.side(side)
        if words == DELETED:
            return None
        out += [text[last:c.start], _J, words, _J]
        last = c.end
    if not out:
        return text
    out.append(text[last:])
    joined = "".join(out)
    # The spaces around a conflict were written for its words: a side with none leaves one space
    # between the words around it, none before punctuation or at either end.
    joined = _EMPTY.sub(" ", _EMPTY_BEFORE_MARK.sub("", joined))
    return joined.replace(_J, "")


def resolve_data(data: Any, side: str) -> Any:
    """A copy of a file's data with every conflict resolved to `side`: the file as that side of the
    merge has it (an element whose text that side deleted is left out)."""
    if isinstance(data, str):
        return resolve(data, side)
    if isinstance(data, list):
        out = []
        for x in data:
            y = resolve_data(x, side)
            if isinstance(x, dict) and _gone(x, side):
                continue
            out.append(y)
        return out
    if isinstance(data, dict):
        return {k: v for k, v in ((k, resolve_data(v, side)) for k, v in data.items()) if v is not None}
    return data


def _gone(element: dict, side: str) -> bool:
    """Whether `side` deleted `element` (a conflict in one of its own texts says so)."""
    return any(isinstance(v, str) and any(c.side(side) == DELETED for c in find(v)) for v in element.values())


def strings(data: Any, path: tuple = ()):
    """(path, text) of every string of a file's data holding a conflict, paths as in `Loaded.positions`."""
    if isinstance(data, str):
        if START in data:
            yield path, data
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from strings(v, path + (i,))
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from strings(v, path + (k,))
