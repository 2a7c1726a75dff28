"""Per-corpus configuration: `[tool.finalacts]` in the corpus root's pyproject.toml.

    [tool.finalacts]
    disable = ["word-doubled"]            # rules not run in this corpus
    require-signatures = true             # commits on proposal branches and edition tags are
                                          # signed with keys of members.yaml (the gate reads this
                                          # at the target branch)

    [tool.finalacts.severity]             # error | warning | info | off
    space-missing = "error"
    heading-vocabulary = "off"

Unreadable input (input-*) cannot be disabled or softened: such a file is never checked at all.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from finalacts.corpus import catalog
from finalacts.corpus.disk import display
from finalacts.corpus.findings import SEVERITIES, Finding, UsageError

KEYS = ("disable", "severity", "require-signatures")


@dataclass(frozen=True)
class Config:
    """Rules switched off and severities changed for one corpus."""

    disable: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)
    path: str = ""
    require_signatures: bool = False

    def apply(self, findings: list[Finding]) -> list[Finding]:
        """Drop disabled rules' findings and re-grade the others."""
        out = []
        for f in findings:
            if f.rule in self.disable:
                continue
            sev = self.severity.get(f.rule)
            out.append(replace(f, severity=sev) if sev and sev != f.severity else f)
        return out


def _line_of(text: str, needle: str) -> int:
    """Line where a key or value is written (tomllib gives no positions for valid TOML)."""
    m = re.search(r"(^|[\s\"'\[,])" + re.escape(needle) + r"($|[\s\"'\],=])", text, re.M)
    return text.count("\n", 0, m.end(1)) + 1 if m else 1


def parse_config(text: str, path: str) -> Config:
    """The [tool.finalacts] table of a pyproject.toml text; UsageError naming file:line when wrong."""
    import tomllib  # only for a corpus with a pyproject.toml: most checks have none to read

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise UsageError(f"{path}: invalid TOML: {e}") from None
    table = data.get("tool", {}).get("finalacts")
    if table is None:
        return Config(path=path)
    if not isinstance(table, dict):
        raise UsageError(f"{path}:{_line_of(text, 'finalacts')}: [tool.finalacts] must be a table")
    for key in table:
        if key not in KEYS:
            raise UsageError(f"{path}:{_line_of(text, key)}: [tool.finalacts] unknown setting '{key}' "
                             f"(known: {', '.join(KEYS)})")

    def check_rule(rule, where: str) -> None:
        if not isinstance(rule, str) or rule not in catalog.RULES:
            raise UsageError(f"{path}:{_line_of(text, str(rule))}: [tool.finalacts] {where}: unknown rule "
                             f"'{rule}' (`finalacts rules` lists them)")
        if rule in catalog.UNREADABLE:
            raise UsageError(f"{path}:{_line_of(text, rule)}: [tool.finalacts] {where}: '{rule}' means the "
                             "file could not be read; it cannot be configured")

    disable = table.get("disable", [])
    if not isinstance(disable, list):
        raise UsageError(f"{path}:{_line_of(text, 'disable')}: [tool.finalacts] disable must be a list of rule ids")
    for rule in disable:
        check_rule(rule, "disable")
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise UsageError(f"{path}:{_line_of(text, 'severity')}: [tool.finalacts] severity must be a table "
                         "of rule = \"error\" | \"warning\" | \"info\" | \"off\"")
    grades: dict[str, str] = {}
    off = set(disable)
    for rule, sev in severity.items():
        check_rule(rule, "severity")
        if sev == "off":
            off.add(rule)
        elif sev in SEVERITIES:
            grades[rule] = sev
        else:
            raise UsageError(f"{path}:{_line_of(text, rule)}: [tool.finalacts] severity of '{rule}' is "
                             f"'{sev}'; use error, warning, info or off")
    signed = table.get("require-signatures", False)
    if not isinstance(signed, bool):
        raise UsageError(f"{path}:{_line_of(text, 'require-signatures')}: [tool.finalacts] require-signatures "
                         "must be true or false")
    return Config(frozenset(off), grades, path, signed)


def load_config(root: Path | None) -> Config | None:
    """The corpus configuration, or None when the corpus root has no pyproject.toml."""
    if root is None:
        return None
    pyproject = Path(root) / "pyproject.toml"
    if pyproject.is_symlink():  # like any file of the corpus, never followed
        raise UsageError(f"{display(pyproject)}: a symbolic link (to {os.readlink(pyproject)}), "
                         "which is never followed")
    if not pyproject.is_file():
        return None
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"{display(pyproject)}: cannot read: {e}") from None
    return parse_config(text, display(pyproject))
