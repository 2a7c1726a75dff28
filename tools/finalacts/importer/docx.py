"""Word .docx (python-docx + lxml): ITU styles, italics, real footnotes, tables, tracked changes.

A document with tracked changes (`w:ins`, `w:del`, `w:moveTo`, `w:moveFrom`) holds two texts:
"before" (reject all) and "after" (accept all). Either can be imported, so a proposal drafted in
Word enters git as a base file and a branch. Findings point at paragraphs: in a .docx the "line"
of a finding is the paragraph's number in the body, counting from 1.
"""

from __future__ import annotations

import io
import re

from finalacts.corpus import archive
from finalacts.corpus.findings import Finding, InputError
from finalacts.importer.build import build
from finalacts.importer.inputs import check_zip
from finalacts.importer.paras import ImportResult, Para, is_heading
from finalacts.language import labels

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_Q = "{%s}" % W
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"

# ITU paragraph styles (by id or name, lower case, no spaces) and what they hold.
STYLES = {
    "resno": "resno", "restitle": "restitle", "call": "call", "enumlev1": "enumlev1",
    "enumlev2": "enumlev2", "enumlev3": "enumlev3", "normalaftertitle": "preamble",
    "annexno": "annexno", "annextitle": "annextitle", "annexnotitle": "annexno",
    "heading1": "heading", "heading2": "heading", "heading3": "heading", "heading4": "heading",
}
CHANGE_TAGS = ("ins", "del", "moveTo", "moveFrom")
SYMBOLS = {"F02D": "\u2013", "002D": "\u2013", "F0B7": "\u2022", "F0A7": "\u2022"}  # w:sym's char


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _on(el, name: str) -> bool:
    """A w:rPr toggle such as w:i: present and not switched off."""
    x = el.find(_Q + name) if el is not None else None
    return x is not None and x.get(_Q + "val", "true") not in ("false", "0", "off")


def _mark_style(rpr) -> bool:
    """A run in Word's footnote reference style (its mark typed, not a reference of its own)."""
    st = rpr.find(_Q + "rStyle") if rpr is not None else None
    return st is not None and (st.get(_Q + "val") or "").lower().replace(" ", "") == "footnotereference"


