"""Item labels as ITU prints them: a), 1, 5.1, i), and unlabelled dash or bullet entries.

An item inserted after another without relabelling the list takes the label before it with bis,
ter, quater … ("b)bis", "1bis", "1bis.1"): it follows its base in the sequence without taking a
place of its own.

Shared by the numbering rules (which check sequences) and `fmt --renumber` (which makes them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

DASHES = frozenset("–—-•·")

_ALPHA = re.compile(r"([a-z]{1,2})\)")
_ROMAN = re.compile(r"(?=[ivxl])(l?x{0,3})(ix|iv|v?i{0,3})\)")
_NUMBER = re.compile(r"[1-9][0-9]*")
# The Latin ordinals ITU appends to an inserted item's label, in their order.
SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies")
SUFFIX = "(?:" + "|".join(SUFFIXES) + ")"  # one of them, as a pattern for the readers of labels
_SUFFIX = re.compile(r"(" + SUFFIX + r")$")
_DOTTED = re.compile(r"((?:[1-9][0-9]*" + SUFFIX + r"?\.)+)([1-9][0-9]*)")

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50}


@dataclass(frozen=True)
class Label:
    """One parsed label: its style, its place in the sequence, and (dotted) its parent's label."""

    text: str
    style: str  # alpha | roman | number | dotted | dash
    ordinal: int = 0
    prefix: str = ""
    suffix: str = ""  # bis, ter, …: an item inserted after the one labelled without it


def roman_value(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total


def to_roman(n: int) -> str:
    out = []
    for v, s in ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def alpha_value(s: str) -> int:
    """a -> 1, z -> 26, aa -> 27 (two letters also occur glued by flattened revisions: 'fg')."""
    if len(s) == 1:
        return ord(s) - 96
    return 26 * (ord(s[0]) - 96) + ord(s[1]) - 96


def to_alpha(n: int) -> str:
    if n <= 26:
        return chr(96 + n)
    return chr(96 + (n - 1) // 26) + chr(97 + (n - 1) % 26)


def parse(text: str | None) -> list[Label]:
    """Every reading of a label ('i)' is both alpha and roman); [] when it is no ITU label."""
    return [] if text is None else list(_readings(text))


@lru_cache(maxsize=4096)
def _readings(text: str) -> tuple[Label, ...]:
    """parse(), kept per label: a corpus has few distinct labels and reads each many times."""
    text = text.strip()
    if text in DASHES:
        return (Label(text, "dash"),)
    m = _SUFFIX.search(text)
    suffix = m.group(1) if m and m.start() > 0 else ""
    t = text[:len(text) - len(suffix)]
    out = []
    if _NUMBER.fullmatch(t):
        out.append(Label(text, "number", int(t), suffix=suffix))
    m = _DOTTED.fullmatch(t)
    if m:
        out.append(Label(text, "dotted", int(m.group(2)), m.group(1)[:-1], suffix))
    m = _ROMAN.fullmatch(t)
    if m and t != ")":
        out.append(Label(text, "roman", roman_value(t[:-1]), suffix=suffix))
    m = _ALPHA.fullmatch(t)
    if m:
        out.append(Label(text, "alpha", alpha_value(m.group(1)), suffix=suffix))
    return tuple(out)


def make(style: str, ordinal: int, prefix: str = "") -> str:
    """The label at `ordinal` in `style` (for dotted, under `prefix`)."""
    if style == "alpha":
        return f"{to_alpha(ordinal)})"
    if style == "roman":
        return f"{to_roman(ordinal)})"
    if style == "dotted":
        return f"{prefix}.{ordinal}"
    return str(ordinal)


def reading(text: str | None, style: str) -> Label | None:
    """The label read in the given style, if it can be."""
    for lab in parse(text):
        if lab.style == style:
            return lab
    return None


def list_style(nums: list[str | None], expected: str | None = None) -> str | None:
    """The style of a list of sibling labels: the expected one if any label fits it, else the most common."""
    counts: dict[str, int] = {}
    for n in nums:
        for lab in parse(n):
            counts[lab.style] = counts.get(lab.style, 0) + 1
    if not counts:
        return None
    if expected and counts.get(expected):
        return expected
    # A list that starts at i) is roman although i) is also a letter.
    first = next((parse(n) for n in nums if parse(n)), [])
    if {lab.style for lab in first} == {"alpha", "roman"} and first[0].text == "i)":
        return "roman"
    if counts.get("alpha", 0) >= counts.get("roman", 0) and "alpha" in counts and "roman" in counts:
        counts["roman"] = 0
    return max(counts, key=lambda s: (counts[s], s == (first[0].style if first else "")))
