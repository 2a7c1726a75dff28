"""Real layouts in: one test per layout class, each on a real excerpt (tests/fixtures/real/README.md
names the page each came from), and the word-level fidelity of every real text the project holds.

Fidelity: the text is imported, rendered back as text and compared word by word with the source
(lossless.ratio: the share of the source's words found, in order, in the rendering). The ratio
of each text is printed (`pytest -s` shows them) and held to a floor.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from finalacts.corpus.files import load_resolution, parse
from finalacts.corpus.findings import InputError
from finalacts.corpus.model import walk_items
from finalacts.corpus.registry import load_registry
from finalacts.corpus.texts import load_texts
from finalacts.importer import import_file, import_text
from finalacts.importer.header import EARLIER
from finalacts.importer.layout import BROKEN_HYPHEN
from finalacts.importer.lossless import FLOOR, compare, ratio
from finalacts.importer.proposals import split
from finalacts.render.pdf import docx_to_pdf, soffice
from finalacts.render.text import FOOTNOTE_RULE, render_text

REAL = Path(__file__).parent / "fixtures" / "real"
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
REPO = Path(__file__).resolve().parents[1]


def imported(name: str):
    path = REAL / name
    return path, import_file(path, name, load_registry())


def rules(result, rule: str) -> list:
    return [f for f in result.findings if f.rule == rule]


def words_back(path: Path, result) -> float:
    return ratio(path.read_text(encoding="utf-8"), result, render_text(result.resolution, load_registry()))[0]


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "finalacts", *args], capture_output=True, text=True, cwd=cwd,
                          env=dict(os.environ, GITHUB_ACTIONS=""))


# ------------------------------------------------------------------ title lines


def test_title_text_and_body_run_together_on_one_line():
    """A Final Acts web page: running head, ADD, title line, title, preamble and items on one line."""
    path, result = imported("wrc15-res40-web.txt")
    res = result.resolution
    assert (res.body, res.number, res.adopted) == ("WRC", 40, ["WRC-15"])
    assert res.title.startswith("Use of one space station") and res.title.endswith("within a short period of time")
    assert [s.heading for s in res.sections] == ["considering", "noting", "recognizing"]
    assert [i.num for i in res.sections[1].items] == ["a)", "b)", "c)"]
    assert "11.44, 11.44.1, 11.44B and 11.49;" in res.sections[1].items[0].text  # not cut at numbers
    (note,) = [f for f in rules(result, "import-layout") if "run together" in f.message]
    assert note.line == 1
    assert any("'RES40 – 199 –'" in f.message for f in rules(result, "import-unplaced"))
    assert words_back(path, result) == 1.0


def test_wrc_title_line_is_read_not_made_a_draft():
    """'RESOLUTION 40 (WRC-15)' and '(REV.WRC-15)': the conference by its id, the preamble's place kept."""
    _, result = imported("wrc15-res40-web.txt")
    assert render_text(result.resolution, load_registry()).splitlines()[:3] == [
        "RESOLUTION 40 (WRC-15)", result.resolution.title,
        "The World Radiocommunication Conference (Geneva, 2015),"]
    assert not rules(result, "import-adopted") and not rules(result, "import-flattened-marks")
    _, eur = imported("eur-wrc15-ai4.txt")
    assert (eur.resolution.body, eur.resolution.number, eur.resolution.adopted) == ("WRC", 28, ["WRC-15"])
    # The earlier editions of Resolution 28 are not known: said, and recorded, so that its title line
    # keeps "Rev.".
    assert eur.resolution.earlier_editions and not rules(eur, "import-adopted")
    (said,) = [f for f in rules(eur, "import-derived") if "earlier_editions" in f.message]
    assert said.line == 26 and "keeps its 'Rev.'" in said.message
    assert load_registry().title_of(eur.resolution) == "RESOLUTION 28 (Rev.WRC-15)"  # as the Radio Regulations print it


def test_title_line_prefixed_with_the_body_and_a_page_heading_before_it():
    path, result = imported("wtsa-22-web-bullets.txt")
    res = result.resolution
    assert (res.body, res.number) == ("WTSA", 22)
    assert res.title.startswith("Authorization for the Telecommunication Standardization Advisory Group")
    # The page heading "WTSA Resolution 22" above the title line is not the text's.
    assert [(u.line, u.text) for u in result.unplaced] == [(1, "WTSA Resolution 22")]
    # Rev. Dubai, 2012 with no earlier edition known: said, and kept as earlier_editions.
    assert (res.adopted, res.earlier_editions) == (["WTSA-12"], True)
    assert [f.line for f in rules(result, "import-derived") if "earlier_editions" in f.message] == [3]


def test_title_wrapped_over_lines_is_one_title():
    """'Treatment of decisions, / resolutions and recommendations / of plenipotentiary conferences'."""
    for name in ("sen-pp02-56.txt",):
        _, result = imported(name)
        assert result.resolution.title == "Support for the New Partnership for Africa's Development (NEPAD)"
        assert result.resolution.sections[0].heading == "considering"


def test_draft_and_provisional_numbers_are_kept():
    _, result = imported("sen-pp02-56.txt")
    assert (result.resolution.number, result.resolution.adopted) == ("SEN-1", [])
    text = "RESOLUTION PLEN/7 (Geneva, 2022)\nA title\nThe World Telecommunication Standardization Assembly (Geneva, " \
           "2022),\nresolves\nto act.\n"
    src = REAL.parent / "plen7.txt"
    try:
        src.write_text(text, encoding="utf-8")
        r = import_file(src, "plen7.txt", load_registry())
    finally:
        src.unlink()
    assert r.resolution.number == "PLEN-7"
    assert any("provisional number 'PLEN/7' imported as PLEN-7" in f.message for f in rules(r, "import-derived"))


