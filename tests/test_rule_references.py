"""Internal-reference rules: each reference points at a label, section, annex or footnote that exists."""

from __future__ import annotations

import shutil

import pytest

from finalacts.language.references import Finder
from rulecase import check, items, where, write

REF = ("ref-",)


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "resolutions").mkdir()
    return tmp_path


def resolves(n):
    return {"heading": "resolves", "items": [{"num": str(i), "text": f"that ITU should do thing {i};"}
                                             for i in range(1, n + 1)]}


def test_existing_labels_pass_including_lists_and_ranges(corpus):
    path = write(corpus, [resolves(5), {"heading": "instructs the Secretary-General", "items": items(
        ("1", "to take all necessary measures, as outlined in *resolves* 1, 2, 3, and 4 above;"),
        ("2", "to oversee ITU's adaptation, in line with *resolves* 5 above;"),
        ("3", "to act under resolves 1 to 3 and *instructs the Secretary-General* 1 above."))}])
    assert check(path, REF) == []


def test_missing_label(corpus):
    path = write(corpus, [resolves(5), {"heading": "requests the Council", "items": items(
        ("1", "to oversee ITU's adaptation, in line with *resolves* 7 above."))}])
    found = check(path, REF)
    assert [(f.rule, f.line, f.col) for f in found] == [("ref-label", *where(path, "7 above"))]
    assert found[0].message == "*resolves* has no item 7 (it has 1, 2, 3, …)"


def test_external_references_are_not_internal(corpus):
    path = write(corpus, [resolves(2), {"heading": "noting", "items": items(
        ("a)", "*resolves* 9 of Resolution 71 (Rev. Busan, 2014) of this conference;"),
        ("b)", "Resolution 71 (Rev. Busan, 2014), in its *resolves* 9, and the Strategic Plan for 2016-2019;"),
        ("c)", "Annex 1 to Decision 5 (Rev. Busan, 2014) and footnote 3 to Article 5 of the Constitution,"))}])
    assert check(path, REF) == []


def test_missing_section(corpus):
    path = write(corpus, [{"heading": "considering", "items": items(("a)", "x;"), ("b)", "y,"))},
                          {"heading": "resolves", "items": items(
                              ("1", "that ITU shall act, bearing in mind *considering* b) above;"),
                              ("2", "that, pursuant to *recognizing* c) above, staff are recruited widely."))}])
    found = check(path, REF)
    assert [(f.rule, f.line, f.col) for f in found] == [("ref-section", *where(path, "recognizing* c)"))]


def test_annex_and_footnotes(corpus):
    path = write(corpus, [{"heading": "resolves", "items": items(
        ("1", "to take into account the matters outlined in Annex 1 to this resolution;"),
        ("2", "to apply Annex 2 to this resolution to developing countries[^1];"),
        ("3", "to consider the countries in footnote 2."))}],
        footnotes={"1": "These include the least developed countries.", "3": "Never referred to."},
        annexes=[{"heading": "Human resources", "blocks": [{"text": "Text of the annex."}]}])
    found = check(path, REF)
    got = [(f.rule, f.line, f.col) for f in found]
    assert ("ref-annex", *where(path, "2 to this resolution")) in got
    assert ("ref-footnote", *where(path, "footnote 2")) in got
    assert [f.rule for f in found].count("ref-footnote-unused") == 1
    assert len(found) == 3


# Seed 003, Resolution 11 as proposed by APT: "instructs the Secretary-General 78 above" and
# "910 above" are references whose old and new numbers were run together by flattening.
SEED_003_INSTRUCTS_COUNCIL = [
    ("1", "to review the annual report on ITU TELECOM events as described under instructs the Secretary-General 6 "
          "and the mechanism referred to in instructs the Secretary-General 78 above, and give guidance on future "
          "trends for those activities;"),
    ("3", "to review and approve the Secretary-General's proposals on the principles for a transparent "
          "decision-making process on the venues of ITU TELECOM events, as well as the rotation system as referred "
          "to in resolves 5 and instructs the Secretary-General 910 above;"),
    ("4", "to review and approve the Secretary-General's proposals on the mandate and the composition of the ITU "
          "TELECOM Board, taking into account instructs the Secretary-General 1 above."),
]


