"""Who may change what: the members registry, the gate's authorship, signature and support checks,
signed editions, CODEOWNERS and signatures in blame — with real git, real SSH-signed commits and
tags made with throwaway keys, and OpenPGP ones where gpg is installed."""

from __future__ import annotations

import json
import subprocess

import git
import pytest

from gitcorpus import APT, APT_MANIFEST, EUR, _built, cli_ok, corpus, edit, plain, run_cli, write  # noqa: F401
from owners import (
    HAS_GPG,
    commit_as,
    finalacts_as,
    gate,
    git_as,
    on_main,
    owner_findings,
    people,
    pgp,
    registry,
)

SIGNED = '[tool.finalacts]\nrequire-signatures = true\n'


@pytest.fixture
def who(tmp_path):
    return people(tmp_path)


@pytest.fixture
def owned(corpus, who):
    """The shared history, with the members registry reviewed onto main."""
    on_main(corpus, {"members.yaml": registry(who)})
    return corpus


def rules(r) -> list[tuple[str, str]]:
    return sorted((f["rule"], f["message"]) for f in owner_findings(r))


# ---------------------------------------------------------------- the registry, as check sees it

def test_the_shipped_example_registry_is_valid_and_says_it_is_made_up(repo_root):
    r = run_cli(repo_root, "check", "members.yaml")
    assert r.returncode == 0, r.stdout + r.stderr
    text = (repo_root / "members.yaml").read_text(encoding="utf-8")
    assert "MADE UP" in text and ".invalid" in text
    emails = [line.split("email:")[1].strip() for line in text.splitlines() if "email:" in line]
    assert emails and all(e.endswith(".invalid") for e in emails)


def test_check_reads_the_registry_with_the_corpus_and_points_at_each_problem(plain, who):
    good = registry(who)
    bad = (good.replace("prefixes: [EUR]", "prefixes: [ACP]")           # one prefix, two submitters
               .replace("members: [AUS, J]", "members: [AUS, J, XYZ]")  # a member nobody registered
               .replace(f"email: {who['j'].email}", "email: not an address"))
    write(plain, {"members.yaml": bad})
    r = run_cli(plain, "check")
    assert r.returncode == 1, r.stdout + r.stderr
    lines = [x for x in r.stdout.splitlines() if x.startswith("members.yaml:")]
    got = {x.split()[2] for x in lines}
    assert got == {"schema-value"} or "schema-value" in got  # the schema speaks first, with file:line:col
    write(plain, {"members.yaml": bad.replace("email: not an address", f"email: {who['j'].email}")})
    r = run_cli(plain, "check", "members.yaml")
    assert r.returncode == 1
    found = {x.split()[2]: x for x in r.stdout.splitlines() if x.startswith("members.yaml:")}
    assert set(found) == {"owner-duplicate", "owner-unknown-member"}, r.stdout
    line = good.splitlines().index("    members: [AUS, J]") + 1
    assert found["owner-unknown-member"].startswith(f"members.yaml:{line}:")
    assert "XYZ" in found["owner-unknown-member"] and "ACP" in found["owner-duplicate"]


# ---------------------------------------------------------------- authorship

def test_the_submitters_own_commits_pass_and_another_groups_are_refused(owned, who):
    r = gate(owned)
    assert r.returncode == 0 and owner_findings(r) == [], r.stdout + r.stderr
    # CEPT's editor pushes words to APT's branch, with a trailer that names APT's proposal.
    edit(owned, "resolutions/pp/11.yaml", "open and transparent manner", "open, transparent and fair manner")
    sha = commit_as(owned, who["cept"], "Fairness\n\nProposal: ACP/64A1/3")
    r = gate(owned)
    assert r.returncode == 1
    [f] = owner_findings(r)
    assert f["rule"] == "owner-author" and f["path"] == APT_MANIFEST
    for must in (sha[:12], who["cept"].email, "CEPT", "ACP/64A1/3", "APT"):
        assert must in f["message"], f["message"]
    # blame would have credited APT: the gate is what says otherwise.
    blame = json.loads(cli_ok(owned, "blame", "pp/11", "--format", "json"))
    assert any(o["commit"] == sha and o["proposal"] == "ACP/64A1/3" for o in blame["origins"])


