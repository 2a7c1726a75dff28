"""The citation grammar: every form of DESIGN.md §4, typographic variants, and real seed sentences."""

from __future__ import annotations

import pytest

from conftest import SEEDS
from finalacts.corpus.registry import load_registry
from finalacts.language.citations import locate, normalize, parse, parse_edition, place_key


def one(text: str):
    cites = [c for c in parse(text) if c.kind != "conference" or not c.edition.conference]
    assert len(cites) == 1, cites
    return cites[0]


def seed_line(name: str, contains: str) -> str:
    """The one line of a seed that contains `contains` (the seeds are the real texts)."""
    lines = [ln for ln in (SEEDS / name).read_text(encoding="utf-8").splitlines() if contains in ln]
    assert len(lines) >= 1, contains
    return lines[0]


# ---------------------------------------------------------------------------------------------
# Every form listed in DESIGN.md §4.


def test_plenipotentiary_resolution_with_revision():
    c = one("Resolution 71 (Rev. Busan, 2014) of the Plenipotentiary Conference")
    assert (c.kind, c.number, c.body, c.body_named, c.rev, c.city, c.year) == (
        "resolution", "71", "PP", True, True, "Busan", 2014)
    assert c.text == "Resolution 71 (Rev. Busan, 2014) of the Plenipotentiary Conference"


def test_of_this_conference():
    c = one("as set out in Resolution 71 (Rev. Busan, 2014) of this conference contains")
    assert c.this_conference and c.body is None  # resolved against the citing text's body
    assert c.text == "Resolution 71 (Rev. Busan, 2014) of this conference"
    assert one("Resolution 201 of this Conference").this_conference


def test_sector_conference_with_abbreviation():
    c = one("Resolution 30 (Rev. Buenos Aires, 2017) of the World Telecommunication Development "
            "Conference (WTDC), on the role")
    assert (c.number, c.body, c.city, c.year, c.rev) == ("30", "WTDC", "Buenos Aires", 2017, True)
    assert c.text.endswith("(WTDC)")


def test_itu_r_resolution_with_non_breaking_hyphen():
    for hyphen in ("-", "\u2011", "\u2010"):
        c = one(f"Resolution ITU{hyphen}R 61 (Rev. Sharm el-Sheikh, 2019)")
        assert (c.number, c.body, c.sector, c.city, c.year) == ("61", "RA", "ITU-R", "Sharm el-Sheikh", 2019)
    assert one("Resolution ITU\u2011R 61").number == "61"


def test_wrc_style_editions():
    c = one("Resolution 95 (Rev.WRC-07)")
    assert (c.number, c.body, c.rev, c.edition.conference) == ("95", "WRC", True, "WRC-07")
    c = one("Resolution 809 (WRC-15)")
    assert (c.number, c.body, c.rev, c.edition.conference) == ("809", "WRC", False, "WRC-15")


def test_decision():
    c = one("Decision 5 (Rev. Busan, 2014)")
    assert (c.kind, c.number, c.rev, c.city) == ("decision", "5", True, "Busan")


def test_council_resolutions():
    assert (one("Council Resolution 1332").kind, one("Council Resolution 1332").body) == ("council", "Council")
    c = one("Resolution 1334 (Modified 2013)")
    assert (c.kind, c.number, c.edition.modified, c.year, c.city) == ("council", "1334", True, 2013, None)
    c = one("a) Resolution 1332 of Council 2016, on ITU's role")
    assert (c.kind, c.number) == ("council", "1332")


def test_un_general_assembly():
    c = one("UNGA Resolution 70/125")
    assert (c.kind, c.body, c.number, c.recognised) == ("un", "UNGA", "70/125", True)
    c = one("Resolution 68/302 of the United Nations General Assembly")
    assert (c.kind, c.body, c.number) == ("un", "UNGA", "68/302")
    c = one("(A/RES/70/1)")
    assert (c.kind, c.symbol, c.number, c.recognised) == ("un", "A/RES/70/1", "70/1", True)
    c = one("in document A/Res/70/1 of the UN Assembly")   # seed 003's case variant
    assert (c.symbol, c.recognised) == ("A/Res/70/1", True)


