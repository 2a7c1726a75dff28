"""`finalacts check`, `fmt` and `rules`: the texts themselves."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from finalacts.checks.reporters import REPORTERS
from finalacts.cli import plain
from finalacts.cli.app import app, choices, listed
from finalacts.corpus import catalog
from finalacts.corpus.layout import LANGUAGES

ReportFormat = choices("ReportFormat", REPORTERS)
RulesFormat = choices("RulesFormat", ("text", "markdown"))


@app.command()
def check(
    paths: Optional[List[Path]] = typer.Argument(None, help="Files or folders (default: the whole corpus)."),
    format: Optional[ReportFormat] = typer.Option(None, "--format", "-f", help=f"{listed(REPORTERS)}."),
    strict: bool = typer.Option(False, "--strict", help="Warnings fail too."),
    cache: bool = typer.Option(True, "--cache/--no-cache", help="Reuse results of unchanged files."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Processes (default: all cores)."),
    edition: Optional[str] = typer.Option(None, "--edition", help="Check as the edition of this conference "
                                          "(e.g. PP-14 at its tag): no text may claim a later one."),
    lang: Optional[str] = typer.Option(None, "--lang", help=f"Check the language versions of one language "
                                       f"({', '.join(LANGUAGES)}) against the English texts."),
    changed_since: Optional[str] = typer.Option(None, "--changed-since", help="Check only the files added or changed "
                                                "since the merge-base with this ref (a pull request's target)."),
    report_to: Optional[List[str]] = typer.Option(None, "--report", help="Also write the findings as FORMAT:PATH, "
                                                  "e.g. sarif:finalacts.sarif (repeatable)."),
):
    """Validate corpus files: schema, layout and every rule; exit 0 clean, 1 findings, 2 unreadable."""
    raise typer.Exit(plain.check(paths, format.value if format else None, strict, cache, jobs, edition, lang,
                                  changed_since, report_to))


@app.command()
def fmt(
    paths: Optional[List[Path]] = typer.Argument(None, help="Files or folders (default: the whole corpus)."),
    check_only: bool = typer.Option(False, "--check", help="Change nothing; exit 1 if a file would change."),
    renumber: bool = typer.Option(False, "--renumber", help="Relabel lists in sequence and fix the references to them."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Processes (default: all cores)."),
):
    """Rewrite files into the canonical layout (deterministic, lossless, comments kept)."""
    raise typer.Exit(plain.fmt(paths, check_only, renumber, jobs))


@app.command()
def rules(format: RulesFormat = typer.Option("text", "--format", "-f", help="text, or markdown (docs/rules.md).")):
    """List every rule: id, severity, what it checks, a passing and a failing example."""
    if format.value == "markdown":
        sys.stdout.write(catalog.as_markdown())
    else:
        print(catalog.as_text())
