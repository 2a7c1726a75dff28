"""Numbering rules: one small case per rule, then the real defects of the seeds, each found once
at its place, and the clean Resolution 140 (Rev. Busan, 2014) with no finding at all."""

from __future__ import annotations

import shutil

import pytest

from rulecase import check, items, label_at, write

NUM = ("numbering-",)


def rules_of(found):
    return [(f.rule, f.line, f.col) for f in found]


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "resolutions").mkdir()
    return tmp_path


def test_clean_sequences_pass(corpus):
    path = write(corpus, [
        {"heading": "recalling", "items": items(("a)", "one;"), ("b)", "two,"))},
        {"heading": "resolves", "items": items(
            ("1", "that;"),
            ("2", "that the Union shall ensure:", items(("2.1", "x;"), ("2.2", "y;"))),
            ("3", "to endorse:", items(("–", "a;"), ("–", "b;"))),
            ("4", "in relation to:", items(("i)", "p;"), ("ii)", "q;"), ("iii)", "r;"), ("iv)", "s."))))},
    ])
    assert check(path, NUM) == []


def test_duplicate(corpus):
    path = write(corpus, [{"heading": "recalling",
                           "items": items(("a)", "x;"), ("b)", "y;"), ("b)", "z;"), ("c)", "w,"))}])
    found = check(path, NUM)
    assert rules_of(found) == [("numbering-duplicate", *label_at(path, "b)", 2))]
    assert "first at line" in found[0].message


def test_gap(corpus):
    path = write(corpus, [{"heading": "considering", "items": items(("a)", "x;"), ("b)", "y;"), ("e)", "z,"))}])
    found = check(path, NUM)
    assert rules_of(found) == [("numbering-gap", *label_at(path, "e)"))]
    assert "expected c)" in found[0].message


def test_order(corpus):
    path = write(corpus, [{"heading": "instructs the Secretary-General",
                           "items": items(("3", "x;"), ("4", "y;"), ("2", "z,"))}])
    found = check(path, NUM)
    # 3 first is a gap (1 and 2 missing), then 2 after 4 is out of order.
    assert rules_of(found) == [("numbering-gap", *label_at(path, "3")), ("numbering-order", *label_at(path, "2"))]


def test_glued_letters_and_numbers(corpus):
    path = write(corpus, [
        {"heading": "considering", "items": items(("a)", "x;"), ("b)", "y;"), ("bc)", "z;"), ("cd)", "w,"))},
        {"heading": "resolves", "items": [{"num": str(n), "text": "x;"} for n in range(1, 7)]
         + items(("76", "y;"), ("87", "z."))},
    ], adopted=["PP-14"])
    found = check(path, NUM)
    got = [(f.rule, f.line) for f in found if f.rule != "numbering-gap"]
    assert got == [("numbering-glued", label_at(path, "bc)")[0]), ("numbering-glued", label_at(path, "cd)")[0]),
                   ("numbering-glued", label_at(path, "76")[0]), ("numbering-glued", label_at(path, "87")[0])]
    assert "b) and c)" in found[0].message


def test_style_and_missing(corpus):
    path = write(corpus, [
        {"heading": "noting", "items": items(("1", "x;"), ("2", "y,"))},
        {"heading": "recognizing further", "items": items(("a)", "x;"), (None, "stray paragraph;"), ("b)", "y,"))},
        {"heading": "resolves", "items": items(("1", "x;"), ("2", "y:", items(("3.1", "z;"))), ("a.", "w."))},
    ])
    found = check(path, NUM)
    rules = [f.rule for f in found]
    assert rules.count("numbering-style") == 3, found
    assert rules.count("numbering-missing") == 1
    missing = next(f for f in found if f.rule == "numbering-missing")
    assert "recognizing further" in missing.message


def test_item_ignore_is_narrow(corpus):
    secs = [{"heading": "recalling", "items": items(("a)", "x;"), ("a)", "y;"), ("c)", "z,"))}]
    secs[0]["items"][1]["ignore"] = ["numbering-duplicate"]
    path = write(corpus, secs)
    found = check(path, NUM)
    # The duplicate is silenced on its item; the gap at c) (in the next item) is not.
    assert rules_of(found) == [("numbering-gap", *label_at(path, "c)"))]


# ---------------------------------------------------------------------------------------------
# The seeds. Item texts and labels are copied from tests/fixtures/seeds; only the defects that
# concern numbering are reproduced.