def test_a_70_125_is_parsed_but_not_a_resolution_symbol():
    c = one("United Nations General Assembly (UNGA) resolution A/70/125 on the outcome document")
    assert (c.kind, c.symbol, c.number, c.recognised) == ("un", "A/70/125", "70/125", False)
    assert c.text == "United Nations General Assembly (UNGA) resolution A/70/125"


@pytest.mark.parametrize("text, doc, paras", [
    ("§ 102 b) of the Tunis Agenda", "Tunis Agenda", "102 b)"),
    ("§§ 113-118 of the Tunis Agenda", "Tunis Agenda", "113-118"),
    ("§§ 113\u2013118 of the Tunis Agenda", "Tunis Agenda", "113-118"),   # en dash read as a range
    ("(§§ 27 and 50 of the Tunis Agenda)", "Tunis Agenda", "27 and 50"),
    ("§§ 20-25 of the Tunis Commitment", "Tunis Commitment", "20-25"),
    ("as stated in § 64 of the Geneva Declaration of Principles", "Geneva Declaration of Principles", "64"),
])
def test_wsis_paragraphs(text, doc, paras):
    c = one(text)
    assert (c.kind, c.document, c.paragraphs) == ("wsis", doc, paras)


def test_action_lines():
    assert one("WSIS Action Line C5").number == "C5"
    assert one("implementing Action Lines C2, C5 and C6;").number == "C2,C5,C6"


def test_convention_and_constitution():
    c = one("in accordance with No. 81 of the Convention;")
    assert (c.kind, c.document, c.paragraphs) == ("instrument", "Convention", "81")
    c = one("Article 1 of the ITU Constitution")
    assert (c.kind, c.document, c.paragraphs) == ("instrument", "Constitution", "1")


def test_recommendation():
    c = one("Recommendation ITU-T X.1205")
    assert (c.kind, c.sector, c.number) == ("recommendation", "ITU-T", "X.1205")


def test_draft_labels():
    c = one("Resolution WG-PL/9 (Busan, 2014)")
    assert (c.kind, c.number, c.city, c.year) == ("draft", "WG-PL/9", "Busan", 2014)
    assert (one("Resolution COM5/4").kind, one("Resolution COM5/4").number) == ("draft", "COM5/4")
    assert one("see draft new Resolution [ACP-1]").number == "[ACP-1]"


def test_conferences_named_by_place_or_id():
    (c,) = parse("endorsed by the Plenipotentiary Conference (Busan, 2014), which")
    assert (c.kind, c.body, c.edition.place) == ("conference", "PP", "Busan, 2014")
    a, b = parse("as envisaged by the plenipotentiary conferences (Antalya, 2006 and Guadalajara, 2010);")
    assert (a.edition.place, b.edition.place) == ("Antalya, 2006", "Guadalajara, 2010")
    (c,) = parse("established by WTDC\u201114 with")
    assert (c.kind, c.body, c.edition.conference) == ("conference", "WTDC", "WTDC-14")


def test_not_citations():
    assert parse("the WSIS+10 High-Level Event (Geneva, 2014) and both phases (Geneva, 2003 and Tunis, 2005)") == []
    assert parse("the relevant resolutions of plenipotentiary conferences") == []
    assert parse("decision-making and the draft resolution is attached") == []
    # A number after a citation is not a second citation unless the list says so.
    assert [c.number for c in parse("UNGA Resolution 70/1, 17 sustainable development goals")] == ["70/1"]


# ---------------------------------------------------------------------------------------------
# Lists, orders and typographic variants met in the seeds.


