"""The documents a secretariat receives, looked at as it looks at them: every demo document and a
Final Acts, opened by LibreOffice itself (UNO: accept all, reject all, save again), their PDF pages
compared with reference images, their XML read for ITU's styles and page furniture, their HTML
validated and checked by axe-core in a real headless Chromium.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import git
import pytest

import pages
from browser import chrome
from finalacts.render import docx as docx_mod
from finalacts.render import libreoffice, template
from finalacts.render.docx import render_docx
from finalacts.render.pdf import docx_to_pdf, font_warning
from finalacts.render.sources import build_doc
from finalacts.render.text import plain
from finalacts.render.verify import _expected, read_docx, verify_docx
from finalacts.workflows import demo
from gitcorpus import commit, isolate, res

REPO = Path(__file__).resolve().parents[1]

WEB = Path(__file__).parent / "browser"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SETS = {"ACP-64A1": ("PP-14", "proposals/pp-18/ACP-64A1", "Asia-Pacific Telecommunity Member Administrations"),
        "CHN-140": ("PP-14", "proposals/pp-18/CHN-140", "People's Republic of China"),
        "WTDC-30": ("WTDC-17", "proposals/wtdc-21/WTDC-30", "Not stated in the source document"),
        "WTSA-75": ("WTSA-20", "proposals/wtsa-24/WTSA-75", "Russian Federation")}


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "finalacts", *args], cwd=root, capture_output=True, text=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("documents") / "demo"
    result = demo.run(root)
    return root, result


# A small corpus whose PP-18 edition `check --edition PP-18` accepts: one MOD (with a footnote),
# one ADD, one SUP, so the Final Acts holds every margin symbol.
RES_11_NEW = res(11, "ITU Telecom events", ["PP-98", "PP-10", "PP-14", "PP-18"],
                 "that ITU Telecom events shall be held in an open and transparent manner[^1].") + \
    'footnotes:\n  "1": These include the least developed countries.\n'
RES_210 = res(210, "Emerging technologies", ["PP-18"], "to study emerging technologies.")


@pytest.fixture(scope="module")
def final_acts(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    tmp = tmp_path_factory.mktemp("finalacts")
    isolate(mp, tmp)
    root = tmp / "corpus"
    (root / "resolutions" / "pp").mkdir(parents=True)
    pp = root / "resolutions" / "pp"
    (pp / "11.yaml").write_text(res(11, "ITU Telecom events", ["PP-98", "PP-10", "PP-14"],
                                    "that ITU Telecom events shall be held in an open manner."))
    (pp / "185.yaml").write_text(res(185, "Global flight tracking", ["PP-14"], "to take the necessary steps."))
    (pp / "200.yaml").write_text(res(200, "Connect 2020 agenda", ["PP-14"], "to adopt the agenda."))
    repo = git.Repo.init(root, initial_branch="main")
    commit(repo, "PP-14 edition")
    repo.create_tag("PP-14")
    (pp / "11.yaml").write_text(RES_11_NEW)
    (pp / "185.yaml").unlink()
    (pp / "210.yaml").write_text(RES_210)
    commit(repo, "PP-18 edition")
    repo.create_tag("PP-18")
    out = tmp / "out"
    out.mkdir()
    for fmt in ("docx", "html", "pdf"):
        r = cli(root, "render", "--final-acts", "PP-18", "-o", str(out / f"final.{fmt}"))
        assert r.returncode == 0, r.stderr
    mp.undo()
    return root, out


def documents(built, final_acts) -> list[tuple[Path, str, str, Path]]:
    """(docx, old ref, new ref, repository) of every document the tests look at."""
    root, result = built
    # Each document as the demo rendered it: from its branch's last proposal commit (the outcome the
    # secretariat records there later is not in the document).
    heads = {b.slug: b.commits[-1][1] for b in result.branches}
    out = [(root / "out" / f"{name}.docx", old, heads[name], root) for name, (old, _, _) in SETS.items()]
    fa_root, fa_out = final_acts
    return out + [(fa_out / "final.docx", "PP-18", "PP-18", fa_root)]


# ---------------------------------------------------------------- LibreOffice proves the redlines


def _want(path: Path, old: str, new: str, root: Path):
    recipe = read_docx(path).recipe
    kind, target = recipe["kind"], recipe["target"]
    if kind == "proposals":
        doc = build_doc(str(root / target), old, new, None, root).doc
    else:
        doc = build_doc(None, None, new, target, root).doc
    return doc


def _prove(seen, doc, author: str | None, date: str | None, resaved: bool = False) -> None:
    margin = [op.runs[0].text for op in doc.ops if getattr(op, "style", "") == "MarginSymbol"]
    for side, accept in ((seen.accepted, True), (seen.rejected, False)):
        body, notes = _expected(doc, accept)
        # LibreOffice holds a margin symbol in a text frame of its own, outside the body text, and
        # shows a contents line with its page number (a field finalacts leaves to the word processor).
        want = [plain(b) for b in body if b not in margin]
        got = [re.sub(r"\t\d+$", "", p) if k < len(want) and want[k].startswith(("MOD\t", "ADD\t", "SUP\t"))
               else p for k, p in enumerate(side.paragraphs)]
        assert got == want, f"{seen.path.name}: LibreOffice's {accept=}"
        assert side.frames == margin
        got = side.footnotes
        if resaved:
            # LibreOffice saves a custom footnote mark as text at the start of the note and, opening
            # its own file again, shows that text as well as the mark: its round trip, not ours.
            got = [(m, t[len(m):] if t.startswith(m) else t) for m, t in got]
        assert got == [(m, plain(t)) for m, t in notes]
        assert not side.left, "LibreOffice took every change"
        assert side.tracking, "w:trackRevisions is on: an editor's own edits are tracked"
        if author is not None:
            assert side.redlines and {a for _, a, _ in side.redlines} == {author}
            assert {d for _, _, d in side.redlines} == {date}


def test_libreoffice_accepts_and_rejects_every_document_and_its_resaved_copy(built, final_acts, tmp_path):
    docs = documents(built, final_acts)
    resaved = {p: tmp_path / f"{p.stem}-resaved.docx" for p, *_ in docs}
    seen = libreoffice.read([p for p, *_ in docs], resaved)
    again = libreoffice.read(list(resaved.values()))
    authors = {name: who for name, (_, _, who) in SETS.items()}
    for (path, old, new, root), first, second in zip(docs, seen, again):
        doc = _want(path, old, new, root)
        author = authors.get(path.stem)
        date = doc.date.strftime("%Y-%m-%dT%H:%M:%SZ") if author else None
        _prove(first, doc, author, date)
        _prove(second, doc, author, date, resaved=True)  # authors and dates survive LibreOffice's own save
        # ... and finalacts' proof holds on the copy LibreOffice wrote (bookmarks written twice, footnote
        # marks as text in a character style).
        assert verify_docx(resaved[path], old, new, cwd=root) == [], path.name
        if author is None:
            assert first.accepted.redlines == [], "the Final Acts are clean"


def test_the_page_furniture_is_what_libreoffice_shows(built):
    root, _ = built
    seen = libreoffice.read([root / "out" / "ACP-64A1.docx"])[0].accepted
    assert seen.pagecount > 5
    assert any(h.startswith("- ") and "Addendum 1 to Document 64-E" in h for h in seen.pages["header"])
    assert any(f.startswith("Addendum 1 to Document 64-E") and f.rstrip().endswith(str(seen.pagecount))
               for f in seen.pages["footer"])


# ---------------------------------------------------------------- the XML: ITU's look


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def test_styles_are_itus_not_python_docx_defaults(built):
    path = built[0] / "out" / "ACP-64A1.docx"
    styles = _part(path, "word/styles.xml")
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S).group()
    assert 'w:after="0"' in defaults and 'w:line="240"' in defaults, "single spacing, nothing after"
    assert 'w:line="276"' not in styles and 'w:after="200"' not in styles and "en-US" not in styles
    assert 'w:ascii="Times New Roman"' in defaults and '<w:sz w:val="24"/>' in defaults
    resno = re.search(r'<w:style [^>]*w:styleId="ResNo">.*?</w:style>', styles).group()
    assert "<w:caps/>" in resno, "RESOLUTION 11 (REV. DUBAI, 2018), as ITU prints it"
    for sid, name in (("FootnoteText", "footnote text"), ("FootnoteReference", "footnote reference"),
                      ("Header", "header"), ("Footer", "footer")):
        assert re.search(rf'w:styleId="{sid}"><w:name w:val="{name}"/>', styles), sid
    settings = _part(path, "word/settings.xml")
    assert "<w:trackRevisions/>" in settings
    core = _part(path, "docProps/core.xml")
    assert "python-docx" not in core and "<dc:language>en-GB</dc:language>" in core
    assert "<dc:title>Addendum 1 to Document 64-E: Proposals for the work of the conference</dc:title>" in core
    app = _part(path, "docProps/app.xml")
    assert "<Application>finalacts</Application>" in app and "Microsoft" not in app
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
    assert not any(n.startswith("customXml/") or "thumbnail" in n or "stylesWithEffects" in n for n in names)
    headers = [n for n in names if n.startswith("word/header")]
    assert headers and any("PAGE" in _part(path, n) and "Addendum 1 to Document 64-E" in _part(path, n)
                           for n in headers)


def _paras(path: Path) -> list[tuple[str, str]]:
    """(style, visible text with deletions) of each body paragraph."""
    from lxml import etree

    body = etree.fromstring(_part(path, "word/document.xml").encode()).find(f"{W}body")
    out = []
    for p in body.iter(f"{W}p"):
        st = p.find(f"{W}pPr/{W}pStyle")
        text = "".join(t.text or "" if t.tag != f"{W}tab" else "\t"
                       for t in p.iter(f"{W}t", f"{W}delText", f"{W}tab"))
        out.append((st.get(f"{W}val") if st is not None else "", text.replace("\xa0", " ")))
    return out


def test_proposal_blocks_as_the_secretariat_lays_them_out(built):
    paras = _paras(built[0] / "out" / "ACP-64A1.docx")
    headings = [t for s, t in paras if s == "Heading1"]
    assert headings == ["Proposal ACP/64A1/1 – NOC Constitution of the International Telecommunication Union",
                        "Proposal ACP/64A1/2 – NOC Convention of the International Telecommunication Union",
                        "Proposal ACP/64A1/3 – MOD Resolution 11 (Rev. Busan, 2014)",
                        "Proposal ACP/64A1/20 – SUP Resolution 185 (Busan, 2014)",
                        "Proposal ACP/64A1/25 – ADD DRAFT NEW RESOLUTION [ACP-1]"]
    markers = [t for s, t in paras if s == "Proposal"]
    assert markers == ["NOC\tACP/64A1/1", "NOC\tACP/64A1/2", "MOD\tACP/64A1/3", "SUP\tACP/64A1/20",
                       "ADD\tACP/64A1/25"]
    reasons = [t for s, t in paras if s == "Reasons" and t.startswith("Reasons:")]
    assert len(reasons) == 5, "Reasons: under every proposal"
    assert "Reasons:\t[no reasons given for MOD ACP/64A1/3 in the manifest]" in reasons
    assert "Reasons:\t[no reasons given for ADD ACP/64A1/25 in the manifest]" in reasons
    # Introductions are paragraphs, not one paragraph broken by line breaks.
    assert "<w:br/>" not in _part(built[0] / "out" / "ACP-64A1.docx", "word/document.xml")
    k = next(i for i, (s, t) in enumerate(paras) if t == "Proposal ACP/64A1/3 – MOD Resolution 11 (Rev. Busan, 2014)")
    intro = [t for s, t in paras[k:k + 12] if s == "Normal"]
    assert intro[0].startswith("The annual ITU TELECOM world") and len(intro) >= 7


def test_missing_cover_fields_and_reasons_are_placeholders_and_gate_warnings(built):
    root, result = built
    paras = _paras(root / "out" / "CHN-140.docx")
    shown = [t for s, t in paras if s == "Placeholder"]
    assert shown == ["[document number: not given in the manifest]", "[date: not given in the manifest]",
                     "[original language: not given in the manifest]"]
    chn = result.gates["proposals/pp-18/CHN-140"]
    assert {f.rule for f in chn} == {"gate-cover", "gate-reasons-missing"}
    assert all(f.severity == "warning" for f in chn)
    apt = [f for f in result.gates["proposals/pp-18/ACP-64A1"] if f.rule == "gate-reasons-missing"]
    assert sorted(f.message for f in apt) == ["ADD ACP/64A1/25 has no reasons", "MOD ACP/64A1/3 has no reasons"]


def test_each_footnote_has_one_mark(built):
    notes = _part(built[0] / "out" / "ACP-64A1.docx", "word/footnotes.xml")
    bodies = re.findall(r'<w:footnote w:id="[1-9][0-9]*">.*?</w:footnote>', notes)
    assert bodies and all(b.count("<w:footnoteRef/>") == 1 and "<w:t>1</w:t>" not in b for b in bodies)


def test_history_line_under_the_title_and_honest_redlines(built):
    root, _ = built
    wtsa = [s for s, _ in _paras(root / "out" / "WTSA-75.docx")]
    k = wtsa.index("ResNo")
    assert wtsa[k:k + 4] == ["ResNo", "Restitle", "Resref", "Normalaftertitle"]
    wtdc = _paras(root / "out" / "WTDC-30.docx")
    text = "\n".join(t for _, t in wtdc)
    # recalling k) -> e): moved and changed, so struck where it stood and inserted where it stands.
    assert "e)\tResolution 140 (Rev. Dubai, 2018) of the Plenipotentiary Conference, on ITU's role" in text
    assert "k)\tResolution 140 (Rev. Busan, 2014) of the Plenipotentiary Conference" in text
    assert "<w:moveTo " not in _part(root / "out" / "WTDC-30.docx", "word/document.xml")
    chn = "\n".join(t for _, t in _paras(root / "out" / "CHN-140.docx"))
    # A rewritten item: the whole old one struck, the whole new one inserted, never interleaved.
    assert "3\tto submit the WSIS+10 High-Level Event outcome documents as a contribution to the UNGA" in chn
    assert "3\tto consider how the WSIS Stocktaking database and WSIS project prize competitions" in chn


# ---------------------------------------------------------------- Final Acts


def test_final_acts_of_an_edition_check_rejects_are_refused(built, tmp_path):
    root, _ = built
    # A clone whose PP-18 tag was moved with plain git (no `edition tag` to stop it) onto China's
    # text as proposed, defects and all: `check --edition PP-18` rejects it, so no Final Acts.
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "fetch", "-q", "origin", "+refs/heads/*:refs/remotes/origin/*"], check=True)
    proposed = (REPO / "examples/proposed/CHN-140/resolutions/pp/140.yaml").read_bytes()
    (clone / "resolutions/pp/140.yaml").write_bytes(proposed)
    env = {**os.environ, "GIT_AUTHOR_NAME": "Someone", "GIT_AUTHOR_EMAIL": "someone@example.invalid",
           "GIT_COMMITTER_NAME": "Someone", "GIT_COMMITTER_EMAIL": "someone@example.invalid"}
    subprocess.run(["git", "-C", str(clone), "commit", "-qam", "pp/140 as proposed"], check=True, env=env)
    subprocess.run(["git", "-C", str(clone), "tag", "-f", "-a", "-m", "moved", "PP-18"], check=True, env=env,
                   capture_output=True)
    r = cli(clone, "render", "--final-acts", "PP-18", "-o", str(tmp_path / "fa.docx"))
    assert r.returncode == 1 and not (tmp_path / "fa.docx").exists()
    assert "finds 8 errors" in r.stderr and "PP-18:resolutions/pp/140.yaml:" in r.stderr
    assert "Traceback" not in r.stderr


def test_final_acts_contents_and_margin_symbols(final_acts):
    _, out = final_acts
    paras = _paras(out / "final.docx")
    toc = [t for s, t in paras if s == "TOC1"]
    assert toc == ["MOD\tRESOLUTION 11 (Rev. Dubai, 2018) – ITU Telecom events\t1",
                   "SUP\tRESOLUTION 185 (Busan, 2014) – Global flight tracking\t1",
                   "ADD\tRESOLUTION 210 (Dubai, 2018) – Emerging technologies\t1"]
    xml = _part(out / "final.docx", "word/document.xml")
    assert xml.count("PAGEREF _Toc_fa_") == 3 and xml.count('w:name="_Toc_fa_') == 3
    styles = [s for s, _ in paras]
    for k, s in enumerate(styles):
        if s == "MarginSymbol":
            assert styles[k + 1] == "ResNo", "the symbol stands beside the resolution number"
    frame = re.search(r"<w:framePr [^>]*>", xml).group()
    x, w = int(re.search(r'w:x="(\d+)"', frame).group(1)), int(re.search(r'w:w="(\d+)"', frame).group(1))
    assert x >= 283 and x + w <= template.PAGE["left"], "inside the printable area, outside the text"


# ---------------------------------------------------------------- PDF


def test_pdf_has_an_outline_tags_and_a_times_metric_font(built, final_acts):
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(built[0] / "out" / "ACP-64A1.pdf"))
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[2] == "Proposal ACP/64A1/3 – MOD Resolution 11 (Rev. Busan, 2014)" and len(titles) == 5
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root and root["/Lang"] == "en-GB"
    fa = pypdf.PdfReader(str(final_acts[1] / "final.pdf"))
    assert [o.title for o in fa.outline if not isinstance(o, list)][:1] == ["CONTENTS"] or \
        any("RESOLUTION 11" in o.title for o in fa.outline if not isinstance(o, list))
    fonts = subprocess.run(["pdffonts", str(built[0] / "out" / "ACP-64A1.pdf")], capture_output=True,
                           text=True).stdout
    assert "LiberationSerif" in fonts and "DejaVu" not in fonts
    assert font_warning() is None


PAGES = [("ACP-64A1.pdf", 1, "acp-64a1-p1"), ("ACP-64A1.pdf", 4, "acp-64a1-p4"),
         ("final.pdf", 1, "final-acts-p1"), ("final.pdf", 2, "final-acts-p2")]


@pytest.mark.parametrize("pdf, page, name", PAGES)
def test_pdf_pages_look_like_the_reference_images(built, final_acts, pdf, page, name):
    folder = built[0] / "out" if pdf.startswith("ACP") else final_acts[1]
    assert pages.check_page(folder / pdf, page, name) <= pages.MAX_CHANGED


def test_the_page_comparison_catches_a_moved_margin_symbol_and_a_lost_header(final_acts, built, monkeypatch,
                                                                             tmp_path):
    root, out = final_acts
    doc = build_doc(None, None, "PP-18", "PP-18", root).doc
    monkeypatch.setitem(template.MARGIN_FRAME, "x", template.MARGIN_FRAME["x"] + 170)  # 3 mm to the right
    moved = tmp_path / "moved.pdf"
    moved.write_bytes(docx_to_pdf(render_docx(doc)))
    assert pages.changed(pages.render_page(moved, 2), pages.read_png(pages.REFERENCES / "final-acts-p2.png")) \
        > pages.MAX_CHANGED
    monkeypatch.undo()
    monkeypatch.setattr(docx_mod, "_header_footer", lambda *a: None)
    bare = tmp_path / "bare.pdf"
    acp = build_doc(str(built[0] / "proposals/pp-18/ACP-64A1.yaml"), "PP-14", "proposals/pp-18/ACP-64A1", None,
                    built[0]).doc
    bare.write_bytes(docx_to_pdf(render_docx(acp)))
    assert pages.changed(pages.render_page(bare, 4), pages.read_png(pages.REFERENCES / "acp-64a1-p4.png")) \
        > pages.MAX_CHANGED


# ---------------------------------------------------------------- HTML


def _html_files(built, final_acts) -> list[Path]:
    return sorted((built[0] / "out").glob("*.html")) + [final_acts[1] / "final.html"]


def _need_web() -> None:
    if not (WEB / "node_modules" / ".bin" / "html-validate").exists():
        pytest.fail("the HTML checkers are not installed: run `npm ci` in tests/browser (.ci/run does)")


def test_html_is_valid(built, final_acts):
    _need_web()
    files = [str(p) for p in _html_files(built, final_acts)]
    r = subprocess.run([str(WEB / "node_modules" / ".bin" / "html-validate"), "--config",
                        str(WEB / ".htmlvalidate.json"), *files], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def axe(page: Path, tmp: Path) -> list[dict]:
    """axe-core's violations on `page`, run in a real headless Chromium (tests/browser)."""
    browser = chrome.Browser()
    try:
        browser.open(page.as_uri())
        return browser.axe()
    finally:
        browser.close()


