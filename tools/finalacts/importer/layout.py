"""Real layouts to one paragraph per line: what copying from web pages, Final Acts and PDFs does.

The seeds hold one paragraph per line. Texts copied from elsewhere do not, and this module brings
them to that form before the parts of the text are recognised, saying what it did at each source
line (rule `import-layout`):

- page furniture: page counters ("3/484"), running heads ("- 2/30 PP-02/56-E", "RES729-2") and
  document footers ("DOCUMENT1", "19.06.15", "CMR15/-E", "D:\\626080039.DOC (148092)") are left out, and so
  is a page number run into the end of the last paragraph on its page ("... (see No. 20.7). – 427 –",
  as the Radio Regulations' page footers come out of a PDF extraction that joined lines), and a
  running head run into the start of the first paragraph on its page ("RES168-3 5 that, …");
- a hyphenated word broken at a line end and joined with a space ("mobile- satellite") is made
  whole; a hyphen of the text itself ("small- and medium-sized") stays;
- web bullets ("• considering", "• a) that …") are dropped before a heading or a label;
- a hard-wrapped text (every line broken near one width) is joined back into paragraphs, a word
  broken with a hyphen ("recom-" / "mendations") made whole again; a line that begins with a
  heading word ("considering", "instructs …") is a heading only where the line before it ends a
  paragraph;
- a whole text run together on one line (web and PDF extraction: title line, title, preamble,
  headings and items in one) is cut at the title line, the preamble, each section heading that
  follows punctuation and each item label that follows punctuation;
- items run into the paragraph before them (an extraction that joined the lines of a page: "1 to
  take account …; 2 to assign …; 3 to take …", "taking into account: – technical factors; –
  digital transmissions") are cut at their labels where the labels say so themselves: numbers in
  sequence from the paragraph's own label or the item still open, letters in sequence from "a)"
  after a colon, dash entries after a colon or after the paragraph's own dash;
- a sentence broken off on a word at the end of a paragraph goes on with the next line when that
  begins in lower case with no label (a page break; an extraction that cut at a heading word:
  "… in the frequency bands mentioned in" / "resolves 2 shall effect coordination …").

Nothing is invented: every cut is at a place the text itself marks, and every paragraph keeps the
source line it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Page furniture: the strong signs, each enough on its own.
_FURNITURE = [
    re.compile(r"^\s*\d{1,4}\s*/\s*\d{1,4}\s*$"),                                   # 3/484
    re.compile(r"^\s*-\s*\d{1,4}\s*/\s*\d{1,4}\s*-?\s+\S+-[A-Z]\s*$"),               # - 2/30 PP-02/56-E
    re.compile(r"^\s*-\s*\d{1,4}\s*-\s*$"),                                          # - 2 -
    re.compile(r"^\s*DOCUMENT\d*\s*$"),                                              # DOCUMENT1
    re.compile(r"^\s*[A-Z]{2,}\d{2}/[\w().-]*-[A-Z]\s*$"),                           # CMR15/-E, PP18/42-E
    re.compile(r"\.DOCX?\b.*\(\d+\)", re.I),                                         # D:\x.DOC (148092)
    re.compile(r"^\s*\d{2}\.\d{2}\.\d{2}\s*$"),                                      # 19.06.15
    re.compile(r"^\s*RES\d{1,4}-\d{1,2}\s*$"),                                          # RES729-2
]
# The heading of a part of the Final Acts after its page number: "18 PART II - DECISION ABROGATED …",
# "481 PART IV - LIST OF RESOLUTIONS ABROGATED …" (body.py ends a text there, akn.py cuts it out of a
# paragraph it was run into).
PART_HEADING = (r"\d{1,4}\s+PART\s+[IVX]{1,4}\s*[-\u2013]\s*(?:[A-Z]+\s+){0,3}"
                r"(?:DECISIONS?|RESOLUTIONS?|RECOMMENDATIONS?)\b")
_LONE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
# A page footer "– 427 –" after the end of a sentence, at the end of a line.
PAGE_END = re.compile(r"(?<=[.;,:])\s+[\u2013-]\s*\d{1,4}\s*[\u2013-]\s*$")
# The Radio Regulations' running head ("RES729-2": page 2 of Resolution 729) run into the first
# paragraph of its page.
_PAGE_HEAD = re.compile(r"^\s*RES\d{1,4}-\d{1,2}\s+(?=\S)")
# "Secretary- General", "mobile- satellite": a hyphenated word broken at a PDF line end and joined
# with a space; "small- and medium-sized" is a hyphen of the text itself and stays.
BROKEN_HYPHEN = re.compile(r"(?<=[A-Za-z])- +(?!(?:and|or|to)\b)(?=[A-Za-z])")
_BULLET = re.compile(r"^(?P<indent>\s*)[\u2022\u25e6\u25aa\u25cf\u00b7](?:\s+|$)")
_LABEL = re.compile(r"^\s*(?:\(?[a-z]{1,3}\)|\(?[ivxl]{1,6}\)|\d{1,3}(?:\.\d{1,3})*)(?:\s|$)")
# The heading words of ITU resolutions, as they open a section (DESIGN.md section 3).
_HEADINGS = (
    r"(?:recalling|considering|noting|recognizing|recognising|bearing in mind|taking into account|"
    r"taking into consideration|emphasizing|emphasising|aware|concerned|welcoming|endorsing|mindful|"
    r"acknowledging|reaffirming|convinced|stressing|highlighting|expressing|having regard|observing|"
    r"underlining|affirming|appreciating|guided by)"
    r"(?: (?:further|also|in particular|moreover))?"
)
_OPERATIVE = (r"(?:resolves(?: further)?(?: to (?:instruct|invite|request|urge|encourage)[\w ,-]*?)?|decides|"
              r"instructs|invites|requests|urges|encourages|calls upon|recommends|appeals)")
_PREAMBLE = re.compile(r"The (?:ITU[- ])?(?:Plenipotentiary|World|Radiocommunication|Telecommunication|ITU)"
                       r"[^,]{0,160}?(?:Conference|Assembly)[^,()]{0,120}?(?:\([^()]*\))?,")
_RUN_TITLE = re.compile(r"(?:(?:MOD|ADD|SUP|NOC)\s+)?(?:(?:PP|WTDC|WTSA|RA|WRC)\s+)?(?:DRAFT\s+(?:NEW\s+)?)?"
                        r"(?:RESOLUTION|DECISION)\s+(?:\[[^\]]+\]|(?:ITU[-\u2011]R\s+)?[A-Za-z0-9/-]+)"
                        r"(?:\s*\([^()]*\))?")
_HISTORY = re.compile(r"\((?:(?:19|20)\d\d[-\u2013;, ]*)+\)|\((?:[A-Z][^()]*?(?:19|20)\d\d;\s*)+[^()]*?(?:19|20)\d\d\)")
_CUT_HEADING = re.compile(r"(?<=[,;.:]) (?=(?:" + _HEADINGS + "|" + _OPERATIVE + r")\b)")
_CUT_LABEL = re.compile(r"(?<=[,;.:]) (?=(?:\(?[a-z]\)|\(?[ivx]{1,4}\)|\d{1,2}(?:\.\d{1,2})?) [A-Za-z])")
_HEADING_ALONE = re.compile(r"^(?P<h>" + _HEADINGS + r"|" + _OPERATIVE + r"(?: the [A-Z][\w-]*(?: [\w-]+){0,8}?)?)"
                            r"(?: (?P<rest>(?:\(?[a-z]\)|\(?[ivx]{1,4}\)|\d{1,2}(?:\.\d{1,2})?) .*|(?:that|to) .*))?$")


@dataclass
class Line:
    """One paragraph in the making: its text and the source line it starts on."""

    n: int
    text: str
    raw: str
    last: str = ""            # the last source line joined into it (for the wrap width)
    end: int = 0              # the last source line it covers


@dataclass
class Layout:
    """The paragraphs, and what was done to get them."""

    lines: list[Line] = field(default_factory=list)
    furniture: list[tuple[int, str]] = field(default_factory=list)     # (source line, text) left out
    notes: list[tuple[int, str]] = field(default_factory=list)         # (source line, what was done)


def strip_bullet(text: str) -> str:
    """The line without a web bullet that stands before a heading or a label."""
    b = _BULLET.match(text)
    if not b:
        return text
    rest = text[b.end():]
    if not rest.strip() or _LABEL.match(rest) or re.match(r"(" + _HEADINGS + "|" + _OPERATIVE + r")\b", rest):
        return rest
    return "\u2022\t" + rest


def is_furniture(text: str) -> bool:
    return any(rx.search(text) for rx in _FURNITURE)


def _furniture(lines: list[tuple[int, str]]) -> set[int]:
    """Source lines that are page furniture: the strong signs, and lone numbers inside a run of them."""
    strong = {n for n, t in lines if t.strip() and is_furniture(t)}
    out = set(strong)
    nonblank = [(n, t) for n, t in lines if t.strip()]
    for k, (n, t) in enumerate(nonblank):
        if n in out or not _LONE_NUMBER.match(t):
            continue
        near = [m for m, _ in nonblank[max(0, k - 2):k + 3] if m != n]
        if sum(m in strong for m in near) >= 2:
            out.add(n)
    return out


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text was broken at, or None when it is one paragraph per line."""
    lengths = sorted(len(t.rstrip()) for t in lines if len(t.strip()) > 20)
    if len(lengths) < 8:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    if width > 140:
        return None
    full = [t.strip() for t in lines if len(t.rstrip()) >= width - 25 and len(t.strip()) > 20]
    open_ = [t for t in full if not _ends_paragraph(t)]
    # Broken lines near one width that mostly end mid-sentence: a hard-wrapped text. A text of one
    # paragraph per line has long lines too, but they end with the paragraph's punctuation.
    if len(full) >= len(lengths) * 0.3 and len(open_) >= 3 and len(open_) >= len(full) * 0.5:
        return width
    return None


