"""What was accepted in silence now says what is wrong: `adopt`, `edition tag|number|recut`,
`check --edition|--changed-since`, `proposal new|outcome`, and a proposed text that is not YAML."""

from __future__ import annotations

import git
import pytest

from finalacts.git import Repository
from finalacts.workflows import gate
from gitcorpus import APT, APT_MANIFEST, EUR, _built, commit, corpus, edit, plain, res, run_cli, write  # noqa: F401


def _one_line_exit_2(r, needle):
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert needle in r.stderr and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


# ---------------------------------------------------------------- check


def test_check_edition_of_an_unknown_conference_is_refused(plain):
    _one_line_exit_2(run_cli(plain, "check", "--edition", "PP-99"), "--edition PP-99: unknown conference")


def test_check_changed_since_reports_only_what_the_branch_brings(plain):
    repo = git.Repo(plain)
    # A defect on main the pull request did not bring: a doubled item label in pp/71.
    edit(plain, "resolutions/pp/71.yaml", '      - num: "1"\n', '      - num: "1"\n        text: first.\n'
                                          '      - num: "1"\n')
    commit(repo, "a defect already on main")
    assert run_cli(plain, "check").returncode == 1
    repo.git.switch("-q", "-c", "proposals/pp-18/X-1")
    edit(plain, "resolutions/pp/11.yaml", "in an open manner", "in an open and transparent manner")
    commit(repo, "a clean change")
    r = run_cli(plain, "check", "--changed-since", "main")
    assert r.returncode == 0, r.stdout
    assert r.stdout.strip().splitlines()[-1] == "1 file checked: 0 errors, 1 warning in 1 file"
    assert all(line.startswith("resolutions/pp/11.yaml:") for line in r.stdout.splitlines()[:-1])
    # An uncommitted, untracked draft is part of what the branch brings, and its defect fails it.
    write(plain, {"resolutions/pp/ACP-1.yaml": res("ACP-1", "Draft", ["PP-18"], "to act.")})
    r = run_cli(plain, "check", "--changed-since", "main")
    assert r.returncode == 1 and "resolutions/pp/ACP-1.yaml:" in r.stdout and "pp/71" not in r.stdout
    write(plain, {"resolutions/pp/ACP-1.yaml": None})
    repo.git.switch("-q", "main")
    r = run_cli(plain, "check", "--changed-since", "main")
    assert r.returncode == 0 and "no corpus file is added or changed since main" in r.stderr
    _one_line_exit_2(run_cli(plain, "check", "--changed-since", "nope"), "unknown ref 'nope'")
    _one_line_exit_2(run_cli(plain, "check", "--report", "pdf:x.pdf"), "--report 'pdf:x.pdf'")


# ---------------------------------------------------------------- edition tag, number, recut


def _adopted_text_with_a_defect(root):
    """PP-18 revises pp/11 (its adopted list says so) but leaves a doubled label: check rejects it."""
    edit(root, "resolutions/pp/11.yaml", "in an open manner.", "in an open manner.\n      - num: \"1\"\n"
                                         "        text: to report.")
    edit(root, "resolutions/pp/11.yaml", "PP-14]", "PP-14, PP-18]")
    commit(git.Repo(root), "PP-18 texts")


def test_edition_tag_refuses_what_check_edition_rejects(plain):
    _adopted_text_with_a_defect(plain)
    r = run_cli(plain, "edition", "tag", "PP-18")
    assert r.returncode == 1 and "numbering-duplicate" in r.stdout and "not tagged" in r.stderr
    assert "PP-18" not in [t.name for t in git.Repo(plain).tags]
    # Published with its defects only when someone says why, and the tag keeps the reason.
    r = run_cli(plain, "edition", "tag", "PP-18", "--known-defects", "as printed in the Final Acts")
    assert r.returncode == 0 and "published with 1 error" in r.stderr
    msg = git.Repo(plain).tags["PP-18"].tag.message
    assert "Published with 1 error that `finalacts check --edition PP-18` reports: as printed in the Final Acts" in msg


def test_known_defects_never_excuse_an_inconsistent_edition(plain):
    edit(plain, "resolutions/pp/11.yaml", "in an open manner", "in an open way")
    commit(git.Repo(plain), "revised, but adopted does not say so")
    r = run_cli(plain, "edition", "tag", "PP-18", "--known-defects", "whatever")
    assert r.returncode == 1 and "tag-adopted" in r.stdout


