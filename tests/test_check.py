"""check: clean corpus, manifests validated by their own schema, layout-path, reporters."""

from __future__ import annotations

import json

from finalacts.corpus.files import parse

MANIFEST = """\
id: ACP/64A1
conference: PP-18
base: PP-14
submitter: Asia-Pacific Telecommunity Member Administrations
proposals:
  - number: 1
    action: NOC
    target: constitution
    reasons: No change.
  - number: 2
    action: MDO
    target: pp/11
"""


def test_shipped_corpus_is_the_text_in_force_and_clean_under_strict(repo_root, monkeypatch, run_cli):
    """The example corpus holds the texts in force (their flattening artefacts corrected, examples/NOTES.md
    section 7): `check --strict` is clean; what it says is only which cited texts it does not hold."""
    monkeypatch.chdir(repo_root)
    code, out, _ = run_cli("check", "--strict", "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 0, [f for f in findings if f["severity"] != "info"]
    assert findings and {f["rule"] for f in findings} == {"citation-not-held"}
    code, out, _ = run_cli("fmt", "--check")
    assert code == 0, out


def test_manifest_is_checked_against_the_proposal_schema():
    (f,) = parse(MANIFEST.encode(), "proposals/pp-18/ACP-64A1.yaml").findings
    assert (f.rule, f.line, f.col) == ("schema-value", 11, 13)
    assert f.hint == "did you mean 'MOD'?"


def test_manifest_parses_into_the_model():
    parsed = parse(MANIFEST.replace("MDO", "MOD").encode(), "proposals/pp-18/ACP-64A1.yaml")
    assert not parsed.findings
    assert [p.action for p in parsed.model.proposals] == ["NOC", "MOD"]
    assert parsed.model.proposals[1].at("target").line == 12


def test_layout_path(corpus_copy, run_cli):
    src = corpus_copy / "resolutions/pp/140.yaml"
    (corpus_copy / "resolutions/pp/141.yaml").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 1
    layout = [(f["path"], f["rule"], f["line"]) for f in findings if f["rule"] == "layout-path"]
    assert layout == [("resolutions/pp/141.yaml", "layout-path", 3)]  # at `number:`
    assert next(f for f in findings if f["rule"] == "layout-path")["hint"].startswith("git mv resolutions/pp/141.yaml resolutions/pp/140.yaml")


def test_checking_as_an_earlier_edition_flags_later_claims(corpus_copy, run_cli):
    code, out, _ = run_cli("check", "--edition", "PP-10", "--format", "json", "resolutions/pp/140.yaml")
    after = [f for f in json.loads(out)["findings"] if f["rule"] == "edition-after"]
    assert code == 1 and len(after) == 1 and "PP-14" in after[0]["message"]
    code, out, _ = run_cli("check", "--edition", "PP-14", "--format", "json", "resolutions/pp/140.yaml")
    assert not [f for f in json.loads(out)["findings"] if f["rule"] == "edition-after"]


def test_a_checked_file_leaves_nothing_for_the_cycle_collector(repo_root):
    """A check runs with the cycle collector off (checks/results.py): what a file's check made must
    be freed by reference counting alone, or a corpus's models pile up in memory (a recursive
    closure in the text listing once kept every model of a 5,000-file check)."""
    import gc
    import weakref
    from dataclasses import replace as with_

    from finalacts.checks import runner
    from finalacts.checks.context import Context
    from finalacts.corpus import walk
    from finalacts.corpus.model import texts
    from finalacts.corpus.registry import load_registry

    path = repo_root / "resolutions" / "pp" / "140.yaml"
    ctx = Context(registry=load_registry(), root=repo_root)
    was = gc.isenabled()
    gc.disable()
    try:
        parsed = parse(path.read_bytes(), "resolutions/pp/140.yaml")
        model = weakref.ref(parsed.model)
        assert walk.texts(parsed.model) and texts(parsed.model)
        assert runner.check_parsed(parsed, with_(ctx, index=None)) is not None
        del parsed
        assert model() is None, "the model outlived its check"
    finally:
        if was:
            gc.enable()
