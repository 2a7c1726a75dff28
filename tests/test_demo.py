"""`finalacts demo`: the repository it builds, the documents it renders and proves, the adoption,
the redline-fidelity figure, and how it treats a folder that is not empty.

The demo runs once per module as a real process (it takes a few seconds), with no git identity
and no user configuration, as on a fresh machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import git
import pytest

from finalacts.corpus import yamlfile
from finalacts.render.verify import verify_docx
from finalacts.workflows import demo

REPO = Path(__file__).resolve().parents[1]
SEED_000 = REPO / "tests" / "fixtures" / "seeds" / "000_43c449ac4a075b0d.txt"
# The floor for the China MOD's fidelity; examples/NOTES.md, section 8, says why this value.
FIDELITY_FLOOR = 0.935
SETS = [yamlfile.load((REPO / m).read_bytes(), m).data | {"manifest": m} for m in demo.SETS]
for _s in SETS:
    _s["slug"] = _s["id"].replace("/", "-")
    _s["branch"] = f"proposals/{_s['conference'].lower()}/{_s['slug']}"


def _env(home: Path) -> dict[str, str]:
    """The environment of a fresh machine: no git identity, no global or system git config."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k != "GITHUB_ACTIONS"}
    home.mkdir(parents=True, exist_ok=True)
    env.update(HOME=str(home), GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=str(home / ".gitconfig"))
    return env


def run_demo(folder: Path, *extra: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "finalacts", "demo", str(folder), *extra],
                          cwd=cwd or folder.parent, capture_output=True, text=True, check=False,
                          env=_env(folder.parent / "home"), timeout=600)


def refs(root: Path) -> dict[str, str]:
    out = subprocess.run(["git", "for-each-ref", "--format=%(refname) %(objectname)", "refs/heads", "refs/tags"],
                         cwd=root, capture_output=True, text=True, check=True).stdout
    return dict(line.split() for line in out.splitlines())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("demo")
    proc = run_demo(base / "finalacts-demo")
    return base / "finalacts-demo", proc


@pytest.fixture(scope="module")
def root(built) -> Path:
    return built[0]


@pytest.fixture(scope="module")
def repo(root) -> git.Repo:
    return git.Repo(root)


# ---------------------------------------------------------------- the repository


def test_the_run_reports_every_step_and_ends_with_what_to_try(built):
    root, proc = built
    assert proc.stderr == ""
    out = proc.stdout
    for heading in ("1. Repository", "2. finalacts check", "3. finalacts proposal check", "4. finalacts render",
                    "5. Adoption at PP-18", "Try next:"):
        assert heading in out, heading
    assert re.search(r"numbering-duplicate \d+", out)
    # main holds the texts in force, clean; the seeds' defects are caught on the proposal branches.
    assert "   main, the texts in force: 0 errors or warnings; every one above is a defect of a proposal" in out
    assert re.search(r"and citation-not-held \d+: real texts in force", out)
    assert f"The repository is {root}" in out
    # The whole Dubai, 2018 texts the corpus holds are no text of the Busan edition, nor WTSA
    # Resolution 1 (Rev. Hammamet, 2016) of the Geneva, 2022 one: left out, and said.
    later = sorted(p.stem for p in (REPO / "resolutions" / "pp").glob("*.yaml")
                   if "PP-18" in yamlfile.load(p.read_bytes(), p.name).data["adopted"])
    left = f"left out: {len(later) + 1} texts of the corpus not last adopted at those editions"
    assert later and left in out
    named = re.search(r"left out: \d+ texts of the corpus not last adopted at those editions \(([^)]*)\)", out)[1]
    # In the order of their numbers, the decisions after the resolutions.
    by_number = sorted(later, key=lambda s: (s.startswith("decision-"), int(s.removeprefix("decision-"))))
    assert named.split(", ") == [f"pp/{n}" for n in by_number] + ["wtsa/1"]
    assert named.startswith("pp/2, pp/21, pp/41, pp/94, pp/101")
    assert not any((root / "resolutions" / "pp" / f"{n}.yaml").exists() for n in later if n != "186")
    lines = out.splitlines()
    tail = lines[lines.index("Try next:"):]
    assert any(re.fullmatch(r"   \S*finalacts edition list", ln) for ln in tail)
    assert lines.index("Try next:") > lines.index("5. Adoption at PP-18")


