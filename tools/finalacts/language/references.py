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

from finalacts.corpus.patterns import lazy
from finalacts.language import headings, labels
from finalacts.language.scan import Joined

_SUF = labels.SUFFIX + "?"  # b)bis, 1bis.1
LABEL = (r"(?:[1-9][0-9]*" + _SUF + r"(?:\.[1-9][0-9]*" + _SUF + r")*(?![\w/%.,-][0-9])(?![\w%])"
         r"|[a-z]{1,2}\)" + _SUF + r"|[ivxl]{1,5}\)" + _SUF + ")")
SEP = r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|to)(?:\s*,)?\s+|\s*[–-]\s*)"
_LABEL_RE = lazy(LABEL)
# What follows a heading that is referred to: the first characters of its labels, or "above"/"below"
# (see _TAIL).
_REFERRED = lazy(r"\*?\s+(?:[1-9]|[a-z]{1,2}\)|[ivxl]{1,5}\)|above|below)")
_AFTER_EXTERNAL = lazy(r"\s*,?\s+(?:of|in)\s+(?!this\b)(?:the\s+)?(?:[A-Z]|resolution|decision|its\b)")
_BEFORE_EXTERNAL = lazy(r"(?:Resolution|Decision|Recommendation)\s+[\w./‑-]+\s*(?:\([^()]*\))?\s*"
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


_TAIL = lazy(r"\*?(?:\s+(?P<labels>" + LABEL + r"(?:" + SEP + LABEL + r")*))?"
                   r"(?:\s+(?P<dir>above|below)(?!\s+all\b))?")


@lru_cache(maxsize=4096)
def _heading_regex(alternatives: tuple[str, ...]):
    """A regex for headings, the longest first (it wins where several start at the same place)."""
    ordered = sorted(alternatives, key=len, reverse=True)
    return re.compile(r"(?<![\w-])\*?(?P<h>" + "|".join(map(_heading_pattern, ordered)) + ")")


def _matches(text: str, regexes: list):
    """(heading match, tail match) as one regex of all `regexes`' headings in turn, followed by
    _TAIL, would find them: the leftmost first, the earliest regex where several start there.

    A resolution's own headings get one small regex each, shared by every resolution with that
    heading, instead of one big regex per set of headings: compiling a regex costs more than
    checking most resolutions."""
    pos, found = 0, [rx.search(text) for rx in regexes]
    while True:
        best = None
        for i, m in enumerate(found):
            if m is not None and m.start() < pos:
                m = found[i] = regexes[i].search(text, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return
        tail = _TAIL.match(text, best.end())
        yield best, tail
        pos = tail.end()


def _last_word(heading: str) -> str:
    """The end of every match of the heading's regex: its last word, less the first letter when
    that is the heading's first (matched in either case)."""
    words = heading.split()
    last = words[-1] if len(words) > 1 else words[-1][1:]
    return last if last and last[-1].isalnum() else ""


class Finder:
    """Finds references in the texts of one resolution, knowing its own section headings."""

    def __init__(self, own_headings: list[str]):
        names = {headings.normalize(h) for h in own_headings if headings.normalize(h)}
        # Texts cite a long heading by its leading words: "instructs the Secretary-General 3 above"
        # for *instructs the Secretary-General, in consultation with the Directors of the Bureaux*.
        names |= {h.split(",")[0].strip() for h in names if "," in h}
        own = sorted(sorted(names), key=len, reverse=True)
        # A reference to an own heading holds the heading's last word, then labels or
        # "above"/"below"; see scan.py. "": no such test. Each heading's regex is compiled when a
        # text may refer to it: most headings are never referred to.
        self.own = [(h, _last_word(h)) for h in own]
        # Own headings are matched first, so the generic list needs no per-resolution copy.
        self.generic = [_heading_regex(tuple(sorted(set(_GENERIC))))]

    def find(self, text: str) -> list[Ref]:
        """References in `text`, in order."""
        return self.find_many([text])[0]

    def find_many(self, texts: list[str]) -> list[list[Ref]]:
        """find() of each of `texts`. Substring searches through all of them joined pick the few
        texts that may hold a reference (see scan.py); the others are not searched one by one."""
        joined = Joined(texts)
        directed = joined.holding(("above", "below"))
        annexed = {k for k in joined.holding(("nnex", "ppendix", "ttachment")) if "this" in texts[k]}
        noted = joined.holding(("footnote", "[^"))
        own = self._referred(joined)
        return [self._find(t, k in own, k in directed, k in annexed, k in noted)
                if k in own or k in directed or k in annexed or k in noted else []
                for k, t in enumerate(texts)]

    def _referred(self, joined: Joined) -> set[int]:
        """The texts in which one of the own headings may be referred to: a match of a heading ends
        with its last word, and a reference has labels or "above"/"below" right after it."""
        words = {word for _, word in self.own}
        if "" in words:
            return set(range(len(joined.starts) - 1))
        found: set[int] = set()
        hay = joined.text
        for word in words:
            i = hay.find(word)
            while i >= 0:
                if _REFERRED.match(hay, i + len(word)):
                    found.add(joined.text_at(i))
                i = hay.find(word, i + 1)
        return found

    def _find(self, text: str, own_referred: bool, direction: bool, annexed: bool, noted: bool) -> list[Ref]:
        out: list[Ref] = []
        taken: list[tuple[int, int]] = []
        # Without a heading referred to, own headings give no reference, and they are searched
        # apart from the generic ones: leaving them out changes nothing.
        own = [_heading_regex((h,)) for h, word in self.own if word in text] if own_referred else []
        for regexes, need_dir in ((own, False), (self.generic if direction else [], True)):
            for m, tail in _matches(text, regexes):
                start, end, h = m.start(), tail.end(), m.group("h")
                labels, direct = tail.group("labels"), tail.group("dir")
                if any(a < end and start < b for a, b in taken):
                    continue
                if not (labels or direct):
                    continue
                if need_dir and not direct:
                    continue
                if not direct and labels and not _fits(h, labels):
                    continue
                if not direct and (_AFTER_EXTERNAL.match(text, end)
                                   or _BEFORE_EXTERNAL.search(text[max(0, start - 160):start])):
                    continue
                labs = []
                if labels:
                    base = tail.start("labels")
                    labs = [(x.group(), base + x.start(), base + x.end()) for x in _LABEL_RE.finditer(labels)]
                out.append(Ref("section", headings.normalize(h), start, end, labs, direct))
                taken.append((start, end))
        if annexed:
            out.extend(_annex_refs(text))
        if noted:
            out.extend(_footnote_refs(text))
        return sorted(out, key=lambda r: r.start)


_ANNEX = lazy(r"\b(?P<kind>Annex|Appendix|Attachment)(?:es|s)?\s+(?P<nums>(?:[0-9]+|[A-Z])"
                    r"(?:\s*(?:,|and|to)\s*(?:[0-9]+|[A-Z]))*)\s+(?:to|of)\s+this\s+(?:resolution|decision)\b")
_THE_ANNEX = lazy(r"\b[Tt]he\s+(?P<kind>[Aa]nnex|[Aa]ppendix|[Aa]ttachment)\s+(?:to|of)\s+this\s+"
                        r"(?:resolution|decision)\b")
_FOOTNOTE_WORD = lazy(r"\bfootnote\s+(?P<n>[0-9]+)\b(?!\s+(?:to|of|in)\b)")
_FOOTNOTE_MARK = lazy(r"\[\^(?P<n>[^\]\s]+)\]")


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