def test_axe_finds_no_serious_accessibility_violation(built, final_acts, tmp_path):
    _need_web()
    for page in _html_files(built, final_acts):
        bad = [v for v in axe(page, tmp_path) if v["impact"] in ("serious", "critical")]
        assert bad == [], page.name
    # The check itself sees violations: a low-contrast paragraph and an image without text.
    broken = tmp_path / "broken.html"
    broken.write_text((built[0] / "out" / "WTSA-75.html").read_text().replace(
        "<main>", '<main><img src="x.png"><p style="color:#eee">faint</p>', 1))
    assert {v["id"] for v in axe(broken, tmp_path)} >= {"image-alt", "color-contrast"}


def test_html_headings_contents_anchors_and_footnotes_per_text(built, final_acts):
    page = (built[0] / "out" / "ACP-64A1.html").read_text()
    assert re.findall(r"<h2 id=\"(proposal-[^\"]+)\"", page) == [
        "proposal-acp-64a1-1", "proposal-acp-64a1-2", "proposal-acp-64a1-3", "proposal-acp-64a1-20",
        "proposal-acp-64a1-25"]
    links = re.findall(r'<a href="#([^"]+)"', page)
    ids = set(re.findall(r' id="([^"]+)"', page))
    assert links and set(links) <= ids, "every link of the contents and the notes lands"
    assert 'id="pp-11-resolves-1"' in page and '<h3 id="pp-11" class="ResNo' in page
    assert "<span class=\"moveto\"" not in page
    fa = (final_acts[1] / "final.html").read_text()
    notes = fa.index('<section class="footnotes"')
    assert fa.index('id="pp-11"') < notes < fa.index('id="resolution-185'), "the note follows its own text"
    assert "These include the least developed countries." in fa[notes:notes + 600]
    wtdc = (built[0] / "out" / "WTDC-30.html").read_text()
    assert re.search(r'<ins><span class="sr">\[inserted: </span>', wtdc)
    assert "ins { background" in wtdc and "a { color" in wtdc, "insertions are not styled as links"


