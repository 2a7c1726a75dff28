"""`finalacts codeowners`: GitHub's or GitLab's CODEOWNERS from the members registry."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from finalacts.cli.app import app, choices, listed
from finalacts.workflows.codeowners import FORMATS, generate

OwnersFormat = choices("OwnersFormat", FORMATS)


@app.command()
def codeowners(format: OwnersFormat = typer.Option("github", "--format", "-f", help=f"{listed(FORMATS)}."),
               output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: "
                                                     ".github/CODEOWNERS or .gitlab/CODEOWNERS)."),
               check: bool = typer.Option(False, "--check", help="Change nothing; exit 1 if the file is stale.")):
    """Write CODEOWNERS from members.yaml: each member reviews its own manifests, the secretariat the rest."""
    w = generate(Path.cwd(), format.value, output, check)
    if check:
        print(f"{w.path}: {'stale: run finalacts codeowners' if w.changed else 'up to date'}")
        raise typer.Exit(1 if w.changed else 0)
    print(f"{'wrote' if w.changed else 'unchanged'} {w.path} ({w.entries} patterns)")