def test_the_other_branch_was_made_by_the_wrong_identity_and_says_so(owned):
    r = gate(owned, "--head", EUR)
    got = owner_findings(r)
    assert r.returncode == 1 and got and {f["rule"] for f in got} == {"owner-author"}
    assert all("EUR/16A1" in f["message"] and "acts for APT" in f["message"] for f in got)


def test_a_cosigner_counts_from_the_commit_after_the_one_that_lists_it(owned, who):
    edit(owned, APT_MANIFEST, "submitter: Asia-Pacific", "cosigners: [CEPT]\nsubmitter: Asia-Pacific")
    sha = commit_as(owned, who["cept"], "CEPT co-signs")       # listing oneself is not allowed
    assert [f["rule"] for f in owner_findings(gate(owned))] == ["owner-author"]
    git_as(owned, None, "reset", "-q", "--hard", "HEAD~1")
    edit(owned, APT_MANIFEST, "submitter: Asia-Pacific", "cosigners: [CEPT]\nsubmitter: Asia-Pacific")
    commit_as(owned, who["apt"], "CEPT co-signs ACP/64A1")    # the submitter lists it
    edit(owned, "resolutions/pp/11.yaml", "open and transparent manner", "open, transparent and fair manner")
    commit_as(owned, who["cept"], "Fairness\n\nProposal: ACP/64A1/3")
    r = gate(owned)
    assert owner_findings(r) == [], (sha, r.stdout)


def test_neither_the_manifest_nor_the_branch_settings_can_silence_it(owned, who):
    edit(owned, "resolutions/pp/11.yaml", "open and transparent manner", "open, transparent and fair manner")
    edit(owned, APT_MANIFEST, "submitter: Asia-Pacific", "ignore: [owner-author]\nsubmitter: Asia-Pacific")
    write(owned, {"pyproject.toml": '[tool.finalacts]\ndisable = ["owner-author"]\n'})
    commit_as(owned, who["cept"], "Fairness\n\nProposal: ACP/64A1/3")
    assert [f["rule"] for f in owner_findings(gate(owned))] == ["owner-author"]


def test_renaming_another_groups_set_does_not_make_it_ones_own(owned, who):
    edit(owned, APT_MANIFEST, "id: ACP/64A1", "id: EUR/64A1")
    edit(owned, "resolutions/pp/11.yaml", "open and transparent manner", "open, transparent and fair manner")
    commit_as(owned, who["cept"], "Ours now\n\nProposal: EUR/64A1/3")
    got = {f["rule"]: f["message"] for f in owner_findings(gate(owned))}
    assert set(got) == {"owner-author", "owner-submitter"}, got
    assert "not for APT" in got["owner-author"] and "ACP-64A1.yaml holds the set EUR/64A1" in got["owner-submitter"]


def test_a_registry_changed_on_the_branch_is_not_used(owned, who):
    changed = registry(who).replace(f"email: {who['apt'].email}",
                                    f"email: {who['apt'].email}\n      - name: CEPT Editor\n"
                                    f"        email: {who['cept'].email}")
    write(owned, {"members.yaml": changed})
    edit(owned, "resolutions/pp/11.yaml", "open and transparent manner", "open, transparent and fair manner")
    commit_as(owned, who["cept"], "Fairness\n\nProposal: ACP/64A1/3")
    got = sorted(f["rule"] for f in owner_findings(gate(owned)))
    assert got == ["owner-author", "owner-registry-changed"]