def test_seed_003_glued_references(corpus):
    sg = [{"num": str(i), "text": "to ensure the transparency of ITU TELECOM events;"} for i in range(1, 14)]
    council = items(*SEED_003_INSTRUCTS_COUNCIL)
    council[1]["num"] = "2"
    council[2]["num"] = "3"
    path = write(corpus, [resolves(7), {"heading": "instructs the Secretary-General", "items": sg},
                          {"heading": "instructs the Council", "items": council}], number=11)
    found = check(path, REF)
    assert [(f.rule, f.line, f.col) for f in found] == [("ref-label", *where(path, "78 above")),
                                                        ("ref-label", *where(path, "910 above"))]


def test_resolution_140_references_resolve(corpus, repo_root):
    """Seed 001's clean text. Its quirk: "*resolves* 1, 2, 3, and 4 above" (a serial comma before
    "and") is one reference to four items, all present; "the action lines referred to above" names
    no label and is no reference."""
    dest = corpus / "resolutions" / "pp" / "140.yaml"
    dest.parent.mkdir(parents=True)
    shutil.copy(repo_root / "resolutions" / "pp" / "140.yaml", dest)
    assert check(dest, REF) == []
    from finalacts.checks.rules.references import texts
    from finalacts.corpus.files import load_resolution

    model = load_resolution(dest)
    finder = Finder([s.heading for s in model.sections])
    refs = [(r.target, [lab for lab, _, _ in r.labels]) for _, _, t in texts(model) for r in finder.find(t)
            if r.kind == "section"]
    assert refs == [("resolves", ["1", "2", "3", "4"]), ("resolves", ["1", "2", "3", "4"]), ("resolves", ["5"])]


def test_finder_ignores_numbers_that_are_not_labels():
    f = Finder(["resolves", "noting"])
    assert f.find("for 2016-2019, noting 2015 as the year") == []
    assert [r.labels[0][0] for r in f.find("see resolves 12 above")] == ["12"]


def test_long_heading_cited_by_its_leading_words(corpus):
    """Seed 003 (Resolution 197): "the reports of the Secretary-General referred to in instructs the
    Secretary-General 3 above" means *instructs the Secretary-General, in consultation and
    collaboration with the Directors of the three Bureaux* 3."""
    path = write(corpus, [
        {"heading": "resolves", "text": "to further promote investment in IoT,"},
        {"heading": "instructs the Secretary-General, in consultation and collaboration with the Directors of the "
                    "three Bureaux", "items": [{"num": str(i), "text": f"to act {i};"} for i in range(1, 5)]},
        {"heading": "instructs the Council", "items": items(
            ("1", "to consider the reports of the Secretary-General referred to in instructs the Secretary-General 3 "
                  "above and take necessary measures;"),
            ("2", "to consider instructs the Secretary-General 5 too."))}], number=197)
    found = check(path, REF)
    assert [(f.rule, f.line, f.col) for f in found] == [("ref-label", *where(path, "5 too"))]


def test_footnote_marked_in_the_title_is_used(corpus):
    """Seed 003 (Resolution 123): the title carries the footnote: "between developing[^1] and developed"."""
    path = write(corpus, [{"heading": "resolves", "items": items(("1", "to act."))}],
                 footnotes={"1": "These include the least developed countries."}, number=123)
    title = "title: Bridging the standardization gap between developing[^1] and developed countries"
    text = path.read_text().replace("title: A resolution for a rule test", title)
    path.write_text(text)
    assert check(path, REF) == []


def test_a_bis_label_is_a_label(corpus):
    """'*considering* b)bis' points at the item b)bis; 'b)ter' at nothing."""
    path = write(corpus, [{"heading": "considering", "items": items(("a)", "x;"), ("b)", "y;"), ("b)bis", "z,"))},
                          {"heading": "resolves", "items": items(
                              ("1", "that, in view of *considering* b)bis above, ITU acts;"),
                              ("2", "that *considering* b)ter above is read the same way."))}])
    found = check(path, REF)
    assert [(f.rule, f.line, f.col) for f in found] == [("ref-label", *where(path, "b)ter above"))]
    assert found[0].message.startswith("*considering* has no item b)ter")
