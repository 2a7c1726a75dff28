"""`finalacts compare`: every proposal's change to one text, paragraph by paragraph, clashes marked."""

from __future__ import annotations

import json

import git

from finalacts.provenance import compare as comparemod
from gitcorpus import cli_ok, commit, edit, run_cli
from test_blame import _lineage, lineage  # noqa: F401

PATH = "resolutions/pp/140.yaml"


def _set(root, set_id, submitter, edits, action="MOD"):
    repo = git.Repo(root)
    repo.git.switch("main")
    cli_ok(root, "proposal", "new", set_id, "--conference", "PP-26", "--base", "PP-22", "--submitter", submitter)
    if action == "SUP":
        cli_ok(root, "proposal", "add", "SUP", "pp/140", "--reasons", "Its work is done.")
    else:
        cli_ok(root, "proposal", "add", "MOD", "pp/140")
        for old, new in edits:
            edit(root, PATH, old, new)
    commit(repo, f"{set_id}\n\nProposal: {set_id}/1")


def _live(root):
    """Three PP-26 sets on top of the lineage: RCC and Canada both reword resolves 3 (a clash),
    Canada also adds an item, and Cuba suppresses the text."""
    _set(root, "RCC/3", "RCC", [("its earlier decisions;", "its earlier decisions and reports;"),
                               ("to support developing countries.", "to support least developed countries.")])
    _set(root, "CAN/1", "Canada", [("to support developing countries.", "to support small island developing states."),
                                   ('      - num: "4"\n', '      - num: "5"\n        text: to act now.\n      - num: "4"\n')])
    _set(root, "CUB/9", "Cuba", [], action="SUP")
    git.Repo(root).git.switch("main")


def test_side_by_side_with_clashes(lineage):  # noqa: F811
    _live(lineage)
    c = comparemod.compare(lineage, "pp/140", [])
    assert c.base == "PP-22"
    # Merged sets (ACP, EUR, ARB are in editions) are not shown by default.
    assert [s.name for s in c.sides] == ["CAN/1/1", "CUB/9/1", "RCC/3/1"]
    assert [s.submitter for s in c.sides] == ["Canada", "Cuba", "RCC"]
    rows = {r.where: r for r in c.rows}
    r3 = rows["resolves 3"]
    assert [c.sides[k].name for k in r3.clash] == ["CAN/1/1", "RCC/3/1"]
    assert r3.cells[0].result == "3\tto support small island developing states."
    assert r3.cells[2].result == "3\tto support least developed countries."
    assert r3.cells[1].op == "suppressed"
    assert [x.result for x in r3.inserted[0]] == ["5\tto act now."]
    ra = rows["recalling a)"]
    assert not ra.clash and [x.op for x in ra.cells] == ["equal", "suppressed", "modify"]
    assert [r.where for r in c.clashes] == ["resolves 3"]
    assert c.text_clashes == ["CUB/9/1 suppresses the text that CAN/1/1, RCC/3/1 modify"]


def test_same_change_twice_is_no_clash(lineage):  # noqa: F811
    _set(lineage, "RCC/3", "RCC", [("to support developing countries.", "to support all countries.")])
    _set(lineage, "CAN/1", "Canada", [("to support developing countries.", "to support all countries.")])
    c = comparemod.compare(lineage, "pp/140", [])
    r3 = next(r for r in c.rows if r.where == "resolves 3")
    assert [x.op for x in r3.cells] == ["modify", "modify"] and not r3.clash and not c.clashes


def test_named_refs_and_renumbering_shown_as_label_change(lineage):  # noqa: F811
    # Against PP-18, ARB's PP-22 change moved "to report" to the top: a move plus relabelled items.
    c = comparemod.compare(lineage, "pp/140", ["proposals/pp-22/ARB-50A1"])
    assert c.base == "PP-18" and [s.name for s in c.sides] == ["ARB/50A1/1"]
    rows = {r.where: r for r in c.rows}
    cell = rows["resolves 1"].cells[0]
    assert cell.op == "modify" and cell.result.startswith("2\t") and not cell.runs[0].change
    assert rows["resolves 4"].cells[0].op == "move"
    moved = [x for r in c.rows for x in r.inserted[0]]
    assert [x.op for x in moved] == ["moved here"] and moved[0].result == "1\tto report annually to the Council."


def test_cli_text_json_html(lineage):  # noqa: F811
    _live(lineage)
    r = run_cli(lineage, "compare", "pp/140")
    assert r.returncode == 1, "a clash fails, as a finding does"
    out = r.stdout
    assert "! resolves 3 — CLASH: CAN/1/1, RCC/3/1 change it differently" in out
    assert "to support {+small island +}developing [-countries-]{+states+}." in out
    assert "! CLASH: CUB/9/1 suppresses" in out and out.rstrip().endswith("2 clashes")
    data = json.loads(run_cli(lineage, "compare", "pp/140", "--format", "json").stdout)
    r3 = next(r for r in data["rows"] if r["where"] == "resolves 3")
    assert r3["clash"] == ["CAN/1/1", "RCC/3/1"]
    two = json.loads(run_cli(lineage, "compare", "pp/140", "--proposals", "proposals/pp-26/RCC-3,proposals/pp-26/CAN-1",
                            "--format", "json").stdout)
    assert [s["name"] for s in two["sides"]] == ["RCC/3/1", "CAN/1/1"]
    page = run_cli(lineage, "compare", "pp/140", "--format", "html").stdout
    assert page.startswith("<!DOCTYPE html>") and '<tr class="clash">' in page and "<ins>small island </ins>" in page


def test_bad_input(lineage):  # noqa: F811
    for args, needle in ((["compare", "pp/999", "--proposals", "PP-22"], "unknown text pp/999"),
                         (["compare", "pp/140", "--proposals", "nope"], "unknown ref 'nope'"),
                         (["compare", "pp/140"], "no proposal branches")):
        r = run_cli(lineage, *args)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert needle in r.stderr and len(r.stderr.strip().splitlines()) == 1
