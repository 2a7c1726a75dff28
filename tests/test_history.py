"""`finalacts history`: the editions that adopted or revised a text and every proposal that touched it."""

from __future__ import annotations

import json

from finalacts.provenance import history as historymod
from gitcorpus import _built, cli_ok, commit, corpus, run_cli  # noqa: F401
from test_blame import _lineage, lineage  # noqa: F401


def _sup_branch(root):
    """A PP-26 set from CUBA that suppresses pp/140 (a commit) and keeps pp/11 (NOC, no commit); never merged."""
    import git

    repo = git.Repo(root)
    cli_ok(root, "proposal", "new", "CUB/9", "--conference", "PP-26", "--base", "PP-22", "--submitter", "Cuba")
    cli_ok(root, "proposal", "add", "SUP", "pp/140", "--reasons", "Its work is done.")
    commit(repo, "Suppress Res 140\n\nProposal: CUB/9/1")
    cli_ok(root, "proposal", "add", "NOC", "pp/11", "--reasons", "Still needed.")
    commit(repo, "Keep Res 11")
    repo.git.switch("main")


def test_editions_and_merged_proposals(lineage):  # noqa: F811
    _sup_branch(lineage)
    h = historymod.history(lineage, "pp/140")
    assert h.adopted == ["PP-06", "PP-14", "PP-18", "PP-22"]
    assert [(r.edition, r.status, r.tagged) for r in h.editions] == [
        ("PP-06", "adopted", False), ("PP-14", "revised", True), ("PP-18", "revised", True),
        ("PP-22", "revised", True)]
    rows = {p.id: p for p in h.proposals}
    assert set(rows) == {"ACP/64A1/1", "EUR/16A1/1", "ARB/50A1/1", "CUB/9/1"}
    assert (rows["ACP/64A1/1"].status, rows["ACP/64A1/1"].edition) == ("merged", "PP-18")
    assert (rows["EUR/16A1/1"].status, rows["EUR/16A1/1"].edition) == ("merged", "PP-18")
    assert (rows["ARB/50A1/1"].edition, rows["ARB/50A1/1"].submitter) == ("PP-22", "Arab States")
    cub = rows["CUB/9/1"]
    assert (cub.action, cub.status, cub.edition, cub.conference) == ("SUP", "not merged", None, "PP-26")
    assert cub.refs == ["proposals/pp-26/CUB-9"] and len(cub.commits) == 1


def test_noc_without_commits_and_unmerged_branches(corpus):  # noqa: F811
    h = historymod.history(corpus, "pp/200")
    (noc,) = h.proposals
    assert (noc.id, noc.action, noc.status, noc.commits) == ("ACP/64A1/2", "NOC", "not merged", [])
    h = historymod.history(corpus, "pp/140")
    (eur,) = h.proposals
    assert (eur.id, eur.action, eur.status) == ("EUR/16A1/1", "(MOD)", "not merged")
    assert [(r.edition, r.status) for r in h.editions][-1] == ("PP-14", "revised")


def test_suppressed_text_still_has_a_history(corpus):  # noqa: F811
    # pp/185 is gone on the APT branch (checked out) but in force at PP-14.
    h = historymod.history(corpus, "pp/185")
    assert [p.id for p in h.proposals] == ["ACP/64A1/4"] and h.proposals[0].action == "SUP"
    assert [(r.edition, r.status) for r in h.editions] == [("PP-14", "adopted")]


def test_cli_text_and_json(lineage):  # noqa: F811
    out = cli_ok(lineage, "history", "pp/140")
    assert "PP-18     revised" in out and "ARB/50A1/1" in out and "merged into PP-22" in out
    data = json.loads(cli_ok(lineage, "history", "pp/140", "--format", "json"))
    assert [p["id"] for p in data["proposals"]] == ["ACP/64A1/1", "EUR/16A1/1", "ARB/50A1/1"]


def test_unknown_text_is_one_line_exit_2(lineage):  # noqa: F811
    for args in (["history", "pp/999"], ["history", "999"]):
        r = run_cli(lineage, *args)
        assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_a_numbered_draft_keeps_its_add_proposal(tmp_path, monkeypatch):
    import git

    from gitcorpus import edit, init, isolate

    isolate(monkeypatch, tmp_path)
    root = tmp_path / "c"
    repo = init(root)
    cli_ok(root, "proposal", "new", "ACP/64A1", "--conference", "PP-18", "--base", "PP-14",
           "--submitter", "Asia-Pacific Telecommunity Member Administrations")
    cli_ok(root, "proposal", "add", "ADD", "pp", "--placeholder", "ACP-1")
    edit(root, "resolutions/pp/ACP-1.yaml", "Title of the new resolution", "Artificial intelligence for good")
    commit(repo, "New resolution on AI\n\nProposal: ACP/64A1/1")
    repo.git.switch("main")
    repo.git.merge("--no-ff", "-q", "-m", "Merge ACP/64A1", "proposals/pp-18/ACP-64A1")
    cli_ok(root, "edition", "number", "PP-18")
    commit(repo, "Number the drafts of PP-18")
    h = historymod.history(root, "pp/201")
    (p,) = h.proposals
    assert (p.id, p.action, p.target, p.status) == ("ACP/64A1/1", "ADD", "pp/ACP-1", "merged, in no edition yet")
    # `edition number` wrote adopted: [PP-18]; the tag is not cut yet
    assert [(r.edition, r.status, r.tagged) for r in h.editions] == [("PP-18", "adopted", False)]
    repo.git.tag("-a", "PP-18", "-m", "PP-18")
    h = historymod.history(root, "pp/201")
    assert [(r.edition, r.status, r.tagged) for r in h.editions] == [("PP-18", "adopted", True)]
    assert h.proposals[0].status == "merged" and h.proposals[0].edition == "PP-18"
    assert git.Repo(root).head.commit.message.startswith("Number")