def test_edition_number_in_the_secretariats_order(plain):
    repo = git.Repo(plain)
    write(plain, {"resolutions/pp/ACP-1.yaml": res("ACP-1", "AI", [], "to study AI."),
                  "resolutions/pp/ECP-1.yaml": res("ECP-1", "Data", [], "to publish data."),
                  "resolutions/pp/RCC-1.yaml": res("RCC-1", "Spectrum", [], "to share spectrum.")})
    commit(repo, "drafts")
    r = run_cli(plain, "edition", "number", "PP-18", "--order", "RCC-1,ACP-1=210", "--dry-run")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["resolutions/pp/RCC-1.yaml -> 201", "resolutions/pp/ACP-1.yaml -> 210",
                                     "resolutions/pp/ECP-1.yaml -> 202"]
    for order, says in (("XYZ-1", "no draft of PP"), ("ACP-1=200", "has used already"), ("ACP-1,ACP-1", "twice"),
                        ("ACP-1=x", "not PLACEHOLDER")):
        _one_line_exit_2(run_cli(plain, "edition", "number", "PP-18", "--order", order), says)


def test_recut_needs_a_reason_new_commits_and_a_consistent_head(plain):
    _one_line_exit_2(run_cli(plain, "edition", "recut", "PP-14", "--reason", "typo"), "commit the corrections first")
    _one_line_exit_2(run_cli(plain, "edition", "recut", "PP-18", "--reason", "typo"), "not tagged yet")
    _one_line_exit_2(run_cli(plain, "edition", "tag", "PP-14"), "edition recut PP-14")
    edit(plain, "resolutions/pp/11.yaml", "in an open manner", "in an open way")
    commit(git.Repo(plain), "an erratum that changes the words without saying so")
    _one_line_exit_2(run_cli(plain, "edition", "recut", "PP-14", "--reason", " "), "--reason is empty")
    r = run_cli(plain, "edition", "recut", "PP-14", "--reason", "typo")
    assert r.returncode == 0, r.stdout + r.stderr
    repo = git.Repo(plain)
    assert repo.commit("PP-14") == repo.head.commit
    assert repo.commit("errata/PP-14/1-before") == repo.head.commit.parents[0]


# ---------------------------------------------------------------- proposals


@pytest.mark.parametrize("conference,base,says", [
    ("WTDC-25", "PP-14", "base PP-14 is an edition of PP, but WTDC-25 is a WTDC conference"),
    ("PP-10", "PP-14", "base PP-14 is not earlier than PP-10"),
])
def test_proposal_new_refuses_a_base_of_another_body_or_a_later_one(plain, conference, base, says):
    r = run_cli(plain, "proposal", "new", "ACP/1", "--conference", conference, "--base", base, "--submitter", "APT")
    _one_line_exit_2(r, says)
    assert [h.name for h in git.Repo(plain).heads] == ["main"]


def test_a_proposed_text_that_is_not_yaml_fails_the_gate(corpus):
    git.Repo(corpus).git.switch(EUR)
    (corpus / "resolutions/pp/140.yaml").write_text("body: PP\nnumber: [140\n", encoding="utf-8")
    commit(git.Repo(corpus), "broken")
    report = gate.run(Repository.open(corpus), target="main")
    assert any(f.rule == "input-syntax" and f.path == "resolutions/pp/140.yaml" for f in report.findings)
    r = run_cli(corpus, "proposal", "check")
    assert r.returncode == 2 and "input-syntax" in r.stdout


def test_proposal_outcome_bad_input(corpus):
    for args, says in ((["9", "adopted", "--document", "D"], "has no proposal ACP/64A1/9"),
                       (["3", "approved", "--document", "D"], "unknown decision 'approved'"),
                       (["3", "adopted", "--document", " "], "--document is empty"),
                       (["3", "adopted with modifications", "--document", "D"], "needs --text"),
                       (["3", "adopted", "--document", "D", "--text", "main"], "--text is for"),
                       (["3", "adopted", "--document", "D", "--date", "15/11/2018"], "not a date"),
                       (["EUR/16A1/1", "adopted", "--document", "D"], "not a proposal of ACP/64A1")):
        _one_line_exit_2(run_cli(corpus, "proposal", "outcome", *args), says)
    assert run_cli(corpus, "proposal", "outcome", "3", "adopted", "--document", "Document 180").returncode == 0
    assert "outcome:\n      decision: adopted\n      document: Document 180\n" in (corpus / APT_MANIFEST).read_text()


# ---------------------------------------------------------------- adopt


