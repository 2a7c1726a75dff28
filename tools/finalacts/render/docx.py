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
from html import escape
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from finalacts.corpus.findings import UsageError
from finalacts.redline import DEL, INS, MOVEFROM, MOVETO, Para, Run, Table
from finalacts.render import template
from finalacts.render.document import Doc, check_chars

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
WRAPPER = {INS: "w:ins", DEL: "w:del", MOVEFROM: "w:moveFrom", MOVETO: "w:moveTo"}


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
        self.headings = 0
        self.top_resno = not any(isinstance(op, Para) and op.style == "Heading1" for op in doc.ops)
        self.toc = any(isinstance(op, Para) and op.style == "TOC1" for op in doc.ops)
        self.toc_marks: list[str] = []
        self.toc_ends: list[tuple[etree._Element, int]] = []
        self.toc_entries = 0

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
        # Word's own form: the mark in the note is a w:footnoteRef, which shows the custom mark of
        # the reference. A literal copy of the mark is shown twice by LibreOffice after the first note.
        mark = _sub(p, "w:r")
        _sub(_sub(mark, "w:rPr"), "w:rStyle", val="FootnoteReference")
        _sub(mark, "w:footnoteRef")
        _sub(_sub(p, "w:r"), "w:tab")
        self.runs_into(p, list(r.note_body))
        self.footnotes.append(fn)
        return nid

    def paragraph(self, para: Para) -> etree._Element:
        p = _w("w:p")
        ppr = _sub(p, "w:pPr")
        _sub(ppr, "w:pStyle", val=para.style)
        if para.style == "MarginSymbol":
            # ADD / MOD / SUP stand in the left margin beside the resolution number, as printed in
            # the Final Acts: a frame anchored to the next paragraph (the number), at its height.
            _sub(ppr, "w:framePr", w=template.MARGIN_FRAME["w"], hSpace=113, wrap="around", vAnchor="text",
                 hAnchor="page", x=template.MARGIN_FRAME["x"], y=template.MARGIN_FRAME["y"])
        if para.style == "Heading1" and not self.headings:
            _sub(ppr, "w:pageBreakBefore", val=0)  # the first proposal follows the cover on its page
        if para.style == "Heading1":
            self.headings += 1
        if para.style == "ResNo" and self.top_resno:
            _sub(ppr, "w:outlineLvl", val=0)  # no proposal headings above: the texts are the outline
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
        if para.style == "ResNo" and self.toc:
            self.toc_marks.append(f"_Toc_fa_{len(self.toc_marks) + 1}")
            bid = self.rid()
            _sub(p, "w:bookmarkStart", id=bid, name=self.toc_marks[-1])
            self.toc_ends.append((p, bid))
        if para.label:
            self.runs_into(p, para.label)
            # The tab belongs with the label: a label inserted (or deleted) whole takes its tab along.
            whole = {r.change for r in para.label}
            tab = mark or (whole.pop() if len(whole) == 1 and whole <= {INS, DEL} else "")
            self.runs_into(p, [Run("\t", tab)])
        self.runs_into(p, para.runs)
        if para.style == "TOC1":
            self.toc_entries += 1
            self.page_ref(p, f"_Toc_fa_{self.toc_entries}")
        if move_end:
            _sub(p, f"w:{move_end[0]}RangeEnd", id=move_end[1])
        return p

    @staticmethod
    def field(p, instr: str, shown: str) -> None:
        """A complex field (PAGE, NUMPAGES, PAGEREF): LibreOffice and Word compute its result."""
        _sub(_sub(p, "w:r"), "w:fldChar", fldCharType="begin")
        t = _sub(_sub(p, "w:r"), "w:instrText")
        t.text = f" {instr} "
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        _sub(_sub(p, "w:r"), "w:fldChar", fldCharType="separate")
        _sub(_sub(p, "w:r"), "w:t").text = shown
        _sub(_sub(p, "w:r"), "w:fldChar", fldCharType="end")

    def page_ref(self, p, bookmark: str) -> None:
        self.runs_into(p, [Run("\t")])
        self.field(p, f"PAGEREF {bookmark} \\h", "1")

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


def _footnotes_part(document, footnotes: list[etree._Element]) -> None:
    """Add (or refill) word/footnotes.xml: the two separators Word expects, then ours."""
    main = document.part
    existing = next((rel.target_part for rel in main.rels.values() if rel.reltype == RT.FOOTNOTES), None)
    root = etree.Element(qn("w:footnotes"), nsmap={"w": W_NS})
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


def _mark_of(p) -> etree._Element | None:
    rpr = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
    return None if rpr is None else rpr.find(qn("w:ins"))


