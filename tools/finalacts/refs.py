"""Internal references in a resolution's text: "*resolves* 1, 2, 3, and 4 above", "Annex 2 to this
resolution", "footnote 1", "[^1]".

Found by the references rules (each must point at something that exists) and rewritten by
`fmt --renumber` (when the labels they point at change). A heading followed by labels counts as
a reference to the resolution's own section with that heading unless the words around it send
it elsewhere ("*resolves* 2 of Resolution 71", "Resolution 71 …, in its *resolves* 2").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import headings

LABEL = r"(?:[1-9][0-9]*(?:\.[1-9][0-9]*)*(?![\w/%.,-][0-9])(?![\w%])|[a-z]{1,2}\)|[ivxl]{1,5}\))"
SEP = r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|to)(?:\s*,)?\s+|\s*[–-]\s*)"
_LABEL_RE = re.compile(LABEL)
_AFTER_EXTERNAL = re.compile(r"\s*,?\s+(?:of|in)\s+(?!this\b)(?:the\s+)?(?:[A-Z]|resolution|decision|its\b)")
_BEFORE_EXTERNAL = re.compile(r"(?:Resolution|Decision|Recommendation)\s+[\w./‑-]+\s*(?:\([^()]*\))?\s*"
                              r"(?:of\s+[^,;]{0,80})?,?\s*(?:in\s+)?(?:its\s+)?$|\bits\s+$")
# Headings a text may refer to even when this resolution lacks them (then it is a broken reference).
_GENERIC = ([*headings.PREAMBULAR, "resolves", "decides", "further resolves"]
            + [f"{v} further" for v in headings.PREAMBULAR]
            + [f"{v} the {who}" for v in ("instructs", "requests", "invites", "further instructs")
               for who in ("Secretary-General", "Council", "Director of the Telecommunication Development Bureau",
                           "Director of the Telecommunication Standardization Bureau",
                           "Director of the Radiocommunication Bureau", "Directors of the Bureaux",
                           "Secretary-General and the Directors of the Bureaux")])


@dataclass
class Ref:
    """One reference found in a text; offsets are into that text."""

    kind: str  # section | annex | footnote
    target: str  # heading as written, annex kind, or footnote marker
    start: int
    end: int
    labels: list[tuple[str, int, int]] = field(default_factory=list)  # (label, start, end)
    direction: str | None = None


def _heading_pattern(h: str) -> str:
    words = h.split()
    first = words[0]
    head = f"[{first[0].lower()}{first[0].upper()}]{re.escape(first[1:])}"
    return r"\s+".join([head, *map(re.escape, words[1:])])


def _fits(heading: str, labs: str) -> bool:
    """Whether labels have the style of the heading's section (a) for preambular, 1 for operative)."""
    kind = headings.kind(heading)
    lettered = labs.rstrip().endswith(")")
    return kind is None or lettered == (kind == "preambular")


_TAIL = (r"\*?(?:\s+(?P<labels>" + LABEL + r"(?:" + SEP + LABEL + r")*))?"
         r"(?:\s+(?P<dir>above|below)(?!\s+all\b))?")


@lru_cache(maxsize=256)
def _heading_regex(alternatives: tuple[str, ...]):
    """One regex for a set of headings followed by labels; compiled once per set of headings."""
    if not alternatives:
        return None
    ordered = sorted(alternatives, key=len, reverse=True)
    return re.compile(r"(?<![\w-])\*?(?P<h>" + "|".join(map(_heading_pattern, ordered)) + ")" + _TAIL)