SEED_002_RECALLING = [  # seed 002 lines 5-18: g) twice, then "lh)" (l) deleted, h) inserted)
    ("a)", "the outcomes of both phases of the World Summit on the Information Society (WSIS);"),
    ("b)", "Resolution 70/125 of the United Nations General Assembly (UNGA), on the outcome document of the "
           "high-level meeting of the General Assembly on the overall review of the implementation of WSIS outcomes;"),
    ("c)", "UNGA Resolution 70/1, on transforming our world: the 2030 Agenda for Sustainable Development;"),
    ("d)", "the WSIS+10 Statement on the implementation of WSIS outcomes and the WSIS+10 vision for WSIS beyond "
           "2015, adopted at the ITU-coordinated WSIS+10 High-Level Event (Geneva, 2014);"),
    ("e)", "Resolution 140 (Rev. Dubai, 2018) of the Plenipotentiary Conference, on ITU's role in implementing the "
           "outcomes of WSIS and in the overall review by UNGA of their implementation;"),
    ("f)", "Resolution 37 (Rev. Buenos Aires, 2017) of this conference, on bridging the digital divide;"),
    ("g)", "Resolution 71 (Rev. Dubai, 2018) of the Plenipotentiary Conference, on the strategic plan for the "
           "Union for 2020-2023;"),
    ("g)", "Resolution 77 (Rev. Buenos Aires, 2017) of this conference, on broadband technology and applications "
           "for greater growth and development of telecommunication/information and communication services and "
           "broadband connectivity;"),
    ("h)", "Resolution 130 (Rev. Busan, 2014) of the Plenipotentiary Conference, on strengthening the role of ITU "
           "in building confidence and security in the use of information and communication technologies (ICTs);"),
    ("i)", "Resolution 131 (Rev. Busan, 2014) of the Plenipotentiary Conference, on measuring ICTs to build an "
           "integrating and inclusive information society;"),
    ("j)", "Resolution 139 (Rev. Busan, 2014) of the Plenipotentiary Conference, on telecommunications/ICTs to "
           "bridge the digital divide and build an inclusive information society;"),
    ("k)", "Resolution 140 (Rev. Busan, 2014) of the Plenipotentiary Conference, on ITU's role in implementing the "
           "outcomes of WSIS and UNGA's overall review of their implementation;"),
    ("lh)", "Resolution 200 (Dubai, 2018) of the Plenipotentiary Conference, on the Connect 2030 Agenda for global "
            "telecommunication/ICT development, including broadband, for sustainable development,"),
]


def test_seed_002_recalling(corpus):
    path = write(corpus, [{"heading": "recalling", "items": items(*SEED_002_RECALLING)},
                          {"heading": "resolves", "items": items(("1", "to continue."))}],
                 body="WTDC", number=30, adopted=["WTDC-14", "WTDC-17"])
    found = check(path, NUM)
    assert rules_of(found) == [("numbering-duplicate", *label_at(path, "g)", 2)),
                               ("numbering-glued", *label_at(path, "lh)"))]