def _decide(root, branch, decisions, text=None):
    repo = git.Repo(root)
    repo.git.switch("-q", branch)
    for number, decision in decisions.items():
        extra = ["--text", text] if text and decision == "adopted with modifications" else []
        assert run_cli(root, "proposal", "outcome", str(number), decision, "--document", "PL/1", *extra).returncode == 0
    commit(repo, f"outcomes on {branch}")
    repo.git.switch("-q", "main")


def test_adopt_undoes_every_merge_when_the_outcomes_do_not_decide_a_conflict(corpus):
    repo = git.Repo(corpus)
    # CEPT's (MOD) of pp/140 and a MOD of the same words on APT's branch, both simply adopted.
    repo.git.switch("-q", APT)
    assert run_cli(corpus, "proposal", "add", "MOD", "pp/140").returncode == 0
    edit(corpus, "resolutions/pp/140.yaml", "the Union; in particular,", "the Union and its Members; in particular,")
    commit(repo, "MOD pp/140\n\nProposal: ACP/64A1/6")
    _decide(corpus, APT, {n: "adopted" for n in range(1, 7)})
    _decide(corpus, EUR, {1: "adopted", 2: "withdrawn"})
    head = repo.head.commit.hexsha
    r = run_cli(corpus, "adopt", "PP-18")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "adopt-conflict" in r.stdout and "resolutions/pp/140.yaml" in r.stdout
    assert "every merge of this run was undone" in r.stderr
    assert repo.head.commit.hexsha == head and repo.git.status("--porcelain") == ""


def test_adopt_is_refused_on_a_proposal_branch_and_after_the_tag(corpus):
    _one_line_exit_2(run_cli(corpus, "adopt", "PP-18"), "is a proposal branch of PP-18")
    _one_line_exit_2(run_cli(corpus, "adopt", "PP-14"), "edition PP-14 is tagged already")
    _one_line_exit_2(run_cli(corpus, "adopt", "PP-99"), "unknown conference")
    git.Repo(corpus).git.switch("-q", "main")
    _one_line_exit_2(run_cli(corpus, "adopt", "PP-22"), "no proposal set to PP-22")
    (corpus / "notes.txt").write_text("mine\n", encoding="utf-8")
    _one_line_exit_2(run_cli(corpus, "adopt", "PP-18"), "untracked file notes.txt: adopt commits the work tree")


def test_adopt_puts_back_what_was_not_adopted(corpus):
    """Only adopted proposals change the edition: a MOD not adopted leaves its text as it was, a
    withdrawn SUP leaves the text in force, an ADD not adopted leaves no draft behind."""
    _decide(corpus, APT, {1: "noted", 2: "noted", 3: "not adopted", 4: "withdrawn", 5: "adopted"})
    _decide(corpus, EUR, {1: "adopted", 2: "not adopted"})
    repo = git.Repo(corpus)
    r = run_cli(corpus, "adopt", "PP-18")
    assert r.returncode == 0, r.stdout + r.stderr
    pp18 = repo.commit("PP-18").tree
    pp14 = repo.commit("PP-14").tree
    assert (pp18 / "resolutions/pp/11.yaml").data_stream.read() == (pp14 / "resolutions/pp/11.yaml").data_stream.read()
    assert "185.yaml" in {b.name for b in (pp18 / "resolutions/pp").blobs}
    assert "201.yaml" in {b.name for b in (pp18 / "resolutions/pp").blobs}  # APT's ADD, numbered
    assert "ECP-1.yaml" not in {b.name for b in (pp18 / "resolutions/pp").blobs}  # CEPT's ADD, not adopted
    assert "ACP/64A1: merged" in r.stdout and "EUR/16A1: merged" in r.stdout


def test_a_draft_is_read_as_the_conference_will_adopt_it(corpus):
    """'Resolution 11 (Rev. Busan, 2014) of this conference' passes in a draft, but once PP-18 adopts
    the draft, 'this conference' is Dubai, 2018: the gate says so now."""
    edit(corpus, "resolutions/pp/ACP-1.yaml", "text: …;", "text: Resolution 11 (Rev. Busan, 2014) of this conference;")
    commit(git.Repo(corpus), "cite Res 11")
    assert run_cli(corpus, "check", "resolutions/pp/ACP-1.yaml").returncode == 0
    report = gate.run(Repository.open(corpus), target="main")
    (f,) = [f for f in report.findings if f.rule == "citation-this-conference"]
    assert f.path == "resolutions/pp/ACP-1.yaml" and f.line > 1
    assert "(as PP-18 will adopt this draft)" in f.message


# ---------------------------------------------------------------- proposal rebase


