"""`finalacts rules` lists every rule with its id, severity and examples; docs/rules.md is the same list."""

from __future__ import annotations

from importlib import import_module

from finalacts.checks import FAMILIES
from finalacts.findings import INPUT_RULES
from finalacts.ruledocs import as_markdown, parse_docstring, rule_docs


def all_rule_ids():
    ids = set(INPUT_RULES) | {"schema-unknown-key", "schema-required", "schema-type", "schema-value"}
    for name in FAMILIES:
        ids |= set(import_module(f"finalacts.checks.{name}").RULES)
    return ids


def test_rules_lists_every_rule_with_examples(run_cli):
    code, out, _ = run_cli("rules")
    assert code == 0
    for rid in all_rule_ids():
        assert f"\n{rid} (" in "\n" + out, rid
    block = out.split("numbering-duplicate (error) [numbering]\n", 1)[1].split("\n", 4)
    assert block[0].strip().startswith("a label used twice")
    assert block[1].strip() == "passing: recalling a), b), c)"
    assert block[2].strip() == "failing: recalling f), g), g), h)"


def test_every_rule_documents_a_passing_and_a_failing_example():
    docs = rule_docs()
    assert {d.id for d in docs} == all_rule_ids()
    for d in docs:
        assert d.description and d.passing and d.failing, f"{d.family}: {d.id} lacks a description or examples"
        assert d.severity in ("error", "warning", "info")


def test_docs_rules_md_is_up_to_date(repo_root, run_cli):
    code, out, _ = run_cli("rules", "--format", "markdown")
    assert code == 0
    assert out == as_markdown(rule_docs())
    on_disk = (repo_root / "docs" / "rules.md").read_text(encoding="utf-8")
    assert on_disk == out, "docs/rules.md is stale: run `finalacts rules --format markdown > docs/rules.md`"


def test_docstring_parser():
    doc = '''Intro.

`x-one` (error): first line
continued here.

    passing: good
    failing: bad and
      more bad

`x-two` (warning): only a description.
'''
    got = parse_docstring(doc)
    assert got["x-one"] == {"description": "first line continued here.", "passing": ["good"],
                            "failing": ["bad and more bad"]}
    assert got["x-two"]["passing"] == []