SEED_000_CONSIDERING_TAIL = [  # seed 000 lines 54-57: l) then o), m) and n) deleted
    ("j)", "that ITU is capable of providing expertise relevant to the Internet Governance Forum as demonstrated "
           "during the WSIS process (§ 78a of the Tunis Agenda);"),
    ("k)", "that ITU has, *inter alia*, specific responsibility to study and report on international Internet "
           "connectivity (§§ 27 and 50 of the Tunis Agenda);"),
    ("l)", "that ITU has a specific responsibility to ensure rational, efficient and economic use of, and equitable "
           "access to, the radio-frequency spectrum by all countries, based on relevant international agreements "
           "(§ 96 of the Tunis Agenda);"),
    ("o)", "that \"building an inclusive development-oriented information society will require unremitting "
           "multistakeholder effort …\" (§ 83 of the Tunis Agenda),"),
]
SEED_000_RECALLING = [  # seed 000 lines 31-35: "ed)" (e) deleted, d) inserted)
    ("a)", "Resolution 73 (Minneapolis, 1998) of the Plenipotentiary Conference, which achieved its aims in regard "
           "to the holding of both phases of the World Summit on the Information Society (WSIS);"),
    ("b)", "Resolution 113 (Marrakesh, 2002) of the Plenipotentiary Conference, on WSIS;"),
    ("c)", "Decision 8 (Marrakesh, 2002) of the Plenipotentiary Conference, on ITU input to the WSIS Declaration of "
           "Principles and Plan of Action and the information document on ITU activities related to the Summit;"),
    ("d)", "Resolution 172 (Guadalajara, 2010) of the Plenipotentiary Conference, on overall review of "
           "implementation of the WSIS outcomes;"),
    ("ed)", "Resolution 200 (Busan, 2014) of this conference, on the Connect 2020 Agenda on global "
            "telecommunication/information and communication technology (ICT) development,"),
]
SEED_000_RESOLVES = [  # seed 000 lines 101-117: old and new numbers run together
    ("6", "that, when continuing its WSIS-related activity, ITU should take into consideration the outcomes of the "
          "UNGA overall review of implementation of the WSIS outcomes in 2015;"),
    ("76", "to express its satisfaction with the successful outcomes of the Summit;"),
    ("87", "to express its satisfaction with the successful outcomes of the WSIS+10 High-Level Event;"),
    ("98", "to express its satisfaction and appreciation for ITU's efforts;"),
    ("109", "to express its satisfaction and appreciation for the efforts of other United Nations agencies;"),
    ("11", "to endorse the following outcome documents of the WSIS+10 High-Level Event:"),
    ("12", "to submit to the December 2015 UNGA overall review the successful outcomes;"),
    ("1310", "to express its thanks to the staff of the Union;"),
]


def test_seed_000(corpus):
    resolves = [{"num": str(n), "text": "that ITU should act;"} for n in range(1, 6)] + items(*SEED_000_RESOLVES)
    path = write(corpus, [
        {"heading": "recalling", "items": items(*SEED_000_RECALLING)},
        {"heading": "considering", "items": [{"num": f"{c})", "text": "that ITU acts;"} for c in "abcdefghi"]
         + items(*SEED_000_CONSIDERING_TAIL)},
        {"heading": "resolves", "items": resolves},
    ])
    found = check(path, NUM)
    assert rules_of(found) == [
        ("numbering-glued", *label_at(path, "ed)")),
        ("numbering-gap", *label_at(path, "o)")),
        ("numbering-glued", *label_at(path, "76")),
        ("numbering-glued", *label_at(path, "87")),
        ("numbering-glued", *label_at(path, "98")),
        ("numbering-glued", *label_at(path, "109")),
        ("numbering-glued", *label_at(path, "1310")),
    ]
    gap = found[1]
    assert gap.message == "expected m) in *considering*, found o)"


def test_resolution_140_has_no_numbering_finding(corpus, repo_root):
    """The clean text of seed 001 (resolutions/pp/140.yaml): 16 sections, nested dash entries."""
    src = repo_root / "resolutions" / "pp" / "140.yaml"
    dest = corpus / "resolutions" / "pp" / "140.yaml"
    dest.parent.mkdir(parents=True)
    shutil.copy(src, dest)
    assert check(dest, NUM) == []



SEED_003_RES11_CONSIDERING = [  # seed 003 lines 62-72: a new f) inserted, old f) g) shown as "fg)" "gh)"
    ("a)", "that the purposes of the Union, as reflected in Article 1 of the ITU Constitution, include to promote "
           "the extension of the benefits of the new telecommunication technologies to all the world's inhabitants;"),
    ("b)", "that the telecommunication environment is undergoing considerable changes;"),
    ("c)", "that the need for a global framework to exchange information on telecommunication strategies and "
           "policies has been evident for many years;"),
    ("d)", "that telecommunication/information and communication technology (ICT) events are of considerable "
           "importance, particularly for the developing countries[^1];"),
    ("e)", "that ITU TELECOM events fulfil the mandate to keep Member States and Sector Members informed;"),
    ("f)", "that financial difficulties are the main limitation for developing countries to participate in ITU's "
           "events in general and ITU Telecom in particular whereas the price for some types of entry pass are "
           "really high cost;"),
    ("fg)", "that ITU's participation in national, regional and global exhibitions on telecommunications/ICT and "
            "related areas of activity will serve to promote and enhance ITU's image;"),
    ("gh)", "the commitments made by Switzerland and the State of Geneva (the headquarters of ITU) towards ITU "
            "Telecom events, notably its exceptional support to the ITU Telecom World events since 1971,"),
]