def _ends_paragraph(text: str) -> bool:
    return bool(re.search(r"[;,.:!?]\s*$|[;,.:]\)\s*$", text.strip()))


def _join(a: str, b: str) -> str:
    a, b = a.rstrip(), b.strip()
    if re.search(r"[a-z]-$", a) and re.match(r"[a-z]", b):
        return a[:-1] + b          # recom- / mendations
    return f"{a} {b}"


def split_run_on(text: str) -> list[str] | None:
    """The parts of a whole text run together on one line, or None when the line is not one."""
    t = re.sub(r"\s+", " ", text).strip()
    m = _RUN_TITLE.search(t)
    pre = _PREAMBLE.search(t, m.end()) if m else None
    # A short line is one text run together only when it is the title line, the title and the
    # preamble, whole (a Radio Regulations extraction's heading, its text on the lines after it).
    if m is None or pre is None or (len(t) < 200 and not (m.start() == 0 and pre.end() == len(t))):
        return None
    parts = []
    if t[:m.start()].strip():
        parts.append(t[:m.start()].strip())
    parts.append(m.group(0).strip())
    title = t[m.end():pre.start()].strip()
    hist = _HISTORY.search(title)
    if hist and hist.end() == len(title):
        parts += [title[:hist.start()].strip(), hist.group(0)]
    elif title:
        parts.append(title)
    parts.append(pre.group(0).strip())
    rest = t[pre.end():].strip()
    pieces: list[str] = []
    for chunk in _CUT_HEADING.split(" " + rest if rest[:1].islower() else rest):
        chunk = chunk.strip()
        hm = _HEADING_ALONE.match(chunk)
        if hm and hm.group("rest") is not None:
            pieces.append(hm.group("h"))
            chunk = hm.group("rest")
        elif hm:
            pieces.append(chunk)
            continue
        else:
            lead = re.match(r"^(" + _HEADINGS + "|" + _OPERATIVE + r") (?=\S)", chunk)
            if lead and not re.match(r"^(?:that|to)\b", chunk[lead.end():]):
                pieces.append(lead.group(1))
                chunk = chunk[lead.end():]
        pieces += [c.strip() for c in _CUT_LABEL.split(chunk) if c.strip()]
    return [p for p in parts if p] + pieces