def _new_marks_first(ops, elements, writer: _Writer) -> None:
    """Paragraphs inserted after an existing one, written as Word records them when an editor
    presses Enter at the end of that paragraph: the new paragraph mark is the one that ends the
    existing paragraph, and the last inserted paragraph ends with the old mark. The text is the
    same either way; LibreOffice, rejecting all, joins the wrong paragraphs in the other form when
    the existing one ends with an insertion too ("appreciated,resolves")."""
    k = 1
    while k < len(ops):
        prev, op = ops[k - 1], ops[k]
        if not (isinstance(op, Para) and op.mark == INS and isinstance(prev, Para) and not prev.mark
                and elements[k - 1].tag == qn("w:p") and op.region == prev.region):
            k += 1
            continue
        end = k
        while end + 1 < len(ops) and isinstance(ops[end + 1], Para) and ops[end + 1].mark == INS:
            end += 1
        ppr = elements[k - 1].find(qn("w:pPr"))
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = _sub(ppr, "w:rPr")
        rpr.append(_w("w:ins", id=writer.rid(), author=writer.author, date=writer.date))
        last = _mark_of(elements[end])
        holder = last.getparent()
        holder.remove(last)
        if not len(holder):
            holder.getparent().remove(holder)
        k = end + 1


def _header_footer(document, doc: Doc, writer: _Writer) -> None:
    """ITU's page furniture: from page 2 the page number and the document number centred in the
    header; on every page a footer with the document number and the page number."""
    number = doc.number or doc.title
    sec = document.sections[0]
    if any(p.text.strip() for p in sec.header.paragraphs) or any(p.text.strip() for p in sec.footer.paragraphs):
        return  # an editor's template with its own furniture keeps it
    sec.different_first_page_header_footer = True
    header = sec.header.paragraphs[0]._p
    _sub(_sub(header, "w:pPr"), "w:pStyle", val="Header")
    writer.runs_into(header, [Run("- ")])
    writer.field(header, "PAGE", "2")
    writer.runs_into(header, [Run(" -")])
    line = sec.header.add_paragraph()._p
    _sub(_sub(line, "w:pPr"), "w:pStyle", val="Header")
    writer.runs_into(line, [Run(number)])
    for footer in (sec.footer, sec.first_page_footer):
        f = footer.paragraphs[0]._p
        _sub(_sub(f, "w:pPr"), "w:pStyle", val="Footer")
        writer.runs_into(f, [Run(number), Run("\t\t")])
        writer.field(f, "PAGE", "1")


# Elements of CT_Settings that come after w:trackRevisions; it goes before the first present.
_AFTER_TRACK = ("doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
                "styleLockTheme", "styleLockQFSet", "defaultTabStop")


def _track_revisions(document) -> None:
    """w:trackRevisions on: an editor's own edits to the document are tracked too."""
    settings = document.settings.element
    if settings.find(qn("w:trackRevisions")) is not None:
        return
    follower = next((el for el in settings if etree.QName(el).localname in _AFTER_TRACK), None)
    el = _w("w:trackRevisions")
    if follower is not None:
        follower.addprevious(el)
    else:
        settings.insert(0, el)


def _custom_properties(document, recipe: dict[str, str]) -> None:
    """docProps/custom.xml: how the document was built, for `verify-docx` (LibreOffice keeps it)."""
    if not recipe:
        return
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    props = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{k + 2}" '
                    f'name="finalacts.{escape(name)}"><vt:lpwstr>{escape(value)}</vt:lpwstr></property>'
                    for k, (name, value) in enumerate(sorted(recipe.items())))
    blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{ns}" '
            f'xmlns:vt="{vt}">{props}</Properties>').encode("utf-8")
    pkg = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_CT, blob, pkg)
    pkg.relate_to(part, RT.CUSTOM_PROPERTIES)


def _app_properties(document, doc: Doc) -> None:
    for rel in document.part.package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = template.APP_XML.format(company=escape(doc.author)).encode("utf-8")


def _language(document, lang: str) -> None:
    settings = document.settings.element
    tfl = settings.find(qn("w:themeFontLang"))
    if tfl is not None:
        tfl.set(qn("w:val"), lang)


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
        template.page_setup(document.sections[0])
    template.strip_template_parts(document)
    template.apply_styles(document, doc.language, own=reference is not None)
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
    for p, bid in writer.toc_ends:
        p.append(_w("w:bookmarkEnd", id=bid))
    _new_marks_first(doc.ops, [el for el, _ in placed], writer)
    _bookmarks(placed, writer)
    _header_footer(document, doc, writer)
    _footnotes_part(document, writer.footnotes)
    _footnote_settings(document)
    _track_revisions(document)
    _language(document, doc.language)
    _custom_properties(document, doc.recipe)
    _app_properties(document, doc)
    cp = document.core_properties
    cp.title = doc.title[:250]
    cp.author = doc.author[:250]
    cp.last_modified_by = doc.author[:250]
    cp.comments = ""
    cp.subject = doc.number[:250]
    cp.keywords = ""
    cp.category = ""
    naive = doc.date.astimezone(timezone.utc).replace(tzinfo=None)
    cp.created = naive
    cp.modified = naive
    cp.last_printed = naive
    cp.revision = 1
    cp.language = doc.language
    buf = io.BytesIO()
    document.save(buf)
    return _reproducible(buf.getvalue(), doc.date)
