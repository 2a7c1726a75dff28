"""Akoma Ntoso (AKN4UN) XML: a resolution marked up as a `<statement>`, as converters of the Final Acts
PDF publish them.

The markup gives the title line (`docType` + `docNumber`), the title, the preamble (`formula`), the
headings (`intro` of the recitals, `heading` of the operative parts) and the items (`num` + `p`).
Each becomes one paragraph a line and goes through the same reading as plain text (layout.py); a
finding's line is the line of the XML element it came from.

What a PDF converter leaves in the markup is repaired here, and said at the element's line:

- a footnote printed where the page ended sits inside the paragraph after a rule
  ("…; ____________________ 1 These include …"): the footnote (its first sentence) is taken out and
  kept as a footnote; words after it are the paragraph going on after the page break (a new line
  where they open with an item label or a heading);
- a hyphenated word broken at a line end and joined with a space ("Secretary- General") is made
  whole ("small- and medium-sized" is not touched);
- a section heading run into the end of the paragraph before it ("…, resolves to express …",
  "…, instructs the Directors of the Bureaux"): cut where a comma ends the paragraph and a heading
  word follows, a preambular heading only while the preamble lasts, and never in an item whose
  list goes on after it ("c) Resolution 30 …, taking into account the 2030 Agenda …;" before d)
  is one item: a new section would start its list anew), nor after an item's first word ("that,
  recalling the results of WSIS …"); a heading that ends the paragraph keeps its addressees
  ("…, invites Member States and Sector Members");
- items run into the item before them across a page ("9 …; 10 that broad participation …"): cut
  before each next label in sequence that follows the item's closing ";";
- a dash or bullet list run into the paragraph that introduces it ("…: • temporary reduction …;
  • the write-off …"): set out one entry a line, cut where the same mark follows an entry's ";";
- the Final Acts' next part run into the last paragraph of a part ("… for fellowships. 481 PART IV
  - LIST OF RESOLUTIONS ABROGATED …"): cut at its page number, after the sentence's end, so that
  the import ends the text there.

Nothing is invented: every cut is at a place the text marks, and the words are the markup's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from finalacts.corpus.findings import Finding, InputError
from finalacts.importer import layout

_RULE = re.compile(r"\s*_{5,}\s*")
_NOTE = re.compile(r"^(?P<k>[0-9]{1,2}|\*{1,3})\s+(?P<t>\S.*)$", re.S)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_STARTS_PART = re.compile(r"^(?:\(?[a-z]\)|\(?[ivx]{1,4}\)|\d{1,2}(?:\.\d{1,2})*|\u2022|\u2013|-)\s")
_OPERATIVE_HEAD = re.compile(r",\s+(?=" + layout._OPERATIVE + r"\b)")
_PREAMBLE_HEAD = re.compile(r",\s+(?=" + layout._HEADINGS + r"(?:\s+(?:that|the|a|an|[a-z]\)|\d)\b|$))")
# "instructs the Director of the Radiocommunication Bureau and the Director of the Telecommunication
# Standardization Bureau to work …", "invites Member States and Sector Members to seek …": a heading
# naming its addressees, up to its "to" or "that".
_ADDRESSEE = r"(?:the [\w-]+|[A-Z][\w-]*)"  # "the Director …", "Member States …"
# Addressees may be listed with commas where each names a body ("instructs the Radiocommunication
# Assembly, the World Telecommunication Standardization Assembly and ... to mandate"); a comma before
# anything else ("the three Bureaux, within their respective spheres of competence,") is no cut.
_LONG_HEADING = re.compile(r"^(" + layout._OPERATIVE + " " + _ADDRESSEE + r"(?:, the [A-Z][\w-]*| [\w-]+){0,24}?) "
                           r"(?=(?:to|that) )")
# A heading that ends the paragraph it was run into, naming its addressees ("instructs the Directors
# of the Telecommunication Development Bureau and the Telecommunication Standardization Bureau",
# "invites Member States and Sector Members"): no "to" or "that" in it, so no words of the items.
_HEADING_AT_END = re.compile(layout._OPERATIVE + " " + _ADDRESSEE + r"(?:,? (?!(?:to|that)\b)[\w-]+){0,24}")
# A part heading of the Final Acts run into a paragraph: "…. 481 PART IV - LIST OF RESOLUTIONS …".
_PART_RUN_IN = re.compile(r"(?<=[.;,])\s+(?=" + layout.PART_HEADING + ")")
_HEADING_LINE = re.compile(r"^(?:" + layout._HEADINGS + "|" + layout._OPERATIVE + r")\b")


@dataclass
class AknText:
    """The markup read as text: one paragraph a line, the XML line of each, and the repairs made."""

    lines: list[str] = field(default_factory=list)
    xml_lines: list[int] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)

    def add(self, text: str, xml_line: int) -> None:
        self.lines.append(text)
        self.xml_lines.append(xml_line)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def is_akn(raw: bytes) -> bool:
    """Whether bytes look like Akoma Ntoso markup (a document, or one `<component>` of a collection)."""
    head = raw[:4000].decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if not head.startswith("<"):
        return False
    return bool(re.search(r"<(?:akomaNtoso|statement|component)\b", head)) and "<statement" in raw.decode(
        "utf-8", "replace")


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _words(el) -> str:
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


def _parse(raw: bytes, shown: str):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as e:
        line, col = (e.position or (1, 1))
        raise InputError(Finding(shown, line, max(col, 1), "import-corrupt", "error",
                                 f"not well-formed XML: {e.msg}", "export the Akoma Ntoso file again")) from None
    statements = [el for el in root.iter() if _local(el) == "statement"]
    if not statements:
        raise InputError(Finding(shown, root.sourceline or 1, 1, "import-not-resolution", "error",
                                 "Akoma Ntoso markup without a <statement> (no resolution in it)",
                                 "import the component that holds the resolution"))
    if len(statements) > 1:
        raise InputError(Finding(shown, statements[1].sourceline or 1, 1, "import-not-resolution", "error",
                                 f"Akoma Ntoso markup holding {len(statements)} texts; one resolution is "
                                 "imported at a time", "import each <component> of the collection on its own"))
    return statements[0]


def _split_footnotes(text: str, line: int, out: AknText, notes: dict[str, tuple[str, int]]) -> list[str]:
    """The paragraph without the footnotes a page break left in it: [its text, then its text after
    the page break where that opens a new item or section]."""
    parts = _RULE.split(text)
    if len(parts) == 1:
        return [text]
    kept = [parts[0].strip()]
    for part in parts[1:]:
        m = _NOTE.match(part.strip())
        if not m:
            kept[-1] = f"{kept[-1]} {part.strip()}".strip()
            continue
        body, rest = (_SENTENCE_END.split(m.group("t"), maxsplit=1) + [""])[:2]
        key = m.group("k")
        if key not in notes:
            notes[key] = (body.strip(), line)
        elif notes[key][0] != body.strip():
            notes[f"{key}-{line}"] = (body.strip(), line)
        said = f"footnote {key} printed inside the paragraph (where the page ended) taken out"
        if rest.strip():
            if _STARTS_PART.match(rest) or _HEADING_LINE.match(rest):
                kept.append(rest.strip())
                said += "; the words after it begin a new paragraph"
            else:
                kept[-1] = f"{kept[-1]} {rest.strip()}"
                said += "; the words after it go on with the paragraph"
        out.notes.append((line, said))
    return [k for k in kept if k]


_LEADING_LABEL = re.compile(r"^(\(?[a-z]\)|\(?[ivx]{1,4}\)|\d{1,2}(?:\.\d{1,2})*)\s")


def _label_of(el) -> str:
    """An item's label: a <num>'s words, or the label a paragraph's words begin with; '' for none."""
    name = _local(el)
    if name not in ("num", "p") or any(_local(a) in ("meta", "longTitle", "heading") for a in el.iterancestors()):
        return ""
    words = _words(el)
    if name == "num":
        return words
    m = _LEADING_LABEL.match(words)
    return m.group(1) if m else ""


