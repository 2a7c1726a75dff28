"""Decisions: a plenipotentiary conference's texts numbered apart from its resolutions.

A decision is a corpus text with `kind: decision`, kept at resolutions/<body>/decision-<n>.yaml:
imported from real layouts, placed and named by the layout rule, cited and checked apart from
the resolution of the same number, and rendered with its own title line.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from finalacts.checks.index import from_models, skim
from finalacts.checks.runner import Context, check_parsed
from finalacts.corpus.files import load_resolution, parse
from finalacts.corpus.registry import load_registry
from finalacts.corpus.texts import load_texts
from finalacts.importer import import_file
from finalacts.render.text import render_text

REAL = FIXTURES / "real"


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "finalacts", *args], cwd=cwd, capture_output=True, text=True,
                          check=False)


def decision(number: int = 11, adopted: str = "PP-18", *texts: str, earlier: bool = True) -> str:
    lines = ["body: PP", "kind: decision", f"adopted: [{adopted}]"] + (["earlier_editions: true"] if earlier else [])
    lines += [f"number: {number}", "title: Creation and management of Council working groups", "sections:",
              "  - heading: considering", "    items:"]
    for i, t in enumerate(texts or ("that the purposes of the Union are set out in Article 1;",)):
        lines += [f"      - num: {'abcdefgh'[i]})", f"        text: \"{t}\""]
    return "\n".join(lines) + "\n"


def resolution(number: int, adopted: str, *texts: str) -> str:
    lines = ["body: PP", f"adopted: [{adopted}]", f"number: {number}", "title: ITU TELECOM events", "sections:",
             "  - heading: recalling", "    items:"]
    for i, t in enumerate(texts or ("that the purposes of the Union are set out in Article 1;",)):
        lines += [f"      - num: {'abcdefgh'[i]})", f"        text: \"{t}\""]
    return "\n".join(lines) + "\n"


def findings(src: str, path: str, *corpus: tuple[str, str]):
    parsed = parse(src.encode(), path)
    assert not parsed.findings, parsed.findings
    models = [parsed.model] + [parse(text.encode(), p).model for p, text in corpus]
    return check_parsed(parsed, Context(registry=load_registry(), index=from_models(models)))


# ------------------------------------------------------------------ the model and the layout


def test_a_decision_is_its_own_kind_of_text_with_its_own_path_and_title_line():
    res = parse(decision().encode(), "resolutions/pp/decision-11.yaml").model
    assert (res.kind, res.number, res.key, res.stem) == ("decision", 11, "pp/decision-11", "decision-11")
    reg = load_registry()
    assert reg.title_of(res) == "DECISION 11 (Rev. Dubai, 2018)"
    assert reg.title_line("PP", "ACP-1", [], kind="decision") == "DRAFT NEW DECISION [ACP-1]"
    # A resolution is unchanged, and writes no `kind`.
    plain = parse(resolution(11, "PP-14").encode(), "resolutions/pp/11.yaml").model
    assert (plain.kind, plain.key, reg.title_of(plain)) == ("resolution", "pp/11", "RESOLUTION 11 (Busan, 2014)")


def test_a_decision_saved_as_a_resolution_is_told_where_it_belongs():
    found = [f for f in findings(decision(), "resolutions/pp/11.yaml") if f.rule == "layout-path"]
    assert len(found) == 1
    assert found[0].message == "body PP decision number 11 belongs at resolutions/pp/decision-11.yaml"
    assert "git mv resolutions/pp/11.yaml resolutions/pp/decision-11.yaml" in found[0].hint
    assert not [f for f in findings(decision(), "resolutions/pp/decision-11.yaml") if f.rule == "layout-path"]


def test_an_unknown_kind_is_refused_by_the_schema_at_its_line():
    parsed = parse(decision().replace("kind: decision", "kind: recommendation").encode(),
                   "resolutions/pp/decision-11.yaml")
    assert parsed.model is None
    (f,) = parsed.findings
    assert (f.line, f.rule) == (2, "schema-value")
    assert "recommendation" in f.message


def test_the_index_skims_the_kind_so_a_decision_and_a_resolution_of_one_number_are_two_texts():
    assert skim(decision().encode()) == ("PP", 11, ("PP-18",), True, "decision")
    assert skim(resolution(11, "PP-14").encode()) == ("PP", 11, ("PP-14",), False, "resolution")
    assert skim(decision().replace("kind: decision", "kind: 'decision'").encode()) is None  # left to the loader


# ------------------------------------------------------------------ citations


def test_decision_and_resolution_citations_are_checked_against_their_own_kind():
    cites = resolution(205, "PP-18",
                       "Decision 11 (Rev. Dubai, 2018) of this conference;",
                       "Resolution 11 (Rev. Dubai, 2018) of this conference;")
    got = findings(cites, "resolutions/pp/205.yaml",
                   ("resolutions/pp/decision-11.yaml", decision()),
                   ("resolutions/pp/11.yaml", resolution(11, "PP-14")))
    cited = [(f.rule, f.message.split("': ", 1)[1]) for f in got if f.rule.startswith("citation-")]
    # The decision is held with its Dubai edition: nothing to say. The resolution of the same
    # number is held to Busan only.
    assert cited == [("citation-not-held", "pp/11 holds the text as adopted to PP-14; its PP-18 edition is a "
                      "text in force recorded in the registry, not held in this corpus")]


def test_a_decision_the_registry_records_as_abrogated_has_no_later_edition():
    got = findings(resolution(205, "PP-18", "Decision 13 (Rev. Dubai, 2018) of this conference;"),
                   "resolutions/pp/205.yaml")
    (f,) = [f for f in got if f.rule.startswith("citation-")]
    assert (f.rule, f.severity) == ("citation-edition", "error")
    assert "PP Decision 13 was suppressed by PP-18, so it has no PP-18 edition" in f.message
    assert load_texts().get("PP", 13, "decision").suppressed == "PP-18"
    assert load_texts().get("PP", 13) is None  # Resolution 13 is another text


def test_an_unknown_decision_is_missing_and_a_known_one_not_held_is_info():
    got = findings(resolution(205, "PP-18", "Decision 99 (Dubai, 2018) of this conference;",
                              "Decision 5 (Rev. Dubai, 2018) of this conference;"), "resolutions/pp/205.yaml")
    cited = [(f.rule, f.severity, f.message.split("': ", 1)[1]) for f in got if f.rule.startswith("citation-")]
    assert cited == [
        ("citation-missing", "warning", "the corpus holds no PP Decision 99 (pp/decision-99), and the registry "
         "of texts in force does not know it"),
        ("citation-not-held", "info", "PP Decision 5 (Revenue and expenses for the Union for the period "
         "2020-2023) is a text in force not held in this corpus; its PP-18 edition is recorded"),
    ]


# ------------------------------------------------------------------ import


@pytest.mark.parametrize("name,number,line", [
    ("decision-3-page-counters.txt", 3, "DECISION 3 (Minneapolis, 1998)"),
    ("decision-3-web.txt", 3, "DECISION 3 (Minneapolis, 1998)"),
    ("decision-5-busan-runon.txt", 5, "DECISION 5 (Rev. Busan, 2014)"),
])
def test_a_real_decision_imports_as_a_decision(name, number, line):
    result = import_file(REAL / name, name, load_registry())
    res = result.resolution
    assert (res.kind, res.body, res.number) == ("decision", "PP", number)
    assert load_registry().title_of(res) == line
    assert res.sections and res.sections[0].heading == "considering"
    assert render_text(res, load_registry()).startswith(line + "\n")


def test_the_whole_real_decision_is_shipped_as_its_import_makes_it(tmp_path):
    """Decision 11 (Rev. Dubai, 2018), from the Final Acts' markup: written where a decision lives,
    every word given back, the next part's heading left out and said, the footnote mark glued to
    a citation's year read as the footnote."""
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    (tmp_path / "resolutions").mkdir()
    proc = cli("import", "resolution", str(REAL / "whole" / "pp-decision-11.xml"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "wrote resolutions/pp/decision-11.yaml" in proc.stderr
    assert "PP Decision 11: 821 of 821 source words given back (100.0%)" in proc.stderr
    assert "end of the resolution text (the next part of the Final Acts): '18 PART II - DECISION ABROGATED" \
        in proc.stdout + proc.stderr
    written = (tmp_path / "resolutions/pp/decision-11.yaml").read_text(encoding="utf-8")
    assert written == (REPO / "resolutions/pp/decision-11.yaml").read_text(encoding="utf-8")
    res = load_resolution(tmp_path / "resolutions/pp/decision-11.yaml")
    assert [s.heading for s in res.sections] == ["considering", "considering further", "recognizing", "decides"]
    assert [it.num for it in res.sections[3].items] == [str(n) for n in range(1, 14)]
    assert "(Rev. Dubai, 2018)[^1];" in res.sections[3].items[1].text
    checked = cli("check", "--strict", "resolutions/pp/decision-11.yaml", cwd=REPO)
    assert checked.returncode == 0, checked.stdout


# ------------------------------------------------------------------ documents


def test_a_decision_renders_with_its_title_line_in_every_format(tmp_path):
    src = REPO / "resolutions/pp/decision-11.yaml"
    for fmt, name in (("text", "d.txt"), ("html", "d.html"), ("docx", "d.docx")):
        proc = cli("render", str(src), "--format", fmt, "-o", str(tmp_path / name), cwd=REPO)
        assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "d.txt").read_text(encoding="utf-8").startswith(
        "DECISION 11 (Rev. Dubai, 2018)\nCreation and management of Council working groups\n"
        "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n")
    html = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "DECISION 11 (Rev. Dubai, 2018)" in html and "RESOLUTION 11" not in html
    with zipfile.ZipFile(tmp_path / "d.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "DECISION 11 (Rev. Dubai, 2018)" in xml and "RESOLUTION" not in xml


def test_an_annex_to_a_decision_is_named_after_the_decision():
    from finalacts.render.text import annex_line

    res = parse(decision(5, "PP-14, PP-18").encode(), "resolutions/pp/decision-5.yaml").model
    assert annex_line(res, load_registry(), "annex", "1") == "ANNEX 1 TO DECISION 5 (Rev. Dubai, 2018)"


def test_a_proposal_to_modify_a_decision_targets_the_decision():
    """'MOD ACP/64A1/1' over 'DECISION 5 (REV. BUSAN, 2014)' (the words of the real Busan excerpt, one
    paragraph a line): the proposal names pp/decision-5, never Resolution 5; an annex to a decision
    names the decision too."""
    from finalacts.importer.proposals import split

    text = ("MOD\tACP/64A1/1\nDECISION 5 (REV. BUSAN, 2014)\nRevenue and expenses for the Union for the period "
            "2016-2019\nThe Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),\n"
            "considering\nthe strategic plans and goals established for the Union and its Sectors for the period "
            "2016-2019, and the priorities identified therein,\n")
    result = split(text, "acp.txt", load_registry(), conference="PP-18")
    assert [(p.action, p.target) for p in result.manifest.proposals] == [("MOD", "pp/decision-5")]
    assert result.texts[0].result.resolution.kind == "decision"
    annex = "MOD\tACP/64A1/2\nANNEX 2 TO DECISION 5 (REV. BUSAN, 2014)\nMeasures for improving ITU's efficiency\n"
    result = split(annex, "acp.txt", load_registry(), conference="PP-18")
    assert [(p.action, p.target) for p in result.manifest.proposals] == [("MOD", "pp/decision-5")]


def test_a_decision_and_the_resolution_of_its_number_are_two_works_two_pages_and_two_blames(tmp_path, monkeypatch):
    import git
    from lxml import etree

    from gitcorpus import commit, isolate

    isolate(monkeypatch, tmp_path)
    root = tmp_path / "corpus"
    (root / "resolutions" / "pp").mkdir(parents=True)
    for name in ("11.yaml", "decision-11.yaml"):
        shutil.copy(REPO / "resolutions" / "pp" / name, root / "resolutions" / "pp" / name)
    commit(git.Repo.init(root, initial_branch="main"), "the texts in force")
    exported = cli("export", "akn", "-o", "akn", cwd=root)
    assert exported.returncode == 0, exported.stderr
    works = {}
    for path in sorted((root / "akn").rglob("*.akn.xml")):
        st = etree.parse(str(path)).getroot()[0]
        uri = st.find(".//{*}FRBRWork/{*}FRBRuri").get("value")
        works[path.relative_to(root / "akn").as_posix()] = (st.get("name"), uri)
    assert works == {
        "pp/11/11.akn.xml": ("resolution", "/akn/un/statement/deliberation/itu-pp/2010/11"),  # first adopted PP-10
        "pp/decision-11/decision-11.akn.xml": ("decision", "/akn/un/statement/deliberation/itu-pp/2018/dec-11"),
    }
    site = cli("site", "-o", "site", cwd=root)
    assert site.returncode == 0, site.stderr
    page = (root / "site" / "pp" / "decision-11" / "index.html").read_text(encoding="utf-8")
    assert "<title>Decision 11: Creation and management of Council working groups" in page
    assert "DECISION 11 (Rev. Dubai, 2018)" in page
    blamed = cli("blame", "pp/decision-11", cwd=root)
    assert blamed.returncode == 0, blamed.stderr
    assert blamed.stdout.startswith("pp/decision-11 (resolutions/pp/decision-11.yaml at HEAD")


def test_a_language_version_of_a_decision_is_the_decision_and_its_title_line_is_said_unverified():
    from finalacts.corpus.languages import load_languages
    from finalacts.corpus.translation import translation_from_data

    t = translation_from_data({"title": "Création et gestion des groupes de travail du Conseil", "sections": []},
                              path="translations/fr/pp/decision-11.yaml")
    assert (t.key, t.text.kind, t.text.number) == ("pp/decision-11", "decision", 11)
    french = load_languages().get("fr")
    line, unverified = french.title_line(load_registry(), "PP", 11, ["PP-18"], True, "decision")
    # No French form of a decision's title line is known: the English one, said.
    assert (line, unverified) == ("DECISION 11 (Rev. Dubai, 2018)", ["French title line of a decision"])
    resolution_line, _ = french.title_line(load_registry(), "PP", 11, ["PP-14", "PP-18"])
    assert resolution_line != "RESOLUTION 11 (Rev. Dubai, 2018)"  # the French form of a resolution's
