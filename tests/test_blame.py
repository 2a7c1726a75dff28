"""`finalacts blame`: every phrase of a text traced to its proposal, through editions, renumbering,
moves and renames, on real git histories."""

from __future__ import annotations

import json
import shutil
import subprocess

import git
import pytest

from finalacts.git import Repository
from finalacts.provenance import blame as blamemod
from finalacts.provenance.views import blame_text
from gitcorpus import cli_ok, commit, edit, init, isolate, run_cli, write

RES_140 = """body: PP
number: 140
title: ITU's role in WSIS
adopted: [PP-06, PP-14]
sections:
  - heading: recalling
    items:
      - num: a)
        text: its earlier decisions;
  - heading: resolves
    items:
      - num: "1"
        text: to continue the work of the Union; in particular, the review.
      - num: "2"
        text: to support developing countries.
      - num: "3"
        text: to report to the Council.
"""

BASE_SUBJECT = "PP-14 edition"


def _merge(repo: git.Repo, branch: str, message: str) -> None:
    repo.git.switch("main")
    repo.git.merge("--no-ff", "-q", "-m", message, branch)


# The proposal sets' date: it is in their manifests, so in the commits (tests/test_blame_same.py).
DAY = "2026-12-02"


def build_lineage(root) -> git.Repo:
    """pp/140 over two editions after PP-14, edited by three proposals and one editorial commit.

    PP-18: APT (ACP/64A1/1) inserts words into resolves 1; CEPT (EUR/16A1/1) inserts a new
    resolves 3, which renumbers "to report to the Council" from 3 to 4. PP-22: ASMG (ARB/50A1/1) moves "to report to the Council"
    to the top, renumbering every item, and adds "annually" to it; then the secretariat adds "and
    UNDP" with no proposal.
    """
    repo = init(root, {"resolutions/pp/140.yaml": RES_140})
    path = "resolutions/pp/140.yaml"
    cli_ok(root, "proposal", "new", "ACP/64A1", "--conference", "PP-18", "--base", "PP-14",
           "--submitter", "Asia-Pacific Telecommunity Member Administrations", "--date", DAY)
    cli_ok(root, "proposal", "add", "MOD", "pp/140")
    edit(root, path, "the Union; in particular", "the Union in close cooperation with UNESCO; in particular")
    commit(repo, "Cooperation with UNESCO\n\nProposal: ACP/64A1/1")

    repo.git.switch("main")
    cli_ok(root, "proposal", "new", "EUR/16A1", "--conference", "PP-18", "--base", "PP-14",
           "--submitter", "Member States of CEPT", "--date", DAY)
    cli_ok(root, "proposal", "add", "MOD", "pp/140")
    edit(root, path, '      - num: "3"\n        text: to report to the Council.\n',
         '      - num: "3"\n        text: to promote digital inclusion.\n'
         '      - num: "4"\n        text: to report to the Council.\n')
    commit(repo, "Digital inclusion\n\nProposal: EUR/16A1/1")
    _merge(repo, "proposals/pp-18/ACP-64A1", "Merge ACP/64A1 into the PP-18 edition")
    _merge(repo, "proposals/pp-18/EUR-16A1", "Merge EUR/16A1 into the PP-18 edition")
    repo.git.tag("-a", "PP-18", "-m", "Final Acts (Dubai, 2018)")

    cli_ok(root, "proposal", "new", "ARB/50A1", "--conference", "PP-22", "--base", "PP-18",
           "--submitter", "Arab States", "--date", DAY)
    cli_ok(root, "proposal", "add", "MOD", "pp/140")
    text = (root / path).read_text(encoding="utf-8")
    head, items = text.split('      - num: "1"\n', 1)
    parts = ('      - num: "1"\n' + items).split("      - num: ")[1:]
    bodies = [p.split("\n", 1)[1] for p in parts]
    bodies = [bodies[3].replace("to report to", "to report annually to")] + bodies[:3]
    new = head + "".join(f'      - num: "{k + 1}"\n{b}' for k, b in enumerate(bodies))
    (root / path).write_text(new, encoding="utf-8")
    commit(repo, "Report first, annually\n\nProposal: ARB/50A1/1")
    _merge(repo, "proposals/pp-22/ARB-50A1", "Merge ARB/50A1 into the PP-22 edition")
    edit(root, path, "with UNESCO;", "with UNESCO and UNDP;")
    repo.git.add("-A")
    repo.git.commit("-q", "--no-verify", "--author=Secretariat Editor <sec@example.org>", "-m",
                    "Editorial: name UNDP")
    repo.git.tag("-a", "PP-22", "-m", "Final Acts (Bucharest, 2022)")
    return repo


