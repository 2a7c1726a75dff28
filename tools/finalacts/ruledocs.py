"""Every rule with its id, severity, description and examples, read from the rule modules.

A rule family's module docstring documents each of its rules as

    `rule-id` (severity): what it checks and why.

        passing: an example that is fine
        failing: an example that is reported

and its `RULES` table gives the default severities. `finalacts rules` prints this list and
docs/rules.md is generated from it, so the documentation cannot drift from the code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import import_module


# Rules reported while reading and schema-validating a file, before any family runs.
_INPUT = {
    "input-encoding": ("The file is not UTF-8.", "a file saved as UTF-8", "a file saved as Windows-1252 with an é"),
    "input-syntax": ("The file is not valid YAML.", "`title: ITU TELECOM events`", "`title: [ITU TELECOM events`"),
    "input-tab": ("A tab is used for indentation.", "indentation with spaces", "a line indented with a tab"),
    "input-duplicate-key": ("A key appears twice in one mapping.", "one `text:` per item",
                            "two `text:` keys in one item"),
    "input-alias": ("YAML anchors and aliases are not used.", "the text written out", "`text: *same`"),
    "input-tag": ("YAML tags are not used.", "`number: 140`", "`number: !!str 140`"),
    "input-empty": ("The file is empty.", "a file starting with `body:`", "an empty file"),
    "input-too-large": ("The file is over 2 MB.", "a resolution of a few hundred KB", "a 3 MB file"),
    "input-not-mapping": ("The top level is not a mapping.", "`body: PP` ...", "`- body: PP`"),
    "input-unreadable": ("The file cannot be opened.", "an existing, readable file", "a path that does not exist"),
}
# Rules reported while reading and schema-validating a file, before any family runs.
READING = {rid: ("error", desc + " Such a file is not checked further; the command exits 2.", ok, bad)
           for rid, (desc, ok, bad) in _INPUT.items()}
READING.update({
    "schema-unknown-key": ("error", "A key the format does not have (often a typo).",
                           "`heading: resolves`", "`heding: resolves`"),
    "schema-required": ("error", "A required key is missing.", "`body`, `number`, `title`, `adopted`, `sections`",
                        "a resolution without `title:`"),
    "schema-type": ("error", "A value of the wrong type.", "`number: 140`", "`number: [140]`"),
    "schema-value": ("error", "A value outside what the format allows.", "`body: PP`", "`body: PPP`"),
})


@dataclass
class RuleDoc:
    id: str
    severity: str
    family: str
    description: str = ""
    passing: list[str] = field(default_factory=list)
    failing: list[str] = field(default_factory=list)


_HEAD = re.compile(r"^`([a-z][a-z0-9-]*)` \((error|warning|info)\):\s*(.*)$")


def parse_docstring(doc: str) -> dict[str, dict]:
    """Rule entries of a module docstring: id -> {description, passing, failing}."""
    out: dict[str, dict] = {}
    cur = None
    mode = "desc"
    for raw in (doc or "").splitlines():
        line = raw.strip()
        m = _HEAD.match(raw)
        if m:
            cur = out.setdefault(m.group(1), {"description": m.group(3), "passing": [], "failing": []})
            mode = "desc"
            continue
        if cur is None:
            continue
        if not line:
            mode = "gap" if mode == "desc" else mode
            continue
        low = line.lower()
        if low.startswith(("passing:", "failing:")):
            mode = low[:7]
            cur[mode].append(line[8:].strip())
        elif mode == "desc":
            cur["description"] += " " + line
        elif mode in ("passing", "failing") and raw.startswith("      "):
            cur[mode][-1] += " " + line
        else:
            cur, mode = None, "desc"
    return out


def rule_docs() -> list[RuleDoc]:
    """Every rule: reading and schema rules first, then each family's in registration order."""
    from .checks import FAMILIES

    docs = [RuleDoc(rid, sev, "reading", desc, [ok], [bad]) for rid, (sev, desc, ok, bad) in READING.items()]
    for name in FAMILIES:
        mod = import_module(f"finalacts.checks.{name}")
        parsed = parse_docstring(mod.__doc__ or "")
        for rid, sev in mod.RULES.items():
            d = parsed.get(rid, {})
            docs.append(RuleDoc(rid, sev, name, d.get("description", ""), d.get("passing", []),
                                d.get("failing", [])))
    return docs


def rule_ids() -> list[str]:
    """Every rule id that can appear in a finding (input-* spelled out)."""
    return [d.id for d in rule_docs()]


def as_text(docs: list[RuleDoc]) -> str:
    """The list for a terminal: id, severity, description, examples."""
    out = []
    for d in docs:
        out.append(f"{d.id} ({d.severity}) [{d.family}]")
        if d.description:
            out.append(f"    {d.description}")
        for ex in d.passing:
            out.append(f"    passing: {ex}")
        for ex in d.failing:
            out.append(f"    failing: {ex}")
    return "\n".join(out)


def as_markdown(docs: list[RuleDoc]) -> str:
    """docs/rules.md: one section per family, one entry per rule."""
    out = ["# Rules", "",
           "Generated by `finalacts rules --format markdown` from the rule modules; do not edit by hand.",
           "",
           "Every finding names its rule. Silence a rule next to what it excuses with `ignore: [rule-id]` on",
           "the item, section, block, annex or resolution; configure a corpus in `pyproject.toml`",
           "(`[tool.finalacts]` `disable = [...]`, `[tool.finalacts.severity]` `rule-id = \"error\"`);",
           "`finalacts check --strict` fails on warnings too.", ""]
    family = None
    for d in docs:
        if d.family != family:
            family = d.family
            out += [f"## {family}", ""]
        out += [f"### `{d.id}` ({d.severity})", ""]
        if d.description:
            out += [d.description, ""]
        for ex in d.passing:
            out.append(f"- passing: {ex}")
        for ex in d.failing:
            out.append(f"- failing: {ex}")
        if d.passing or d.failing:
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
