"""`finalacts proposal check`: each rule on a broken variant of a real proposal branch."""

from __future__ import annotations

import subprocess

import git
import pytest

from finalacts.git import Repository
from finalacts.workflows import gate
from gitcorpus import APT, APT_MANIFEST, EUR, EUR_MANIFEST, _built, commit, corpus, edit, plain, run_cli, write  # noqa: F401


def found(root, **kw):
    report = gate.run(Repository.open(root), **kw)
    return report, {(f.rule, f.path, f.severity) for f in report.findings}


def errors(root, **kw):
    report, got = found(root, **kw)
    return {(rule, path) for rule, path, sev in got if sev == "error"}


def test_apt_branch_passes_with_one_warning_for_a_still_cited_sup(corpus):
    report, got = found(corpus)
    assert got == {("gate-sup-cited", "resolutions/pp/71.yaml", "warning")}
    assert report.manifests == [APT_MANIFEST]
    assert report.files == 3  # pp/11 modified, pp/185 removed, pp/ACP-1 added, nothing else
    w = report.findings[0]
    assert (w.line, w.col) > (1, 1), "the warning points at the citing text"
    r = run_cli(corpus, "proposal", "check")
    assert r.returncode == 0, r.stderr
    assert run_cli(corpus, "proposal", "check", "--strict").returncode == 1


def test_second_branch_from_another_group_passes(corpus):
    git.Repo(corpus).git.switch(EUR)
    report, got = found(corpus)
    assert got == set()
    assert report.manifests == [EUR_MANIFEST]


def test_both_sets_merged_each_file_owned_once(corpus):
    repo = git.Repo(corpus)
    repo.git.merge("--no-edit", "-q", EUR)
    report, got = found(corpus)
    assert sorted(report.manifests) == [APT_MANIFEST, EUR_MANIFEST]
    assert {g[0] for g in got} == {"gate-sup-cited"}


def test_numbering_gap_and_duplicate(corpus):
    edit(corpus, APT_MANIFEST, "  - number: 5\n", "  - number: 7\n")
    commit(git.Repo(corpus), "gap")
    assert ("gate-numbering", APT_MANIFEST) in errors(corpus)
    edit(corpus, APT_MANIFEST, "  - number: 7\n", "  - number: 4\n")
    commit(git.Repo(corpus), "duplicate")
    report, _ = found(corpus)
    msgs = [f.message for f in report.findings if f.rule == "gate-numbering"]
    assert msgs == ["proposal number 4 where 5 was expected: numbers run 1..N in order"]


def test_sup_and_noc_need_reasons(corpus):
    edit(corpus, APT_MANIFEST, "    reasons: Its work is done.\n", "")
    edit(corpus, APT_MANIFEST, "    reasons: Still relevant.\n", "")
    commit(git.Repo(corpus), "no reasons")
    report, _ = found(corpus)
    assert sorted(f.message for f in report.findings if f.rule == "gate-reasons") == [
        "NOC ACP/64A1/2 has no reasons", "SUP ACP/64A1/4 has no reasons"]


def test_unannounced_change_is_refused(corpus):
    edit(corpus, "resolutions/pp/71.yaml", "to adopt the strategic plan.", "to adopt a new strategic plan.")
    commit(git.Repo(corpus), "sneaky edit")
    assert ("gate-unannounced", "resolutions/pp/71.yaml") in errors(corpus)


def test_mod_must_change_its_target_and_update_adopted(corpus):
    edit(corpus, APT_MANIFEST, "proposals:\n", "proposals:\n")  # keep layout; append an entry by hand
    (corpus / APT_MANIFEST).write_text((corpus / APT_MANIFEST).read_text()
                                       + "  - number: 6\n    action: MOD\n    target: pp/140\n")
    edit(corpus, "resolutions/pp/11.yaml", "PP-14, PP-18]", "PP-14]")
    commit(git.Repo(corpus), "bad mods")
    got = errors(corpus)
    assert ("gate-mod-unchanged", APT_MANIFEST) in got
    assert ("gate-mod-adopted", "resolutions/pp/11.yaml") in got


