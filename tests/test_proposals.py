"""`proposal new` and `proposal add`: branch, manifest and the edit each action starts."""

from __future__ import annotations

import git
import pytest

from finalacts.corpus import layout
from finalacts.corpus.registry import load_registry
from gitcorpus import APT, APT_MANIFEST, _built, commit, corpus, edit, plain, run_cli  # noqa: F401

NEW = ["proposal", "new", "ACP/64A1", "--conference", "PP-18", "--base", "PP-14",
       "--submitter", "Asia-Pacific Telecommunity Member Administrations"]


def test_new_creates_branch_at_base_and_manifest(plain):
    repo = git.Repo(plain)
    git.Repo(plain).git.commit("--allow-empty", "-q", "-m", "after PP-14")
    r = run_cli(plain, *NEW, "--symbol", "Addendum 1 to Document 64-E", "--language", "English",
                "--date", "2018-09-14")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"on new branch {APT}; wrote {APT_MANIFEST}"
    assert repo.active_branch.name == APT
    assert repo.head.commit == repo.tags["PP-14"].commit  # based on the edition, not on main's tip
    text = (plain / APT_MANIFEST).read_text()
    assert text.startswith("id: ACP/64A1\nconference: PP-18\nbase: PP-14\n"
                           "submitter: Asia-Pacific Telecommunity Member Administrations\n"
                           "symbol: Addendum 1 to Document 64-E\ndate: \"2018-09-14\"\n")
    assert f"branch: {APT}\n" in text and "proposals: []" in text
    assert run_cli(plain, "check", APT_MANIFEST).returncode == 0


@pytest.mark.parametrize("change,says", [
    ({2: "ACP-64A1"}, "not of the form ACP/64A1"),
    ({4: "PP-99"}, "unknown conference"),
    ({6: "PP-99"}, "unknown ref 'PP-99'"),
    ({6: "--upload-pack=touch pwned"}, "could be read as an option"),
    ({6: "main"}, "is not an edition tag"),
])
def test_new_bad_input(plain, change, says):
    args = list(NEW)
    for i, v in change.items():
        args[i] = v
    r = run_cli(plain, *args)
    assert r.returncode == 2, r.stdout + r.stderr
    assert says in r.stderr and len(r.stderr.strip().splitlines()) == 1
    repo = git.Repo(plain)
    assert repo.active_branch.name == "main" and [h.name for h in repo.heads] == ["main"]
    assert not (plain / "proposals").exists() and not (plain / "pwned").exists()


def test_new_refuses_a_date_that_is_not_iso(plain):
    r = run_cli(plain, *NEW, "--date", "14.09.2018")
    assert r.returncode == 2 and r.stderr.strip() == (
        "finalacts: --date '14.09.2018' is not a date of the form 2026-12-03")
    assert [h.name for h in git.Repo(plain).heads] == ["main"]


def test_new_refuses_uncommitted_changes_and_existing_branch(plain):
    edit(plain, "resolutions/pp/11.yaml", "open manner", "fair manner")
    r = run_cli(plain, *NEW)
    assert r.returncode == 2 and "uncommitted changes in resolutions/pp/11.yaml" in r.stderr
    git.Repo(plain).git.checkout("--", ".")
    assert run_cli(plain, *NEW).returncode == 0
    git.Repo(plain).git.switch("main")
    r = run_cli(plain, *NEW)
    assert r.returncode == 2 and "exists already" in r.stderr


