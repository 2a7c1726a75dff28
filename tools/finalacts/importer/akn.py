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
  word follows, a preambular heading only while the preamble lasts.

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
_PREAMBLE_HEAD = re.compile(r",\s+(?=" + layout._HEADINGS + r"\s+(?:that|the|a|an|[a-z]\)|\d)\b)")
# "instructs the Director of the Radiocommunication Bureau and the Director of the Telecommunication
# Standardization Bureau to work …": a heading naming several addressees, up to its "to" or "that".
_LONG_HEADING = re.compile(r"^(" + layout._OPERATIVE + r" the [A-Z][\w-]*(?: [\w-]+){0,24}?) (?=(?:to|that) )")
# "Secretary- General", "high- level": a hyphenated word broken at a PDF line end and joined with a
# space; "small- and medium-sized" is a hyphen of the text itself and stays.
_BROKEN_HYPHEN = re.compile(r"(?<=[A-Za-z])- (?!(?:and|or|to)\b)(?=[A-Za-z])")
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


def _cut_headings(text: str, line: int, in_preamble: bool, out: AknText) -> list[str]:
    """The paragraph cut where a section heading was run into its end."""
    pattern = _OPERATIVE_HEAD if not in_preamble else re.compile(
        _OPERATIVE_HEAD.pattern + "|" + _PREAMBLE_HEAD.pattern)
    pieces = pattern.split(text)
    if len(pieces) == 1:
        return [text]
    # The comma the cut consumed ends the paragraph before each heading.
    pieces = [p + "," if k < len(pieces) - 1 else p for k, p in enumerate(pieces)]
    result = [pieces[0]]
    for piece in pieces[1:]:
        hm = layout._HEADING_ALONE.match(piece)
        long = _LONG_HEADING.match(piece)
        if hm and hm.group("rest") is not None:
            result += [hm.group("h"), hm.group("rest")]
        elif hm:
            result.append(piece)
        elif long:
            result += [long.group(1), piece[long.end():]]
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
            text, joined = _BROKEN_HYPHEN.subn("-", text)
            if joined:
                out.notes.append((line, f"{joined} hyphenated word(s) broken at a line end made whole "
                                  "('Secretary- General' read as 'Secretary-General')"))
            if re.fullmatch(layout._OPERATIVE + r"(?: the [A-Z][\w-]*(?: [\w-]+){0,8})?", text):
                in_preamble = False
            for part in _split_footnotes(text, line, out, notes):
                for piece in _cut_headings(part, line, in_preamble, out):
                    if layout._HEADING_ALONE.fullmatch(piece) and re.match(layout._OPERATIVE + r"\b", piece):
                        in_preamble = False
                    if num is not None:
                        piece = f"{num} {piece}"
                        num = None
                    out.add(piece, line)
    if notes:
        out.add("____________________", out.xml_lines[-1] if out.xml_lines else 1)
        for key, (body, line) in notes.items():
            out.add(f"{key.split('-')[0]} {body}", line)
    return out
