"""Flattened revision marks: deleted and inserted words that an extraction ran together.

A Word file with tracked changes, saved as plain text, keeps both readings side by side with no
marks: "Busan, 2014" deleted and "Dubai, 2018" inserted become "BusanDubai, 20142018", label f)
renumbered g) becomes "fg)". Which part is old and which is new cannot be decided from the text,
so the importer keeps such words as they are and reports each place with the reason.
"""

from __future__ import annotations

import re

RULE = "import-flattened-marks"

# Each pattern, with the reason given to the user.
_PATTERNS = [
    (re.compile(r"\b(?:19|20)\d\d(?:19|20)\d\d\b"),
     "two years run together (one deleted, one inserted)"),
    (re.compile(r"\b(?:19|20)\d\d[A-Za-z]{3,}"),
     "a year run into the following word (a deleted year next to an inserted place)"),
    (re.compile(r"[A-Za-z]{2,}(?:19|20)\d\d\b"),
     "a word run into a year (deleted and inserted text side by side)"),
    (re.compile(r"\b[A-Z]?[a-z]{2,}[A-Z]{2,}[a-z]*\b"),
     "a word run into a capitalised word (e.g. a deleted city next to an inserted one)"),
    (re.compile(r"\b[A-Z][a-z]{2,}[A-Z][a-z]{2,}\b"),
     "two capitalised words run together (deleted and inserted text side by side)"),
]

# Real words that look like two run together.
_ALLOWED = {"YouTube", "LinkedIn", "PowerPoint", "WhatsApp", "SharePoint", "GitHub", "McDonald",
            "eLearning", "iPhone", "DiffServ", "IoT", "WiMAX", "SMEs", "ICTs", "PPPs", "NGOs", "LDCs",
            "SIDSs", "LLDCs", "MDGs", "SDGs"}


def scan_text(text: str) -> list[tuple[int, str, str]]:
    """(0-based column, matched words, reason) for each flattened-looking place in `text`."""
    found: dict[int, tuple[int, str, str]] = {}
    for rx, reason in _PATTERNS:
        for m in rx.finditer(text):
            word = m.group(0)
            if word in _ALLOWED or word.endswith(("s", "es")) and word[:-1].isupper():
                continue
            found.setdefault(m.start(), (m.start(), word, reason))
    return [found[k] for k in sorted(found)]


_LETTERS = re.compile(r"^([a-z])([a-z])\)$")
_ROMAN = re.compile(r"^(?=[ivxl])(x{0,3})(ix|iv|v?i{0,3})\)$")
_NUMBER = re.compile(r"^\d{2,4}$")


def flattened_label(label: str, prev: str | None) -> tuple[str | None, str]:
    """(reason or None, the label to compare the next one with) for an item label.

    "fg)" is f) renumbered g); "1310" after 12 is 13 renumbered 10; "76" after 6 is 7 renumbered 6.
    `prev` is the reading returned for the previous sibling.
    """
    m = _LETTERS.match(label)
    if m:
        a, b = m.groups()
        if a != b and not (_ROMAN.match(label) and prev and _ROMAN.match(prev)):
            return f"label {label!r} looks like {a}) renumbered {b}) (tracked change flattened)", a + ")"
        return None, label
    if _NUMBER.match(label):
        n = int(label)
        p = int(prev) if prev and prev.isdigit() else None
        if p is not None and n == p + 1:
            return None, label
        for i in range(1, len(label)):
            a, b = label[:i], label[i:]
            if b.startswith("0") or a == b:
                continue
            ia, ib = int(a), int(b)
            if len(label) >= 3:
                hit = abs(ia - ib) <= 5 and (p is None or p < 100)
            else:
                hit = p is not None and (ia in (p, p + 1) or ib in (p, p + 1))
            if hit:
                return f"label {label!r} looks like {a} renumbered {b} (tracked change flattened)", a
    return None, label
