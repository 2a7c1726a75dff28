"""`finalacts render` and `finalacts verify-docx` on a real git repository in a tmp dir."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile

import git
import pytest

from gitcorpus import commit, isolate
from redline_fixtures import RES_140, base_140, head_140, yaml_text

MANIFEST = """\
id: ACP/64A1
conference: PP-18
base: PP-14
submitter: Asia-Pacific Telecommunity Member Administrations
symbol: Addendum 1 to Document 64-E
date: 2018-09-20
language: English
branch: apt/pp-18
proposals:
  - number: 1
    action: NOC
    target: constitution
    title: CONSTITUTION OF THE INTERNATIONAL TELECOMMUNICATION UNION
    reasons: The Constitution should remain stable.
  - number: 2
    action: MOD
    target: pp/140
    summary: APT proposes to update Resolution 140 to the outcomes of the UNGA overall review.
    reasons: To reflect the outcomes of WSIS+10.
  - number: 3
    action: SUP
    target: pp/185
    reasons: The work is completed.
  - number: 4
    action: ADD
    target: pp/ACP-1
    summary: A new resolution on emerging technologies.
    reasons: To address emerging technologies.
"""

RES_185 = """\
body: PP
number: 185
title: Global flight tracking for civil aviation
adopted: [PP-14]
sections:
  - heading: resolves
    text: to take the necessary steps.
"""

ACP_1 = """\
body: PP
number: ACP-1
title: Emerging technologies
adopted: []
sections:
  - heading: considering
    items:
      - num: a)
        text: that *emerging* technologies matter;
  - heading: resolves
    text: to study them.