def test_add_each_action(plain):
    repo = git.Repo(plain)
    assert run_cli(plain, *NEW).returncode == 0
    r = run_cli(plain, "proposal", "add", "MOD", "pp/11", "--summary", "Open events")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == f"MOD ACP/64A1/1 -> pp/11 (in {APT_MANIFEST})"
    t11 = (plain / "resolutions/pp/11.yaml").read_text()
    assert "adopted: [PP-98, PP-10, PP-14, PP-18]" in t11
    from finalacts.corpus.files import load_resolution
    res = load_resolution(plain / "resolutions/pp/11.yaml")
    assert load_registry().title_line(res.body, res.number, res.adopted) == "RESOLUTION 11 (Rev. Dubai, 2018)"

    assert run_cli(plain, "proposal", "add", "ADD", "pp", "--placeholder", "ACP-1").returncode == 0
    skel = load_resolution(plain / "resolutions/pp/ACP-1.yaml")
    assert skel.number == "ACP-1" and skel.adopted == [] and skel.body == "PP"

    r = run_cli(plain, "proposal", "add", "SUP", "pp/185", "--reasons", "Done.")
    assert r.returncode == 0 and "removed resolutions/pp/185.yaml" in r.stdout
    assert not (plain / "resolutions/pp/185.yaml").exists()

    assert run_cli(plain, "proposal", "add", "NOC", "constitution", "--reasons", "Keep it.").returncode == 0
    assert run_cli(plain, "proposal", "add", "(MOD)", "pp/140").returncode == 0

    m = (plain / APT_MANIFEST).read_text()
    assert [line.strip() for line in m.splitlines() if "target:" in line] == [
        "target: pp/11", "target: pp/ACP-1", "target: pp/185", "target: constitution", "target: pp/140"]
    assert "summary: Open events" in m and "reasons: Done." in m
    assert run_cli(plain, "check").returncode == 0, run_cli(plain, "check").stdout
    # Committed with the trailers, the set passes the gate.
    repo.git.add("-A")
    repo.git.commit("-q", "-m", "all\n\nProposal: ACP/64A1/1")
    edit(plain, "resolutions/pp/140.yaml", "the Union; in particular,", "the Union, in particular")
    commit(repo, "editorial")
    r = run_cli(plain, "proposal", "check")
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("args,says", [
    (["SUP", "pp/185"], "SUP needs --reasons"),
    (["NOC", "pp/200"], "NOC needs --reasons"),
    (["MOD", "pp/999"], "resolutions/pp/999.yaml does not exist"),
    (["MOD", "../../etc/passwd"], "is not a corpus target"),
    (["MOD", "--", "-x"], "is not a corpus target"),
    (["MOD", "constitution"], "outside the corpus"),
    (["ADD", "pp"], "ADD needs --placeholder"),
    (["ADD", "pp", "--placeholder", "../x"], "ADD needs --placeholder"),
    (["ADD", "pp", "--placeholder", "ACP-1"], "exists already"),
    (["MOD", "pp/11"], "already has a proposal for pp/11"),
    (["XXX", "pp/11"], "unknown action"),
])
def test_add_bad_input_writes_nothing(corpus, args, says):
    repo = git.Repo(corpus)
    r = run_cli(corpus, "proposal", "add", *args)
    assert r.returncode == 2, r.stdout + r.stderr
    assert says in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert repo.git.status("--porcelain") == ""


def test_add_off_a_proposal_branch(corpus):
    git.Repo(corpus).git.switch("main")
    r = run_cli(corpus, "proposal", "add", "MOD", "pp/11")
    assert r.returncode == 2 and "no manifest under proposals/ names the branch 'main'" in r.stderr


def test_add_refuses_a_conflicted_target(corpus):
    edit(corpus, "resolutions/pp/140.yaml", "sections:\n", "<<<<<<< HEAD\n=======\n>>>>>>> x\nsections:\n")
    before = (corpus / APT_MANIFEST).read_text()
    r = run_cli(corpus, "proposal", "add", "MOD", "pp/140")
    assert r.returncode == 2 and "resolutions/pp/140.yaml:5:1: merge conflict marker" in r.stderr
    assert (corpus / APT_MANIFEST).read_text() == before


def test_naming():
    assert layout.manifest_relpath("PP-18", "ACP/64A1") == "proposals/pp-18/ACP-64A1.yaml"
    assert layout.branch_name("PP-18", "ACP/64A1") == "proposals/pp-18/ACP-64A1"
    assert layout.target_relpath("pp/11") == "resolutions/pp/11.yaml"
    assert layout.target_relpath("constitution") is None