def test_editorial_mod_changes_only_punctuation_case_spacing(corpus):
    repo = git.Repo(corpus)
    repo.git.switch(EUR)
    assert errors(corpus) == set()
    edit(corpus, "resolutions/pp/140.yaml", "the Union, in particular", "the Union and its Members, in particular")
    commit(repo, "not editorial")
    assert errors(corpus) == {("gate-editorial", "resolutions/pp/140.yaml")}


def test_editorial_definition():
    old = {"title": "ITU's role", "adopted": ["PP-14"], "sections": [{"heading": "resolves", "text": "a; b"}]}
    # Case, spacing, the apostrophe's shape and `adopted` are not words.
    assert gate.is_editorial(old, {**old, "title": "ITU’s  Role", "adopted": ["PP-14", "PP-18"]})
    assert gate.is_editorial(old, {**old, "sections": [{"heading": "Resolves", "text": "a, b."}]})
    assert not gate.is_editorial(old, {**old, "sections": [{"heading": "resolves", "text": "a; c"}]})
    assert not gate.is_editorial(old, {**old, "sections": [{"heading": "resolves", "text": "a; b"},
                                                           {"heading": "resolves", "text": "a; b"}]})


def test_noc_target_must_stay_untouched(corpus):
    edit(corpus, "resolutions/pp/200.yaml", "Connect 2020", "Connect 2030")
    commit(git.Repo(corpus), "touch a NOC")
    assert errors(corpus) == {("gate-noc-changed", "resolutions/pp/200.yaml")}


def test_sup_target_must_be_removed(corpus):
    repo = git.Repo(corpus)
    repo.git.checkout("PP-14", "--", "resolutions/pp/185.yaml")
    commit(repo, "restore 185")
    assert errors(corpus) == {("gate-sup-present", APT_MANIFEST)}


def test_add_needs_its_new_file_with_the_placeholder_number(corpus):
    edit(corpus, "resolutions/pp/ACP-1.yaml", "number: ACP-1", "number: ACP-2")
    commit(git.Repo(corpus), "wrong number")
    assert errors(corpus) == {("gate-add", "resolutions/pp/ACP-1.yaml")}
    (corpus / "resolutions/pp/ACP-1.yaml").unlink()
    commit(git.Repo(corpus), "no file")
    assert ("gate-add", APT_MANIFEST) in errors(corpus)


def test_add_placeholder_must_be_unique(corpus):
    write(corpus, {"resolutions/wtdc/ACP-1.yaml": (corpus / "resolutions/pp/ACP-1.yaml").read_text()
                   .replace("body: PP", "body: WTDC")})
    commit(git.Repo(corpus), "same placeholder elsewhere")
    report, _ = found(corpus)
    assert any(f.rule == "gate-add" and "also used by resolutions/wtdc/ACP-1.yaml" in f.message
               for f in report.findings)


def test_target_named_twice_or_missing_from_base(corpus):
    (corpus / APT_MANIFEST).write_text((corpus / APT_MANIFEST).read_text()
                                       + "  - number: 6\n    action: MOD\n    target: pp/11\n"
                                       + "  - number: 7\n    action: MOD\n    target: pp/999\n")
    commit(git.Repo(corpus), "twice")
    report, _ = found(corpus)
    msgs = [f.message for f in report.findings if f.rule == "gate-target"]
    assert "ACP/64A1/6 names pp/11, already named by ACP/64A1/3" in msgs
    assert any("resolutions/pp/999.yaml is not in the base edition PP-14" in m for m in msgs)


def test_stale_base_reports_the_rebase_command(corpus):
    repo = git.Repo(corpus)
    repo.git.switch("main")
    edit(corpus, "resolutions/pp/200.yaml", "agenda.", "agenda;")
    commit(repo, "PP-14 corrigendum")
    repo.git.tag("-d", "PP-14")
    repo.git.tag("-a", "PP-14", "-m", "re-cut")
    fork = repo.git.rev_parse("HEAD~1")[:12]
    repo.git.switch(APT)
    report, _ = found(corpus)
    base = [f for f in report.findings if f.rule == "gate-base"]
    assert len(base) == 1 and base[0].severity == "error"
    assert base[0].hint == f"git rebase --onto PP-14 {fork} {APT}"
    # Following the advice makes the finding go away.
    repo.git.rebase("--onto", "PP-14", fork, APT)
    assert not [f for f in gate.run(Repository.open(corpus)).findings if f.rule == "gate-base"]


