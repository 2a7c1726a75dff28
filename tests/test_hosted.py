"""A hosted corpus used for real: a bare repository as the hub; clones for APT, CEPT and the
secretariat, each with its own identity and the commit-msg hook installed; pull requests as GitHub
makes them (refs/pull/N/head and refs/pull/N/merge, a merge commit of the head into main, checked
out detached); a branch updated from main; two groups changing the same text (different items,
then the same item) and a SUP against a MOD; the adoption of PP-18 from recorded outcomes; errata;
and a proposal branch of the next cycle.

Every gate verdict, every `history` line and the blame of the changed words are asserted.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import git
import pytest

from finalacts.provenance import blame as blamemod
from gitcorpus import BASE_TEXTS, edit, isolate, write

APT = ("APT Editor", "editor@apt.invalid", "Asia-Pacific Telecommunity Member Administrations")
CEPT = ("CEPT Editor", "editor@cept.invalid", "Member States of CEPT")
SEC = ("Secretariat Editor", "editor@secretariat.invalid")
APT_BRANCH, EUR_BRANCH = "proposals/pp-18/ACP-64A1", "proposals/pp-18/EUR-16A1"
APT_MANIFEST, EUR_MANIFEST = "proposals/pp-18/ACP-64A1.yaml", "proposals/pp-18/EUR-16A1.yaml"
P140, P185 = "resolutions/pp/140.yaml", "resolutions/pp/185.yaml"
BASE_R1 = "to continue the work of the Union; in particular, the review."
APT_R1 = "to continue the work of the Union in close cooperation with UNESCO; in particular, the review."
EUR_R1 = "to continue the work of the Union and its Members; in particular, the review."
COMMITTEE_R1 = ("to continue the work of the Union in close cooperation with UNESCO and its Members; "
                "in particular, the review.")

WTDC_30 = """body: WTDC
number: 30
title: Role of the ITU Telecommunication Development Sector
adopted: [WTDC-17]
sections:
  - heading: recalling
    items:
      - num: a)
        text: its earlier decisions;
  - heading: resolves
    items:
      - num: "1"
        text: to foster development.
"""

ACP_1 = """body: PP
number: ACP-1
title: Artificial intelligence for good
adopted: []
sections:
  - heading: considering
    items:
      - num: a)
        text: that artificial intelligence offers new opportunities;
  - heading: resolves
    items:
      - num: "1"
        text: to study the role of ITU in artificial intelligence.
"""

DECIDED = "Document 180 (PL/3)"


class Clone:
    """One participant's clone of the hub, with its own identity and the commit-msg hook."""

    def __init__(self, root: Path, who: tuple[str, ...]):
        self.root = root
        self.repo = git.Repo(root)
        with self.repo.config_writer() as cw:
            cw.set_value("user", "name", who[0])
            cw.set_value("user", "email", who[1])
        hook = root / ".git" / "hooks" / "commit-msg"
        hook.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m finalacts hook commit-msg "$1"\n', encoding="utf-8")
        hook.chmod(0o755)
        self.git = self.repo.git

    def run(self, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "finalacts", *args], cwd=self.root, capture_output=True,
                              text=True, env={**os.environ, **(env or {})})

    def ok(self, *args: str) -> str:
        r = self.run(*args)
        assert r.returncode == 0, (args, r.stdout, r.stderr)
        return r.stdout

    def commit(self, message: str) -> str:
        """Commit everything, through the commit-msg hook (never --no-verify)."""
        self.git.add("-A")
        self.git.commit("-q", "-m", message)
        return self.repo.head.commit.hexsha

    def verdict(self, *args: str, env: dict | None = None) -> tuple[int, set]:
        r = self.run("proposal", "check", "--format", "json", *args, env=env)
        assert r.returncode in (0, 1), (r.stdout, r.stderr)
        return r.returncode, {(f["rule"], f["path"], f["severity"]) for f in json.loads(r.stdout)["findings"]}


def _clone(hub: Path, dest: Path, who) -> Clone:
    git.Repo.clone_from(hub, dest)
    return Clone(dest, who)