_NUMBER_FIRST = re.compile(r"(\d{1,2}(?:\.\d{1,2})?) (?=[a-z]{2,}\b)")
_DASH = "[\u2013\u2014] (?=\\S)"


def _after(marks: str) -> str:
    """Where an item run into the one before it begins: after one of `marks`, or after it and "and"
    or "or" ("…; and – identifying …")."""
    return f"(?:(?<=[{marks}])|(?<=[{marks}] and)|(?<=[{marks}] or))"


def _cut_sequence(text: str, label, at: str, after_colon: bool) -> list[str]:
    """`text` cut before each label of a sequence, `label(i)` being the i-th: the sequence opens
    the text, or (`after_colon`) follows its first colon; each later label follows `at`."""
    if re.match(label(0), text):
        pieces, rest = [], text
    elif after_colon and (m := re.search(r"(?<=:) (?=" + label(0) + ")", text)):
        pieces, rest = [text[:m.start()]], text[m.end():]
    else:
        return [text]
    i = 1
    while m := re.search(_after(at) + " (?=" + label(i) + ")", rest):
        pieces.append(rest[:m.start()])
        rest, i = rest[m.end():], i + 1
    return pieces + [rest]


def _numbered(text: str, open_label: str | None) -> tuple[list[str], str | None]:
    """`text` cut before each numbered item after its own label (or the label of the item still
    open, when the text is one of its sub-items), in sequence: after 1.3 comes 1.4, 1.3.1 or 2, each
    after ';', '.' or ':'. Returns the pieces and the label open after them."""
    own = _NUMBER_FIRST.match(text)
    label = own.group(1) if own else open_label
    if label is None:
        return [text], None
    pieces, rest = [], text
    while True:
        n = [int(x) for x in label.split(".")]
        after = [".".join(map(str, n[:k] + [n[k] + 1])) for k in range(len(n))] + [f"{label}.1"]
        m = re.search(_after(";.:") + r" (?=(" + "|".join(map(re.escape, after)) + r") [a-z]{2,}\b)", rest)
        if not m:
            return pieces + [rest], label
        pieces.append(rest[:m.start()])
        rest, label = rest[m.end():], m.group(1)


