"""The one printer of findings: every command reports them through here."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from finalacts.checks import reporters
from finalacts.corpus.files import write_atomic
from finalacts.corpus.findings import Finding, UsageError


def report(findings: list[Finding], files: int, fmt: str) -> None:
    """A command's result, in a registered format, on standard output."""
    text = reporters.render(fmt, findings, files)
    if text:
        print(text)


def report_stream(findings: Iterable[Finding], files: int, fmt: str) -> list[Finding]:
    """`report` for findings as they come, written as they come; returns one finding of each
    (rule, severity) seen, which is all an exit code depends on."""
    seen: dict[tuple[str, str], Finding] = {}

    def noting():
        for f in findings:
            seen.setdefault((f.rule, f.severity), f)
            yield f
    write = sys.stdout.write
    for piece in reporters.stream(fmt, noting(), files):
        write(piece)
    return list(seen.values())


def notes(findings: list[Finding]) -> None:
    """Findings beside a command's own output (fmt, import, hooks): one line each, on standard error."""
    for f in findings:
        print(reporters.line(f), file=sys.stderr)


def report_files(specs: list[str] | None) -> list[tuple[str, Path]]:
    """`--report FORMAT:PATH` options, checked before any work is done."""
    out = []
    for spec in specs or []:
        fmt, sep, path = spec.partition(":")
        if not sep or not path or fmt not in reporters.REPORTERS:
            raise UsageError(f"--report {spec!r}: give FORMAT:PATH with FORMAT one of "
                             f"{', '.join(reporters.REPORTERS)}, e.g. sarif:finalacts.sarif")
        out.append((fmt, Path(path)))
    return out


def write_reports(files: list[tuple[str, Path]], findings: list[Finding], checked: int) -> None:
    """The same findings written to each report file too (one run, several consumers)."""
    for fmt, path in files:
        write_atomic(path, reporters.render(fmt, findings, checked) + "\n")