def test_the_blame_example_names_china_for_its_words_in_a_busan_item(built):
    out = built[1].stdout
    section = out[out.index("6. finalacts blame"):out.index("Try next:")]
    assert "resolves 3" in section
    assert "CHN/140/1 (People's Republic of China)" in section and "edition PP-14" in section


def test_editions_are_tagged_where_their_base_texts_are_in_force(repo, root):
    assert {t.name for t in repo.tags} == {"PP-14", "WTDC-17", "WTSA-20", "PP-18"}
    for tag, rel in (("PP-14", "resolutions/pp/140.yaml"), ("PP-14", "resolutions/pp/11.yaml"),
                     ("PP-14", "resolutions/pp/185.yaml"), ("WTDC-17", "resolutions/wtdc/30.yaml"),
                     ("WTSA-20", "resolutions/wtsa/75.yaml")):
        blob = repo.commit(tag).tree / rel
        assert blob.data_stream.read() == (REPO / rel).read_bytes(), (tag, rel)
    assert repo.tags["PP-14"].tag is not None, "edition tags are annotated"
    # PP-14 was cut before any WTDC or WTSA text was committed
    assert [b.path for b in (repo.commit("PP-14").tree / "resolutions").trees] == ["resolutions/pp"]


@pytest.mark.parametrize("s", SETS, ids=[s["id"] for s in SETS])
def test_each_set_has_its_branch_with_one_commit_per_proposal_by_its_submitter(repo, s):
    assert s["branch"] in {h.name for h in repo.heads}
    base = repo.commit(s["base"])
    commits = list(repo.iter_commits(f"{base.hexsha}..{s['branch']}", reverse=True))
    numbers = [p["number"] for p in s["proposals"]]
    if s["conference"] == "PP-18":  # adopted: the secretariat recorded the outcomes last, on the branch
        outcomes = commits.pop()
        assert outcomes.author.name == "Conference Secretariat" and "outcomes at PP-18" in outcomes.message
        recorded = (outcomes.tree / s["manifest"]).data_stream.read().decode("utf-8")
        # China's MOD was adopted with modifications: the text as adopted, on a committee branch
        modified = 1 if s["id"] == "CHN/140" else 0
        assert recorded.count("decision: adopted\n") == len(numbers) - modified
        assert recorded.count("decision: adopted with modifications\n") == modified
        if modified:
            assert "text: committee/pp-18/CHN-140\n" in recorded
            held = repo.commit("committee/pp-18/CHN-140").tree / "resolutions/pp/140.yaml"
            adopted = repo.commit("PP-18").tree / "resolutions/pp/140.yaml"
            assert held.data_stream.read() == adopted.data_stream.read() == (
                REPO / "examples/adopted/PP-18/resolutions/pp/140.yaml").read_bytes()
    assert len(commits) == len(numbers)
    assert commits[0].parents == (base,), "the branch starts at its base edition"
    for c, n in zip(commits, numbers):
        assert c.message.rstrip().splitlines()[-1] == f"Proposal: {s['id']}/{n}"
        assert c.author.name == s["submitter"]
        assert re.fullmatch(r"[a-z]+@proposals\.invalid", c.author.email)
    # the last commit carries the shipped manifest whole (plus the branch it lives on)
    shipped = (REPO / s["manifest"]).read_text(encoding="utf-8")
    final = (commits[-1].tree / s["manifest"]).data_stream.read().decode("utf-8")
    assert final.replace(f"branch: {s['branch']}\n", "") == shipped


def test_adoption_merges_both_pp_sets_numbers_the_draft_and_tags_pp18(repo, root):
    pp18 = repo.commit("PP-18")
    for s in SETS[:2]:
        assert repo.is_ancestor(repo.commit(s["branch"]), pp18), s["branch"]
    for s in SETS[2:]:
        assert not repo.is_ancestor(repo.commit(s["branch"]), pp18), s["branch"]
    names = {b.name for b in (pp18.tree / "resolutions" / "pp").blobs}
    assert "185.yaml" not in names and "ACP-1.yaml" not in names
    assert "186.yaml" in names  # the next number after 185, the highest this corpus holds
    chn = (pp18.tree / "resolutions/pp/140.yaml").data_stream.read()
    assert chn == (REPO / "examples/adopted/PP-18/resolutions/pp/140.yaml").read_bytes()  # as modified
    assert chn != (REPO / "examples/proposed/CHN-140/resolutions/pp/140.yaml").read_bytes()
    assert repo.head.ref.name == "main" and not repo.is_dirty(untracked_files=False)