def _next_labels(label: str) -> set[str]:
    """The labels that can come after `label` in its list, written the same way: b) after a), 10
    after 9; after i), both j) and ii) (a letter and a roman numeral look alike)."""
    m = re.fullmatch(r"(\(?)([a-z]|[ivx]+|(?:\d+\.)*\d+)(\)?)", label)
    if not m:
        return set()
    open_, core, close = m.groups()
    if core[0].isdigit():
        head, _, last = core.rpartition(".")
        return {f"{open_}{head + '.' if head else ''}{int(last) + 1}{close}"}
    found = set()
    if close and core in _ROMAN[1:-1]:
        found.add(f"{open_}{_ROMAN[_ROMAN.index(core) + 1]}{close}")
    if close and len(core) == 1 and core < "z":
        found.add(f"{open_}{chr(ord(core) + 1)}{close}")
    return found


def _split_merged(text: str, label: str | None, line: int, out: AknText) -> list[str]:
    """An item with the items after it run in across a page ("9 to strengthen …; 10 to provide …;
    11 to …"): cut before each next label in sequence that follows an item's closing ';'."""
    pieces = [text]
    following = _next_labels(label) if label else set()
    while following:
        found = [(m, nxt) for nxt in following
                 if (m := re.search(r";\s+(?=" + re.escape(nxt) + r"\s+\S)", pieces[-1]))]
        if not found:
            break
        m, nxt = min(found, key=lambda f: f[0].start())
        pieces[-1:] = [pieces[-1][:m.start() + 1], pieces[-1][m.end():]]
        following = _next_labels(nxt)
    if len(pieces) > 1:
        out.notes.append((line, f"{len(pieces) - 1} item(s) run into item {label} across a page cut off at "
                          "their labels (check the list)"))
    return pieces


