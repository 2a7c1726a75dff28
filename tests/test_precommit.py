"""Real pre-commit runs with this repository's hook definitions, in a temporary corpus repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import git
import pytest
from ruamel.yaml import YAML

from gitcorpus import BASE_TEXTS, cli_ok, init, isolate, res, write

HERE = Path(__file__).resolve().parents[1]
CONFIG = HERE / ".pre-commit-config.yaml"
MANIFEST = HERE / ".pre-commit-hooks.yaml"


def _yaml(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _git_commit(root: Path, message: str) -> subprocess.CompletedProcess:
    """`git commit` as a person runs it: the installed hooks run."""
    # Git hands hook output to stderr; merge the streams as a terminal would show them.
    return subprocess.run(["git", "commit", "-m", message], cwd=root, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)


@pytest.fixture
def hooked(tmp_path, monkeypatch):
    isolate(monkeypatch, tmp_path)
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-cache"))
    root = tmp_path / "corpus"
    init(root, {".pre-commit-config.yaml": CONFIG.read_text(encoding="utf-8")})
    r = subprocess.run([sys.executable, "-m", "pre_commit", "install", "--hook-type", "pre-commit",
                        "--hook-type", "commit-msg"], cwd=root, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout
    assert (root / ".git/hooks/pre-commit").exists() and (root / ".git/hooks/commit-msg").exists()
    monkeypatch.chdir(root)
    return root


def _head(root):
    return git.Repo(root).head.commit.hexsha


def test_good_commit_is_accepted(hooked):
    before = _head(hooked)
    write(hooked, {"resolutions/pp/201.yaml": res(201, "A new text", ["PP-14"], "to do good.")})
    git.Repo(hooked).git.add("-A")
    r = _git_commit(hooked, "add 201")
    assert r.returncode == 0, r.stdout
    assert _head(hooked) != before
    assert "finalacts check" in r.stdout and "Passed" in r.stdout


def test_commit_breaking_a_rule_is_refused(hooked):
    before = _head(hooked)
    bad = res(202, "Bad", ["PP-14"], "to fail.").replace("adopted:", "adoptd:")
    write(hooked, {"resolutions/pp/202.yaml": bad})
    git.Repo(hooked).git.add("-A")
    r = _git_commit(hooked, "add a broken text")
    assert r.returncode != 0
    assert _head(hooked) == before
    assert "resolutions/pp/202.yaml:" in r.stdout and "Failed" in r.stdout


def test_fixer_rewrites_fails_then_passes(hooked):
    before = _head(hooked)
    messy = "body:   PP\nnumber: 203\ntitle:   Messy layout\nadopted: [ PP-14 ]\nsections:\n- heading: resolves\n  text: to tidy up.\n"
    write(hooked, {"resolutions/pp/203.yaml": messy})
    git.Repo(hooked).git.add("-A")
    r = _git_commit(hooked, "messy")
    assert r.returncode != 0 and _head(hooked) == before
    assert "files were modified by this hook" in r.stdout
    fixed = (hooked / "resolutions/pp/203.yaml").read_text()
    assert fixed != messy and "title: Messy layout" in fixed
    git.Repo(hooked).git.add("-A")
    r = _git_commit(hooked, "tidy")
    assert r.returncode == 0, r.stdout


def test_only_staged_content_is_checked(hooked):
    write(hooked, {"resolutions/pp/204.yaml": res(204, "Staged", ["PP-14"], "to be staged.")})
    git.Repo(hooked).git.add("-A")
    # An unstaged, broken edit of the same file must neither block nor enter the commit.
    (hooked / "resolutions/pp/204.yaml").write_text("body: [unclosed\n")
    r = _git_commit(hooked, "staged only")
    assert r.returncode == 0, r.stdout
    assert (hooked / "resolutions/pp/204.yaml").read_text() == "body: [unclosed\n"
    assert "number: 204" in git.Repo(hooked).git.show("HEAD:resolutions/pp/204.yaml")


def test_commit_msg_hook_on_a_proposal_branch(hooked):
    cli_ok(hooked, "proposal", "new", "ACP/64A1", "--conference", "PP-18", "--base", "PP-14",
           "--submitter", "APT")
    cli_ok(hooked, "proposal", "add", "MOD", "pp/11")
    repo = git.Repo(hooked)
    repo.git.add("-A")
    before = _head(hooked)
    r = _git_commit(hooked, "Revise Res 11")
    assert r.returncode != 0 and _head(hooked) == before
    assert "names no proposal" in r.stdout
    r = _git_commit(hooked, "Revise Res 11\n\nProposal: ACP/64A1/9")
    assert r.returncode != 0 and "names no proposal of proposals/pp-18/ACP-64A1.yaml" in r.stdout
    r = _git_commit(hooked, "Revise Res 11\n\nProposal: ACP/64A1/1")
    assert r.returncode == 0, r.stdout
    assert "Proposal: ACP/64A1/1" in repo.head.commit.message


def test_published_hooks_match_this_repos_hooks():
    r = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout
    r = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(CONFIG)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout
    published = {h["id"]: h for h in _yaml(MANIFEST)}
    local = {h["id"]: h for repo in _yaml(CONFIG)["repos"] for h in repo["hooks"]}
    assert set(published) == set(local) == {"finalacts-fmt", "finalacts-check", "finalacts-commit-msg"}
    for hid, h in published.items():
        assert h["entry"] == local[hid]["entry"]
        assert h.get("files") == local[hid].get("files")
        assert h.get("stages") == local[hid].get("stages")
        assert local[hid]["language"] == "system"
    assert published["finalacts-fmt"]["files"] == r"^((resolutions|proposals|translations)/.*\.yaml|members\.yaml)$"
    assert BASE_TEXTS  # the fixtures these tests build on exist


# ---------------------------------------------------------------- CI templates, run as written

from gitcorpus import _built, corpus  # noqa: E402,F401

WORKFLOW = HERE / ".github/workflows/finalacts.yml"
GITLAB = HERE / "templates/gitlab-ci.yml"


def _steps():
    wf = _yaml(WORKFLOW)
    steps = wf["jobs"]["gate"]["steps"]
    return {s["name"]: s for s in steps if "name" in s and "run" in s}, steps


def _bash(root, script, env):
    # GitHub's default shell for `run:` is bash -eo pipefail.
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=root,
                          env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_github_workflow_steps_run_locally_as_in_ci(corpus, tmp_path):
    named, steps = _steps()
    checkout = [s for s in steps if s.get("uses", "").startswith("actions/checkout")][0]
    assert checkout["with"]["fetch-depth"] == 0
    out = tmp_path / "github-output"
    env = {"GITHUB_ACTIONS": "true", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "GITHUB_EVENT_NAME": "pull_request", "FINALACTS_TARGET": "main", "GITHUB_OUTPUT": str(out)}
    out.write_text("")
    r = _bash(corpus, named["What the pull request touches"]["run"], env)
    assert r.returncode == 0, r.stdout
    touched = dict(line.split("=", 1) for line in out.read_text().splitlines())
    assert touched == {"fork": git.Repo(corpus).commit("PP-14").hexsha, "proposals": "yes"}
    env["FORK"] = touched["fork"]
    r = _bash(corpus, named["finalacts check"]["run"], env)
    assert r.returncode == 0, r.stdout
    assert (corpus / "sarif/check.sarif").is_file() and (corpus / "finalacts-check.txt").is_file()
    r = _bash(corpus, named["finalacts proposal check"]["run"], env)
    assert r.returncode == 0, r.stdout
    assert r.stdout.startswith("::warning file=resolutions/pp/71.yaml,")  # annotations, as in CI
    upload = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact")]
    assert [u["with"]["path"] for u in upload] == ["sarif/", "out/"]
    # A broken proposal fails the same step.
    (corpus / "resolutions/pp/200.yaml").write_text((corpus / "resolutions/pp/200.yaml").read_text()
                                                    .replace("Connect 2020", "Connect 2030"))
    git.Repo(corpus).git.commit("-qam", "touch a NOC")
    r = _bash(corpus, named["finalacts proposal check"]["run"], env)
    assert r.returncode == 1 and "::error file=resolutions/pp/200.yaml" in r.stdout


def test_gitlab_template_runs_the_same_commands():
    gl = _yaml(GITLAB)["finalacts"]
    assert gl["variables"]["GIT_DEPTH"] == "0"
    script = "\n".join(gl["script"])
    named, _ = _steps()
    assert "finalacts check" in script
    assert "finalacts proposal check" in script and named["finalacts proposal check"]["run"].startswith(
        "finalacts proposal check")
    assert 'finalacts render "$manifest" --head HEAD -o "out/$name.docx"' in script
    render = named["Render the proposal documents"]["run"]
    assert 'finalacts render "$manifest" --head HEAD -o "out/$name.$ext"' in render