def _pull_request(hub: Path, work: Path, number: int, branch: str) -> None:
    """refs/pull/N/head and refs/pull/N/merge on the hub, as GitHub makes them: the merge ref is a
    merge commit of the PR head into main's tip, "Merge <head> into <base>"."""
    repo = git.Repo(work)
    repo.git.fetch("-q", "origin")
    head = repo.commit(f"origin/{branch}").hexsha
    base = repo.commit("origin/main").hexsha
    repo.git.checkout("-q", "--detach", base)
    repo.git.merge("--no-ff", "-q", "--no-verify", "-m", f"Merge {head} into {base}", head)
    repo.git.push("-q", "origin", f"{head}:refs/pull/{number}/head", f"HEAD:refs/pull/{number}/merge")
    repo.git.checkout("-q", "main")


WORKFLOW = Path(__file__).resolve().parents[1] / ".github/workflows/finalacts.yml"
EXPRESSION = re.compile(r"\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}")


def _run_workflow(root: Path, tmp: Path) -> dict:
    """The shipped workflow's shell steps, in order, as GitHub runs them on a pull request to main
    (bash -eo pipefail, GITHUB_OUTPUT per step, GITHUB_STEP_SUMMARY); `uses:` steps and installs
    are GitHub's own. Returns each step's exit code, the outputs and the summary."""
    from ruamel.yaml import YAML

    steps = YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["gate"]["steps"]
    summary = tmp / "summary.md"
    base = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main", "GITHUB_ACTIONS": "true",
            "FINALACTS_TARGET": "origin/main", "GITHUB_STEP_SUMMARY": str(summary)}
    outputs: dict[str, dict[str, str]] = {"documents": {"artifact-url": "https://example.invalid/artifacts/1"}}
    codes: dict[str, int] = {}
    for k, step in enumerate(steps):
        if "run" not in step or step["name"].startswith(("Install", "Verdict")):
            continue
        out = tmp / f"output-{k}"
        out.write_text("", encoding="utf-8")
        env = {**base, "GITHUB_OUTPUT": str(out)}
        for name, value in (step.get("env") or {}).items():
            env[name] = EXPRESSION.sub(lambda m: outputs.get(m.group(1), {}).get(m.group(2), ""), str(value))
        r = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=root,
                           env=env, capture_output=True, text=True, timeout=600)
        assert r.returncode == 0 or step.get("continue-on-error"), (step["name"], r.stdout, r.stderr)
        codes[step["name"]] = r.returncode
        if "id" in step:
            outputs[step["id"]] = dict(line.split("=", 1) for line in out.read_text().splitlines() if "=" in line)
    return {"codes": codes, "outputs": outputs, "summary": summary.read_text(encoding="utf-8")}