_LIST_START = re.compile(r":\s+([-\u2013\u2022])\s+(?=\S)")


def _split_listed(text: str, line: int, out: AknText) -> list[str]:
    """A dash or bullet list run into the paragraph that introduces it ("… the following measures:
    • temporary reduction …; • the write-off …; • a repayment …"): the paragraph up to its colon,
    then one entry a line, each cut where the same mark follows an entry's ';' (or '; and')."""
    m = _LIST_START.search(text)
    if not m:
        return [text]
    mark = m.group(1)
    entries = re.split(r"(?:(?<=;)|(?<=; and)|(?<=; or))\s+" + re.escape(mark) + r"\s+(?=\S)", text[m.end():])
    if len(entries) < 2:
        return [text]  # one mark after a colon is no list
    label = "\u2013" if mark == "-" else mark  # the converter's hyphen for the dash ITU prints
    out.notes.append((line, f"a list of {len(entries)} '{mark}' entries run into its paragraph set out one "
                      "entry a line (check the list)"))
    return [text[:m.start() + 1], *(f"{label} {e.strip()}" for e in entries)]


_ROMAN = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
          "xvi", "xvii", "xviii", "xix", "xx"]


def _cut_headings(text: str, line: int, in_preamble: bool, out: AknText) -> list[str]:
    """The paragraph cut where a section heading was run into its end."""
    pattern = _OPERATIVE_HEAD if not in_preamble else re.compile(
        _OPERATIVE_HEAD.pattern + "|" + _PREAMBLE_HEAD.pattern)
    # A cut needs a paragraph before it: in "that, recalling the results of WSIS …, there is" the
    # comma follows the item's first word, and "recalling" is the item's own.
    cuts = [m for m in pattern.finditer(text) if len(text[:m.start()].split()) >= 3]
    pieces = [text[a.end() if a else 0:b.start() if b else len(text)]
              for a, b in zip([None, *cuts], [*cuts, None])]
    if len(pieces) == 1:
        return [text]
    # The comma the cut consumed ends the paragraph before each heading.
    pieces = [p + "," if k < len(pieces) - 1 else p for k, p in enumerate(pieces)]
    result = [pieces[0]]
    for k, piece in enumerate(pieces[1:], 1):
        hm = layout._HEADING_ALONE.match(piece)
        long = _LONG_HEADING.match(piece)
        if hm and hm.group("rest") is not None:
            result += [hm.group("h"), hm.group("rest")]
        elif hm:
            result.append(piece)
        elif long:
            result += [long.group(1), piece[long.end():]]
        elif k == len(pieces) - 1 and _HEADING_AT_END.fullmatch(piece):
            result.append(piece)  # "…, invites Member States and Sector Members": the paragraph's end
        else:
            lead = re.match(r"^(" + layout._HEADINGS + "|" + layout._OPERATIVE + r")\s+(?=\S)", piece)
            result += [lead.group(1), piece[lead.end():]] if lead else [piece]
    out.notes.append((line, f"{len(pieces) - 1} section heading(s) run into the end of the paragraph before "
                      "cut off (check the sections)"))
    return result


