"""The rule catalog: every rule id the code reports is listed once, with examples; `finalacts rules`
and docs/rules.md print it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from finalacts.corpus import catalog

PACKAGE = Path(catalog.__file__).resolve().parents[1]
RULE_ID = re.compile(r"[a-z]+(?:-[a-z]+)+")
PREFIXES = tuple(f"{p}-" for p in ("input", "schema", "layout", "numbering", "ref", "space", "word",
                                     "punctuation", "item", "heading", "citation", "edition", "gate",
                                     "tag", "renumber", "import", "render", "owner", "text"))


def reported_ids() -> dict[str, str]:
    """Rule ids passed as string constants to any call in the package (Finding, helpers), with a place."""
    found: dict[str, str] = {}
    for path in PACKAGE.rglob("*.py"):
        if "gates" in path.parts or path.name == "catalog.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            values = []
            if isinstance(node, ast.Call):
                values = [a for a in node.args if isinstance(a, ast.Constant)]
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                if any(isinstance(t, ast.Name) and t.id == "RULE" for t in node.targets):
                    values = [node.value]
            for v in values:
                if isinstance(v.value, str) and RULE_ID.fullmatch(v.value) and v.value.startswith(PREFIXES):
                    found.setdefault(v.value, f"{path.relative_to(PACKAGE)}:{v.lineno}")
    return found


def test_every_reported_rule_is_in_the_catalog():
    missing = {rid: where for rid, where in reported_ids().items() if rid not in catalog.RULES}
    assert not missing, f"rule ids reported but not in the catalog: {missing}"


def test_every_catalogued_rule_is_reported_somewhere():
    reported = set(reported_ids())
    # Reading rules are reported by the loader and the schema validator through their own tables.
    source = "".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")
                     if "gates" not in p.parts and p.name != "catalog.py")
    unused = [r for r in catalog.RULES if r not in reported and f'"{r}"' not in source]
    assert not unused, f"catalogued rules nothing reports: {unused}"


def test_every_rule_has_a_description_and_examples():
    for r in catalog.RULES.values():
        assert r.description and r.passing and r.failing, r.id
        assert r.severity in ("error", "warning", "info"), r.id
        assert r.family in catalog.FAMILIES, r.id


def test_an_id_cannot_be_listed_twice():
    import pytest

    rule = next(iter(catalog.RULES.values()))
    with pytest.raises(ValueError, match="listed twice"):
        catalog._rules(rule, rule)


def test_rules_lists_every_rule_with_examples(run_cli):
    code, out, _ = run_cli("rules")
    assert code == 0
    for rid in catalog.RULES:
        assert f"\n{rid} (" in "\n" + out, rid
    block = out.split("numbering-duplicate (error) [numbering]\n", 1)[1].split("\n", 4)
    assert block[0].strip().startswith("a label used twice")
    assert block[1].strip() == "passing: recalling a), b), c)"
    assert block[2].strip() == "failing: recalling f), g), g), h)"
    for rid in ("gate-sup-cited", "tag-draft", "import-unplaced", "render-forbidden-char", "renumber-ambiguous"):
        assert f"\n{rid} (" in out


def test_docs_rules_md_is_up_to_date(repo_root, run_cli):
    code, out, _ = run_cli("rules", "--format", "markdown")
    assert code == 0
    assert out == catalog.as_markdown()
    on_disk = (repo_root / "docs" / "rules.md").read_text(encoding="utf-8")
    assert on_disk == out, "docs/rules.md is stale: run `finalacts rules --format markdown > docs/rules.md`"