def _ci_checkout(hub: Path, dest: Path, number: int) -> Clone:
    """What actions/checkout does for a pull request: the merge ref, detached, with every branch and tag."""
    repo = git.Repo.clone_from(hub, dest)
    repo.git.fetch("-q", "--tags", "origin", f"+refs/pull/{number}/merge:refs/remotes/pull/{number}/merge")
    repo.git.checkout("-q", "--detach", f"pull/{number}/merge")
    return Clone(dest, ("CI", "ci@example.invalid"))


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    """The whole scenario, step by step; each step's observable result is kept for the tests."""
    tmp = tmp_path_factory.mktemp("hosted")
    seen: dict = {}
    with pytest.MonkeyPatch.context() as mp:
        isolate(mp, tmp)
        for k in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
            mp.delenv(k, raising=False)  # each clone commits as its own identity
        hub = tmp / "hub.git"
        git.Repo.init(hub, bare=True, initial_branch="main")

        # The secretariat publishes PP-14, then WTDC-17 on main.
        sec = _clone(hub, tmp / "secretariat", SEC)
        write(sec.root, BASE_TEXTS)
        sec.commit("PP-14 edition")
        sec.ok("edition", "tag", "PP-14")
        sec.git.push("-q", "origin", "main", "--tags")

        # APT: MOD pp/140 (resolves 1), MOD pp/185, ADD pp/ACP-1.
        apt = _clone(hub, tmp / "apt", APT)
        apt.ok("proposal", "new", "ACP/64A1", "--conference", "PP-18", "--base", "PP-14", "--submitter", APT[2],
               "--symbol", "Addendum 1 to Document 64-E", "--language", "English")
        apt.ok("proposal", "add", "MOD", "pp/140", "--reasons", "UNESCO shares the work.")
        edit(apt.root, P140, BASE_R1, APT_R1)
        apt.commit("Cooperation with UNESCO\n\nProposal: ACP/64A1/1")
        apt.ok("proposal", "add", "MOD", "pp/185", "--reasons", "The work is urgent.")
        edit(apt.root, P185, "the necessary steps.", "the necessary steps without delay.")
        apt.commit("Without delay\n\nProposal: ACP/64A1/2")
        apt.ok("proposal", "add", "ADD", "pp", "--placeholder", "ACP-1", "--reasons", "A new field of work.")
        write(apt.root, {"resolutions/pp/ACP-1.yaml": ACP_1})
        apt.commit("AI for good\n\nProposal: ACP/64A1/3")
        apt.git.push("-q", "origin", APT_BRANCH)

        # CEPT: MOD pp/140 (recalling a), another item), SUP pp/185 (against APT's MOD).
        cept = _clone(hub, tmp / "cept", CEPT)
        cept.ok("proposal", "new", "EUR/16A1", "--conference", "PP-18", "--base", "PP-14", "--submitter", CEPT[2],
                "--symbol", "Addendum 1 to Document 16-E", "--language", "English")
        cept.ok("proposal", "add", "MOD", "pp/140", "--reasons", "Reports count too.")
        edit(cept.root, P140, "its earlier decisions;", "its earlier decisions and reports;")
        cept.commit("Reports too\n\nProposal: EUR/16A1/1")
        cept.ok("proposal", "add", "SUP", "pp/185", "--reasons", "Its work is done.")
        cept.commit("Suppress Res 185\n\nProposal: EUR/16A1/2")
        cept.git.push("-q", "origin", EUR_BRANCH)

        # Main moves on: the secretariat publishes WTDC-17 after the branches were cut.
        write(sec.root, {"resolutions/wtdc/30.yaml": WTDC_30})
        sec.commit("WTDC-17 edition")
        sec.ok("edition", "tag", "WTDC-17")
        sec.git.push("-q", "origin", "main", "--tags")

        for c in (apt, cept):
            c.git.fetch("-q", "--tags", "origin")
        seen["apt head"] = apt.verdict()
        seen["cept head"] = cept.verdict()

        # Pull requests, and CI on their merge refs (GitHub's variables name the target branch).
        _pull_request(hub, sec.root, 1, APT_BRANCH)
        _pull_request(hub, sec.root, 2, EUR_BRANCH)
        ci1 = _ci_checkout(hub, tmp / "ci1", 1)
        seen["apt merge ref"] = ci1.verdict(env={"GITHUB_BASE_REF": "main"})
        seen["apt merge ref from its base"] = ci1.verdict("--target", "PP-14")  # the diff from the base edition
        ci2 = _ci_checkout(hub, tmp / "ci2", 2)
        seen["cept merge ref"] = ci2.verdict(env={"GITHUB_BASE_REF": "main"})
        seen["merge ref parents"] = [p.hexsha for p in ci2.repo.head.commit.parents]

        # The shipped GitHub workflow on PR 2, checked out at the PR head as it does.
        ci3 = git.Repo.clone_from(hub, tmp / "ci3")
        ci3.git.fetch("-q", "--tags", "origin", "+refs/pull/2/head:refs/remotes/pull/2/head")
        ci3.git.checkout("-q", "--detach", "pull/2/head")
        seen["workflow"] = _run_workflow(tmp / "ci3", tmp_path_factory.mktemp("runner"))
        seen["workflow fork"] = ci3.git.merge_base("origin/main", "HEAD")
        seen["workflow files"] = sorted(str(p.relative_to(tmp / "ci3")) for d in ("out", "sarif")
                                        for p in (tmp / "ci3" / d).iterdir())
        seen["workflow sarif"] = json.loads((tmp / "ci3/sarif/gate.sarif").read_text(encoding="utf-8"))

        # CEPT updates its branch from main ("Update branch"): a merge commit, through the hook.
        cept.git.merge("-q", "--no-ff", "-m", "Merge main into proposals/pp-18/EUR-16A1", "origin/main")
        seen["cept update"] = [p.hexsha for p in cept.repo.head.commit.parents]
        seen["cept updated"] = cept.verdict()

        # An unannounced edit is refused at the line it changed.
        edit(cept.root, "resolutions/pp/11.yaml", "in an open manner", "in an open way")
        cept.git.add("-A")
        cept.git.commit("-q", "--no-verify", "-m", "stray edit")
        r = cept.run("proposal", "check")
        seen["cept stray"] = (r.returncode, r.stdout)
        cept.git.reset("-q", "--hard", "HEAD~1")

        # Then CEPT changes the same item APT changed.
        edit(cept.root, P140, BASE_R1, EUR_R1)
        cept.commit("Its Members\n\nProposal: EUR/16A1/1")
        cept.git.push("-q", "origin", EUR_BRANCH)
        seen["cept same item"] = cept.verdict()
        sec.git.fetch("-q", "origin")
        seen["compare"] = sec.run("compare", "pp/140")

        # After the conference: adopt refuses while outcomes are missing, and changes nothing.
        before = sec.repo.head.commit.hexsha
        seen["adopt, no outcomes"] = sec.run("adopt", "PP-18")
        seen["adopt, no outcomes, head"] = sec.repo.head.commit.hexsha == before

        # The committee's text of pp/140, then the outcomes on each branch.
        sec.git.switch("-q", "-c", "committee/pp-18/COM5", "origin/main")
        edit(sec.root, P140, BASE_R1, COMMITTEE_R1)
        edit(sec.root, P140, "its earlier decisions;", "its earlier decisions and reports;")
        edit(sec.root, P140, "adopted: [PP-06, PP-14]", "adopted: [PP-06, PP-14, PP-18]")
        sec.commit("Committee 5: pp/140 as adopted")
        sec.git.push("-q", "origin", "committee/pp-18/COM5")
        sec.git.switch("-q", APT_BRANCH)
        sec.ok("proposal", "outcome", "1", "adopted", "--document", DECIDED)
        sec.ok("proposal", "outcome", "ACP/64A1/2", "not adopted", "--document", DECIDED)
        sec.ok("proposal", "outcome", "3", "adopted", "--document", DECIDED, "--date", "2018-11-15")
        sec.commit("ACP/64A1: outcomes at PP-18")
        sec.git.switch("-q", EUR_BRANCH)
        sec.ok("proposal", "outcome", "1", "adopted with modifications", "--document", DECIDED,
               "--text", "committee/pp-18/COM5")
        sec.ok("proposal", "outcome", "2", "adopted", "--document", DECIDED)
        sec.commit("EUR/16A1: outcomes at PP-18")
        sec.git.push("-q", "origin", APT_BRANCH, EUR_BRANCH)
        sec.git.switch("-q", "main")
        seen["adopt"] = sec.run("adopt", "PP-18")
        sec.git.push("-q", "origin", "main", "--tags")
        seen["history 140"] = sec.ok("history", "pp/140")
        seen["history 185"] = sec.ok("history", "pp/185")
        seen["blame"] = blamemod.blame(sec.root, "pp/140", ref="PP-18")
        seen["pp18"] = {p: sec.repo.commit("PP-18").tree[p].data_stream.read().decode()
                        for p in ("resolutions/pp/140.yaml", "resolutions/pp/201.yaml", "resolutions/pp/11.yaml")}
        seen["pp18 names"] = sorted(b.name for b in sec.repo.commit("PP-18").tree["resolutions/pp"].blobs)

        # The next cycle: APT proposes to PP-22 from PP-18; the PP-18 manifests on main are history.
        apt.git.fetch("-q", "--tags", "origin")
        apt.git.switch("-q", "main")
        apt.git.merge("-q", "--ff-only", "origin/main")
        apt.ok("proposal", "new", "ACP/72A1", "--conference", "PP-22", "--base", "PP-18", "--submitter", APT[2],
               "--symbol", "Addendum 1 to Document 64-E", "--language", "English")
        apt.ok("proposal", "add", "MOD", "pp/201", "--reasons", "A report is needed.")
        edit(apt.root, "resolutions/pp/201.yaml", "to study the role", "to study and report on the role")
        apt.commit("Study and report\n\nProposal: ACP/72A1/1")
        seen["next cycle"] = apt.verdict()

        # Errata: the secretariat corrects PP-18 and re-cuts it; clones take the moved tag by force.
        edit(sec.root, "resolutions/pp/201.yaml", "offers new opportunities", "offers new opportunities for all")
        sec.commit("PP-18 erratum: 'for all' in Resolution 201")
        seen["recut"] = sec.run("edition", "recut", "PP-18", "--reason", "Resolution 201: 'for all'")
        sec.git.push("-q", "--force", "origin", "main", "--tags")
        seen["fetch tags"] = subprocess.run(["git", "fetch", "-q", "--tags", "origin"], cwd=apt.root,
                                            capture_output=True, text=True).returncode
        seen["fetch tags force"] = subprocess.run(["git", "fetch", "-q", "--tags", "--force", "origin"],
                                                  cwd=apt.root, capture_output=True, text=True).returncode
        seen["apt PP-18"] = apt.repo.commit("PP-18").hexsha == sec.repo.commit("PP-18").hexsha
        seen["tag message"] = sec.repo.tags["PP-18"].tag.message

        # APT's PP-22 branch was cut from PP-18 as first published: the gate says so, and
        # `proposal rebase` moves it onto the corrected edition, keeping its change and the erratum.
        seen["next cycle, stale"] = apt.verdict()
        seen["rebase"] = apt.run("proposal", "rebase", "--onto", "PP-18")
        seen["next cycle, rebased"] = apt.verdict()
        seen["rebased 201"] = (apt.root / "resolutions/pp/201.yaml").read_text(encoding="utf-8")
        seen["rebased blame"] = blamemod.blame(apt.root, "pp/201")
    return seen


