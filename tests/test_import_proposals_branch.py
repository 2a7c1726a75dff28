"""A Word proposal document with tracked changes in, as a proposal branch (`import proposals --branch`).

The document is a real .docx (python-docx + w:ins/w:del runs with their authors); the corpus is a
real git repository holding the shipped PP Resolution 11 at the tag PP-14. The branch must be what
the gate accepts: one commit per proposal, the "after" text, the tracked-change author, Reasons.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import git
import pytest

from finalacts.corpus.files import load_resolution, parse
from test_import_docx import NS, TAB, W, make_docx, r

REPO = Path(__file__).resolve().parents[1]
AUTHOR = "Ayesha Rahman"


def by(author: str, kind: str, text: str, n: int) -> str:
    if kind == "ins":
        return f'<w:ins w:id="{n}" w:author="{author}" w:date="2018-03-01T00:00:00Z">{r(text)}</w:ins>'
    return (f'<w:del w:id="{n}" w:author="{author}" w:date="2018-03-01T00:00:00Z">'
            f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>')


def cli(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "finalacts", *args], capture_output=True, text=True, cwd=cwd,
                          env=env)


@pytest.fixture()
def corpus(tmp_path):
    root = tmp_path / "corpus"
    (root / "resolutions" / "pp").mkdir(parents=True)
    shutil.copy(REPO / "resolutions" / "pp" / "11.yaml", root / "resolutions" / "pp" / "11.yaml")
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Secretariat", "GIT_AUTHOR_EMAIL": "sec@example.org",
           "GIT_COMMITTER_NAME": "Secretariat", "GIT_COMMITTER_EMAIL": "sec@example.org", "GITHUB_ACTIONS": ""}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "PP-14"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)
    assert cli("edition", "tag", "PP-14", cwd=root, env=env).returncode == 0
    return root, env


def proposal_docx(path: Path) -> Path:
    base = load_resolution(REPO / "resolutions" / "pp" / "11.yaml")
    first = base.sections[0]
    item = first.items[0]
    paras = [
        (None, r("Asia-Pacific Telecommunity Member Administrations")),
        (None, r("PROPOSALS FOR THE WORK OF THE CONFERENCE")),
        (None, r("Proposal ZZZ/1A1/1 - Summary: revise Resolution 11 for developing countries.")),
        (None, r("MOD") + TAB + r("ZZZ/1A1/1")),
        ("ResNo", r("RESOLUTION 11 (Rev. ") + by(AUTHOR, "del", "Busan, 2014", 1) + by(AUTHOR, "ins", "Dubai, 2018", 2)
         + r(")")),
        ("Restitle", r(base.title)),
        ("Normalaftertitle", r("The Plenipotentiary Conference of the International Telecommunication Union (")
         + by(AUTHOR, "del", "Busan, 2014", 3) + by(AUTHOR, "ins", "Dubai, 2018", 4) + r("),")),
        ("Call", r(first.heading, italic=True)),
    ]
    for k, it in enumerate(first.items):
        text = it.text.replace("*", "")
        if k == 0:
            paras.append((None, r(f"{it.num}") + TAB + r(text.rstrip(";,.")) +
                          by(AUTHOR, "ins", ", especially in developing countries", 5) + r(text[-1])))
        else:
            paras.append((None, r(f"{it.num}") + TAB + r(text)))
    for s in base.sections[1:]:
        paras.append(("Call", r(s.heading, italic=True)))
        if s.text:
            paras.append((None, r(s.text.replace("*", ""))))
        for it in s.items:
            paras.append((None, (r(it.num) + TAB if it.num else "") + r((it.text or "").replace("*", ""))))
            for sub in it.items:
                paras.append((None, (r(sub.num) + TAB if sub.num else "") + r((sub.text or "").replace("*", ""))))
    paras.append((None, r("Reasons: to support developing countries in ITU TELECOM events.")))
    assert item.num == "a)"
    return make_docx(path, paras)


def test_word_proposal_becomes_a_branch_with_one_commit_per_proposal(corpus, tmp_path):
    root, env = corpus
    doc = proposal_docx(tmp_path / "ZZZ-1A1.docx")
    proc = cli("import", "proposals", str(doc), "--branch", "--conference", "PP-18", cwd=root, env=env)
    assert proc.returncode == 0, proc.stderr
    branch = "proposals/pp-18/ZZZ-1A1"
    assert f"{branch}: " in proc.stderr and f"MOD pp/11 (Proposal: ZZZ/1A1/1), author {AUTHOR}" in proc.stderr
    repo = git.Repo(root)
    assert repo.active_branch.name == "main"      # the user's branch is left as it was
    commits = list(repo.iter_commits(f"PP-14..{branch}"))
    assert len(commits) == 1
    c = commits[0]
    assert c.author.name == AUTHOR and c.author.email.endswith(".invalid")
    assert c.message.rstrip().endswith("Proposal: ZZZ/1A1/1")
    text = (c.tree / "resolutions" / "pp" / "11.yaml").data_stream.read()
    parsed = parse(text, "resolutions/pp/11.yaml")
    assert parsed.findings == []
    res = parsed.model
    assert res.adopted[-1] == "PP-18" and res.adopted[:-1] == load_resolution(root / "resolutions/pp/11.yaml").adopted
    assert "especially in developing countries" in res.sections[0].items[0].text     # the "after" version
    manifest = parse((c.tree / "proposals" / "pp-18" / "ZZZ-1A1.yaml").data_stream.read(),
                     "proposals/pp-18/ZZZ-1A1.yaml").model
    assert (manifest.id, manifest.base, manifest.branch) == ("ZZZ/1A1", "PP-14", branch)
    (p,) = manifest.proposals
    assert (p.action, p.target, p.reasons) == ("MOD", "pp/11",
                                               "to support developing countries in ITU TELECOM events.")
    assert p.summary == "revise Resolution 11 for developing countries."
    # The gate accepts what was made.
    subprocess.run(["git", "switch", "-q", branch], cwd=root, env=env, check=True)
    gate = cli("proposal", "check", "--manifest", "proposals/pp-18/ZZZ-1A1.yaml", cwd=root, env=env)
    assert gate.returncode == 0, gate.stdout + gate.stderr


def test_branch_needs_the_base_edition_tagged(corpus, tmp_path):
    root, env = corpus
    subprocess.run(["git", "tag", "-d", "PP-14"], cwd=root, env=env, check=True, capture_output=True)
    doc = proposal_docx(tmp_path / "ZZZ-1A1.docx")
    proc = cli("import", "proposals", str(doc), "--branch", "--conference", "PP-18", cwd=root, env=env)
    assert proc.returncode == 2
    assert "the base edition PP-14 is not tagged in this repository" in proc.stderr
    assert [h.name for h in git.Repo(root).heads] == ["main"]
