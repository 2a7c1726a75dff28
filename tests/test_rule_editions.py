"""Edition rules: each rule's passing and failing example, with the position of the finding."""

from __future__ import annotations

import pytest

from conftest import REPO
from finalacts.checks.index import from_models
from finalacts.checks.runner import Context, check_parsed
from finalacts.corpus.files import parse
from finalacts.corpus.registry import load_registry


def res(body: str, number, adopted: str, title: str = "A test text", first: str = "recalling") -> str:
    """A small resolution; `adopted` is written as given (line 4)."""
    return (f"body: {body}\nnumber: {number}\ntitle: \"{title}\"\nadopted: {adopted}\nsections:\n"
            f"  - heading: \"{first}\"\n    text: its earlier decisions,\n")


def found(src: str, path: str = "resolutions/pp/1.yaml", edition: str | None = None, messages=False):
    parsed = parse(src.encode(), path)
    assert not parsed.findings, parsed.findings
    ctx = Context(registry=load_registry(), index=from_models([parsed.model]), edition=edition)
    fs = [f for f in check_parsed(parsed, ctx) if f.rule.startswith("edition-")]
    return fs if messages else [(f.rule, f.line, f.col) for f in fs]



def test_clean():
    assert found(res("PP", 140, "[PP-06, PP-10, PP-14]")) == []
    assert found(res("WTDC", 30, "[WTDC-17, WTDC-22]"), "resolutions/wtdc/30.yaml") == []
    assert found(res("PP", "ACP-1", "[]"), "resolutions/pp/ACP-1.yaml") == []


def test_unknown():
    (f,) = found(res("PP", 140, "[PP-06, PP-10, PP-15]"), messages=True)
    assert (f.rule, f.line, f.col) == ("edition-unknown", 4, 25)
    assert "PP-14" in f.hint


def test_other_body():
    (f,) = found(res("WTDC", 30, "[WTDC-14, PP-18]"), "resolutions/wtdc/30.yaml", messages=True)
    assert (f.rule, f.line, f.col) == ("edition-body", 4, 20)
    assert "PP-18 (Dubai, 2018) is a Plenipotentiary Conference" in f.message


def test_not_held_seed_002():
    # Seed 002 revises WTDC Resolution 30 "(Rev. Buenos Aires, 2017 Addis-Ababa, 2021)": the
    # Addis Ababa conference was postponed and held as Kigali, 2022.
    (f,) = found(res("WTDC", 30, "[WTDC-02, WTDC-06, WTDC-10, WTDC-14, WTDC-17, WTDC-21]"),
                 "resolutions/wtdc/30.yaml", messages=True)
    assert (f.rule, f.line, f.col) == ("edition-not-held", 4, 56)
    assert f.hint == "replace WTDC-21 with WTDC-22"
    assert "held as WTDC-22 (Kigali, 2022)" in f.message


def test_order():
    assert found(res("PP", 140, "[PP-06, PP-14, PP-10]")) == [("edition-order", 4, 25)]


def test_order_in_a_block_list():
    src = res("PP", 140, "\n  - PP-06\n  - PP-14\n  - PP-10")
    assert found(src) == [("edition-order", 7, 5)]


@pytest.mark.parametrize("edition, expected", [
    ("PP-14", [("edition-after", 4, 25)]),
    ("PP-18", []),
    ("WTDC-22", []),              # another body's edition: compared by year
    ("WTDC-17", [("edition-after", 4, 25)]),
    ("WTDC-14", [("edition-after", 4, 25)]),
])
def test_after_the_edition_checked(edition, expected):
    assert found(res("PP", 140, "[PP-10, PP-14, PP-18]"), edition=edition) == expected


def test_draft():
    src = res("PP", "ACP-1", "[PP-18]")
    (f,) = found(src, "resolutions/pp/ACP-1.yaml", messages=True)
    assert (f.rule, f.line, f.col) == ("edition-draft", 4, 10)
    (f,) = found(res("PP", 140, "[]"), messages=True)
    assert (f.rule, f.line, f.col) == ("edition-draft", 4, 10)
    assert "adopted: [PP-26]" in f.hint


def test_derived_title_line():
    src = res("WTSA", 75, "[WTSA-16, WTSA-20, WTSA-24]",
              title="RESOLUTION 75 (Rev. New Delhi, 2024) ITU-T's contribution to WSIS")
    (f,) = found(src, "resolutions/wtsa/75.yaml", messages=True)
    assert (f.rule, f.line, f.col) == ("edition-derived", 3, 8)
    assert "RESOLUTION 75 (Rev. New Delhi, 2024)" in f.message


def test_derived_history_line_seed_004():
    # Seed 004's history line, as it would arrive if pasted into the title.
    src = res("WTSA", 75, "[WTSA-08, WTSA-12, WTSA-16, WTSA-20, WTSA-24]",
              title="ITU-T's contribution (Johannesburg, 2008; Dubai, 2012; Hammamet, 2016; Geneva, 2022, "
                    "New Delfi,2024)")
    (f,) = found(src, "resolutions/wtsa/75.yaml", messages=True)
    assert f.rule == "edition-derived"
    assert "(Johannesburg, 2008; Dubai, 2012; Hammamet, 2016; Geneva, 2022; New Delhi, 2024)" in f.message


def test_derived_preamble():
    src = res("PP", 140, "[PP-06, PP-10, PP-14]",
              first="The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),")
    (f,) = found(src, messages=True)
    assert (f.rule, f.line, f.col) == ("edition-derived", 6, 14)
    # A heading that merely mentions the conference is no preamble.
    assert found(res("PP", 140, "[PP-06, PP-10, PP-14]", first="recalling further")) == []


def test_real_corpus_texts_are_clean():
    for path in sorted((REPO / "resolutions").rglob("*.yaml")):
        rel = str(path.relative_to(REPO))
        assert found(path.read_text(encoding="utf-8"), rel) == [], rel