def test_merges_from_the_target_are_exempt_but_a_merge_that_adds_words_is_not(owned, who):
    repo = git.Repo(owned)
    on_main(owned, {"resolutions/pp/71.yaml": (owned / "resolutions/pp/71.yaml").read_text()
                    .replace("to adopt the strategic plan.", "to adopt and review the strategic plan.")},
            "Secretariat: editorial on main")
    git_as(owned, who["cept"], "merge", "-q", "--no-edit", "--no-verify", "main")   # only main's files
    assert owner_findings(gate(owned)) == []
    repo.git.reset("-q", "--hard", "HEAD~1")
    git_as(owned, who["cept"], "merge", "-q", "--no-commit", "main")
    edit(owned, "resolutions/pp/11.yaml", "open and transparent manner", "open, transparent and fair manner")
    git_as(owned, who["cept"], "add", "-A")
    git_as(owned, who["cept"], "commit", "-q", "--no-verify", "-m", "Merge main (and a word)")
    got = owner_findings(gate(owned))
    assert [f["rule"] for f in got] == ["owner-author"] and "resolutions/pp/11.yaml" in got[0]["message"]


def test_without_a_registry_the_gate_says_it_did_not_check_authorship(corpus):
    r = gate(corpus)
    assert r.returncode == 0 and owner_findings(r) == []
    assert "authorship not checked: main holds no members.yaml" in r.stderr


# ---------------------------------------------------------------- signatures

def test_signed_mode_refuses_unsigned_wrongly_signed_and_forged_commits(owned, who):
    on_main(owned, {"pyproject.toml": SIGNED}, "Require signatures")
    r = gate(owned)
    got = owner_findings(r)
    # The history was made unsigned: every commit that touches the set is refused, each by name.
    assert got and {f["rule"] for f in got} == {"owner-signature"}
    assert all("no signature" in f["message"] for f in got)

    # The same branch re-made with APT's key passes.
    repo = git.Repo(owned)
    git_as(owned, who["apt"], "rebase", "-q", "--exec", "git commit -q --amend --no-edit --no-verify -S",
           "PP-14", sign=True)
    assert owner_findings(gate(owned)) == [], repo.git.log("--format=%H %G?")

    # A forger uses APT's address but signs with their own key: git says the key is not APT's.
    edit(owned, "resolutions/pp/11.yaml", "open and transparent manner", "open, transparent and fair manner")
    forged = type(who["eve"])(who["apt"].name, who["apt"].email, who["eve"].key)
    sha = commit_as(owned, forged, "Fairness\n\nProposal: ACP/64A1/3", sign=True)
    [f] = owner_findings(gate(owned))
    assert f["rule"] == "owner-signature" and sha[:12] in f["message"]
    assert "not registered" in f["message"]

    # A commit signed, then changed (its signature no longer covers it) is bad.
    repo.git.reset("-q", "--hard", "HEAD~1")
    edit(owned, "resolutions/pp/11.yaml", "open and transparent manner", "open, transparent and fair manner")
    commit_as(owned, who["apt"], "Fairness\n\nProposal: ACP/64A1/3", sign=True)
    raw = repo.git.cat_file("commit", "HEAD").replace("Fairness", "Fairness!")
    bad = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=owned, input=raw,
                         capture_output=True, text=True, check=True).stdout.strip()
    repo.git.reset("-q", "--hard", bad)
    [f] = owner_findings(gate(owned))
    assert f["rule"] == "owner-signature" and "bad signature" in f["message"]


def test_the_branch_cannot_switch_signatures_off(owned, who):
    on_main(owned, {"pyproject.toml": SIGNED}, "Require signatures")
    write(owned, {"pyproject.toml": "[tool.finalacts]\nrequire-signatures = false\n"})
    commit_as(owned, who["apt"], "No signatures please")
    assert owner_findings(gate(owned)) and all(f["rule"] == "owner-signature" for f in owner_findings(gate(owned)))


