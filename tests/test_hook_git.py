"""The hooks ask git what they need without GitPython, whose import costs more than their work:
the commit-msg hook reads the branch and the index through git/worktree.py, the check hook opens
the history only for a stale translation, and importing finalacts.git loads GitPython only when
a repository is asked what git's own commands do not answer (blame and the history of a
translation do not). The findings and exit codes are those GitPython's answers gave."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import git
import pytest

from finalacts.corpus.findings import UsageError
from finalacts.git import Repository, WorkTree
from gitcorpus import APT, APT_MANIFEST, EUR, _built, corpus, edit, isolate  # noqa: F401

LANGUAGES = Path(__file__).resolve().parent / "fixtures" / "languages" / "corpus"


def _run(cwd: Path, code: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


def test_importing_the_git_wall_loads_gitpython_only_for_a_name_that_needs_it(tmp_path):
    code = ("import sys\nimport finalacts.git as g\nimport finalacts.workflows.hooks\nprint('git' in sys.modules)\n"
            "print([n for n in g.__all__ if getattr(g, n, None) is None], 'git' in sys.modules)\n"
            "print(g.open_repo == g.Repository.open, sorted(set(g.__all__) - set(dir(g))))")
    assert _run(tmp_path, code) == ["False", "[] False", "True []"]


# The look-ups of a read-only command, answered by git directly and then again through GitPython.
_LOOKUPS = """
import sys
from pathlib import Path
from finalacts import git as g

def answers(repo):
    head = repo.resolve("HEAD")
    at = repo.at(head)
    blob = at.blob("resolutions/pp/11.yaml")
    return [head, repo.resolve(head), repo.resolve("PP-14~0"), blob, at.blob("resolutions/pp"),
            at.blob("resolutions/pp/999.yaml"), repo.blob_bytes(blob).decode()[:40], sorted(repo.tags()),
            sorted(len(v) for v in repo.reachable_from(["PP-14", "HEAD"]).values()),
            repo.log("--format=%H", "-1", head), str(repo.top), str(repo.git_dir), repo.where]

repo = g.open_repo(Path("resolutions"))
direct = answers(repo)
loaded = "git" in sys.modules
repo.commit("HEAD")  # a question only GitPython answers here: it is loaded now
via = answers(g.Repository(repo._git))
print(loaded, "git" in sys.modules, direct == via)
print(direct[3] is not None and direct[4] is None and direct[5] is None, direct[7])
"""


def test_read_only_lookups_need_no_gitpython_and_agree_with_it(corpus):
    assert _run(corpus, _LOOKUPS) == ["False True True", "True ['PP-14']"]
    code = ("import sys\nfrom pathlib import Path\nfrom finalacts.provenance import blame\n"
            "b = blame.blame(Path('.'), 'pp/11')\nprint(len(b.entries) > 0, 'git' in sys.modules)")
    assert _run(corpus, code) == ["True False"]


def _commit_msg_hook(root: Path, tmp_path: Path) -> Path:
    """The commit-msg hook as git runs it, noting its exit code and whether GitPython was loaded."""
    log = tmp_path / "hook.log"
    script = tmp_path / "hook.py"
    script.write_text("import sys\nfrom finalacts.cli import main\nrc = main(['hook', 'commit-msg', sys.argv[1]])\n"
                      f"with open({str(log)!r}, 'a') as f:\n"
                      "    f.write(f\"{rc} {'git' in sys.modules}\\n\")\nsys.exit(rc)\n", encoding="utf-8")
    hook = root / ".git" / "hooks" / "commit-msg"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{script}" "$1"\n', encoding="utf-8")
    hook.chmod(0o755)
    return log


def test_a_commit_on_a_proposal_branch_goes_through_the_hook_without_gitpython(corpus, tmp_path):
    """Refused while it names no proposal, or one that does not target the text; through with its
    proposal. `git commit PATH` hands the hook a temporary index, which is the one read."""
    log = _commit_msg_hook(corpus, tmp_path)
    repo = git.Repo(corpus)
    before = repo.head.commit.hexsha
    edit(corpus, "resolutions/pp/11.yaml", "transparent", "transparent and inclusive")

    def commit(message: str, *paths: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "commit", "-q", "-m", message, *paths], cwd=corpus, capture_output=True,
                              text=True)

    r = commit("Edit 11", "resolutions/pp/11.yaml")  # not staged: only git's temporary index has it
    assert r.returncode != 0 and "hook-no-trailer" in r.stderr and "names no proposal" in r.stderr
    repo.git.add("resolutions/pp/11.yaml")
    r = commit("Edit 11")
    assert r.returncode != 0 and "commit touches resolutions/pp/11.yaml on proposal branch " + APT in r.stderr
    r = commit("Edit 11\n\nProposal: ACP/64A1/7")
    assert r.returncode != 0 and f"trailer `Proposal: ACP/64A1/7` names no proposal of {APT_MANIFEST}" in r.stderr
    r = commit("Edit 11\n\nProposal: ACP/64A1/2")
    assert r.returncode != 0 and "resolutions/pp/11.yaml:1:1: error" in r.stderr and "hook-untargeted" in r.stderr
    assert repo.head.commit.hexsha == before
    r = commit("Edit 11\n\nProposal: ACP/64A1/3")
    assert r.returncode == 0, r.stderr
    assert repo.head.commit.hexsha != before and "Proposal: ACP/64A1/3" in repo.head.commit.message
    assert log.read_text(encoding="utf-8").splitlines() == ["1 False"] * 4 + ["0 False"]


def _as_gitpython_reads(repo: git.Repo, folder: str) -> tuple:
    """What the hook asked of GitPython before: the branch, a merge under way, the staged paths and
    the index's *.yaml files under `folder` (the last stage of each path)."""
    branch = None if repo.head.is_detached else repo.active_branch.name
    staged = [p for p in repo.git.diff("--cached", "--name-only", "--no-renames", "-z").split("\0") if p]
    files = {path: entry.to_blob(repo).data_stream.read()
             for (path, _stage), entry in sorted(repo.index.entries.items())
             if path.startswith(folder + "/") and path.endswith(".yaml")}
    return (Path(repo.working_tree_dir).resolve(), branch, (Path(repo.git_dir) / "MERGE_HEAD").exists(), staged,
            files)