def test_the_repository_is_reproducible_and_force_replaces_only_a_demo(tmp_path, root):
    other = tmp_path / "again"
    first = run_demo(other)
    assert first.returncode in (0, 1), first.stderr
    assert refs(other) == refs(root), "fixed identities and dates give the same commits"
    replaced = run_demo(other, "--force")
    assert replaced.returncode == first.returncode, replaced.stderr
    assert refs(other) == refs(root)
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    (stranger / "notes.txt").write_text("mine", encoding="utf-8")
    refused = run_demo(stranger, "--force")
    assert refused.returncode == 2
    assert (stranger / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert refused.stderr.count("\n") == 1 and "not a previous demo" in refused.stderr


def test_a_second_run_refuses_with_one_line_and_exit_2(root):
    before = refs(root)
    proc = run_demo(root)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "--force" in proc.stderr
    assert refs(root) == before


# ---------------------------------------------------------------- the documents


def test_every_document_is_rendered_to_docx_html_and_pdf(built):
    root, proc = built
    out = root / "out"
    names = [s["slug"] for s in SETS]
    for name in names:
        assert (out / f"{name}.docx").read_bytes()[:2] == b"PK", name
        assert "<html" in (out / f"{name}.html").read_text(encoding="utf-8").lower(), name
        if shutil.which("soffice") or shutil.which("libreoffice"):
            said = [ln for ln in proc.stdout.splitlines() if "no pdf:" in ln]  # why, if it is missing
            assert (out / f"{name}.pdf").is_file(), (name, said)
            assert (out / f"{name}.pdf").read_bytes()[:5] == b"%PDF-", name
        else:
            assert "no pdf: LibreOffice" in proc.stdout
    html = (out / "CHN-140.html").read_text(encoding="utf-8")
    assert "<del" in html and "<ins" in html


@pytest.mark.parametrize("s", SETS, ids=[s["id"] for s in SETS])
def test_each_proposal_docx_passes_the_accept_reject_proof(repo, root, s):
    head = repo.commit(s["branch"]).hexsha
    assert verify_docx(root / "out" / f"{s['slug']}.docx", s["base"], head, cwd=root) == []


def test_the_final_acts_of_pp18_are_compiled_and_proved(built):
    root, proc = built
    # China's text went in as the conference modified it, so `check --edition PP-18` accepts the
    # edition and its Final Acts are compiled: clean, with the title of the Final Acts.
    assert "refused" not in proc.stdout
    assert "Final Acts PP-18 (since PP-14): 1 ADD, 2 MOD, 1 SUP; proof holds: a clean text" in proc.stdout
    html = (root / "out" / "Final-Acts-PP-18.html").read_text(encoding="utf-8")
    assert "<title>Final Acts of the Plenipotentiary Conference (Dubai, 2018)</title>" in html
    assert verify_docx(root / "out" / "Final-Acts-PP-18.docx", "PP-18", "PP-18", cwd=root) == []


def test_a_tampered_docx_fails_the_proof(repo, root, tmp_path):
    """The proof in the test above can fail: the China document checked against the APT head."""
    apt = repo.commit(SETS[0]["branch"]).hexsha
    assert verify_docx(root / "out" / "CHN-140.docx", "PP-14", apt, cwd=root) != []


# ---------------------------------------------------------------- redline fidelity


def test_the_redline_of_the_china_mod_is_close_to_what_the_human_editor_marked(repo, root, built):
    chn = SETS[1]
    fid = demo.measure_fidelity(root, REPO, root / "out" / "CHN-140.docx", chn["base"],
                                repo.commit(chn["branch"]).hexsha)
    assert fid.ratio >= FIDELITY_FLOOR
    # better than both texts alone: the marks add what the human marked, deleted and inserted words
    assert fid.ratio > max(fid.new_only, fid.old_only)
    shown = re.search(r"annex at (\d\.\d{3})", built[1].stdout)
    assert shown and float(shown.group(1)) == pytest.approx(fid.ratio, abs=0.0005)


def test_flattening_keeps_deleted_then_inserted_words_like_the_seed():
    seed = demo.seed_annex(SEED_000.read_text(encoding="utf-8"))
    assert seed.startswith("RESOLUTION\u00a0140 (Rev.\u00a0BusanDUBAI, 20142018)")
    assert "[bookmark:" not in seed
    assert demo.words("(Rev. BusanDUBAI, 20142018)") == ["rev", "busandubai", "20142018"]
    assert demo.fidelity("a b c d", "a b c d") == 1.0
    assert demo.fidelity("a b", "c d") == 0.0