@pytest.mark.skipif(not HAS_GPG, reason="gpg is not installed")
def test_openpgp_signed_commits_verify_through_a_keyring_of_the_registry(owned, who, tmp_path):
    key = pgp(tmp_path, who["apt"].name, who["apt"].email)
    try:
        on_main(owned, {"members.yaml": registry(who, {"apt": [key.armoured()]}), "pyproject.toml": SIGNED})
        r = subprocess.run(["git", "-c", "gpg.format=openpgp", "-c", f"user.signingkey={who['apt'].email}",
                            "rebase", "-q", "--exec", "git commit -q --amend --no-edit --no-verify -S", "PP-14"],
                           cwd=owned, capture_output=True, text=True,
                           env={**__import__("os").environ, **key.env()})
        assert r.returncode == 0, r.stderr
        assert owner_findings(gate(owned)) == []
        other = pgp(tmp_path, "Eve", who["apt"].email)   # same address, a key nobody registered
        try:
            edit(owned, "resolutions/pp/11.yaml", "open and transparent manner", "open, transparent and fair")
            git_as(owned, None, "add", "-A")
            r = subprocess.run(["git", "-c", "gpg.format=openpgp", "-c", f"user.signingkey={who['apt'].email}",
                                "commit", "-q", "--no-verify", "-S", "-m",
                                "Fairness\n\nProposal: ACP/64A1/3"], cwd=owned, capture_output=True, text=True,
                               env={**__import__("os").environ, **other.env()})
            assert r.returncode == 0, r.stderr
            [f] = owner_findings(gate(owned))
            assert f["rule"] == "owner-signature" and "not registered" in f["message"]
        finally:
            other.close()
    finally:
        key.close()


# ---------------------------------------------------------------- support records

def test_support_is_recorded_by_the_member_and_refused_when_nobody_gave_it(owned, who):
    r = finalacts_as(owned, who["aus"], "proposal", "support", "ACP/64A1/3")
    assert r.returncode == 0, r.stderr
    assert "support of AUS for ACP/64A1/3 recorded" in r.stdout
    head = git.Repo(owned).head.commit
    assert head.author.email == who["aus"].email
    assert "Supported-by: AUS" in head.message and "Proposal: ACP/64A1/3" in head.message
    assert "support: [AUS]" in (owned / APT_MANIFEST).read_text()
    assert owner_findings(gate(owned)) == []

    # The group's editor writes Japan's support into the manifest, even with a trailer claiming it.
    edit(owned, APT_MANIFEST, "support: [AUS]", "support: [AUS, J]")
    commit_as(owned, who["apt"], "Japan supports too\n\nSupported-by: J\nProposal: ACP/64A1/3")
    [f] = owner_findings(gate(owned))
    assert f["rule"] == "owner-support" and "support of J" in f["message"] and "ACP/64A1/3" in f["message"]
    # Japan's own commit backs it.
    r = finalacts_as(owned, who["j"], "proposal", "support", "ACP/64A1/3")
    assert r.returncode == 0 and "already listed J" in r.stdout, r.stdout + r.stderr
    assert owner_findings(gate(owned)) == []


def test_support_of_a_non_member_and_a_support_commit_touching_more_are_refused(owned, who):
    r = finalacts_as(owned, who["cept"], "proposal", "support", "ACP/64A1/3")
    assert r.returncode == 2 and "acts for no member of APT" in r.stderr and "Traceback" not in r.stderr
    r = finalacts_as(owned, who["cept"], "proposal", "support", "ACP/64A1/3", "--member", "CEPT")
    assert r.returncode == 0, r.stderr  # recorded as asked; the gate decides
    [f] = owner_findings(gate(owned))
    assert f["rule"] == "owner-support" and "neither a member of APT nor a co-signer" in f["message"]
    # A "support" commit that changes more than the member's own entry is an ordinary change.
    edit(owned, APT_MANIFEST, "support: [CEPT]", "support: [CEPT, AUS]")
    commit_as(owned, who["cept"], "Support\n\nSupported-by: CEPT\nProposal: ACP/64A1/3")
    assert "owner-author" in {f["rule"] for f in owner_findings(gate(owned))}


def test_signed_support_must_be_signed_by_the_member(owned, who):
    on_main(owned, {"pyproject.toml": SIGNED}, "Require signatures")
    git_as(owned, who["apt"], "rebase", "-q", "--exec", "git commit -q --amend --no-edit --no-verify -S",
           "PP-14", sign=True)
    r = finalacts_as(owned, who["aus"], "proposal", "support", "ACP/64A1/3", "--no-sign")
    assert r.returncode == 0, r.stderr
    got = sorted(f["rule"] for f in owner_findings(gate(owned)))
    assert got == ["owner-signature", "owner-support"]
    git_as(owned, None, "reset", "-q", "--hard", "HEAD~1")
    r = finalacts_as(owned, who["aus"], "proposal", "support", "ACP/64A1/3", "--sign", sign=True)
    assert r.returncode == 0, r.stderr
    assert owner_findings(gate(owned)) == []


