"""Editions: numbering drafts, tagging a consistent edition, listing and showing, in real repositories."""

from __future__ import annotations

import git
import pytest

from finalacts.workflows import editions
from gitcorpus import EUR, _built, commit, corpus, edit, plain, res, run_cli, write  # noqa: F401


def _drafts(root):
    """Two drafts from two groups, citing each other, and an in-force text citing one of them."""
    acp = res("ACP-1", "Artificial intelligence", [], "to study AI; see also Resolution [ECP-1].")
    acp = "# Drafted by APT\n" + acp
    ecp = res("ECP-1", "Open data", [], "to publish data.")
    write(root, {"resolutions/pp/ACP-1.yaml": acp, "resolutions/pp/ECP-1.yaml": ecp})
    edit(root, "resolutions/pp/11.yaml", "in an open manner", "in an open manner, taking [ACP-1] into account")
    edit(root, "resolutions/pp/11.yaml", "PP-14]", "PP-14, PP-18]")
    commit(git.Repo(root), "drafts")


def _used_number_205(root):
    """Resolution 205 existed in an older edition and was suppressed: its number is used up."""
    repo = git.Repo(root)
    write(root, {"resolutions/pp/205.yaml": res(205, "Old text", ["PP-14"], "to be suppressed.")})
    commit(repo, "205")
    repo.git.tag("-a", "PP-10", "-m", "an edition that held 205")
    write(root, {"resolutions/pp/205.yaml": None})
    commit(repo, "drop 205")


def test_edition_number_on_two_drafts(plain):
    _used_number_205(plain)
    _drafts(plain)
    repo = git.Repo(plain)
    head = repo.head.commit.hexsha

    r = run_cli(plain, "edition", "number", "PP-18", "--dry-run")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["resolutions/pp/ACP-1.yaml -> 206", "resolutions/pp/ECP-1.yaml -> 207"]
    assert repo.git.status("--porcelain") == "" and repo.head.commit.hexsha == head

    r = run_cli(plain, "edition", "number", "PP-18")
    assert r.returncode == 0, r.stderr
    assert not (plain / "resolutions/pp/ACP-1.yaml").exists()
    assert not (plain / "resolutions/pp/ECP-1.yaml").exists()
    t206 = (plain / "resolutions/pp/206.yaml").read_text()
    t207 = (plain / "resolutions/pp/207.yaml").read_text()
    assert t206.startswith("# Drafted by APT\n")  # comments survive
    assert "number: 206\n" in t206 and "adopted: [PP-18]" in t206
    assert "see also Resolution 207." in t206 and "[ECP-1]" not in t206
    assert "number: 207\n" in t207 and "adopted: [PP-18]" in t207
    t11 = (plain / "resolutions/pp/11.yaml").read_text()
    assert "taking 206 into account" in t11
    assert "rewrote citations in 1 other file(s)" in r.stdout
    assert run_cli(plain, "check", "resolutions").returncode == 0


def test_edition_number_refuses_uncommitted_changes_and_writes_nothing(plain):
    _drafts(plain)
    edit(plain, "resolutions/pp/200.yaml", "agenda.", "agenda;")
    r = run_cli(plain, "edition", "number", "PP-18")
    assert r.returncode == 2 and "uncommitted changes in resolutions/pp/200.yaml" in r.stderr
    assert (plain / "resolutions/pp/ACP-1.yaml").exists() and not (plain / "resolutions/pp/201.yaml").exists()


def test_edition_number_stops_on_a_conflict_marker_before_writing(plain):
    _drafts(plain)
    edit(plain, "resolutions/pp/71.yaml", "sections:\n", "<<<<<<< HEAD\n=======\n>>>>>>> x\nsections:\n")
    commit(git.Repo(plain), "conflict left in")
    # 71 cites nothing to rewrite, so make it cite a draft: the conflict must stop everything.
    edit(plain, "resolutions/pp/71.yaml", "strategic plan.", "strategic plan [ACP-1].")
    commit(git.Repo(plain), "cite")
    r = run_cli(plain, "edition", "number", "PP-18")
    assert r.returncode == 2, r.stdout + r.stderr
    assert "resolutions/pp/71.yaml:5:1" in r.stderr and "merge conflict" in r.stderr
    assert (plain / "resolutions/pp/ACP-1.yaml").exists() and not (plain / "resolutions/pp/201.yaml").exists()


def _merged(corpus):
    repo = git.Repo(corpus)
    repo.git.switch("main")
    repo.git.merge("--no-ff", "--no-edit", "-q", "proposals/pp-18/ACP-64A1")
    repo.git.merge("--no-ff", "--no-edit", "-q", EUR)
    return repo


def test_edition_tag_waits_for_numbers_then_tags(corpus):
    repo = _merged(corpus)
    r = run_cli(corpus, "edition", "tag", "PP-18")
    assert r.returncode == 1
    assert "tag-draft" in r.stdout and "[ACP-1]" in r.stdout and "[ECP-1]" in r.stdout
    assert "PP-18" not in [t.name for t in repo.tags]
    assert run_cli(corpus, "edition", "number", "PP-18").stdout.startswith(
        "resolutions/pp/ACP-1.yaml -> 201\nresolutions/pp/ECP-1.yaml -> 202\n")
    commit(repo, "PP-18 numbering")
    r = run_cli(corpus, "edition", "tag", "PP-18")
    assert r.returncode == 0, r.stdout + r.stderr
    tag = repo.tags["PP-18"]
    assert tag.tag is not None and "Dubai, 2018" in tag.tag.message
    rows = {row.tag: row for row in editions.listing(corpus)}
    assert (rows["PP-14"].added, rows["PP-14"].modified, rows["PP-14"].suppressed) == (5, 0, 0)
    assert (rows["PP-18"].added, rows["PP-18"].modified, rows["PP-18"].suppressed) == (2, 2, 1)
    out = run_cli(corpus, "edition", "list").stdout
    assert "PP-18" in out and "ADD   2  MOD   2  SUP   1" in out and "(against PP-14)" in out


