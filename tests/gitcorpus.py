"""Small real corpus histories in temporary git repositories, for the git-side tests.

History built by `build()`:
  main:  PP-14 (tag)  texts pp/11, pp/71 (cites Res 185), pp/140, pp/185, pp/200
  proposals/pp-18/ACP-64A1 (APT): NOC constitution, NOC pp/200, MOD pp/11, SUP pp/185, ADD pp/ACP-1
  proposals/pp-18/EUR-16A1 (CEPT, from PP-14): (MOD) pp/140, ADD pp/ECP-1
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import git

IDENTITY = {
    "GIT_AUTHOR_NAME": "Test Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Test Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def isolate(monkeypatch, tmp_path: Path) -> None:
    """Git identity from the environment; no global or system git config is read."""
    for k, v in IDENTITY.items():
        monkeypatch.setenv(k, v)
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    for var in ("GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "CI_MERGE_REQUEST_DIFF_BASE_SHA"):
        monkeypatch.delenv(var, raising=False)  # the gate's target comes from the test, not the CI running it


def res(number, title: str, adopted: list[str], resolves: str, recalling: str = "its earlier decisions;") -> str:
    """A small resolution in canonical layout."""
    num = number if isinstance(number, int) else number
    adopted_s = ", ".join(adopted)
    return (f"body: PP\nadopted: [{adopted_s}]\nnumber: {num}\ntitle: {title}\nsections:\n"
            f"  - heading: recalling\n    items:\n      - num: a)\n        text: {recalling}\n"
            f"  - heading: resolves\n    items:\n      - num: \"1\"\n        text: {resolves}\n")


BASE_TEXTS = {
    "resolutions/pp/11.yaml": res(11, "ITU Telecom events", ["PP-98", "PP-10", "PP-14"],
                                  "that ITU Telecom events shall be held in an open manner."),
    "resolutions/pp/71.yaml": res(71, "Strategic plan for the Union", ["PP-98", "PP-14"],
                                  "to adopt the strategic plan.",
                                  "Resolution 185 (Busan, 2014) of the Plenipotentiary Conference;"),
    "resolutions/pp/140.yaml": res(140, "ITU's role in WSIS", ["PP-06", "PP-14"],
                                   "to continue the work of the Union; in particular, the review."),
    "resolutions/pp/185.yaml": res(185, "Global flight tracking", ["PP-14"],
                                   "to take the necessary steps."),
    "resolutions/pp/200.yaml": res(200, "Connect 2020 agenda", ["PP-14"],
                                   "to adopt the Connect 2020 agenda."),
}


def write(root: Path, files: dict[str, str | None]) -> None:
    for rel, text in files.items():
        p = root / rel
        if text is None:
            p.unlink()
            continue
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")


def commit(repo: git.Repo, message: str) -> None:
    repo.git.add("-A")
    repo.git.commit("-q", "--no-verify", "-m", message)


def run_cli(root: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    """`finalacts ARGS` as a real process in `root`."""
    return subprocess.run([sys.executable, "-m", "finalacts", *args], cwd=root, capture_output=True,
                          text=True, input=input, env=dict(os.environ))


def init(root: Path, extra: dict[str, str] | None = None) -> git.Repo:
    """A repository holding the PP-14 edition (plus `extra` files), tagged."""
    repo = git.Repo.init(root, initial_branch="main")
    write(root, {**BASE_TEXTS, **(extra or {})})
    commit(repo, "PP-14 edition")
    repo.git.tag("-a", "PP-14", "-m", "Final Acts of the Plenipotentiary Conference (Busan, 2014)")
    return repo


def cli_ok(root: Path, *args: str) -> str:
    r = run_cli(root, *args)
    assert r.returncode == 0, (args, r.stdout, r.stderr)
    return r.stdout


def edit(root: Path, rel: str, old: str, new: str) -> None:
    p = root / rel
    text = p.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    p.write_text(text.replace(old, new), encoding="utf-8")


def build(root: Path) -> git.Repo:
    """PP-14 on main, the APT branch (NOC x2, MOD, SUP, ADD) and a CEPT branch ((MOD), ADD)."""
    repo = init(root)
    cli_ok(root, "proposal", "new", "ACP/64A1", "--conference", "PP-18", "--base", "PP-14",
           "--submitter", "Asia-Pacific Telecommunity Member Administrations",
           "--symbol", "Addendum 1 to Document 64-E", "--language", "English")
    cli_ok(root, "proposal", "add", "NOC", "constitution", "--reasons", "The Constitution stays as it is.",
           "--title", "CONSTITUTION OF THE INTERNATIONAL TELECOMMUNICATION UNION")
    cli_ok(root, "proposal", "add", "NOC", "pp/200", "--reasons", "Still relevant.")
    commit(repo, "ACP/64A1: manifest")
    cli_ok(root, "proposal", "add", "MOD", "pp/11", "--reasons", "Events open to all.")
    edit(root, "resolutions/pp/11.yaml", "in an open manner", "in an open and transparent manner")
    commit(repo, "Open and transparent Telecom events\n\nProposal: ACP/64A1/3")
    cli_ok(root, "proposal", "add", "SUP", "pp/185", "--reasons", "Its work is done.")
    commit(repo, "Suppress Res 185\n\nProposal: ACP/64A1/4")
    cli_ok(root, "proposal", "add", "ADD", "pp", "--placeholder", "ACP-1", "--reasons", "A new field of work.")
    edit(root, "resolutions/pp/ACP-1.yaml", "Title of the new resolution", "Artificial intelligence for good")
    commit(repo, "New resolution on AI\n\nProposal: ACP/64A1/5")

    repo.git.switch("main")
    cli_ok(root, "proposal", "new", "EUR/16A1", "--conference", "PP-18", "--base", "PP-14",
           "--submitter", "Member States of CEPT", "--symbol", "Document 16-E", "--language", "English")
    cli_ok(root, "proposal", "add", "(MOD)", "pp/140", "--reasons", "Editorial.")
    edit(root, "resolutions/pp/140.yaml", "the Union; in particular,", "the Union, in particular")
    cli_ok(root, "proposal", "add", "ADD", "pp", "--placeholder", "ECP-1", "--reasons", "A new text.")
    commit(repo, "CEPT proposals\n\nProposal: EUR/16A1/1\nProposal: EUR/16A1/2")
    repo.git.switch("proposals/pp-18/ACP-64A1")
    return repo


APT = "proposals/pp-18/ACP-64A1"
APT_MANIFEST = "proposals/pp-18/ACP-64A1.yaml"
EUR = "proposals/pp-18/EUR-16A1"
EUR_MANIFEST = "proposals/pp-18/EUR-16A1.yaml"


# ---------------------------------------------------------------- pytest fixtures (import them)

import shutil  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def _built(tmp_path_factory):
    base = tmp_path_factory.mktemp("built")
    with pytest.MonkeyPatch.context() as mp:
        isolate(mp, base)
        build(base / "corpus")
    return base / "corpus"


@pytest.fixture
def corpus(_built, tmp_path, monkeypatch) -> Path:
    """A fresh copy of the built history, on the APT branch, with git isolated."""
    isolate(monkeypatch, tmp_path)
    root = tmp_path / "corpus"
    shutil.copytree(_built, root, symlinks=True)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def plain(tmp_path, monkeypatch) -> Path:
    """A repository holding only the PP-14 edition, on main."""
    isolate(monkeypatch, tmp_path)
    root = tmp_path / "plain"
    init(root)
    monkeypatch.chdir(root)
    return root