def test_the_document_lists_cosigners_and_supporters(owned, who):
    edit(owned, APT_MANIFEST, "submitter: Asia-Pacific", "cosigners: [J]\nsubmitter: Asia-Pacific")
    commit_as(owned, who["apt"], "Japan co-signs")
    assert finalacts_as(owned, who["aus"], "proposal", "support", "ACP/64A1/3").returncode == 0
    write(owned, {"members.yaml": registry(who)})
    out = cli_ok(owned, "render", APT_MANIFEST, "--format", "text")
    assert "Co-signed by J" in out  # the branch holds no registry at the commit rendered: ids
    commit_as(owned, who["apt"], "registry copy")
    out = cli_ok(owned, "render", APT_MANIFEST, "--format", "text")
    assert "Co-signed by Japan" in out and "Supported by:\tAustralia." in out


# ---------------------------------------------------------------- signed editions

def _secretariat_repo(plain, who, signing_key=None):
    write(plain, {"members.yaml": registry(who)})
    subprocess.run(["git", "add", "-A"], cwd=plain, check=True)
    git_as(plain, who["itu"], "commit", "-q", "--no-verify", "-m", "Members registry")
    key = signing_key or who["itu"].key
    subprocess.run(["git", "config", "gpg.format", "ssh"], cwd=plain, check=True)
    subprocess.run(["git", "config", "user.signingkey", str(key)], cwd=plain, check=True)


def test_a_signed_edition_verifies_and_a_moved_or_forged_one_does_not(plain, who):
    _secretariat_repo(plain, who)
    r = finalacts_as(plain, who["itu"], "edition", "tag", "PP-18", "--sign")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "signed by Secretariat Editor" in r.stdout and "for ITU" in r.stdout
    r = finalacts_as(plain, None, "edition", "verify", "PP-18")
    assert r.returncode == 0 and "tree" in r.stdout, r.stdout + r.stderr

    repo = git.Repo(plain)
    signed = repo.git.rev_parse("refs/tags/PP-18")
    # Moved: the ref now holds a lightweight tag of another commit.
    repo.git.tag("-f", "PP-18", "PP-14^{commit}")
    r = finalacts_as(plain, None, "edition", "verify", "PP-18")
    assert r.returncode == 1 and "lightweight" in r.stdout
    # Moved: the ref holds the (unsigned) tag object of PP-14.
    repo.git.tag("-f", "PP-18", "PP-14")
    r = finalacts_as(plain, None, "edition", "verify", "PP-18")
    assert r.returncode == 1 and "made for 'PP-14'" in r.stdout
    # Moved: the ref holds the signed tag object made for another edition.
    git_as(plain, who["itu"], "tag", "-s", "-m", "WTDC\n\nTree: " + repo.head.commit.tree.hexsha, "WTDC-17", sign=True)
    repo.git.update_ref("refs/tags/PP-18", repo.git.rev_parse("refs/tags/WTDC-17"))
    r = finalacts_as(plain, None, "edition", "verify", "PP-18")
    assert r.returncode == 1 and "made for 'WTDC-17'" in r.stdout, r.stdout
    # A tag whose recorded tree is not the one it names.
    repo.git.update_ref("refs/tags/PP-18", signed)
    repo.git.tag("-d", "PP-18")
    git_as(plain, who["itu"], "tag", "-s", "-m", "PP-18\n\nTree: " + "0" * 40, "PP-18", sign=True)
    r = finalacts_as(plain, None, "edition", "verify", "PP-18")
    assert r.returncode == 1 and "records tree 000000000000" in r.stdout
    # Signed by a key the registry does not give the tagger.
    repo.git.tag("-d", "PP-18")
    forged = type(who["eve"])(who["itu"].name, who["itu"].email, who["eve"].key)
    git_as(plain, forged, "tag", "-s", "-m", "PP-18\n\nTree: " + repo.head.commit.tree.hexsha, "PP-18", sign=True)
    r = finalacts_as(plain, None, "edition", "verify", "PP-18")
    assert r.returncode == 1 and "no signature that git verifies" in r.stdout
    # Signed by a registered member that may not sign editions.
    repo.git.tag("-d", "PP-18")
    git_as(plain, who["apt"], "tag", "-s", "-m", "PP-18\n\nTree: " + repo.head.commit.tree.hexsha, "PP-18", sign=True)
    r = finalacts_as(plain, None, "edition", "verify", "PP-18")
    assert r.returncode == 1 and "acts for APT" in r.stdout and "signed by ITU" in r.stdout