def test_a_rules_of_procedure_docx_is_imported_whole_and_is_the_shipped_text(tmp_path):
    """WTSA Resolution 1 (Rev. Hammamet, 2016) as ITU publishes it in Word: cover pages, then nine
    SECTIONs and a Section 1*bis* of clauses numbered 1.1 to 9.8.2.2, then two appendices. The import
    gives back every word but one, takes each SECTION as a part of kind `section`, keeps the *bis*
    labels and footnote marks ("b)bis", "1bis.1", "[^1bis]"), says which cover pages and pictures
    it leaves out, and `check --strict` passes it: it is resolutions/wtsa/1.yaml."""
    (tmp_path / "resolutions").mkdir()
    out = cli("import", "resolution", str(REAL / "wtsa-res1-hammamet-2016.docx"), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    got, total = map(int, re.search(r"(\d+) of (\d+) source words given back", out.stderr).groups())
    assert total > 11000 and got / total >= 0.999
    assert "a SECTION heading" not in out.stderr
    assert re.search(r"\.docx:5:1: warning import-unplaced lines 5-35 before the title line", out.stderr)
    # Figures 7.1a, 7.1b and 9.1 are pictures: each is said where it stands, none is silently lost.
    assert re.findall(r"\.docx:(\d+):1: warning import-unplaced a picture \(a figure\?\)", out.stderr) == [
        "296", "322", "425"]
    assert re.search(r"\.docx:97:1: info import-derived annex line 'Section 1\*bis\*' is derived as "
                     r"'SECTION 1bis' \(fix: check the section's number", out.stderr)
    res = load_resolution(tmp_path / "resolutions/wtsa/1.yaml")
    assert (res.body, res.number, res.adopted, res.earlier_editions) == ("WTSA", 1, ["WTSA-16"], True)
    assert res.title.endswith("Standardization Sector[^1], [^1bis]")
    assert res.footnotes["1"].startswith("Previously published (Geneva, 1956")  # its own mark not repeated
    assert res.footnotes["1bis"].startswith("This Hammamet, 2016 edition")
    assert [s.heading for s in res.sections] == ["considering", "resolves"]
    assert [i.num for i in res.sections[0].items][:4] == ["a)", "b)", "b)bis", "c)"]
    assert [(a.kind, a.num) for a in res.annexes] == [
        ("section", "1"), ("section", "1bis"), *[("section", str(n)) for n in range(2, 10)],
        ("appendix", "I"), ("appendix", "II")]
    assert [a.heading for a in res.annexes[:2]] == ["World Telecommunication Standardization Assembly",
                                                     "Documentation of ITU-T"]
    blocks = res.annexes[1].blocks  # numbered headings, then their clauses
    assert [(b.num, b.heading) for b in blocks[:3:2]] == [("1bis.1", "General principles"),
                                                          ("1bis.1.1", "Presentation of texts")]
    assert [i.num for i in blocks[3].items][:2] == ["1bis.1.1.1", "1bis.1.1.2"]
    assert res.annexes[-2].heading == "Information for submission of a Question"
    # The heading is the heading alone: the note's sentence after it is the appendix's text.
    assert res.annexes[-1].heading == "Suggested text of the note to be included in the circular"
    assert res.annexes[-1].blocks[0].text.startswith("TSB has received a statement(s) indicating")
    checked = cli("check", "--strict", "resolutions/wtsa/1.yaml", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout
    assert "0 errors, 0 warnings" in checked.stdout
    shipped = load_resolution(REPO / "resolutions/wtsa/1.yaml")
    assert render_text(shipped, load_registry()) == render_text(res, load_registry())


def test_sections_of_numbered_clauses_from_plain_text():
    """'SECTION 1 – title' or 'Section 1bis' and its title on the next line each open a part of kind
    `section`; the clauses under it, numbered headings and paragraphs, are its blocks."""
    text = ("RESOLUTION 1 (Rev. Hammamet, 2016)\n"
            "Rules of procedure of the ITU Telecommunication Standardization Sector\n"
            "The World Telecommunication Standardization Assembly (Hammamet, 2016),\n"
            "considering\na)\tthat the functions of ITU-T are stated in the Constitution;\n"
            "b)\tthat ITU-T shall study technical questions;\nb)bis\tthat the ITRs refer to ITU-T Recommendations,\n"
            "resolves\nthat the rules of procedure of ITU-T shall be as follows.\n"
            "SECTION 1 \u2013 World Telecommunication Standardization Assembly\n"
            "1.1\tThe assembly shall set up committees.\n1.2\tIt shall establish a Steering Committee.\n"
            "Section 1bis\nDocumentation of ITU-T\n1bis.1\tGeneral principles\n"
            "1bis.1.1\tTexts should be as brief as possible.\n")
    reg = load_registry()
    result = import_text(text, "res1.txt", reg)
    res = result.resolution
    assert [i.num for i in res.sections[0].items] == ["a)", "b)", "b)bis"]
    assert [(a.kind, a.num, a.heading) for a in res.annexes] == [
        ("section", "1", "World Telecommunication Standardization Assembly"),
        ("section", "1bis", "Documentation of ITU-T")]
    assert [i.num for i in res.annexes[0].blocks[0].items] == ["1.1", "1.2"]
    assert [(b.num, b.heading) for b in res.annexes[1].blocks] == [("1bis.1", "General principles"), (None, None)]
    assert not [f for f in result.findings if f.rule == "import-unplaced"]
    rendered = render_text(res, reg)
    assert "SECTION 1\nWorld Telecommunication Standardization Assembly\n1.1\t" in rendered
    assert "TO RESOLUTION" not in rendered  # a section is the text's own, not an annex to it
    # Every word back, but the dash between a section's number and its title, which the rendering
    # replaces by a line break, and the history line the rendering adds to a revised text.
    assert [d.split(": ", 1)[1] for d in compare(text, result, rendered)] == [
        "source [] -> rendered ['(Hammamet,', '2016)']", "source ['\u2013'] -> rendered []"]


def test_radiocommunication_assembly_number_revision_and_history():
    """'RESOLUTION ITU-R 1-6 … (1993-…-2012) The ITU-Radiocommunication Assembly,' on one line."""
    path, result = imported("ra-res1-6-runon.txt")
    res = result.resolution
    assert (res.body, res.number) == ("RA", 1)
    assert res.adopted == ["RA-95", "RA-97", "RA-2000", "RA-03", "RA-07", "RA-12"]
    assert res.title.endswith("and the Radiocommunication Advisory Group")
    assert [s.heading for s in res.sections] == ["considering", "noting", "resolves"]
    assert any("revision 6" in f.message for f in rules(result, "import-derived"))
    assert words_back(path, result) == 1.0


def test_history_line_gives_the_editions_when_the_title_line_has_no_place():
    _, result = imported("wtsa-40-montreal.txt")
    assert (result.resolution.number, result.resolution.adopted) == (40, ["WTSA-2000"])
    assert not rules(result, "import-adopted")


def test_rev_uppercase_and_history_from_the_registry_of_texts_in_force():
    """'RESOLUTION 140 (Rev. BusanDUBAI, …)' in seed 000: the Antalya edition comes from the registry."""
    path = next(SEEDS.glob("000_*.txt"))
    result = import_file(path, path.name, load_registry())
    assert result.resolution.adopted == ["PP-06", "PP-14"]
    assert load_texts().get("PP", 140).adopted[0] == "PP-06"


# ------------------------------------------------------------------ the body


def test_web_bullets_before_headings_and_labels():
    path, result = imported("wtsa-22-web-bullets.txt")
    (considering,) = result.resolution.sections
    assert considering.heading == "considering"
    assert [i.num for i in considering.items] == ["a)", "b)", "c)", "d)", "e)"]
    assert words_back(path, result) == 1.0


def test_hard_wrapped_lines_and_heading_words_at_a_line_start():
    """SEN/56/1: 'functions of the Sector …', 'need to maintain …' and a line starting 'organizations,' are
    continuations, not headings; 'considering further' after a paragraph's ',' is a heading."""
    path, result = imported("sen-pp02-56.txt")
    res = result.resolution
    assert [s.heading for s in res.sections] == ["considering", "considering further"]
    assert res.sections[0].text.startswith("that the provisions of the ITU Constitution")
    assert res.sections[0].text.endswith("regional and other telecommunication organizations,")
    assert res.sections[1].text.endswith("socio-economic and cultural development, highlighting:")
    assert [(i.num, i.text) for i in res.sections[1].items][:1] == [("a)", "telecommunications as a prerequisite "
                                                                          "for development;")]
    # b) is printed with no text: a placeholder, said at its line.
    assert any(f.line == 45 and "'b)'" in f.message for f in rules(result, "import-unplaced"))
    assert words_back(path, result) == 1.0


def test_page_furniture_is_left_out_and_said():
    """A document footer in the middle of a list (EUR/XX/1) and a file name and running head (SEN/56)."""
    path, result = imported("eur-wrc15-ai4.txt")
    items = result.resolution.sections[0].items
    assert [i.num for i in items] == ["a)", "b)", "c)", "d)"]
    assert not any(re.search(r"DOCUMENT1|CMR15|19\.06\.15", i.text) for i in items)
    (note,) = [f for f in rules(result, "import-layout") if "furniture" in f.message]
    assert note.line == 38 and "38, 39, 40, 41, 42" in note.message
    assert words_back(path, result) == 1.0
    _, sen = imported("sen-pp02-56.txt")
    assert any("furniture" in f.message and "21, 22, 23, 24" in f.message for f in rules(sen, "import-layout"))


def test_a_word_broken_by_a_hyphen_at_the_line_end_is_made_whole(tmp_path):
    """From the page-counter layout of Decision 3, as a resolution (the same lines under a RESOLUTION line)."""
    lines = (REAL / "decision-3-page-counters.txt").read_text(encoding="utf-8").splitlines()
    body = "\n".join(lines[lines.index("           considering") - 1:])
    src = tmp_path / "r.txt"
    src.write_text("RESOLUTION 3 (Minneapolis, 1998)\nTreatment of decisions,\nresolutions and recommendations\n"
                   "The Plenipotentiary Conference of the International Telecommunication Union\n(Minneapolis, 1998),"
                   + body + "\n", encoding="utf-8")
    result = import_file(src, "r.txt", load_registry())
    res = result.resolution
    assert res.title == "Treatment of decisions, resolutions and recommendations"
    considering = res.sections[0]
    assert [i.num for i in considering.items] == ["a)", "b)", "c)", "d)", "e)"]
    assert "decisions, resolutions and recommendations are not ideal" in considering.items[3].text
    decides = res.sections[1]
    assert [i.num for i in decides.items] == ["1", "2"]
    assert [d.num for d in decides.items[1].items] == ["\u2013", "\u2013"]   # dash entries under 2
    assert any("page furniture" in f.message and "3/484" not in f.message for f in rules(result, "import-layout"))


def test_a_footnote_mark_glued_to_its_word(tmp_path):
    src = tmp_path / "g.txt"
    src.write_text("RESOLUTION 11 (Rev. Busan, 2014)\nITU TELECOM events\nThe Plenipotentiary Conference of the "
                   "International Telecommunication Union (Busan, 2014),\nconsidering\na)\tthe needs of developing "
                   "countries1, including small ones;\nb)\tthat seven2 is not a mark here,\nresolves\nto act.\n"
                   "__________________\n1 These include the least developed countries.\n", encoding="utf-8")
    result = import_file(src, "g.txt", load_registry())
    items = result.resolution.sections[0].items
    assert items[0].text == "the needs of developing countries[^1], including small ones;"
    assert result.resolution.footnotes == {"1": "These include the least developed countries."}
    assert "seven2" in items[1].text   # no footnote 2: kept as printed, and said
    assert any("'seven2' may hold a footnote mark" in f.message for f in rules(result, "import-layout"))


def test_check_says_a_glued_mark_may_be_a_footnote(tmp_path, monkeypatch, run_cli):
    (tmp_path / "resolutions" / "pp").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "resolutions" / "pp" / "9.yaml").write_text(
        "body: PP\nnumber: 9\ntitle: T\nadopted: [PP-14]\nsections:\n  - heading: resolves\n"
        "    text: to help developing countries1, and the70th session.\n", encoding="utf-8")
    code, out, _ = run_cli("check", "--no-cache")
    glued = [ln for ln in out.splitlines() if "space-missing" in ln]
    assert len(glued) == 2
    assert "write countries[^1] and give footnote 1" in glued[0]
    assert "footnote" not in glued[1]


# ------------------------------------------------------------------ no silent success


def test_an_import_that_places_almost_nothing_fails_with_the_count(tmp_path):
    """Markup the import cannot read: it says how many words it gave back, writes nothing, exits 1."""
    (tmp_path / "resolutions").mkdir()
    src = tmp_path / "page.txt"
    src.write_text("RESOLUTION 5 (Kyoto, 1994)\nInvitations\nThe Plenipotentiary Conference of the International "
                   "Telecommunication Union (Kyoto, 1994),\n<div>considering</div>\n<p>that a thing is so;</p>\n",
                   encoding="utf-8")
    proc = cli("import", "resolution", str(src), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "error import-incomplete PP Resolution 5: the import gives back 15 of the 21 source words (71.4%, " \
        "under 97%); nothing written" in proc.stderr
    assert not (tmp_path / "resolutions" / "pp").exists()
    ok = cli("import", "resolution", str(src), "--min-words", "0.5", cwd=tmp_path)
    assert ok.returncode == 0 and "15 of 21 source words given back (71.4%)" in ok.stderr


# ------------------------------------------------------------------ proposals


def test_proposal_action_on_two_lines_and_a_wrc_target(tmp_path):
    """'MOD' / 'EUR/XX/1' then 'RESOLUTION 28 (REV.WRC-15)', a footer inside the text."""
    result = split((REAL / "eur-wrc15-ai4.txt").read_text(encoding="utf-8"), "eur.txt", load_registry())
    m = result.manifest
    assert (m.id, m.conference, m.base) == ("EUR/XX", "WRC-15", "WRC-12")
    assert [(p.number, p.action, p.target) for p in m.proposals] == [(1, "MOD", "wrc/28")]
    assert m.proposals[0].introduction.startswith("Agenda item 4")   # the cover page is not an introduction
    assert any("action line on two lines ('MOD', 'EUR/XX/1')" in f.message for f in result.findings)
    (text,) = result.texts
    assert text.result.resolution.number == 28 and len(text.result.resolution.sections[0].items) == 4


def test_proposal_number_before_its_action_and_a_draft_resolution():
    """'SEN/56/1' / 'ADD' then 'DRAFT RESOLUTION [SEN-1]'; the conference from the cover page (PP-02)."""
    result = split((REAL / "sen-pp02-56.txt").read_text(encoding="utf-8"), "sen.txt", load_registry())
    m = result.manifest
    assert (m.id, m.conference, m.base, m.submitter) == ("SEN/56", "PP-02", "PP-98", "Senegal (Republic of)")
    assert [(p.number, p.action, p.target) for p in m.proposals] == [(1, "ADD", "pp/SEN-1")]
    assert result.texts[0].result.resolution.number == "SEN-1"


def test_action_line_with_its_tab_lost():
    text = ("MODARB/21A15/1\nRESOLUTION 11 (Rev. Busan, 2014)\nITU TELECOM events\nThe Plenipotentiary Conference "
            "of the International Telecommunication Union (Busan, 2014),\nresolves\nto act.\n")
    result = split(text, "arb.txt", load_registry(), conference="PP-18")
    assert [(p.action, p.target) for p in result.manifest.proposals] == [("MOD", "pp/11")]
    assert result.manifest.id == "ARB/21A15"


def test_a_proposal_naming_no_text_says_so(tmp_path):
    """Not a schema message about `target: '?'`: what is wrong, at the action line, and nothing written."""
    src = tmp_path / "p.txt"
    src.write_text("MOD\tEUR/XX/1\nEurope proposes to update the references.\n", encoding="utf-8")
    proc = cli("import", "proposals", str(src), "--conference", "WRC-15", "-o", str(tmp_path / "out"),
                   cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "p.txt:1:1: error import-no-target MOD EUR/XX/1: no text named after the action line" in proc.stderr
    assert "target" not in proc.stderr.split("import-no-target", 1)[0]
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ PDF


@pytest.fixture(scope="module")
def montreal_pdf() -> bytes:
    try:
        soffice()
    except Exception:  # noqa: BLE001 - no LibreOffice: .ci/run installs it
        pytest.skip("LibreOffice is not installed")
    import docx

    d = docx.Document()
    for line in (REAL / "wtsa-40-montreal.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([a-z]\)) (.*)$", line)
        d.add_paragraph(f"{m.group(1)}\t{m.group(2)}" if m else line)
    buf = io.BytesIO()
    d.save(buf)
    return docx_to_pdf(buf.getvalue())


def test_pdf_import_with_layout(tmp_path, montreal_pdf):
    """A real PDF writer's output (LibreOffice) of a real text: lines broken at the column width, labels
    at a tab stop; read back with every word of the source."""
    pdf = tmp_path / "res40.pdf"
    pdf.write_bytes(montreal_pdf)
    result = import_file(pdf, "res40.pdf", load_registry())
    res = result.resolution
    assert (res.body, res.number, res.adopted, res.title) == ("WTSA", 40, ["WTSA-2000"],
                                                              "Regulatory aspects of ITU-T work")
    assert [i.num for i in res.sections[0].items] == [f"{c})" for c in "abcdefgh"]
    assert any(f.message.startswith("read as PDF: ") for f in rules(result, "import-layout"))
    source = REAL / "wtsa-40-montreal.txt"
    plain = import_file(source, source.name, load_registry())
    assert res.sections == plain.resolution.sections   # the same text as from the plain text
    proc = cli("import", "resolution", str(pdf), "-o", "-", cwd=tmp_path)
    assert proc.returncode == 0 and "212 of 212 source words given back (100.0%)" in proc.stderr


def test_a_broken_pdf_is_one_line_exit_2(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    proc = cli("import", "resolution", str(bad), "-o", "-", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "broken.pdf" in proc.stderr


# ------------------------------------------------------------------ Akoma Ntoso markup of the Final Acts


WHOLE = REAL / "whole"


def test_akoma_ntoso_footnotes_at_page_ends_and_headings_run_into_paragraphs():
    """PP Resolution 203 as a converter of the Final Acts PDF marked it up: a footnote inside the
    paragraph where the page ended, two operative headings run into the end of a paragraph, one of
    them naming two addressees."""
    path = WHOLE / "pp-resolution-203.xml"
    res = import_file(path, path.name, load_registry(), adopted=["PP-14", "PP-18"])
    r = res.resolution
    assert (r.body, r.number, r.title) == ("PP", 203, "Connectivity to broadband networks")
    headings = [s.heading for s in r.sections]
    assert headings[-2:] == ["instructs the Director of the Radiocommunication Bureau and the Director of the "
                             "Telecommunication Standardization Bureau", "invites Member States"]
    assert r.footnotes == {"1": "These include the least developed countries, small island developing states, "
                                "landlocked developing countries and countries with economies in transition."}
    before = next(s for s in r.sections if s.heading.startswith("instructs the Director of the Telecommunication D"))
    assert before.text.endswith("budgetary constraints of the Union,")  # the comma the cut took
    # Findings name the line of the XML element; nothing is left over, nothing silently repaired.
    notes = {f.line: f.message for f in rules(res, "import-layout")}
    assert "2 section heading(s) run into the end" in notes[150] and "footnote 1" in notes[91]
    assert not rules(res, "import-unplaced") and words_back_akn(res) == 1.0


def words_back_akn(result) -> float:
    return ratio(result.source, result, render_text(result.resolution, load_registry()))[0]


def test_akoma_ntoso_hyphen_broken_at_a_line_end_is_made_whole_but_a_suspended_hyphen_stays():
    path = WHOLE / "pp-resolution-2.xml"
    res = import_file(path, path.name, load_registry(), adopted=["PP-94", "PP-14", "PP-18"])
    text = render_text(res.resolution, load_registry())
    assert "Secretary-General referred to" in text and "Secretary- General" not in text
    assert any("hyphenated word" in f.message for f in rules(res, "import-layout"))
    smes = import_file(WHOLE / "pp-resolution-209.xml", "209.xml", load_registry(), adopted=["PP-18"])
    assert "small- and medium-sized" in render_text(smes.resolution, load_registry())


def test_akoma_ntoso_title_mark_listed_addressees_and_the_next_part_run_in():
    """Three repairs where the markup itself marks the place: 169's title "Admission of academia1 to
    participate" (footnote 1 otherwise unreferenced), its heading "instructs the Radiocommunication
    Assembly, the World Telecommunication Standardization Assembly and the World Telecommunication
    Development Conference" run into the paragraph before with its item "to mandate …", and 213's
    last paragraph running on into "481 PART IV - LIST OF RESOLUTIONS ABROGATED …"."""
    reg = load_registry()
    academia = import_file(WHOLE / "pp-resolution-169.xml", "169.xml", reg)
    res = academia.resolution
    assert res.title == "Admission of academia[^1] to participate in the work of the Union"
    assert any(f.message == "'academia1': footnote mark 1 glued to its word, read as [^1]"
               for f in rules(academia, "import-layout"))
    (addressed,) = [s for s in res.sections if s.heading.startswith("instructs the Radiocommunication")]
    assert addressed.heading == ("instructs the Radiocommunication Assembly, the World Telecommunication "
                                 "Standardization Assembly and the World Telecommunication Development Conference")
    assert addressed.text.startswith("to mandate their respective Sector advisory groups")
    # A comma before anything but another addressee is no heading's end: 64's is not read so.
    from finalacts.importer.akn import _LONG_HEADING

    assert _LONG_HEADING.match("instructs the Directors of the three Bureaux, within their respective spheres "
                               "of competence, to continue") is None
    fellowships = import_file(WHOLE / "pp-resolution-213.xml", "213.xml", reg)
    last = fellowships.resolution.sections[-1]
    assert (last.heading, last.text.endswith("delegates eligible for fellowships.")) == ("urges Member States", True)
    (cut,) = [u for u in fellowships.unplaced if u.reason.endswith("(the next part of the Final Acts)")]
    assert cut.text.split()[:4] == ["481", "PART", "IV", "-"]
    assert any("next part run into the paragraph cut off at its page number" in f.message
               for f in rules(fellowships, "import-layout"))


def test_a_revised_text_whose_earlier_editions_no_source_shows_keeps_its_rev(tmp_path):
    """RESOLUTION 94 (REV. DUBAI, 2018) with no history anywhere: adopted is what is known, the file
    says there were earlier editions, and every derived title line keeps 'Rev.'."""
    reg = load_registry()
    res = import_file(WHOLE / "pp-resolution-94.xml", "94.xml", reg)
    r = res.resolution
    assert (r.adopted, r.earlier_editions) == (["PP-18"], True)
    assert reg.title_of(r) == "RESOLUTION 94 (Rev. Dubai, 2018)"
    (said,) = [f for f in rules(res, "import-derived") if "earlier_editions" in f.message]
    assert said.severity == "info" and said.line == 34 and not rules(res, "import-adopted")
    # Given on the command line: "..." first says the same of a longer history.
    proc = cli("import", "resolution", str(WHOLE / "pp-resolution-101.xml"), "-o", "-",
               "--adopted", "...,PP-10,PP-14,PP-18", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("body: PP\nadopted: [PP-10, PP-14, PP-18]\nearlier_editions: true\nnumber: 101\n")
    # A first adoption is not a revision: no flag.
    first = import_file(WHOLE / "pp-resolution-209.xml", "209.xml", reg).resolution
    assert (first.adopted, first.earlier_editions) == (["PP-18"], False)
    assert reg.title_of(first) == "RESOLUTION 209 (Dubai, 2018)"


def test_akoma_ntoso_repairs_follow_the_labels_of_the_lists():
    """What the converter ran together is cut only where the text marks it, and nothing is cut
    where the list goes on."""
    reg = load_registry()

    def sections(name: str, folder: Path = WHOLE):
        return {s.heading: s for s in import_file(folder / name, name, reg).resolution.sections}

    # 139 recalling c): "…(WSIS), taking into account the 2030 Agenda …;" and d) follows: one item.
    recalling = sections("pp-resolution-139.xml")["recalling"]
    assert [it.num for it in recalling.items] == ["a)", "b)", "c)", "d)", "e)", "f)", "g)"]
    assert recalling.items[2].text.endswith("taking into account the 2030 Agenda for Sustainable Development;")
    # 133 emphasizing e): "that, recalling the results of WSIS …": "recalling" is the item's own word;
    # its bullets, run into the item, are set out one entry a line.
    emphasizing = sections("pp-resolution-133.xml")["emphasizing"]
    assert emphasizing.items[-1].text.startswith("that, recalling the results of WSIS and the needs")
    assert emphasizing.items[-1].text.endswith("there is an urgent need to:")
    assert [it.num for it in emphasizing.items[-1].items] == ["•"] * len(emphasizing.items[-1].items) != []
    # 41 instructs the ITU Council 2: "… in exceptional circumstances: • temporary reduction …; • the
    # write-off …".
    measures = import_file(WHOLE / "pp-resolution-41.xml", "41.xml", reg)
    two = next(s for s in measures.resolution.sections if s.heading == "instructs the ITU Council").items[1]
    assert two.text.endswith("in exceptional circumstances:") and len(two.items) == 4
    assert two.items[1].text.startswith("the write-off of interest on overdue payments")
    assert any("a list of 4 '•' entries" in f.message for f in rules(measures, "import-layout"))
    # 2 resolves 9 with item 10 run in across a page: cut at "; 10 ", and said.
    result = import_file(WHOLE / "pp-resolution-2.xml", "2.xml", reg, adopted=["PP-94", "PP-14", "PP-18"])
    resolves = next(s for s in result.resolution.sections if s.heading == "resolves")
    assert [it.num for it in resolves.items][-2:] == ["9", "10"]
    assert resolves.items[-1].text.startswith("that broad participation in WTPF")
    assert any("1 item(s) run into item 9" in f.message for f in rules(result, "import-layout"))
    # A heading that ends the paragraph it was run into keeps its addressees.
    assert "invites Member States and Sector Members" in sections("pp-resolution-206.xml")
    assert "instructs the Directors of the Telecommunication Development Bureau and the Telecommunication " \
           "Standardization Bureau" in sections("pp-resolution-21.xml")


def test_a_whole_akoma_ntoso_collection_or_broken_markup_is_one_line_exit_2(tmp_path):
    one = (WHOLE / "pp-resolution-210.xml").read_text(encoding="utf-8")
    (tmp_path / "two.xml").write_text(f"<components>\n{one}{one}</components>\n", encoding="utf-8")
    (tmp_path / "broken.xml").write_text(one.replace("</preamble>", "", 1), encoding="utf-8")
    for name, says in (("two.xml", "holding 2 texts"), ("broken.xml", "not well-formed XML")):
        proc = cli("import", "resolution", name, "-o", "-", cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and says in proc.stderr and f"{name}:" in proc.stderr
    line = int(re.search(r"two\.xml:(\d+):", cli("import", "resolution", "two.xml", cwd=tmp_path).stderr).group(1))
    assert line == one.count("\n") + 3  # the second <statement>, the line after its <component>


# ------------------------------------------------------------------ fidelity over every real text


REAL_TEXTS = sorted(p.name for p in REAL.glob("*.txt") if not p.name.startswith("decision-"))
SEED_TEXTS = ["000", "002", "004"]


@pytest.mark.parametrize("name", REAL_TEXTS + [f"seed {s}" for s in SEED_TEXTS])
def test_word_fidelity_of_every_real_text(name, capsys):
    path = next(SEEDS.glob(f"{name[5:]}_*.txt")) if name.startswith("seed ") else REAL / name
    result = import_file(path, path.name, load_registry())
    rendered = render_text(result.resolution, load_registry())
    share, total, _ = ratio(path.read_text(encoding="utf-8"), result, rendered)
    with capsys.disabled():
        print(f"\n  fidelity {name}: {share:.3f} of {total} source words")
    assert share >= 0.99, compare(path.read_text(encoding="utf-8"), result, rendered)[:5]
    assert share >= FLOOR


def test_the_shipped_corpus_round_trips_through_import(tmp_path):
    """Every text in force the repository holds, rendered as text and imported again, gives itself back."""
    reg = load_registry()
    for path in sorted((REPO / "resolutions").rglob("*.yaml")):
        res = load_resolution(path)
        if not res.sections:
            continue
        src = tmp_path / f"{res.body}-{res.number}.txt"
        src.write_text(render_text(res, reg), encoding="utf-8")
        again = import_file(src, src.name, reg, adopted=list(res.adopted))
        share, total, _ = ratio(src.read_text(encoding="utf-8"), again, render_text(again.resolution, reg))
        print(f"  round trip {path.relative_to(REPO)}: {share:.3f} of {total} words")
        assert share == 1.0, path
        assert [s.heading for s in again.resolution.sections] == [s.heading for s in res.sections], path
        assert parse(src.read_bytes(), "x.txt") is not None


# ------------------------------------------------------------------ fidelity over every whole real text


WHOLE_TEXTS = sorted(p.name for p in WHOLE.glob("*.xml"))


# A footnote printed where the page ended: a rule, its mark and its sentence, which ends with a
# period or with the paragraph it was printed in.
_PAGE_FOOTNOTE = re.compile(r"_{5,}\s*(\d{1,2})\s+([^.]*(?:\.|$))")


def _markup_words(path: Path) -> tuple[list[str], set[tuple[str, str]]]:
    """(the words of a text's markup as a reader sees them, every element's text but the metadata and
    the footnotes printed where a page ended; those footnotes as (mark, text))."""
    from lxml import etree

    root = etree.fromstring(path.read_bytes())
    for meta in [el for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname == "meta"]:
        meta.getparent().remove(meta)
    notes = set()
    for el in root.iter():  # each paragraph on its own: a footnote ends at the latest with it
        if isinstance(el.tag, str) and etree.QName(el).localname == "p" and len(el) == 0 and el.text:
            t = re.sub(r"\s+", " ", el.text).strip()
            notes |= {(m.group(1), m.group(2).strip()) for m in _PAGE_FOOTNOTE.finditer(t)}
            el.text = _PAGE_FOOTNOTE.sub(" ", t)
    text = re.sub(r"\s+", " ", " ".join(root.itertext()))
    # The last text of a part of the Final Acts is followed on its page by the page number and the
    # next part's heading, which the converter ran into the component's last paragraph (Decision 11:
    # "... for the next period. 18 PART II - DECISION ABROGATED ... PART III - RESOLUTIONS").
    text = re.sub(r" \d{1,4} PART [IVX]{1,4} - .*$", "", text)
    # A hyphen standing alone is the converter's mark of a dash entry, printed "–" (the label).
    return ["\u2013" if w == "-" else w for w in text.lower().split()], notes


@pytest.mark.parametrize("name", WHOLE_TEXTS)
def test_word_fidelity_of_every_whole_real_text(name, capsys):
    """Each whole text imported from its source gives back the source's words, and the corpus holds
    exactly what the import makes of it (resolutions/pp/<n>.yaml or decision-<n>.yaml, examples/NOTES.md
    section 10)."""
    import difflib

    path = WHOLE / name
    stem = re.fullmatch(r"pp-(?:resolution-)?(.+)\.xml", name).group(1)  # 94, decision-11
    shipped = load_resolution(REPO / "resolutions" / "pp" / f"{stem}.yaml")
    reg = load_registry()
    result = import_file(path, name, reg, adopted=[EARLIER] * shipped.earlier_editions + list(shipped.adopted))
    assert result.resolution.earlier_editions == shipped.earlier_editions
    rendered = render_text(result.resolution, reg)
    share, total, _ = ratio(result.source, result, rendered)
    # Against the markup itself, independently of the importer's reading of it: the words in order,
    # the derived title line in its own case; the footnotes, printed where the page ended, compared
    # as footnotes (the rendering prints them at the end).
    src, notes = _markup_words(path)
    body = re.split(r"(?m)^_{5,}\s*$", rendered)[0]
    out = re.sub(r"\[\^?\d+\]|(?<=[a-z])\d(?=[,;.\s])", "", body).lower().split()
    assert {(k, re.sub(r"\s+", " ", v)) for k, v in result.resolution.footnotes.items()} == notes
    sm = difflib.SequenceMatcher(a=src, b=out, autojunk=False)
    markup = sum(b.size for b in sm.get_matching_blocks()) / len(src)
    with capsys.disabled():
        print(f"\n  fidelity {name}: {share:.3f} of {total} source words; {markup:.3f} of {len(src)} markup words")
    assert share >= 0.99 and share >= FLOOR, compare(result.source, result, rendered)[:5]
    assert markup >= FLOOR
    assert rendered == render_text(shipped, reg)


# ------------------------------------------------------------------ WRC texts of the Radio Regulations


WRC = REAL / "wrc"


def _reading_order(record: dict) -> str:
    """A record of vol3_resolutions_draft.json as one text: the title line, title and preamble from
    `text_preview` (up to the end of the preamble sentence: the first preambular heading after it is
    repeated by the preamble section, or cut short), then every section's string as stored, the
    preamble first; nothing else is added or changed."""
    preamble = record["sections"].get("preamble", "")
    preview = record["text_preview"]
    sentence = re.search(r"The World Radiocommunication Conference \([^()]*\),", preview)
    assert sentence, preview
    parts = [preview[:sentence.end()], *([preamble] if preamble else []),
             *(v for k, v in record["sections"].items() if k != "preamble")]
    return "\n".join(p.strip() for p in parts) + "\n"


@pytest.mark.parametrize("number", sorted(p.stem.removeprefix("wrc-res-") for p in WRC.glob("*.json")))
def test_a_radio_regulations_resolution_is_imported_whole_and_is_the_shipped_text(number, capsys):
    """WRC resolutions as a text extraction of the Radio Regulations (2024), Volume 3, gives them: the
    title line, title and preamble on one line, each page's number run into its last paragraph.
    Each fixture .txt is exactly its record's strings in reading order; the import gives back every
    word but the page numbers, says where it cut and what it left out, and is the shipped text."""
    import json

    record = json.loads((WRC / f"wrc-res-{number}.json").read_text(encoding="utf-8"))
    path = WRC / f"wrc-res-{number}.txt"
    assert path.read_text(encoding="utf-8") == _reading_order(record)
    reg = load_registry()
    result = import_file(path, path.name, reg)
    r = result.resolution
    # The record's title keeps a footnote mark glued to its last word ("assignments1", "bands*"), or
    # not, and drops a number that ends it ("in Region 2" is "in Region"); it keeps a word broken at a
    # line end ("mobile- satellite") as the PDF broke it.
    def bare(title: str) -> str:
        return re.sub(r"\s*(?:\[\^[^\]]+\]|[0-9]|\*+)$", "", BROKEN_HYPHEN.sub("-", title))

    assert (r.body, r.number, bare(r.title)) == ("WRC", int(number), bare(record["title"]))
    assert reg.title_of(r) == record["text_preview"].split(") ", 1)[0].replace("REV.", "Rev.") + ")"
    notes = [f.message for f in rules(result, "import-layout")]
    assert any("title line, title and preamble run together" in m for m in notes)
    assert any(m.startswith("page number '– ") for m in notes)
    share = words_back(path, result)
    with capsys.disabled():
        print(f"\n  fidelity wrc-res-{number}.txt: {share:.3f}")
    assert share == 1.0 and not rules(result, "import-unplaced")
    shipped = load_resolution(REPO / "resolutions" / "wrc" / f"{number}.yaml")
    assert render_text(shipped, reg) == render_text(r, reg)


def test_a_page_number_run_into_a_paragraph_is_left_out_only_at_its_end():
    """'– 427 –' after the last sentence of a page is a page footer; a dash inside the text is not."""
    text = ("RESOLUTION 364 (WRC-23) Coordination of services provided by the NAVDAT system  The World "
            "Radiocommunication Conference (Dubai, 2023),\nresolves\nto invite administrations – 4 – to apply "
            "the procedures established by IMO. – 427 –\n")
    result = import_text(text, "t.txt", load_registry())
    (section,) = result.resolution.sections
    assert section.text == "to invite administrations – 4 – to apply the procedures established by IMO."
    assert [f.line for f in rules(result, "import-layout") if "page number" in f.message] == [3]


def _wrc(number: int):
    path = WRC / f"wrc-res-{number}.txt"
    return path, import_file(path, path.name, load_registry())


def _labels(items) -> list:
    return [(it.num, _labels(it.items)) if it.items else it.num for it in items]


def _notes(result, words: str) -> list[int]:
    return [f.line for f in rules(result, "import-layout") if words in f.message]


def test_items_run_into_the_paragraph_before_them_are_cut_where_their_labels_run_in_sequence():
    """A PDF extraction that joined a page's lines runs items into one paragraph: "1 to take account
    …; 2 to assign …; 3 to take …" (WRC Resolution 10), dash entries after a colon (550), or after
    "; and" (344), sub-items 1.1 … 1.3 and then 2 (729), and an item after the sub-items of the one
    before it ("…; 6 that" after 5 b), 224). Each is cut at its label and said at its line."""
    _, r10 = _wrc(10)
    resolves = r10.resolution.sections[-1]
    assert resolves.heading == "resolves to urge administrations" and _labels(resolves.items) == ["1", "2", "3"]
    assert resolves.items[1].text == ("to assign to these organizations the minimum number of necessary working "
                                      "frequencies in accordance with the Radio Regulations;")
    assert _notes(r10, "2 item(s) run into the paragraph before them") == [9]
    _, r550 = _wrc(550)
    studies = next(s for s in r550.resolution.sections if s.heading.startswith("resolves to invite"))
    assert studies.text.endswith("taking into account:") and _labels(studies.items) == ["\u2013", "\u2013"]
    assert studies.items[0].text == "technical and operational factors;"
    _, r344 = _wrc(344)
    invites = next(s for s in r344.resolution.sections if s.heading == "invites the ITU Radiocommunication Sector")
    assert [it.text.split()[0] for it in invites.items] == ["improving", "identifying"]
    assert invites.items[0].text.endswith("resources; and")
    _, r729 = _wrc(729)
    resolves = next(s for s in r729.resolution.sections if s.heading == "resolves")
    assert _labels(resolves.items) == [("1", [("1.1", ["\u2013"] * 3), "1.2", "1.3"]), "2", "3", "4"]
    _, r224 = _wrc(224)
    resolves = next(s for s in r224.resolution.sections if s.heading == "resolves")
    assert _labels(resolves.items) == ["1", "2", "3", "4", ("5", ["a)", "b)"]), "6"]


def test_labels_out_of_sequence_inside_a_paragraph_are_not_cut():
    """"resolves 1, 2 and 3" inside an item, "1 to", "2 kHz" or a dash inside a sentence are words of
    the paragraph: no cut, and nothing said."""
    text = ("RESOLUTION 364 (WRC-23) Coordination of services provided by the NAVDAT system  The World "
            "Radiocommunication Conference (Dubai, 2023),\nresolves\n"
            "1 that resolves 1, 2 and 3 shall apply; 3 that the Movement \u2013 composed of societies \u2013 acts,\n"
            "2 that the bands 1 to 3, 2 kHz apart, are used.\n")
    result = import_text(text, "t.txt", load_registry())
    (section,) = result.resolution.sections
    assert _labels(section.items) == ["1", "2"]
    assert section.items[0].text == ("that resolves 1, 2 and 3 shall apply; 3 that the Movement \u2013 composed of "
                                     "societies \u2013 acts,")
    assert not _notes(result, "run into the paragraph before them")


def test_the_foot_of_a_page_run_into_its_last_paragraph_gives_its_footnotes():
    """"… is located. _______________ 1 WRC-97 made editorial amendments to this Resolution. – 3 –"
    (WRC Resolution 1: the end of the text), "…; _______________ * This Resolution should be brought
    to the attention of ITU-D Study Group 2. – 645 –" then the next page (729), and the mark alone
    after the rule with the footnote's text on the next lines (646): the footnotes are
    kept as footnotes, their marks glued to words or to a closing bracket read as references, the
    page number left out, and the words after the page foot go on with the text."""
    path, r1 = _wrc(1)
    r = r1.resolution
    assert r.title == "Notification of frequency assignments[^1]"
    assert r.footnotes == {"1": "WRC-97 made editorial amendments to this Resolution."}
    assert r.sections[-1].text.endswith("on whose territory the station is located.")
    assert _notes(r1, "1 footnote(s) run into the paragraph after their rule taken out") == [5]
    assert words_back(path, r1) == 1.0
    path, r729 = _wrc(729)
    r = r729.resolution
    assert r.title == "Use of frequency adaptive systems in the MF and HF bands[^*]"
    assert r.footnotes == {"*": "This Resolution should be brought to the attention of ITU-D Study Group 2."}
    body, rule, foot = render_text(r, load_registry()).partition("\n" + FOOTNOTE_RULE + "\n")
    assert rule and "_____" not in body and "– 645 –" not in body + foot
    assert words_back(path, r729) == 1.0
    # 646: the rule and the mark end a paragraph's line; the footnote's text is on the next two lines,
    # up to the page number ("… _______________ 3" / "Taking into account, …" / "… relief. – 538 –").
    path, r646 = _wrc(646)
    r = r646.resolution
    assert r.footnotes["3"] == ("Taking into account, for example, the latest version of the ITU Telecommunication "
                                "Development Sector (ITU-D) Handbook on disaster relief.")
    assert "countries[^3]" in " ".join(it.text for s in r.sections for it, _ in walk_items(s.items))
    assert _notes(r646, "footnote(s) run into the paragraph after their rule taken out (its text on line(s) 58, 59)")
    assert words_back(path, r646) == 1.0
    # 219: the mark glued to an abbreviation in brackets, "the total radiated power (TRP)1 produced".
    path, r219 = _wrc(219)
    assert "(TRP)[^1] produced" in " ".join(" ".join(it.text.split()) for s in r219.resolution.sections
                                             for it, _ in walk_items(s.items))
    assert r219.resolution.footnotes["1"].startswith("The TRP is to be understood here as")


def test_the_radio_regulations_running_head_is_page_furniture_alone_or_run_in():
    """"RES224-2" alone on a line, or run into the first paragraph of its page ("RES168-3 5 that, …"),
    is the running head of the Radio Regulations' page: left out, said, and not counted as lost."""
    path, r224 = _wrc(224)
    text = render_text(r224.resolution, load_registry())
    assert "RES224" not in text
    source = path.read_text(encoding="utf-8")
    assert "RES224-2" in source and words_back(path, r224) == 1.0
    run_in = ("RESOLUTION 364 (WRC-23) Coordination of services provided by the NAVDAT system  The World "
              "Radiocommunication Conference (Dubai, 2023),\nresolves\n1 that the frequency band is used; – 427 –\n"
              "RES364-2 2 that the coordination is operational.\n")
    result = import_text(run_in, "t.txt", load_registry())
    (section,) = result.resolution.sections
    assert [it.text for it in section.items] == ["that the frequency band is used;",
                                                 "that the coordination is operational."]
    assert _notes(result, "running head 'RES364-2' at the start of the line left out") == [4]


def test_a_sentence_cut_at_a_line_that_begins_with_a_heading_word_is_joined():
    """The extraction cut WRC Resolution 224's *resolves* 4 before "resolves 2 shall effect
    coordination": a line that goes on with a sentence broken off on a word is joined to it, and is
    no section heading."""
    _, r224 = _wrc(224)
    headings = [s.heading for s in r224.resolution.sections]
    assert not any(h.startswith("resolves 2") for h in headings)
    resolves = next(s for s in r224.resolution.sections if s.heading == "resolves")
    text = " ".join(resolves.items[3].text.split())
    assert "frequency bands mentioned in resolves 2 shall effect coordination" in text
    assert _notes(r224, "a line that begins with 'resolves'): joined")


def test_page_furniture_is_not_reported_as_unplaced_lines(tmp_path):
    """The import left out only the page numbers: it says so among its notes, and does not send the
    user to import-unplaced findings that do not exist."""
    done = cli("import", "resolution", str(WRC / "wrc-res-10.txt"), "-o", str(tmp_path / "10.yaml"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "unplaced" not in done.stderr and "import-unplaced" not in done.stderr
    assert "page number '– 25 –' at the end of the line left out" in done.stderr
    assert "WRC Resolution 10: 226 of 226 source words given back (100.0%)" in done.stderr


def test_an_annex_line_with_words_run_into_it_keeps_them():
    """WRC Resolution 406 (WRC-23) in the same extraction: "ANNEX TO RESOLUTION 406 (WRC-23) The
    following table provides …" on one line. The annex line ends at its closing bracket; the words
    after it are kept (as the annex's heading, said at the line), and counted as the source's."""
    text = ("RESOLUTION 406 (WRC-23) Use of the frequency band 117.975-137 MHz by the aeronautical "
            "mobile-satellite (R) service  The World Radiocommunication Conference (Dubai, 2023),\nresolves\n"
            "7 that the power level(s) contained in the Annex to this Resolution are to be taken into account.\n"
            "ANNEX TO RESOLUTION 406 (WRC-23) The following table provides the power levels for several "
            "percentages of time for the AMS(R)S space station channel centre frequency between 136.8 and "
            "136.975 MHz:\n")
    result = import_text(text, "t.txt", load_registry())
    (annex,) = result.resolution.annexes
    assert annex.heading.startswith("The following table provides the power levels") and annex.heading.endswith("MHz:")
    assert _notes(result, "the words after the annex line on the same line are taken as the annex's heading") == [4]
    rendered = render_text(result.resolution, load_registry())
    assert "ANNEX TO RESOLUTION 406 (WRC-23)\nThe following table" in rendered
    assert ratio(text, result, rendered)[0] == 1.0


def test_a_hyphenated_word_broken_at_a_line_end_is_made_whole_in_text_too():
    """"the mobile- satellite service" (WRC Resolution 225: the PDF broke "mobile-satellite" at a line
    end and the extraction joined the lines with a space) is one word again, said at its line; the
    hyphen of "small- and medium-sized" stays."""
    path, r225 = _wrc(225)
    text = render_text(r225.resolution, load_registry())
    assert "mobile- satellite" in path.read_text(encoding="utf-8") and "mobile- satellite" not in text
    assert "other mobile-satellite service communications" in text
    assert _notes(r225, "hyphenated word(s) broken at a line end made whole")
    assert words_back(path, r225) == 1.0
    kept = import_text("RESOLUTION 364 (WRC-23) Coordination  The World Radiocommunication Conference (Dubai, "
                       "2023),\nresolves\nthat small- and medium-sized enterprises take part.\n", "t.txt",
                       load_registry())
    assert kept.resolution.sections[0].text == "that small- and medium-sized enterprises take part."