def _pp18_on_main(root):
    """PP-18 revises pp/11 (recalling a)) and pp/140 (resolves 1) on main, tagged."""
    repo = git.Repo(root)
    edit(root, "resolutions/pp/11.yaml", "its earlier decisions;", "its earlier decisions and reports;")
    edit(root, "resolutions/pp/11.yaml", "PP-14]", "PP-14, PP-18]")
    edit(root, "resolutions/pp/140.yaml", "to continue the work", "to pursue the work")
    edit(root, "resolutions/pp/140.yaml", "PP-14]", "PP-14, PP-18]")
    commit(repo, "PP-18 edition")
    repo.git.tag("-a", "PP-18", "-m", "Final Acts of the Plenipotentiary Conference (Dubai, 2018)")
    return repo


def _pp22_branch(root, set_id, target, old, new):
    repo = git.Repo(root)
    repo.git.switch("-q", "main")
    assert run_cli(root, "proposal", "new", set_id, "--conference", "PP-22", "--base", "PP-14",
                   "--submitter", "Cuba", "--symbol", "Document 1-E", "--language", "Spanish").returncode == 0
    assert run_cli(root, "proposal", "add", "MOD", target, "--reasons", "Fairness.").returncode == 0
    edit(root, f"resolutions/{target}.yaml", old, new)
    commit(repo, f"MOD {target}\n\nProposal: {set_id}/1")
    return repo


def test_rebase_onto_a_new_edition_merges_and_updates_base_and_adopted(plain):
    repo = git.Repo(plain)
    repo.git.switch("-q", "-c", "start")  # the branch is cut from PP-14, before PP-18 lands on main
    repo.git.switch("-q", "main")
    _pp22_branch(plain, "CUB/1", "pp/11", "in an open manner", "in an open and fair manner")
    repo.git.switch("-q", "main")
    _pp18_on_main(plain)
    repo.git.switch("-q", "proposals/pp-22/CUB-1")
    report = gate.run(Repository.open(plain), target="main")
    assert {(f.rule, f.severity) for f in report.findings} == {("gate-base", "warning")}  # PP-18 is out
    r = run_cli(plain, "proposal", "rebase", "--onto", "PP-18")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "merged with the changes of PP-18" in r.stdout
    text = (plain / "resolutions/pp/11.yaml").read_text(encoding="utf-8")
    assert "its earlier decisions and reports;" in text and "in an open and fair manner" in text
    assert "adopted: [PP-98, PP-10, PP-14, PP-18, PP-22]" in text
    assert "base: PP-18" in (plain / "proposals/pp-22/CUB-1.yaml").read_text(encoding="utf-8")
    assert gate.run(Repository.open(plain), target="main").findings == []
    last = repo.head.commit
    assert last.message.rstrip().endswith("Proposal: CUB/1/1") and last.parents[0].parents[0] == repo.commit("PP-18")


def test_rebase_names_the_proposal_that_conflicts_and_moves_nothing(plain):
    repo = git.Repo(plain)
    _pp22_branch(plain, "CUB/2", "pp/140", "to continue the work", "to carry on the work")
    repo.git.switch("-q", "main")
    _pp18_on_main(plain)
    repo.git.switch("-q", "proposals/pp-22/CUB-2")
    head = repo.head.commit.hexsha
    r = run_cli(plain, "proposal", "rebase", "--onto", "PP-18")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "rebase-conflict MOD CUB/2/1: PP-18 changed the same words of pp/140" in r.stdout
    assert "not moved" in r.stderr
    assert repo.head.commit.hexsha == head and repo.git.status("--porcelain") == ""
    for onto, says in (("WTDC-17", "not an edition tag"), ("PP-14", "based on PP-14 already")):
        _one_line_exit_2(run_cli(plain, "proposal", "rebase", "--onto", onto), says)


def test_adopt_takes_the_hubs_copy_when_it_is_ahead_of_the_local_branch(corpus):
    """The outcomes were recorded in another clone and pushed: the local branch is behind the hub's."""
    repo = git.Repo(corpus)
    behind = repo.commit(APT).hexsha
    _decide(corpus, APT, {n: "adopted" for n in range(1, 6)})
    _decide(corpus, EUR, {1: "adopted", 2: "adopted"})
    repo.git.update_ref(f"refs/remotes/origin/{APT}", repo.commit(APT).hexsha)
    repo.git.update_ref(f"refs/heads/{APT}", behind)  # this clone never fetched the outcomes
    r = run_cli(corpus, "adopt", "PP-18")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "ACP/64A1: merged" in r.stdout and "ACP/64A1/5     ADD   pp/ACP-1       adopted (PL/1)" in r.stdout
