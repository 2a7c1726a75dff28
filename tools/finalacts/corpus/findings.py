"""The one finding type every check, gate and importer reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from operator import attrgetter

from finalacts.corpus.catalog import UNREADABLE

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, order=True)
class Finding:
    """A problem at path:line:col, with the rule that found it and how to fix it."""

    path: str
    line: int
    col: int
    rule: str
    severity: str
    message: str
    hint: str = ""

    @property
    def is_input_error(self) -> bool:
        return self.rule in UNREADABLE

    def to_dict(self) -> dict:
        return asdict(self)


# A finding's place in a sorted list, as order=True compares them: sorting by it makes one tuple per
# finding, where comparing findings makes two per comparison.
ORDER = attrgetter("path", "line", "col", "rule", "severity", "message", "hint")


class InputError(Exception):
    """A file that cannot be read at all; carries the finding that says why."""

    def __init__(self, finding: Finding):
        super().__init__(f"{finding.path}:{finding.line}:{finding.col}: {finding.message}")
        self.finding = finding


class UsageError(Exception):
    """A command used wrongly (unknown ref, bad option value); exit 2 with this one-line message."""


def exit_code(findings, strict: bool = False) -> int:
    """0 clean, 1 findings (warnings count only under strict), 2 unreadable input."""
    return kinds_exit_code({(f.rule, f.severity) for f in findings}, strict)


def kinds_exit_code(kinds: set[tuple[str, str]], strict: bool = False) -> int:
    """`exit_code` from the (rule, severity) pairs of the findings, which is all it depends on."""
    if any(rule in UNREADABLE for rule, _ in kinds):
        return 2
    if any(severity == "error" or (strict and severity == "warning") for _, severity in kinds):
        return 1
    return 0
