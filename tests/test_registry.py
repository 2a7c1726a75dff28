"""The conference registry is itself validated, and derives title lines and preambles."""

from __future__ import annotations

import pytest

from finalacts.corpus.findings import InputError
from finalacts.corpus.registry import load_registry, registry_path


def test_shipped_registry_is_valid_and_ordered():
    reg = load_registry()
    pp = [c.id for c in reg.by_body["PP"]]
    assert pp.index("PP-10") < pp.index("PP-14") < pp.index("PP-18")
    assert reg.get("PP-14").place == "Busan, 2014"
    assert reg.find_place("Hammamet", 2016).id == "WTSA-16"
    assert not reg.get("WTDC-21").held and reg.get("WTDC-21").became == "WTDC-22"


def test_derived_lines():
    reg = load_registry()
    assert reg.title_line("PP", 140, ["PP-06", "PP-10", "PP-14"]) == "RESOLUTION 140 (Rev. Busan, 2014)"
    assert reg.title_line("PP", 209, ["PP-14"]) == "RESOLUTION 209 (Busan, 2014)"
    assert reg.title_line("PP", "ACP-1", []) == "DRAFT NEW RESOLUTION [ACP-1]"
    assert reg.title_line("RA", 61, ["RA-15", "RA-19"]) == "RESOLUTION ITU-R 61 (Rev. Sharm el-Sheikh, 2019)"
    assert reg.preamble("PP", ["PP-14"]) == \
        "The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),"
    assert reg.history_line("WTSA", ["WTSA-08", "WTSA-12"]) == "(Johannesburg, 2008; Dubai, 2012)"
    assert reg.history_line("PP", ["PP-14"]) is None


def test_a_broken_registry_is_refused_with_its_position(tmp_path):
    bad = tmp_path / "conferences.yaml"
    text = registry_path().read_text(encoding="utf-8").replace("{id: PP-14, body: PP, city: Busan, year: 2014}",
                                                              "{id: PP-14, body: PP, city: Busan, year: '2014'}")
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_registry(bad)
    f = e.value.finding
    line = text.split("\n").index(next(ln for ln in text.split("\n") if "city: Busan, year: '2014'" in ln)) + 1
    assert (f.rule, f.line) == ("schema-type", line)
    assert "conferences" in f.message and "must be a whole number" in f.message


# ------------------------------------------------------------------ the registry of texts in force


def test_texts_in_force_are_valid_and_every_fact_has_a_source():
    from finalacts.corpus.texts import load_texts, texts_path

    reg = load_registry()
    texts = load_texts()
    assert len(texts) >= 60
    bodies = {t.body for t in texts.entries.values()}
    assert {"PP", "WTDC", "WTSA", "RA", "WRC"} <= bodies
    for (body, _kind, number), t in texts.entries.items():
        assert t.sources and all(len(s) > 20 for s in t.sources), (body, number)
        assert all(reg.get(c) is not None and reg.get(c).body == body for c in t.adopted), (body, number)
        order = [reg.order(c) for c in t.adopted]
        assert order == sorted(order), (body, number)     # oldest first
        if t.complete_until:
            assert reg.get(t.complete_until).body == body and t.adopted[-1] == t.complete_until
    assert texts.get("PP", 71).title == "Strategic plan for the Union for 2016-2019"
    assert texts.get("WTSA", 75).complete_until == "WTSA-20"
    assert texts.get("PP", "ACP-1") is None and texts.get("PP", 99999) is None
    # The editors' copy under schemas/ is the same file, byte for byte.
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    for name in ("texts.yaml", "texts.schema.json"):
        if (repo / "schemas").is_dir():
            assert (repo / "schemas" / name).read_bytes() == (texts_path().parent / name).read_bytes(), name


def test_a_broken_texts_registry_is_refused_with_its_position(tmp_path):
    from finalacts.corpus.texts import load_texts, texts_path

    text = texts_path().read_text(encoding="utf-8")
    bad = tmp_path / "texts.yaml"
    bad.write_text(text.replace("    sources:\n", "    source:\n", 1), encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_texts(bad)
    assert e.value.finding.rule in ("schema-unknown-key", "schema-required")


def test_the_final_acts_of_dubai_give_every_dubai_edition_and_the_texts_abrogated_there():
    """The registry holds what the PP-18 Final Acts show (tests/fixtures/real/whole/ holds some of
    its texts): the title line of each of its resolutions, and its Part IV list of the resolutions
    that conference abrogated, each with the edition that list prints."""
    from finalacts.corpus.texts import load_texts

    texts = load_texts()
    dubai = {n for (b, k, n), t in texts.entries.items() if b == "PP" and k == "resolution" and "PP-18" in t.adopted}
    assert len(dubai) >= 61
    abrogated = {n: t.adopted[-1] for (b, k, n), t in texts.entries.items()
                 if t.suppressed == "PP-18" and k == "resolution"}
    assert abrogated == {36: "PP-10", 72: "PP-14", 89: "PP-98", 128: "PP-06", 166: "PP-14", 185: "PP-14",
                         187: "PP-14", 192: "PP-14", 194: "PP-14", 202: "PP-14"}
    assert not dubai & set(abrogated)
    assert texts.get("PP", 185).title == "Global flight tracking for civil aviation"
    assert any("PART IV - LIST OF RESOLUTIONS ABROGATED" in s and "line 17790" in s
               for s in texts.get("PP", 89).sources)
    # A title the converter cut is not taken: Resolution 34's markup title ends "… telecommunication sect".
    assert texts.get("PP", 34).title is None


def test_a_citation_of_an_abrogated_text_after_its_abrogation_is_an_error(tmp_path, monkeypatch, run_cli):
    import json

    (tmp_path / "resolutions" / "pp").mkdir(parents=True)
    (tmp_path / "resolutions" / "pp" / "2.yaml").write_text(
        "body: PP\nadopted: [PP-18]\nnumber: 2\ntitle: A test text\nsections:\n  - heading: recalling\n    items:\n"
        "      - num: a)\n        text: Resolution 185 (Rev. Dubai, 2018) of this conference;\n"
        "      - num: b)\n        text: Resolution 185 (Busan, 2014) of the Plenipotentiary Conference,\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("check", "--no-cache", "--format", "json")
    found = [(f["line"], f["rule"], f["severity"]) for f in json.loads(out)["findings"]
             if f["rule"].startswith("citation-")]
    assert code == 1 and found == [(9, "citation-edition", "error"), (11, "citation-not-held", "info")]