def test_edition_tag_wants_adopted_to_say_so(corpus):
    repo = _merged(corpus)
    run_cli(corpus, "edition", "number", "PP-18")
    edit(corpus, "resolutions/pp/200.yaml", "Connect 2020 agenda.", "Connect 2030 agenda.")
    edit(corpus, "resolutions/pp/71.yaml", "PP-14]", "PP-14, PP-18]")
    commit(repo, "inconsistent")
    r = run_cli(corpus, "edition", "tag", "PP-18")
    assert r.returncode == 1
    assert "resolutions/pp/200.yaml:2:10: error tag-adopted text revised since PP-14" in r.stdout
    assert "resolutions/pp/71.yaml:2:10: error tag-adopted `adopted` lists PP-18 but the text is unchanged" \
        in r.stdout
    assert "PP-18" not in [t.name for t in repo.tags]


@pytest.mark.parametrize("args,says", [
    (["edition", "tag", "PP-14"], "tag PP-14 exists already"),
    (["edition", "tag", "XX-99"], "unknown conference"),
    (["edition", "show", "--", "-x", "pp/11"], "option"),
    (["edition", "show", "--", "--upload-pack=touch pwned", "pp/11"], "option"),
    (["edition", "show", "PP-99", "pp/11"], "unknown ref"),
    (["edition", "show", "PP-14", "../../etc/passwd"], "not a corpus target"),
    (["edition", "show", "PP-14", "pp/999"], "does not exist at PP-14"),
])
def test_bad_input_exit_2(plain, args, says):
    r = run_cli(plain, *args)
    assert r.returncode == 2, r.stdout + r.stderr
    assert says in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert git.Repo(plain).git.status("--porcelain") == ""
    assert not (plain / "pwned").exists()


def test_edition_show(corpus):
    r = run_cli(corpus, "edition", "show", "PP-14", "pp/185")
    assert r.returncode == 0 and "number: 185" in r.stdout
    assert run_cli(corpus, "edition", "show", "HEAD", "pp/185").returncode == 2  # suppressed on the branch
    r = run_cli(corpus, "edition", "show", "HEAD", "pp/11", "--format", "text")
    assert r.returncode == 0, r.stderr
    assert "RESOLUTION 11 (Rev. Dubai, 2018)" in r.stdout
    assert "open and transparent manner" in r.stdout


def test_first_edition_of_a_repository_carries_texts_in_force(tmp_path, monkeypatch):
    """A repository started at PP-18 holds texts PP-18 revised and texts it left as they were: the
    first PP tag takes both, and still refuses a text that no conference adopted or that claims a
    later one."""
    from gitcorpus import isolate

    isolate(monkeypatch, tmp_path)
    root = tmp_path / "started"
    repo = git.Repo.init(root, initial_branch="main")
    write(root, {"resolutions/pp/11.yaml": res(11, "ITU Telecom events", ["PP-14", "PP-18"], "to hold them."),
                 "resolutions/pp/21.yaml": res(21, "Alternative calling", ["PP-98", "PP-14"], "to act."),
                 "resolutions/pp/30.yaml": res(30, "Unadopted", [], "to wait."),
                 "resolutions/pp/41.yaml": res(41, "Later", ["PP-14", "PP-22"], "to pay.")})
    commit(repo, "The texts in force after PP-18")
    r = run_cli(root, "edition", "tag", "PP-18")
    assert r.returncode == 1, r.stdout + r.stderr
    found = [line for line in r.stdout.splitlines() if "tag-adopted" in line]
    added = "error tag-adopted text added since the start but `adopted` does not end with PP-18"
    assert [line.split(" (fix:")[0] for line in found] == [
        f"resolutions/pp/30.yaml:2:10: {added}", f"resolutions/pp/41.yaml:2:10: {added}",
        "resolutions/pp/41.yaml:2:10: error tag-adopted `adopted` lists PP-22, later than PP-18"], r.stdout
    assert "pp/11.yaml" not in r.stdout and "pp/21.yaml" not in r.stdout

    write(root, {"resolutions/pp/30.yaml": None, "resolutions/pp/41.yaml": None})
    commit(repo, "Only the texts in force")
    r = run_cli(root, "edition", "tag", "PP-18")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "PP-18" in [t.name for t in repo.tags]
    assert run_cli(root, "edition", "show", "PP-18", "pp/21").returncode == 0

    # The next edition compares with PP-18: a text added since then must say PP-22.
    write(root, {"resolutions/pp/41.yaml": res(41, "Arrears", ["PP-14"], "to pay.")})
    commit(repo, "A text added after PP-18")
    r = run_cli(root, "edition", "tag", "PP-22")
    assert r.returncode == 1 and "resolutions/pp/41.yaml:2:10: error tag-adopted text added since PP-18" in r.stdout
