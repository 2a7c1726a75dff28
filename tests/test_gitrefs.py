"""The git wall: refs resolved safely, snapshots of refs, work-tree state, commits and tags with an
explicit identity, against real repositories."""

from __future__ import annotations

import subprocess
from datetime import datetime

import git as gitpython
import pytest

from finalacts.corpus.findings import UsageError
from finalacts.git import Identity, Repository, check_ref_name, conflict_line
from gitcorpus import APT, _built, commit, corpus, edit, plain  # noqa: F401


def test_open_repo_from_a_subfolder_and_outside_any_repo(plain, tmp_path):
    repo = Repository.open(plain / "resolutions" / "pp")
    assert repo.top == plain
    outside = tmp_path / "nowhere"
    outside.mkdir()
    with pytest.raises(UsageError, match="not a git repository"):
        Repository.open(outside)


def test_resolve_tags_branches_ids_and_suffixes(plain):
    repo = Repository.open(plain)
    tagged = repo.resolve("PP-14")
    assert tagged == gitpython.Repo(plain).head.commit.hexsha  # annotated tag peeled to its commit
    assert repo.resolve("main") == tagged
    assert repo.resolve(tagged[:10]) == tagged
    edit(plain, "resolutions/pp/200.yaml", "agenda.", "agenda;")
    commit(gitpython.Repo(plain), "second")
    assert repo.resolve("HEAD~1") == tagged
    assert repo.resolve("main^") == tagged


@pytest.mark.parametrize("ref,says", [
    ("--upload-pack=touch pwned", "option"), ("-x", "option"), ("--all", "option"),
    ("PP-99", "unknown ref"), ("a..b", "not a valid name"), ("x y", "not a valid name"),
    ("refs/heads/.hidden", "not a valid name"), ("x.lock", "not a valid name"), ("", "empty"),
    ("HEAD:resolutions/pp/11.yaml", "not a valid name"), ("HEAD@{1}", "not a valid name"),
])
def test_resolve_refuses_bad_and_option_like_refs(plain, ref, says):
    repo = Repository.open(plain)
    with pytest.raises(UsageError, match=says):
        repo.resolve(ref)
    assert not (plain / "pwned").exists()


def test_check_ref_name_follows_git(plain):
    # Our rules agree with `git check-ref-format` on these names (prefixed, so none is an option).
    for name in ["PP-18", "proposals/pp-18/ACP-64A1", "a..b", "x.lock", "foo/", "-x", "a b", "a~1", "a:b"]:
        ours = True
        try:
            check_ref_name(name)
        except UsageError:
            ours = False
        theirs = subprocess.run(["git", "check-ref-format", f"refs/heads/{name}"],
                                cwd=plain, capture_output=True).returncode == 0
        if name.startswith("-"):
            theirs = False  # we refuse these on purpose, whatever git allows
        assert ours == theirs, name


def test_read_at_and_list_at(corpus):
    repo = Repository.open(corpus)
    assert b"number: 185" in repo.read_at("PP-14", "resolutions/pp/185.yaml")
    assert repo.read_at(APT, "resolutions/pp/185.yaml") is None
    assert repo.read_at("PP-14", "resolutions/pp") is None  # a folder is not a file
    assert repo.at("PP-14").list() == [f"resolutions/pp/{n}.yaml" for n in ("11", "140", "185", "200", "71")]
    assert "resolutions/pp/ACP-1.yaml" in repo.at(APT).list()
    assert repo.at("PP-14").list("proposals") == []
    assert repo.at(APT).list("proposals") == ["proposals/pp-18/ACP-64A1.yaml"]
    with pytest.raises(UsageError, match="outside the repository"):
        repo.read_at("PP-14", "../../etc/passwd")
    with pytest.raises(UsageError, match="outside the repository"):
        repo.read_at("PP-14", "/etc/passwd")


def test_commit_date(plain):
    repo = Repository.open(plain)
    info = repo.commit("PP-14")
    assert isinstance(info.date, datetime) and info.date.tzinfo is not None
    assert info.date == gitpython.Repo(plain).head.commit.committed_datetime
    assert info.sha == repo.resolve("PP-14") and info.author


def test_work_tree_state(corpus):
    repo = Repository.open(corpus)
    assert repo.current_branch() == APT
    assert repo.uncommitted() == []
    edit(corpus, "resolutions/pp/11.yaml", "transparent", "clear")
    assert repo.uncommitted() == ["resolutions/pp/11.yaml"]
    with pytest.raises(UsageError, match="uncommitted changes in resolutions/pp/11.yaml"):
        repo.require_clean()
    gitpython.Repo(corpus).git.checkout("--", "resolutions/pp/11.yaml")
    gitpython.Repo(corpus).git.checkout("--detach")
    with pytest.raises(UsageError, match="HEAD is detached"):
        repo.current_branch()


def test_changes_ancestry_and_conflict_markers(corpus):
    repo = Repository.open(corpus)
    got = {(c.status, c.path) for c in repo.changes("PP-14", APT)}
    assert got == {("A", "proposals/pp-18/ACP-64A1.yaml"), ("M", "resolutions/pp/11.yaml"),
                   ("D", "resolutions/pp/185.yaml"), ("A", "resolutions/pp/ACP-1.yaml")}
    assert repo.is_ancestor("PP-14", APT)
    assert not repo.is_ancestor(APT, "PP-14")
    assert conflict_line(b"a: 1\n<<<<<<< HEAD\nb: 2\n") == 2
    assert conflict_line(b"text: a <<<<<<< inline is fine\n") is None


