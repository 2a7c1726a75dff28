"""gitrefs: refs resolved safely, files read at a ref, work-tree state, against real repositories."""

from __future__ import annotations

import subprocess
from datetime import datetime

import git
import pytest

from finalacts import git
from finalacts.corpus.findings import UsageError
from gitcorpus import APT, _built, commit, corpus, edit, plain  # noqa: F401


def test_open_repo_from_a_subfolder_and_outside_any_repo(plain, tmp_path):
    repo = git.open_repo(plain / "resolutions" / "pp")
    assert git.top(repo) == plain
    outside = tmp_path / "nowhere"
    outside.mkdir()
    with pytest.raises(UsageError, match="not a git repository"):
        git.open_repo(outside)


def test_resolve_tags_branches_ids_and_suffixes(plain):
    repo = git.open_repo(plain)
    tagged = git.resolve(repo, "PP-14")
    assert tagged.hexsha == repo.head.commit.hexsha  # annotated tag peeled to its commit
    assert git.resolve(repo, "main") == tagged
    assert git.resolve(repo, tagged.hexsha[:10]) == tagged
    edit(plain, "resolutions/pp/200.yaml", "agenda.", "agenda;")
    commit(git.Repo(plain), "second")
    assert git.resolve(repo, "HEAD~1") == tagged
    assert git.resolve(repo, "main^") == tagged


@pytest.mark.parametrize("ref,says", [
    ("--upload-pack=touch pwned", "option"), ("-x", "option"), ("--all", "option"),
    ("PP-99", "unknown ref"), ("a..b", "not a valid name"), ("x y", "not a valid name"),
    ("refs/heads/.hidden", "not a valid name"), ("x.lock", "not a valid name"), ("", "empty"),
    ("HEAD:resolutions/pp/11.yaml", "not a valid name"), ("HEAD@{1}", "not a valid name"),
])
def test_resolve_refuses_bad_and_option_like_refs(plain, ref, says):
    repo = git.open_repo(plain)
    with pytest.raises(UsageError, match=says):
        git.resolve(repo, ref)
    assert not (plain / "pwned").exists()


def test_check_ref_name_follows_git(plain):
    # Our rules agree with `git check-ref-format` on these names (prefixed, so none is an option).
    for name in ["PP-18", "proposals/pp-18/ACP-64A1", "a..b", "x.lock", "foo/", "-x", "a b", "a~1", "a:b"]:
        ours = True
        try:
            git.check_ref_name(name)
        except UsageError:
            ours = False
        theirs = subprocess.run(["git", "check-ref-format", f"refs/heads/{name}"],
                                cwd=plain, capture_output=True).returncode == 0
        if name.startswith("-"):
            theirs = False  # we refuse these on purpose, whatever git allows
        assert ours == theirs, name


def test_read_at_and_list_at(corpus):
    repo = git.open_repo(corpus)
    assert b"number: 185" in git.read_at(repo, "PP-14", "resolutions/pp/185.yaml")
    assert git.read_at(repo, APT, "resolutions/pp/185.yaml") is None
    assert git.read_at(repo, "PP-14", "resolutions/pp") is None  # a folder is not a file
    assert git.list_at(repo, "PP-14") == [f"resolutions/pp/{n}.yaml" for n in ("11", "140", "185", "200", "71")]
    assert "resolutions/pp/ACP-1.yaml" in git.list_at(repo, APT)
    assert git.list_at(repo, "PP-14", "proposals") == []
    assert git.list_at(repo, APT, "proposals") == ["proposals/pp-18/ACP-64A1.yaml"]
    with pytest.raises(UsageError, match="outside the repository"):
        git.read_at(repo, "PP-14", "../../etc/passwd")
    with pytest.raises(UsageError, match="outside the repository"):
        git.read_at(repo, "PP-14", "/etc/passwd")


def test_commit_date(plain):
    repo = git.open_repo(plain)
    d = git.commit_date(repo, "PP-14")
    assert isinstance(d, datetime) and d.tzinfo is not None
    assert d == repo.head.commit.committed_datetime


def test_work_tree_state(corpus):
    repo = git.open_repo(corpus)
    assert git.current_branch(repo) == APT
    assert git.uncommitted(repo) == []
    edit(corpus, "resolutions/pp/11.yaml", "transparent", "clear")
    assert git.uncommitted(repo) == ["resolutions/pp/11.yaml"]
    with pytest.raises(UsageError, match="uncommitted changes in resolutions/pp/11.yaml"):
        git.require_clean(repo)
    repo.git.checkout("--", "resolutions/pp/11.yaml")
    repo.git.checkout("--detach")
    with pytest.raises(UsageError, match="HEAD is detached"):
        git.current_branch(repo)


def test_changes_ancestry_and_conflict_markers(corpus):
    repo = git.open_repo(corpus)
    got = {(c.status, c.path) for c in git.changes(repo, "PP-14", APT)}
    assert got == {("A", "proposals/pp-18/ACP-64A1.yaml"), ("M", "resolutions/pp/11.yaml"),
                   ("D", "resolutions/pp/185.yaml"), ("A", "resolutions/pp/ACP-1.yaml")}
    assert git.is_ancestor(repo, "PP-14", APT)
    assert not git.is_ancestor(repo, APT, "PP-14")
    assert git.conflict_line(b"a: 1\n<<<<<<< HEAD\nb: 2\n") == 2
    assert git.conflict_line(b"text: a <<<<<<< inline is fine\n") is None


def test_tags_and_branches(plain):
    repo = git.open_repo(plain)
    with pytest.raises(UsageError, match="exists already"):
        git.create_tag(repo, "PP-14", "again")
    with pytest.raises(UsageError, match="option"):
        git.create_tag(repo, "--force", "x")
    t = git.create_tag(repo, "PP-18", "Dubai")
    assert t.tag is not None and t.tag.message == "Dubai"  # annotated
    git.create_branch(repo, "proposals/pp-18/X-1", "PP-14")
    assert git.current_branch(repo) == "proposals/pp-18/X-1"
    with pytest.raises(UsageError, match="exists already"):
        git.create_branch(repo, "proposals/pp-18/X-1", "PP-14")


def test_shallow_clone_is_refused(plain, tmp_path):
    edit(plain, "resolutions/pp/200.yaml", "agenda.", "agenda;")
    commit(git.Repo(plain), "second")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{plain}", str(shallow)], check=True)
    repo = git.open_repo(shallow)
    assert git.is_shallow(repo)
    with pytest.raises(UsageError, match="shallow clone"):
        git.require_full_history(repo)
    assert not git.is_shallow(git.open_repo(plain))


def test_read_all_and_full_ids(corpus):
    repo = git.open_repo(corpus)
    files = git.read_all(repo, "PP-14")
    assert sorted(files) == git.list_at(repo, "PP-14")
    assert files["resolutions/pp/185.yaml"] == git.read_at(repo, "PP-14", "resolutions/pp/185.yaml")
    sha = git.resolve(repo, "PP-14").hexsha
    assert git.resolve(repo, sha).hexsha == sha
    tag_object = repo.tags["PP-14"].tag.hexsha  # an annotated tag's own id peels to its commit
    assert git.resolve(repo, tag_object).hexsha == sha
    with pytest.raises(UsageError, match="unknown ref"):
        git.resolve(repo, "0" * 40)
    blob = repo.commit(sha).tree["resolutions"].hexsha  # a tree is not a commit
    with pytest.raises(UsageError, match="unknown ref"):
        git.resolve(repo, blob)
