"""Running the rule families over corpus files.

Each family is a module in this package with a `check(model, ctx)` generator of Findings; its
docstring documents its rules with passing and failing examples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from ..corpus import Parsed, display, parse, read_bytes
from ..findings import Finding, InputError
from ..model import Resolution

FAMILIES = ("layout",)


@dataclass
class Context:
    """What rules may consult besides the file itself."""

    registry: object
    root: Path | None = None


@dataclass
class Report:
    files: int = 0
    findings: list[Finding] = field(default_factory=list)


def _families():
    return [import_module(f"{__name__}.{name}") for name in FAMILIES]


def check_parsed(parsed: Parsed, ctx: Context) -> list[Finding]:
    """Findings for one parsed file: its load/schema findings, then every rule family's."""
    found = list(parsed.findings)
    if parsed.model is not None:
        for fam in _families():
            found.extend(fam.check(parsed.model, ctx))
    if isinstance(parsed.model, Resolution):
        found = [f for f in found if not _ignored(f, parsed.model)]
    return sorted(found)


def _ignored(f: Finding, res: Resolution) -> bool:
    return f.rule in res.ignore


def run(paths: list[Path], root: Path | None) -> Report:
    """Check files (the whole corpus when `paths` is empty); one broken file never stops the rest."""
    from ..corpus import expand
    from ..registry import load_registry

    files = expand(paths, root)
    ctx = Context(registry=load_registry(), root=root)
    report = Report(files=len(files))
    for path in files:
        shown = display(path)
        try:
            raw = read_bytes(path, shown)
        except InputError as e:
            report.findings.append(e.finding)
            continue
        report.findings.extend(check_parsed(parse(raw, shown), ctx))
    return report