def test_edition_tag_sign_with_an_unregistered_key_leaves_no_tag(plain, who):
    _secretariat_repo(plain, who, signing_key=who["eve"].key)
    r = finalacts_as(plain, who["itu"], "edition", "tag", "PP-18", "--sign")
    assert r.returncode == 1 and "removed again" in r.stderr, r.stdout + r.stderr
    assert "PP-18" not in git.Repo(plain).git.tag().split()


def test_a_signed_edition_is_recut_signed_or_not_at_all(plain, who):
    _secretariat_repo(plain, who)
    assert finalacts_as(plain, who["itu"], "edition", "tag", "PP-18", "--sign").returncode == 0
    repo = git.Repo(plain)
    signed = repo.git.rev_parse("refs/tags/PP-18")
    write(plain, {"ERRATA.md": "Erratum 1: a page reference in the preface.\n"})
    subprocess.run(["git", "add", "-A"], cwd=plain, check=True)
    git_as(plain, who["itu"], "commit", "-q", "--no-verify", "-m", "Erratum 1")
    # Without --sign the signed edition would become an unsigned one: refused, nothing moved.
    r = finalacts_as(plain, who["itu"], "edition", "recut", "PP-18", "--reason", "preface")
    assert r.returncode == 2 and "is signed; re-cut it with --sign" in r.stderr, r.stdout + r.stderr
    assert repo.git.rev_parse("refs/tags/PP-18") == signed
    # A key the registry does not give the secretariat: the edition is put back, signature and all.
    subprocess.run(["git", "config", "user.signingkey", str(who["eve"].key)], cwd=plain, check=True)
    r = finalacts_as(plain, who["itu"], "edition", "recut", "PP-18", "--reason", "preface", "--sign")
    assert r.returncode == 1 and "put back as it stood" in r.stderr, r.stdout + r.stderr
    assert repo.git.rev_parse("refs/tags/PP-18") == signed
    assert "errata/PP-18/1-before" not in repo.git.tag().split()
    assert finalacts_as(plain, None, "edition", "verify", "PP-18").returncode == 0
    # With the registered key: re-cut at HEAD, signed, verified, the old edition kept.
    subprocess.run(["git", "config", "user.signingkey", str(who["itu"].key)], cwd=plain, check=True)
    r = finalacts_as(plain, who["itu"], "edition", "recut", "PP-18", "--reason", "preface", "--sign")
    assert r.returncode == 0 and "signed by Secretariat Editor" in r.stdout, r.stdout + r.stderr
    assert repo.commit("PP-18") == repo.head.commit
    assert repo.commit("errata/PP-18/1-before").hexsha == repo.git.rev_parse(f"{signed}^{{commit}}")
    r = finalacts_as(plain, None, "edition", "verify", "PP-18")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Erratum 1: preface" in repo.git.tag("-l", "--format=%(contents)", "PP-18")


def test_render_final_acts_can_require_a_verified_tag(plain, who):
    _secretariat_repo(plain, who)
    git.Repo(plain).git.tag("-a", "-m", "unsigned", "PP-18")
    r = finalacts_as(plain, None, "render", "--final-acts", "PP-18", "--require-signed", "--format", "text")
    assert r.returncode == 2 and "PP-18 is not a verified edition" in r.stderr and "Traceback" not in r.stderr
    git.Repo(plain).git.tag("-d", "PP-18")
    assert finalacts_as(plain, who["itu"], "edition", "tag", "PP-18", "--sign").returncode == 0
    r = finalacts_as(plain, None, "render", "--final-acts", "PP-18", "--require-signed", "--format", "text")
    assert r.returncode == 0, r.stderr