def test_older_edition_as_base_is_a_warning_with_the_command(corpus):
    repo = git.Repo(corpus)
    repo.git.tag("-a", "PP-10", "-m", "older", "PP-14")
    edit(corpus, APT_MANIFEST, "base: PP-14", "base: PP-10")
    commit(repo, "claims PP-10")
    report, got = found(corpus)
    stale = [f for f in report.findings if f.rule == "gate-base"]
    assert stale and stale[0].severity == "warning"
    assert stale[0].hint.startswith(f"git rebase --onto PP-14 PP-10 {APT}")


def test_github_annotations(corpus):
    r = run_cli(corpus, "proposal", "check", "--format", "github")
    assert r.returncode == 0
    assert r.stdout.startswith("::warning file=resolutions/pp/71.yaml,line=")
    assert "title=gate-sup-cited::" in r.stdout


# ---------------------------------------------------------------- bad input: exit 2, one line


def _one_line_exit_2(r):
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    return r.stderr


@pytest.mark.parametrize("args,says", [
    (["--base", "PP-99"], "unknown ref 'PP-99'"),
    (["--base=--upload-pack=touch pwned"], "could be read as an option"),
    (["--head", "-x"], "could be read as an option"),
    (["--base", "a..b"], "is not a valid name"),
])
def test_bad_refs(corpus, args, says):
    before = git.Repo(corpus).git.status("--porcelain")
    err = _one_line_exit_2(run_cli(corpus, "proposal", "check", *args))
    assert says in err
    assert git.Repo(corpus).git.status("--porcelain") == before
    assert not (corpus / "pwned").exists()


@pytest.mark.parametrize("base,says", [("--upload-pack=touch pwned", "could be read as an option"),
                                       ("PP-99", "unknown ref 'PP-99'")])
def test_manifest_base_from_the_pull_request_is_untrusted(corpus, base, says):
    edit(corpus, APT_MANIFEST, "base: PP-14", f"base: {base}" if not base.startswith("-") else f'base: "{base}"')
    commit(git.Repo(corpus), "odd base")
    report, got = found(corpus)
    assert {(g[0], g[1]) for g in got if g[2] == "error"} == {("gate-base", APT_MANIFEST)}
    assert says in report.findings[0].message
    assert not (corpus / "pwned").exists()


def test_target_outside_resolutions(corpus):
    edit(corpus, APT_MANIFEST, "target: pp/11", "target: ../../etc/passwd")
    commit(git.Repo(corpus), "escape")
    r = run_cli(corpus, "proposal", "check")
    assert r.returncode == 2
    assert "points outside resolutions/" in r.stdout


def test_conflict_marker_left_in_a_file(corpus):
    edit(corpus, "resolutions/pp/11.yaml", "sections:\n", "<<<<<<< HEAD\n=======\n>>>>>>> other\nsections:\n")
    commit(git.Repo(corpus), "oops")
    r = run_cli(corpus, "proposal", "check")
    assert r.returncode == 2
    assert "resolutions/pp/11.yaml:5:1: error gate-conflict" in r.stdout


def test_uncommitted_changes(corpus):
    edit(corpus, "resolutions/pp/11.yaml", "open and transparent", "open")
    err = _one_line_exit_2(run_cli(corpus, "proposal", "check"))
    assert "uncommitted changes in resolutions/pp/11.yaml" in err
    # Checking a named head does not look at the work tree.
    assert run_cli(corpus, "proposal", "check", "--head", APT).returncode == 0


def test_shallow_clone(corpus, tmp_path):
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", APT, f"file://{corpus}", str(shallow)],
                   check=True)
    err = _one_line_exit_2(run_cli(shallow, "proposal", "check"))
    assert "shallow clone" in err and "fetch-depth: 0" in err


def test_detached_head_in_ci_is_fine_but_not_for_proposal_add(corpus):
    repo = git.Repo(corpus)
    repo.git.checkout("--detach", APT)
    assert run_cli(corpus, "proposal", "check").returncode == 0
    err = _one_line_exit_2(run_cli(corpus, "proposal", "add", "NOC", "pp/140", "--reasons", "x"))
    assert "HEAD is detached" in err