# ---------------------------------------------------------------- the gate, relative to the target


def test_branch_heads_pass_and_main_moving_on_is_not_their_doing(hosted):
    assert hosted["apt head"] == (0, set())
    sup = {("gate-sup-cited", "resolutions/pp/71.yaml", "warning")}  # pp/71 cites Resolution 185
    assert hosted["cept head"] == (0, sup)


def test_a_merge_ref_gives_the_verdict_of_its_branch_head(hosted):
    assert hosted["apt merge ref"] == hosted["apt head"]
    assert hosted["cept merge ref"] == hosted["cept head"]
    assert len(hosted["merge ref parents"]) == 2, "GitHub's merge ref is a merge commit"
    # Diffed from the base edition, the merge ref holds main's WTDC-17 too, as if the PR had brought it.
    assert hosted["apt merge ref from its base"] == (1, {("gate-unannounced", "resolutions/wtdc/30.yaml", "error")})


def test_a_branch_updated_from_main_passes_the_hook_and_the_gate(hosted):
    assert len(hosted["cept update"]) == 2, "the merge commit went through the commit-msg hook"
    assert hosted["cept updated"] == hosted["cept head"]


def test_an_unannounced_edit_points_at_the_line_it_changed(hosted):
    rc, out = hosted["cept stray"]
    assert rc == 1
    line = next(x for x in out.splitlines() if "gate-unannounced" in x)
    number = BASE_TEXTS["resolutions/pp/11.yaml"].splitlines().index(
        "        text: that ITU Telecom events shall be held in an open manner.") + 1
    assert line.startswith(f"resolutions/pp/11.yaml:{number}:1: error gate-unannounced"), line