@pytest.fixture(scope="module")
def _lineage(tmp_path_factory):
    base = tmp_path_factory.mktemp("lineage")
    with pytest.MonkeyPatch.context() as mp:
        isolate(mp, base)
        mp.chdir(base)
        build_lineage(base / "corpus")
    return base / "corpus"


@pytest.fixture
def lineage(_lineage, tmp_path, monkeypatch):
    isolate(monkeypatch, tmp_path)
    root = tmp_path / "corpus"
    shutil.copytree(_lineage, root, symlinks=True)
    monkeypatch.chdir(root)
    return root


def _phrases(b, where):
    """[(phrase, proposal or author, edition)] of one entry."""
    e = next(e for e in b.entries if e.where == where)
    out = []
    for s in e.spans:
        o = b.origins[s.origin]
        out.append((s.text.strip(), o.proposal or f"{o.author} (no proposal)", o.edition))
    return out


def test_every_phrase_is_attributed_to_its_proposal(lineage):
    b = blamemod.blame(lineage, "pp/140")
    base = ("Test Editor (no proposal)", "PP-14")
    apt, eur, arb = ("ACP/64A1/1", "PP-18"), ("EUR/16A1/1", "PP-18"), ("ARB/50A1/1", "PP-22")
    sec = ("Secretariat Editor (no proposal)", "PP-22")
    assert _phrases(b, "resolves 1") == [("to report", *base), ("annually", *arb), ("to the Council.", *base)]
    assert _phrases(b, "resolves 2") == [("to continue the work of the Union", *base),
                                         ("in close cooperation with UNESCO", *apt), ("and UNDP", *sec),
                                         ("; in particular, the review.", *base)]
    assert _phrases(b, "resolves 3") == [("to support developing countries.", *base)]
    assert _phrases(b, "resolves 4") == [("to promote digital inclusion.", *eur)]
    assert _phrases(b, "recalling a)") == [("its earlier decisions;", *base)]
    assert _phrases(b, "title") == [("ITU's role in WSIS", *base)]


def test_items_are_followed_through_renumbering_and_moves(lineage):
    b = blamemod.blame(lineage, "pp/140")
    by = {e.where: e for e in b.entries}
    prop = lambda k: b.origins[k].proposal  # noqa: E731
    moved = by["resolves 1"]
    assert b.origins[moved.origin].subject == BASE_SUBJECT  # entered at PP-14, not at the move
    assert [(a, c, prop(w)) for a, c, w in moved.relabels] == [("3", "4", "EUR/16A1/1"), ("4", "1", "ARB/50A1/1")]
    assert [prop(w) for w in moved.moves] == ["ARB/50A1/1"]
    new = by["resolves 4"]
    assert prop(new.origin) == "EUR/16A1/1" and b.origins[new.origin].edition == "PP-18"
    assert [(a, c, prop(w)) for a, c, w in new.relabels] == [("3", "4", "ARB/50A1/1")]
    assert not by["resolves 3"].moves


def test_submitter_author_commit_and_flags(lineage):
    b = blamemod.blame(lineage, "pp/140")
    by = {o.proposal: o for o in b.origins}
    assert by["ACP/64A1/1"].submitter == "Asia-Pacific Telecommunity Member Administrations"
    assert by["EUR/16A1/1"].submitter == "Member States of CEPT"
    assert by["ARB/50A1/1"].submitter == "Arab States" and by["ARB/50A1/1"].action == "MOD"
    repo = git.Repo(lineage)
    assert repo.commit(by["ARB/50A1/1"].commit).message.startswith("Report first")
    sec = next(o for o in b.origins if o.proposal is None and o.author == "Secretariat Editor")
    assert sec.email == "sec@example.org" and "no proposal" in sec.who