class _Reader:
    def __init__(self, version: str):
        self.version = version
        self.note_marks: dict[str, str] = {}
        self.auto: list[str] = []  # footnotes Word numbers itself, in order
        self.changes = 0

    def runs(self, el, out: list[tuple[str, bool]], in_note: bool = False) -> None:
        """(text, italic) segments of a paragraph for the chosen version, in document order."""
        for child in el:
            tag = _local(child)
            if tag in ("ins", "moveTo"):
                self.changes += 1
                if self.version == "after":
                    self.runs(child, out, in_note)
            elif tag in ("del", "moveFrom"):
                self.changes += 1
                if self.version == "before":
                    self.runs(child, out, in_note)
            elif tag == "r":
                self.run(child, out, in_note)
            elif tag in ("hyperlink", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml", "bdo", "dir"):
                self.runs(child, out, in_note)

    def run(self, r, out: list[tuple[str, bool]], in_note: bool) -> None:
        rpr = r.find(_Q + "rPr")
        italic = _on(rpr, "i")
        custom = None
        for c in r:
            tag = _local(c)
            if tag in ("t", "delText"):
                mark = (c.text or "").strip()
                if custom is None and not in_note and _mark_style(rpr) and re.fullmatch(r"\d{1,3}|\*+", mark):
                    out.append((f"[^{mark}]", False))  # a footnote referred to again, by its mark
                    continue
                if custom is not None:
                    self.note_marks[custom] = c.text or ""
                    out.append((f"[^{c.text or custom}]", False))
                    custom = None
                    continue
                out.append((c.text or "", italic))
            elif tag == "tab":
                out.append(("\t", False))
            elif tag in ("br", "cr"):
                out.append((" ", False))
            elif tag == "noBreakHyphen":
                out.append(("-", italic))
            elif tag == "sym":  # a Symbol-font dash or bullet typed before a list entry
                out.append((SYMBOLS.get((c.get(_Q + "char") or "").upper(), ""), False))
            elif tag == "footnoteReference":
                fid = c.get(_Q + "id")
                if c.get(_Q + "customMarkFollows") in ("1", "true", "on"):
                    custom = fid
                    continue
                if fid not in self.note_marks:  # Word numbers its own marks apart from custom ones
                    self.auto.append(fid)
                    self.note_marks[fid] = str(len(self.auto))
                out.append((f"[^{self.note_marks[fid]}]", False))
            elif tag == "footnoteRef" and in_note:
                continue

    def text(self, el, in_note: bool = False, italics: bool = True) -> str:
        segs: list[tuple[str, bool]] = []
        self.runs(el, segs, in_note)
        out = []
        i = 0
        while i < len(segs):
            text, it = segs[i]
            if it and italics:
                j = i
                chunk = ""
                while j < len(segs) and segs[j][1]:
                    chunk += segs[j][0]
                    j += 1
                core = chunk.strip()
                if core:
                    lead = chunk[:len(chunk) - len(chunk.lstrip())]
                    trail = chunk[len(chunk.rstrip()):]
                    out.append(f"{lead}*{core}*{trail}")
                else:
                    out.append(chunk)
                i = j
            else:
                out.append(text)
                i += 1
        return "".join(out)


def _style_of(p, style_names: dict[str, str]) -> str | None:
    ppr = p.find(_Q + "pPr")
    ps = ppr.find(_Q + "pStyle") if ppr is not None else None
    if ps is None:
        return None
    sid = ps.get(_Q + "val", "")
    for key in (sid, style_names.get(sid, "")):
        k = re.sub(r"[\s_-]", "", key).lower()
        if k in STYLES:
            return STYLES[k]
    return None


def _all_italic(p) -> bool:
    runs = [r for r in p.iter(_Q + "r") if "".join(t.text or "" for t in r.iter(_Q + "t")).strip()]
    return bool(runs) and all(_on(r.find(_Q + "rPr"), "i") for r in runs)


def change_authors(raw: bytes, shown: str) -> dict[int, list[str]]:
    """The authors of the tracked changes in each body paragraph (numbered as read_docx numbers them)."""
    check_zip(raw, shown)
    import docx as pydocx

    doc = pydocx.Document(io.BytesIO(raw))
    out: dict[int, list[str]] = {}
    n = 0
    for el in doc.element.body:
        if _local(el) not in ("p", "tbl"):
            continue
        n += 1
        names = [c.get(_Q + "author") for c in el.iter() if _local(c) in CHANGE_TAGS and c.get(_Q + "author")]
        if names:
            out[n] = names
    return out


def as_lines(raw: bytes, shown: str, version: str = "after") -> str:
    """The document for one version as plain text, one paragraph a line (line k = paragraph k), as the
    proposal splitter reads text: labels and tabs kept, italics not marked."""
    paras, _, _ = read_docx(raw, shown, version, italics=False)
    by_line = {p.line: (p.text if not p.table else "\t".join(c for row in p.table for c in row)) for p in paras}
    return "\n".join(by_line.get(k, "").replace("\n", " ") for k in range(1, max(by_line, default=0) + 1)) + "\n"


def read_docx(raw: bytes, shown: str, version: str = "after", italics: bool = True):
    """(paragraphs, footnotes by mark, number of tracked changes) of a .docx, for one version."""
    check_zip(raw, shown)
    try:
        import docx as pydocx

        doc = pydocx.Document(io.BytesIO(raw))
    except Exception as e:  # noqa: BLE001 - python-docx raises many types for damaged packages
        raise InputError(Finding(shown, 1, 1, "import-corrupt", "error",
                                 f"corrupt .docx: {type(e).__name__}: {e}".rstrip(": "),
                                 "open and save the file again in Word")) from None
    style_names = {}
    try:
        for st in doc.styles:
            style_names[st.style_id] = st.name or ""
    except Exception:  # noqa: BLE001 - a damaged styles part only loses style names
        pass
    reader = _Reader(version)
    paras: list[Para] = []
    n = 0
    for el in doc.element.body:
        tag = _local(el)
        if tag == "p":
            n += 1
            style = _style_of(el, style_names)
            text = reader.text(el, italics=italics and style != "call")
            if style is None and text.strip() and _all_italic(el):
                text = reader.text(el, italics=False)
                style = "call?"
            picture = any(_local(x) in ("drawing", "pict") for x in el.iter())
            paras.append(Para(n, text, None if style == "call?" else style, picture=picture))
            if style == "call?":
                if is_heading(text):
                    paras[-1].style = "call"
        elif tag == "tbl":
            n += 1
            rows = []
            for tr in el.iter(_Q + "tr"):
                cells = []
                for tc in tr.findall(_Q + "tc"):
                    cells.append(" ".join(reader.text(p) for p in tc.iter(_Q + "p")).strip())
                rows.append(cells)
            paras.append(Para(n, "", table=rows))
    footnotes = {}
    part = next((r.target_part for r in doc.part.rels.values()
                 if r.reltype == FOOTNOTES_REL and not r.is_external), None)
    if part is not None:
        try:
            root = archive.parse_xml(part.blob, "the footnotes part")  # no entities: no file read
        except archive.PackageError as e:
            raise InputError(Finding(shown, 1, 1, "import-corrupt", "error", f"corrupt .docx: {e}",
                                     "open and save the file again in Word")) from None
        for fn in root.findall(_Q + "footnote"):
            if fn.get(_Q + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            fid = fn.get(_Q + "id")
            mark = reader.note_marks.get(fid)
            if mark is None:
                continue
            text = " ".join(reader.text(p, in_note=True) for p in fn.iter(_Q + "p"))
            text = re.sub(r"\s+", " ", text).strip()
            # A custom mark is typed again at the head of its footnote ("1 Previously published …");
            # a mark Word numbers may have a suffix typed after it, there and in the text ("1bis").
            head = re.match(r"\*?([^\s*]+)\*?\s+", text)
            if head and fid in reader.auto and re.fullmatch(labels.SUFFIX, head.group(1)):
                suffix, text = head.group(1), text[head.end():]
                for p in paras:
                    p.text = p.text.replace(f"[^{mark}]{suffix}", f"[^{mark}{suffix}]")
                mark += suffix
            elif head and head.group(1) == mark:
                text = text[head.end():]
            if text:
                footnotes[mark] = text
    return paras, footnotes, reader.changes


def paragraphs_as_lines(paras: list[Para]) -> str:
    """The document's words as a text whose line k is paragraph k (what findings call its line)."""
    by_line = {p.line: (p.text if not p.table else " ".join(c for row in p.table for c in row)) for p in paras}
    return "\n".join(by_line.get(k, "") for k in range(1, max(by_line, default=0) + 1))


def import_docx(raw: bytes, shown: str, registry, body: str | None = None, version: str = "after",
                adopted: list[str] | None = None, root=None, texts=None) -> ImportResult:
    """Import a resolution from .docx bytes; `version` picks before/after for tracked changes."""
    paras, footnotes, changes = read_docx(raw, shown, version)
    if not any(p.text.strip() or p.table for p in paras):
        raise InputError(Finding(shown, 1, 1, "import-empty", "error", "the Word document has no text",
                                 "check that this is the right file"))
    result = build(paras, shown, registry, footnotes, body=body, version=version, adopted=adopted, root=root,
                   texts=texts)
    result.source = paragraphs_as_lines(paras)
    if changes:
        other = "before" if version == "after" else "after"
        result.findings.append(Finding(
            shown, 1, 1, "import-tracked-changes", "info",
            f"the document has {changes} tracked change(s); imported the {version!r} version "
            f"({'accept' if version == 'after' else 'reject'} all)",
            f"use --version {other} for the other one"))
        result.findings.sort()
    return result


def import_versions(raw: bytes, shown: str, registry, **kw) -> tuple[ImportResult, ImportResult]:
    """Both versions of a .docx with tracked changes: (before, after)."""
    return (import_docx(raw, shown, registry, version="before", **kw),
            import_docx(raw, shown, registry, version="after", **kw))
