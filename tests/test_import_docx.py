"""Importing .docx: ITU styles, italics, real footnotes, tables, tracked changes (before/after).

The Word files are made here with python-docx and lxml: real packages with a footnotes part,
w:ins/w:del runs and a table. The expected words are read from the package XML independently of
the importer (accept-all and reject-all by hand) and compared with the rendered import.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from lxml import etree

from finalacts.corpus import yamlfile
from finalacts.corpus.files import parse
from finalacts.corpus.model import resolution_to_data
from finalacts.corpus.registry import load_registry
from finalacts.importer import import_file
from finalacts.importer.docx import import_versions
from finalacts.importer.lossless import differences, words
from finalacts.render.text import render_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}"'
ITU_STYLES = ["ResNo", "Restitle", "Normalaftertitle", "Call", "enumlev1", "enumlev2", "AnnexNo", "Annextitle"]
_ids = iter(range(100, 10_000))


def r(text: str, italic: bool = False) -> str:
    rpr = "<w:rPr><w:i/></w:rPr>" if italic else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


TAB = "<w:r><w:tab/></w:r>"


def ins(text: str) -> str:
    return f'<w:ins w:id="{next(_ids)}" w:author="APT" w:date="2018-03-01T00:00:00Z">{r(text)}</w:ins>'


def dele(text: str) -> str:
    return (f'<w:del w:id="{next(_ids)}" w:author="APT" w:date="2018-03-01T00:00:00Z">'
            f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>')


def fn(note_id: int) -> str:
    return (f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>')


def make_docx(path: Path, paras: list[tuple[str | None, str]], footnotes: dict[int, str] | None = None,
              table: list[list[str]] | None = None, table_after: int | None = None) -> Path:
    """A real .docx: paragraphs (style, run XML), an optional table and a real footnotes part."""
    doc = docx.Document()
    for name in ITU_STYLES:
        doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    for k, (style, runs) in enumerate(paras):
        p = doc.add_paragraph(style=style)
        for child in parse_xml(f"<w:p {NS}>{runs}</w:p>"):
            p._p.append(child)
        if table is not None and table_after == k:
            t = doc.add_table(rows=len(table), cols=len(table[0]))
            for i, row in enumerate(table):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell
    buf = io.BytesIO()
    doc.save(buf)
    data = buf.getvalue()
    if footnotes:
        data = _add_footnotes(data, footnotes)
    path.write_bytes(data)
    return path


def _add_footnotes(data: bytes, notes: dict[int, str]) -> bytes:
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r>{TAB}{r(text)}</w:p></w:footnote>'
        for i, text in notes.items())
    part = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NS}>'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
            f'</w:r></w:p></w:footnote>{body}</w:footnotes>')
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", (
                    b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/footnotes" Target="footnotes.xml"/></Relationships>'))
            if item.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", (
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.wordprocessingml.footnotes+xml"/></Types>'))
            z.writestr(item, content)
        z.writestr("word/footnotes.xml", part)
    return out.getvalue()


def xml_words(path: Path, version: str) -> tuple[list[str], list[str]]:
    """Words of the body and of the footnotes, read straight from the package (accept/reject all)."""
    z = zipfile.ZipFile(path)
    skip = "ins" if version == "before" else "del"

    def para_text(p) -> str:
        out = []
        for el in p.iter():
            tag = etree.QName(el).localname
            if any(etree.QName(a).localname == skip for a in el.iterancestors()):
                continue
            if tag == "t" or (tag == "delText" and version == "before"):
                out.append(el.text or "")
            elif tag == "tab":
                out.append(" ")
            elif tag == "footnoteReference":
                out.append(str(order.index(el.get(f"{{{W}}}id")) + 1))
        return "".join(out)

    doc = etree.fromstring(z.read("word/document.xml"))
    order = []
    for el in doc.iter(f"{{{W}}}footnoteReference"):
        if not any(etree.QName(a).localname == skip for a in el.iterancestors()):
            order.append(el.get(f"{{{W}}}id"))
    main: list[str] = []
    for p in doc.iter(f"{{{W}}}p"):
        main += words(para_text(p))
    notes: list[str] = []
    if "word/footnotes.xml" in z.namelist():
        root = etree.fromstring(z.read("word/footnotes.xml"))
        byid = {f.get(f"{{{W}}}id"): f for f in root.iter(f"{{{W}}}footnote")}
        for fid in order:
            for p in byid[fid].iter(f"{{{W}}}p"):
                notes += words(para_text(p))
    return main, notes


def rendered(res) -> tuple[list[str], list[str]]:
    from finalacts.importer.lossless import rendered_words

    return rendered_words(render_text(res, load_registry()))


def tracked_resolution(path: Path) -> Path:
    """A PP resolution drafted in Word with tracked changes, footnotes, italics and an annex table."""
    paras = [
        ("ResNo", r("RESOLUTION 140 (Rev. Busan, 2014)")),
        ("Restitle", r("ITU's role in implementing the outcomes of the World Summit on the Information Society")),
        ("Normalaftertitle", r("The Plenipotentiary Conference of the International Telecommunication Union "
                               "(Busan, 2014),")),
        ("Call", r("recalling", italic=True)),
        ("enumlev1", r("a)") + TAB + r("Resolution 73 (Minneapolis, 1998) of the Plenipotentiary Conference;")),
        ("enumlev1", r("b)") + TAB + r("the needs of developing countries") + fn(1)
         + r(", including ") + dele("the old words") + ins("the new words") + r(";")),
        ("enumlev1", dele("c)") + ins("d)") + TAB + r("the role of ITU, ") + r("inter alia", italic=True)
         + r(", in the WSIS process,")),
        ("Call", r("considering", italic=True)),
        ("Normal", r("that the text of this section has one paragraph") + fn(2) + r(",")),
        ("Call", r("resolves", italic=True)),
        ("enumlev1", r("1") + TAB + r("to endorse the following documents:")),
        ("enumlev2", r("–") + TAB + r("WSIS+10 Statement;")),
        ("enumlev2", r("–") + TAB + r("WSIS+10 Vision") + ins(" for WSIS beyond 2015") + r(";")),
        ("enumlev1", r("2") + TAB + r("to report to the next conference") + dele(" in 2018") + r(",")),
        ("AnnexNo", r("ANNEX TO RESOLUTION 140 (Rev. Busan, 2014)")),
        ("Annextitle", r("Elements for evaluation")),
        ("Normal", r("1") + TAB + r("Linkage of objectives")),
    ]
    notes = {1: "These include the least developed countries and small island developing states.",
             2: "A footnote with " + "several words in it."}
    table = [["Goal", "Target"], ["Growth", "Increase by 2023"], ["Inclusiveness", "Bridge the divide"]]
    return make_docx(path, paras, notes, table, table_after=len(paras) - 1)


ADOPTED = ["PP-06", "PP-10", "PP-14"]


def test_docx_tracked_changes_import_as_before_and_after(tmp_path):
    path = tracked_resolution(tmp_path / "res140.docx")
    reg = load_registry()
    before, after = import_versions(path.read_bytes(), str(path), reg, adopted=ADOPTED)
    b, a = before.resolution, after.resolution
    rec_b, rec_a = b.sections[0].items, a.sections[0].items
    assert rec_b[1].text == "the needs of developing countries[^1], including the old words;"
    assert rec_a[1].text == "the needs of developing countries[^1], including the new words;"
    assert [i.num for i in rec_b] == ["a)", "b)", "c)"]
    assert [i.num for i in rec_a] == ["a)", "b)", "d)"]
    assert rec_a[2].text == "the role of ITU, *inter alia*, in the WSIS process,"
    res_b, res_a = b.sections[2].items, a.sections[2].items
    assert res_b[0].items[1].text == "WSIS+10 Vision;"
    assert res_a[0].items[1].text == "WSIS+10 Vision for WSIS beyond 2015;"
    assert res_b[1].text == "to report to the next conference in 2018,"
    assert res_a[1].text == "to report to the next conference,"
    assert any(f.rule == "import-tracked-changes" for f in after.findings)


def test_docx_styles_footnotes_table(tmp_path):
    path = tracked_resolution(tmp_path / "res140.docx")
    result = import_file(path, str(path), load_registry(), adopted=ADOPTED)
    res = result.resolution
    assert (res.body, res.number, res.adopted) == ("PP", 140, ADOPTED)
    assert [s.heading for s in res.sections] == ["recalling", "considering", "resolves"]
    assert res.sections[1].text == "that the text of this section has one paragraph[^2],"
    assert res.sections[2].items[0].items[0].num == "\u2013"
    assert res.footnotes == {"1": "These include the least developed countries and small island developing states.",
                             "2": "A footnote with several words in it."}
    annex = res.annexes[0]
    assert annex.heading == "Elements for evaluation"
    assert (annex.blocks[0].num, annex.blocks[0].heading) == ("1", "Linkage of objectives")
    assert annex.blocks[1].table == [["Goal", "Target"], ["Growth", "Increase by 2023"],
                                     ["Inclusiveness", "Bridge the divide"]]
    assert result.derived == [] and result.unplaced == []
    # The imported file is schema-valid.
    text = yamlfile.dump(resolution_to_data(res), "resolution")
    assert parse(text.encode(), "resolutions/pp/140.yaml").findings == []


@pytest.mark.parametrize("version", ["before", "after"])
def test_docx_lossless_both_versions(tmp_path, version):
    path = tracked_resolution(tmp_path / "res140.docx")
    result = import_file(path, str(path), load_registry(), version=version, adopted=ADOPTED)
    src_main, src_notes = xml_words(path, version)
    got_main, got_notes = rendered(result.resolution)
    assert differences(src_main, got_main) == []
    assert differences(src_notes, got_notes) == []
    assert len(src_main) > 100 and len(src_notes) > 10


def test_docx_without_styles_uses_text_rules(tmp_path):
    """A plain Word file (no ITU styles): italic headings and labelled paragraphs still work."""
    paras = [
        (None, r("RESOLUTION 11 (Rev. Busan, 2014)")),
        (None, r("ITU TELECOM events")),
        (None, r("The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),")),
        (None, r("considering", italic=True)),
        (None, r("a)") + TAB + r("that the purposes of the Union include the extension of benefits;")),
        (None, r("b)") + TAB + r("that the environment is changing,")),
        (None, r("instructs the Secretary-General", italic=True)),
        (None, r("to report to the Council.")),
    ]
    path = make_docx(tmp_path / "plain.docx", paras)
    result = import_file(path, str(path), load_registry(), adopted=["PP-10", "PP-14"])
    res = result.resolution
    assert [s.heading for s in res.sections] == ["considering", "instructs the Secretary-General"]
    assert [i.num for i in res.sections[0].items] == ["a)", "b)"]
    assert res.sections[1].text == "to report to the Council."
    src_main, _ = xml_words(path, "after")
    assert differences(src_main, rendered(res)[0]) == []


def test_cli_imports_docx_version_before(tmp_path):
    path = tracked_resolution(tmp_path / "res140.docx")
    out = tmp_path / "out.yaml"
    proc = subprocess.run([sys.executable, "-m", "finalacts", "import", "resolution", str(path),
                           "--version", "before", "--adopted", ",".join(ADOPTED), "-o", str(out)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "including the old words;" in re.sub(r"\s+", " ", out.read_text())
    assert re.search(r"res140\.docx:1:1: info import-tracked-changes .*'before'", proc.stderr)


# --- bad .docx: one line naming the file and the reason, exit 2, nothing written ---------------------

def _cli_fails(tmp_path: Path, bad: Path, reason: str) -> None:
    outdir = tmp_path / "out"
    outdir.mkdir()
    proc = subprocess.run([sys.executable, "-m", "finalacts", "import", "resolution", str(bad), "-o",
                           str(outdir / "r.yaml")], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"finalacts: {bad.name}:1:1: ") and reason in lines[0], lines
    assert list(outdir.iterdir()) == []


def test_bad_zip_of_something_else(tmp_path):
    bad = tmp_path / "photos.docx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("holiday/readme.txt", "not a Word document")
    _cli_fails(tmp_path, bad, "a zip archive but not a Word document (no word/document.xml)")


def test_bad_corrupt_docx_truncated(tmp_path):
    good = tracked_resolution(tmp_path / "good.docx").read_bytes()
    bad = tmp_path / "broken.docx"
    bad.write_bytes(good[: len(good) // 2])
    _cli_fails(tmp_path, bad, "corrupt .docx")


def test_bad_corrupt_docx_damaged_member(tmp_path):
    good = bytearray(tracked_resolution(tmp_path / "good.docx").read_bytes())
    # Flip bytes inside the first compressed member: the archive lists fine, its content does not.
    start = good.index(b"PK\x03\x04") + 30 + int.from_bytes(good[26:28], "little") + 10
    for k in range(start, start + 40):
        good[k] ^= 0xFF
    bad = tmp_path / "damaged.docx"
    bad.write_bytes(bytes(good))
    _cli_fails(tmp_path, bad, "corrupt .docx")


def test_bad_document_xml_not_xml(tmp_path):
    bad = tmp_path / "notxml.docx"
    src = zipfile.ZipFile(tracked_resolution(tmp_path / "good.docx"))
    with zipfile.ZipFile(bad, "w") as z:
        for item in src.infolist():
            z.writestr(item, b"<w:document>broken" if item.filename == "word/document.xml" else src.read(item))
    _cli_fails(tmp_path, bad, "corrupt .docx")


def test_bad_password_protected_docx(tmp_path):
    bad = tmp_path / "locked.docx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    _cli_fails(tmp_path, bad, "password-protected .docx or an old binary .doc")


def test_bad_docx_without_a_resolution(tmp_path):
    bad = make_docx(tmp_path / "letter.docx", [(None, r("Dear colleagues,")), (None, r("see you in Geneva."))])
    _cli_fails(tmp_path, bad, "no RESOLUTION title line found")


def test_bad_empty_docx(tmp_path):
    bad = make_docx(tmp_path / "blank.docx", [])
    _cli_fails(tmp_path, bad, "the Word document has no text")