# ---------------------------------------------------------------- verify-docx proves the whole document


def test_verify_docx_refuses_an_unknown_ref_and_catches_an_edited_cover(built, tmp_path):
    root, _ = built
    r = cli(root, "verify-docx", "out/WTSA-75.docx", "--old", "no-such-ref", "--new", "WTSA-20")
    assert r.returncode == 2 and "no-such-ref" in r.stderr and "matches" not in r.stdout
    assert len(r.stderr.strip().splitlines()) == 1
    edited = tmp_path / "edited.docx"
    with zipfile.ZipFile(root / "out" / "WTSA-75.docx") as src, zipfile.ZipFile(edited, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"Russian Federation", b"Somebody Else", 1)
            dst.writestr(info, data)
    problems = verify_docx(edited, "WTSA-20", "proposals/wtsa-24/WTSA-75", cwd=root)
    assert problems and problems[0].startswith("document: accepting all changes differs from the new text at "
                                               "paragraph") and "Somebody Else" in problems[0]


def test_text_output_keeps_footnote_texts(final_acts):
    root, _ = final_acts
    r = cli(root, "render", "--final-acts", "PP-18", "--format", "text")
    assert r.returncode == 0, r.stderr
    assert "____________________\n1\tThese include the least developed countries.\n" in r.stdout