def split_items(text: str, open_label: str | None = None) -> tuple[list[str], str | None]:
    """The items run into one paragraph (the paragraph alone when its labels do not say there are
    any), and the number label open after it."""
    out: list[str] = []
    numbered, label = _numbered(text, open_label)
    for part in numbered:
        for piece in _cut_sequence(part, lambda i: chr(ord("a") + i) + r"\) ", ";.:", True):
            out += _cut_sequence(piece, lambda i: _DASH, ";,", True)
    return out, label


def normalise(lines: list[tuple[int, str, str]]) -> Layout:
    """Paragraphs from (source line, text, raw line) triples, with what was done to them."""
    out = Layout()
    pairs = [(n, t) for n, t, _ in lines]
    furniture = _furniture(pairs)
    kept: list[Line] = []
    page_ends: list[tuple[int, str]] = []
    for n, t, raw in lines:
        if n in furniture:
            out.furniture.append((n, t))
            continue
        page = PAGE_END.search(t)
        if page:
            out.notes.append((n, f"page number {page.group(0).strip()!r} at the end of the line left out "
                              "(a page footer run into the last paragraph of its page)"))
            page_ends.append((n, page.group(0).strip()))
            t = t[:page.start()]
        head = _PAGE_HEAD.match(t)
        if head:
            out.notes.append((n, f"running head {head.group(0).strip()!r} at the start of the line left out "
                              "(a page header run into the first paragraph of its page)"))
            page_ends.append((n, head.group(0).strip()))
            t = t[head.end():]
        t, joined = BROKEN_HYPHEN.subn("-", t)
        if joined:
            out.notes.append((n, f"{joined} hyphenated word(s) broken at a line end made whole "
                              "('mobile- satellite' read as 'mobile-satellite')"))
        kept.append(Line(n, strip_bullet(t), raw, end=n))
    if out.furniture:
        shown = ", ".join(str(n) for n, _ in out.furniture[:8]) + (" ..." if len(out.furniture) > 8 else "")
        out.notes.append((out.furniture[0][0], f"{len(out.furniture)} line(s) of page furniture (page counters, "
                          f"running heads, document footers) left out: line(s) {shown}"))
    out.furniture += page_ends  # not text either: left out of the comparison with the source
    width = _wrap_width([ln.text for ln in kept])
    if width is not None:
        kept = _unwrap(kept, width, out)
    kept = _join_broken(kept, out)
    final: list[Line] = []
    for ln in kept:
        parts = split_run_on(ln.text) if len(ln.text) > 200 or _RUN_TITLE.match(ln.text) else None
        if parts:
            what = "title line, title, preamble and text" if len(ln.text) > 200 else "title line, title and preamble"
            out.notes.append((ln.n, f"the {what} run together on one line; cut into "
                              f"{len(parts)} paragraphs at the title line, the preamble, headings and labels "
                              "(check the sections and items)"))
            final += [Line(ln.n, p, ln.raw, end=ln.end) for p in parts]
        else:
            final.append(ln)
    out.lines = []
    label = None
    for ln in final:
        if _HEADING_ALONE.match(ln.text):
            label = None                  # a new section: no item open
        items, label = split_items(ln.text, label)
        if len(items) > 1:
            out.notes.append((ln.n, f"{len(items) - 1} item(s) run into the paragraph before them cut at their labels "
                              "(numbers or letters in sequence, dash entries after a colon): an extraction that "
                              "joined the lines of a page"))
        out.lines += [Line(ln.n, p, ln.raw, end=ln.end) for p in items] if len(items) > 1 else [ln]
    return out