def test_the_same_item_changed_by_two_groups_is_a_clash_in_compare(hosted):
    assert hosted["cept same item"] == hosted["cept head"]  # each branch is still right on its own
    r = hosted["compare"]
    assert r.returncode == 1, r.stdout + r.stderr
    assert "against PP-14" in r.stdout.splitlines()[0]
    assert "! resolves 1 — CLASH: ACP/64A1/1, EUR/16A1/1 change it differently" in r.stdout
    assert r.stdout.rstrip().endswith("1 clash")


# ---------------------------------------------------------------- adoption


def test_adopt_refuses_without_outcomes_and_changes_nothing(hosted):
    r = hosted["adopt, no outcomes"]
    assert r.returncode == 1 and hosted["adopt, no outcomes, head"]
    missing = sorted(x.split(": error adopt-outcome ")[1].split(" has no outcome")[0]
                     for x in r.stdout.splitlines() if "adopt-outcome" in x)
    assert missing == ["ACP/64A1/1", "ACP/64A1/2", "ACP/64A1/3", "EUR/16A1/1", "EUR/16A1/2"]
    assert "nothing merged" in r.stderr


def test_adopt_applies_the_outcomes_numbers_and_tags(hosted):
    r = hosted["adopt"]
    assert r.returncode == 0, r.stdout + r.stderr
    assert "ACP/64A1: merged" in r.stdout and "EUR/16A1: merged" in r.stdout
    assert "resolutions/pp/ACP-1.yaml -> 201" in r.stdout and "tagged PP-18" in r.stdout
    texts = hosted["pp18"]
    assert COMMITTEE_R1 in " ".join(texts[P140].split()) and "its earlier decisions and reports;" in texts[P140]
    assert "adopted: [PP-06, PP-14, PP-18]" in texts[P140]
    assert "number: 201" in texts["resolutions/pp/201.yaml"]
    assert "adopted: [PP-18]" in texts["resolutions/pp/201.yaml"]
    assert texts["resolutions/pp/11.yaml"] == BASE_TEXTS["resolutions/pp/11.yaml"]
    # APT's MOD of pp/185 was not adopted; CEPT's SUP was.
    assert "185.yaml" not in hosted["pp18 names"] and "ACP-1.yaml" not in hosted["pp18 names"]