def read(raw: bytes, shown: str) -> AknText:
    """The resolution of an Akoma Ntoso file as text lines, each with the XML line it came from."""
    statement = _parse(raw, shown)
    out = AknText()
    notes: dict[str, tuple[str, int]] = {}
    num: str | None = None
    in_preamble = True
    # The label after each label, in document order (a <num>, or a label the converter left at the
    # start of a paragraph): an item whose list goes on holds no heading.
    labels = [(el, lab) for el in statement.iter() if (lab := _label_of(el))]
    next_label = {id(a): lab for (a, _), (_, lab) in zip(labels, labels[1:])}
    goes_on = False
    for el in statement.iter():
        name = _local(el)
        line = el.sourceline or 1
        if name == "meta":
            continue
        if any(_local(a) == "meta" for a in el.iterancestors()):
            continue
        if name == "longTitle":
            out.add(_words(el), line)
            continue
        if any(_local(a) == "longTitle" for a in el.iterancestors()):
            continue
        if name == "num":
            num = _words(el)
            goes_on = next_label.get(id(el)) in _next_labels(num)
        elif name == "heading":
            text = _words(el)
            if text:
                out.add(text, line)
                if re.match(layout._OPERATIVE + r"\b", text):
                    in_preamble = False
        elif name == "p" and not any(_local(a) == "heading" for a in el.iterancestors()):
            text = _words(el)
            if not text:
                continue
            text, joined = layout.BROKEN_HYPHEN.subn("-", text)
            if joined:
                out.notes.append((line, f"{joined} hyphenated word(s) broken at a line end made whole "
                                  "('Secretary- General' read as 'Secretary-General')"))
            if re.fullmatch(layout._OPERATIVE + r"(?: the [A-Z][\w-]*(?: [\w-]+){0,8})?", text):
                in_preamble = False
            own = num if num is not None else _label_of(el)  # "a) Article 12 …": its own label
            if num is None:
                goes_on = bool(own) and next_label.get(id(el)) in _next_labels(own)
            text, *next_part = _PART_RUN_IN.split(text, maxsplit=1)
            if next_part:
                out.notes.append((line, "the Final Acts' next part run into the paragraph cut off at its page "
                                  f"number ({next_part[0][:40]!r})"))
            parts = [q for part in _split_footnotes(text, line, out, notes)
                     for q in ([part] if goes_on else _split_merged(part, own, line, out))] + next_part
            for part in parts:
                for piece in [part] if goes_on else _cut_headings(part, line, in_preamble, out):
                    if layout._HEADING_ALONE.fullmatch(piece) and re.match(layout._OPERATIVE + r"\b", piece):
                        in_preamble = False
                    if num is not None:
                        piece = f"{num} {piece}"
                        num = None
                    for entry in _split_listed(piece, line, out):
                        out.add(entry, line)
    if notes:
        out.add("____________________", out.xml_lines[-1] if out.xml_lines else 1)
        for key, (body, line) in notes.items():
            out.add(f"{key.split('-')[0]} {body}", line)
    return out
