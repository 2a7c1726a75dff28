"""From a stream of paragraphs (whatever the input format) to a Resolution.

Every importer turns its input into `Para`s: the paragraph's words with our inline markup
(`*italic*`, `[^1]`), its source line, and the ITU paragraph style when the input has one. This
module recognises the parts of a resolution in that stream: the title line, title, history line,
preamble sentence, section headings, items and their sub-items, annexes with their blocks. What it
cannot place is listed as unplaced, with the reason, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from finalacts.corpus.files import load_resolution
from finalacts.corpus.findings import Finding, InputError
from finalacts.corpus.model import Annex, Block, Item, Resolution, Section, walk_items
from finalacts.importer import marks


@dataclass
class Para:
    """One paragraph of the input: text with inline markup, where it was, its ITU style if any."""

    line: int
    text: str
    style: str | None = None          # resno, restitle, call, enumlev1, enumlev2, preamble, annexno, annextitle
    table: list[list[str]] | None = None
    raw: str | None = None            # the source line as it was, for columns in findings

    def col(self, needle: str, default: int = 0, nth: int = 0) -> int:
        """1-based column of the nth `needle` in the source line (or in the text)."""
        for hay in (self.raw, self.text):
            at = -1
            for _ in range(nth + 1):
                at = hay.find(needle, at + 1) if hay is not None and needle else -1
                if at < 0:
                    break
            if at >= 0:
                return at + 1
        return default + 1


@dataclass
class Unplaced:
    """Source text the importer could not put into the model."""

    line: int
    text: str
    reason: str


@dataclass
class Derived:
    """A header line the registry derives; `source` is what the input said, `derived` what we render."""

    line: int
    source: str
    derived: str


@dataclass
class ImportResult:
    """A resolution read from an input, with everything the user must be told about the reading."""

    path: str
    resolution: Resolution
    findings: list[Finding] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    derived: list[Derived] = field(default_factory=list)
    placed: set[int] = field(default_factory=set)
    first_line: int = 1
    last_line: int = 1
    footnote_marks: dict[str, str] = field(default_factory=dict)   # extraction id -> mark imported


TITLE_RX = re.compile(
    r"^\s*(?:(?P<action>MOD|ADD|SUP|NOC|\(MOD\))\s+)?(?P<draft>draft\s+new\s+)?resolution\s+"
    r"(?P<num>\[[^\]]+\]|(?:ITU[-\u2011]R\s+)?[A-Za-z0-9/-]+)\s*(?:\((?P<place>[^)]*)\))?\s*$", re.I)
ANNEX_RX = re.compile(r"^\s*(?P<kind>ANNEX|APPENDIX|ATTACHMENT)(?:\s+(?P<num>[A-Z0-9]{1,3}))?\s+TO\s+"
                      r"(?:DRAFT\s+NEW\s+)?RESOLUTION\b.*$", re.I)
HISTORY_RX = re.compile(r"^\s*\((?=.*\b(19|20)\d\d\b)[^()]*\)\s*$")
STOP_RX = re.compile(r"^\s*(\*\s*){4,}$|^\s*_{5,}\s*$|^\s*Reasons\s*:|^\s*image\d+\.\w+\s*$")
LABEL_RX = re.compile(
    r"^\s*(?P<num>\(?[a-z]{1,3}\)|\(?[ivxl]{4,6}\)|\d{1,4}(?:\.\d{1,3})*\.?(?= *\t)|\d{1,4}(?:\.\d{1,3})*(?= +[a-z])"
    r"|[\u2013\u2014\u2022\u00b7](?=\s)|-(?=\t))[ \t]*\t?[ \t]*(?P<text>\S.*)?$")
HEADING_WORDS = ("recalling", "considering", "noting", "recognizing", "recognising", "taking", "bearing",
                 "emphasizing", "emphasising", "endorsing", "resolves", "instructs", "invites", "requests",
                 "calls", "encourages", "urges", "decides", "further", "also", "aware", "mindful",
                 "acknowledging", "welcoming", "reaffirming", "convinced", "concerned", "stressing",
                 "highlighting", "affirming", "underlining", "appreciating", "observing", "having",
                 "expressing", "guided", "referring", "keeping", "in", "agrees", "approves", "adopts")
TERMINAL = tuple(";,.:!?")
_DASHES = {"\u2013": "\u2013", "\u2014": "\u2013", "-": "\u2013", "\u2022": "\u2022", "\u00b7": "\u2022"}


def clean(text: str) -> str:
    """Collapse whitespace; no-break spaces and hyphens become plain ones."""
    text = text.replace("\u00a0", " ").replace("\u2011", "-").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip()


def split_label(text: str) -> tuple[str | None, str]:
    """('a)', 'rest') when the paragraph starts with an item label, else (None, text)."""
    text = text.replace("\u00a0", " ")
    m = LABEL_RX.match(text)
    if not m or not m.group("text") and m.group("num") in _DASHES:
        return None, text
    num = m.group("num")
    if num.endswith(".") and "\t" not in text[:m.end("num") + 2]:
        return None, text
    return _DASHES.get(num, num), m.group("text") or ""


def label_class(num: str | None) -> str:
    if num is None:
        return "none"
    if num in ("\u2013", "\u2022"):
        return num
    if num[0].isdigit():
        return "number"
    if re.fullmatch(r"\(?(?=[ivxl])(x{0,3})(ix|iv|v?i{0,3})\)", num):
        return "roman?"
    return "letter"


def is_heading(text: str) -> bool:
    """An italic section heading in plain text: short, lower-case, no closing punctuation."""
    t = clean(text)
    if not t or not t[0].islower() or t.endswith(TERMINAL):
        return False
    first = t.split()[0]
    if first in HEADING_WORDS or any(first.startswith(w) and first[len(w):] in HEADING_WORDS
                                     for w in HEADING_WORDS):
        return len(t) <= 320 and len(t.split()) <= 45
    return first.endswith(("ing", "s")) and len(t) <= 120 and len(t.split()) <= 15


def _places(place: str, body: str, registry):
    """Conferences of `body` named in a place string, by city and year, or by year alone."""
    low = re.sub(r"[-\s]+", " ", place.lower())
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", low)]
    confs = registry.by_body.get(body, [])
    found = []
    for y in dict.fromkeys(years):
        by_city = [c for c in confs if c.year == y and re.sub(r"[-\s]+", " ", c.city.lower()) in low]
        found += by_city or [c for c in confs if c.year == y and c.held]
    return sorted(dict.fromkeys(found), key=lambda c: (c.year, c.id))


def _body_from_preamble(text: str, registry) -> str | None:
    t = clean(text).lower()
    for b in registry.bodies.values():
        head = b.preamble.split(" ({city}")[0].rstrip(",").lower()
        if t.startswith(head):
            return b.id
    return None


def _existing_adopted(root: Path | None, body: str, number, registry) -> list[str] | None:
    if root is None:
        return None
    path = Path(root) / "resolutions" / registry.bodies[body].dir / f"{number}.yaml"
    if not path.is_file():
        return None

    try:
        return list(load_resolution(path).adopted)
    except InputError:
        return None


class _Builder:
    def __init__(self, path: str, registry, footnotes: dict[str, str]):
        self.path = path
        self.registry = registry
        self.footnotes = footnotes
        self.findings: list[Finding] = []
        self.unplaced: list[Unplaced] = []
        self.derived: list[Derived] = []
        self.placed: set[int] = set()

    def warn(self, line: int, col: int, rule: str, message: str, hint: str = "", severity: str = "warning"):
        self.findings.append(Finding(self.path, line, col, rule, severity, message, hint))

    def scan(self, p: Para, text: str):
        """Warn at each flattened revision mark in `text` (a paragraph of the source)."""
        for col, word, reason in marks.scan_text(text):
            self.warn(p.line, p.col(word, col, text[:col].count(word)), marks.RULE,
                      f"{word!r}: {reason}; cannot be split automatically, kept as is",
                      "edit the text to the wording you mean (import the .docx to get both versions)")

    def unplace(self, p: Para, reason: str):
        if clean(p.text) or p.table:
            text = p.text if not p.table else " ".join(c for row in p.table for c in row)
            self.unplaced.append(Unplaced(p.line, text, reason))


def build(paras: list[Para], path: str, registry, footnotes: dict[str, str] | None = None,
          body: str | None = None, version: str = "before", adopted: list[str] | None = None,
          root: Path | None = None) -> ImportResult:
    """Recognise one resolution in `paras`; raises InputError when there is none."""
    b = _Builder(path, registry, dict(footnotes or {}))
    start = next((i for i, p in enumerate(paras) if p.style == "resno" or TITLE_RX.match(clean(p.text))), None)
    if start is None:
        first = next((p for p in paras if clean(p.text)), None)
        raise InputError(Finding(path, first.line if first else 1, 1, "import-not-resolution", "error",
                                 "no RESOLUTION title line found: this is not a resolution text",
                                 "the text must contain a line such as 'RESOLUTION 140 (Rev. Busan, 2014)'"))
    before = [p for p in paras[:start] if clean(p.text)]
    for p in before:
        b.unplace(p, "before the RESOLUTION title line (not part of the resolution)")
    if before:
        b.warn(before[0].line, 1, "import-unplaced",
               f"lines {before[0].line}-{before[-1].line} before the title line are not part of the "
               "resolution; not imported", "import them by hand if they belong to the text")

    tp = paras[start]
    m = TITLE_RX.match(clean(tp.text))
    if m is None:  # a ResNo style paragraph with an unusual wording
        raise InputError(Finding(path, tp.line, 1, "import-not-resolution", "error",
                                 f"cannot read the title line {clean(tp.text)!r}",
                                 "write it as 'RESOLUTION <number> (<place>, <year>)'"))
    b.placed.add(tp.line)
    i = start + 1
    title_paras: list[Para] = []
    history: Para | None = None
    preamble: Para | None = None
    while i < len(paras) and len(title_paras) < 6:
        p = paras[i]
        t = clean(p.text)
        i += 1
        if not t:
            continue
        if p.style == "preamble" or re.match(r"^The .*(Conference|Assembly)\b.*,$", t):
            preamble = p
            break
        if HISTORY_RX.match(t) and title_paras:
            history = p
            continue
        if is_heading(t) or p.style in ("call", "enumlev1", "enumlev2"):
            i -= 1
            break
        title_paras.append(p)
    if not title_paras:
        raise InputError(Finding(path, tp.line, 1, "import-not-resolution", "error",
                                 "the title line is not followed by a title", "add the title after it"))
    if preamble is None:
        i = start + 1 + len(title_paras)
    body = body or (preamble and _body_from_preamble(preamble.text, registry))
    if not body:
        raise InputError(Finding(path, tp.line, 1, "import-no-body", "error",
                                 "cannot tell which conference adopted this text",
                                 "name the body with --body PP (or WTDC, WTSA, RA, ...)"))
    if body not in registry.bodies:
        raise InputError(Finding(path, tp.line, 1, "import-no-body", "error", f"unknown body {body!r}",
                                 "use one of " + ", ".join(registry.bodies)))

    number, adopted = _header(b, tp, m, body, version, adopted, root, history)
    res = Resolution(body=body, number=number, title="", adopted=adopted, footnotes=dict(b.footnotes), path=path)
    derived_title = registry.title_line(body, number, adopted)
    if clean(tp.text) != derived_title:
        b.derived.append(Derived(tp.line, clean(tp.text), derived_title))
        if clean(tp.text).lower() != derived_title.lower():
            b.warn(tp.line, 1, "import-derived", f"title line {clean(tp.text)!r} is derived from body, number "
                   f"and adopted as {derived_title!r}", "check `adopted` in the imported file", "info")
    b.scan(tp, tp.text)
    res.title = clean(" ".join(p.text for p in title_paras))
    for p in title_paras:
        b.placed.add(p.line)
        b.scan(p, p.text)
    if history is not None:
        b.placed.add(history.line)
        want = registry.history_line(body, adopted) or ""
        if clean(history.text) != want:
            b.derived.append(Derived(history.line, clean(history.text), want))
            b.warn(history.line, 1, "import-derived",
                   f"history line {clean(history.text)!r} is derived from adopted as {want!r}",
                   "check `adopted` in the imported file", "info")
    if preamble is not None:
        b.placed.add(preamble.line)
        want = registry.preamble(body, adopted)
        got = clean(preamble.text)
        if re.sub(r"\(\s+", "(", got) != want:
            b.derived.append(Derived(preamble.line, got, want))
            b.warn(preamble.line, 1, "import-derived",
                   f"preamble {got!r} is derived from body and adopted as {want!r}",
                   "check `adopted` in the imported file", "info")
        b.scan(preamble, preamble.text)
    else:
        b.warn(tp.line, 1, "import-unplaced", "no preamble sentence ('The ... Conference ...,') after the title",
               "check the text around the title")

    _body(b, paras[i:], res)
    for u in b.unplaced:
        if u.line > tp.line:
            b.warn(u.line, 1, "import-unplaced", f"{u.reason}: {clean(u.text)[:60]!r} not imported",
                   "check whether it belongs to the text")
    last = max(b.placed | {u.line for u in b.unplaced}, default=tp.line)
    result = ImportResult(path, res, b.findings, b.unplaced, b.derived, b.placed,
                          first_line=tp.line, last_line=last)
    missing = [k for k in res.footnotes if f"[^{k}]" not in _all_text(res)]
    for k in missing:
        result.findings.append(Finding(path, tp.line, 1, "import-unplaced", "warning",
                                       f"footnote {k} is not referenced in the text", "add [^" + k + "] or drop it"))
    result.findings.sort()
    return result


def _all_text(res: Resolution) -> str:
    parts = [res.title]
    for s in res.sections:
        parts += [s.heading, s.text or "", s.after or ""]
        parts += [(it.text or "") + " " + (it.after or "") for it, _ in walk_items(s.items)]
    for a in res.annexes:
        parts.append(a.heading)
        for bl in a.blocks:
            parts += [bl.heading or "", bl.text or ""]
            parts += [it.text or "" for it, _ in walk_items(bl.items)]
            parts += [c for row in bl.table or [] for c in row]
    return "\n".join(parts)


def _header(b: _Builder, tp: Para, m: re.Match, body: str, version: str, given: list[str] | None,
            root: Path | None, history: Para | None = None):
    """Number and adopted list from the title line, the corpus and the registry."""
    registry = b.registry
    raw = m.group("num").strip("[]")
    raw = re.sub(r"^ITU[-\u2011]R\s+", "", raw)
    draft = bool(m.group("draft")) or not raw.isdigit()
    if m.group("action"):
        b.warn(tp.line, 1, "import-derived",
               f"action {m.group('action')} on the title line belongs to the proposal, not the text; "
               "not imported", "record it in the proposal manifest", "info")
    if draft:
        number = raw if re.fullmatch(r"[A-Z][A-Za-z]*-[0-9]+", raw) else "DRAFT-1"
        if number != raw:
            b.warn(tp.line, 1, "import-derived", f"draft label {raw!r} is not of the form ACP-1; "
                   f"imported as {number}", "rename the draft number", "warning")
        return number, list(given or [])
    number = int(raw)
    place = m.group("place") or ""
    rev = bool(re.match(r"\s*rev\b", place, re.I))
    confs = _places(place, body, registry)
    clean_place = re.fullmatch(r"\s*(Rev\.\s*)?[A-Z][\w\u00c0-\u017f .'-]*, (19|20)\d\d\s*", place, re.I)
    if given:
        return number, list(given)
    if not confs:
        b.warn(tp.line, 1, "import-adopted", f"no {body} conference found in {place!r}",
               "give the history with --adopted, e.g. --adopted PP-10,PP-14")
        return number, []
    chosen = confs[0] if version == "before" else confs[-1]
    if len(confs) > 1 or not clean_place:
        b.warn(tp.line, 1, marks.RULE,
               f"title line place {place.strip()!r} holds more than one reading "
               f"({', '.join(c.id for c in confs)}); took the {version} reading {chosen.id}",
               "use --version before|after, or --adopted")
    existing = _existing_adopted(root, body, number, registry)
    if existing:
        order = registry.order(chosen.id)
        older = [a for a in existing if a in registry.conferences and registry.order(a) < order
                 and registry.conferences[a].body == body]
        return number, older + [chosen.id]
    if history is not None:
        order = registry.order(chosen.id)
        older = [c.id for c in _places(clean(history.text), body, registry) if registry.order(c.id) < order]
        return number, older + [chosen.id]
    if rev:
        b.warn(tp.line, 1, "import-adopted",
               f"revised text, but the conferences before {chosen.id} are not known; adopted lists "
               f"only {chosen.id}", "add them to `adopted` (or pass --adopted)")
    return number, [chosen.id]


def _ends_open(text: str | None) -> bool:
    return bool(text) and not text.rstrip().endswith(TERMINAL)


def _body(b: _Builder, paras: list[Para], res: Resolution) -> None:
    """Sections, items and annexes, in order."""
    section: Section | None = None
    stack: list[tuple[Item, str]] = []          # open items, outermost first, with their label class
    prevs: dict[int, str | None] = {}           # previous label reading per depth
    annex: Annex | None = None
    annex_wants_heading = False
    last_text: list = [None]                     # (object, attribute) that a continuation extends
    lines_of: dict[int, int] = {}                # id(item) -> source line, for late warnings
    stopped = False

    def extend(p: Para, text: str) -> bool:
        target = last_text[0]
        if target is None:
            return False
        obj, attr = target
        cur = getattr(obj, attr)
        if cur is None and isinstance(obj, Item) and not obj.items:
            setattr(obj, attr, text)  # a label alone on its line: its text is on the next
            return True
        if cur is None or not _ends_open(cur):
            return False
        setattr(obj, attr, clean(cur + " " + text))
        return True

    for p in paras:
        t = clean(p.text)
        if stopped:
            b.unplace(p, "after the end of the resolution text")
            continue
        if not t and not p.table:
            continue
        if STOP_RX.match(p.text):
            stopped = True
            b.unplace(p, "end of the resolution text (separator, Reasons or image)")
            continue
        am = ANNEX_RX.match(t) if p.style != "enumlev1" else None
        if p.style == "annexno" or am:
            kind = (am.group("kind").lower() if am else "annex")
            num = am.group("num") if am else None
            annex = Annex(heading="", kind=kind, num=num)
            res.annexes.append(annex)
            annex_wants_heading = True
            b.placed.add(p.line)
            derived = _annex_line(b.registry, res, annex)
            if t != derived:
                b.derived.append(Derived(p.line, t, derived))
                if t.lower() != derived.lower():
                    b.warn(p.line, 1, "import-derived", f"annex line {t!r} is derived as {derived!r}",
                           "check `adopted` in the imported file", "info")
            b.scan(p, p.text)
            stack.clear()
            last_text[0] = None
            continue
        if annex is not None:
            if annex_wants_heading and not p.table:
                annex.heading = t
                annex_wants_heading = False
                b.placed.add(p.line)
                b.scan(p, p.text)
                last_text[0] = (annex, "heading")
                continue
            _annex_para(b, annex, p, t, stack, last_text, extend)
            continue
        if p.table:
            b.unplace(p, "a table outside an annex")
            continue
        if p.style == "call" or (p.style not in ("enumlev1", "enumlev2") and is_heading(t)
                                 and split_label(p.text)[0] is None):
            section = Section(heading=t)
            res.sections.append(section)
            stack.clear()
            prevs.clear()
            b.placed.add(p.line)
            first = t.split()[0]
            glued = [w for w in HEADING_WORDS if first.startswith(w) and first[len(w):] in HEADING_WORDS
                     and first != w]
            if glued:
                b.warn(p.line, 1, marks.RULE, f"heading word {first!r} looks like two headings run together "
                       "(one deleted, one inserted); cannot be split automatically, kept as is",
                       "edit the heading to the word you mean")
            b.scan(p, p.text)
            last_text[0] = None  # a heading never continues on the next line
            continue
        if section is None:
            b.unplace(p, "text between the preamble and the first section heading")
            continue
        num, text = split_label(p.text)
        if num is None:
            if extend(p, t):
                b.placed.add(p.line)
                b.scan(p, p.text)
                continue
            b.placed.add(p.line)
            b.scan(p, p.text)
            if not section.items and section.text is None:
                section.text = t
                last_text[0] = (section, "text")
            else:
                it = Item(num=None, text=t)
                section.items.append(it)
                stack[:] = [(it, "none")]
                last_text[0] = (it, "text")
            continue
        cls = label_class(num)
        item = Item(num=num, text=clean(text) or None)
        lines_of[id(item)] = p.line
        depth = _place_item(section.items, stack, item, cls, p.style)
        prev = prevs.get(depth)
        for d in [d for d in prevs if d > depth]:
            del prevs[d]
        reason, reading = marks.flattened_label(num, prev)
        prevs[depth] = reading
        if reason:
            b.warn(p.line, p.col(num), marks.RULE,
                   f"{reason}; cannot be split automatically, kept as is", "set the label you mean")
        nxt = split_label(text)[0] if text else None
        if nxt and label_class(nxt) not in ("\u2013", "\u2022"):
            b.warn(p.line, p.col(text[:20]), marks.RULE,
                   f"item {num!r} is followed by a second label {nxt!r} (a flattened relabelling); "
                   "kept as is", "set the label you mean")
        b.placed.add(p.line)
        b.scan(p, text)
        last_text[0] = (item, "text")
    if annex is not None and annex_wants_heading:
        res.annexes.remove(annex)
    # An item needs words or sub-items; a label left alone gets a visible placeholder and a warning.

    for s in res.sections:
        for it, _ in walk_items(s.items):
            if not it.text and not it.items:
                it.text = "\u2026"
                line = lines_of.get(id(it), 1)
                b.warn(line, 1, "import-unplaced", f"item {it.num!r} under {s.heading!r} has no text; "
                       "imported with '\u2026'", "write its text")


def _place_item(top: list[Item], stack: list[tuple[Item, str]], item: Item, cls: str, style: str | None) -> int:
    """Put `item` at the right depth of the open items; returns its depth (0 = section level)."""
    if cls == "roman?":
        romans = any(c == "roman" for _, c in stack)
        opens = bool(stack) and (stack[-1][0].text or "").rstrip().endswith(":") and stack[-1][1] != "roman"
        cls = "roman" if romans or opens else "letter"
    if style == "enumlev2" and stack:
        while len(stack) > 1:
            stack.pop()
        stack[-1][0].items.append(item)
        stack.append((item, cls))
        return 1
    if style == "enumlev1":
        stack.clear()
    if stack:
        parent, pcls = stack[-1]
        if (parent.text or "").rstrip().endswith(":") and pcls != cls:
            parent.items.append(item)
            stack.append((item, cls))
            return len(stack) - 1
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][1] == cls:
                del stack[k:]
                if k == 0:
                    top.append(item)
                else:
                    stack[k - 1][0].items.append(item)
                stack.append((item, cls))
                return k
    stack[:] = [(item, cls)]
    top.append(item)
    return 0


def _annex_line(registry, res: Resolution, annex: Annex) -> str:
    """'ANNEX 1 TO RESOLUTION 71 (Rev. Busan, 2014)', derived like the title line."""
    head = registry.title_line(res.body, res.number, res.adopted)
    rest = head.split("RESOLUTION", 1)[1] if "RESOLUTION" in head else f" {res.number}"
    num = f" {annex.num}" if annex.num else ""
    return f"{annex.kind.upper()}{num} TO RESOLUTION{rest}"


_NUM_HEADING = re.compile(r"^\s*(?P<num>\d{1,2}(?:\.\d{1,2})*\.?)\t+(?P<text>\S.*)$")


def _annex_para(b: _Builder, annex: Annex, p: Para, t: str, stack, last_text, extend):
    if p.table:
        annex.blocks.append(Block(table=[[clean(c) for c in row] for row in p.table]))
        b.placed.add(p.line)
        stack.clear()
        last_text[0] = None
        return
    m = _NUM_HEADING.match(p.text)
    if m and not clean(m.group("text")).endswith(TERMINAL) and len(m.group("text")) < 150:
        blk = Block(num=m.group("num"), heading=clean(m.group("text")))
        annex.blocks.append(blk)
        b.placed.add(p.line)
        b.scan(p, p.text)
        stack.clear()
        last_text[0] = (blk, "heading")
        return
    num, text = split_label(p.text)
    if num is not None and not (num[0].isdigit() and num.endswith(".")):
        blk = annex.blocks[-1] if annex.blocks and annex.blocks[-1].items and stack else None
        if blk is None:
            blk = Block()
            annex.blocks.append(blk)
            stack.clear()
        item = Item(num=num, text=clean(text) or "\u2026")
        if not clean(text):
            b.warn(p.line, 1, "import-unplaced", f"annex item {num!r} has no text; imported with '\u2026'",
                   "write its text")
        _place_item(blk.items, stack, item, label_class(num), p.style)
        b.placed.add(p.line)
        b.scan(p, text)
        last_text[0] = (item, "text")
        return
    if extend(p, t):
        b.placed.add(p.line)
        b.scan(p, p.text)
        return
    blk = Block(text=t)
    annex.blocks.append(blk)
    b.placed.add(p.line)
    b.scan(p, p.text)
    stack.clear()
    last_text[0] = (blk, "text")
