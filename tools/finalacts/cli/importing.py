"""`finalacts import resolution|proposals`: existing ITU documents into the corpus."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from finalacts.cli import output as printer
from finalacts.cli.app import choices, import_app
from finalacts.importer.lossless import FLOOR
from finalacts.importer.output import import_proposals as run_proposals
from finalacts.importer.output import import_resolution as run_resolution

ImportVersion = choices("ImportVersion", ("before", "after"))


def _print_import(outcome) -> None:
    printer.notes(outcome.findings)
    if outcome.stdout is not None:
        sys.stdout.write(outcome.stdout)
    for w in outcome.written:
        printer.say(f"wrote {w}", err=True)
    if outcome.unplaced:
        print(f"{outcome.unplaced} unplaced line(s): see the import-unplaced findings", file=sys.stderr)
    for what, got, total in outcome.coverage:
        print(f"{what}: {got} of {total} source words given back ({got / total if total else 1:.1%})",
              file=sys.stderr)


@import_app.command("resolution")
def import_resolution(
    file: Path = typer.Argument(..., help="Plain text, Markdown-like text, .docx, .pdf or Akoma Ntoso .xml "
                                "holding one resolution."),
    body: Optional[str] = typer.Option(None, "--body", help="PP, WTDC, WTSA, RA... (default: from the preamble)."),
    version: Optional[ImportVersion] = typer.Option(None, "--version", help="before or after, where the input holds both (tracked changes)."),
    adopted: Optional[str] = typer.Option(None, "--adopted", help="Conferences that adopted the text, e.g. PP-06,PP-10,PP-14; "
                                    "start with ... when it has earlier editions no source shows (...,PP-14,PP-18)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="File to write, or - for stdout (default: resolutions/<body>/<number>.yaml)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing corpus file."),
    min_words: float = typer.Option(FLOOR, "--min-words", min=0.0, max=1.0,
                                    help="Share of the source's words the import must give back (default 0.97)."),
):
    """Import one resolution; warnings name each flattened revision mark and unplaced line."""
    outcome = run_resolution(file, body, version.value if version else None,
                             [a.strip() for a in adopted.split(",") if a.strip()] if adopted else None, output, force,
                             min_words)
    _print_import(outcome)
    raise typer.Exit(1 if outcome.failed else 0)


@import_app.command("proposals")
def import_proposals(
    file: Path = typer.Argument(..., help="A proposal document as plain text (e.g. APT's ACP/64A1)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Folder to write under (default: the corpus root)."),
    conference: Optional[str] = typer.Option(None, "--conference", help="Conference id, e.g. PP-18 (default: from the texts)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing manifest."),
    min_words: float = typer.Option(FLOOR, "--min-words", min=0.0, max=1.0,
                                    help="Share of each text's words the import must give back (default 0.97)."),
    branch: bool = typer.Option(False, "--branch",
                                help="Make the proposal branch in this corpus repository: one commit per proposal, "
                                     "authored by its tracked-change author."),
):
    """Split a proposal document: manifest under proposals/, each text under imported/ for review."""
    outcome = run_proposals(file, output, conference, force, min_words, write=not branch)
    _print_import(outcome)
    if outcome.failed or not branch:
        raise typer.Exit(1 if outcome.failed else 0)
    from finalacts.workflows.import_branch import make_branch

    made = make_branch(Path.cwd(), outcome.split, outcome.authors)
    for pid, action, target, who, sha in made.commits:
        print(f"{made.branch}: {sha[:10]} {action} {target} (Proposal: {pid}), author {who}", file=sys.stderr)
    for why in made.skipped:
        print(f"{made.branch}: {why}", file=sys.stderr)
    raise typer.Exit(0)