def test_lists_share_the_keyword():
    a, b = parse("including Resolution 1332 (Rev. 2011) and 1334 (Rev. 2013);")
    assert (a.number, a.kind, a.rev, a.year, b.number, b.rev, b.year) == ("1332", "council", True, 2011, "1334", True, 2013)
    assert b.text == "1334 (Rev. 2013)"
    cites = parse("Resolutions 45, 47 and 50 (Rev. Dubai, 2014)")
    assert [c.number for c in cites] == ["45", "47", "50"]
    assert [c.edition for c in cites][:2] == [None, None] and cites[2].city == "Dubai"


def test_body_before_the_edition():
    c = one("revision of Resolution 75 of WTSA (Rev. Geneva, 2022)on the")   # seed 004, as written
    assert (c.number, c.body, c.rev, c.city, c.year) == ("75", "WTSA", True, "Geneva", 2022)


@pytest.mark.parametrize("text", [
    "RESOLUTION 140 (REV. BUSAN, 2014)",
    "Resolution 140 (Rev. BUSAN, 2014)",
    "resolution.140(Rev.BUSAN,2014) of the Plenipotentiary Conference",
    "Resolution\u00a0140 (Rev.\u00a0Busan,\u00a02014)",
    "Resolution 140 (Rev. Busan\uff0c 2014)",
    "Resolution 140 (revised Busan, 2014)",
])
def test_case_and_spacing_variants(text):
    c = one(text)
    assert (c.number, c.rev, place_key(c.city), c.year) == ("140", True, "busan", 2014)


def test_curly_quotes_and_offsets_survive_normalization():
    text = "\u201cBroadband targets\u201d and Resolution\u00a071 (Rev.\u00a0Busan, 2014)\u2019s plan"
    assert len(normalize(text)) == len(text)
    c = one(text)
    assert text[c.start:c.end] == c.text == "Resolution\u00a071 (Rev.\u00a0Busan, 2014)"


def test_flattened_revision_marks_are_not_an_edition():
    c = one("Resolution 25 (Rev. Busan, 2014Busan, 2018) of the Plenipotentiary Conference")
    assert c.edition is not None and not c.edition.ok
    assert not parse_edition("Rev. Geneva, New Delfi, 20222024").ok
    assert not parse_edition("Rev. Buenos Aires, 2017 Addis-Ababa, 2021").ok
    assert parse_edition("WTSA") is None
    assert parse_edition("Rev.WARC-92") is None   # not understood, but not malformed either


# ---------------------------------------------------------------------------------------------
# Real seed sentences, read from the seed files.


def test_seed_001_recalling_and_endorsing():
    c = one(seed_line("001_f6d8090db5f25135.txt", "e)* Resolution WG-PL/9"))
    assert (c.kind, c.number, c.this_conference, c.city, c.year) == ("draft", "WG-PL/9", True, "Busan", 2014)
    c = one(seed_line("001_f6d8090db5f25135.txt", "a) Resolution 30 (Rev. Dubai, 2014)"))
    assert (c.number, c.body, c.rev, c.city, c.year) == ("30", "WTDC", True, "Dubai", 2014)
    c = one(seed_line("001_f6d8090db5f25135.txt", "(WTSAs)"))
    assert (c.number, c.body, c.city, c.year) == ("75", "WTSA", "Dubai", 2012)
    line = seed_line("001_f6d8090db5f25135.txt", "Resolution 1332 (Rev. 2011)")
    assert [(c.kind, c.number) for c in parse(line)] == [("council", "1332"), ("council", "1334")]


def test_seed_001_tunis_agenda_paragraphs():
    kinds = [(c.kind, c.paragraphs) for c in parse(seed_line("001_f6d8090db5f25135.txt", "(§§ 113-118"))]
    assert kinds == [("wsis", "113-118")]
    (c,) = parse(seed_line("001_f6d8090db5f25135.txt", "(§ 102 (b))"))
    assert (c.kind, c.paragraphs) == ("wsis", "102 (b)")