"""


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """PP-14 edition with Res 140 and 185; branch apt/pp-18 with the ACP/64A1 proposals."""
    isolate(monkeypatch, tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1537444800")  # 2018-09-20T12:00:00Z
    root = tmp_path / "corpus"
    (root / "resolutions" / "pp").mkdir(parents=True)
    shutil.copy(RES_140, root / "resolutions" / "pp" / "140.yaml")
    (root / "resolutions" / "pp" / "185.yaml").write_text(RES_185)
    (root / "resolutions" / "pp" / "7.yaml").write_text(RES_185.replace("185", "7").replace("Global flight tracking",
                                                                                          "Unchanged text"))
    repo = git.Repo.init(root, initial_branch="main")
    commit(repo, "PP-14 edition")
    repo.create_tag("PP-14")
    repo.git.checkout("-q", "-b", "apt/pp-18")
    (root / "proposals" / "pp-18").mkdir(parents=True)
    (root / "proposals" / "pp-18" / "ACP-64A1.yaml").write_text(MANIFEST)
    (root / "resolutions" / "pp" / "140.yaml").write_text(yaml_text(head_140(base_140())))
    (root / "resolutions" / "pp" / "185.yaml").unlink()
    (root / "resolutions" / "pp" / "ACP-1.yaml").write_text(ACP_1)
    commit(repo, "ACP/64A1 proposals\n\nProposal: ACP/64A1/2")
    monkeypatch.chdir(root)
    return root, repo


def run(root, *args):
    return subprocess.run([sys.executable, "-m", "finalacts", *args], cwd=root, capture_output=True, text=True)


def test_proposal_set_to_docx_proves_itself_and_opens_in_libreoffice(corpus):
    root, _ = corpus
    r = run(root, "render", "proposals/pp-18/ACP-64A1.yaml", "--head", "apt/pp-18", "-o", "ACP-64A1.docx")
    assert r.returncode == 0, r.stderr
    assert "4 proposals" in r.stderr
    v = run(root, "verify-docx", "ACP-64A1.docx", "--old", "PP-14", "--new", "apt/pp-18")
    assert v.returncode == 0, v.stderr
    with zipfile.ZipFile(root / "ACP-64A1.docx") as z:
        xml = z.read("word/document.xml").decode()
    for s in ("PROPOSALS FOR THE WORK OF THE CONFERENCE", "Addendum 1 to Document 64-E", "20 September 2018",
              "Original: English", "ACP/64A1/2", "DRAFT NEW RESOLUTION [ACP-1]", "Reasons:",
              "CONSTITUTION OF THE INTERNATIONAL TELECOMMUNICATION UNION", "Global flight tracking"):
        assert s in xml, s
    assert 'w:author="Asia-Pacific Telecommunity Member Administrations"' in xml
    assert 'w:date="2018-09-20T12:00:00Z"' in xml
    if shutil.which("soffice"):
        from finalacts.render.pdf import convert

        assert convert(root / "ACP-64A1.docx", root, "pdf").stat().st_size > 1000


def test_verify_docx_fails_on_a_tampered_document(corpus):
    root, _ = corpus
    assert run(root, "render", "pp/140", "--base", "PP-14", "--head", "apt/pp-18", "-o", "140.docx").returncode == 0
    assert run(root, "verify-docx", "140.docx", "--old", "PP-14", "--new", "apt/pp-18").returncode == 0
    src = zipfile.ZipFile(root / "140.docx")
    with zipfile.ZipFile(root / "tampered.docx", "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:delText>Busan</w:delText>", b"<w:delText>Bussan</w:delText>", 1)
            dst.writestr(info, data)
    v = run(root, "verify-docx", "tampered.docx", "--old", "PP-14", "--new", "apt/pp-18")
    assert v.returncode == 1 and "rejecting all changes differs" in v.stderr and "Bussan" in v.stderr


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf", "text"])
def test_every_format_from_refs(corpus, fmt):
    root, _ = corpus
    if fmt == "pdf" and not shutil.which("soffice"):
        pytest.skip("LibreOffice is not installed")
    out = root / f"140.{fmt}"
    r = run(root, "render", "pp/140", "--base", "PP-14", "--head", "apt/pp-18", "-o", str(out), "--format", fmt)
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    if fmt == "docx":
        assert run(root, "verify-docx", str(out), "--old", "PP-14", "--new", "apt/pp-18").returncode == 0
    elif fmt == "pdf":
        assert data.startswith(b"%PDF")
    elif fmt == "html":
        assert re.search(rb"<del><span class=\"sr\">\[deleted: </span>Busan<span class=\"sr\">\]</span></del>"
                         rb"<ins><span class=\"sr\">\[inserted: </span>Dubai", data)
    else:
        assert b"[-Busan-]{+Dubai+}" in data


def test_builds_are_byte_for_byte_reproducible(corpus):
    root, _ = corpus
    for name in ("a.docx", "b.docx"):
        assert run(root, "render", "proposals/pp-18/ACP-64A1.yaml", "--head", "apt/pp-18", "-o", name).returncode == 0
    assert (root / "a.docx").read_bytes() == (root / "b.docx").read_bytes()


def test_single_file_text_needs_no_git(tmp_path, run_cli):
    code, out, err = run_cli("render", str(RES_140), "--format", "text")
    assert code == 0, err
    assert "Busan" in out


def test_single_file_to_html_needs_no_git(tmp_path, run_cli):
    code, out, err = run_cli("render", str(RES_140), "--format", "html")
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>") and "<ins>" not in out


def test_manifest_target_missing_at_head_is_one_clear_line(corpus):
    root, repo = corpus
    (root / "resolutions" / "pp" / "ACP-1.yaml").unlink()
    commit(repo, "drop the draft")
    r = run(root, "render", "proposals/pp-18/ACP-64A1.yaml", "--head", "apt/pp-18", "-o", "out.docx")
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1
    assert "proposals/pp-18/ACP-64A1.yaml:" in r.stderr and "ACP/64A1/4 ADD pp/ACP-1" in r.stderr
    assert "does not exist at head 'apt/pp-18'" in r.stderr
    assert not (root / "out.docx").exists()
    assert not list(root.glob(".out.docx.*"))


def test_bad_usage_is_exit_2(corpus):
    root, _ = corpus
    r = run(root, "render", "pp/140", "--head", "apt/pp-18", "-o", "x.docx")
    assert r.returncode == 2 and "--base" in r.stderr
    r = run(root, "render", "pp/140", "--base", "NOPE", "-o", "x.docx")
    assert r.returncode == 2 and "unknown ref" in r.stderr
    r = run(root, "render", "pp/140", "--base", "PP-14", "--format", "docx")
    assert r.returncode == 2 and "-o FILE" in r.stderr
    r = run(root, "render", "pp/140", "--base", "PP-14", "-o", "x.odt")
    assert r.returncode == 2 and "--format" in r.stderr


def test_control_character_in_a_text_is_refused_before_writing(corpus):
    root, repo = corpus
    p = root / "resolutions" / "pp" / "140.yaml"
    p.write_text(p.read_text().replace("text: Resolution 113", 'text: "ring \\a" # Resolution 113', 1))
    commit(repo, "bad character")
    r = run(root, "render", "pp/140", "--base", "PP-14", "--head", "apt/pp-18", "-o", "x.docx")
    assert r.returncode == 2, r.stderr
    assert "U+0007" in r.stderr and "apt/pp-18:resolutions/pp/140.yaml:" in r.stderr
    assert not (root / "x.docx").exists()


def test_final_acts_of_an_edition(corpus):
    root, repo = corpus
    p = root / "resolutions" / "pp"
    (p / "ACP-1.yaml").rename(p / "210.yaml")
    (p / "210.yaml").write_text(ACP_1.replace("number: ACP-1", "number: 210").replace("adopted: []",
                                                                                      "adopted: [PP-18]"))
    # A text last adopted at PP-18 cites the Busan editions "of the Plenipotentiary Conference", not
    # "of this conference": the edition must be one `check --edition PP-18` accepts.
    t = (p / "140.yaml").read_text()
    (p / "140.yaml").write_text(re.sub(r"(Busan,\s+2014\)\s+of)\s+this\s+conference",
                                       r"\1 the Plenipotentiary Conference", t))
    commit(repo, "PP-18 edition")
    repo.create_tag("PP-18")
    r = run(root, "render", "--final-acts", "PP-18", "-o", "final.docx")
    assert r.returncode == 0, r.stderr
    assert "since PP-14" in r.stderr and "1 ADD, 1 MOD, 1 SUP" in r.stderr
    with zipfile.ZipFile(root / "final.docx") as z:
        xml = z.read("word/document.xml").decode()
    assert "<w:ins " not in xml and "<w:del " not in xml, "the Final Acts are clean"
    assert "RESOLUTION 210 (Dubai, 2018)" in xml and "RESOLUTION 140 (Rev. Dubai, 2018)" in xml
    assert "Unchanged text" not in xml, "a text not revised at PP-18 is not in its Final Acts"
    for symbol in ("ADD", "MOD", "SUP"):
        assert f"<w:t>{symbol}</w:t>" in xml
    assert xml.index("RESOLUTION 140") < xml.index("RESOLUTION 185") < xml.index("RESOLUTION 210")
    v = run(root, "verify-docx", "final.docx", "--old", "PP-14", "--new", "PP-18")
    assert v.returncode == 0, v.stderr
    h = run(root, "render", "--final-acts", "PP-18", "--format", "html")
    assert h.returncode == 0 and "FINAL ACTS" in h.stdout
