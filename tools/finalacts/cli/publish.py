"""`finalacts site` and `finalacts export akn`: the read side, a static site and Akoma Ntoso."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from finalacts.cli.app import app
from finalacts.publish import export as exporting
from finalacts.publish import site as building

export_app = typer.Typer(no_args_is_help=True, help="Export the corpus in other formats (Akoma Ntoso).")
app.add_typer(export_app, name="export")


def _err(line: str) -> None:
    print(f"finalacts: {line}", file=sys.stderr)


@app.command()
def site(
    output: Path = typer.Option(Path("_site"), "--output", "-o", help="Folder to build the site in (replaced whole)."),
    commit_url: Optional[str] = typer.Option(
        None, "--commit-url", help="Link for commits, {sha} replaced, e.g. https://github.com/OWNER/REPO/commit/{sha}."
    ),
    pdf: Optional[bool] = typer.Option(
        None, "--pdf/--no-pdf", help="PDF of each proposal document (default: when LibreOffice is installed)."
    ),
    search: bool = typer.Option(True, "--search/--no-search", help="Build the full-text search index (Pagefind)."),
):
    """Build a static, searchable site of the texts, editions, redlines, history, blame and proposals."""
    report = building.build(
        Path.cwd(),
        output,
        commit_url=commit_url,
        pdf=pdf,
        search=search,
        say=lambda line: print(line, file=sys.stderr, flush=True),
    )
    for line in report.left_out:
        _err(f"left out: {line}")
    for line in report.akn_problems:
        _err(line)
    if report.languages:
        _err(f"{report.languages} pages of texts in other languages (each lists what it lacks)")
    print(
        f"wrote {report.out}: {report.pages} pages, {report.files} files, {report.bytes / 1e6:.1f} MB, "
        f"{report.akn} Akoma Ntoso files; {report.search or 'no search index'}; {report.seconds:.1f} s"
    )
    raise typer.Exit(1 if report.akn_problems else 0)


@export_app.command("akn")
def export_akn(
    output: Path = typer.Option(Path("akn"), "--output", "-o", help="Folder to write into."),
    ref: str = typer.Option("HEAD", "--ref", help="The version to export as current (tag, branch, commit)."),
    editions: bool = typer.Option(True, "--editions/--no-editions", help="Also each edition's version of each text."),
):
    """Every text as Akoma Ntoso 3.0 (AKN4UN), validated against the official XSD."""
    result = exporting.export_akn(Path.cwd(), output, ref, editions)
    for line in result.left_out:
        _err(f"left out: {line}")
    for line in result.problems:
        _err(line)
    print(
        f"wrote {len(result.files)} Akoma Ntoso files to {output}; {result.linked} citations linked, "
        f"{result.unlinked} left as text (the cited text is not in this corpus and the citation names no "
        "year of first adoption)"
    )
    raise typer.Exit(1 if result.problems else 0)


@export_app.command("akn-validate")
def akn_validate(files: List[Path] = typer.Argument(..., help="Akoma Ntoso files to check against the XSD.")):
    """Check Akoma Ntoso files against the official AKN 3.0 XSD (strict); exit 1 when one fails."""
    problems = exporting.validate_files(files)
    for line in problems:
        print(line)
    if not problems:
        print(f"{len(files)} file{'s' * (len(files) != 1)} valid against the Akoma Ntoso 3.0 schema")
    raise typer.Exit(1 if problems else 0)
