"""Splitting seed 003 (APT common proposals ACP/64A1 to PP-18): checked proposal by proposal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from finalacts.corpus.files import load_resolution, parse
from finalacts.corpus.registry import load_registry
from finalacts.importer.lossless import compare
from finalacts.importer.proposals import split
from finalacts.render.text import render_text

SEED = next((Path(__file__).parent / "fixtures" / "seeds").glob("003_*.txt"))

# number: (action, target, has summary, has reasons)
EXPECTED = {
    1: ("NOC", "constitution", True, True), 2: ("NOC", "convention", True, True),
    3: ("MOD", "pp/11", True, False), 4: ("MOD", "pp/25", True, False), 5: ("MOD", "pp/30", True, False),
    6: ("MOD", "pp/48", True, False), 7: ("MOD", "pp/70", True, False), 8: ("MOD", "pp/71", True, False),
    9: ("MOD", "pp/71", True, False), 10: ("MOD", "pp/101", True, False), 11: ("MOD", "pp/102", True, False),
    12: ("MOD", "pp/123", True, False), 13: ("MOD", "pp/130", True, False), 14: ("MOD", "pp/131", True, False),
    15: ("MOD", "pp/135", True, False), 16: ("MOD", "pp/139", True, False), 17: ("MOD", "pp/140", False, False),
    18: ("MOD", "pp/177", True, False), 19: ("MOD", "pp/179", True, False), 20: ("SUP", "pp/185", True, True),
    21: ("MOD", "pp/186", True, False), 22: ("MOD", "pp/197", True, False), 23: ("MOD", "pp/200", True, False),
    24: ("MOD", "pp/203", True, False), 25: ("ADD", "pp/ACP-1", True, False),
}


@pytest.fixture(scope="module")
def source() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def result(source):
    return split(source, SEED.name, load_registry())


def test_manifest_header(result):
    m = result.manifest
    assert (m.id, m.conference, m.base) == ("ACP/64A1", "PP-18", "PP-14")
    assert m.submitter == "Asia-Pacific Telecommunity Member Administrations"


def test_twenty_five_proposals_with_the_right_actions(result):
    props = result.manifest.proposals
    assert [p.number for p in props] == list(range(1, 26))
    actions = [p.action for p in props]
    assert actions.count("NOC") == 2 and actions.count("SUP") == 1 and actions.count("ADD") == 1
    assert actions.count("MOD") == 21


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_each_proposal(result, number):
    p = result.manifest.proposals[number - 1]
    action, target, has_summary, has_reasons = EXPECTED[number]
    assert (p.number, p.action, p.target) == (number, action, target)
    assert bool(p.summary) == has_summary
    assert bool(p.reasons) == has_reasons
    assert p.introduction  # every proposal of this document explains itself


def test_contents_of_particular_proposals(result):
    props = {p.number: p for p in result.manifest.proposals}
    assert props[1].title == "CONSTITUTION OF THE INTERNATIONAL TELECOMMUNICATION UNION"
    assert props[1].summary.startswith("No change to any provisions in the Constitution, unless")
    assert props[1].reasons.startswith("No change to any provisions in the Constitution (CS)")
    assert props[3].introduction.startswith("The annual ITU TELECOM world is one of the most important events")
    assert props[4].summary.startswith("The APT Member Administrations would like to introduce revisions to "
                                       "Resolution 25")
    assert props[4].introduction.startswith("This contribution proposes modifications to Resolution 25")
    assert props[7].introduction.startswith("This contribution proposes")  # its "Introduction" heading dropped
    assert props[17].introduction.startswith("The 2030 agenda for sustainable development (A/RES/70/1)")
    assert props[20].reasons.startswith("Due to the spectrum allocation of frequency band 1 087.7-1 092.3 MHz")
    assert props[25].summary.startswith("The APT Member Administrations would like to introduce the new "
                                        "resolution of ITU\u2019s role")


def test_irregular_headings_are_read_and_reported(result):
    by_line = {(f.line, f.rule): f for f in result.findings}
    nine = by_line[(629, "import-irregular-heading")]
    assert "'#48507'" in nine.message and "MOD ACP/64A1/9" in nine.message
    seventeen = by_line[(2174, "import-irregular-heading")]
    assert "has no 'Proposal ACP/64A1/17 - Summary:' line" in seventeen.message


def test_texts_are_split_with_their_source_lines(result):
    spans = {t.number: (t.first_line, t.last_line, t.target_kind) for t in result.texts}
    assert set(spans) == set(range(3, 26))  # NOC 1 and 2 carry no resolution text
    assert spans[3] == (58, 132, "resolution")
    assert spans[9][2] == "excerpt"  # an annex alone: kept as text for the editor
    assert spans[17][0] == 2175 and spans[20] == (2501, 2503, "resolution")
    numbers = {t.number: t.result.resolution.number for t in result.texts if t.result}
    assert numbers[3] == 11 and numbers[17] == 140 and numbers[25] == "ACP-1"
    assert result.texts[-1].result.resolution.adopted == []


@pytest.mark.parametrize("number", [n for n in range(3, 26) if n != 9])
def test_each_text_is_lossless(result, source, number):
    t = next(t for t in result.texts if t.number == number)
    rendered = render_text(t.result.resolution, load_registry())
    assert compare(source, t.result, rendered) == []
    # Whatever was replaced is a header line the registry derives, reported with its source line.
    assert all(t.first_line <= d.line <= t.last_line for d in t.result.derived)


def test_flattened_marks_in_proposal_texts(result):
    found = {(f.line, f.col): f.message for t in result.texts if t.result for f in t.result.findings
             if f.rule == "import-flattened-marks"}
    assert "label 'fg)' looks like f) renumbered g)" in found[(69, 1)]
    # "Rev. busan, 2014dubai, 2018": the year run into the inserted city, at its column in line 401.
    line = SEED.read_text(encoding="utf-8").splitlines()[400]
    col = line.index("2014dubai") + 1
    assert "'2014dubai': a year run into the following word" in found[(401, col)]


def test_cli_writes_manifest_and_texts(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "finalacts", "import", "proposals", str(SEED), "-o",
                           str(tmp_path)], capture_output=True, text=True, cwd=tmp_path,
                          env=dict(os.environ, GITHUB_ACTIONS=""))
    assert proc.returncode == 0, proc.stderr
    manifest = tmp_path / "proposals" / "pp-18" / "ACP-64A1.yaml"
    parsed = parse(manifest.read_bytes(), "proposals/pp-18/ACP-64A1.yaml")
    assert parsed.findings == [] and len(parsed.model.proposals) == 25
    texts = tmp_path / "imported" / "pp-18" / "ACP-64A1"
    assert sorted(p.name for p in texts.iterdir()) == sorted(
        [f"{n}.yaml" for n in range(3, 26) if n != 9] + ["9.txt"])
    assert load_resolution(texts / "3.yaml").number == 11
    assert (texts / "9.txt").read_text(encoding="utf-8").startswith("ANNEX 1 to RESOLUTION 71")
    assert f"{SEED}:629:15: info import-irregular-heading" in proc.stderr
    # A second run does not overwrite the manifest.
    again = subprocess.run([sys.executable, "-m", "finalacts", "import", "proposals", str(SEED), "-o",
                            str(tmp_path)], capture_output=True, text=True, cwd=tmp_path)
    assert again.returncode == 2 and "exists; use --force" in again.stderr


def test_cli_bad_proposal_documents(tmp_path):
    for name, content, reason in [("notes.txt", b"nothing to see here\n", "no proposal action lines"),
                                  ("empty.txt", b"", "file is empty"),
                                  ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
                                   "password-protected")]:
        bad = tmp_path / name
        bad.write_bytes(content)
        out = tmp_path / f"out-{name}"
        proc = subprocess.run([sys.executable, "-m", "finalacts", "import", "proposals", str(bad), "-o",
                               str(out)], capture_output=True, text=True, cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and name in proc.stderr and reason in proc.stderr
        assert not out.exists()