def test_blame_at_an_earlier_edition(lineage):
    b = blamemod.blame(lineage, "pp/140", ref="PP-18")
    assert _phrases(b, "resolves 1")[1] == ("in close cooperation with UNESCO", "ACP/64A1/1", "PP-18")
    assert _phrases(b, "resolves 4") == [("to report to the Council.", "Test Editor (no proposal)", "PP-14")]


def test_one_item_with_its_lines(lineage):
    b = blamemod.blame(lineage, "pp/140", item="resolves 4")
    assert [e.where for e in b.entries] == ["resolves 4"]
    text = (lineage / "resolutions/pp/140.yaml").read_text().splitlines()
    assert "to promote digital inclusion." in text[b.entries[0].line - 1]
    assert [o.proposal for o in b.origins] == ["EUR/16A1/1", "ARB/50A1/1"]


def test_cli_text_json_html(lineage):
    out = cli_ok(lineage, "blame", "pp/140", "--item", "resolves 2")
    assert "\x1b[" not in out  # not a terminal: no colour
    assert "[2]in close cooperation with UNESCO " in out and "legend:" in out
    assert "Secretariat Editor (no proposal)" in out
    data = json.loads(cli_ok(lineage, "blame", "pp/140", "--format", "json"))
    e = next(e for e in data["entries"] if e["where"] == "resolves 2")
    spans = [(s["text"].strip(), data["origins"][s["origin"]]["proposal"]) for s in e["spans"]]
    assert spans[1] == ("in close cooperation with UNESCO", "ACP/64A1/1") and spans[2] == ("and UNDP", None)
    assert data["origins"][e["spans"][2]["origin"]]["no_proposal"] is True
    page = cli_ok(lineage, "blame", "pp/140", "--format", "html")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert 'title="ACP/64A1/1 (Asia-Pacific Telecommunity Member Administrations); MOD; edition PP-18' in page


def test_colour_only_when_asked_for_a_terminal(lineage):
    b = blamemod.blame(lineage, "pp/140")
    coloured = blame_text(b, colour=True)
    assert "\x1b[" in coloured
    import re
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == blame_text(b, colour=False)


def test_html_escapes_what_it_shows(tmp_path, monkeypatch):
    isolate(monkeypatch, tmp_path)
    root = tmp_path / "c"
    repo = init(root, {"resolutions/pp/140.yaml": RES_140})
    edit(root, "resolutions/pp/140.yaml", "to support developing countries.", "to support <b>developing</b> & \"others\".")
    repo.git.add("-A")
    repo.git.commit("-q", "--no-verify", "--author=Eve <x\"onmouseover=alert(1)@example.org>", "-m", "<script>x</script>")
    page = cli_ok(root, "blame", "pp/140", "--format", "html")
    assert "<b>" not in page and "&lt;b&gt;" in page and "&lt;/b&gt; &amp; &quot;others&quot;" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert 'x"onmouseover' not in page


def test_follows_a_draft_through_its_numbering(tmp_path, monkeypatch):
    isolate(monkeypatch, tmp_path)
    root = tmp_path / "c"
    repo = init(root)
    cli_ok(root, "proposal", "new", "ACP/64A1", "--conference", "PP-18", "--base", "PP-14",
           "--submitter", "Asia-Pacific Telecommunity Member Administrations")
    cli_ok(root, "proposal", "add", "ADD", "pp", "--placeholder", "ACP-1")
    edit(root, "resolutions/pp/ACP-1.yaml", "Title of the new resolution", "Artificial intelligence for good")
    commit(repo, "New resolution on AI\n\nProposal: ACP/64A1/1")
    _merge(repo, "proposals/pp-18/ACP-64A1", "Merge ACP/64A1")
    out = cli_ok(root, "edition", "number", "PP-18")
    assert "-> 201" in out
    commit(repo, "Number the drafts of PP-18")
    b = blamemod.blame(root, "pp/201")
    assert _phrases(b, "title") == [("Artificial intelligence for good", "ACP/64A1/1", None)]
    assert b.origins[next(e for e in b.entries if e.where == "title").origin].proposal == "ACP/64A1/1"


