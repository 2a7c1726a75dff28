"""The one printer of findings: every command reports them through here."""

from __future__ import annotations

import sys

from finalacts.checks import reporters
from finalacts.corpus.findings import Finding


def report(findings: list[Finding], files: int, fmt: str) -> None:
    """A command's result, in a registered format, on standard output."""
    text = reporters.render(fmt, findings, files)
    if text:
        print(text)


def notes(findings: list[Finding]) -> None:
    """Findings beside a command's own output (fmt, import, hooks): one line each, on standard error."""
    for f in findings:
        print(reporters.line(f), file=sys.stderr)