# ---------------------------------------------------------------- gate-sup-cited reads citations

CITING = (
    "  - heading: recalling\n    items:\n"
    "      - num: a)\n        text: Resolutions 71 and 185 (Busan, 2014) of the Plenipotentiary Conference;\n"
    "      - num: b)\n        text: Resolution\u00a0185 (Busan, 2014);\n"
    "      - num: c)\n        text: RESOLUTION 185 (BUSAN, 2014);\n"
    "      - num: d)\n        text: Resolution 185 (Rev. Busan, 2014) of this conference;\n"
    "      - num: e)\n        text: Resolution 185 of this conference;\n"
    "      - num: f)\n        text: Resolution 185 (Hammamet, 2016) of the World Telecommunication "
    "Standardization Assembly;\n"
    "      - num: g)\n        text: Resolution 185 (Rev. Buenos Aires, 2017);\n"
    "      - num: h)\n        text: Resolution 185 of the World Telecommunication Development Conference;\n"
    "      - num: i)\n        text: Resolutions 18 and 1850, Council Resolution 185 and Resolution 186;\n"
    "      - num: j)\n        text: >-\n"
    "          the tracking of civil aircraft, which is the subject of the work of the Union as\n"
    "          in Resolution 185 (Busan, 2014) of the Plenipotentiary Conference,\n"
)
WTDC_CITING = (
    "body: WTDC\nnumber: 30\ntitle: Role of ITU-D\nadopted: [WTDC-14, WTDC-17]\nsections:\n"
    "  - heading: recalling\n    items:\n"
    "      - num: a)\n        text: Resolution 185 of this conference;\n"
    "      - num: b)\n        text: Resolution 185 (Busan, 2014) of the Plenipotentiary Conference,\n"
    "  - heading: resolves\n    items:\n      - num: \"1\"\n        text: to act.\n"
)


def _at(root, rel, needle, skip: str = ""):
    """(line, col) of `needle` in the file (a space may be a line break), `skip` characters after it."""
    from rulecase import where

    line, col = where(root / rel, needle)
    return line, col + len(skip)


def test_sup_cited_reports_each_citation_of_the_suppressed_text_where_it_stands(corpus):
    edit(corpus, "resolutions/pp/11.yaml",
         "  - heading: recalling\n    items:\n      - num: a)\n        text: its earlier decisions;\n", CITING)
    write(corpus, {"resolutions/wtdc/30.yaml": WTDC_CITING})
    commit(git.Repo(corpus), "texts that cite Resolution 185 in every way")
    report, _ = found(corpus)
    got = sorted((f.path, f.line, f.col) for f in report.findings if f.rule == "gate-sup-cited")
    pp11, pp71, wtdc = "resolutions/pp/11.yaml", "resolutions/pp/71.yaml", "resolutions/wtdc/30.yaml"
    assert got == sorted([
        (pp11, *_at(corpus, pp11, "Resolutions 71 and 185", "Resolutions 71 and ")),
        (pp11, *_at(corpus, pp11, "Resolution\u00a0185")),
        (pp11, *_at(corpus, pp11, "RESOLUTION 185")),
        (pp11, *_at(corpus, pp11, "Resolution 185 (Rev. Busan")),
        (pp11, *_at(corpus, pp11, "Resolution 185 of this conference")),
        (pp11, *_at(corpus, pp11, "Resolution 185 (Busan, 2014) of the Plenipotentiary Conference,")),
        (pp71, *_at(corpus, pp71, "Resolution 185")),
        (wtdc, *_at(corpus, wtdc, "Resolution 185 (Busan")),
    ])
    msgs = {f.message for f in report.findings if f.rule == "gate-sup-cited"}
    assert "'RESOLUTION 185 (BUSAN, 2014)' cites Resolution 185, which SUP ACP/64A1/4 suppresses" in msgs


# ---------------------------------------------------------------- bookkeeping: files, ignore:, config


def _manifest(set_id: str, conference: str, base: str, *proposals: str) -> str:
    lines = [f"id: {set_id}", f"conference: {conference}", f"base: {base}", "submitter: Test", "proposals:"]
    for n, target in enumerate(proposals, start=1):
        lines += [f"  - number: {n}", "    action: MOD", f"    target: {target}"]
    return "\n".join(lines) + "\n"