def test_item_moved_to_another_section_keeps_its_credit(tmp_path, monkeypatch):
    isolate(monkeypatch, tmp_path)
    root = tmp_path / "c"
    repo = init(root, {"resolutions/pp/140.yaml": RES_140})
    path = "resolutions/pp/140.yaml"
    edit(root, path, '      - num: "2"\n        text: to support developing countries.\n', "")
    edit(root, path, '      - num: "3"\n', '      - num: "2"\n')
    edit(root, path, "        text: its earlier decisions;\n",
         "        text: its earlier decisions;\n      - num: b)\n        text: to support all developing countries.\n")
    commit(repo, "Move support to recalling\n\nProposal: ACP/64A1/9")
    b = blamemod.blame(root, "pp/140", item="recalling b")
    (e,) = b.entries
    assert b.origins[e.origin].subject == BASE_SUBJECT
    assert [b.origins[w].proposal for w in e.moves] == ["ACP/64A1/9"]
    assert [(s.text.strip(), b.origins[s.origin].proposal) for s in e.spans] == [
        ("to support", None), ("all", "ACP/64A1/9"), ("developing countries.", None)]


def test_sub_items_by_their_own_label(tmp_path, monkeypatch):
    isolate(monkeypatch, tmp_path)
    root = tmp_path / "c"
    repo = init(root, {"resolutions/pp/140.yaml": RES_140.replace(
        "        text: to report to the Council.\n",
        "        text: to report to the Council on\n        items:\n          - num: \"3.1\"\n"
        "            text: the review.\n")})
    edit(root, "resolutions/pp/140.yaml", "the review.\n", "the annual review.\n")
    commit(repo, "Annual\n\nProposal: EUR/16A1/4")
    b = blamemod.blame(root, "pp/140", item="resolves 3.1")
    assert [e.where for e in b.entries] == ["resolves 3 3.1"]
    assert [(s.text.strip(), b.origins[s.origin].proposal) for s in b.entries[0].spans] == [
        ("the", None), ("annual", "EUR/16A1/4"), ("review.", None)]
    assert [e.where for e in blamemod.blame(root, "pp/140", item="resolves 3").entries] == [
        "resolves 3", "resolves 3 3.1"]
    # by its label alone, where no other item ends with it
    assert [e.where for e in blamemod.blame(root, "pp/140", item="3.1").entries] == ["resolves 3 3.1"]


def test_a_clause_of_a_section_by_its_number_alone_and_a_label_of_many_items_refused(tmp_path, monkeypatch):
    """Rules of procedure: "9.1" is the clause of SECTION 9; "a)", which several lists have, is
    refused with the items it could be (one line, exit 2)."""
    isolate(monkeypatch, tmp_path)
    root = tmp_path / "c"
    rules = RES_140 + ("annexes:\n  - kind: section\n    num: \"9\"\n    heading: Approval\n    blocks:\n"
                       "      - items:\n          - num: \"9.1\"\n            text: Texts are approved by consensus.\n"
                       "          - num: \"9.2\"\n            text: \"A vote is held:\"\n            items:\n"
                       "              - num: a)\n                text: when the chairman asks for one.\n")
    repo = init(root, {"resolutions/pp/140.yaml": rules})
    edit(root, "resolutions/pp/140.yaml", "by consensus.", "by consensus, or else by a vote.")
    commit(repo, "A vote\n\nProposal: EUR/16A1/5")
    b = blamemod.blame(root, "pp/140", item="9.1")
    assert [e.where for e in b.entries] == ["section 9 9.1"]
    assert [(s.text.strip(), b.origins[s.origin].proposal) for s in b.entries[0].spans
            if b.origins[s.origin].proposal] == [(", or else by a vote", "EUR/16A1/5")]
    r = run_cli(root, "blame", "pp/140", "--item", "a)")
    assert r.returncode == 2 and "is more than one item" in r.stderr
    assert "recalling a), section 9 9.2 a); name one of them whole" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_commit_with_trailer_the_manifest_lacks(tmp_path, monkeypatch):
    isolate(monkeypatch, tmp_path)
    root = tmp_path / "c"
    repo = init(root, {"resolutions/pp/140.yaml": RES_140})
    edit(root, "resolutions/pp/140.yaml", "to support developing", "to support least developed and developing")
    commit(repo, "Stray\n\nProposal: XYZ/1/7")
    b = blamemod.blame(root, "pp/140")
    o = next(o for o in b.origins if o.proposal == "XYZ/1/7")
    assert o.submitter is None and "no manifest" in o.note


