"""Word output: a document of redline operations as .docx with native tracked changes.

Revisions are real `w:ins` / `w:del` (and `w:moveFrom` / `w:moveTo` for moved items), authored by
the submitter and dated from the commit or SOURCE_DATE_EPOCH, so a build is byte-for-byte
reproducible. Labels are literal text followed by a tab: Word's automatic numbering renumbers
itself under tracked changes and would show neither the old nor the new label. Footnotes are
real Word footnotes (python-docx has no footnotes part, so it is written here with lxml).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree

from finalacts.corpus.findings import UsageError
from finalacts.redline import DEL, INS, MOVEFROM, MOVETO, Para, Run, Table
from finalacts.render.document import Doc, check_chars

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
WRAPPER = {INS: "w:ins", DEL: "w:del", MOVEFROM: "w:moveFrom", MOVETO: "w:moveTo"}

# Styles given a tab stop for "label<tab>text" without a hanging indent.
TAB_AT = {"Proposal": 2.5, "Reasons": 2.5, "MarginSymbol": 2.5}

# name: (based on, font size pt, bold, italic, align, left indent cm, hanging cm, space before pt, keep)
STYLES = {
    "Normal": (None, 12, False, False, None, 0, 0, 6, False),
    "ResNo": ("Normal", 12, False, False, "center", 0, 0, 24, True),
    "Restitle": ("Normal", 14, True, False, "center", 0, 0, 12, True),
    "Normalaftertitle": ("Normal", 12, False, False, None, 0, 0, 18, False),
    "Call": ("Normal", 12, False, True, None, 1.4, 0, 12, True),
    "enumlev1": ("Normal", 12, False, False, None, 1.4, 1.4, 4, False),
    "enumlev2": ("Normal", 12, False, False, None, 2.8, 1.4, 4, False),
    "enumlev3": ("Normal", 12, False, False, None, 4.2, 1.4, 4, False),
    "AnnexNo": ("Normal", 12, False, False, "center", 0, 0, 24, True),
    "Annextitle": ("Normal", 14, True, False, "center", 0, 0, 12, True),
    "Headingb": ("Normal", 12, True, False, None, 0, 0, 12, True),
    "Annexheading": ("Normal", 12, True, False, None, 1.4, 1.4, 12, True),
    "Proposal": ("Normal", 12, True, False, None, 0, 0, 24, True),
    "Reasons": ("Normal", 12, False, False, None, 0, 0, 12, False),
    "Summary": ("Normal", 12, False, False, None, 0, 0, 12, False),
    "Conference": ("Normal", 12, True, False, None, 0, 0, 0, False),
    "Docnumber": ("Normal", 12, True, False, "right", 0, 0, 0, False),
    "Source": ("Normal", 14, True, False, "center", 0, 0, 36, True),
    "Title1": ("Normal", 14, False, False, "center", 0, 0, 12, True),
    "MarginSymbol": ("Normal", 11, True, False, None, 0, 0, 0, True),
    "Endline": ("Normal", 12, False, False, "center", 0, 0, 36, False),
    "FootnoteText": ("Normal", 10, False, False, None, 0.7, 0.7, 3, False),
}


def _w(tag: str, **attrs) -> etree._Element:
    el = etree.Element(qn(tag))
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), str(v))
    return el


def _sub(parent, tag: str, **attrs) -> etree._Element:
    el = _w(tag, **attrs)
    parent.append(el)
    return el


class _Writer:
    def __init__(self, doc: Doc):
        self.author = doc.author
        self.date = doc.date.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = 1
        self.footnotes: list[etree._Element] = []
        self.next_note = 1
        self.move_names: dict[str, str] = {}

    def rid(self) -> int:
        self.next_id += 1
        return self.next_id

    def revision(self, change: str) -> etree._Element:
        return _w(WRAPPER[change], id=self.rid(), author=self.author, date=self.date)

    def run(self, r: Run, deleted: bool) -> etree._Element:
        el = _w("w:r")
        rpr = _sub(el, "w:rPr")
        if r.note is not None:
            _sub(rpr, "w:rStyle", val="FootnoteReference")
            _sub(el, "w:footnoteReference", customMarkFollows="1", id=self.footnote(r))
            _sub(el, "w:delText" if deleted else "w:t").text = r.note
            return el
        if r.bold:
            _sub(rpr, "w:b")
        if r.italic:
            _sub(rpr, "w:i")
        if not len(rpr):
            el.remove(rpr)
        self.text_into(el, r.text, deleted)
        return el

    @staticmethod
    def text_into(el, text: str, deleted: bool) -> None:
        parts = text.replace("\r\n", "\n").split("\n")
        for k, line in enumerate(parts):
            if k:
                _sub(el, "w:br")
            chunks = line.split("\t")
            for m, chunk in enumerate(chunks):
                if m:
                    _sub(el, "w:tab")
                if chunk:
                    t = _sub(el, "w:delText" if deleted else "w:t")
                    t.text = chunk
                    if chunk != chunk.strip():
                        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    def runs_into(self, p, runs: list[Run]) -> None:
        for r in runs:
            if r.change:
                wrap = self.revision(r.change)
                wrap.append(self.run(r, r.change in (DEL, MOVEFROM)))
                p.append(wrap)
            else:
                p.append(self.run(r, False))

    def footnote(self, r: Run) -> int:
        nid = self.next_note
        self.next_note += 1
        fn = _w("w:footnote", id=nid)
        p = _sub(fn, "w:p")
        ppr = _sub(p, "w:pPr")
        _sub(ppr, "w:pStyle", val="FootnoteText")
        mark = _sub(p, "w:r")
        _sub(_sub(mark, "w:rPr"), "w:rStyle", val="FootnoteReference")
        _sub(mark, "w:t").text = r.note
        _sub(_sub(p, "w:r"), "w:tab")
        self.runs_into(p, list(r.note_body))
        self.footnotes.append(fn)
        return nid

    def paragraph(self, para: Para) -> etree._Element:
        p = _w("w:p")
        ppr = _sub(p, "w:pPr")
        _sub(ppr, "w:pStyle", val=para.style)
        if para.style == "MarginSymbol":
            # ADD / MOD / SUP stand in the left margin beside the text they mark, as printed in
            # the Final Acts: a frame anchored to the next paragraph, outside the text column.
            _sub(ppr, "w:framePr", w=1000, hSpace=113, wrap="around", vAnchor="text", hAnchor="page",
                 x=150, y=480)
        mark = para.mark
        if mark:
            _sub(_sub(ppr, "w:rPr"), WRAPPER[mark], id=self.rid(), author=self.author, date=self.date)
        move_end = None
        if mark in (MOVEFROM, MOVETO) and para.move:
            name = self.move_names.setdefault(para.move, f"move{len(self.move_names) + 1}")
            kind = "moveFrom" if mark == MOVEFROM else "moveTo"
            rid = self.rid()
            _sub(p, f"w:{kind}RangeStart", id=rid, author=self.author, date=self.date, name=name)
            move_end = (kind, rid)
        if para.label:
            self.runs_into(p, para.label)
            # The tab belongs with the label: a label inserted (or deleted) whole takes its tab along.
            whole = {r.change for r in para.label}
            tab = mark or (whole.pop() if len(whole) == 1 and whole <= {INS, DEL} else "")
            self.runs_into(p, [Run("\t", tab)])
        self.runs_into(p, para.runs)
        if move_end:
            _sub(p, f"w:{move_end[0]}RangeEnd", id=move_end[1])
        return p

    def table(self, t: Table) -> etree._Element:
        tbl = _w("w:tbl")
        pr = _sub(tbl, "w:tblPr")
        _sub(pr, "w:tblW", w=0, type="auto")
        borders = _sub(pr, "w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            _sub(borders, f"w:{side}", val="single", sz=4, space=0, color="000000")
        width = max((len(r.cells) for r in t.rows), default=1) or 1
        grid = _sub(tbl, "w:tblGrid")
        for _ in range(width):
            _sub(grid, "w:gridCol", w=int(9000 / width))
        for row in t.rows:
            tr = _sub(tbl, "w:tr")
            change = {"insert": INS, "delete": DEL}.get(row.op)
            if change:
                _sub(_sub(tr, "w:trPr"), WRAPPER[change], id=self.rid(), author=self.author, date=self.date)
            cells = list(row.cells) + [[] for _ in range(width - len(row.cells))]
            for cell in cells:
                tc = _sub(tr, "w:tc")
                _sub(_sub(tc, "w:tcPr"), "w:tcW", w=int(9000 / width), type="dxa")
                p = _sub(tc, "w:p")
                _sub(_sub(p, "w:pPr"), "w:pStyle", val="Normal")
                self.runs_into(p, cell)
        return tbl


def _ensure_styles(document) -> None:
    styles = document.styles
    names = {s.style_id: s for s in styles}
    for sid, (based, size, bold, italic, align, left, hang, before, keep) in STYLES.items():
        if sid in names:
            continue  # an organisation's template keeps its own look
        st = styles.add_style(sid, WD_STYLE_TYPE.PARAGRAPH)
        if based:
            st.base_style = styles["Normal"]
        st.font.size = Pt(size)
        st.font.bold = bold or None
        st.font.italic = italic or None
        pf = st.paragraph_format
        pf.space_before = Pt(before)
        pf.space_after = Pt(0)
        if align:
            pf.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        if left:
            pf.left_indent = Cm(left)
        if hang:
            pf.first_line_indent = Cm(-hang)
            pf.tab_stops.add_tab_stop(Cm(left))
        if sid in TAB_AT:
            pf.tab_stops.add_tab_stop(Cm(TAB_AT[sid]))
        if keep:
            pf.keep_with_next = True
        names[sid] = st
    normal = styles["Normal"]
    if normal.font.name is None:
        normal.font.name = "Times New Roman"
        normal.font.size = Pt(12)
    if "FootnoteReference" not in names:
        ref = styles.add_style("FootnoteReference", WD_STYLE_TYPE.CHARACTER)
        ref.font.superscript = True


def _footnotes_part(document, footnotes: list[etree._Element]) -> None:
    """Add (or refill) word/footnotes.xml: the two separators Word expects, then ours."""
    main = document.part
    existing = next((rel.target_part for rel in main.rels.values() if rel.reltype == RT.FOOTNOTES), None)
    root = _w("w:footnotes")
    for nid, kind, child in ((-1, "separator", "w:separator"), (0, "continuationSeparator",
                                                                   "w:continuationSeparator")):
        fn = _sub(root, "w:footnote", type=kind, id=nid)
        p = _sub(fn, "w:p")
        spacing = _sub(_sub(p, "w:pPr"), "w:spacing", after=0, line=240, lineRule="auto")
        del spacing
        _sub(_sub(p, "w:r"), child)
    for fn in footnotes:
        root.append(fn)
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if existing is not None:
        existing._blob = blob  # a plain Part keeps its bytes here; replace the template's notes
        if hasattr(existing, "_element"):
            existing._element = root
        return
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, blob, main.package)
    main.relate_to(part, RT.FOOTNOTES)


# Elements that follow w:footnotePr in CT_Settings; it must be inserted before the first present.
_AFTER_FOOTNOTEPR = ("endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang",
                     "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
                     "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
                     "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


def _footnote_settings(document) -> None:
    """Name the separator footnotes in settings.xml, as Word itself writes them."""
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is not None:
        return
    pr = _w("w:footnotePr")
    _sub(pr, "w:footnote", id=-1)
    _sub(pr, "w:footnote", id=0)
    follower = next((el for el in settings if etree.QName(el).localname in _AFTER_FOOTNOTEPR), None)
    if follower is not None:
        follower.addprevious(pr)
    else:
        settings.append(pr)


def _clear_body(document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _bookmarks(elements: list[tuple[etree._Element, str | None]], writer: _Writer) -> None:
    """Mark each region (one resolution's text) with a hidden bookmark so it can be verified."""
    k = 0
    while k < len(elements):
        el, region = elements[k]
        if region is None:
            k += 1
            continue
        end = k
        while end + 1 < len(elements) and elements[end + 1][1] == region:
            end += 1
        bid = writer.rid()
        start = _w("w:bookmarkStart", id=bid, name=region)
        stop = _w("w:bookmarkEnd", id=bid)
        first, last = elements[k][0], elements[end][0]
        if first.tag == qn("w:tbl"):
            first.addprevious(start)
        else:
            first.insert(1, start)  # after w:pPr
        if last.tag == qn("w:tbl"):
            last.addnext(stop)
        else:
            last.append(stop)
        k = end + 1


def _reproducible(data: bytes, when: datetime) -> bytes:
    """Rewrite the zip with fixed entry times and order, so equal inputs give equal bytes."""
    stamp = when.astimezone(timezone.utc).timetuple()[:6]
    stamp = max(stamp, (1980, 1, 1, 0, 0, 0))
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def render_docx(doc: Doc, reference: Path | None = None) -> bytes:
    """The document as .docx bytes; `reference` is an organisation's template (styles, page)."""
    check_chars(doc)
    if reference is not None:
        try:
            document = Document(str(reference))
        except Exception as e:  # python-docx raises several kinds for a file that is not a .docx

            raise UsageError(f"--reference-docx {reference}: not a readable Word document ({e})") from None
        _clear_body(document)
    else:
        document = Document()
        sec = document.sections[0]  # ITU documents are A4
        sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
        sec.left_margin = sec.right_margin = Cm(2.0)
        sec.top_margin = sec.bottom_margin = Cm(2.0)
    _ensure_styles(document)
    writer = _Writer(doc)
    body = document.element.body
    sect = body.find(qn("w:sectPr"))
    placed: list[tuple[etree._Element, str | None]] = []
    for op in doc.ops:
        el = writer.table(op) if isinstance(op, Table) else writer.paragraph(op)
        placed.append((el, op.region))
        if sect is not None:
            sect.addprevious(el)
        else:
            body.append(el)
    _bookmarks(placed, writer)
    _footnotes_part(document, writer.footnotes)
    _footnote_settings(document)
    cp = document.core_properties
    cp.title = doc.title[:250]
    cp.author = doc.author[:250]
    cp.last_modified_by = doc.author[:250]
    naive = doc.date.astimezone(timezone.utc).replace(tzinfo=None)
    cp.created = naive
    cp.modified = naive
    cp.last_printed = naive
    cp.revision = 1
    cp.language = doc.language
    buf = io.BytesIO()
    document.save(buf)
    return _reproducible(buf.getvalue(), doc.date)