def test_history_shows_outcomes(hosted):
    lines = hosted["history 140"].splitlines()
    assert lines[lines.index("editions:") + 1:lines.index("proposals:") - 1] == [
        "  PP-06     adopted  (no edition tag in this repository)",
        "  PP-14     revised",
        "  PP-18     revised",
    ]
    rows = [x for x in lines[lines.index("proposals:") + 1:] if not x.startswith("      on:")]
    assert rows == [
        f"  ACP/64A1/1     MOD    pp/140     PP-18   adopted at PP-18, {DECIDED}  — {APT[2]}",
        f"  EUR/16A1/1     MOD    pp/140     PP-18   adopted with modifications at PP-18, {DECIDED}  — {CEPT[2]}",
    ]
    lines = hosted["history 185"].splitlines()
    assert lines[lines.index("editions:") + 1:lines.index("proposals:") - 1] == [
        "  PP-14     adopted", "  PP-18     suppressed"]
    rows = [x for x in lines[lines.index("proposals:") + 1:] if not x.startswith("      on:")]
    assert rows == [
        f"  ACP/64A1/2     MOD    pp/185     PP-18   not adopted at PP-18, {DECIDED}  — {APT[2]}",
        f"  EUR/16A1/2     SUP    pp/185     PP-18   adopted at PP-18, {DECIDED}  — {CEPT[2]}",
    ]


def _phrases(b, where):
    e = next(e for e in b.entries if e.where == where)
    return [(s.text.strip(), b.origins[s.origin].proposal or f"{b.origins[s.origin].author} (no proposal)",
             b.origins[s.origin].edition) for s in e.spans]