def _as_the_worktree_reads(start: Path, folder: str) -> tuple:
    wt = WorkTree.open(start)
    return wt.top, wt.branch(), wt.merging(), wt.staged_paths(), wt.staged_files(folder)


def test_the_work_tree_reads_what_gitpython_read(corpus, tmp_path):
    repo = git.Repo(corpus)
    states = []

    def same(start: Path, handle: git.Repo = repo, folder: str = "proposals") -> None:
        got = _as_the_worktree_reads(start, folder)
        assert got == _as_gitpython_reads(handle, folder)
        states.append(got[1:4])

    same(corpus)
    # A staged text and a staged manifest, from a subfolder.
    edit(corpus, "resolutions/pp/11.yaml", "transparent", "transparent and inclusive")
    (corpus / APT_MANIFEST).write_text((corpus / APT_MANIFEST).read_text(encoding="utf-8")
                                       + "  - number: 6\n    action: MOD\n    target: pp/140\n", encoding="utf-8")
    repo.git.add("-A")
    same(corpus / "resolutions" / "pp")
    same(corpus, folder="resolutions")
    # A merge under way (the CEPT branch into this one): git stops before committing.
    repo.git.commit("-q", "--no-verify", "-m", "Edit 11\n\nProposal: ACP/64A1/3")
    repo.git.merge("-q", "--no-ff", "--no-commit", EUR)
    same(corpus)
    repo.git.merge("--abort")
    # A detached HEAD (a rebase), and a linked worktree on another branch.
    repo.git.checkout("-q", "--detach", "HEAD~1")
    same(corpus)
    linked = tmp_path / "linked"
    repo.git.worktree("add", "-q", str(linked), "main")
    edit(linked, "resolutions/pp/140.yaml", "PP-14]", "PP-14, PP-18]")
    git.Repo(linked).git.add("-A")
    same(linked, git.Repo(linked), "resolutions")
    # A branch with no commit yet.
    fresh = git.Repo.init(tmp_path / "fresh", initial_branch="proposals/pp-18/NEW")
    (tmp_path / "fresh" / "proposals").mkdir()
    (tmp_path / "fresh" / "proposals" / "NEW.yaml").write_text("id: NEW\n", encoding="utf-8")
    fresh.git.add("-A")
    same(tmp_path / "fresh", fresh)
    assert [s[0] for s in states] == [APT] * 4 + [None, "main", "proposals/pp-18/NEW"]
    assert [s[1] for s in states] == [False] * 3 + [True] + [False] * 3


def test_where_there_is_no_work_tree_the_work_tree_says_what_the_repository_says(tmp_path):
    outside = tmp_path / "nowhere"
    outside.mkdir()
    for start in (outside, tmp_path / "missing"):
        with pytest.raises(UsageError) as light:
            WorkTree.open(start)
        with pytest.raises(UsageError) as full:
            Repository.open(start)
        assert str(light.value) == str(full.value) == f"not a git repository: {start} (nor any parent folder)"
    git.Repo.init(tmp_path / "hub.git", bare=True)
    with pytest.raises(UsageError, match="is a bare repository; run this in a clone with a work tree"):
        WorkTree.open(tmp_path / "hub.git")


@pytest.fixture
def languages(tmp_path, monkeypatch) -> Path:
    """Resolution 140 in English with its Spanish and French versions, committed."""
    isolate(monkeypatch, tmp_path)
    root = tmp_path / "corpus"
    shutil.copytree(LANGUAGES, root)
    repo = git.Repo.init(root, initial_branch="main")
    repo.git.add("-A")
    repo.git.commit("-q", "-m", "Resolution 140 in English, Spanish and French")
    return root


def test_the_check_hook_opens_the_history_only_for_a_stale_translation(languages):
    code = ("import sys\nfrom finalacts.cli import main\nrc = main(['check', 'translations/es/pp/140.yaml'])\n"
            "print(rc, 'git' in sys.modules)")
    assert _run(languages, code)[-1] == "0 False"
    en = languages / "resolutions" / "pp" / "140.yaml"
    en.write_text(en.read_text(encoding="utf-8").replace(
        "text: Resolution 113 (Marrakesh, 2002) of the Plenipotentiary Conference;",
        "text: Resolution 113 (Marrakesh, 2002) of the Plenipotentiary Conference, on WSIS;"), encoding="utf-8")
    git.Repo(languages).git.commit("-q", "-am", "MOD recalling b)")
    out = subprocess.run([sys.executable, "-c", code], cwd=languages, capture_output=True, text=True, check=True)
    # A warning: the history gives its redline, read through git itself (still no GitPython).
    assert out.stdout.splitlines()[-1] == "0 False"
    assert "translation-stale" in out.stdout and "{+Conference, on WSIS;+}" in out.stdout
