"""The commit-msg hook on real staged changes (the pre-commit wiring is in test_precommit.py)."""

from __future__ import annotations

import git

from finalacts.corpus import layout
from finalacts.workflows import hooks
from gitcorpus import APT_MANIFEST, _built, corpus, edit  # noqa: F401


def _msg(tmp_path, text):
    p = tmp_path / "COMMIT_EDITMSG"
    p.write_text(text, encoding="utf-8")
    return p


def test_trailers_parsing():
    msg = "Subject\n\nBody text.\n# Proposal: ACP/64A1/9 (a comment)\nProposal: ACP/64A1/3\nproposal:  ACP/64A1/4 \n"
    assert layout.trailers(msg) == ["ACP/64A1/3", "ACP/64A1/4"]
    verbose = "Subject\n\nProposal: ACP/64A1/1\n# ------------------------ >8 ------------------------\n+Proposal: X/1/1\n"
    assert layout.trailers(verbose) == ["ACP/64A1/1"]


def test_staged_text_needs_a_trailer_naming_its_proposal(corpus, tmp_path):
    repo = git.Repo(corpus)
    edit(corpus, "resolutions/pp/11.yaml", "transparent", "transparent and inclusive")
    repo.git.add("resolutions/pp/11.yaml")
    (got,) = hooks.commit_msg(_msg(tmp_path, "Edit 11\n"), corpus)
    assert got.rule == "hook-no-trailer" and "names no proposal" in got.message
    assert "Proposal: ACP/64A1/1" in got.hint
    got = hooks.commit_msg(_msg(tmp_path, "Edit 11\n\nProposal: ACP/64A1/7\n"), corpus)
    assert [(f.rule, f.message) for f in got][:1] == [
        ("hook-unknown-proposal", "trailer `Proposal: ACP/64A1/7` names no proposal of " + APT_MANIFEST)]
    got = hooks.commit_msg(_msg(tmp_path, "Edit 11\n\nProposal: ACP/64A1/2\n"), corpus)
    assert [(f.path, f.rule) for f in got] == [("resolutions/pp/11.yaml", "hook-untargeted")]
    assert hooks.commit_msg(_msg(tmp_path, "Edit 11\n\nProposal: ACP/64A1/3\n"), corpus) == []


def test_unstaged_edits_and_other_files_do_not_count(corpus, tmp_path):
    edit(corpus, "resolutions/pp/11.yaml", "transparent", "transparent and inclusive")  # not staged
    (corpus / "README.md").write_text("notes\n")
    git.Repo(corpus).git.add("README.md")
    assert hooks.commit_msg(_msg(tmp_path, "Notes\n"), corpus) == []


def test_off_proposal_branches_and_detached_head(corpus, tmp_path):
    repo = git.Repo(corpus)
    repo.git.switch("main")
    edit(corpus, "resolutions/pp/11.yaml", "open manner", "fair manner")
    repo.git.add("-A")
    assert hooks.commit_msg(_msg(tmp_path, "Corrigendum\n"), corpus) == []
    repo.git.stash()
    repo.git.checkout("--detach", "proposals/pp-18/ACP-64A1")
    edit(corpus, "resolutions/pp/11.yaml", "transparent", "clear")
    repo.git.add("-A")
    assert hooks.commit_msg(_msg(tmp_path, "during a rebase\n"), corpus) == []


def test_manifest_is_read_from_the_index(corpus, tmp_path):
    repo = git.Repo(corpus)
    # A proposal added to the manifest and staged with its text counts at once.
    (corpus / APT_MANIFEST).write_text((corpus / APT_MANIFEST).read_text()
                                       + "  - number: 6\n    action: MOD\n    target: pp/140\n")
    edit(corpus, "resolutions/pp/140.yaml", "PP-14]", "PP-14, PP-18]")
    repo.git.add("-A")
    assert hooks.commit_msg(_msg(tmp_path, "MOD 140\n\nProposal: ACP/64A1/6\n"), corpus) == []
    repo.git.reset("-q", APT_MANIFEST)  # unstage the manifest: proposal 6 is unknown to the index
    got = hooks.commit_msg(_msg(tmp_path, "MOD 140\n\nProposal: ACP/64A1/6\n"), corpus)
    assert got and got[0].rule == "hook-unknown-proposal"
