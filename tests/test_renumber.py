"""`finalacts fmt --renumber`: lists relabelled in sequence, references rewritten to follow them."""

from __future__ import annotations

import pytest

from finalacts.corpus import yamlfile
from rulecase import check, write


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "resolutions").mkdir()
    return tmp_path


def data_of(path):
    return yamlfile.load(path.read_bytes(), str(path)).data


# Resolution 11 as seed 003 shows it being revised: a new item goes in after *instructs the
# Secretary-General* 6, so 7 becomes 8 and 9 becomes 10, and *instructs the Council* must follow
# ("instructs the Secretary-General 78 above" and "910 above" in the seed are the same edit done
# by hand and flattened). Here the editor inserts the item without a label and runs the tool.
SG = [
    "to define and propose the mandate of the ITU TELECOM Board to the Council for approval;",
    "to ensure the appropriate management of all ITU TELECOM events and resources;",
    "to consider measures that will enable Member States to host ITU TELECOM events;",
    "to consult the ITU TELECOM Board, on an ongoing basis, on a broad range of topics;",
    "to develop a business plan for each proposed event;",
    "to ensure the transparency of ITU TELECOM events and report on them in a separate annual report to the "
    "Council;",
    None,  # the new item
    "to propose to the 2015 session of the Council a mechanism to implement resolves 5;",
    "to revise the model host-country agreement;",
    "that an ITU TELECOM event be held every year, on the principle of rotation between regions;",
    "to report annually to the Council on the implementation of this resolution,",
]
COUNCIL = [
    "to review the annual report on ITU TELECOM events as described under instructs the Secretary-General 6 and "
    "the mechanism referred to in *instructs the Secretary-General* 7 above, and give guidance;",
    "to review the rotation system as referred to in resolves 5 and instructs the Secretary-General 9 above;",
    "to review the mandate of the ITU TELECOM Board, taking into account instructs the Secretary-General 1 above.",
]


def res11(corpus):
    sg, n = [], 0
    for text in SG:
        if text is None:
            sg.append({"text": "to continue to develop initiatives to grow and foster SME participation;"})
        else:
            n += 1
            sg.append({"num": str(n), "text": text})
    return write(corpus, [
        {"heading": "resolves", "items": [{"num": str(i), "text": f"that the Union acts {i};"} for i in range(1, 8)]},
        {"heading": "instructs the Secretary-General", "items": sg},
        {"heading": "instructs the Council", "items": [{"num": str(i + 1), "text": t} for i, t in enumerate(COUNCIL)]},
    ], number=11)


def test_insert_relabels_and_rewrites_references(corpus, run_cli):
    path = res11(corpus)
    before = check(path, ("numbering-", "ref-"))
    assert [f.rule for f in before] == ["numbering-missing"]

    code, out, err = run_cli("fmt", "--renumber", str(path))
    assert code == 1 and "reformatted" in out, (out, err)
    d = data_of(path)
    assert [it["num"] for it in d["sections"][1]["items"]] == [str(i) for i in range(1, 12)]
    council = [it["text"] for it in d["sections"][2]["items"]]
    assert "instructs the Secretary-General 6 and the mechanism referred to in *instructs the Secretary-General* 8 " \
           "above" in council[0]
    assert "resolves 5 and instructs the Secretary-General 10 above" in council[1]
    assert "instructs the Secretary-General 1 above" in council[2]
    # The item's own text "to implement resolves 5" points at an unchanged list: untouched.
    assert d["sections"][1]["items"][7]["text"].endswith("to implement resolves 5;")
    assert check(path, ("numbering-", "ref-")) == []

    # Idempotent: a second run changes nothing.
    code, out, _ = run_cli("fmt", "--renumber", "--check", str(path))
    assert code == 0, out