def test_files_of_groups_with_different_bases_are_each_counted_once(plain):
    """Two manifests on one branch, based on PP-14 and PP-18: the diff from PP-14 holds three files
    (pp/200 changed by PP-18, pp/11 and pp/140 by the branch), the one from PP-18 two of them."""
    repo = git.Repo(plain)
    edit(plain, "resolutions/pp/200.yaml", "Connect 2020 agenda.", "Connect 2030 agenda.")
    commit(repo, "PP-18 edition")
    repo.git.tag("-a", "PP-18", "-m", "Final Acts of the Plenipotentiary Conference (Dubai, 2018)")
    repo.git.switch("-q", "-c", "proposals/two-bases")
    edit(plain, "resolutions/pp/11.yaml", "in an open manner", "in an open and transparent manner")
    edit(plain, "resolutions/pp/140.yaml", "the review.", "the review and its follow-up.")
    write(plain, {"proposals/pp-18/AAA-1.yaml": _manifest("AAA/1", "PP-18", "PP-14", "pp/11"),
                  "proposals/pp-22/BBB-1.yaml": _manifest("BBB/1", "PP-22", "PP-18", "pp/140")})
    commit(repo, "two sets, two bases")
    report, _ = found(plain)
    assert sorted(report.manifests) == ["proposals/pp-18/AAA-1.yaml", "proposals/pp-22/BBB-1.yaml"]
    assert report.files == 3
    # Against the branch it goes to (main, at PP-18), the branch changed two files: pp/200 is main's.
    report, _ = found(plain, target="main")
    assert report.files == 2
    r = run_cli(plain, "proposal", "check")
    assert "2 files checked" in r.stdout, r.stdout


def _ignore(root, number: int | None, rule: str) -> None:
    """`ignore: [rule]` on proposal `number` of the APT manifest, or on the whole set (None)."""
    if number is None:
        edit(root, APT_MANIFEST, "proposals:\n", f"ignore: [{rule}]\nproposals:\n")
    else:
        edit(root, APT_MANIFEST, f"  - number: {number}\n", f"  - number: {number}\n    ignore: [{rule}]\n")


def _drop_pp18_from_11(root):
    edit(root, "resolutions/pp/11.yaml", "PP-14, PP-18]", "PP-14]")


def _change_noc_200(root):
    edit(root, "resolutions/pp/200.yaml", "Connect 2020", "Connect 2030")


# (what breaks, the rule, the file it is reported in, the proposal it is about, another proposal)
ABOUT = [
    (_drop_pp18_from_11, "gate-mod-adopted", "resolutions/pp/11.yaml", 3, 2),
    (_change_noc_200, "gate-noc-changed", "resolutions/pp/200.yaml", 2, 3),
    (lambda root: None, "gate-sup-cited", "resolutions/pp/71.yaml", 4, 3),
]


@pytest.mark.parametrize("breaks,rule,rel,owner,other", ABOUT, ids=[a[1] for a in ABOUT])
def test_a_proposals_ignore_silences_what_the_gate_says_about_it_in_its_target(corpus, breaks, rule, rel,
                                                                             owner, other):
    breaks(corpus)
    repo = git.Repo(corpus)
    if repo.is_dirty():
        commit(repo, "broken")
    assert (rule, rel) in {(r, p) for r, p, _ in found(corpus)[1]}
    _ignore(corpus, other, rule)
    commit(repo, "ignore on another proposal")
    assert (rule, rel) in {(r, p) for r, p, _ in found(corpus)[1]}, "another proposal's ignore: silenced it"
    repo.git.checkout("HEAD~1", "--", APT_MANIFEST)
    _ignore(corpus, owner, rule)
    commit(repo, "ignore on the proposal")
    assert rule not in {r for r, _, _ in found(corpus)[1]}
    repo.git.checkout("HEAD~2", "--", APT_MANIFEST)
    _ignore(corpus, None, rule)
    commit(repo, "ignore on the set")
    assert rule not in {r for r, _, _ in found(corpus)[1]}


