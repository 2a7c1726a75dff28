"""Word output: native revisions that prove themselves, literal labels, styles, footnotes, templates."""

from __future__ import annotations

import copy
import zipfile
from datetime import datetime, timezone

import pytest
from docx import Document
from docx.shared import Pt
from lxml import etree

from finalacts.corpus.files import parse
from finalacts.corpus.findings import InputError
from finalacts.corpus.model import Item, Section
from finalacts.redline import text_lines
from finalacts.render.document import clean_doc, resolution_doc
from finalacts.render.docx import render_docx
from finalacts.render.verify import read_regions, verify_docx
from redline_fixtures import base_140, head_140, registry, yaml_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WHEN = datetime(2018, 9, 20, 12, 0, tzinfo=timezone.utc)
AUTHOR = "Asia-Pacific Telecommunity Member Administrations"


def _render(tmp_path, old=None, new=None, name="out.docx", **kw):
    old = old or base_140()
    new = new or head_140(old)
    path = tmp_path / name
    path.write_bytes(render_docx(resolution_doc(old, new, registry(), AUTHOR, WHEN), **kw))
    return path, old, new


def _xml(path, part="word/document.xml"):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def test_accept_all_is_new_text_and_reject_all_is_old_text(tmp_path):
    path, old, new = _render(tmp_path)
    [region] = read_regions(path).values()
    assert region.accepted == text_lines(new, registry())
    assert region.rejected == text_lines(old, registry())
    assert region.revisions > 20
    (tmp_path / "old.yaml").write_text(yaml_text(old), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(yaml_text(new), encoding="utf-8")
    assert verify_docx(path, str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml")) == []
    # and the proof can fail: swapped sides are caught
    problems = verify_docx(path, str(tmp_path / "new.yaml"), str(tmp_path / "old.yaml"))
    assert problems and "differs" in problems[0]


def test_revisions_are_native_authored_and_dated(tmp_path):
    path, _, _ = _render(tmp_path)
    root = _xml(path)
    revs = [e for e in root.iter() if e.tag in (f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo")]
    assert {e.get(f"{W}author") for e in revs} == {AUTHOR}
    assert {e.get(f"{W}date") for e in revs} == {"2018-09-20T12:00:00Z"}
    kinds = {etree.QName(e).localname for e in revs}
    assert {"ins", "del", "moveFrom", "moveTo"} <= kinds
    ids = [e.get(f"{W}id") for e in root.iter() if e.get(f"{W}id") is not None
           and e.tag != f"{W}footnoteReference" and not e.tag.endswith("End")]  # an End repeats its Start's id
    assert len(ids) == len(set(ids)), "revision and bookmark ids are unique"
    # deleted words are w:delText inside w:del, never w:t
    for d in root.iter(f"{W}del"):
        assert not list(d.iter(f"{W}t"))


def test_labels_are_literal_text_with_a_tab_never_word_numbering(tmp_path):
    path, _, _ = _render(tmp_path)
    root = _xml(path)
    assert not list(root.iter(f"{W}numPr"))
    para = next(p for p in root.iter(f"{W}p")
                if "Resolution 113 (Marrakesh" in "".join(t.text or "" for t in p.iter(f"{W}t")))
    texts = [(etree.QName(c).localname, c.text) for r in para.iter(f"{W}r") for c in r
             if etree.QName(c).localname in ("t", "tab")]
    assert texts[:2] == [("t", "b)"), ("tab", None)]
    style = para.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
    assert style == "enumlev1"


def test_itu_paragraph_styles_are_used_and_defined(tmp_path):
    path, _, _ = _render(tmp_path)
    used = {s.get(f"{W}val") for s in _xml(path).iter(f"{W}pStyle")}
    assert {"ResNo", "Restitle", "Normalaftertitle", "Call", "enumlev1"} <= used
    defined = {s.style_id for s in Document(str(path)).styles}
    assert used <= defined
    call = Document(str(path)).styles["Call"]
    assert call.font.italic is True


def test_footnotes_are_real_word_footnotes(tmp_path):
    path, _, new = _render(tmp_path)
    refs = list(_xml(path).iter(f"{W}footnoteReference"))
    assert refs and all(r.get(f"{W}customMarkFollows") == "1" for r in refs)
    notes = _xml(path, "word/footnotes.xml")
    bodies = {n.get(f"{W}id"): n for n in notes.iter(f"{W}footnote")}
    assert {"-1", "0"} <= set(bodies)
    body = bodies[refs[0].get(f"{W}id")]
    assert "land-locked" in "".join(t.text for t in body.iter(f"{W}t"))
    assert "landlocked" in "".join(t.text for t in body.iter(f"{W}delText"))
    with zipfile.ZipFile(path) as z:
        assert "footnotes+xml" in z.read("[Content_Types].xml").decode()
        assert "relationships/footnotes" in z.read("word/_rels/document.xml.rels").decode()


def test_builds_are_reproducible(tmp_path):
    a, _, _ = _render(tmp_path, name="a.docx")
    b, _, _ = _render(tmp_path, name="b.docx")
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        assert {i.date_time for i in z.infolist()} == {(2018, 9, 20, 12, 0, 0)}


def test_reference_docx_styles_are_kept(tmp_path):
    template = Document()
    st = template.styles.add_style("ResNo", 1)
    st.font.size = Pt(20)
    template.add_paragraph("boilerplate that must not survive")
    template.sections[0].left_margin = Pt(100)
    template.save(tmp_path / "org.docx")
    path, old, new = _render(tmp_path, reference=tmp_path / "org.docx")
    out = Document(str(path))
    assert out.styles["ResNo"].font.size == Pt(20)
    assert out.sections[0].left_margin == Pt(100)
    assert "boilerplate" not in "".join(p.text for p in out.paragraphs)
    [region] = read_regions(path).values()
    assert region.accepted == text_lines(new, registry())


def test_reference_docx_that_is_not_word_is_a_clear_error(tmp_path):
    from finalacts.corpus.findings import UsageError

    (tmp_path / "bad.docx").write_text("not a zip")
    with pytest.raises(UsageError, match="not a readable Word document"):
        _render(tmp_path, reference=tmp_path / "bad.docx")


def test_control_characters_are_refused_with_position(tmp_path):
    text = yaml_text(base_140()).replace("text: Resolution 113", 'text: "bell \\a here" # ', 1)
    parsed = parse(text.encode(), "resolutions/pp/140.yaml")
    assert not parsed.findings
    with pytest.raises(InputError) as e:
        clean_doc(parsed.model, registry(), AUTHOR, WHEN)
    f = e.value.finding
    assert f.rule == "render-forbidden-char" and "U+0007" in f.message and f.line > 1


def test_rtl_cjk_empty_section_and_long_items_give_valid_docx(tmp_path):
    old = base_140()
    new = copy.deepcopy(old)
    new.sections[0].items[0].text = "النص العربي *هنا* and 中文文本 决议 with a tab\tinside"
    new.sections[1].items[0].text = " ".join(["very long item"] * 3000)
    new.sections.insert(2, Section(heading="noting with an empty section"))
    path, _, _ = _render(tmp_path, old, new)
    [region] = read_regions(path).values()
    assert region.accepted == text_lines(new, registry())
    assert region.rejected == text_lines(old, registry())
    Document(str(path))  # python-docx reads it back


def test_two_thousand_items(tmp_path):
    old = base_140()
    old.sections[0].items = [Item(num=str(k + 1), text=f"item {k + 1} on topic {k % 17};") for k in range(2000)]
    new = copy.deepcopy(old)
    new.sections[0].items.insert(0, Item(num="1", text="a new first item;"))
    for k, it in enumerate(new.sections[0].items):
        it.num = str(k + 1)
    path, _, _ = _render(tmp_path, old, new)
    [region] = read_regions(path).values()
    assert region.accepted == text_lines(new, registry())
    assert region.rejected == text_lines(old, registry())


def test_renumbered_item_is_a_label_change_in_word(tmp_path):
    path, old, _ = _render(tmp_path)
    root = _xml(path)
    old_f = next(i for i in old.sections[2].items if i.num == "f)").text
    words = old_f.split()[1:6]
    para = next(p for p in root.iter(f"{W}p") if " ".join(words) in "".join(t.text or "" for t in p.iter(f"{W}t")))
    deleted = ["".join(t.text for t in d.iter(f"{W}delText")) for d in para.iter(f"{W}del")]
    inserted = ["".join(t.text or "" for t in i.iter(f"{W}t")) for i in para.iter(f"{W}ins")]
    assert deleted == ["f)"] and inserted == ["g)"]
    assert para.find(f"{W}pPr/{W}rPr") is None, "the paragraph itself is neither inserted nor deleted"


def test_annex_blocks_and_tables_prove_themselves(tmp_path):
    from finalacts.corpus.model import Annex, Block

    old = base_140()
    old.annexes = [Annex(heading="Elements for evaluation", blocks=[
        Block(num="1", heading="Scope"),
        Block(text="The review covers *all* regions[^1]."),
        Block(table=[["Region", "Offices"], ["Africa", "4"], ["Americas", "3"]]),
        Block(items=[Item(num="–", text="first entry;"), Item(num="–", text="second entry.")]),
    ])]
    new = copy.deepcopy(old)
    blocks = new.annexes[0].blocks
    blocks[1].text = "The review covers *every* region[^1]."
    blocks[2].table = [["Region", "Offices"], ["Africa", "5"], ["Arab States", "1"], ["Americas", "3"]]
    blocks[3].items.pop(0)
    new.annexes.append(Annex(heading="A second annex", num="2", blocks=[Block(text="New annex text.")]))
    new.annexes[0].num = "1"
    path, _, _ = _render(tmp_path, old, new)
    [region] = read_regions(path).values()
    assert region.accepted == text_lines(new, registry())
    assert region.rejected == text_lines(old, registry())
    assert "Arab States | 1" in region.accepted and "Arab States | 1" not in region.rejected
    root = _xml(path)
    rows = list(root.iter(f"{W}tr"))
    assert len(rows) == 4 and rows[2].find(f"{W}trPr/{W}ins") is not None
