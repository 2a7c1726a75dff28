"""Plain text as extracted from ITU Word files (the seeds): lines to paragraphs.

Extraction artefacts are read here: `[bookmark: _Toc…]` anchors are dropped, a footnote reference
`[footnoteRef:7]2` becomes `[^2]` (the number the reader sees; the internal one when there is
none) and the footnote text `[7: 2<TAB>These include …]` left at the end of the paragraph becomes
footnote 2. Footnotes printed after a rule are taken out too: on lines of their own at the foot of
the text, or run into the last paragraph of their page with the page number after them (a PDF
extraction that joined each page's lines), the text of one sometimes on the lines after its mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from finalacts.importer import layout
from finalacts.importer.paras import Para

BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
FOOTREF = re.compile(r"\[footnoteRef:(\d+)\](\d+|\*+)?")


def split_footnotes(line: str) -> tuple[str, list[tuple[str, str, str]]]:
    """The line without footnote texts, and (internal id, shown mark, text) for each footnote on it."""
    ids = [m.group(1) for m in FOOTREF.finditer(line)]
    notes = []
    for fid in reversed(ids):
        start = line.rfind(f"[{fid}:")
        if start < 0 or start < line.find(f"[footnoteRef:{fid}]"):
            continue
        body = line[start + len(fid) + 2:]
        line = line[:start]
        body = body.rstrip()
        if body.endswith("]"):
            body = body[:-1]
        mm = re.match(r"\s*(\d+|\*+)?\s*(.*)$", body, re.S)
        notes.append((fid, mm.group(1) or "", mm.group(2).strip()))
    return line.rstrip(), list(reversed(notes))


@dataclass
class TextParas:
    """What the extraction holds: paragraphs, footnotes by mark, and the footnote troubles."""

    paras: list[Para] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)
    empty: list[tuple[int, str]] = field(default_factory=list)            # (line, mark) without text
    marks: dict[str, str] = field(default_factory=dict)                   # internal id -> mark used
    clashes: list[tuple[int, str, str]] = field(default_factory=list)     # (line, shown, mark used)
    furniture: list[tuple[int, str]] = field(default_factory=list)        # (line, text) left out
    notes: list[tuple[int, str]] = field(default_factory=list)            # (line, layout repair)


_RULE = re.compile(r"^\s*_{5,}\s*$")
_NOTE = re.compile(r"^\s*(?P<k>[0-9]{1,2}|\*{1,3})\s+(?P<t>\S.*)$")


# The foot of a page run into its last paragraph by an extraction that joined the page's lines:
# "… is located. _______________ 1 WRC-97 made editorial amendments to this Resolution. – 3 –", or
# only the mark after the rule and the footnote's text on the lines after it, to the page number.
_RUN_IN_RULE = re.compile(r"(?<=\S)\s+_{5,}\s+(?=(?:[0-9]{1,2}|\*{1,3})\s+\S)")
_RULE_THEN_MARK = re.compile(r"(?<=\S)\s+_{5,}\s+(?P<k>[0-9]{1,2}|\*{1,3})\s*$")


class Foot(NamedTuple):
    """The foot of a page run into the last paragraph on it."""

    text: str                 # the paragraph, without it
    notes: list[str]          # each footnote, with its mark
    page: str | None          # the page number after them
    lines: list[int]          # the lines after the paragraph's that held a footnote's text


def _next_mark(key: str) -> str:
    """The pattern of the footnote mark after `key`: 2 after 1, ** or 1 after *."""
    return str(int(key) + 1) if key.isdigit() else "(?:" + re.escape(key + "*") + "|1)"


def _run_in(line: str, last: bool) -> Foot | None:
    m = _RUN_IN_RULE.search(line)
    if not m:
        return None
    foot = line[m.end():]
    page = layout.PAGE_END.search(foot)
    if not page and not last:
        return None
    foot = foot[:page.start()] if page else foot
    notes = []
    while cut := re.search(r"(?<=[.)\u201d]) (?=" + _next_mark(_NOTE.match(foot).group("k")) + r"\s+[A-Z\u201c(])",
                           foot):
        notes.append(foot[:cut.start()])
        foot = foot[cut.end():]
    return Foot(line[:m.start()], notes + [foot], page.group(0).strip() if page else None, [])


def page_feet(lines: list[str]) -> dict[int, Foot]:
    """The feet of pages run into paragraphs, by the index of the paragraph's line: footnotes after
    their rule, then the page number (or the end of the text); or the rule and a mark ending the
    line, the footnote's text on the next lines up to the page number (three lines at most). Each
    footnote ends where the next mark in sequence begins a sentence."""
    last = max((k for k, t in enumerate(lines) if t.strip()), default=None)
    out: dict[int, Foot] = {}
    for k, line in enumerate(lines):
        foot = _run_in(line, k == last)
        mark = _RULE_THEN_MARK.search(line) if foot is None else None
        if mark:
            ends = [j for j in range(k + 1, min(k + 4, len(lines))) if layout.PAGE_END.search(lines[j])]
            if ends:
                texts = [t.strip() for t in lines[k + 1:ends[0] + 1]]
                page = layout.PAGE_END.search(texts[-1])
                texts[-1] = texts[-1][:page.start()]
                foot = Foot(line[:mark.start()], [f"{mark.group('k')} {' '.join(texts)}"], page.group(0).strip(),
                            list(range(k + 1, ends[0] + 1)))
        if foot is not None:
            out[k] = foot
    return out


def _feet(read: list[tuple[int, str, str]], out: TextParas) -> None:
    """The foot of each page run into its last paragraph taken out of it: its footnotes kept as
    footnotes, its page number left out, as `layout` leaves it out of a paragraph."""
    feet = page_feet([t for _, t, _ in read])
    for k, foot in feet.items():
        n, _, raw = read[k]
        for note in foot.notes:
            m = _NOTE.match(note)
            key, body = m.group("k"), m.group("t").strip()
            if out.footnotes.get(key, body) != body:
                out.clashes.append((n, key, f"{key}{len(out.footnotes)}"))
                key = f"{key}{len(out.footnotes)}"
            out.footnotes[key] = body
        if foot.page:
            out.notes.append((n, f"page number {foot.page!r} after the footnotes left out "
                              "(a page footer run into the footnotes of its page)"))
            out.furniture.append((n, foot.page))
        where = f" (its text on line(s) {', '.join(str(read[j][0]) for j in foot.lines)})" if foot.lines else ""
        out.notes.append((n, f"{len(foot.notes)} footnote(s) run into the paragraph after their rule taken out{where} "
                          "(the foot of a page joined to its text by the extraction)"))
        read[k] = (n, foot.text, raw)
    taken = {j for foot in feet.values() for j in foot.lines}
    read[:] = [r for j, r in enumerate(read) if j not in taken]


def _footnote_block(read: list[tuple[int, str, str]], out: TextParas) -> None:
    """Footnotes printed after a rule at the foot of the text ("_____" then "1 These include …"), as
    PDF and web extractions give them: taken out of the paragraphs, kept as footnotes."""
    for k, (_, t, _) in enumerate(read):
        if not _RULE.match(t):
            continue
        j = k + 1
        notes: list[tuple[str, str]] = []
        while j < len(read) and (_NOTE.match(read[j][1]) or (notes and read[j][1].strip())):
            m = _NOTE.match(read[j][1])
            if m:
                notes.append((m.group("k"), m.group("t").strip()))
            else:
                notes[-1] = (notes[-1][0], notes[-1][1] + " " + read[j][1].strip())
            j += 1
        if notes and all(key not in out.footnotes for key, _ in notes):
            for key, body in notes:
                out.footnotes[key] = body
            # The rule goes with the footnotes it introduced: when nothing follows them it is the
            # foot of the text, not an end-of-text separator to report as unplaced.
            del read[k + (0 if j == len(read) else 1):j]
            return


def to_paras(text: str, first_line: int = 1) -> TextParas:
    """Paragraphs and footnotes of extracted text, lines numbered from `first_line`."""
    out = TextParas()
    footnotes, empty = out.footnotes, out.empty
    read: list[tuple[int, str, str]] = []
    for n, raw in enumerate(text.splitlines(), start=first_line):
        line = BOOKMARK.sub("", raw)
        line, notes = split_footnotes(line)
        marks_of: dict[str, str] = {}
        for fid, shown, body in notes:
            key = shown or fid
            if key in footnotes and footnotes[key] != body:
                # One mark, two texts (a copied footnote): keep both, the second under its own id.
                key = fid if fid not in footnotes else f"{fid}{len(footnotes)}"
                out.clashes.append((n, shown, key))
            marks_of[fid] = key
            out.marks[fid] = key
            if body:
                footnotes[key] = body
            else:
                empty.append((n, key))

        def ref(m: re.Match) -> str:
            fid, shown = m.group(1), m.group(2) or ""
            return f"[^{marks_of.get(fid, shown or fid)}]"

        line = FOOTREF.sub(ref, line)
        read.append((n, line, raw))
    _feet(read, out)
    _footnote_block(read, out)
    laid = layout.normalise(read)
    out.paras = [Para(ln.n, ln.text, raw=ln.raw, end=ln.end) for ln in laid.lines]
    out.furniture += laid.furniture
    out.notes += laid.notes
    return out
