"""render_text: a resolution back as ITU plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from finalacts.corpus.files import load_resolution
from finalacts.corpus.model import Annex, Block, Item, Resolution, Section
from finalacts.corpus.registry import load_registry
from finalacts.importer import import_text
from finalacts.render.text import FOOTNOTE_RULE, plain, render_text

REPO = Path(__file__).resolve().parents[1]


def wtsa75() -> Resolution:
    return Resolution(
        body="WTSA", number=75, adopted=["WTSA-08", "WTSA-12", "WTSA-16", "WTSA-20"],
        title="The ITU Telecommunication Standardization Sector's contribution to WSIS[^*]",
        sections=[
            Section(heading="recalling", items=[
                Item(num="a)", text="the outcomes of both phases of WSIS;"),
                Item(num="b)", text="the relevant resolutions, in particular:", items=[
                    Item(num="i)", text="Resolution 71 (Rev. Dubai, 2018);"),
                    Item(num="ii)", text="Resolution 140 (Rev. Dubai, 2018),"),
                ], after="all of which apply,"),
            ]),
            Section(heading="resolves", text="within the mandate of ITU-T,", items=[
                Item(num="1", text="to continue the work, *inter alia* on:", items=[
                    Item(num="\u2013", text="standards;"), Item(num="\u2013", text="conformance;")]),
                Item(num="2", text="that the study groups should consider the output[^1];"),
            ], after="as appropriate,"),
            Section(heading="invites Member States", text="to contribute."),
        ],
        footnotes={"*": "The Russian Federation reserves its position.", "1": "Of CWG-WSIS&SDG."},
        annexes=[Annex(heading="Elements", num="1", blocks=[
            Block(num="1", heading="Framework"),
            Block(text="A paragraph of the annex."),
            Block(items=[Item(num="a)", text="first;"), Item(num="b)", text="second.")]),
            Block(table=[["Goal", "Target"], ["Growth", "*2023*"]]),
        ])],
    )


def test_render_text_every_shape():
    expected = "\n".join([
        "RESOLUTION 75 (Rev. Geneva, 2022)",
        "The ITU Telecommunication Standardization Sector's contribution to WSIS*",
        "(Johannesburg, 2008; Dubai, 2012; Hammamet, 2016; Geneva, 2022)",
        "The World Telecommunication Standardization Assembly (Geneva, 2022),",
        "recalling",
        "a)\tthe outcomes of both phases of WSIS;",
        "b)\tthe relevant resolutions, in particular:",
        "i)\tResolution 71 (Rev. Dubai, 2018);",
        "ii)\tResolution 140 (Rev. Dubai, 2018),",
        "all of which apply,",
        "resolves",
        "within the mandate of ITU-T,",
        "1\tto continue the work, inter alia on:",
        "\u2013\tstandards;",
        "\u2013\tconformance;",
        "2\tthat the study groups should consider the output1;",
        "as appropriate,",
        "invites Member States",
        "to contribute.",
        "ANNEX 1 TO RESOLUTION 75 (Rev. Geneva, 2022)",
        "Elements",
        "1\tFramework",
        "A paragraph of the annex.",
        "a)\tfirst;",
        "b)\tsecond.",
        "Goal\tTarget",
        "Growth\t2023",
        FOOTNOTE_RULE,
        "*\tThe Russian Federation reserves its position.",
        "1\tOf CWG-WSIS&SDG.",
    ]) + "\n"
    assert render_text(wtsa75(), load_registry()) == expected


def test_render_text_draft_and_first_adoption():
    reg = load_registry()
    draft = Resolution(body="PP", number="ACP-1", adopted=[], title="ITU's role in the digital economy",
                       sections=[Section(heading="resolves", text="to act.")])
    assert render_text(draft, reg).splitlines()[:3] == [
        "DRAFT NEW RESOLUTION [ACP-1]", "ITU's role in the digital economy",
        "The Plenipotentiary Conference of the International Telecommunication Union,"]
    first = Resolution(body="PP", number=209, adopted=["PP-14"], title="T", sections=[])
    assert render_text(first, reg).splitlines()[0] == "RESOLUTION 209 (Busan, 2014)"


@pytest.mark.parametrize("markup, text", [
    ("*resolves* 5", "resolves 5"), ("*inter alia*", "inter alia"), ("countries[^1],", "countries1,"),
    ("a * b * c", "a * b * c"), ("note[^*]", "note*"), (None, ""),
])
def test_plain(markup, text):
    assert plain(markup) == text


def test_render_then_import_round_trips():
    """The plain text render_text writes is itself importable to the same resolution."""
    reg = load_registry()
    res = wtsa75()
    res.footnotes = {}
    res.title = "The ITU Telecommunication Standardization Sector's contribution to WSIS"
    res.sections[1].items[1].text = "that the study groups should consider the output;"
    res.sections[1].items[0].text = "to continue the work on:"
    res.annexes = []
    again = import_text(render_text(res, reg), "r.txt", reg).resolution
    assert (again.body, again.number, again.adopted, again.title) == (res.body, res.number, res.adopted, res.title)
    assert [s.heading for s in again.sections] == [s.heading for s in res.sections]
    assert again.sections[0].items[1].items[1].text == "Resolution 140 (Rev. Dubai, 2018),"
    assert again.sections[1].text == "within the mandate of ITU-T,"
    assert [i.num for i in again.sections[1].items[0].items] == ["\u2013", "\u2013"]


@pytest.mark.skipif(not (REPO / "resolutions/pp/140.yaml").is_file(), reason="no committed 140.yaml")
def test_render_committed_140():
    out = render_text(load_resolution(REPO / "resolutions/pp/140.yaml"), load_registry()).splitlines()
    assert out[0] == "RESOLUTION 140 (Rev. Busan, 2014)"
    assert out[2] == "The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),"
    assert out[3] == "recalling"
    assert any(line.startswith("c)\tthe needs of developing countries1, including") for line in out)
    assert out[-2] == FOOTNOTE_RULE and out[-1].startswith("1\tThese include the least developed countries")