def test_tags_and_branches(plain):
    repo = Repository.open(plain)
    with pytest.raises(UsageError, match="exists already"):
        repo.create_tag("PP-14", "again")
    with pytest.raises(UsageError, match="option"):
        repo.create_tag("--force", "x")
    repo.create_tag("PP-18", "Dubai", identity=Identity("Conference Secretariat", "sec@x.invalid",
                                                        "2018-11-16T12:00:00+00:00"))
    t = gitpython.Repo(plain).tags["PP-18"].tag
    assert t is not None and t.message == "Dubai"  # annotated
    assert (t.tagger.name, t.tagger.email, t.tagged_date) == ("Conference Secretariat", "sec@x.invalid", 1542369600)
    assert "PP-18" in repo.tags() and repo.tag_exists("PP-18")
    repo.create_branch("proposals/pp-18/X-1", "PP-14")
    assert repo.current_branch() == "proposals/pp-18/X-1"
    with pytest.raises(UsageError, match="exists already"):
        repo.create_branch("proposals/pp-18/X-1", "PP-14")


def test_shallow_clone_is_refused(plain, tmp_path):
    edit(plain, "resolutions/pp/200.yaml", "agenda.", "agenda;")
    commit(gitpython.Repo(plain), "second")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{plain}", str(shallow)], check=True)
    repo = Repository.open(shallow)
    assert repo.is_shallow()
    with pytest.raises(UsageError, match="shallow clone"):
        repo.require_full_history()
    assert not Repository.open(plain).is_shallow()


def test_read_all_and_full_ids(corpus):
    repo = Repository.open(corpus)
    snap = repo.at("PP-14")
    files = snap.read_all()
    assert sorted(files) == snap.list() == sorted(snap.blobs())
    assert files["resolutions/pp/185.yaml"] == repo.read_at("PP-14", "resolutions/pp/185.yaml")
    assert repo.blob_bytes(snap.blob("resolutions/pp/185.yaml")) == files["resolutions/pp/185.yaml"]
    sha = repo.resolve("PP-14")
    assert repo.resolve(sha) == sha
    tag_object = gitpython.Repo(corpus).tags["PP-14"].tag.hexsha  # an annotated tag's own id peels to its commit
    assert repo.resolve(tag_object) == sha
    with pytest.raises(UsageError, match="unknown ref"):
        repo.resolve("0" * 40)
    blob = snap.tree_id("resolutions")  # a tree is not a commit
    with pytest.raises(UsageError, match="unknown ref"):
        repo.resolve(blob)


def test_commit_all_and_merge_with_an_explicit_identity(plain, monkeypatch):
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(var, "the machine's own")
    repo = Repository.open(plain)
    before = dict(__import__("os").environ)
    repo.create_branch("proposals/pp-18/X-1", "PP-14")
    edit(plain, "resolutions/pp/200.yaml", "agenda.", "agenda;")
    apt = Identity("Asia-Pacific Telecommunity", "apt@x.invalid", "2018-01-02T03:04:05+00:00")
    sha = repo.commit_all("MOD pp/200\n\nProposal: X/1/1\n", apt)
    info = repo.commit(sha)
    assert (info.author, info.email) == ("Asia-Pacific Telecommunity", "apt@x.invalid")
    assert info.date.isoformat() == "2018-01-02T03:04:05+00:00"
    repo.checkout("main")
    assert repo.merge("proposals/pp-18/X-1", "Adopt X/1", Identity("Secretariat", "s@x.invalid")) == []
    merged = gitpython.Repo(plain).head.commit
    assert len(merged.parents) == 2 and merged.author.name == "Secretariat"
    assert dict(__import__("os").environ) == before  # nothing was changed in the process's environment


def test_merge_that_conflicts_is_aborted_and_named(plain):
    repo = Repository.open(plain)
    who = Identity("A", "a@x.invalid")
    repo.create_branch("one", "main")
    edit(plain, "resolutions/pp/200.yaml", "agenda.", "agenda, one.")
    repo.commit_all("one", who)
    repo.checkout("main")
    edit(plain, "resolutions/pp/200.yaml", "agenda.", "agenda, two.")
    repo.commit_all("two", who)
    assert repo.merge("one", "merge one", who) == ["resolutions/pp/200.yaml"]
    assert repo.uncommitted() == [] and not (plain / ".git" / "MERGE_HEAD").exists()


def test_staged_files_and_paths(corpus):
    repo = Repository.open(corpus)
    edit(corpus, "proposals/pp-18/ACP-64A1.yaml", "PP-18", "PP-18")  # unchanged bytes: nothing staged
    assert repo.staged_paths() == []
    edit(corpus, "resolutions/pp/11.yaml", "transparent", "clear")
    gitpython.Repo(corpus).git.add("resolutions/pp/11.yaml")
    assert repo.staged_paths() == ["resolutions/pp/11.yaml"]
    staged = repo.staged_files("proposals")
    assert list(staged) == ["proposals/pp-18/ACP-64A1.yaml"]
    assert staged["proposals/pp-18/ACP-64A1.yaml"] == (corpus / "proposals/pp-18/ACP-64A1.yaml").read_bytes()


def test_the_history_of_every_edition_at_once_is_that_of_each(corpus):
    """Provenance learns which commits each edition holds from one walk of their common history
    (Repository.reachable_from): the same sets as one `git rev-list` per tag."""
    from finalacts import git as fgit

    gitpython.Repo(corpus).create_tag("later", ref="HEAD", message="an annotated tag, peeled to its commit")
    repo = fgit.open_repo(corpus)
    tags = repo.tags()
    assert len(tags) >= 2
    held = repo.reachable_from(tags)
    assert held == {t: repo.reachable(t) for t in tags}
    assert len({len(h) for h in held.values()}) > 1  # editions of different lengths of history
    assert repo.reachable_from([]) == {}