class Finder:
    """Finds references in the texts of one resolution, knowing its own section headings."""

    def __init__(self, own_headings: list[str]):
        names = {headings.normalize(h) for h in own_headings if headings.normalize(h)}
        # Texts cite a long heading by its leading words: "instructs the Secretary-General 3 above"
        # for *instructs the Secretary-General, in consultation with the Directors of the Bureaux*.
        names |= {h.split(",")[0].strip() for h in names if "," in h}
        own = tuple(sorted(names))
        self.own = _heading_regex(own)
        # Own headings are matched first, so the generic list needs no per-resolution copy.
        self.generic = _heading_regex(tuple(sorted(set(_GENERIC))))

    def find(self, text: str) -> list[Ref]:
        """References in `text`, in order."""
        out: list[Ref] = []
        taken: list[tuple[int, int]] = []
        for rx, need_dir in ((self.own, False), (self.generic, True)):
            if rx is None:
                continue
            for m in rx.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                if not (m.group("labels") or m.group("dir")):
                    continue
                if need_dir and not m.group("dir"):
                    continue
                if not m.group("dir") and m.group("labels") and not _fits(m.group("h"), m.group("labels")):
                    continue
                if not m.group("dir") and (_AFTER_EXTERNAL.match(text, m.end())
                                           or _BEFORE_EXTERNAL.search(text[max(0, m.start() - 160):m.start()])):
                    continue
                labs = []
                if m.group("labels"):
                    base = m.start("labels")
                    labs = [(x.group(), base + x.start(), base + x.end())
                            for x in _LABEL_RE.finditer(m.group("labels"))]
                end = m.end()
                out.append(Ref("section", headings.normalize(m.group("h")), m.start(), end, labs, m.group("dir")))
                taken.append((m.start(), end))
        out.extend(_annex_refs(text))
        out.extend(_footnote_refs(text))
        return sorted(out, key=lambda r: r.start)


_ANNEX = re.compile(r"\b(?P<kind>Annex|Appendix|Attachment)(?:es|s)?\s+(?P<nums>(?:[0-9]+|[A-Z])"
                    r"(?:\s*(?:,|and|to)\s*(?:[0-9]+|[A-Z]))*)\s+(?:to|of)\s+this\s+(?:resolution|decision)\b")
_THE_ANNEX = re.compile(r"\b[Tt]he\s+(?P<kind>[Aa]nnex|[Aa]ppendix|[Aa]ttachment)\s+(?:to|of)\s+this\s+"
                        r"(?:resolution|decision)\b")
_FOOTNOTE_WORD = re.compile(r"\bfootnote\s+(?P<n>[0-9]+)\b(?!\s+(?:to|of|in)\b)")
_FOOTNOTE_MARK = re.compile(r"\[\^(?P<n>[^\]\s]+)\]")


def _annex_refs(text: str):
    for m in _ANNEX.finditer(text):
        base = m.start("nums")
        labs = [(x.group(), base + x.start(), base + x.end())
                for x in re.finditer(r"[0-9]+|[A-Z]", m.group("nums"))]
        yield Ref("annex", m.group("kind").lower(), m.start(), m.end(), labs)
    for m in _THE_ANNEX.finditer(text):
        yield Ref("annex", m.group("kind").lower(), m.start(), m.end(), [])


def _footnote_refs(text: str):
    for rx in (_FOOTNOTE_WORD, _FOOTNOTE_MARK):
        for m in rx.finditer(text):
            yield Ref("footnote", m.group("n"), m.start(), m.end(), [(m.group("n"), m.start("n"), m.end("n"))])


def _fold(h: str) -> str:
    return h[:1].lower() + h[1:]


def sections_for(target: str, own_headings) -> list[str]:
    """The headings a reference's heading means: the same heading, else those it is the start of."""
    t = _fold(headings.normalize(target))
    exact = [h for h in own_headings if _fold(headings.normalize(h)) == t]
    if exact:
        return exact
    return [h for h in own_headings if _fold(headings.normalize(h)).startswith((t + ",", t + " "))]


def rewrite(text: str, finder: Finder, relabel) -> str:
    """`text` with each section reference's labels passed through `relabel(heading, label)`."""
    pieces, last = [], 0
    for ref in finder.find(text):
        if ref.kind != "section":
            continue
        for lab, a, b in ref.labels:
            new = relabel(ref.target, lab)
            if new and new != lab:
                pieces += [text[last:a], new]
                last = b
    pieces.append(text[last:])
    return "".join(pieces)