_STRONG_HEADING = re.compile(r"^\s*(?:" + _HEADINGS + "|" + _OPERATIVE + r")(?:\s|$)")


def _continues(prev: Line, t: str, width: int) -> bool:
    """Whether line `t` goes on with the paragraph `prev` of a hard-wrapped text."""
    if not t.strip() or not prev.text.strip() or _LABEL.match(t) or _RUN_TITLE.match(t.strip()):
        return False
    if len(prev.last.rstrip()) < width - 30:
        return False                  # a short line ends its paragraph
    end = prev.text.rstrip()[-1:]
    if end in ";.:!?":
        return False
    # "…, all the decisions," / "resolutions and recommendations of …": a comma at a line end does
    # not end a paragraph, but a heading after it ("…,", "considering further") starts a section.
    return not (end == "," and _STRONG_HEADING.match(t))


def _broken(prev: Line, t: str) -> bool:
    """Whether line `t` goes on with the sentence of paragraph `prev` that a break cut off: `prev` is
    a paragraph (not a title or a heading) ending on a word, and `t` begins in lower case, with no
    label."""
    p = prev.text.rstrip()
    return (len(p) > 80 and p[-1:].isalnum() and not _STRONG_HEADING.match(p) and not _RUN_TITLE.match(p)
            and re.match(r"[a-z]", t.lstrip()) is not None and not _LABEL.match(t))


def _join_broken(lines: list[Line], out: Layout) -> list[Line]:
    """Paragraphs a page break or an extraction cut mid-sentence ("… in accordance with" / "resolves
    above, to ensure …") joined again."""
    joined: list[Line] = []
    for ln in lines:
        if joined and _broken(joined[-1], ln.text):
            prev = joined[-1]
            out.notes.append((ln.n, "a sentence broken off at the end of the paragraph before goes on on "
                              f"this line (a page break, or a line that begins with {ln.text.split()[0]!r}): joined"))
            prev.text, prev.end = _join(prev.text, ln.text), ln.end
            continue
        joined.append(ln)
    return joined


def _unwrap(lines: list[Line], width: int, out: Layout) -> list[Line]:
    """Join the lines of a hard-wrapped text back into paragraphs."""
    joined: list[Line] = []
    count = 0
    first: int | None = None
    for ln in lines:
        prev = joined[-1] if joined else None
        t = ln.text
        if prev is not None and _continues(prev, t, width):
            first = prev.n if first is None else first
            prev.text = _join(prev.text, t)
            prev.last = t
            prev.end = ln.end
            count += 1
            continue
        joined.append(Line(ln.n, t, ln.raw, last=t, end=ln.end))
    if count:
        out.notes.append((first, f"a hard-wrapped text (lines broken at about {width} characters): "
                          f"{count} line break(s) inside paragraphs joined"))
    return joined