def test_deletion_and_sub_items_follow(corpus, run_cli):
    path = write(corpus, [
        {"heading": "considering", "items": [{"num": "a)", "text": "x;"}, {"num": "fg)", "text": "y;"},
                                             {"num": "c)", "text": "z,"}]},
        {"heading": "resolves", "items": [
            {"num": "1", "text": "one;"}, {"num": "2", "text": "two;"},
            {"num": "4", "text": "that the Union shall ensure:", "items": [
                {"num": "4.1", "text": "an open process;"}, {"num": "4.2", "text": "studies;"}]},
            {"num": "5", "text": "that ITU acts, bearing in mind *considering* c) above,"}]},
        {"heading": "requests the Council", "items": [
            {"num": "1", "text": "to oversee, in line with *resolves* 1, 2, 4, and 5 above and resolves 4.2;"},
            {"num": "2", "text": "to act under *resolves* 5 of Resolution 71 (Rev. Busan, 2014)."}]},
    ])
    text_before = path.read_text()
    path.write_text("# a comment the formatter keeps\n" + text_before)
    code, out, err = run_cli("fmt", "--renumber", str(path))
    assert code == 1, err
    d = data_of(path)
    assert [it["num"] for it in d["sections"][0]["items"]] == ["a)", "b)", "c)"]
    res = d["sections"][1]["items"]
    assert [it["num"] for it in res] == ["1", "2", "3", "4"]
    assert [it["num"] for it in res[2]["items"]] == ["3.1", "3.2"]
    council = d["sections"][2]["items"]
    assert council[0]["text"] == "to oversee, in line with *resolves* 1, 2, 3, and 4 above and resolves 3.2;"
    # A reference to another resolution's resolves is not ours to change.
    assert council[1]["text"] == "to act under *resolves* 5 of Resolution 71 (Rev. Busan, 2014)."
    assert path.read_text().startswith("# a comment the formatter keeps\n")
    assert check(path, ("numbering-", "ref-")) == []


def test_duplicate_label_references_are_left_and_reported(corpus, run_cli):
    path = write(corpus, [
        {"heading": "resolves", "items": [{"num": "1", "text": "one;"}, {"num": "1", "text": "new one;"},
                                          {"num": "2", "text": "two,"}]},
        {"heading": "instructs the Secretary-General", "items": [
            {"num": "1", "text": "to implement *resolves* 1 and 2 above."}]},
    ])
    code, out, err = run_cli("fmt", "--renumber", str(path))
    assert code == 1
    assert "renumber-ambiguous" in err and "*resolves* 1" in err
    d = data_of(path)
    assert [it["num"] for it in d["sections"][0]["items"]] == ["1", "2", "3"]
    assert d["sections"][1]["items"][0]["text"] == "to implement *resolves* 1 and 3 above."


def test_reference_by_leading_words_is_rewritten(corpus, run_cli):
    path = write(corpus, [
        {"heading": "instructs the Secretary-General, in consultation with the Directors of the Bureaux",
         "items": [{"num": "1", "text": "to act;"}, {"num": "3", "text": "to report;"}]},
        {"heading": "instructs the Council", "items": [
            {"num": "1", "text": "to consider the reports referred to in instructs the Secretary-General 3 above."}]},
    ], number=197)
    code, _, err = run_cli("fmt", "--renumber", str(path))
    assert code == 1, err
    d = data_of(path)
    assert d["sections"][1]["items"][0]["text"].endswith("instructs the Secretary-General 2 above.")


def test_flat_sub_items_stay_with_their_item(corpus, run_cli):
    """Sub-items written flat after their item (5, 5.1, 5.2, as in seed 003's Resolution 11) are
    reported, and renumbering keeps them with that item instead of counting them."""
    path = write(corpus, [{"heading": "resolves", "items": [
        {"num": "1", "text": "a;"}, {"num": "2", "text": "b;"}, {"num": "3", "text": "c;"},
        {"num": "5", "text": "that the Union shall ensure:"}, {"num": "5.1", "text": "an open process;"},
        {"num": "5.2", "text": "studies;"}, {"num": "6", "text": "that audits are made."}]}], number=11)
    found = check(path, ("numbering-",))
    assert [f.rule for f in found] == ["numbering-gap", "numbering-style", "numbering-style"]
    assert "a sub-item goes under its item's `items:`" in found[1].message
    code, _, err = run_cli("fmt", "--renumber", str(path))
    assert code == 1, err
    assert [it["num"] for it in data_of(path)["sections"][0]["items"]] == ["1", "2", "3", "4", "4.1", "4.2", "5"]


def test_a_bis_item_keeps_its_suffix_on_its_new_base(corpus, run_cli):
    """*considering* a), c), c)bis, d) with b) missing: c) becomes b), and c)bis, inserted after it,
    becomes b)bis, not a place of its own."""
    path = write(corpus, [{"heading": "considering", "items": [
        {"num": "a)", "text": "x;"}, {"num": "c)", "text": "y;"}, {"num": "c)bis", "text": "z;"},
        {"num": "d)", "text": "w,"}]}, {"heading": "resolves", "items": [
            {"num": "1", "text": "to act under *considering* c)bis and d) above."}]}])
    code, _, err = run_cli("fmt", "--renumber", str(path))
    assert code == 1, err
    d = data_of(path)
    assert [it["num"] for it in d["sections"][0]["items"]] == ["a)", "b)", "b)bis", "c)"]
    assert d["sections"][1]["items"][0]["text"] == "to act under *considering* b)bis and c) above."
    assert check(path, ("numbering-",)) == []