def test_editorial_finding_is_silenced_by_the_mod_proposals_ignore(corpus):
    repo = git.Repo(corpus)
    repo.git.switch(EUR)
    edit(corpus, "resolutions/pp/140.yaml", "the Union, in particular", "the Union and its Members, in particular")
    edit(corpus, EUR_MANIFEST, "  - number: 1\n", "  - number: 1\n    ignore: [gate-editorial]\n")
    commit(repo, "not editorial, and says so")
    assert errors(corpus) == set()


def test_a_sets_ignore_does_not_silence_another_sets_finding(corpus):
    repo = git.Repo(corpus)
    repo.git.merge("--no-edit", "-q", EUR)
    _drop_pp18_from_11(corpus)
    edit(corpus, "resolutions/pp/140.yaml", "PP-14, PP-18]", "PP-14]")
    _ignore(corpus, None, "gate-mod-adopted")
    commit(repo, "both sets forget PP-18; only APT says to ignore it")
    assert {(r, p) for r, p in errors(corpus) if r == "gate-mod-adopted"} == {
        ("gate-mod-adopted", "resolutions/pp/140.yaml")}


def test_corpus_configuration_applies_to_the_gate(corpus):
    repo = git.Repo(corpus)
    assert "gate-sup-cited" in run_cli(corpus, "proposal", "check").stdout
    write(corpus, {"pyproject.toml": '[tool.finalacts]\ndisable = ["gate-sup-cited"]\n'})
    commit(repo, "this corpus does not warn about citations of suppressed texts")
    r = run_cli(corpus, "proposal", "check", "--strict")
    assert r.returncode == 0, (r.stdout, r.stderr)
    assert "gate-sup-cited" not in r.stdout
    write(corpus, {"pyproject.toml": '[tool.finalacts.severity]\ngate-sup-cited = "error"\n'})
    commit(repo, "and now it is an error")
    r = run_cli(corpus, "proposal", "check")
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "error gate-sup-cited" in r.stdout


def test_a_bad_corpus_configuration_stops_the_gate_in_one_line(corpus):
    write(corpus, {"pyproject.toml": '[tool.finalacts]\ndisable = ["gate-nonsense"]\n'})
    commit(git.Repo(corpus), "a typo")
    err = _one_line_exit_2(run_cli(corpus, "proposal", "check"))
    assert "pyproject.toml:2: [tool.finalacts] disable: unknown rule 'gate-nonsense'" in err


def test_a_members_pull_request_to_its_groups_branch(corpus):
    """A member administration's branch off the APT set, going to that set's branch: the set's
    manifest is in play although the member did not change it, and only the member's edit is judged."""
    repo = git.Repo(corpus)
    repo.git.switch("-q", "-c", "members/jpn/pp-11", APT)
    edit(corpus, "resolutions/pp/11.yaml", "open and transparent manner", "open, transparent and inclusive manner")
    commit(repo, "Inclusive too\n\nProposal: ACP/64A1/3")
    report, got = found(corpus, target=APT)
    assert report.manifests == [APT_MANIFEST] and report.files == 1
    assert {g for g in got if g[2] == "error"} == set()
    edit(corpus, "resolutions/pp/71.yaml", "to adopt the strategic plan.", "to adopt a new strategic plan.")
    commit(repo, "not the set's")
    assert ("gate-unannounced", "resolutions/pp/71.yaml") in errors(corpus, target=APT)
    r = run_cli(corpus, "proposal", "check", "--target", APT)
    assert r.returncode == 1 and "2 files checked" in r.stdout


def test_a_branch_the_target_holds_already_is_judged_from_its_base(corpus):
    """After adoption the set's branch is in main: its proposals are still read against the base
    edition; on main itself no manifest is in play, and the gate says so in one line."""
    repo = git.Repo(corpus)
    repo.git.switch("-q", "main")
    repo.git.merge("--no-ff", "-q", "-m", "adopt", APT)
    repo.git.switch("-q", APT)
    report, got = found(corpus, target="main")
    assert report.manifests == [APT_MANIFEST] and got == {("gate-sup-cited", "resolutions/pp/71.yaml", "warning")}
    repo.git.switch("-q", "main")
    r = run_cli(corpus, "proposal", "check")
    assert r.returncode == 2 and "no proposal manifest under proposals/ was added or changed" in r.stderr