@pytest.mark.parametrize("args,needle", [
    (["blame", "pp/999"], "unknown text pp/999"),
    (["blame", "nonsense"], "does not name a text"),
    (["blame", "pp/140", "--item", "resolves 9"], "no item 'resolves 9'"),
    (["blame", "pp/140", "--at", "PP-99"], "unknown ref 'PP-99'"),
    (["blame", "pp/140", "--at", "--upload-pack=x"], "could be read as an option"),
    (["blame", "pp/140", "--format", "pdf"], ""),
])
def test_bad_input_is_one_line_exit_2(lineage, args, needle):
    r = run_cli(lineage, *args)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert needle in r.stderr and "Traceback" not in r.stderr
    if needle:
        assert len(r.stderr.strip().splitlines()) == 1


def test_shallow_clone_is_said_plainly(lineage, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{lineage}", str(clone)], check=True)
    r = run_cli(clone, "blame", "pp/140", "--item", "resolves 2")
    assert r.returncode == 0, r.stderr
    assert "shallow clone" in r.stderr and "git fetch --unshallow" in r.stderr
    # everything is credited to the one commit the clone holds, and flagged so
    assert "[2]" not in r.stdout and "shallow boundary" in r.stdout


def test_replays_only_the_commits_that_changed_the_file(lineage):
    repo = git.Repo(lineage)
    for k in range(5):
        write(lineage, {f"resolutions/pp/{900 + k}.yaml": RES_140.replace("140", str(900 + k))})
        commit(repo, f"unrelated {k}")
    res, origins, warnings, versions, rel, sha = blamemod.attributed(Repository.open(lineage), "HEAD", "pp/140")
    assert versions == 6  # PP-14, APT, CEPT, the CEPT merge, the editorial change, ARB
    assert not warnings


def test_a_pure_deletion_is_credited_and_in_the_legend(tmp_path, monkeypatch):
    """A commit that only removes words leaves no word to credit: the item still says who removed them."""
    isolate(monkeypatch, tmp_path)
    root = tmp_path / "c"
    repo = init(root, {"resolutions/pp/140.yaml": RES_140})
    cli_ok(root, "proposal", "new", "ACP/64A1", "--conference", "PP-18", "--base", "PP-14",
           "--submitter", "Asia-Pacific Telecommunity Member Administrations")
    cli_ok(root, "proposal", "add", "MOD", "pp/140")
    edit(root, "resolutions/pp/140.yaml", "the Union; in particular, the review.", "the Union.")
    commit(repo, "Shorter\n\nProposal: ACP/64A1/1")
    b = blamemod.blame(root, "pp/140")
    e = next(e for e in b.entries if e.where == "resolves 1")
    assert [b.origins[w].proposal for w in e.cut] == ["ACP/64A1/1"]
    assert b.origins[e.origin].edition == "PP-14"  # the item itself entered at PP-14
    out = cli_ok(root, "blame", "pp/140", "--item", "resolves 1")
    assert "resolves 1: entered [1] (PP-14); words removed by [2]" in out
    assert "[2] ACP/64A1/1 (Asia-Pacific Telecommunity Member Administrations); MOD" in out
    data = json.loads(cli_ok(root, "blame", "pp/140", "--format", "json"))
    entry = next(x for x in data["entries"] if x["where"] == "resolves 1")
    assert [data["origins"][w]["proposal"] for w in entry["removed_by"]] == ["ACP/64A1/1"]
    untouched = next(x for x in data["entries"] if x["where"] == "resolves 2")
    assert untouched["removed_by"] == []
