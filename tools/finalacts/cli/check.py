"""`finalacts check`, `fmt` and `rules`: the texts themselves."""

from __future__ import annotations

import itertools
import sys
from importlib import import_module
from pathlib import Path
from typing import List, Optional

import typer

from finalacts.checks import runner
from finalacts.checks.reporters import REPORTERS
from finalacts.cli import output
from finalacts.cli.app import app, choices, default_report_format, listed
from finalacts.corpus import catalog
from finalacts.corpus.files import find_root
from finalacts.corpus.findings import UsageError, exit_code
from finalacts.corpus.registry import load_registry
from finalacts.corpus.translation import FOLDER, LANGUAGES
from finalacts.workflows import fmt as formatter
from finalacts.workflows.renumber import transform as renumbering

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
    if edition is not None and load_registry().get(edition) is None:
        raise UsageError(f"--edition {edition}: unknown conference; see schemas/conferences.yaml")
    extra = output.report_files(report_to)
    root = find_root()
    if lang is not None:
        if lang not in LANGUAGES:
            raise UsageError(f"--lang {lang!r}: use one of {', '.join(LANGUAGES)}")
        if changed_since is not None:
            raise UsageError("--lang checks every text of one language; it does not go with --changed-since")
        if root is None or not (root / FOLDER / lang).is_dir():
            raise UsageError(f"no {lang} versions here: no {FOLDER}/{lang}/ folder in the corpus")
        paths = [root / FOLDER / lang]
    earlier = _history(root)
    if changed_since is None and not extra:
        # Findings written as they come: memory does not grow with their number.
        checked = runner.stream(paths or [], root, use_cache=cache, jobs=jobs, edition=edition,
                                 earlier=earlier)
        found = itertools.chain(checked.findings, _unmerged(root, paths))
        kinds = output.report_stream(found, checked.files, format.value if format else default_report_format())
        raise typer.Exit(exit_code(kinds, strict))
    if changed_since is not None:
        if paths:
            raise UsageError("--changed-since takes no PATHS: it checks the files the branch changed")
        from finalacts import git  # only this option needs git

        repo = git.open_repo(root or Path.cwd())
        repo.resolve(changed_since)
        changed = [repo.top / p for p in repo.changed_since(changed_since)]
        report = runner.run_changed(changed, root, use_cache=cache, jobs=jobs, edition=edition, earlier=earlier)
        if not report.files:
            print(f"finalacts: no corpus file is added or changed since {changed_since}", file=sys.stderr)
    else:  # --report: the same findings to each file, held for that
        report = runner.run(paths or [], root, use_cache=cache, jobs=jobs, edition=edition, earlier=earlier)
    findings = report.findings + _unmerged(root, paths)
    output.write_reports(extra, findings, report.files)
    output.report(findings, report.files, format.value if format else default_report_format())
    raise typer.Exit(exit_code(findings, strict))


_UNDER_WAY = ("MERGE_HEAD", "CHERRY_PICK_HEAD", "REBASE_HEAD", "REVERT_HEAD", "rebase-merge", "rebase-apply")


def _unmerged(root: Path | None, paths: list[Path] | None) -> list:
    """During a merge, rebase or cherry-pick, the corpus files git left unmerged with no conflict
    written in them (one side suppressed a text the other changed). git is asked only when its
    folder shows one under way, so that a check at any other time (a pre-commit hook) does not pay
    for starting it."""
    top = next((d for d in ([root, *root.parents] if root else []) if (d / ".git").exists()), None)
    if top is None:
        return []
    dot = top / ".git"
    if dot.is_file():  # a linked worktree: "gitdir: <its own folder in the main repository>"
        line = dot.read_text(encoding="utf-8", errors="replace").strip()
        dot = (top / line[len("gitdir:"):].strip()) if line.startswith("gitdir:") else dot
    if not any((dot / name).exists() for name in _UNDER_WAY):
        return []
    from finalacts.workflows.merge import unmerged

    return unmerged(top, [p.resolve() for p in paths] if paths else None)


def _history(root):
    """Earlier English texts from git, for the redline of a stale translation; loaded only where the
    corpus holds language versions, so that checking a corpus without them never pays for git."""
    if root is None or not (root / FOLDER).is_dir():
        return None
    return import_module("finalacts.workflows.translate").history(root)


@app.command()
def fmt(
    paths: Optional[List[Path]] = typer.Argument(None, help="Files or folders (default: the whole corpus)."),
    check_only: bool = typer.Option(False, "--check", help="Change nothing; exit 1 if a file would change."),
    renumber: bool = typer.Option(False, "--renumber", help="Relabel lists in sequence and fix the references to them."),
):
    """Rewrite files into the canonical layout (deterministic, lossless, comments kept)."""
    notes: list = []  # references --renumber could not follow
    report = formatter.run(paths or [], find_root(), check_only, renumbering(notes) if renumber else None)
    output.notes(notes + report.findings)
    verb = "would reformat" if check_only else "reformatted"
    for path in report.changed:
        output.say(f"{verb} {path}")
    n = len(report.changed)
    print(f"{n} file{'s' * (n != 1)} {verb}, {report.unchanged} unchanged"
          + (f", {len(report.findings)} unreadable" if report.findings else ""))
    if report.findings:
        raise typer.Exit(exit_code(report.findings))
    raise typer.Exit(1 if report.changed else 0)


@app.command()
def rules(format: RulesFormat = typer.Option("text", "--format", "-f", help="text, or markdown (docs/rules.md).")):
    """List every rule: id, severity, what it checks, a passing and a failing example."""
    if format.value == "markdown":
        sys.stdout.write(catalog.as_markdown())
    else:
        print(catalog.as_text())