def test_blame_credits_each_group_for_its_words(hosted):
    b = hosted["blame"]
    base = ("Secretariat Editor (no proposal)", "PP-14")
    assert _phrases(b, "resolves 1") == [
        ("to continue the work of the Union", *base),
        ("in close cooperation with UNESCO", "ACP/64A1/1", "PP-18"),
        ("and its Members", "EUR/16A1/1", "PP-18"),
        ("; in particular, the review.", *base)]
    assert _phrases(b, "recalling a)") == [("its earlier decisions", *base), ("and reports", "EUR/16A1/1", "PP-18"),
                                           (";", *base)]


# ---------------------------------------------------------------- errata and the next cycle


def test_the_next_cycle_sees_only_its_own_manifest(hosted):
    assert hosted["next cycle"] == (0, set())


def test_errata_recut_the_edition_with_a_record_and_clones_fetch_it_by_force(hosted):
    r = hosted["recut"]
    assert r.returncode == 0, r.stdout + r.stderr
    assert "erratum 1" in r.stdout and "errata/PP-18/1-before" in r.stdout
    assert "Erratum 1: Resolution 201: 'for all' (replaces " in hosted["tag message"]
    assert hosted["fetch tags"] != 0, "a moved tag is refused by a plain fetch"
    assert hosted["fetch tags force"] == 0 and hosted["apt PP-18"]


def test_rebase_moves_an_open_branch_onto_the_corrected_edition(hosted):
    rc, found = hosted["next cycle, stale"]
    assert rc == 1 and found == {("gate-base", "proposals/pp-22/ACP-72A1.yaml", "error")}
    r = hosted["rebase"]
    assert r.returncode == 0, r.stdout + r.stderr
    assert "ACP/72A1/1     MOD   pp/201         merged with the changes of PP-18" in r.stdout
    assert "proposals/pp-22/ACP-72A1: based on PP-18 (was PP-18" in r.stdout
    assert hosted["next cycle, rebased"] == (0, set())
    text = hosted["rebased 201"]
    assert "offers new opportunities for all;" in text and "to study and report on the role" in text
    assert "adopted: [PP-18, PP-22]" in text
    b = hosted["rebased blame"]
    assert ("and report on", "ACP/72A1/1", None) in _phrases(b, "resolves 1")
    assert ("for all", "Secretariat Editor (no proposal)", "PP-18") in _phrases(b, "considering a)")


def test_the_shipped_workflow_on_a_pull_request(hosted):
    w = hosted["workflow"]
    assert w["outputs"]["touched"] == {"fork": hosted["workflow fork"], "proposals": "yes"}
    assert w["codes"]["finalacts check"] == 0 and w["codes"]["finalacts proposal check"] == 0
    assert hosted["workflow files"] == ["out/EUR-16A1.docx", "out/EUR-16A1.html", "out/EUR-16A1.pdf",
                                        "sarif/check.sarif", "sarif/gate.sarif"]
    (result,) = hosted["workflow sarif"]["runs"][0]["results"]
    assert result["ruleId"] == "gate-sup-cited" and result["partialFingerprints"]["finalacts/v1"]
    summary = w["summary"]
    assert summary.startswith("## finalacts\n### check (the files this pull request adds or changes)\n")
    assert "2 files checked: 0 errors, 1 warning in 1 file" in summary
    assert "### proposal check" in summary and "gate-sup-cited" in summary
    assert "#### pp/140: 2 proposal(s) against PP-14, 0 clashes" in summary
    assert "|  | recalling a) |  | a) its earlier decisions **and reports**; |" in summary
    assert "- **CLASH**: EUR/16A1/2 suppresses the text that ACP/64A1/2 modifies\n\n| | where |" in summary
    assert "|  | resolves 1 | 1 to take the necessary steps **without delay**. | SUP |" in summary
    assert "[proposal-documents](https://example.invalid/artifacts/1):\n- EUR-16A1.docx\n" in summary