def test_seed_000_un_symbols():
    (c,) = parse(seed_line("000_43c449ac4a075b0d.txt", "resolution A/70/125"))
    assert (c.symbol, c.recognised) == ("A/70/125", False)
    (c,) = parse(seed_line("000_43c449ac4a075b0d.txt", "(A/RES/70/1)"))
    assert (c.symbol, c.recognised) == ("A/RES/70/1", True)


def test_seed_003_misspelt_host_city():
    c = one(seed_line("003_e6762f12f0311554.txt", "Hamammet"))
    assert (c.number, c.body, c.city, c.year, c.rev) == ("98", "WTSA", "Hamammet", 2016, False)
    c = one(seed_line("003_e6762f12f0311554.txt", "of World Telecommunications Development Conference"))
    assert (c.number, c.body, c.city, c.year) == ("85", "WTDC", "Buenos Aires", 2017)


def test_seed_004_non_breaking_hyphen_and_space():
    # As written in the seed: "ITU\u2011R\u00a061 (Rev.\u00a0Sharm el-Sheikh, 2019)".
    line = seed_line("004_104f64d2c729d048.txt", "Sharm el-Sheikh, 2019) of the Radiocommunication")
    assert "ITU\u2011R\u00a061" in line
    c = parse(line)[0]
    assert (c.kind, c.number, c.body, c.sector, c.rev, c.city, c.year) == (
        "resolution", "61", "RA", "ITU-R", True, "Sharm el-Sheikh", 2019)
    assert c.text.startswith("Resolution ITU\u2011R\u00a061 (Rev.\u00a0Sharm")


def test_every_seed_parses_and_spans_are_exact():
    """The grammar never fails on real text, and every span is the text it claims."""
    total = 0
    for seed in sorted(SEEDS.glob("*.txt")):
        for line in seed.read_text(encoding="utf-8").splitlines():
            for c in parse(line):
                assert line[c.start:c.end] == c.text
                total += 1
    assert total > 600


# ---------------------------------------------------------------------------------------------
# Places against the registry.


def test_locate_places():
    reg = load_registry()
    assert locate(reg, parse_edition("Busan, 2014"), "PP").conference.id == "PP-14"
    assert locate(reg, parse_edition("Addis-Ababa, 2021"), "WTDC").problem == "not-held"
    loc = locate(reg, parse_edition("Hamammet, 2016"), "WTSA")
    assert (loc.problem, loc.suggestion) == ("misspelt", "Hammamet, 2016")
    loc = locate(reg, parse_edition("Rev. New Delfi, 2024"))
    assert (loc.problem, loc.suggestion) == ("misspelt", "New Delhi, 2024")
    loc = locate(reg, parse_edition("Rev. Busan, 2018"), "PP")
    assert (loc.problem, loc.suggestion) == ("wrong-year", "Dubai, 2018")
    loc = locate(reg, parse_edition("Rev. Dubai, 2014"), "PP")
    assert (loc.problem, loc.conference.id, loc.suggestion) == ("wrong-body", "WTDC-14", "Busan, 2014")
    # Unqualified: the only conference there, or the citing body's own when several met there.
    assert locate(reg, parse_edition("Rev. Dubai, 2014"), None, prefer="PP").conference.id == "WTDC-14"
    assert locate(reg, parse_edition("Geneva, 2015"), None, prefer="RA").conference.id == "RA-15"
    assert locate(reg, parse_edition("Geneva, 2015"), None).conference is None
    assert locate(reg, parse_edition("Rev.WRC-07"), "WRC").conference.id == "WRC-07"
    assert locate(reg, parse_edition("Florian\u00f3polis, 2004"), "WTSA").conference.id == "WTSA-04"
    assert locate(reg, parse_edition("Florianopolis, 2004"), "WTSA").conference.id == "WTSA-04"