@pytest.mark.skipif(not HAS_GPG, reason="gpg is not installed")
def test_an_openpgp_signed_edition_verifies(plain, who, tmp_path):
    key = pgp(tmp_path, who["itu"].name, who["itu"].email)
    try:
        write(plain, {"members.yaml": registry(who, {"itu": [key.armoured()]})})
        subprocess.run(["git", "add", "-A"], cwd=plain, check=True)
        git_as(plain, who["itu"], "commit", "-q", "--no-verify", "-m", "Members registry")
        env = {**__import__("os").environ, **who["itu"].env(), **key.env()}
        r = subprocess.run(["git", "-c", "gpg.format=openpgp", "-c", f"user.signingkey={who['itu'].email}",
                            "tag", "-s", "-m", "PP-18\n\nTree: " + git.Repo(plain).head.commit.tree.hexsha,
                            "PP-18"], cwd=plain, env=env, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        r = finalacts_as(plain, None, "edition", "verify", "PP-18")
        assert r.returncode == 0, r.stdout + r.stderr
    finally:
        key.close()


# ---------------------------------------------------------------- CODEOWNERS and blame

def test_codeowners_from_the_registry_in_both_formats(plain, who):
    write(plain, {"members.yaml": registry(who).replace("    kind: group\n    prefixes: [ACP]",
                                                        "    kind: group\n    prefixes: [ACP]\n"
                                                        "    codeowners: ['@apt/editors']")})
    r = run_cli(plain, "codeowners")
    assert r.returncode == 0, r.stderr
    gh = (plain / ".github/CODEOWNERS").read_text()
    assert "/proposals/**/ACP-*.yaml @apt/editors" in gh
    assert f"/proposals/**/EUR-*.yaml {who['cept'].email}" in gh
    assert f"/members.yaml {who['itu'].email}" in gh
    assert run_cli(plain, "codeowners", "--check").returncode == 0
    write(plain, {"members.yaml": registry(who)})
    r = run_cli(plain, "codeowners", "--check")
    assert r.returncode == 1 and "stale" in r.stdout and (plain / ".github/CODEOWNERS").read_text() == gh
    r = run_cli(plain, "codeowners", "--format", "gitlab")
    gl = (plain / ".gitlab/CODEOWNERS").read_text()
    assert r.returncode == 0 and f"[APT] {who['apt'].email}\n/proposals/**/ACP-*.yaml\n" in gl
    assert f"[ITU] {who['itu'].email}\n/members.yaml\n" in gl


def test_codeowners_without_a_registry_is_one_line(plain):
    r = run_cli(plain, "codeowners")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "members.yaml" in r.stderr


def test_blame_says_whether_each_commit_was_signed(owned, who):
    edit(owned, "resolutions/pp/11.yaml", "open and transparent manner", "open, transparent and fair manner")
    commit_as(owned, who["apt"], "Fairness\n\nProposal: ACP/64A1/3", sign=True)
    data = json.loads(cli_ok(owned, "blame", "pp/11", "--format", "json"))
    by = {o["subject"]: o for o in data["origins"]}
    assert by["Fairness"]["signature"] == "good" and by["Fairness"]["signed_for"] == ["APT"]
    assert by["Open and transparent Telecom events"]["signature"] == "unsigned"
    text = cli_ok(owned, "blame", "pp/11")
    assert "signed (APT)" in text and "unsigned" in text
    edit(owned, "resolutions/pp/11.yaml", "fair manner", "fair and open manner")
    commit_as(owned, who["eve"], "Eve's words\n\nProposal: ACP/64A1/3", sign=True)
    data = json.loads(cli_ok(owned, "blame", "pp/11", "--format", "json"))
    assert {o["subject"]: o for o in data["origins"]}["Eve's words"]["signature"] == "unregistered"