def test_seed_003_resolution_11(corpus):
    path = write(corpus, [{"heading": "considering", "items": items(*SEED_003_RES11_CONSIDERING)},
                          {"heading": "resolves", "items": items(("1", "that the Union organizes events."))}],
                 number=11, footnotes={"1": "These include the least developed countries."})
    found = check(path, NUM)
    assert rules_of(found) == [("numbering-glued", *label_at(path, "fg)")),
                               ("numbering-glued", *label_at(path, "gh)"))]
    assert found[0].message.startswith("label fg) looks like two labels run together (f) and g))")


def test_sub_items_are_checked_per_level(corpus):
    path = write(corpus, [{"heading": "resolves", "items": items(
        ("1", "to act;"),
        ("2", "to propose mechanisms for funding, in relation to:",
         items(("i)", "Action Lines C2, C5 and C6;"), ("ii)", "Action Lines C1, C3;"), ("iv)", "relevant SDGs,"))))}])
    found = check(path, NUM)
    assert rules_of(found) == [("numbering-gap", *label_at(path, "iv)"))]
    assert found[0].message == "expected iii) in *resolves* 2, found iv)"


def test_an_inserted_bis_item_follows_its_base_and_takes_no_place(corpus):
    """WTSA Resolution 1 (Rev. Hammamet, 2016): *considering* a), b), b)bis, c) …; resolves 1, 1bis, 2."""
    path = write(corpus, [
        {"heading": "considering", "items": items(("a)", "x;"), ("b)", "y;"), ("b)bis", "z;"), ("b)ter", "v;"),
                                                  ("c)", "w,"))},
        {"heading": "resolves", "items": items(("1", "that;"), ("1bis", "that too;"), ("2", "that as well."))}])
    assert check(path, NUM) == []


def test_a_bis_item_away_from_its_base_is_out_of_order(corpus):
    path = write(corpus, [{"heading": "considering", "items": items(("a)", "x;"), ("b)bis", "z;"), ("b)", "y,"))}])
    found = check(path, NUM)
    assert rules_of(found) == [("numbering-order", *label_at(path, "b)bis"))]
    assert found[0].message == "b)bis in *considering* does not follow b)"


def section(num, *blocks):
    return {"kind": "section", "num": num, "heading": "Study groups", "blocks": list(blocks)}


def test_the_clauses_of_a_section_are_an_outline(corpus):
    """SECTION 2 of WTSA Resolution 1: numbered headings and clauses, 2.1 … 2.2.1, 2.2.1bis, 2.3, and
    the lettered list under a clause checked as a list."""
    path = write(corpus, [resolves_one()], body="WTSA", number=1, adopted=["WTSA-16"], annexes=[
        section("2", {"num": "2.1", "heading": "Meetings"},
                {"items": items(("2.1.1", "x."), ("2.1.2", "y:", items(("a)", "p;"), ("b)", "q.")))),},
                {"num": "2.2", "heading": "Reports"},
                {"items": items(("2.2.1", "z."), ("2.2.1bis", "z too."), ("2.3", "w."))})])
    assert check(path, NUM) == []


def resolves_one():
    return {"heading": "resolves", "items": items(("1", "to adopt the rules of procedure annexed."),)}


def test_a_clause_out_of_its_outline_is_found_at_its_number(corpus):
    path = write(corpus, [resolves_one()], body="WTSA", number=1, adopted=["WTSA-16"], annexes=[
        section("2", {"items": items(("2.1", "x."), ("2.3", "y."), ("3.1", "z."), ("2.2", "w."), ("2.3", "u."))},
                {"items": items(("2.4", "v:", items(("a)", "p;"), ("c)", "q."))),)})])
    found = check(path, NUM)
    assert [(f.rule, f.message) for f in found] == [
        ("numbering-gap", "expected 2.1.1 or 2.2 in SECTION 2, found 2.3"),
        ("numbering-style", "clause 3.1 in SECTION 2, whose clauses are numbered 2.1, 2.2 …"),
        ("numbering-order", "expected 2.3.1 or 2.4 in SECTION 2, found 2.2"),
        ("numbering-duplicate",
         f"clause 2.3 is numbered twice in SECTION 2 (first at line {label_at(path, '2.3')[0]})"),
        ("numbering-gap", "expected b) in SECTION 2 2.4, found c)")]
    assert [f.line for f in found][:3] == [label_at(path, "2.3")[0], label_at(path, "3.1")[0], label_at(path, "2.2")[0]]
