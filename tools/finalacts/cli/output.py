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


def say(text: str, err: bool = False) -> None:
    """One line of a command's own output that may quote a file's name or words: printed with its
    control characters and line breaks escaped, so no file can add a line or move the cursor."""
    print(reporters.clean(text), file=sys.stderr if err else sys.stdout)


def notes(findings: list[Finding]) -> None:
    """Findings beside a command's own output (fmt, import, hooks): one line each, on standard error."""
    for f in findings:
        print(reporters.line(f), file=sys.stderr)
